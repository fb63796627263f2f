"""Frames that put a red-flag phrase out of the here and now (split from :mod:`voice_guide.nlu.safety_context` in the
forty-second session): a story, the news or a course that tells it, a case put ("if mum ever ...", "say gran came over
faint"), a song's words quoted, the words a leaflet or a course puts in quotation marks. Each frame governs only the words after it up to a report told now: "the news said
rain | mum has collapsed", "if mum ever chokes what do i do | she is choking now" stand."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety_tense import PAST_VERB, PLAYED_ROLE, PRESENT_STATE, SPEAKER, statement_start
from voice_guide.nlu.safety_types import Hit


@dataclass(frozen=True)
class FrameBounds:
    """Where a frame stops: the pack's ``context.report_now`` and ``context.next_event`` patterns (``safety.yaml``)."""

    report_now: tuple[re.Pattern[str], ...] = ()
    """A report told now between a frame and a phrase: the frame does not reach past it ("the tv says stay in | dad is
    not breathing", "if mum ever chokes what do i do | she is choking now"), nor past one's own family named there ("the
    radio said snow | grandad collapsed")."""
    next_event: tuple[re.Pattern[str], ...] = ()
    """A word that starts the next event after a frame of the news ("the radio said it's going to snow | and then
    grandad collapsed")."""

    family: tuple[re.Pattern[str], ...] = ()
    """One's own family named (``context.family_named``): after a next event, a story's frame stops there too ("there
    was a documentary on tv | and then grandad collapsed"; forty-fifth session)."""

    def reported(self, text: str) -> bool:
        """True when ``text`` (the words between a frame and a phrase) holds a report told now."""
        return any(p.search(text) for p in self.report_now)

    def names_family(self, text: str) -> bool:
        """True when ``text`` names one's own family (:attr:`family`)."""
        return any(p.search(text) for p in self.family)

    def next_starts(self, text: str) -> bool:
        """True when ``text`` holds a word that starts the next event."""
        return any(p.search(text) for p in self.next_event)


QUOTE_GAP_WORDS = 3
"""How many words may stand between a song's frame and the phrase it quotes ("song goes | i | can't breathe")."""

CASE_GAP_WORDS = 8
"""How many words may stand between a case put and the phrase it governs ("if the sore on his shin ever | started |
bleeding a lot"; "if mum ever chokes what do i do she is choking now": the second phrase has a report before it)."""


def _word_end(clause: str, start: int) -> int:
    """The end of the word that starts at ``start``: a report's verb may be the phrase's first word ("he | stopped
    breathing")."""
    end = clause.find(" ", start)
    return len(clause) if end < 0 else end


def framed(clause: str, start: int, frames: Sequence[re.Pattern[str]], scoped: bool, bounds: FrameBounds) -> bool:
    """True when a frame of ``frames`` ends before ``start`` in ``clause`` and no first person (I, me, my) follows it:
    "in the film the hero jumps off a bridge", not "in my story i cut myself". A ``scoped`` frame (the news, a course,
    an assignment) governs only its own statement and no report told now or next event (``bounds``) stands between it
    and the phrase."""
    own_start = statement_start(clause, start)
    for pattern in frames:
        m = pattern.search(clause)
        if m is None or m.end() > start or SPEAKER.search(PLAYED_ROLE.sub(" ", clause[m.end():])):
            continue
        between = clause[m.end():_word_end(clause, start)]
        if not scoped and bounds.next_starts(between) and bounds.names_family(between):
            continue  # "there was a documentary on tv | and then grandad collapsed"
        if not scoped or (m.start() >= own_start and not bounds.reported(between) and not bounds.next_starts(between)):
            return True
    return False


def quoted(clause: str, start: int, lyrics: Sequence[re.Pattern[str]]) -> bool:
    """True when a song's words (``lyrics``) are quoted at most :data:`QUOTE_GAP_WORDS` words before ``start``, first
    person or not ("song on the radio goes i can't breathe without you")."""
    for pattern in lyrics:
        m = pattern.search(clause)
        if m is not None and m.end() <= start and len(clause[m.end():start].split()) <= QUOTE_GAP_WORDS:
            return True
    return False


