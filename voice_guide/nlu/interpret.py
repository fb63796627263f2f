"""Interpretation of what the recognizer heard: a transcript, its confidence and its n-best list, to one intent.

Typed text goes straight to the :class:`~voice_guide.nlu.understanding.Understander`; speech goes
through :class:`Interpreter`, which weighs the recognizer's confidence and looks at the
runner-up hypotheses, safety first. The constants were tuned with ``scripts/tune_asr.py``
(tables in docs/tuning.md). What a second hearing of the audio changes (the rescue of declined
speech) is in :mod:`voice_guide.nlu.interpret_rescue` (the margins of its readings in
:mod:`voice_guide.nlu.interpret_rescue_readings`), the verification of alarms and questions against it in
:mod:`voice_guide.nlu.interpret_verify`, and when a spoken command is acted on in
:mod:`voice_guide.nlu.interpret_commands`. Each constant is read from the module it stands in (set it there); the
constants of all of them are replayed with ``scripts/tune_interpret.py``.
"""

from __future__ import annotations

from voice_guide.nlu import interpret_commands as commands
from voice_guide.nlu.declines import DECLINE_INTENTS
from voice_guide.nlu.interpret_commands import CommandReading
from voice_guide.nlu.interpret_rescue import SecondOpinion
from voice_guide.nlu.interpret_verify import CONFIRM_EMERGENCY, SecondHearing, confirm_match
from voice_guide.nlu.safety import FindingKind, SafetyFinding
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch, Understander

MIN_DIRECT_ALARM_ASR_CONFIDENCE = 0.55
"""An emergency or crisis in the best hypothesis is answered as one from this recognizer
confidence; below it the guide asks the one short confirmation question instead (garbled
out-of-domain speech of real people raised two false emergencies on single words such as
"seizure": docs/real-speech.md). Either way it is never answered with an article passage.
0.45 -> 0.55: the two false emergencies of real coffee orders (0.53, 0.54: "... fit lifeless
this will", "give me end it all of my pills ...") become the question; 17 of about 160
spoken red flags of the tuning replay get the question instead of the reply (still caught)."""

MIN_RUNNER_UP_ALARM_ASR_CONFIDENCE = 0.1
"""A red flag in a runner-up hypothesis, or a red-flag keyword in any hypothesis, is asked about
from this confidence of that hypothesis. Replayed on the spoken safety tuning set and on real
coffee orders through the article pack (``scripts/tune_interpret.py``; docs/recognition.md):
0.1 here and in :data:`MIN_WORD_ALARM_ASR_CONFIDENCE` lost no red flag and cut the questions
raised on real out-of-domain speech from 42 to 23 of 256; 0.3 lost 3 of 128 red flags."""

RUNNER_UP_SUSPECTED_AT = 0.5
"""A runner-up hypothesis (rank 2 to :data:`NBEST_DEPTH`) that only the learned safety net suspects (a finding of
kind ``CONFIRM``: the rules found no live red flag) is asked about from this recognizer confidence of that
hypothesis, as the best hypothesis's suspicion is; 0: off (a runner-up counts only with a red flag of the rules or a
red-flag keyword). "Husband says there's a band round his chest ..." in kitchen noise: best "does months as their
lemonade round his chest ...", runner-up "us and says there's an and round his chest ..." (0.60, the net suspects
it). Replay, kitchen 10 dB, 4 synthetic voices: tuning (tune14/15/17:odd) red flags caught 194 -> 197 of 204 at 0.5
and 0.3, near misses flagged 29 / 29 / 29 of 96, real coffee orders asked about 256 -> 257 (0.5) / 264 (0.3) of 1,364;
held out (tune16/17/18:even, aggregates) 186 -> 187 of 204, near misses 27 -> 28 of 96 (the question). Seventeenth
session (docs/spoken-rejection.md, "Seventeenth round")."""

