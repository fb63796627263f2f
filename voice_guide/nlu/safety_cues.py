"""The context cues of the safety rules that move the learned net's bars: a calm denial, a figure of speech,
a recovery, a question's or history's cue, a source, session talk and a crisis warning sign.

Split from :mod:`voice_guide.nlu.safety` (twenty-third session, no change of behaviour): :class:`SafetyCues` is
the mixin :class:`~voice_guide.nlu.safety.SafetyRules` reads them through; it needs the rules' ``context``,
``concepts``, ``crisis_signs``, :meth:`hits` and :meth:`_read`.
"""

from __future__ import annotations

from collections.abc import Iterable

from voice_guide.nlu.safety_context import ContextRules
from voice_guide.nlu.safety_phrases import BETTER_OFF, DEATH_WORD, PERSISTS
from voice_guide.nlu.safety_remarks import CalmRemarks
from voice_guide.nlu.safety_signs import CrisisSigns
from voice_guide.nlu.safety_text import clauses, normalise, sentence_text
from voice_guide.nlu.safety_types import Concept, FindingKind, Hit

__all__ = ["RECOVERED_KINDS", "SafetyCues"]

RECOVERED_KINDS = frozenset({FindingKind.CRISIS, FindingKind.EMERGENCY})
"""The kinds of a phrase read as history that, beside a statement that someone is well now, raise the net's bars
(``learned.recovered_at``). Crisis only until the twentieth session; the twenty-first added emergencies ("she took
an overdose years ago and she's doing really well now": the net's question at 0.81; measured in
tests/data/safety/README.md, Twenty-first round)."""


