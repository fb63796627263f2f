"""Safety: emergencies, crisis, pain and the medical-advice boundary, recognised before anything else.

The pack's ``safety.yaml`` holds a red-flag taxonomy: each emergency *concept* (chest pain,
stroke signs, choking ...) is matched in everyday words through lexical fields and patterns
(see :mod:`voice_guide.nlu.safety_text` for the pattern language), then checked against
context rules (negation, a question about a condition, history, idioms, ...): a phrase only
counts when it reports something happening now, and one such report anywhere wins.

:meth:`SafetyRules.assess` gives one :class:`SafetyFinding` per text; the reply texts, the
confirmation questions, the crisis lines per region and the clinician notice all come from
the pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from voice_guide.nlu.safety_asked import event_then_report, new_after_question
from voice_guide.nlu.safety_cache import PatternCache
from voice_guide.nlu.safety_concepts import build_concept, word_concepts
from voice_guide.nlu.safety_context import ContextRules
from voice_guide.nlu.safety_frames import asked_case, carry_case, carry_question, unquote_sources
from voice_guide.nlu.safety_learned import NetSettings, SafetyNet
from voice_guide.nlu.safety_netread import NetReading
from voice_guide.nlu.safety_phrases import (
    ANOTHER_NOW,
    JUST_DID_AFTER,
    NOT_PATTERNS,
    NOW_IT_DOES,
    NOW_IT_DOES_AFTER,
    SHORT_WILL,
    alone,
    rules_key,
    texts,
    with_found,
)
from voice_guide.nlu.safety_remarks import CalmRemarks
from voice_guide.nlu.safety_replies import REGION_ALIASES, REGION_ENV, SafetyReplies
from voice_guide.nlu.safety_settled import SettledFrames
from voice_guide.nlu.safety_signs import CrisisSigns, without_tail
from voice_guide.nlu.safety_spelling import SpellingFixer, pattern_words
from voice_guide.nlu.safety_tense import BARE_NO, CHECKLIST_EXTRA_WORDS
from voice_guide.nlu.safety_text import PatternCompiler, clauses, normalise, sentence_text
from voice_guide.nlu.safety_types import Concept, FindingKind, Hit, Rule, SafetyFinding
from voice_guide.nlu.state import DialogueState

__all__ = ["REGION_ALIASES", "REGION_ENV", "Concept", "FindingKind", "Hit", "Rule", "SafetyFinding", "SafetyRules"]

_PAIN_QUESTION = re.compile(
    r"^(?:(?:um|so|and|but|ok|okay|now) )*(?:does|do|did|is|are|was|were|will|would|should|how|what|why|when|where|which|might|may)\b"
)
"""A question asked about pain ("does it hurt?", "is that too far?") is not a pain report;
"can you stop, it hurts" is."""


_AMOUNT = re.compile(r"too (?:much|far|hard)")
"""A pain phrase of amount only: said of an answer as well as of a limb (``context.answer_talk``)."""


_ASKED_READY = frozenset({DialogueState.ROUTINE_SAFETY_CHECK, DialogueState.ROUTINE_WAITING, DialogueState.ROUTINE_PAUSED})
"""The routine states in which the guide has just asked whether the person is ready: there "he says yes he's ready
to go" answers the question, and a crisis phrase that is only readiness (``context.ready_answer``) is not crisis talk
(twenty-second session)."""

_RED_FLAGS = frozenset({FindingKind.EMERGENCY, FindingKind.CRISIS})
"""The kinds of finding that are red flags (the rest: pain, the advice boundary, about me, the net's question)."""

_ROUTINE_RUNNING = _ASKED_READY | {DialogueState.ROUTINE_COUNTING}
"""The dialogue states of a running routine: a pain report there stops the routine for pain, so beside a pain phrase
only the net's crisis reading wins there ("not really, he's hurting" at the safety check is pain, not an emergency);
its emergency reading wins only in a known state outside a routine (the spoken path's stateless hypotheses keep the
pain stop, as before the twenty-eighth round)."""

MAX_HEAD_CHARS = 2000
MAX_TAIL_CHARS = 1000
"""A message longer than both is read as its first :data:`MAX_HEAD_CHARS` and its last :data:`MAX_TAIL_CHARS`
characters, a sentence break between (:func:`bounded`): some companion-sign patterns take time growing with the square
of the length, and a pasted page (105,000 characters) took two minutes; a red flag said at the start or the end of a
long message is still read."""


def bounded(text: str) -> str:
    """``text``, or its head and tail when it is longer than :data:`MAX_HEAD_CHARS` + :data:`MAX_TAIL_CHARS` (and the
    break between): a text already bounded is returned as it is, so :meth:`SafetyRules.assess` and the
    :meth:`SafetyRules.hits` it calls never cut twice."""
    if not isinstance(text, str) or len(text) <= MAX_HEAD_CHARS + MAX_TAIL_CHARS + len(". "):
        return text
    head = text[:MAX_HEAD_CHARS + 1].rsplit(None, 1)[0]  # whole words only: a cut "no | chest pain" must not read "o chest pain"
    tail = text[-MAX_TAIL_CHARS - 1:].split(None, 1)[-1]
    return f"{head}. {tail}"


PAIN_IN_ROUTINE = "pain_in_routine"
"""The key of ``safety.yaml``'s pain said by the joint or limb that hurts ("her knee hurts"): a pain stop in a routine,
never a finding in idle or after an answer, where it is what a question is about (thirty-fifth session)."""

_NOTHING_RUNNING = frozenset({DialogueState.IDLE, DialogueState.ANSWERED})
"""The dialogue states with no routine running and nothing being read: a question there that mentions pain
asks about it (no pain stop; seventeenth session)."""


READ_CACHE_SIZE = 256
"""How many recently read texts :meth:`SafetyRules._read` keeps."""



def _restarted(read: Sequence[str], i: int) -> bool:
    """True when clause ``i`` of ``read`` is a false start that the next clause says again ("she is | she is talking
    fine": no "she is" that revives a case put; fifty-eighth session)."""
    return i + 1 < len(read) and read[i + 1].startswith(read[i] + " ")

class SafetyRules(NetReading):
    """The pack's red-flag taxonomy, crisis, pain and advice-boundary rules. Build once per pack."""

    def __init__(self, safety: Mapping[str, Any], region: str | None = None,
                 cache: PatternCache | None = None) -> None:
        data = dict(safety or {})
        self._data = data
        cache = cache if cache is not None else PatternCache(key=rules_key(data))
        self._compiler = PatternCompiler(data.get("fields") or {}, cache)
        self.context = ContextRules.from_data(data.get("context") or {}, self._compiler)
        self.crisis_signs = CrisisSigns.from_data(data.get("crisis_signs"), self._compiler)
        self.calm_remarks = CalmRemarks.from_data(data.get("calm_remarks"), self._compiler)
        self.settled = SettledFrames.from_data(data.get("settled"), self._compiler)
        """Messages that make a phrase a lasting, known state (:mod:`voice_guide.nlu.safety_settled`)."""
        """Remarks of interest, comfort or mood (:mod:`voice_guide.nlu.safety_remarks`)."""
        """Indirect crisis talk: warning-sign families that count together (see :mod:`voice_guide.nlu.safety_signs`)."""
        self.concepts: dict[str, Concept] = {}
        for cid, cdata in (data.get("concepts") or {}).items():
            self.concepts[str(cid)] = build_concept(self._compiler, str(cid), cdata or {})
        for key, kind in (("pain", FindingKind.PAIN), (PAIN_IN_ROUTINE, FindingKind.PAIN),
                          ("medical_advice", FindingKind.MEDICAL_ADVICE), ("about_me", FindingKind.ABOUT_ME)):
            if key in data:
                self.concepts[key] = build_concept(self._compiler, key, {**(data.get(key) or {}), "kind": kind.value})
        self._spelling = {str(k).lower(): str(v).lower() for k, v in (data.get("spelling") or {}).items()}
        self._spelled_phrases = [(re.compile(rf"(?<![a-z0-9]){re.escape(k)}(?![a-z0-9])"), v)
                                 for k, v in self._spelling.items() if " " in k]
        """``spelling:`` keys of several words, replaced before the word-by-word list ("no puede respirar")."""
        self._fixer: SpellingFixer | None = None
        """Built at the first text (its word list takes a moment; start-up does not wait for it)."""
        self._read_texts: dict[tuple[str, bool], str] = {}
        """Recent texts as the rules read them (:meth:`_read`): one message is read several times (the n-best list, the
        net's cues, the states' checks), and reading it is the costly part."""
        self._text_hits: dict[tuple[str, bool], list[Hit]] = {}
        """The hits of the pack's concepts in recent texts (:meth:`hits`), as :attr:`_read_texts`."""
        self.spoken_keywords: dict[str, Concept] = {}
        """Single red-flag words for speech: heard in any hypothesis (and not cancelled by
        context) they make the guide ask the confirmation question rather than answer."""
        self._person = self._compiler.compile("{person}" if "person" in (data.get("fields") or {}) else "he|she",
                                              "fields.person")
        self.spoken_keywords = word_concepts(self._compiler, self.concepts, data, "spoken_keywords")
        self.spoken_weak_words = word_concepts(self._compiler, self.concepts, data, "spoken_weak_words")
        """Weaker words, for speech that was not understood at all (see :meth:`spoken_alarm`)."""
        self.replies = SafetyReplies(data.get("replies") or {}, data.get("regions") or {}, region)
        """The reply texts, filled in for the region (a bad placeholder fails when the pack loads)."""
        self.region = self.replies.region
        self.emergency_answer = self.replies.emergency_answer
        self.pain_answer = self.replies.pain_answer
        self.clinician_notice = str(data.get("clinician_notice") or "").strip()
        """One sentence: the guide does not replace their clinician's advice."""
        self.net_settings = NetSettings.from_data(data.get("learned"))
        """The learned net's file and bars (``learned:``; None: no net)."""
        self.net: SafetyNet | None = None
        """The learned net under the rules (:meth:`use_net`), None until one is attached."""
        cache.save()  # the compiled patterns, for a faster start next time

    # --- building -------------------------------------------------------------------------
    # --- reading --------------------------------------------------------------------------
    def hits(self, text: str, kinds: Iterable[FindingKind] | None = None,
             concepts: Iterable[Concept] | None = None, idioms: bool = True) -> list[Hit]:
        """Every concept phrase in ``text`` with the context rule that cancels it (None: it stands).
        ``idioms=False`` reads the figures of speech (``context.idioms``) literally. The pack's concepts' hits of the
        last :data:`READ_CACHE_SIZE` texts are kept (each concept is read on its own, so those of some kinds are the
        kinds' share of them all)."""
        if concepts is not None:
            return self._hits(text, kinds, concepts, idioms)
        key = (bounded(text), idioms)
        every = self._text_hits.get(key)
        if every is None:
            every = self._hits(text, None, None, idioms)
            if len(self._text_hits) >= READ_CACHE_SIZE:
                self._text_hits.clear()
            self._text_hits[key] = every
        wanted = set(kinds) if kinds is not None else None
        return [h for h in every if wanted is None or self.concepts[h.concept].kind in wanted]

    def _hits(self, text: str, kinds: Iterable[FindingKind] | None, concepts: Iterable[Concept] | None,
              idioms: bool) -> list[Hit]:
        """:meth:`hits`, read afresh."""
        wanted = set(kinds) if kinds is not None else None
        norm = self._read(bounded(text), idioms)  # every reader of the rules (the routine player's too) is bounded
        parts = clauses(norm)
        crisis_parts = [without_tail(p) for p in clauses(norm, run_on=True)]  # twentieth session: crisis talk is read
        # statement by statement; thirty-first: without a texting hedge at a clause's end ("... by summer tbh")
        whole = sentence_text(norm)
        frames = self.calm_remarks.frames(crisis_parts, norm)  # "he is comfortable but ...": no other statement
        out: list[Hit] = []
        over: dict[tuple[bool, int], bool] = {}  # whether clause i's event is told as over, asked once per clause
        story = self.context.story.clauses(parts)  # "so in 2008 i'm in the bath, ... | that stroke is why i ask"

        def resolved_after(crisis: bool, i: int) -> bool:
            key = (crisis, i)
            if key not in over:
                over[key] = (self.context.long_past_next(crisis_parts, i) if crisis
                             else self.context.over_later(parts, i))  # "..., it is just wind, it has gone"
            return over[key]

        for concept in (self.concepts.values() if concepts is None else concepts):
            if wanted is not None and concept.kind not in wanted:
                continue
            read = crisis_parts if concept.kind is FindingKind.CRISIS else parts
            told = [p for p in read if p not in frames] if read is crisis_parts else read
            for rule in concept.rules:
                if rule.with_ and not rule.alone and not with_found(rule, whole, self.context):
                    continue
                for i, clause in enumerate(read):
                    if rule.alone and not alone(clause, told) and not with_found(rule, whole, self.context):
                        continue
                    for m in rule.pattern.finditer(clause):
                        why = None
                        if concept.kind in (FindingKind.EMERGENCY, FindingKind.CRISIS):
                            resolved_next = resolved_after(concept.kind is FindingKind.CRISIS, i)
                            why = self.context.why_not(clause, m.start(), m.end(), rule.source, concept.mild_matters or rule.mild,
                                                       resolved_next, crisis=concept.kind is FindingKind.CRISIS,
                                                       recent=rule.recent)
                            if rule.firm and why != "negation":
                                why = None
                            if why == "negation" and " never " in f" {clause} " and (any(
                                    NOW_IT_DOES.match(p) for p in read[i + 1:i + 2])
                                    or NOW_IT_DOES_AFTER.match(clause[m.end():])):
                                why = None  # "he has never had chest pain before | and now he does"
                            if why == "hypothetical" and ((any(NOW_IT_DOES.match(p) for p in read[i + 1:i + 2])
                                                           and not _restarted(read, i + 1))
                                                          or JUST_DID_AFTER.search(clause[m.end():])):
                                why = None  # "i'm terrified of her collapsing | she just has"
                            if why is None and concept.kind is FindingKind.EMERGENCY and read is parts and i in story:
                                why = "history"  # a story of the past told in the present, ended by a turn to now
                            if why is None and concept.kind is FindingKind.EMERGENCY and read is parts and i > 0 and (
                                    self.context.story.frame_before(read, i, self.context.fiction, self.context.bounds)
                                    or self.context.dream.alone(read[i - 1])):
                                why = "hypothetical"  # "in the soap | the landlady fell down the cellar steps"
                            if why == "history" and any(ANOTHER_NOW.match(p) for p in read[i + 1:i + 2]):
                                why = None  # "he had a seizure last year | and now he is having one again"
                            if why == "question" and event_then_report(clause, m.start(), m.end(), read[i + 1:i + 2], partial(
                                    self.context.why_not, pattern_src=rule.source, mild_matters=concept.mild_matters or rule.mild,
                                    resolved_next=resolved_next, recent=rule.recent), self.context.sign_after_event):
                                why = None  # "is it normal that after she hit her head | she is having trouble staying awake"
                            if why is None and i + 1 < len(read) and BARE_NO.fullmatch(read[i + 1].strip()) and (
                                    len(clause.split()) <= len(m.group(0).split()) + CHECKLIST_EXTRA_WORDS):
                                why = "negation"  # "chest pain | no | breathless | no": a checklist denied
                            if why == "question" and new_after_question(clause, read[i + 1:i + 2]):
                                why = None  # "is it normal for his mouth to hang lower | it is new since his nap"
                        elif concept.kind is FindingKind.PAIN:
                            why = self._pain_context(clause, m.start(), m.end(), rule.source)
                            if why is None and _AMOUNT.fullmatch(m.group(0)) and any(
                                    p.search(whole) for p in self.context.answer_talk):
                                why = "answer_talk"  # "this is too much, make it shorter"
                        out.append(Hit(concept.id, m.group(0), clause, why, rule.firm))
        out = carry_question(self._carry_history(out, parts), parts, self._is_emergency, self.context.now_in)
        out = carry_case(out, parts, self._is_emergency, self.context.now_in,
                         lambda c: any(p.search(c) for p in self.context.hypothetical))  # "if he ever ... | do i call 999"
        out = asked_case(out, parts, self._is_emergency, self.context.now_in)  # "if he got chest pain | what would you say"
        out = self.context.background.apply(out, parts, whole, self._is_emergency, self.context.now_in,
                                            self.context.recent)  # "in 2015 she choked | is it ok to do her exercises"
        out = self._carry_history(out, parts)  # "... | tia they said" after a background's past event
        out = self.context.course.apply(out, whole, self._is_emergency)  # "on my first aid course | face drooped"
        out = self.settled.apply(out, whole, self.context.now_in(whole))  # "... | can i use my good arm"
        if concepts is None and (wanted is None or FindingKind.CRISIS in wanted) and "crisis" in self.concepts:
            sign = self.crisis_signs.crisis(crisis_parts, self.context, frame=frames.__contains__)
            if sign is not None:
                out.append(Hit("crisis", sign.phrase, sign.clause, None))
        return out

    def _is_emergency(self, concept: str) -> bool:
        """True when ``concept`` is of the emergency kind (the frames of the message cancel only those)."""
        return self.concepts[concept].kind is FindingKind.EMERGENCY

    def _carry_history(self, out: list[Hit], parts: list[str]) -> list[Hit]:
        """``out`` with an emergency phrase that goes on telling the past event of the clause before it made history:
        that clause holds a phrase of the same concept cancelled as history, and this one is told in the past with no
        time of its own (:meth:`ContextRules.history_carried`: "she had an allergic reaction as a child | her face
        swelled up"; "he had a heart attack in 2010 | he collapsed" is another concept and stands; twenty-sixth
        session)."""
        past = {(h.concept, h.clause) for h in out if h.cancelled_by == "history"}
        if not past:
            return out
        carried = []
        for h in out:
            if h.cancelled_by is None and h.clause in parts and self.concepts[h.concept].kind is FindingKind.EMERGENCY:
                i = parts.index(h.clause)
                if i > 0 and (h.concept, parts[i - 1]) in past and self.context.history_carried(parts[i - 1], h.clause):
                    h = Hit(h.concept, h.phrase, h.clause, "history")
            carried.append(h)
        return carried

    def __getstate__(self) -> dict[str, Any]:
        """As kept in the engine's derived-data cache: without the texts read so far."""
        state = dict(self.__dict__)
        state["_read_texts"] = {}
        state["_text_hits"] = {}
        return state

    def _read(self, text: str, idioms: bool = False) -> str:
        """``text`` normalised and spelled as the rules read it, with its figures of speech replaced when ``idioms``
        (the last :data:`READ_CACHE_SIZE` texts are kept: a pure function of the text and the rules)."""
        key = (text, idioms)
        read = self._read_texts.get(key)
        if read is None:
            read = self._spell(normalise(unquote_sources(text, self.context.quote_source)))
            read = self.context.strip_idioms(read) if idioms else read
            if len(self._read_texts) >= READ_CACHE_SIZE:
                self._read_texts.clear()
            self._read_texts[key] = read
        return read

    def _spell(self, norm: str) -> str:
        """Common misspellings corrected word by word (``spelling:`` in the pack), then other
        slips near a word of the patterns (:mod:`voice_guide.nlu.safety_spelling`)."""
        for phrase, replacement in self._spelled_phrases:
            norm = phrase.sub(replacement, norm)
        if self._spelling:
            norm = " ".join(self._spelling.get(w, w) for w in norm.split())
        norm = SHORT_WILL.sub(r"\1 will ", norm)
        if self._fixer is None:
            words = texts({k: v for k, v in self._data.items() if k not in NOT_PATTERNS})
            keep = {k for k, v in self._spelling.items() if k == v}  # "overdid: overdid": a word, not a slip
            self._fixer = SpellingFixer(*pattern_words(words), keep=keep)
        return self._fixer.fix(norm)

    def _pain_context(self, clause: str, start: int, end: int, source: str) -> str | None:
        """Pain is cancelled by negation, a hypothetical and any question ("does it hurt?" asks)."""
        if _PAIN_QUESTION.match(clause):
            return "question"
        why = self.context.why_not(clause, start, end, source, False, False)
        return why if why in ("negation", "question", "hypothetical") else None

    def assess(self, text: str, state: DialogueState | None = None) -> SafetyFinding:
        """The most urgent finding in ``text``: emergency, crisis, pain, medical advice, about me, or none.

        The rules decide first; when they find nothing, the learned net (:meth:`learned`) may
        still give the crisis or emergency reply, or ask the confirmation question. It never
        silences a finding of the rules; with ``learned.doubt_at`` an emergency it is all but sure
        is none is asked about (the question still says to call the emergency number).

        ``state``: the dialogue state when known (None: the same reading in every state). In ``idle``
        and ``answered`` (no routine, nothing being read) a message that asks a question gets no pain
        finding ("my knees are sore, is that why her thighs are thin"); in ``idle`` a message that is
        only a bare "end it" (``context.idle_crisis``: there is nothing to end) is crisis talk; at a routine's
        question of readiness (safety check, waiting, paused) a crisis phrase that is only readiness
        (``context.ready_answer``: "he says yes he's ready to go") is the answer, not crisis talk. A very long
        message is read as its head and tail (:func:`bounded`)."""
        text = bounded(text)
        found = self.hits(text)
        live = self._within_crisis([h for h in found if h.cancelled_by is None])
        ready = state in _ASKED_READY
        if ready:
            live = [h for h in live if not self._ready_answer(h)]
        if state in _NOTHING_RUNNING and any(self.concepts[h.concept].kind is FindingKind.PAIN for h in live) \
                and self._asks(text):
            live = [h for h in live if self.concepts[h.concept].kind is not FindingKind.PAIN]
        if state in _NOTHING_RUNNING:  # "her knee hurts when she walks" in idle: a question's material, no pain stop
            live = [h for h in live if h.concept != PAIN_IN_ROUTINE]
        if not live:
            idle = state is DialogueState.IDLE and self._idle_crisis(text)
            return SafetyFinding(FindingKind.CRISIS, "crisis", self.reply(FindingKind.CRISIS), idle) if idle \
                else self._in_fragments(text, self.learned(text, found, ready_answered=ready))
        if not any(self.concepts[h.concept].kind in _RED_FLAGS for h in found):
            net = self.learned(text, found, ready_answered=ready)  # "i cost everyone too much, it would be kinder if i
            if net.kind is FindingKind.CRISIS or (net.kind is FindingKind.EMERGENCY and state is not None
                                                    and state not in _ROUTINE_RUNNING):
                return net  # just disappeared": a pain or advice phrase hides no red flag the net is sure of (only where
                # the rules read no red-flag phrase at all, cancelled or not; in a routine a pain stop stays a pain stop)
        weight: dict[str, int] = {}
        for hit in live:  # a concept's weight: its priority plus how many of its phrases were found
            weight[hit.concept] = weight.get(hit.concept, self.concepts[hit.concept].priority) + 1
        by_kind: dict[FindingKind, Hit] = {}
        for hit in sorted(live, key=lambda h: -weight[h.concept]):
            by_kind.setdefault(self.concepts[hit.concept].kind, hit)
        for kind in FindingKind:
            if kind in by_kind:
                hit = by_kind[kind]
                reply = self.reply(kind)
                if kind is FindingKind.EMERGENCY and (FindingKind.CRISIS in by_kind or self._crisis_beside(text, found)):
                    reply = f"{reply} {self.crisis_line_text()}".strip()
                elif kind is FindingKind.EMERGENCY and self._doubted(text, found):
                    return SafetyFinding(FindingKind.CONFIRM, hit.concept, self.confirm_question(hit.concept), hit.phrase)
                return SafetyFinding(kind, hit.concept, reply, hit.phrase)
        return SafetyFinding(FindingKind.NONE)  # pragma: no cover - every kind is listed

    def _crisis_beside(self, text: str, found: list[Hit]) -> bool:
        """True when the learned net reads ``text``, in which the rules found an emergency and no crisis phrase, as
        crisis: an overdose of the rules told with despair but no crisis phrase gets the emergency reply with the crisis
        line, not the confirmation question (twenty-ninth session; never weaker than the emergency reply alone)."""
        return self.learned(text, found).kind is FindingKind.CRISIS

    def _asks(self, text: str) -> bool:
        """True when ``text`` asks something: a question mark, or a clause that starts as a question
        (``context.question_starts``), or a question asked at its end (``context.question_tails``)."""
        norm = self._read(text)
        return "?" in str(text) or any(p.match(c) for c in clauses(norm) for p in self.context.question_starts) \
            or any(p.search(norm) for p in self.context.question_tails)

    def _ready_answer(self, hit: Hit) -> bool:
        """True when ``hit`` is a crisis phrase that is only readiness ("ready to go": ``context.ready_answer``)."""
        return self.concepts[hit.concept].kind is FindingKind.CRISIS and self._ready_phrase(hit.phrase)

    def _idle_crisis(self, text: str) -> str:
        """The words of ``context.idle_crisis`` that are the whole of ``text`` (a bare "end it"), or ""."""
        whole = sentence_text(self._read(text))
        return next((m.group(0) for p in self.context.idle_crisis if (m := p.fullmatch(whole))), "")

    def _within_crisis(self, live: list[Hit]) -> list[Hit]:
        """``live`` without the phrases of concepts that yield to crisis talk (``yields_to_crisis``)
        lying inside a crisis phrase of the same clause: "she prays she won't wake up" is a wish
        (crisis), not someone who will not wake (collapse)."""
        crisis = [h for h in live if self.concepts[h.concept].kind is FindingKind.CRISIS]
        return [h for h in live if not self.concepts[h.concept].yields_to_crisis or not any(
            (c.clause in h.clause or h.clause in c.clause) and h.phrase in c.phrase and len(c.phrase) > len(h.phrase) for c in crisis)]

    def spoken_alarm(self, text: str, weak: bool = False) -> SafetyFinding | None:
        """A red-flag keyword in a recognizer hypothesis that is not cancelled by its context
        (a weaker sign than :meth:`assess`: for asking, never for answering), or None.
        ``weak`` uses ``spoken_weak_words``, for speech nothing else understood, and only
        when the hypothesis also names a person (field ``person``)."""
        words = self.spoken_weak_words if weak else self.spoken_keywords
        if weak and not self._person.search(normalise(text)):
            return None  # a weak word only counts in talk about someone ("my husband ... chest")
        for hit in self.hits(text, concepts=words.values()):
            if hit.cancelled_by is None and not self.context.said_fine(hit.clause, hit.phrase):  # "breathing is fine"
                kind = self.concepts[hit.concept].kind
                return SafetyFinding(kind, hit.concept, self.reply(kind), hit.phrase)
        return None

    def cancelled_concepts(self, text: str) -> set[str]:
        """Concepts whose phrase is in ``text`` but cancelled by context ("no chest pain")."""
        return {h.concept for h in self.hits(text, (FindingKind.EMERGENCY, FindingKind.CRISIS)) if h.cancelled_by}

    def is_emergency(self, text: str) -> bool:
        """True when ``text`` reports an emergency happening now (the rules, or the learned net
        where the rules find nothing, as :meth:`assess` reads it)."""
        return any(h.cancelled_by is None for h in self.hits(text, (FindingKind.EMERGENCY,))) or (
            self._net_kind(text) is FindingKind.EMERGENCY)

    def is_crisis(self, text: str) -> bool:
        """True when ``text`` is self-harm or suicidal talk (first or third person; the rules,
        or the learned net where the rules find nothing)."""
        return any(h.cancelled_by is None for h in self.hits(text, (FindingKind.CRISIS,))) or (
            self._net_kind(text) is FindingKind.CRISIS)

    def _net_kind(self, text: str) -> FindingKind:
        """The learned net's red-flag kind for a text the rules find nothing in (else ``NONE``)."""
        found = self.hits(text) if self.net is not None else []
        if self.net is None or any(h.cancelled_by is None for h in found):
            return FindingKind.NONE
        return self.learned(text, found).kind

    def is_red_flag(self, text: str) -> bool:
        """True for an emergency or a crisis."""
        return any(h.cancelled_by is None for h in self.hits(text, (FindingKind.EMERGENCY, FindingKind.CRISIS)))

    def is_pain(self, text: str) -> bool:
        """True when ``text`` says a movement hurts ("it hurts", "she's wincing", "that's too far")."""
        return any(h.cancelled_by is None for h in self.hits(text, (FindingKind.PAIN,)))

    def is_medical_advice(self, text: str) -> bool:
        """True when ``text`` asks for a dose, which medicine to take, or whether to stop a treatment."""
        return any(h.cancelled_by is None for h in self.hits(text, (FindingKind.MEDICAL_ADVICE,)))

    # --- replies (voice_guide.nlu.safety_replies) ------------------------------------------
    def crisis_line_text(self) -> str:
        """The crisis-line sentence for the region (a neutral one when no region is set)."""
        return self.replies.crisis_line_text()

    def reply(self, kind: FindingKind) -> str:
        """The reply text for a kind of finding (empty for ``NONE``)."""
        return self.replies.reply(kind)

    def confirm_question(self, concept: str | None) -> str:
        """The one short question asked when a runner-up hypothesis sounded like an emergency."""
        return self.replies.confirm_question(self.concepts.get(concept or ""))

    def confirm_no_reply(self) -> str:
        """Said after "no" to the confirmation question."""
        return self.replies.text("confirm_no")

    def confirm_reply(self, yes: bool, concept: str | None) -> SafetyFinding:
        """The finding for the answer to the confirmation question about ``concept``: on yes
        the emergency (or crisis) reply, on no a short apology (kind ``NONE``)."""
        return self.replies.confirm_reply(yes, concept, self.concepts.get(concept or ""))

    def samples(self) -> list[str]:
        """Sample phrases of every concept (emergency, crisis, pain, ...) for the language model."""
        out: list[str] = []
        for concept in self.concepts.values():
            out.extend(concept.samples)
        for key in ("emergency", "pain"):  # the old layout's samples, if a pack still has them
            out.extend(str(s) for s in (self._data.get(key) or {}).get("samples") or [])
        return out
