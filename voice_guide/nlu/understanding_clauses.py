"""Commands read clause by clause, for :class:`~voice_guide.nlu.understanding.Understander`.

Split out of ``understanding.py`` in the thirty-first round (no change of behaviour): a command in one clause of a
longer text ("wait, her arm is stuck"; the last clause first), with a question clause vetoing it where the dialogue
state asks so; the learned control model's second opinion of a command; and the commands that win over a finding of
the learned safety net alone ("and then? keep going", "keep going with that one, i'm really interested").
"""

from __future__ import annotations

import re
from dataclasses import replace

from voice_guide.lang import Language
from voice_guide.nlu.controls import ControlHit, ControlMatcher
from voice_guide.nlu.controls_learned import LearnedControls
from voice_guide.nlu.knowledge import KnowledgeMatcher
from voice_guide.nlu.safety import SafetyFinding, SafetyRules
from voice_guide.nlu.safety_remarks import remark_cut
from voice_guide.nlu.state import DialogueState

__all__ = ["MAX_INPUT_CHARS", "ClauseCommands", "has_question_clause", "is_long_question", "split_clauses"]

MAX_INPUT_CHARS = 1000
"""Longer input is cut to this many characters before matching (a question is short)."""

_CUE_MAX_QUESTION_WORDS = 8
_QUESTION_WORDS = frozenset("is are does do did can could will would should what why how when where who which".split())

_WH_WORDS = frozenset("what why how when where who which".split())

_CLAUSE_BREAK = re.compile(r"[,;:.!?]+|\s[-–—]\s")


def split_clauses(text: object) -> list[str]:
    """The non-empty clauses of ``text`` (at most :data:`MAX_INPUT_CHARS` of it), split at punctuation and dashes."""
    return [c for c in _CLAUSE_BREAK.split(str(text)[:MAX_INPUT_CHARS]) if c.strip()]