class SafetyCues:
    """The cues of a message's context that the learned net's bars read (mixed into ``SafetyRules``)."""

    context: ContextRules
    concepts: dict[str, Concept]
    crisis_signs: CrisisSigns
    calm_remarks: CalmRemarks
    spoken_keywords: dict[str, Concept]
    spoken_weak_words: dict[str, Concept]

    def hits(self, text: str, kinds: Iterable[FindingKind] | None = None,
             concepts: Iterable[Concept] | None = None, idioms: bool = True) -> list[Hit]:
        """Every concept phrase in ``text`` with the context rule that cancels it (``SafetyRules.hits``)."""
        raise NotImplementedError

    def _read(self, text: str, idioms: bool = False) -> str:
        """``text`` normalised and spelled, its figures of speech replaced when ``idioms`` (``SafetyRules._read``)."""
        raise NotImplementedError

    def calm_negation(self, text: str) -> bool:
        """True when a cue of ``context.negation`` negates a sign word of ``context.calm_signs`` in ``text``
        ("he isn't bleeding", "no chest pain"): a denial that reassures, so the net's bars rise as for a
        negated red-flag phrase (``learned.negated_at``; seventeenth session, second round). The signs
        whose negation is an emergency ("not breathing", "won't stop bleeding") are the rules' phrases."""
        if not self.context.calm_signs:
            return False
        for clause in clauses(self._read(text, True)):
            for pattern in self.context.calm_signs:
                for m in pattern.finditer(clause):
                    if PERSISTS.search(clause[:m.start()].rstrip()):
                        continue
                    if self.context.why_not(clause, m.start(), m.end(), pattern.pattern, False, False) == "negation":
                        return True
        return False

    def figure_cue(self, text: str) -> bool:
        """True when a figure of speech of ``context.idioms`` took away a red-flag phrase that,
        read literally, would stand ("that film was so bad i wanted to die"): the rules read it
        as everyday talk, so the net needs ``learned.figure_at`` to override them. Also true when
        every word of death or killing of ``text`` is inside such a figure, with no red-flag phrase
        at all (seventeenth session: "my brother is going to kill me if i miss his birthday"; thirty-second session:
        every "better off", "i'd be better off in a bungalow"), or when the
        figure took away every crisis warning sign of it (eighteenth session: "i said goodbye to my sister at the
        airport")."""
        norm = self._read(text)
        stripped = self.context.strip_idioms(norm)
        if stripped == norm:
            return False
        for word in (DEATH_WORD, BETTER_OFF):  # thirty-second session: "better off" too ("better off in a bungalow")
            if word.search(norm) and not word.search(stripped):
                return True  # every word of death was in a figure ("he is going to kill me if i am late")
        kinds = (FindingKind.EMERGENCY, FindingKind.CRISIS)
        if any(h.cancelled_by is None for h in self.hits(text, kinds, idioms=False)):
            return True
        signs = self.crisis_signs  # a figure that took away every crisis warning sign ("said goodbye to her at the airport")
        return not signs.hits(clauses(stripped), self.context) and bool(signs.hits(clauses(norm), self.context))

    def recovered_cue(self, text: str, hits: list[Hit] | None = None) -> bool:
        """True when the rules read crisis talk or an emergency of ``text`` as history (``hits``: its hits,
        when already found) and ``text`` says someone is well now (``context.well_now``): "when i was a
        student i went through a phase of cutting myself, i have been well for a decade", "she took an
        overdose years ago and she's doing really well now" (twenty-first session: emergencies too); or when ``text``
        tells grief with what keeps one going (``context.grief_coping``) and the rules find no crisis phrase in it,
        cancelled or not (fifty-seventh session)."""
        found = self.hits(text) if hits is None else hits
        grief = bool(self.context.grief_coping) and not any(self.concepts[h.concept].kind is FindingKind.CRISIS for h in found)
        history = any(h.cancelled_by == "history" and self.concepts[h.concept].kind in RECOVERED_KINDS for h in found)
        if not (grief or history):
            return False  # the message is read only when a cue could stand
        norm = sentence_text(self._read(text))
        return (grief and any(p.search(norm) for p in self.context.grief_coping)) or (  # "the kids keep me going"
            history and any(p.search(norm) for p in self.context.well_now))

    def crisis_sign_found(self, text: str, ready_answered: bool = False) -> bool:
        """True when ``text`` holds a crisis warning sign of ``crisis_signs:`` that its context does
        not cancel, whether or not the signs found add up to crisis talk; with ``ready_answered``, not
        a sign that is only readiness (``context.ready_answer``)."""
        parts = clauses(self._read(text, True), run_on=True)
        return any(not h.beside_only and not (ready_answered and self._ready_phrase(h.phrase))
                   for h in self.crisis_signs.hits(parts, self.context))

    def context_cue(self, text: str) -> bool:
        """True when ``text`` (a message or one clause of it) holds a cue of the context rules,
        whether or not it cancelled a phrase: a history marker, a question's start or an idiom
        (where ``learned.doubt_in_context_at`` lets the net ask about an emergency of the rules)."""
        norm = " ".join(w for w in self.context.strip_idioms(normalise(text)).split() if w != "|")
        return (" idiom " in f" {norm} " or any(p.search(norm) for p in self.context.history)
                or any(p.match(norm) for p in self.context.question_starts))

    def denial_cue(self, text: str, found: list[Hit] | None = None) -> bool:
        """True when every live emergency phrase of ``text`` is followed, in a later clause, by a
        phrase of the same concept that the speaker negates ("she bumped her head on the cupboard |
        she did not knock herself out and she is not sick"): the speaker is ruling its danger signs
        out. A cue for ``learned.doubt_in_context_at``, never a cancellation (``found``: the rules'
        hits of ``text``, when already found)."""
        found = self.hits(text) if found is None else found
        live = [h for h in found if h.cancelled_by is None and self.concepts[h.concept].kind is FindingKind.EMERGENCY]
        if not live:
            return False
        parts = clauses(self._read(text, True))
        where = {part: i for i, part in enumerate(parts)}
        denied = [(h.concept, where.get(h.clause, -1)) for h in found if h.cancelled_by == "negation"]
        return all(any(c == h.concept and at > where.get(h.clause, len(parts)) for c, at in denied) for h in live)

    def session_cue(self, text: str, whole: bool = False) -> bool:
        """True when ``text`` talks about using the guide or its session (``context.session_talk``:
        "i have no idea what to say to it", "leave it, we will carry on tomorrow"), where the net
        needs ``learned.session_talk_at`` for the crisis reply and the question. ``whole``: instead, True when
        a pattern of ``context.session_whole`` spans all of ``text`` ("i want everything"), where the net gives
        no reply and no question at all."""
        norm = sentence_text(self._read(text))
        if whole:
            return any(p.fullmatch(norm) for p in self.context.session_whole)
        return any(p.search(norm) for p in self.context.session_talk)

    def knowledge_cue(self, text: str) -> bool:
        """True when ``text`` asks whether a condition can be seen or told, or which kind it is
        (``context.knowledge_asks``), where the net needs ``learned.session_talk_at`` as in talk to the guide."""
        norm = sentence_text(self._read(text))
        return any(p.search(norm) for p in self.context.knowledge_asks)

    def reference_cue(self, text: str) -> bool:
        """True when ``text`` talks about what a source says ("the page mentions blood clots",
        "my dad's physio mentioned it"; ``context.reference``): anywhere in the message, a cue for
        ``learned.doubt_in_context_at`` like :meth:`context_cue` in an alarm's clause."""
        norm = sentence_text(normalise(text))
        return any(p.search(norm) for p in self.context.reference)

    def calm_remark(self, text: str) -> bool:
        """True when every clause of ``text`` is a calm remark of interest, comfort or mood (``calm_remarks:``: "i'm
        really interested", "he's wide awake and comfy") and no word of the rules' lexicons is in it
        (:meth:`alarm_word`). Where it is, the learned net needs ``learned.calm_remark_at`` (twenty-third session,
        second part); never a cancellation of the rules."""
        parts = clauses(self._read(text))
        return self.calm_remarks.remarks(parts) and not self.alarm_word(text)

    def alarm_word(self, text: str) -> bool:
        """True when ``text`` holds a phrase of an emergency or crisis concept (cancelled or not, figures of speech
        read literally), a spoken keyword or weak word of the recognizer's alarm, or a crisis warning sign."""
        if self.hits(text, (FindingKind.EMERGENCY, FindingKind.CRISIS), idioms=False):
            return True
        words = [*self.spoken_keywords.values(), *self.spoken_weak_words.values()]
        if words and self.hits(text, concepts=words, idioms=False):
            return True
        return bool(self.crisis_signs.hits(clauses(self._read(text), run_on=True), self.context))

    def _ready_phrase(self, phrase: str) -> bool:
        """True when ``phrase`` is only readiness (``context.ready_answer``)."""
        return any(p.fullmatch(phrase) for p in self.context.ready_answer)