def case_put(clause: str, start: int, cases: Sequence[re.Pattern[str]], bounds: FrameBounds) -> bool:
    """True when a case put (``cases``: "if mum ever", "say gran", "for if she") starts before the phrase at ``start``,
    in its statement, at most :data:`CASE_GAP_WORDS` words before it, with no report told now (``bounds``) between."""
    own_start = statement_start(clause, start)
    for pattern in cases:
        for m in pattern.finditer(clause):
            if m.start() > start or m.start() < own_start:
                continue
            between = clause[m.end():start] if m.end() <= start else ""
            reported = m.end() <= start and bounds.reported(clause[m.end():_word_end(clause, start)])
            if len(between.split()) <= CASE_GAP_WORDS and not reported:
                return True
    return False


OPENING_QUOTES = "\"“‘'"
"""Marks that open a quotation in raw text (straight and curly)."""

_CLOSING = {'"': '"”', "“": "”\"", "‘": "’'", "'": "'’"}
"""The marks that close a quotation opened by each of :data:`OPENING_QUOTES`."""

QUOTE_MAX_CHARS = 300
"""The longest quotation that is set aside (a longer span is not taken for one)."""


def unquote_sources(text: str, source: re.Pattern[str] | None) -> str:
    """``text`` (raw, before normalising) with each quotation that a written or taught source introduces (``source``,
    the pack's ``context.quote_source``: "the leaflet says", "poster at the surgery:", "the trainer told us") replaced by
    the words "a quote": what a leaflet or a course says is no report of now ("the leaflet says 'face drooping, arm
    weakness, call 999', does that apply during the exercises?"; fifty-second session). A quotation must open right
    after the source (after a colon or a comma at most) and close within :data:`QUOTE_MAX_CHARS`; a single mark closes
    only before a space, punctuation or the end, so an apostrophe ("don't") does not."""
    if source is None:
        return text
    out: list[str] = []
    at = 0
    for m in source.finditer(text):
        if m.start() < at:
            continue
        rest = text[m.end():]
        lead = len(rest) - len(rest.lstrip(" :,-–"))
        if lead >= len(rest) or rest[lead] not in OPENING_QUOTES:
            continue
        opening = rest[lead]
        begin = m.end() + lead + 1
        end = _closing_at(text, begin, opening)
        if end is None:
            continue
        out.append(text[at:begin] + "a quote")
        at = end
    out.append(text[at:])
    return "".join(out)


def _closing_at(text: str, begin: int, opening: str) -> int | None:
    """Where the quotation opened by ``opening`` just before ``begin`` closes (the index of its closing mark), or
    None when it does not close within :data:`QUOTE_MAX_CHARS`."""
    for i in range(begin, min(len(text), begin + QUOTE_MAX_CHARS)):
        if text[i] in _CLOSING[opening] and i > begin:
            after = text[i + 1:i + 2]
            if text[i] in "'’" and after and (after.isalnum()):
                continue  # an apostrophe: "don't", "it's"
            return i
    return None


QUOTE_AHEAD = "(?=[\\s:,\\-\u2013]*[\"\u201c\u2018'])"
"""What must follow a quotation's source (``context.quote_source``): a quotation mark, after a colon or a comma at most."""


def quote_source_pattern(source: object) -> re.Pattern[str] | None:
    """The pack's ``context.quote_source`` (a plain regular expression on raw text) compiled without regard to case and
    followed by :data:`QUOTE_AHEAD`; None when the pack has none."""
    if not source:
        return None
    try:
        return re.compile(f"(?:{source}){QUOTE_AHEAD}", re.IGNORECASE)
    except re.error as err:
        raise ContentError(f"safety.yaml: context.quote_source: bad pattern {source!r}: {err}") from None


