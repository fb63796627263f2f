"""Interpretation of what the recognizer heard: a transcript, its confidence and its n-best list, to one intent.

Typed text goes straight to the :class:`~voice_guide.nlu.understanding.Understander`; speech goes
through :class:`Interpreter`, which weighs the recognizer's confidence and looks at the
runner-up hypotheses, safety first. The constants were tuned with ``scripts/tune_asr.py``
(tables in docs/tuning.md). What a second hearing of the audio changes (the rescue of declined
speech) is in :mod:`voice_guide.nlu.interpret_rescue` (the margins of its readings in
:mod:`voice_guide.nlu.interpret_rescue_readings`), the verification of alarms and questions against it in
:mod:`voice_guide.nlu.interpret_verify`, and when a spoken command is acted on in
:mod:`voice_guide.nlu.interpret_commands`, and the safety side (the red-flag reading of the n-best list and
keywords, the weak words, the net's suspicions) in :mod:`voice_guide.nlu.interpret_safety`. Each constant is read
from the module it stands in (set it there); the constants of all of them are replayed with
``scripts/tune_interpret.py``.
"""

from __future__ import annotations

from voice_guide.nlu import interpret_commands as commands
from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.interpret_rescue import SecondOpinion
from voice_guide.nlu.interpret_safety import SafetyReading
from voice_guide.nlu.interpret_verify import CONFIRM_EMERGENCY, SecondHearing
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch, Understander

MIN_ASR_CONFIDENCE = 0.25
"""Below this recognizer confidence, a free question is not acted on (answered with ``fallback``).

Out-of-domain rejection is mostly done by :data:`MIN_KNOWLEDGE_SCORE` and
:data:`WEAK_EVIDENCE_ASR`, which weigh the recognizer's confidence against what was
understood; exact short commands have their own, lower bar
(:data:`~voice_guide.nlu.interpret_commands.MIN_CONTROL_ASR_CONFIDENCE`). Tuning set of ``scripts/tune_asr.py --replay``
(PocketSphinx, noise floor 64; espeak-ng en-us, en-gb+f3, flite slt, rms, awb; 256
in-domain + 36 out-of-domain sentences, held-out LM / LM with the sentences; overall
accuracy, OOD false accepts, in-domain rejected):

============================  ======================  ======================
interpret()                   held-out LM             LM with the sentences
============================  ======================  ======================
before (0.3 only)             0.733 / 0.183 / 0.160   0.891 / 0.194 / 0.049
this (defaults below)         0.734 / 0.083 / 0.211   0.908 / 0.083 / 0.059
============================  ======================  ======================

0.2 - 0.3 are equal within 0.002 once knowledge answers have their own bar; 0.4 loses
0.01 (held-out) for 0.005 fewer false accepts."""

NBEST_DEPTH = 5
"""How many hypotheses (the best one included) are looked at for emergencies and runner-ups."""

MIN_KNOWLEDGE_SCORE = 0.5
"""A knowledge answer needs ``asr_confidence * understanding confidence`` at least this.
A measured trade-off (docs/recognition.md): misheard emergencies answered with an article
passage over three spoken-safety tuning dumps (768 red-flag utterances) 13 / 11 / 7 at 0.3 /
0.4 / 0.5, against the synthetic benchmark's babble at 10 dB (3 voices) 37.4 / 33.8 / 19.2 %.
Passages read for real coffee orders: 0 at each. A misheard emergency must never be answered
with a passage, so safety decides: 0.5 (0.4 was tried last and read a passage for 1 of 128
spoken red flags in each condition of the safety test sample)."""

AGREED_KNOWLEDGE_SCORE = 0.4
"""A knowledge answer under :data:`MIN_KNOWLEDGE_SCORE` is still given from this ``asr * understanding`` when the
recognizer's runner-up readings agree on it (:meth:`Interpreter.nbest_agrees`: at least :data:`AGREED_MIN_READINGS`
of them heard with :data:`~voice_guide.nlu.interpret_verify.MIN_AGREED_READING_CONFIDENCE` or more, each understood as the same section) and the
evidence is not weak (:data:`WEAK_EVIDENCE`); above 1: off. Replay of tune20:odd (tuning, every 4th line, espeak en-us
and flite slt, cross-fitted lines file; ``scripts/calibrate_rejection.py``): kitchen 10 dB knowledge right 65 -> 67 of
100 (0.4, 0.35 and 0.3 alike), wrong passages 4 and out-of-domain passages 4 of 62 unchanged, clean unchanged (85);
137 kitchen red flags of tune20:odd: no passage either way. In the band 0.3 - 0.5 the runner-ups all agreed for 4 of
8 right answers and 1 of 8 wrong ones (on weak evidence). Lowering :data:`MIN_KNOWLEDGE_SCORE` to 0.4 instead gave
+4 right for +6 wrong answers in the kitchen. Nineteenth session (docs/recognition.md, "Nineteenth round")."""

AGREED_MIN_READINGS = 2
""":data:`AGREED_KNOWLEDGE_SCORE`: how many runner-up readings must agree (all of those heard well enough)."""