MIN_WORD_ALARM_ASR_CONFIDENCE = 0.1
"""A weak red-flag word (``spoken_weak_words``) in speech nothing else understood is asked about
from this confidence of its hypothesis (see :data:`MIN_RUNNER_UP_ALARM_ASR_CONFIDENCE`). 0.2 was
tried (session 4): 3 fewer questions on 248 real coffee orders and no red flag lost on the tuning
replays, but 1 of 128 clean spoken red flags of the test part lost ("... chest pain when i lived
..." heard at 0.12 - 0.22): safety first, 0.1 kept (docs/recognition.md)."""

WEAK_ALARM_OVER_LOOSE_CONTROL = 1.0
"""1: a weak red-flag word with a person in a long utterance (more than :data:`~voice_guide.nlu.interpret_commands.MAX_CONTROL_WORDS`
words) understood only loosely as a command is asked about instead: "please help my mum arms
look desperate empty can barely stand" was the ``help`` command. 0: off."""

WEAK_ALARM_OVER_DECLINE = 0.55
"""The same for an utterance understood as a deliberate decline (``not_covered``,
``out_of_scope``) heard with less recognizer confidence than this ("grandad some the floor
and can fatal the fingers", 0.54, was ``not_covered``); 0: off. Clearly heard, the decline
stands ("my dad has the flu and a chest infection" is out of scope, not chest pain), and
``medical_advice`` is a safety reply of its own ("what dose of pills should my mum take")."""

WEAK_ALARM_OVER_KNOWLEDGE = 0.7
"""A knowledge answer from a hypothesis heard with less recognizer confidence than this that holds a weak
red-flag word about a person (``spoken_weak_words``, not cancelled by context) becomes
:data:`CONFIRM_EMERGENCY` instead of an article passage ("could she be having a fit? she's jerking" was
heard "can a machine moving movement she's jerking", 0.54, and read the passive-exercise passage); 0: off.
Tuning replay (ninth round: tune8:odd kitchen, tune6:odd, tune; 248 real coffee orders): with
:data:`KNOWLEDGE_SUSPECTED_AT` 0.3, the one red flag read as a passage becomes the question; near misses
flagged and real orders acted on unchanged. Without the net's reading (weak words alone) nothing changed:
the weak word was cancelled as a question (docs/spoken-rejection.md, "Ninth round")."""

KNOWLEDGE_SUSPECTED_AT = 0.3
""":data:`WEAK_ALARM_OVER_KNOWLEDGE`: a knowledge answer heard that poorly also becomes the question when the
learned safety net gives its hypothesis an emergency plus crisis probability of at least this (the weak
word of "can a machine moving movement she's jerking" is cancelled as a question; the net reads 0.34,
typed in-domain questions of the paraphrase tuning parts 0.3 or more for 20 of 904); above 1: off."""

MIN_RUNNER_UP_ALARM_OVER_CONTROL = 0.5
"""When the best hypothesis is an exact short command ("repeat that please", "next step"), a red
flag only in a runner-up is asked about when that runner-up's confidence is at least this share
of the best one's. With the red-flag phrases in the language model, runner-ups such as "stop
bleed" came with 5 % of clean spoken commands (synthetic benchmark; docs/recognition.md)."""

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

KEYWORD_CLEAR_AT = 0.8
"""A red-flag keyword (``spoken_keywords``) of a best hypothesis heard with this recognizer confidence or more, whose
own reading in the dialogue's state (the rules and the net, as typed) holds no red flag, is not asked about in any
hypothesis: the words were heard, and typed they are no alarm ("we are bleeding money on taxis to physio", heard word
for word at 0.93); above 1: off (every keyword asks). Twenty-ninth round, replay of tune30:odd (4 voices): red flags clean 68/68 and
kitchen 61/68 unchanged, near misses asked clean 10 -> 2 and kitchen 17 -> 15 of 32; tune30:even unchanged (68, 57;
11, 16 of 32); the tuning parts as perfect transcripts: red flags 4228/4249 unchanged, near misses 166 -> 44 of 3,292
(docs/spoken-rejection.md, "Twenty-ninth round")."""

