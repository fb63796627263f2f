"""What red-flag concept a single reading of an utterance carries by itself (a base class of the rescue).

Split from :mod:`voice_guide.nlu.interpret_rescue` in the twenty-first session (the module had grown past 500 lines):
the helpers here read no constant of the rescue, so replays (``scripts/tune_interpret.py --param``) are unaffected.
:meth:`ReadingConcepts.spotted_finding` names the concept of a spotted key phrase (the twentieth session's spotter),
:meth:`ReadingConcepts.passage_red_flag` the concept a reading of a passage heard again carries (the passage guard,
:data:`~voice_guide.nlu.interpret_rescue.PASSAGE_GUARD`). Measured in docs/spoken-rejection.md.
"""

from __future__ import annotations

from voice_guide.nlu.safety import FindingKind, SafetyFinding
from voice_guide.nlu.safety_text import NEW_STATEMENT_WORDS, normalise
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander

RED_FLAG_KINDS = (FindingKind.EMERGENCY, FindingKind.CRISIS)
"""The kinds of finding nothing but the safety reply (or the question) may answer."""


class ReadingConcepts:
    """The red-flag concepts of single readings (a base class of :class:`~voice_guide.nlu.interpret_rescue.SecondOpinion`)."""

    understander: Understander

    def spotted_finding(self, phrase: str, state: DialogueState | None = None) -> SafetyFinding | None:
        """The red flag a spotted key ``phrase`` names by itself: a red flag of the rules, a spoken red-flag word
        (``spoken_keywords``) or a weak one (``spoken_weak_words``, no person needed: the phrase is all there
        is; read in the dialogue ``state``); None when the pack's words do not know it."""
        safety = self.understander.safety
        finding = safety.assess(phrase, state)
        if finding.is_red_flag and not finding.by_net:
            return finding
        found = safety.spoken_alarm(phrase)
        if found is not None:
            return found
        for hit in safety.hits(phrase, concepts=safety.spoken_weak_words.values()):
            if hit.cancelled_by is None:
                kind = safety.concepts[hit.concept].kind
                return SafetyFinding(kind, hit.concept, safety.reply(kind), hit.phrase)
        return None

    def _concepts_named(self, readings: tuple[str, ...], state: DialogueState | None = None) -> set[str]:
        """The concepts ``readings`` (said in ``state``) name: a red flag of the rules or a spoken red-flag word, not
        cancelled."""
        safety = self.understander.safety
        named: set[str] = set()
        for text in dict.fromkeys(t for t in readings if t):
            finding = safety.assess(text, state)
            if finding.is_red_flag and not finding.by_net and finding.concept:
                named.add(finding.concept)
            for weak in (False, True):
                found = safety.spoken_alarm(text, weak=weak)
                if found is not None and found.concept:
                    named.add(found.concept)
        return named

    def without_question_start(self, text: str) -> str | None:
        """What ``text`` (normalised) reports after the question that opens it: the words after the first "and"
        that follows the question's opening words, when they start a new statement ("and he says ...", "and won't
        wake up": :data:`NEW_STATEMENT_WORDS`) and a red flag of the rules in ``text``
        is cancelled by the question rule alone (none stands); else None. "What's the difference between
        fainting and a seizure" and "could breathlessness be caused by weak chest muscles" give None."""
        safety = self.understander.safety
        hits = safety.hits(text, (FindingKind.EMERGENCY, FindingKind.CRISIS))
        if not hits or any(h.cancelled_by != "question" for h in hits):
            return None
        norm = normalise(text)
        for pattern in safety.context.question_starts:
            found = pattern.match(norm)
            if found is None:
                continue
            _question, _and, report = norm[found.end():].partition(" and ")
            words = report.split()
            return report if words and words[0] in NEW_STATEMENT_WORDS else None
        return None

    def passage_red_flag(self, text: str, words: int = 1, asked: bool = False,
                         state: DialogueState | None = None) -> SafetyFinding | None:
        """The red flag one reading ``text`` carries by itself, for a passage heard again (the passage guard): a red
        flag of the rules or the learned net (:meth:`~voice_guide.nlu.safety.SafetyRules.assess`); from ``words`` 1 a
        spoken red-flag keyword (``spoken_keywords``, not cancelled in ``text``), from 2 a weak one said about a person
        (``spoken_weak_words``); with ``asked``, a red flag of the rules that only the question rule cancels ("what
        is a stroke" heard for "he's had a stroke"). Whatever the main decode held cancelled does not count: the
        reading stands for itself (read in the dialogue ``state``). None when it carries none."""
        safety = self.understander.safety
        finding = safety.assess(text, state)
        if finding.is_red_flag:
            return finding
        for weak in (False, True)[:max(0, min(int(words), 2))]:
            found = safety.spoken_alarm(text, weak=weak)
            if found is not None:
                return found
        if asked:
            for hit in safety.hits(text, RED_FLAG_KINDS):
                if hit.cancelled_by == "question":
                    kind = safety.concepts[hit.concept].kind
                    return SafetyFinding(kind, hit.concept, safety.reply(kind), hit.phrase)
        return None
