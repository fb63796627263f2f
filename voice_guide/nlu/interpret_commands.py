"""When a command heard in speech is acted on: an exact short template, or a command found loosely.

A part of :class:`~voice_guide.nlu.interpret.Interpreter` (:class:`CommandReading` is a base class of it): the bars
a spoken command must pass, and the checks that keep garbled speech from being taken for one. Split from
:mod:`voice_guide.nlu.interpret` in the twenty-fourth session (no behaviour change); the constants are read from
this module at run time (set them here: ``scripts/tune_interpret.py --param`` does).
"""

from __future__ import annotations

from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.declines import DECLINE_INTENTS
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch, Understander

MIN_CONTROL_ASR_CONFIDENCE = 0.1
"""An exact control-template match of a short transcript is acted on from this recognizer
confidence: the control grammar is tight, and one-word commands get low word posteriors
even when heard right."""

MAX_CONTROL_WORDS = 4
""""Short transcript" for :data:`MIN_CONTROL_ASR_CONFIDENCE` and n-best controls: at most this many words."""

MIN_LOOSE_CONTROL_ASR_CONFIDENCE = 0.35
"""A command understood loosely (not an exact short template) is acted on from this recognizer
confidence: with the red-flag phrases in the language model, "who won the football match last
night" was heard "one foot all met less like" (0.29) and taken for starting the leg routine.
0.35 instead of 0.25 on the tuning replays: one real coffee order fewer acted on (of 256),
nothing else changed (spoken safety; 756 synthetic in-domain and out-of-domain utterances)."""

MIN_LONG_LOOSE_CONTROL_ASR_CONFIDENCE = 0.0
"""A command understood loosely in an utterance of more than :data:`MAX_CONTROL_WORDS` words is
acted on from this recognizer confidence (0: as any loose command). Real coffee orders were taken
for commands this way ("make the white row slow go on" -> resume, 0.45; "... this wait they are"
-> pause, 0.41), and so was a spoken red flag ("move on she does not know where moves" -> next,
0.57, which read a section)."""

LOOSE_YES_NO_NEEDS_QUESTION = 1.0
"""1: outside a routine and with no question pending (idle, after an answer, while reading), "yes"
or "no" is taken only from an exact short template ("yes please", "no"), never found loosely in
longer speech: nothing was asked, so a "yes" heard in a garbled real coffee order ("yeah what day",
0.66) has nothing to answer. 0: off."""

MIN_LOOSE_CONTROL_COVERAGE = 0.8
"""Outside a routine and with no question pending, a command found loosely in an utterance of more
than :data:`MAX_CONTROL_WORDS` words needs at least this share of its words to be words of the pack's
command sentences or stopwords (:meth:`CommandReading.control_coverage`; "can you read the whole thing out
loud": all; "resume all eyes coffee way thicker frame", a real coffee order: 3 of 7); 0: off. In a
routine a missed command costs a caregiver a movement; outside one, declining garbled speech costs
one "Sorry". Replays (docs/real-speech.md): real coffee orders (offset 7, two decodes, 496 runs)
taken for commands 2 -> 1 (0.7 - 0.8) or 0 (0.85); spoken paraphrased commands outside a routine
(209, flite rms) kept clean 152 -> 151 / 150 / 150 / 141 and in kitchen noise 53 -> 51 / 50 / 48 / 45
at 0.7 / 0.75 / 0.8 / 0.85. Command words alone (no stopwords) at 0.75 took real commands to 0 for
145 / 49 in-domain."""

IDLE_NEEDS_CONTEXT = 1.0
"""1: in the idle state (nothing read, paused or asked yet) a command of :data:`CONTEXT_CONTROLS` is acted on only
when said as one of its templates (an exact control match), never when found loosely in speech: there is nothing to
continue, move through, pause or resume, so a loose match is garbled speech ("what was the rest mo gun", a real
coffee order, was ``more`` at 0.72). No paraphrase author wrote such a command for the idle state (tuning parts
and held-out halves alike). 0: off. Sixteenth session (docs/real-speech.md, "Sixteenth round")."""