KEYWORD_CLEAR_NET_BELOW = 0.5
""":data:`KEYWORD_CLEAR_AT` holds only where the learned net's red-flag probability of the best hypothesis is under
this: "i gave him a sandwich and now hes making no sound and pointing at his throat" (tune29:odd, a choking line the
rules miss without punctuation; the net 0.86, under its own bar) keeps its keyword's question; the near misses it
quiets are read at 0.01 - 0.27."""

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
of them heard with :data:`MIN_AGREED_READING_CONFIDENCE` or more, each understood as the same section) and the
evidence is not weak (:data:`WEAK_EVIDENCE`); above 1: off. Replay of tune20:odd (tuning, every 4th line, espeak en-us
and flite slt, cross-fitted lines file; ``scripts/calibrate_rejection.py``): kitchen 10 dB knowledge right 65 -> 67 of
100 (0.4, 0.35 and 0.3 alike), wrong passages 4 and out-of-domain passages 4 of 62 unchanged, clean unchanged (85);
137 kitchen red flags of tune20:odd: no passage either way. In the band 0.3 - 0.5 the runner-ups all agreed for 4 of
8 right answers and 1 of 8 wrong ones (on weak evidence). Lowering :data:`MIN_KNOWLEDGE_SCORE` to 0.4 instead gave
+4 right for +6 wrong answers in the kitchen. Nineteenth session (docs/recognition.md, "Nineteenth round")."""

AGREED_MIN_READINGS = 2
""":data:`AGREED_KNOWLEDGE_SCORE`: how many runner-up readings must agree (all of those heard well enough)."""

MIN_AGREED_READING_CONFIDENCE = 0.1
""":data:`AGREED_KNOWLEDGE_SCORE`: a runner-up reading under this recognizer confidence is not counted."""

PULL_EVIDENCE_BELOW = 1.0
"""A spoken knowledge answer pulled by one or two ordinary words (knowledge evidence under this: no lexicon term, no
rare word) out of a long transcript (:data:`PULL_MIN_WORDS` words or more, the rest function words or words the
topic does not know) stands only when every runner-up heard with :data:`MIN_AGREED_READING_CONFIDENCE` or more is
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

PAIN_SUSPECTED_AT = 1.01
"""Off (above 1) since the eighteenth session's merge: the question does not stop the routine, so a "no" to it would let
a routine go on after words of pain; every pain report stops the routine first (a joint pain stop and question is left
for a later round). When on (0.9 was measured): a pain report heard in a routine (which stops it with the pain advice)
gets :data:`CONFIRM_EMERGENCY` instead when the learned safety net gives its transcript an emergency plus crisis
probability of at least this; above 1: off. With the command lines in the routine vocabulary
(``engine.RECOGNIZER_CONTROLS_IN_ROUTINE``), spoken red flags were heard with a pain word of a command line ("...
breathless in her hard racing ... her leg is then sore", net 0.96; "my mum suddenly got his to do to she suit like ...
that hurts", 0.93) and stopped the routine with the pain advice. Typed pain lines of the tuning parts read at most
0.66 ("stop she's wincing"), the pack's pain sentences 0.73, pain-worded near misses 0.62 (docs/recognition.md,
"Eighteenth round", second round)."""

ROUTINE_SUSPECTED_AT = 0.8
"""During a routine, speech of more than :data:`~voice_guide.nlu.interpret_commands.MAX_CONTROL_WORDS` words that
nothing else acted on (``fallback``) gets :data:`CONFIRM_EMERGENCY` when the learned safety net gives its transcript
an emergency plus crisis probability of at least this (the net's own question bar, ``learned.confirm_at``, is 0.8 of
the emergency probability alone); above 1: off. The routine vocabulary holds commands (and, with
``engine.RECOGNIZER_CONTROLS_IN_ROUTINE``, the command lines), no red-flag sentence, so a red flag said during a
routine is heard as command words ("she fell out of bed ... isn't making sense" in kitchen noise: "she there loud of
ever love commitment of have and she is it's making sense", net 0.87). Tuning (tune19:odd every 4th, 2 synthetic
voices, switch 1): 2 of 11 red flags not caught become the question (3 of 124 changed), 0 of 79 unflagged near misses
and 0 of 284 routine-state command lines heard (docs/recognition.md, "Eighteenth round", second round)."""

