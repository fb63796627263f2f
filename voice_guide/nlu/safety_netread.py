"""The learned safety net's part in a finding: its reading of text the rules found nothing in, its doubt of an
emergency the rules found, and the question about telegraphic fragments.

Split from :mod:`voice_guide.nlu.safety` (forty-ninth session, no change of behaviour): :class:`NetReading` is the
mixin :class:`~voice_guide.nlu.safety.SafetyRules` reads the net through; beside the cues of
:class:`~voice_guide.nlu.safety_cues.SafetyCues` it needs the rules' ``net_settings``, ``_person``, :meth:`reply`,
:meth:`confirm_question` and :meth:`spoken_alarm`.
"""

from __future__ import annotations

import re
from pathlib import Path

from voice_guide.nlu.safety_asked import asks_in_general
from voice_guide.nlu.safety_cues import SafetyCues
from voice_guide.nlu.safety_fragments import fragment_hit
from voice_guide.nlu.safety_learned import NetSettings, SafetyNet, SentenceVectors, has_content, load_net
from voice_guide.nlu.safety_settled import SETTLED
from voice_guide.nlu.safety_text import clauses
from voice_guide.nlu.safety_types import LEARNED_PHRASE_PREFIX, FindingKind, Hit, SafetyFinding

__all__ = ["NetReading"]