CONTEXT_CONTROLS = frozenset({"more", "next", "previous", "pause", "resume"})
""":data:`IDLE_NEEDS_CONTEXT`: the commands that need something read or paused to act on."""

MIN_ALT_CONTROL_CONFIDENCE = 0.1
"""An exact short control in a runner-up hypothesis is taken, when the best hypothesis is
neither a control nor a confident answer, if the runner-up's confidence reaches this."""


class CommandReading:
    """The command rules of :class:`~voice_guide.nlu.interpret.Interpreter` (a base class of it)."""

    understander: Understander
    _control_words: frozenset[str] | None
    """The words of :meth:`control_coverage` (the pack's command sentences and stopwords), None until first needed."""

    @staticmethod
    def _loose_bar(best: IntentMatch, text: str, state: DialogueState = DialogueState.IDLE) -> float:
        """The recognizer confidence a non-knowledge match needs (:data:`MIN_LOOSE_CONTROL_ASR_CONFIDENCE`,
        or :data:`MIN_LONG_LOOSE_CONTROL_ASR_CONFIDENCE` for a command loosely found in a long utterance
        outside a routine and a question)."""
        if (best.intent in DECLINE_INTENTS or best.intent == "pain" or len(text.split()) <= MAX_CONTROL_WORDS
                or state.in_routine or state is DialogueState.CONFIRMING):
            return MIN_LOOSE_CONTROL_ASR_CONFIDENCE
        return max(MIN_LOOSE_CONTROL_ASR_CONFIDENCE, MIN_LONG_LOOSE_CONTROL_ASR_CONFIDENCE)

    def _loose_control_stands(self, best: IntentMatch, text: str, state: DialogueState) -> bool:
        """Whether a command understood from speech is acted on, as far as its looseness goes: in a
        routine or at a question always; elsewhere a loose "yes"/"no" never
        (:data:`LOOSE_YES_NO_NEEDS_QUESTION`), in the idle state a loose command of :data:`CONTEXT_CONTROLS`
        never (:data:`IDLE_NEEDS_CONTEXT`), and a loose command of a long utterance only when the
        command sentences' words cover enough of it (:data:`MIN_LOOSE_CONTROL_COVERAGE`)."""
        if best.intent not in CONTROL_INTENTS or state.in_routine or state is DialogueState.CONFIRMING:
            return True
        if self.understander.control_exact(text, state) is not None:
            return True  # a template said as it is, whatever its length ("start the full body routine")
        if IDLE_NEEDS_CONTEXT and state is DialogueState.IDLE and best.intent in CONTEXT_CONTROLS:
            return False  # nothing to continue, move through, pause or resume: garbled speech
        words = text.split()
        if best.intent in ("yes", "no") and LOOSE_YES_NO_NEEDS_QUESTION:
            return False
        if len(words) <= MAX_CONTROL_WORDS or not MIN_LOOSE_CONTROL_COVERAGE:
            return True
        return self.control_coverage(text) >= MIN_LOOSE_CONTROL_COVERAGE

    def control_coverage(self, text: str) -> float:
        """The share of ``text``'s words that occur in the pack's command sentences or are stopwords of
        its language ("her", "with": "need to do the little finger him some stretches with him"), 0 for none."""
        if self._control_words is None:
            u = self.understander
            vocabulary = {w for texts in u.controls.samples.values() for t in texts for w in t.split()}
            self._control_words = frozenset(vocabulary | u.language.stopwords)
        words = self.understander.language.normalize(text).split()
        return sum(w in self._control_words for w in words) / len(words) if words else 0.0

    def _short_control(self, text: str, confidence: float, min_confidence: float,
                       state: DialogueState = DialogueState.IDLE) -> IntentMatch | None:
        """The exact control match of a short hypothesis heard with enough confidence, or None."""
        if not text or confidence < min_confidence or len(text.split()) > MAX_CONTROL_WORDS:
            return None
        return self.understander.control_exact(text, state)


__all__ = ["CONTEXT_CONTROLS", "CommandReading"]