def _any(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


@dataclass(frozen=True)
class StoryFrames:
    """A story of the past told in the present tense, and a story's frame alone in its clause (fifty-second session):
    the pack's ``context.story_start``, ``story_end``, ``story_back``, ``story_now`` and ``frame_alone_not``."""

    start: tuple[re.Pattern[str], ...] = field(default=())
    """A clause that sets a story in a time long past ("so in 2008", "last spring", "years ago now")."""
    end: tuple[re.Pattern[str], ...] = field(default=())
    """A clause that turns from the story to now ("he pulled through", "anyway he is doing great now")."""
    back: tuple[re.Pattern[str], ...] = field(default=())
    """A clause that places the clauses before it in a time long past ("that was last june")."""
    now: tuple[re.Pattern[str], ...] = field(default=())
    """Words of now that no story of the past holds ("right now", "today", "again"): the story stops there."""
    alone_not: tuple[re.Pattern[str], ...] = field(default=())
    """A clause that is a story's frame in words but may tell a real event ("in the game": a match)."""

    def clauses(self, parts: Sequence[str]) -> frozenset[int]:
        """The clauses of ``parts`` told inside a story of the past: from a clause that sets it in a time long past
        (with no word of now) up to, not including, the first later clause that turns to now; none when no such turn
        follows. A clause with a word of now ends the story before it ("in 2019 he had a stroke | now his face is
        drooping again" stands). The clauses before one that places them in the past ("that was last june") are a
        story too."""
        told: set[int] = set()
        for j, part in enumerate(parts):
            if j in told or not _any(self.start, part) or _any(self.now, part):
                continue
            span = [j]
            for i in range(j + 1, len(parts)):
                if _any(self.end, parts[i]):
                    told.update(span)
                    break
                if _any(self.now, parts[i]):
                    break
                span.append(i)
        for k, part in enumerate(parts):  # "he's fitting, i'm timing it | that was last june"
            if _any(self.back, part):
                for i in range(k - 1, -1, -1):
                    if _any(self.now, parts[i]):
                        break
                    told.add(i)
        return frozenset(told)

    def frame_alone(self, part: str, fiction: Sequence[re.Pattern[str]]) -> bool:
        """True when the clause ``part`` is only a story's frame (one of ``fiction``: "in the soap", "on eastenders"):
        it frames the next clause; never one of :attr:`alone_not` ("in the game | he collapsed": a match watched)."""
        if _any(self.alone_not, part):
            return False
        return any((m := p.search(part)) is not None and m.start() == 0 and m.end() >= len(part.rstrip())
                   for p in fiction)

    def frame_before(self, parts: Sequence[str], i: int, fiction: Sequence[re.Pattern[str]], bounds: FrameBounds) -> bool:
        """True when a story's frame alone (:meth:`frame_alone`) stands at most :data:`FRAME_REACH_CLAUSES` clauses
        before clause ``i`` of ``parts``, and neither clause ``i`` nor a clause between has a first person, a word of
        now or one's own family ("film last night | avalanche | guy buried ten minutes | dug out blue and not
        breathing"; "in the soap | the landlady fell"; not "in the soap | ... | dad has collapsed")."""
        if i < 1:
            return False
        if self.frame_alone(parts[i - 1], fiction):
            return True

        def unclean(part: str) -> bool:
            return SPEAKER.search(part) is not None or _any(self.now, part) or bounds.names_family(part)

        if unclean(parts[i]) or unclean(parts[i - 1]):
            return False
        for k in range(i - 2, max(-1, i - 1 - FRAME_REACH_CLAUSES), -1):
            if self.frame_alone(parts[k], fiction):
                return True
            if unclean(parts[k]):
                return False
        return False
        return False


FRAME_REACH_CLAUSES = 3
"""How many clauses back a story's frame alone may stand ("film last night | avalanche | guy buried ten minutes | dug out
blue and not breathing"; fifty-eighth session): the clauses between tell the story, none with a first person, a word
of now or a report of one's own people."""


REPORT_START = re.compile(
    r"^(?:(?:and|but|so|now|oh|help) )*(?:he|she|they|my \w+|mum|mom|mam|dad|nan|gran|grandad|grandpa|grandma|husband|wife)"
    r" (?:is|are|has|have|keeps|can not|will not|just|suddenly)\b")
"""A clause that starts as a report of a person now ("he is not breathing"): a course named elsewhere in the message
does not reach it (:meth:`CourseFrame.covers`)."""


@dataclass(frozen=True)
class CourseFrame:
    """A course or a training told about (fifty-third session, own probe r53): signs practised or learned there are no
    report ("on my first aid course the choking dummy was going blue and we practised back blows"; "high spinal injury,
    face flushed, head pounding, that was the scenario on our care training today"). The pack's ``context.course``
    (where: "on my first aid course"), ``course_learning`` (what: "we practised", "the scenario", "the dummy") and
    ``course_not`` (a report now: "right now", "help", "call 999")."""

    where: tuple[re.Pattern[str], ...] = field(default=())
    learning: tuple[re.Pattern[str], ...] = field(default=())
    not_: tuple[re.Pattern[str], ...] = field(default=())

    def taught(self, whole: str) -> bool:
        """True when the message (``whole``) names a course, something learned there, and no report of now."""
        return _any(self.where, whole) and _any(self.learning, whole) and not _any(self.not_, whole)

    def covers(self, clause: str) -> bool:
        """True when a phrase in ``clause`` is told of the course: the clause names the course or what was learned, or
        it is no report of a person now (:data:`REPORT_START`: "we learned cpr on the course | he is not breathing"
        stands)."""
        return _any(self.where, clause) or _any(self.learning, clause) or REPORT_START.match(clause) is None

    def apply(self, out: list[Hit], whole: str, emergency: Callable[[str], bool]) -> list[Hit]:
        """``out`` with each live emergency phrase (``emergency`` of its concept) the course covers cancelled as
        ``hypothetical``, when the message (``whole``) tells of a course (:meth:`taught`)."""
        if not self.taught(whole):
            return out
        return [replace(h, cancelled_by="hypothetical") if h.cancelled_by is None and emergency(h.concept)
                and self.covers(h.clause) else h for h in out]


@dataclass(frozen=True)
class BackgroundFrame:
    """A past event told as the background of a question about the care today (fifty-third session, own probe r53c):
    "the christmas before covid gran choked on a bit of turkey ... | is it ok to do her arm exercises straight after
    meals". The pack's ``context.background_question`` (the message's last clause asks about the exercises, the
    muscles or the care, never about first aid) and ``background_time`` (a time long past in the message)."""

    question: tuple[re.Pattern[str], ...] = field(default=())
    time: tuple[re.Pattern[str], ...] = field(default=())

    def asked_at(self, parts: Sequence[str], whole: str) -> int | None:
        """The index of the last clause of ``parts`` when it asks about the care and the message (``whole``) names a
        time long past; None otherwise."""
        asked = [i for i, part in enumerate(parts) if part.strip() and _any(self.question, part)]
        if not asked or not _any(self.time, whole) or any(p.strip() for p in parts[asked[-1] + 1:]):
            return None
        return asked[-1]

    def apply(self, out: list[Hit], parts: Sequence[str], whole: str, emergency: Callable[[str], bool],
              now: Callable[[str], bool], recent: Sequence[re.Pattern[str]]) -> list[Hit]:
        """``out`` with each live emergency phrase (``emergency`` of its concept) told in the past before the last
        clause that asks about the care (:meth:`asked_at`) cancelled as history; a clause in the present, with a word
        of now (``now``) or of a recent past (``recent``), stands."""
        asked = self.asked_at(parts, whole)
        if asked is None:
            return out
        told = set(parts[:asked])
        return [replace(h, cancelled_by="history") if h.cancelled_by is None and h.clause in told
                and emergency(h.concept) and PAST_VERB.search(h.clause) and not PRESENT_STATE.search(h.clause)
                and not now(h.clause) and not _any(recent, h.clause) else h for h in out]


_PERSON_STATE = re.compile(r"\b(?:he|she|they|i|mum|mom|dad|my \w+|his|her) (?:has|have|had|is|are|was|can not|cannot|will not|could not|just)\b")
"""A person's state told in a clause (never carried as a question's alternative)."""

_OR_ALTERNATIVE = re.compile(r"^or (?:is|are|was|does|do|did|can|could|would|will|should|has|have|it|the|that|maybe|perhaps|more)\b")
"""A clause that goes on with the question before it as its other alternative ("can a blood clot cause muscle wasting |
or is it more the other way round, that being stuck in bed causes clots")."""


def carry_question(out: list[Hit], parts: Sequence[str], emergency: Callable[[str], bool],
                   now: Callable[[str], bool]) -> list[Hit]:
    """``out`` with each live emergency phrase (``emergency`` of its concept) of a clause that offers the other
    alternative of the question before it (:data:`_OR_ALTERNATIVE`), or of the clause right after that one, cancelled
    as a question when that question's own phrase was (fifty-fourth session, own probe r54); a clause with a word of
    now (``now``) stands."""
    asked = {h.clause for h in out if h.cancelled_by == "question" and emergency(h.concept)}
    if not asked:
        return out
    carried = []
    for h in out:
        if h.cancelled_by is None and emergency(h.concept) and h.clause in parts:
            i = parts.index(h.clause)
            alternative = (i > 0 and parts[i - 1] in asked and _OR_ALTERNATIVE.match(h.clause)) or (
                i > 1 and parts[i - 2] in asked and _OR_ALTERNATIVE.match(parts[i - 1]))  # "or is it ... | that ..."
            if alternative and not now(h.clause) and not PRESENT_STATE.search(h.clause) and not _PERSON_STATE.search(h.clause):
                h = replace(h, cancelled_by="question")
        carried.append(h)
    return carried


_CASE_ASKED = re.compile(
    r"^(?:(?:so|and|then|or|but) )*(?:is (?:that|it|this)|would (?:that|it|this) be|could (?:that|it|this) be"
    r"|(?:do|should|shall|would|must) (?:i|we)|what (?:do|should) (?:i|we))\b")
"""A clause that asks about the case put before it ("if he ever got a pounding headache | is that the dysreflexia
thing"; "if he ever gets chest pain during the exercises | do i stop and call 999 straight away")."""


def carry_case(out: list[Hit], parts: Sequence[str], emergency: Callable[[str], bool],
               now: Callable[[str], bool], case: Callable[[str], bool]) -> list[Hit]:
    """``out`` with each live emergency phrase (``emergency`` of its concept) of a clause that asks about the case put
    in the clause right before it (:data:`_CASE_ASKED`) cancelled as hypothetical, when every emergency phrase of that
    clause was cancelled as hypothetical (or it has none and puts a case, ``case``: "if she ever has a fit in the bath |
    do i pull her out first or call 999") and no clause of the message holds a live one outside the question
    (fifty-seventh session, own probe r57); a question with a word of now (``now``: "if he ever | is that what is
    happening now") or a person's state told in it stands."""
    by_clause: dict[str, list[Hit]] = {}
    for h in out:
        if emergency(h.concept):
            by_clause.setdefault(h.clause, []).append(h)
    carried_to: set[str] = set()
    for i, clause in enumerate(parts):
        if i == 0 or not _CASE_ASKED.match(clause) or now(clause) or _PERSON_STATE.search(clause):
            continue
        before = by_clause.get(parts[i - 1], [])
        if (before and all(h.cancelled_by == "hypothetical" for h in before)) or (not before and case(parts[i - 1])):
            carried_to.add(clause)
    if not carried_to or any(h.cancelled_by is None and h.clause not in carried_to
                             for hits in by_clause.values() for h in hits):
        return out
    return [replace(h, cancelled_by="hypothetical") if h.cancelled_by is None and h.clause in carried_to
            and emergency(h.concept) else h for h in out]



@dataclass(frozen=True)
class DreamFrame:
    """A dream or a nightmare told (fifty-eighth session, own probe r58): what happened in it is no report ("mum dreamt
    her heart stopped", "in my dream i forgot his tablets and he turned blue", "bad dream last night | i was choking on a
    fish bone"). The pack's ``context.dream`` (the words that tell a dream), ``dream_alone`` (a clause that is only a
    dream's frame) and ``dream_end`` (words that leave the dream: "woke", "now", "really"). Never crisis talk."""

    frames: tuple[re.Pattern[str], ...] = field(default=())
    alone_: tuple[re.Pattern[str], ...] = field(default=())
    end: tuple[re.Pattern[str], ...] = field(default=())

    def told(self, clause: str, start: int) -> bool:
        """True when a dream's frame ends before ``start`` in ``clause`` with no word that leaves the dream between
        ("she dreamt she had a stroke and | could not talk"; not "i had a bad dream and woke up and | he is choking")."""
        for pattern in self.frames:
            for m in pattern.finditer(clause):
                if m.end() <= start and not _any(self.end, clause[m.end():start]):
                    return True
        return False

    def alone(self, part: str) -> bool:
        """True when the clause ``part`` is only a dream's frame ("bad dream last night"): it frames the next clause."""
        return any(p.fullmatch(part.strip()) for p in self.alone_)


_CASE_OPENERS = "let us say|lets say|let say|suppose|supposing|hypothetically|worst case|god forbid"
"""Words that open a case put, in one clause with it or alone before it (:data:`_CASE_IF`, :data:`_CASE_ALONE`)."""

_CASE_IF = re.compile(r"^(?:(?:and|but|so|ok|okay|um|er|right|hypothetically|question|quick question|just wondering)"
                      rf" )*(?:(?:{_CASE_OPENERS}|in theory) )*(?:if|{_CASE_OPENERS})\b"
                      r"(?! (?:\w+ ){0,2}?(?:is|are|am|has gone|have gone|has turned|keeps|looks|feels|still)\b)")
"""A clause that puts a case with "if" and no state told now ("if he got chest pain halfway through a session"; not
"if he is not breathing")."""

_CASE_QUESTION = re.compile(
    r"^(?:(?:so|and|then|or|but|um|er) )*(?:what (?:would|should|do|does|shall|could|must|happens|will|is the (?:first|best"
    r"|right))|would (?:you|it|that|i|we|this)|should (?:i|we)|do (?:i|we)|who (?:do|should|would|will)|how (?:do|should"
    r"|would|can|could) (?:i|we)|(?:can|could|will) you|is it|is that|am i)\b")
"""A question about the case put before it: what to do, what would follow ("| what would you tell me to do", "| would it
be 111 or 999", "| would you still tell me to call someone")."""


_CASE_ALONE = re.compile(rf"(?:(?:and|so|ok|okay|um|er|right) )*(?:{_CASE_OPENERS}|say|worst case scenario|in theory"
                         r"|for argument s sake|just for argument s sake)")
"""A clause that is only the words that put a case ("let's say, | worst case, | he stops breathing | can you talk me
through cpr"): the clause after it (after one or two of them) puts the case."""


_CASE_TAG = re.compile(r"(?:right|yes|yeah|correct|is that right|am i right|yes or no|is it)")
"""A question tag after a case put and what one would do ("if someone's lips went blue | i stop and ring 999 | right")."""


_CASE_GOES_ON = re.compile(
    r"^(?:(?:and|but|then|or) )*(?:(?:i|we) (?:stop|call|ring|phone|dial|would|should|just|then|need|must)\b"
    r"|(?!(?:he|she|they|it|i|we|you|mum|mom|mam|dad|my|his|her|our|their|the|a|an|someone|somebody|this|that)\b)\w+)")
"""A clause between a case put and its question that goes on with the case, no new report: a verb without a subject
("| kept saying she is fine |") or what one would do ("| i stop and ring 999 |"); never "| she fell and can not get up |"
("if anyone can help | she fell ... | what do i do" stands)."""


def _after_case_alone(parts: Sequence[str], i: int) -> bool:
    """True when the clause right before clause ``i`` of ``parts`` only puts a case (:data:`_CASE_ALONE`; "let's say |
    god forbid | she stops breathing": the nearest one is enough)."""
    return i > 0 and _CASE_ALONE.fullmatch(parts[i - 1]) is not None


def asked_case(out: list[Hit], parts: Sequence[str], emergency: Callable[[str], bool],
               now: Callable[[str], bool]) -> list[Hit]:
    """``out`` with each live emergency phrase of a clause that puts a case with "if" (:data:`_CASE_IF`), followed by a
    clause that asks what to do about it (:data:`_CASE_QUESTION`), cancelled as hypothetical (fifty-eighth session, own
    probe r58: "if he got chest pain halfway through a session | what would you tell me to do"), when neither clause
    has a word of now (``now``) and no other clause of the message holds a live emergency phrase."""
    cased: set[str] = set()
    for i in range(len(parts) - 1):
        if not (_CASE_IF.match(parts[i]) or _after_case_alone(parts, i)) or now(parts[i]):
            continue
        asked = next((q for q in range(i + 1, min(i + 3, len(parts))) if _CASE_QUESTION.match(parts[q])
                      or _CASE_TAG.fullmatch(parts[q])), None)  # "if granny fell ... | kept saying she is fine | would you"
        if asked is not None and all(_CASE_GOES_ON.match(p) for p in parts[i + 1:asked]):
            cased.update(parts[i:asked])
    live = [h for h in out if h.cancelled_by is None and emergency(h.concept)]
    if not cased or not live or any(h.clause not in cased for h in live):
        return out
    return [replace(h, cancelled_by="hypothetical") if h in live else h for h in out]