MIN_ALT_CONFIDENCE = 0.3
"""A runner-up hypothesis under this confidence is not used for a knowledge answer."""

SPOKEN_COMMANDS_OVER_NET = 1.0
"""1: a hypothesis that is, as a whole, an exact command template of the dialogue state (``control_exact``) raises
no alarm of the learned safety net alone (a finding of the rules always stands), as typed text does
(``understanding.COMMANDS_OVER_NET``); 0: off. "um keep going" (more, after an answer) is crisis by the net (0.81):
typed it is the command, spoken it was the crisis reply whenever heard right. Twenty-first session: 7 of 2,519
control lines of the paraphrase tuning parts are such "keep going" commands; tune22:odd every 20th line, 6 synthetic
voices, kitchen and pink at 10 dB: the one such line was the crisis reply or the question 7 of 12 times
(docs/recognition.md, "Twenty-first round")."""

NET_ALONE_DIRECT_AT = 0.8
"""An emergency or crisis that only the learned safety net finds in the best hypothesis (no rule of
``safety.yaml``) is answered as one from this net probability (and :data:`MIN_DIRECT_ALARM_ASR_CONFIDENCE`);
under it the guide asks the confirmation question (0: always answered, above 1: always asked). Typed text is not
affected. Twenty-fourth session, all 619 real coffee orders through the article pack (clean, decoded once;
``tune_interpret.py --real``): "i want the like rota double show up love tonight" (heard at 0.69) was the crisis
reply on the net's 0.44; everyday emergencies the rules miss are found by the net at 0.9 and more ("my wife has
gone a funny grey colour and is all clammy": 0.97)."""