class ClauseCommands:
    """Mixin of :class:`~voice_guide.nlu.understanding.Understander`: needs the attributes annotated here."""

    controls: ControlMatcher
    language: Language
    safety: SafetyRules
    knowledge: KnowledgeMatcher
    learned_controls: LearnedControls | None
    threshold: float
    clause_last_first: bool
    clause_alternatives: frozenset[str]
    commands_only_no_veto: bool
    commands_over_net: bool
    commands_over_net_learned: float | None
    commands_with_remarks: bool
    cue_over_knowledge: float | None

    def _clean(self, text: object) -> str:
        if not isinstance(text, str):
            text = str(text or "")
        return self.language.normalize(text[:MAX_INPUT_CHARS])

    def _checked(self, hit: ControlHit | None, cleaned: str, state: DialogueState) -> ControlHit | None:
        """``hit``, or the learned model's second opinion of it (another intent, or not a command)."""
        if hit is None or self.learned_controls is None:
            return hit
        return self.learned_controls.second_opinion(hit, cleaned, state)

    def _clause_hit(self, text: str, cleaned: str, state: DialogueState, questions_veto: bool = False) -> ControlHit | None:
        """The command of one clause (:meth:`_clause_control`, found as ``clause``) after the learned
        model's second opinion; a clause's intent in :attr:`clause_alternatives` ("can we do the
        whole body one today, er, yeah") has the intents cue words name in the whole text as
        alternatives, of which the model chooses."""
        hit = self._clause_control(text, state, questions_veto)
        if hit is None:
            return None
        hit = replace(hit, how="clause")
        if hit.intent in self.clause_alternatives:
            cue = self.controls.cue(cleaned, state)
            others = {cue.intent: cue.slots, **cue.others} if cue is not None else {}
            others.pop(hit.intent, None)
            hit = replace(hit, others=others)
        return self._checked(hit, cleaned, state)

    def _clause_control(self, text: object, state: DialogueState, questions_veto: bool = False) -> ControlHit | None:
        """A command in one clause of typed text ("wait, her arm is stuck"), the last clause first;
        with ``questions_veto``, None when another clause is a question ("what causes it, quick summary")."""
        clauses = split_clauses(text)
        if len(clauses) < 2 or self.controls.to_the_person(self.language.normalize(str(text))):
            return None  # the whole is not the guide's ("that's it, nice and gentle": praise to the person)
        if questions_veto and self.commands_only_no_veto and self._all_commands(clauses, state):
            questions_veto = False  # "sorry i'm lost, help, um, what do i do": commands, not a question
        found: ControlHit | None = None
        rest: list[str] = []
        for clause in reversed(clauses) if self.clause_last_first else clauses:
            cleaned = self.language.normalize(clause)
            if not cleaned or self.controls.is_filler(cleaned):
                continue  # "right, off we go": "right" is not "yes" here
            hit = self.controls.exact(cleaned, state) if found is None else None
            if hit is not None:
                found = hit
                if not questions_veto:
                    return hit
                if cleaned.split()[0] in _WH_WORDS:
                    return None  # "my mum's muscles are shrinking, what should I do": a question
            elif questions_veto:
                if has_question_clause(clause):
                    return None
                rest.append(cleaned)
        if found is not None and questions_veto and rest:
            about = self.knowledge.match(" ".join(reversed(rest)))
            if about is not None and about.confidence >= self.threshold:
                return None  # "noticing muscle weakness, what next": about the article
        return found

    def _commands_over_net(self, finding: SafetyFinding, text: str, state: DialogueState) -> bool:
        """True when only the learned safety net flagged ``text`` (no rule did) and the text is
        nothing but device commands of ``state`` ("and then? keep going": every clause a filler or a
        command of the templates, at least one a command), or the learned control model is at least
        :attr:`commands_over_net_learned` sure it is a command of ``state``: the commands are what
        was said. A finding of the rules always stands ("keep going, he's not breathing")."""
        if not (self.commands_over_net and finding.by_net):
            return False
        clauses = split_clauses(text)
        if self._all_commands(clauses, state) and any(
                self.controls.exact(self.language.normalize(c), state) is not None for c in clauses):
            return True
        if self._commands_beside_remarks(clauses, text, state):
            return True  # "keep going with that one, i'm really interested": the command all the same
        bar, model = self.commands_over_net_learned, self.learned_controls
        if bar is None or model is None:
            return False
        hit = model.predict(self._clean(text), state)  # talk to the guide the templates do not know
        return hit is not None and hit.score >= bar

    def _all_commands(self, clauses: list[str], state: DialogueState) -> bool:
        """True when every clause is a filler or a command by the templates."""
        for clause in clauses:
            cleaned = self.language.normalize(clause)
            if cleaned and not self.controls.is_filler(cleaned) and self.controls.exact(cleaned, state) is None:
                return False
        return True

    def _commands_beside_remarks(self, clauses: list[str], text: str, state: DialogueState) -> bool:
        """True (:attr:`commands_with_remarks`) when some clauses are calm remarks (:meth:`SafetyRules.calm_remark`),
        no word of the rules' lexicons is in ``text``, and the other clauses are a command of ``state``: fillers and
        template commands, at least one, or together a cue the learned control model confirms at
        :attr:`cue_over_knowledge` ("keep going with that one, i'm interested")."""
        if not self.commands_with_remarks or self.safety.alarm_word(text):
            return False
        clauses = [part for clause in clauses for part in remark_cut(clause, self.safety.calm_remark)]
        rest = [c for c in clauses if not self.safety.calm_remark(c)]
        if not rest or len(rest) == len(clauses):
            return False
        if self._all_commands(rest, state) and any(
                self.controls.exact(self.language.normalize(c), state) is not None for c in rest):
            return True
        cleaned, model, bar = self._clean(", ".join(rest)), self.learned_controls, self.cue_over_knowledge
        if model is None or bar is None:
            return False
        return model.confirmed(self._checked(self.controls.cue(cleaned, state), cleaned, state), cleaned, state, bar) is not None


def is_long_question(cleaned: str) -> bool:
    """A question of more than :data:`_CUE_MAX_QUESTION_WORDS` words ("is it a vicious circle when
    joints hurt and you stop moving"): its cue words are not commands."""
    words = cleaned.split()
    return len(words) > _CUE_MAX_QUESTION_WORDS and words[0] in _QUESTION_WORDS


def has_question_clause(text: str) -> bool:
    """True when one clause of ``text`` is a question of at least three words ("what causes it")."""
    return question_clause(text) is not None


def question_clause(text: str) -> str | None:
    """The last clause of ``text`` that is a question of at least three words ("her legs need exercising, what
    causes the wasting": "what causes the wasting"), or None."""
    found = None
    for clause in split_clauses(text):
        words = clause.lower().split()
        if len(words) >= 3 and words[0] in _QUESTION_WORDS | {"what's", "whats", "how's"}:
            found = clause
    return found