PULL_EVIDENCE_BELOW = 1.0
"""A spoken knowledge answer pulled by one or two ordinary words (knowledge evidence under this: no lexicon term, no
rare word) out of a long transcript (:data:`PULL_MIN_WORDS` words or more, the rest function words or words the
topic does not know) stands only when every runner-up heard with :data:`~voice_guide.nlu.interpret_verify.MIN_AGREED_READING_CONFIDENCE` or more is
understood as the same section (:meth:`Interpreter.garbled_pull`); 0: off. Garbled real speech of this shape (a
coffee order heard "... moving will my vein") read the passive-exercise passage; questions heard right keep their
runner-ups on their section. Thirty-second round (docs/spoken-rejection.md, "Thirty-second round")."""

PULL_MIN_WORDS = 7
""":data:`PULL_EVIDENCE_BELOW`: how many words a transcript needs for the rule to look at it."""

WEAK_EVIDENCE = 1.5
"""Knowledge evidence (:meth:`Understander.knowledge_evidence`) below this is weak: one or
two everyday words, or a single term."""

WEAK_EVIDENCE_ASR = 0.7
"""A knowledge answer on weak evidence needs at least this recognizer confidence. The main
out-of-domain lever of the earlier tuning set (LM with the sentences: 0.6 -> OOD false accepts
0.133, 0.7 -> 0.106, 0.75 -> 0.083, 0.8 -> 0.078 with 0.008 more in-domain rejected). Since the
out-of-domain gate of understanding and the passage bar above, 0.75 / 0.7 / 0.65 give the same
figures on the replays of spoken safety (768 red flags, 224 near misses) and of 256 real coffee
orders (``scripts/tune_interpret.py``); 0.75 refused a clean flite slt question of the second
pack ("can i am a the bathroom safer", 0.714, two everyday words of its topic), so 0.7."""

MIN_ALT_CONFIDENCE = 0.3
"""A runner-up hypothesis under this confidence is not used for a knowledge answer."""