class Interpreter(SecondOpinion, CommandReading):
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
           :data:`PAIN_SUSPECTED_AT`), then an exact control template of a short
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

    def _pain_suspected(self, text: str, asr_confidence: float) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for a pain report heard in a routine that the learned safety net reads as a
        red flag with at least :data:`PAIN_SUSPECTED_AT`, or None (the pain stop)."""
        if self.red_flag_probability(text) < PAIN_SUSPECTED_AT:
            return None
        return self._net_question(text, asr_confidence)

    def _routine_suspected(self, text: str, asr_confidence: float, state: DialogueState) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for speech of more than
        :data:`~voice_guide.nlu.interpret_commands.MAX_CONTROL_WORDS` words not acted on during a routine that the
        learned safety net reads as a red flag with at least :data:`ROUTINE_SUSPECTED_AT`, or None (a misheard
        emergency must not get the fallback; see :data:`ROUTINE_SUSPECTED_AT`)."""
        if (not state.in_routine or asr_confidence < MIN_RUNNER_UP_ALARM_ASR_CONFIDENCE
                or len(text.split()) <= commands.MAX_CONTROL_WORDS or self.red_flag_probability(text) < ROUTINE_SUSPECTED_AT):
            return None
        return self._net_question(text, asr_confidence)

    def _net_question(self, text: str, asr_confidence: float) -> IntentMatch:
        """:data:`CONFIRM_EMERGENCY` about what the learned safety net reads in ``text`` (its concept, or none)."""
        finding = self.understander.safety.learned(text)
        if finding.kind is FindingKind.NONE:
            finding = SafetyFinding(FindingKind.CONFIRM)
        return self._confirm(finding, text, asr_confidence)

    @staticmethod
    def _weak_may_override(best: IntentMatch, text: str, asr_confidence: float) -> bool:
        """Whether a weak red-flag word is asked about rather than acting on ``best``, a
        non-knowledge match (see :data:`WEAK_ALARM_OVER_LOOSE_CONTROL`, :data:`WEAK_ALARM_OVER_DECLINE`)."""
        if best.intent == "medical_advice":
            return False
        if best.intent in DECLINE_INTENTS:
            return asr_confidence < WEAK_ALARM_OVER_DECLINE
        return bool(WEAK_ALARM_OVER_LOOSE_CONTROL) and best.intent != "pain" and len(text.split()) > commands.MAX_CONTROL_WORDS

    def _weak_over_passage(self, text: str, asr_confidence: float) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for a knowledge answer's hypothesis ``text`` that holds a weak red-flag
        word about a person and was heard with less confidence than :data:`WEAK_ALARM_OVER_KNOWLEDGE`, or None."""
        if asr_confidence >= WEAK_ALARM_OVER_KNOWLEDGE:
            return None
        weak = self._weak_alarm([(text, asr_confidence)])
        if weak is None and self.red_flag_probability(text) >= KNOWLEDGE_SUSPECTED_AT:
            return self._confirm(self.understander.safety.learned(text), text, asr_confidence)
        return weak

    def _weak_alarm(self, hypotheses: list[tuple[str, float]],
                    state: DialogueState = DialogueState.IDLE) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for a weak red-flag word in any hypothesis of speech
        that was not understood (``spoken_weak_words`` of the pack), or None (also for the keyword of a best
        hypothesis heard clearly: :data:`KEYWORD_CLEAR_AT`)."""
        clear = self._clear_keywords(hypotheses, state)
        for hyp, conf in hypotheses:
            if conf < MIN_WORD_ALARM_ASR_CONFIDENCE:
                continue
            alarm = self.understander.safety.spoken_alarm(hyp, weak=True) if hyp else None
            if alarm is not None and alarm.concept not in clear:
                return self._confirm(alarm, hyp, conf)
        return None

    def safety_first(self, hypotheses: list[tuple[str, float]], keywords: tuple[str, ...] = (),
                     state: DialogueState = DialogueState.IDLE) -> IntentMatch | None:
        """The red-flag reading of the n-best list and spotted keywords, or None.

        The best hypothesis's emergency or crisis is answered as it is; a runner-up's or a
        keyword's becomes :data:`CONFIRM_EMERGENCY`, and so does a best hypothesis the learned
        safety net only suspects (a finding of kind ``CONFIRM``), whatever its confidence. A finding of
        the net alone on a hypothesis that is an exact command of ``state`` does not count
        (:data:`SPOKEN_COMMANDS_OVER_NET`). Each hypothesis and keyword is assessed in ``state``, as typed text is
        (twenty-ninth round: statelessly, a bare "end it" said when idle was the stop command, not crisis talk, and
        "he says yes he's ready to go" at the safety check the crisis reply, not the answer)."""
        safety = self.understander.safety
        heard_context = safety.cancelled_concepts(hypotheses[0][0]) if hypotheses else set()
        runner_up_bar = MIN_RUNNER_UP_ALARM_ASR_CONFIDENCE
        if hypotheses and self._short_control(*hypotheses[0], commands.MIN_CONTROL_ASR_CONFIDENCE) is not None:
            runner_up_bar = max(runner_up_bar, MIN_RUNNER_UP_ALARM_OVER_CONTROL * hypotheses[0][1])
        suspected: SafetyFinding | None = None
        suspected_heard = hypotheses[0] if hypotheses else ("", 0.0)
        for rank, (hyp, conf) in enumerate(hypotheses):
            if not hyp:
                continue
            finding = safety.assess(hyp, state)  # the reading typed text gets in this state (twenty-ninth round)
            if self._command_over_net(finding, hyp, state):
                continue
            if finding.kind is FindingKind.CONFIRM and suspected is None and (rank == 0 or (
                    RUNNER_UP_SUSPECTED_AT and conf >= max(RUNNER_UP_SUSPECTED_AT, runner_up_bar))):
                suspected, suspected_heard = finding, (hyp, conf)
            if finding.is_red_flag:
                if rank == 0 and conf >= MIN_DIRECT_ALARM_ASR_CONFIDENCE and self._answered_as_heard(finding, hypotheses, state):
                    return self._red_flag(finding, hyp, 1.0)
                if rank == 0:  # heard, but barely: ask rather than raise an alarm on garbled speech
                    return self._confirm(finding, hyp, conf)
                if finding.concept not in heard_context and conf >= runner_up_bar:
                    return self._confirm(finding, hyp, conf)  # "no chest pain" heard: a runner-up without "no" is not news
        for phrase in keywords:
            finding = safety.assess(phrase, state)
            if finding.is_red_flag:
                return self._confirm(finding, phrase, 0.0)
        cleared: set[str] | None = None  # worked out once, at the first keyword found
        for hyp, conf in hypotheses:
            alarm = safety.spoken_alarm(hyp) if hyp and conf >= runner_up_bar else None
            if alarm is None:
                continue
            if cleared is None:
                cleared = heard_context | self._clear_keywords(hypotheses, state)
            if alarm.concept not in cleared:
                return self._confirm(alarm, hyp, conf)
        if suspected is not None:  # the learned net only suspects the best hypothesis (or a runner-up): ask
            return self._confirm(suspected, *suspected_heard)
        return None

    def _clear_keywords(self, hypotheses: list[tuple[str, float]], state: DialogueState) -> set[str]:
        """The concepts of the red-flag keywords (strong and weak) of a best hypothesis heard from
        :data:`KEYWORD_CLEAR_AT` whose reading in ``state`` holds no red flag (the net under :data:`KEYWORD_CLEAR_NET_BELOW`) (a keyword of them in any hypothesis is
        not asked about), or none."""
        safety = self.understander.safety
        text, conf = hypotheses[0] if hypotheses else ("", 0.0)
        if conf < KEYWORD_CLEAR_AT or not text or safety.assess(text, state).is_red_flag \
                or self.red_flag_probability(text) >= KEYWORD_CLEAR_NET_BELOW:
            return set()
        alarms = (safety.spoken_alarm(text), safety.spoken_alarm(text, weak=True))
        return {a.concept for a in alarms if a is not None and a.concept is not None}

    def _answered_as_heard(self, finding: SafetyFinding, hypotheses: list[tuple[str, float]],
                           state: DialogueState) -> bool:
        """Whether a red flag of the best hypothesis is answered as one: a rule's finding always, the learned
        net's alone from :data:`NET_ALONE_DIRECT_AT` when heard well enough (``net_alone_heard_well``)."""
        probability = finding.net_probability
        if probability is None:
            return True
        return probability >= NET_ALONE_DIRECT_AT and self.net_alone_heard_well(
            finding, hypotheses, state, MIN_AGREED_READING_CONFIDENCE)

    def _command_over_net(self, finding: SafetyFinding, hyp: str, state: DialogueState) -> bool:
        """Whether ``finding`` is the learned safety net's alone and ``hyp`` an exact command template of ``state``
        (:data:`SPOKEN_COMMANDS_OVER_NET`): what was said is the command."""
        if not SPOKEN_COMMANDS_OVER_NET or finding.kind is FindingKind.NONE or not finding.by_net:
            return False
        return self.understander.control_exact(hyp, state) is not None

    @staticmethod
    def _red_flag(finding: SafetyFinding, heard: str, confidence: float) -> IntentMatch:
        return IntentMatch(finding.intent, confidence, {"concept": finding.concept or ""}, text=heard)

    _confirm = staticmethod(confirm_match)

    def nbest_agrees(self, match: IntentMatch, hypotheses: list[tuple[str, float]],
                     state: DialogueState = DialogueState.IDLE) -> bool:
        """Whether the runner-ups of ``hypotheses`` (the best one first) heard with
        :data:`MIN_AGREED_READING_CONFIDENCE` or more, at least :data:`AGREED_MIN_READINGS` of them, are all
        understood as the knowledge answer ``match`` (its section)."""
        readings = [t for t, c in hypotheses[1:] if t and c >= MIN_AGREED_READING_CONFIDENCE]
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
        hypotheses ``others`` heard with :data:`MIN_AGREED_READING_CONFIDENCE` or more do not all back (none heard:
        no way to tell, False)."""
        if not PULL_EVIDENCE_BELOW or len(text.split()) < PULL_MIN_WORDS:
            return False
        evidence, _n = self.understander.knowledge_evidence(text, match.intent)
        if evidence >= PULL_EVIDENCE_BELOW:
            return False
        readings = [t for t, c in others if t and t != text and c >= MIN_AGREED_READING_CONFIDENCE]
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
