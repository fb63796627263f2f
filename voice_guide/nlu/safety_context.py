"""The context rules of the safety rules: when a red-flag phrase is not a report of something happening now.

Split from :mod:`voice_guide.nlu.safety_text` in the twenty-fourth session (no change of behaviour): that module
normalises text, cuts clauses and compiles the pattern language; this one holds :class:`ContextRules`, built from
``safety.yaml`` ``context:``, which reads negation, questions, hypotheticals, history, usual states, softeners and
"it passed" around a phrase.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from voice_guide.nlu import safety_clauses, safety_negation
from voice_guide.nlu.safety_asked import worried_report
from voice_guide.nlu.safety_frames import (
    BackgroundFrame,
    CourseFrame,
    DreamFrame,
    FrameBounds,
    StoryFrames,
    case_put,
    framed,
    quote_source_pattern,
    quoted,
)
from voice_guide.nlu.safety_tense import (
    CAME_BACK,
    CHANGE_NOW,
    DIAGNOSIS_LABEL,
    FIRST_PERSON,
    LOST_NOW,
    NEVER_AGAIN,
    NOT_USUAL,
    ONSET,
    OWN_TIME,
    PAST_VERB,
    PRESENT_STATE,
    PROGRESSIVE,
    STILL_NOW,
    UNIQUE,
    WILL_BE,
    WOULD_HAVE,
    statement,
    told_in_past,
)
from voice_guide.nlu.safety_text import PatternCompiler

_BACK_REFERENCE = re.compile(r" and (?:it|this|that|all this|all of this) (?!(?:is|was) when )")
"""A following statement about the one before ("and it started tonight"; not "and that is when
the wasting started", which dates what came after the event)."""

_CONSEQUENCE = re.compile(r"(?:(?:and|so) )?(?:that is|this is|which is|that was|which was) (?:why|the reason|how come)\b"
                          r"|(?:and )?(?:because of (?:that|it|this)|as a result|since then)\b")
"""A clause that tells the lasting result of the past event before it ("... | that is why his arm is weak")."""

FEARED_GAP_WORDS = 4
"""How many words may stand between a worry of ``context.feared`` and the phrase it cancels ("scared he will | have
another | heart attack": 2; "terrified of him getting | a | clot": 1). Chosen on the twenty-sixth session's own batch:
its worries need at most 2; 4 leaves room for "one day", "on the stairs" and the like."""

_FEARED_BREAK = frozenset("and but because cos so then now".split())
"""Words that end the worry's statement before a phrase ("i'm scared he'll fall | and now he is not breathing")."""

_HURT_SELF = re.compile(r"(?:hurt|hurts|hurting|injured|injures|injure|injuring) (?:myself|himself|herself|themselves)")
"""Crisis talk of hurt that an accident told before it makes no self-harm (``context.accident``)."""

_PRESENT_SPEAKER = re.compile(
    r"^(?:(?:and|but|so|now) )*(?:i|he|she) (?:just |really |honestly |still |simply )?(?:can not|cannot|do not|does not"
    r"|am|is|have no|has no|feel|feels)\b")
"""A statement told in the present by the speaker or the person cared for ("i can not see the point", "he feels")."""

COLOUR_SIGN = re.compile(r"\b(?:blue|bluish|purple|grey|gray|black|red|white|pale|green|stained|dark)\b")
"""A sign of colour, which a food, a drink, ink or paint may explain (``context.colour_cause``; fifty-eighth session)."""

@dataclass(frozen=True)
class ContextRules:
    """When a red-flag phrase is not a report of something happening now.

    Each list holds compiled patterns from ``safety.yaml`` ``context:``."""

    negation: tuple[re.Pattern[str], ...]
    """Cues that negate a phrase that follows them closely ("no", "not", "never", "denies")."""

    negation_window_words: int
    """How many words before a phrase a negation cue may stand."""

    question_starts: tuple[re.Pattern[str], ...]
    """How a question (or a request for information) begins."""

    info_cues: tuple[re.Pattern[str], ...]
    """Words of a question about a condition rather than a report ("cause", "a sign of", "feel like")."""

    hypothetical: tuple[re.Pattern[str], ...]
    """Talk about what might happen ("what if", "in case", "if someone ever")."""

    history: tuple[re.Pattern[str], ...]
    """Markers of a past event ("last year", "in 2019", "years ago", "used to")."""

    present: tuple[re.Pattern[str], ...]
    """Markers of now, which outweigh history in the same clause ("now", "again", "suddenly")."""

    chronic: tuple[re.Pattern[str], ...]
    """Markers of a usual, long-standing state ("always", "every evening")."""

    mild: tuple[re.Pattern[str], ...]
    """Softeners before a phrase ("a bit", "slightly"), for concepts where mild is not urgent."""

    after_event: tuple[re.Pattern[str], ...]
    """A past event that is history only for a phrase not in the present tense ("after her surgery")."""

    present_tense: tuple[re.Pattern[str], ...]
    """Present tense in a phrase or just before it ("is tender", "has gone red")."""

    recent: tuple[re.Pattern[str], ...]
    """Past markers too recent to make crisis talk history ("last night", "yesterday"):
    an attempt last night still needs the crisis reply."""

    resolved: tuple[re.Pattern[str], ...]
    """A clause that says it is over ("but it passed", "she was fine after")."""

    idioms: tuple[re.Pattern[str], ...]
    """Figures of speech removed before matching ("choking back tears", "dying to know")."""

    report: tuple[re.Pattern[str], ...] = ()
    """A report of what someone just did inside a question ("is it dangerous, he took 20
    ibuprofen an hour ago"): the question does not cancel it."""

    crisis_report: tuple[re.Pattern[str], ...] = ()
    """A question that discloses the asker's own crisis feelings ("is it normal to want to
    drive into a wall"): for crisis talk the question does not cancel it."""

    reference: tuple[re.Pattern[str], ...] = ()
    """Talk about what a source says ("the article says", "his nurse mentioned it"): anywhere in
    a message, a cue where the learned net may ask about an emergency of the rules it doubts."""

    well_now: tuple[re.Pattern[str], ...] = ()
    """A statement that someone is well now ("and today she is fine", "he is back to normal
    now"): its time word is no marker of now for a phrase beside it ("she had a seizure in 2020
    and today she is fine" is history)."""

    session_talk: tuple[re.Pattern[str], ...] = ()
    """Talk about using the guide or its session ("i have no idea what to say to it", "we will
    carry on tomorrow"): anywhere in a message, the learned net's crisis reply and question need
    ``learned.session_talk_at``. Never cancels a phrase of the rules."""

    session_whole: tuple[re.Pattern[str], ...] = ()
    """Whole messages of talk to the guide ("i want everything", "he's grand" after the guide's check): when a
    pattern spans all of a message, the learned net gives no reply and no question (nineteenth session,
    second part). Never cancels a phrase of the rules."""

    long_past: tuple[re.Pattern[str], ...] = ()
    """A clause that is only a time long past ("it was a long time ago"): after crisis talk told in the
    past tense it makes it history ("my first husband took his own life, it was a long time ago")."""

    crisis_over: tuple[re.Pattern[str], ...] = ()
    """A later clause that says crisis talk told in the past is over ("i got help", "i do not do that anymore"): with a
    marker of history before it, that talk is history (:meth:`long_past_next`; fifty-sixth session)."""

    grief_coping: tuple[re.Pattern[str], ...] = ()
    """Grief told with what keeps one going ("i miss her so much but the kids keep me going", "dad's been gone ten years
    and i still reach for the phone"): with no crisis phrase of the rules in the message, the learned net's crisis reply
    needs ``learned.recovered_at`` (:meth:`~voice_guide.nlu.safety_cues.SafetyCues.recovered_cue`; fifty-seventh
    session)."""

    feared: tuple[re.Pattern[str], ...] = ()
    """A worry about what might happen one day ("i'm scared he'll fall", "my biggest fear is that she'll choke"): it
    cancels only a phrase that follows it closely in its own statement (:meth:`feared_before`), never crisis talk
    (twenty-sixth session)."""

    accident: tuple[re.Pattern[str], ...] = ()
    """An accident told before "hurt himself" in its statement ("she tripped over the rug and hurt herself"): that hurt
    is no self-harm (twenty-sixth session; :data:`_HURT_SELF`)."""

    news: tuple[re.Pattern[str], ...] = ()
    """Other people in the news or the media ("i saw on the news that a footballer collapsed"): read as ``fiction`` for
    every concept but crisis talk (twenty-sixth session)."""

    fiction: tuple[re.Pattern[str], ...] = ()
    """A story's frame ("in the film the hero ...", "a crime novel where the victim ..."): the phrase after
    it is a hypothetical for every concept; for crisis talk only when no first person follows the frame."""

    cases: tuple[re.Pattern[str], ...] = ()
    """A case put for a time that may come, governing only the words after it up to a report told now ("if mum ever
    starts choking", "say gran came over faint"; forty-second session, :func:`~voice_guide.nlu.safety_frames.case_put`)."""

    suspected: tuple[re.Pattern[str], ...] = ()
    """A sign told as what one thought one saw ("i thought he was choking", "i was worried"): with an ordinary cause
    in one of the two clauses after it (``explained``: "it was the beetroot", "she had just sat down"), it is over
    (:meth:`over_later`; fifty-seventh session)."""

    explained: tuple[re.Pattern[str], ...] = ()
    """The ordinary cause of a sign one thought one saw (``suspected``)."""

    harmless_cause: tuple[re.Pattern[str], ...] = ()
    colour_cause: tuple[re.Pattern[str], ...] = ()
    """A food, a drink, ink or paint that explains a sign of colour (:data:`COLOUR_SIGN`) told right before it ("his
    tongue is blue | he has just had a blue raspberry slushie"; never "her face is drooping | she had beetroot")."""
    """A harmless cause told right after a sign, even with no doubt said first ("his lips are purple | but he has just
    eaten a punnet of blueberries", "her speech is slurry | she has got no teeth in"; fifty-eighth session)."""

    faded: tuple[re.Pattern[str], ...] = ()
    """A sign told as nearly gone after a past event told before it ("her stroke was in march | the droopy face has mostly
    gone now"): over (:meth:`over_later`); alone it stands (a stroke sign that fades still needs the call)."""

    lyrics: tuple[re.Pattern[str], ...] = ()
    """A song's words quoted ("song on the radio goes i can't breathe without you"): what follows it within a few
    words is no report, even in the first person (forty-second session); never for crisis talk."""

    bounds: FrameBounds = FrameBounds()
    """Where a frame of ``news``, ``fiction`` or ``cases`` stops (``report_now``, ``next_event``; forty-third session:
    the word lists moved from code to the pack)."""

    normal_results: tuple[re.Pattern[str], ...] = ()
    """A clause that is only a normal test result in a handover ("troponin neg", "ecg normal"): passed over when
    looking for the clause that says an event told in the past is over (forty-second session; "crushing chest pain |
    trop neg | obs stable | pain free since 4am" has no past verb: the results count and the pain stands)."""

    resolved_after: tuple[re.Pattern[str], ...] = ()
    """The end of the phrase's own clause that says it is over ("he felt faint in the bath so he
    got out and he is fine"): checked on the words after the phrase only, and only when the
    phrase's statement has no marker of now ("my husband is choking and she is fine" stands)."""

    answer_talk: tuple[re.Pattern[str], ...] = ()
    """A request about the guide's answer ("make it shorter", "just the short version"): anywhere in a
    message it cancels a pain phrase of amount only ("too much", "too far", "too hard"): "this is too
    much, make it shorter" is about the answer; "it hurts" beside it stays pain."""

    crisis_bounded: tuple[re.Pattern[str], ...] = ()
    """Words right after crisis talk that bound it to a break or a thing ("i want it all to stop | for a week", "ending
    it | with the care agency"; fifty-third session): no wish to die."""
    idle_crisis: tuple[re.Pattern[str], ...] = ()
    """A whole message that is crisis talk when nothing is going on (dialogue state ``idle``) and a
    command to the guide otherwise: a bare "end it" (seventeenth session; :meth:`SafetyRules.assess`)."""

    ready_answer: tuple[re.Pattern[str], ...] = ()
    """A crisis phrase that is only readiness ("ready to go"): the answer to a routine's question of readiness, not
    crisis talk, in the states where the guide asked it (:meth:`SafetyRules.assess`; twenty-second session)."""

    calm_signs: tuple[re.Pattern[str], ...] = ()
    """The sign words of concepts whose negation is reassurance ("bleeding", "choking", "chest pain"):
    negated by a cue of :attr:`negation` they raise the learned net's bars as a negated red-flag phrase
    does ("he isn't bleeding"; seventeenth session, second round). Signs whose negation is itself an
    emergency (breathing, responding, waking up, stopping) are never listed."""

    knowledge_asks: tuple[re.Pattern[str], ...] = ()
    """A question whether a condition can be seen or told, or which kind it is ("would i be able to tell by looking",
    "which kind would that be"): anywhere in a message with no word of death or harm, the learned net needs
    ``learned.session_talk_at`` for the crisis reply and the question, as in talk to the guide (thirty-third
    session). Never cancels a phrase of the rules."""

    question_tails: tuple[re.Pattern[str], ...] = ()
    """A question asked at the end of an unpunctuated message ("her knees hurt so she doesn't move, is that a thing",
    "my back hurts when i bend down what is it"): with :attr:`question_starts` and a question mark, what makes a
    message ask, so that in idle and after an answer a pain phrase in it is asked about, not a pain stop
    (:meth:`SafetyRules.assess`; thirty-fifth session)."""

    worried_report: tuple[re.Pattern[str], ...] = ()
    """A carer's worried question whose subject is a named person ("is it normal that he", "should i be worried that
    her lips"): with a sign told now after it (:func:`~voice_guide.nlu.safety_asked.worried_report`) the question does
    not cancel the phrase (thirty-sixth session, second round)."""

    sign_after_event: tuple[re.Pattern[str], ...] = ()
    """A sign of illness in the clause after an event told first in a question ("is it normal that after she hit her
    head | she is having trouble staying awake"; not "she is having her lunch"): :func:`~voice_guide.nlu.safety_asked.
    event_then_report` (forty-first session, third review)."""

    course: CourseFrame = CourseFrame()
    dream: DreamFrame = DreamFrame()
    """A dream or a nightmare told (``context.dream``, ``dream_alone``, ``dream_end``; fifty-eighth session)."""
    """A course or a training told about, its signs practised there (``context.course``; fifty-third session)."""
    background: BackgroundFrame = BackgroundFrame()
    """A past event told as the background of a question about the care (``context.background_question``)."""
    story: StoryFrames = StoryFrames()
    """A story of the past told in the present tense, and a story's frame alone in its clause (``context.story_start``,
    ``story_end``, ``story_back``, ``story_now``, ``frame_alone_not``; fifty-second session)."""

    quote_source: re.Pattern[str] | None = None
    """A written or taught source before a quotation (``context.quote_source``; :func:`~voice_guide.nlu.safety_frames.
    unquote_sources`)."""

    fine_after: tuple[re.Pattern[str], ...] = ()
    """The words right after a spoken keyword that say it is fine ("his breathing | is fine during the arm routine"):
    that keyword raises no confirmation question (:meth:`said_fine`; twenty-seventh session)."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any], compiler: PatternCompiler) -> "ContextRules":
        """Build from the ``context:`` mapping of ``safety.yaml``."""
        def pats(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(compiler.compile_all(data.get(key) or [], f"context.{key}"))

        return cls(
            negation=pats("negation"), negation_window_words=int(data.get("negation_window_words") or 3),
            question_starts=pats("question_starts"), info_cues=pats("info_cues"),
            hypothetical=pats("hypothetical"), history=pats("history"), present=pats("present"),
            chronic=pats("chronic"), mild=pats("mild"), recent=pats("recent"), resolved=pats("resolved"), suspected=pats("suspected"), explained=pats("explained"),
            harmless_cause=pats("harmless_cause"), colour_cause=pats("colour_cause"),
            after_event=pats("after_event"), present_tense=pats("present_tense"),
            idioms=pats("idioms"), report=pats("report_in_question"),
            crisis_report=pats("crisis_report_in_question"), well_now=pats("well_now"),
            reference=pats("reference"), session_talk=pats("session_talk"), session_whole=pats("session_whole"),
            resolved_after=pats("resolved_after"), fiction=pats("fiction"), feared=pats("feared"), news=pats("news"), accident=pats("accident"), long_past=pats("long_past"),
            crisis_over=pats("crisis_over"), grief_coping=pats("grief_coping"),
            answer_talk=pats("answer_talk"), idle_crisis=pats("idle_crisis"), crisis_bounded=pats("crisis_bounded"), ready_answer=pats("ready_answer"),
            calm_signs=pats("calm_signs"), fine_after=pats("fine_after"), knowledge_asks=pats("knowledge_asks"),
            question_tails=pats("question_tails"), worried_report=pats("worried_report"), sign_after_event=pats("sign_after_event"),
            normal_results=pats("normal_results"), lyrics=pats("lyrics"), cases=pats("cases"), faded=pats("faded"),
            bounds=FrameBounds(pats("report_now"), pats("next_event"), pats("family_named")),
            story=StoryFrames(pats("story_start"), pats("story_end"), pats("story_back"), pats("story_now"),
                              pats("frame_alone_not")),
            quote_source=quote_source_pattern(data.get("quote_source")),
            course=CourseFrame(pats("course"), pats("course_learning"), pats("course_not")),
            dream=DreamFrame(pats("dream"), pats("dream_alone"), pats("dream_end")),
            background=BackgroundFrame(pats("background_question"), pats("background_time")),
        )

    def strip_idioms(self, text: str) -> str:
        """The text with every idiom replaced by a neutral word."""
        for pattern in self.idioms:
            text = pattern.sub(" idiom ", text)
        return " ".join(text.split())

    def why_not(self, clause: str, start: int, end: int, pattern_src: str, mild_matters: bool,
                resolved_next: bool, crisis: bool = False, recent: bool = False) -> str | None:
        """The context rule that makes the phrase at ``clause[start:end]`` not a report of
        now (``negation``, ``question``, ``hypothetical``, ``history``, ``chronic``, ``mild``,
        ``resolved``), or None when it stands. Crisis talk is only cancelled by negation,
        a question about it and history: "sometimes I think about ..." is crisis talk. For crisis
        and ``recent`` phrases a recent past ("yesterday", "last night") is still now."""
        before = clause[:start].split()
        window = safety_negation.window(clause, start, end, self.negation_window_words, crisis)
        inside = clause[start:end]
        negated_inside = safety_negation.negated_inside(inside, pattern_src)
        if any(p.search(window) for p in self.negation) or negated_inside:
            return "negation"
        if not crisis and any(p.search(clause) for p in self.hypothetical) or self._told_as_story(clause, start):
            return "hypothetical"
        if not crisis and self.dream.told(clause, start):
            return "hypothetical"  # "mum dreamt her heart stopped"
        if not crisis and (quoted(clause, start, self.lyrics) or case_put(clause, start, self.cases, self.bounds)):
            return "hypothetical"  # "song on the radio goes i can't breathe without you", "if mum ever chokes ..."
        if crisis and _HURT_SELF.fullmatch(inside) and any(
                p.search(statement(clause, start, end)[:max(0, start - clause.find(statement(clause, start, end)))])
                for p in self.accident):
            return "accident"  # "grandad tripped over the cat and hurt himself"
        if not crisis and (self.feared_before(clause, start) or self._told_as_story(clause, start, self.news)):
            return "hypothetical"
        if start > 0 and any(p.match(clause) for p in self.question_starts) and any(
                p.search(clause) for p in self.info_cues) and not self._reported(clause, before, inside, crisis, end):
            return "question"  # (a phrase that is itself a question, "what is the point of living", stands)
        part = clause if crisis else statement(clause, start, end)  # "... last year and she is talking like that again"
        timed = self._without_well_now(part)  # "... in 2020 and today she is fine": no "now"
        now = self._now(timed, crisis or recent)
        if now and ONSET.search(timed) and not PRESENT_STATE.search(part) and any(p.search(part) for p in self.history):
            now = self._now(ONSET.sub(" ", timed), crisis or recent)  # "three years ago he had a fit out of the blue"
        now = now or (part != clause and part.endswith(" now"))  # "... in 2021 | and his face is drooping now"
        now = now or (part != clause and STILL_NOW.search(clause[end:]) is not None)  # "... | and he is still lying there"
        rest = clause[end:][len(statement(clause[end:], 0, 0)):] if part != clause else ""
        if not now and _BACK_REFERENCE.match(rest):  # "... not knowing who anyone is | and it started tonight"
            now = any(p.search(rest) for p in self.present)
        if not now and part != clause and PROGRESSIVE.search(part) and not any(p.search(part) for p in self.history):
            now = True  # "she had a reaction to the tablets | and her face is swelling": a change going on now
        scope = clause if crisis else clause[:safety_clauses.own_time_scope(clause, start, end)]  # "... | she has been poorly for weeks"
        if not now and self._history(scope, part if scope == clause else statement(scope, start, end)) and not (
                crisis and (WOULD_HAVE.search(" ".join(before[-3:] + [inside])) or WILL_BE.search(inside)
                            or self._present_beside_past(clause, start, end))):
            return "history"  # (crisis talk in the conditional perfect, "i would have ended it months ago", stands)
        if not now and any(p.search(clause) for p in self.after_event):
            near = " ".join(before[-2:] + [clause[start:end]])
            if not any(p.search(near) for p in self.present_tense) and told_in_past(clause, self.after_event):
                return "history"
        if crisis and any(p.match(clause[end:].lstrip()) for p in self.crisis_bounded):
            return "hypothetical"  # "i just want it all to stop for a week", "thinking about ending it with the agency"
        if crisis:  # (``resolved_next`` for crisis talk: the next clause is only a time long past)
            return "history" if resolved_next and not PRESENT_STATE.search(part) and PAST_VERB.search(part) else None
        if not now and not UNIQUE.search(inside) and not NOT_USUAL.search(clause) and any(
                p.search(scope) for p in self.chronic):
            return "chronic"  # "the worst headache of his life after coughing" is not a usual state
        after = " ".join(clause[end:].split()[:3])  # "mixing up his words a bit"
        if mild_matters and any(p.search(" ".join(before[-3:])) or p.search(inside) or p.match(after)
                                for p in self.mild):
            return "mild"
        if resolved_next or (not now and self._over_after(clause[end:])):
            return "resolved"
        return None

    def _present_beside_past(self, clause: str, start: int, end: int) -> bool:
        """True when crisis talk at ``clause[start:end]`` is its own statement told in the present by a person, with no
        history marker of its own, after a loss told in the past ("my wife died in the spring | and i do not see why i
        should carry on"; thirty-seventh session): the loss is the reason, not the time of the talk."""
        own = statement(clause, start, end)
        return own != clause and _PRESENT_SPEAKER.match(own) is not None and not self._history(own, own)

    def said_fine(self, clause: str, phrase: str) -> bool:
        """True when the words right after ``phrase`` in ``clause`` say it is fine (``fine_after``: "his breathing is
        fine", not "his breathing is not fine" nor "is his breathing ok")."""
        at = clause.find(phrase)
        return at >= 0 and any(p.match(clause[at + len(phrase):].lstrip()) for p in self.fine_after)

    def feared_before(self, clause: str, start: int) -> bool:
        """True when a worry about what might happen (``feared``) ends at most :data:`FEARED_GAP_WORDS` words before
        ``start``, with no new statement between ("i'm scared he'll have another heart attack"; not "i'm scared
        and he is having a heart attack")."""
        for pattern in self.feared:
            for m in pattern.finditer(clause):  # the whole clause: a worry's lookahead sees the phrase ("will overdose")
                if m.end() > start:
                    break
                between = clause[m.end():start].split()
                if len(between) <= FEARED_GAP_WORDS and not _FEARED_BREAK.intersection(between):
                    return True
        return False

    def history_carried(self, before: str, clause: str) -> bool:
        """True when ``clause`` goes on telling the past event of the clause ``before`` it: ``before`` has a marker of
        history and none of now, and ``clause`` is told in the past tense with no time of its own and no state now
        ("she had an allergic reaction as a child | her face swelled up"; not "... years ago | now she is shaking",
        "... in 2010 | this morning his chest felt tight"; twenty-sixth session)."""
        if DIAGNOSIS_LABEL.match(clause):  # "... her face went droopy for a few minutes | tia they said" (54th session)
            return not self._now(before, True) and not self._now(clause, True) and PRESENT_STATE.search(clause) is None \
                and PROGRESSIVE.search(clause) is None and ONSET.search(clause) is None
        if not any(p.search(before) for p in self.history) or self._now(before, True):
            return False
        if _CONSEQUENCE.match(clause):  # "he had a stroke in 2019 | that is why his left arm is weak" (33rd session)
            return not self._now(clause, True) and ONSET.search(clause) is None and not PROGRESSIVE.search(clause)
        if PAST_VERB.search(clause) is None or PRESENT_STATE.search(clause) or PROGRESSIVE.search(clause):
            return False
        return OWN_TIME.search(clause) is None and not self._now(clause, True)

    def _told_as_story(self, clause: str, start: int, frames: tuple[re.Pattern[str], ...] | None = None) -> bool:
        """True when a story's frame (``fiction``) or the news (``frames``, scoped to its own statement) tells the
        phrase at ``start`` (:func:`~voice_guide.nlu.safety_frames.framed`)."""
        return framed(clause, start, self.fiction if frames is None else frames, scoped=frames is not None,
                      bounds=self.bounds)

    def _over_after(self, rest: str) -> bool:
        """True when ``rest`` (the words after a phrase in its clause) ends saying it is over
        (``resolved_after``) with no state told now before that ("and is grey and she is fine")."""
        for pattern in self.resolved_after:
            m = pattern.search(rest)
            if m is not None and not PRESENT_STATE.search(rest[:m.start()]) and " not " not in f" {rest[:m.start()]} ":
                return True
        return False

    def _now(self, text: str, recent_counts: bool) -> bool:
        """True when ``text`` holds a marker of now (``present``; ``recent`` ones when ``recent_counts``)."""
        text = NEVER_AGAIN.sub("never", text)  # "... and the calf never filled out again": no "again" of now
        return any(p.search(text) for p in self.present) or (
            recent_counts and any(p.search(text) for p in self.recent))

    def now_in(self, text: str) -> bool:
        """True when ``text`` holds a marker of now (``present``, not the recent past)."""
        return self._now(text, False)

    def _without_well_now(self, part: str) -> str:
        """``part`` without its statements that someone is well now (``well_now``)."""
        if not self.well_now:
            return part
        for pattern in self.well_now:
            part = pattern.sub(" ", part)
        return " ".join(part.split())

    def _history(self, clause: str, part: str) -> bool:
        """True when a history marker tells of then. "Since the stroke" in another statement
        of the clause places a lasting state, not the time of a phrase in the present tense
        ("in a wheelchair since the stroke | and his calf is swollen and purple"), and so does a recent past told in
        another statement ("yesterday", "last night": the event that led to a state now; fifty-third session)."""
        found = [m for p in self.history for m in p.finditer(clause)]
        if not found:
            return False
        if part == clause or not PRESENT_STATE.search(part):
            return True
        offset = clause.find(part)
        own = [m for m in found if offset <= m.start() < offset + len(part)]
        if not own and any(p.search(clause[:offset] + " " + clause[offset + len(part):]) for p in self.recent):
            return False  # "he had his cast off yesterday | and his calf is hot and swollen": a state now after a recent event
        return bool(own) or any(not m.group(0).startswith("since") for m in found)

    def _reported(self, clause: str, before: list[str], inside: str, crisis: bool, end: int) -> bool:
        """True when a question carries a report of now: "is it dangerous, he took 20 ibuprofen
        an hour ago", or crisis talk in the first person ("is it normal that I keep wishing I
        was dead"), or a worried question about a named person's sign now ending at ``end`` (:attr:`worried_report`)."""
        if crisis and (FIRST_PERSON.search(" ".join(before[-3:] + [inside]))
                       or any(p.search(clause) for p in self.crisis_report)):
            return True
        return any(p.search(clause) for p in self.report) or (
            not crisis and worried_report(clause, end, self.worried_report))

    def is_resolved(self, clause: str) -> bool:
        """True when a clause says the event before it is over."""
        return any(p.search(clause) for p in self.resolved)

    def long_past_next(self, parts: list[str], i: int) -> bool:
        """True when the clause after clause ``i`` of ``parts`` is only a time long past (``long_past``), or when a later
        clause says it is over or that all is well now (``crisis_over``, ``well_now``), nothing after that says it came
        back (:data:`CAME_BACK`), clause ``i`` tells no time now and a marker of history stands in the message ("years ago | i went
        through a dark patch and thought about ending it | i got help and i am in a good place now"; fifty-sixth
        session, own probe r56)."""
        if i + 1 < len(parts) and any(p.search(parts[i + 1]) for p in self.long_past):
            return True
        later = parts[i + 1:]
        over = next((j for j, c in enumerate(later) if any(p.search(c) for p in (*self.crisis_over, *self.well_now))), None)
        if over is None or any(CAME_BACK.search(c) for c in later[over:]):
            return False
        if self._now(parts[i], True):  # "i tried to kill myself last night | i got help": still now
            return False
        return any(p.search(c) for c in parts for p in self.history)

    def over_later(self, parts: list[str], i: int) -> bool:
        """True when one of the two clauses after clause ``i`` of ``parts`` says its event is over
        and no later clause tells a change now ("she hit her head | she was fine after | now she is
        drowsy and being sick": the story goes on, the knock stands). A clause that is only a normal test result is
        passed over ("pt had chest pain overnight | troponin neg | ecg normal | pain free since 4am")."""
        if any(p.search(parts[i]) for p in self.faded) and not self._now(parts[i], True) and any(
                any(h.search(b) for h in self.history) and not self._now(b, True) for b in parts[:i]):
            return True  # "her stroke was in march | the droopy face has mostly gone now"
        past = PAST_VERB.search(parts[i]) is not None
        suspected = any(p.search(parts[i]) for p in self.suspected)  # "i thought he was choking | he was just being silly"
        told = (j for j in range(i + 1, len(parts)) if not (past and any(p.fullmatch(parts[j]) for p in self.normal_results)))
        for j in islice(told, 4 if past else 2):  # (lazily: a message of hundreds of clauses stays linear, the fourth review)
            if self.is_resolved(parts[j]) or (suspected and any(p.search(parts[j]) for p in self.explained)) or any(
                    p.search(parts[j]) for p in self.harmless_cause) or (COLOUR_SIGN.search(parts[i]) is not None and any(
                    p.search(parts[j]) for p in self.colour_cause)):
                return not any(CHANGE_NOW.search(p) and (PRESENT_STATE.search(p) or LOST_NOW.search(p))
                               and not self.is_resolved(p)
                               for p in parts[j + 1:])
        return False