class NetReading(SafetyCues):
    """The learned net's readings (mixed into ``SafetyRules``)."""

    net: SafetyNet | None
    net_settings: NetSettings | None
    _person: re.Pattern[str]

    def reply(self, kind: FindingKind) -> str:
        """The pack's reply for ``kind`` (``SafetyRules.reply``)."""
        raise NotImplementedError

    def confirm_question(self, concept: str | None) -> str:
        """The confirmation question about ``concept`` (``SafetyRules.confirm_question``)."""
        raise NotImplementedError

    def spoken_alarm(self, text: str, weak: bool = False) -> SafetyFinding | None:
        """The red flag a spoken keyword of ``text`` names (``SafetyRules.spoken_alarm``)."""
        raise NotImplementedError

    def use_net(self, folder: Path, vectors: SentenceVectors) -> SafetyNet | None:
        """Attach the learned net of ``learned.model`` in ``folder`` (the folder of the ``safety.yaml``
        in use), reading sentence vectors from ``vectors``; the net, or None (no ``learned:`` section,
        or a missing or broken file: then a warning, and the rules alone decide)."""
        self.net = load_net(folder, self.net_settings, vectors) if self.net_settings is not None else None
        return self.net

    def learned(self, text: str, hits: list[Hit] | None = None, ready_answered: bool = False) -> SafetyFinding:
        """The learned net's reading of ``text`` (for text the rules found nothing in): crisis,
        emergency, the confirmation question (kind ``CONFIRM``), or none. ``hits``: the rules'
        (cancelled) hits of ``text``, when already found; a red-flag phrase they negated raises
        the net's bars (``learned.negated_at``). ``ready_answered``: the text answers a routine's
        question of readiness, so a crisis sign that is only readiness does not lower the crisis bar."""
        settings = self.net_settings
        if self.net is None or settings is None or not has_content(text):  # "and?", "so what now"
            return SafetyFinding(FindingKind.NONE)
        if self.session_cue(text, whole=True):  # nineteenth session, second part: no need to ask the net
            return SafetyFinding(FindingKind.NONE)  # "i want everything" (crisis 1.00): nothing but talk to the guide
        probs = self.net.probabilities(text)
        if probs is None:
            return SafetyFinding(FindingKind.NONE)
        negated = settings.negated_at is not None and any(
            h.cancelled_by == "negation" and self.concepts[h.concept].kind in (FindingKind.EMERGENCY, FindingKind.CRISIS)
            for h in (self.hits(text) if hits is None else hits)) or (
            settings.negated_at is not None and self.calm_negation(text))
        figurative = settings.figure_at is not None and self.figure_cue(text)
        recovered = settings.recovered_at is not None and self.recovered_cue(text, hits)
        asked = settings.asked_at is not None and asks_in_general(  # "is pain and not moving a vicious circle"
            clauses(self._read(text, True)), self.context.question_starts,
            self._person, self.context.present)
        crisis_at, emergency_at, confirm_at = settings.bars(text, negated, figurative, recovered, asked)
        if settings.figure_at is not None and self._framed(text, hits):  # "in the soap | the vicar collapses ..."
            emergency_at, confirm_at = 2.0, max(confirm_at, settings.figure_at)
        session_at = settings.session_talk_at
        session = session_at is not None and (self.session_cue(text) or self.knowledge_cue(text))
        if session_at is not None and session:  # "i have no idea what to say to it"
            crisis_at, confirm_at = max(crisis_at, session_at), max(confirm_at, session_at)
        calm_at = settings.calm_remark_at
        if calm_at is not None and self.calm_remark(text):  # "he's wide awake and comfy": the question at most
            crisis_at, emergency_at, confirm_at = max(crisis_at, calm_at), 2.0, max(confirm_at, calm_at)
        emergency, crisis = float(probs[1]), float(probs[2])
        if crisis < crisis_at and not negated and not figurative and not recovered and not session and settings.crisis_sign_at is not None \
                and crisis >= settings.crisis_sign_at and self.crisis_sign_found(text, ready_answered):
            crisis_at = settings.crisis_sign_at  # the rules' weak sign and the net's doubt together
        if crisis >= crisis_at:
            return SafetyFinding(FindingKind.CRISIS, "crisis", self.reply(FindingKind.CRISIS), f"{LEARNED_PHRASE_PREFIX}{crisis:.2f}")
        if emergency < confirm_at:
            return SafetyFinding(FindingKind.NONE)
        concept = self._named_concept(text)
        if emergency >= emergency_at:
            return SafetyFinding(FindingKind.EMERGENCY, concept, self.reply(FindingKind.EMERGENCY), f"{LEARNED_PHRASE_PREFIX}{emergency:.2f}")
        return SafetyFinding(FindingKind.CONFIRM, concept, self.confirm_question(concept), f"{LEARNED_PHRASE_PREFIX}{emergency:.2f}")

    def _framed(self, text: str, hits: list[Hit] | None) -> bool:
        """True when the rules set a red-flag phrase of ``text`` in a frame (cancelled as ``hypothetical``: a story, a
        course, a case put, a pretend; or as settled by a frame of the message: someone already in hospital; fifty-third
        session): the net alone then asks at ``learned.figure_at`` at most
        and never gives the emergency reply, as for a figure of speech."""
        return any(h.cancelled_by in ("hypothetical", SETTLED) and self.concepts[h.concept].kind is FindingKind.EMERGENCY
                   for h in (self.hits(text) if hits is None else hits))

    def _doubted(self, text: str, found: list[Hit]) -> bool:
        """True when the net is all but sure an emergency the rules found is none: ``learned.doubt_at``
        anywhere, ``learned.doubt_in_context_at`` when every clause holding a live emergency phrase
        of ``found`` (the rules' hits) has a context cue ("she had a fit in 2019 and today she is
        fine", not "what causes muscle loss | and she can not breathe"), or the message talks about
        a source, or denies the concept's signs after the alarm (:meth:`denial_cue`). It is then
        asked about, never silenced."""
        settings = self.net_settings
        if self.net is None or settings is None:
            return False
        alarm_clauses = [h.clause for h in found if h.cancelled_by is None and not (h.firm and h.phrase == h.clause)
                         and self.concepts[h.concept].kind is FindingKind.EMERGENCY]  # "should i call an ambulance"
        in_context = bool(alarm_clauses) and (all(self.context_cue(c) for c in alarm_clauses)
                                              or self.reference_cue(text) or self.denial_cue(text, found))
        bars = [settings.doubt_at] + ([settings.doubt_in_context_at] if in_context else [])
        bar = min((b for b in bars if b is not None), default=None)
        if bar is None:
            return False
        probs = self.net.probabilities(text)
        return probs is not None and float(probs[0]) >= bar

    def _named_concept(self, text: str) -> str | None:
        """The emergency concept a red-flag word of ``text`` names (``spoken_keywords``, then
        ``spoken_weak_words``), so that the net's question names it; None when no word does."""
        for weak in (False, True):
            alarm = self.spoken_alarm(text, weak)
            if alarm is not None and alarm.kind is FindingKind.EMERGENCY:
                return alarm.concept
        return None

    def _in_fragments(self, text: str, net: SafetyFinding) -> SafetyFinding:
        """``net`` (the learned net's finding), or the question about an emergency the rules find in ``text`` with its
        telegraphic fragments joined (:func:`~voice_guide.nlu.safety_fragments.fragment_hit`) when the net found
        nothing (forty-eighth session)."""
        hit = None if net.kind is not FindingKind.NONE else fragment_hit(
            text, self.hits, lambda c: self.concepts[c].kind is FindingKind.EMERGENCY, self.net)
        return net if hit is None else SafetyFinding(FindingKind.CONFIRM, hit.concept, self.confirm_question(hit.concept), hit.phrase)