class Interpreter(SecondOpinion, SafetyReading):
    """A transcript with its confidence and alternatives in, one :class:`IntentMatch` out."""

    def __init__(self, understander: Understander) -> None:
        self.understander = understander
        self._control_words: frozenset[str] | None = None

    def interpret(self, text: str, asr_confidence: float, alternatives: tuple[tuple[str, float], ...] = (),
                  state: DialogueState = DialogueState.IDLE, keywords: tuple[str, ...] = ()) -> IntentMatch:
        """Understand a transcript, weighing the recognizer's confidence and its n-best list.

        0. Safety first, biased toward safety: an emergency or crisis in the best hypothesis
           is answered as one, whatever the confidence; one in a runner-up of the top
           :data:`NBEST_DEPTH`, in a phrase a keyword spotter heard (``keywords``), or a
           single red-flag word in any hypothesis (``spoken_keywords`` of the pack), gives
           :data:`CONFIRM_EMERGENCY` (one short question), never an article passage.
        2. Pain in the best hypothesis (in a routine; one the safety net reads as a red flag is asked about:
           :data:`~voice_guide.nlu.interpret_safety.PAIN_SUSPECTED_AT`), then an exact control template of a short
           transcript, are acted on from :data:`~voice_guide.nlu.interpret_commands.MIN_CONTROL_ASR_CONFIDENCE`; other speech
           needs :data:`MIN_ASR_CONFIDENCE`.
        3. A knowledge answer needs ``asr * understanding`` >= :data:`MIN_KNOWLEDGE_SCORE`,
           and, on weak evidence (:data:`WEAK_EVIDENCE`), a recognizer confidence of
           :data:`WEAK_EVIDENCE_ASR`.
        4. When the best hypothesis is neither a control nor an accepted answer, an exact
           short control among the runner-ups is taken, else the first runner-up that
           passes the same checks; otherwise a weak red-flag word in any hypothesis
           (``spoken_weak_words``) asks :data:`CONFIRM_EMERGENCY`, else ``fallback``.
        """
        u = self.understander
        hypotheses = [(text, asr_confidence)] + [(t, c) for t, c in alternatives if t != text]
        hypotheses = hypotheses[:int(NBEST_DEPTH)]  # int: a replayed grid gives floats
        safety = self.safety_first(hypotheses, keywords, state)
        if safety is not None:
            return safety
        if not text.strip():
            return IntentMatch("fallback", round(asr_confidence, 3), text=text)
        if asr_confidence >= commands.MIN_CONTROL_ASR_CONFIDENCE and u.is_pain(text):
            if state.in_routine:  # stops a routine: as trusted as a command, checked before one
                return self._pain_suspected(text, asr_confidence) or u.understand(text, state)
            return IntentMatch("fallback", round(asr_confidence, 3), text=text)  # no movement to stop: "twelve ouch" is not pain
        control = self._short_control(text, asr_confidence, commands.MIN_CONTROL_ASR_CONFIDENCE, state)
        if control is not None:
            return control
        best = None
        loose_bar = commands.MIN_LOOSE_CONTROL_ASR_CONFIDENCE
        if asr_confidence >= MIN_ASR_CONFIDENCE:
            best = u.understand(text, state)
            loose_bar = self._loose_bar(best, text, state)
            if not self._loose_control_stands(best, text, state):
                best = IntentMatch("fallback", 0.0, text=best.text)  # runner-ups, a weak red-flag word, else fallback
            if best.intent != "fallback" and not best.is_knowledge and asr_confidence >= loose_bar:
                weak = self._weak_alarm(hypotheses, state) if self._weak_may_override(best, text, asr_confidence) else None
                return weak or best  # a control (exact or fuzzy), pain or a decline
            if best.is_knowledge and self._knowledge_ok(best, text, asr_confidence, hypotheses, state):
                return self._weak_over_passage(text, asr_confidence) or best
        for hyp, conf in hypotheses[1:]:
            control = self._short_control(hyp, conf, commands.MIN_ALT_CONTROL_CONFIDENCE, state)
            if control is not None:
                return control
        for hyp, conf in hypotheses[1:]:
            if conf < max(MIN_ASR_CONFIDENCE, MIN_ALT_CONFIDENCE) or not hyp:
                continue
            match = u.understand(hyp, state)
            if match.is_knowledge and self._knowledge_ok(match, hyp, conf) and not self.garbled_pull(
                    match, hyp, hypotheses, state):
                return self._weak_over_passage(hyp, conf) or match
        if best is None or best.is_knowledge or best.intent == "fallback" or asr_confidence < loose_bar:
            weak = self._weak_alarm(hypotheses, state) or self._routine_suspected(text, asr_confidence, state)
            if weak is not None:
                return weak
        if best is None:
            return IntentMatch("fallback", round(asr_confidence, 3), text=text)
        if best.is_knowledge or asr_confidence < loose_bar:
            return IntentMatch("fallback", round(best.confidence * asr_confidence, 3), text=best.text)
        return best

    def nbest_agrees(self, match: IntentMatch, hypotheses: list[tuple[str, float]],
                     state: DialogueState = DialogueState.IDLE) -> bool:
        """Whether the runner-ups of ``hypotheses`` (the best one first) heard with
        :data:`~voice_guide.nlu.interpret_verify.MIN_AGREED_READING_CONFIDENCE` or more, at least :data:`AGREED_MIN_READINGS` of them, are all
        understood as the knowledge answer ``match`` (its section)."""
        readings = [t for t, c in hypotheses[1:] if t and c >= verify.MIN_AGREED_READING_CONFIDENCE]
        if len(readings) < AGREED_MIN_READINGS:
            return False
        for reading in readings:
            other = self.understander.understand(reading, state)
            if not other.is_knowledge or other.section_id != match.section_id:
                return False
        return True

    def garbled_pull(self, match: IntentMatch, text: str, others: list[tuple[str, float]],
                     state: DialogueState = DialogueState.IDLE) -> bool:
        """Whether the knowledge answer ``match`` of the hypothesis ``text`` is the pull of one or two ordinary words
        out of a long, garbled transcript (:data:`PULL_EVIDENCE_BELOW`, :data:`PULL_MIN_WORDS`) that the other
        hypotheses ``others`` heard with :data:`~voice_guide.nlu.interpret_verify.MIN_AGREED_READING_CONFIDENCE` or more do not all back (none heard:
        no way to tell, False)."""
        if not PULL_EVIDENCE_BELOW or len(text.split()) < PULL_MIN_WORDS:
            return False
        evidence, _n = self.understander.knowledge_evidence(text, match.intent)
        if evidence >= PULL_EVIDENCE_BELOW:
            return False
        readings = [t for t, c in others if t and t != text and c >= verify.MIN_AGREED_READING_CONFIDENCE]
        for reading in readings:
            other = self.understander.understand(reading, state)
            if not other.is_knowledge or other.section_id != match.section_id:
                return True
        return False

    def _knowledge_ok(self, match: IntentMatch, text: str, asr_confidence: float,
                      hypotheses: list[tuple[str, float]] | None = None, state: DialogueState = DialogueState.IDLE) -> bool:
        """Whether a knowledge answer is sure enough, ears and understanding together (the best hypothesis's
        runner-ups ``hypotheses[1:]`` may vouch for it: :data:`AGREED_KNOWLEDGE_SCORE`)."""
        score = asr_confidence * match.confidence
        if score < MIN_KNOWLEDGE_SCORE:
            if score < AGREED_KNOWLEDGE_SCORE or not hypotheses:
                return False
            evidence, _n = self.understander.knowledge_evidence(text, match.intent)
            return evidence >= WEAK_EVIDENCE and self.nbest_agrees(match, hypotheses, state)
        if asr_confidence < WEAK_EVIDENCE_ASR:
            evidence, _n = self.understander.knowledge_evidence(text, match.intent)
            if evidence < WEAK_EVIDENCE:
                return False
        # last: it reads the runner-ups, and it only holds under PULL_EVIDENCE_BELOW (< WEAK_EVIDENCE), which the
        # branches above have already turned down
        return not (hypotheses and self.garbled_pull(match, text, hypotheses[1:], state))


__all__ = ["CONFIRM_EMERGENCY", "Interpreter", "SecondHearing"]
