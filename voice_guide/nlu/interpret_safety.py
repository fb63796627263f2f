"""The safety side of :class:`~voice_guide.nlu.interpret.Interpreter` (:class:`SafetyReading` is a base class of it).

Safety first, biased toward safety: the red-flag reading of the recognizer's n-best list and of spotted keywords,
the weak red-flag words asked about in speech nothing else understood, the learned net's suspicions during a
routine and over a knowledge answer heard poorly, and when an alarm of the net alone gives way to an exact command.
Split from :mod:`voice_guide.nlu.interpret` in the thirty-seventh session (no behaviour change); the constants are
read from this module at run time (set them here: ``scripts/tune_interpret.py --param`` does).
"""

from __future__ import annotations

from voice_guide.nlu import interpret_commands as commands
from voice_guide.nlu.declines import DECLINE_INTENTS
from voice_guide.nlu.interpret_commands import CommandReading
from voice_guide.nlu.interpret_verify import AlarmVerifier, confirm_match
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
"""A runner-up hypothesis (rank 2 to :data:`~voice_guide.nlu.interpret.NBEST_DEPTH`) that only the learned safety net suspects (a finding of
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
:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` instead of an article passage ("could she be having a fit? she's jerking" was
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

PAIN_SUSPECTED_AT = 1.01
"""Off (above 1) since the eighteenth session's merge: the question does not stop the routine, so a "no" to it would let
a routine go on after words of pain; every pain report stops the routine first (a joint pain stop and question is left
for a later round). When on (0.9 was measured): a pain report heard in a routine (which stops it with the pain advice)
gets :data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` instead when the learned safety net gives its transcript an emergency plus crisis
probability of at least this; above 1: off. With the command lines in the routine vocabulary
(``engine.RECOGNIZER_CONTROLS_IN_ROUTINE``), spoken red flags were heard with a pain word of a command line ("...
breathless in her hard racing ... her leg is then sore", net 0.96; "my mum suddenly got his to do to she suit like ...
that hurts", 0.93) and stopped the routine with the pain advice. Typed pain lines of the tuning parts read at most
0.66 ("stop she's wincing"), the pack's pain sentences 0.73, pain-worded near misses 0.62 (docs/recognition.md,
"Eighteenth round", second round)."""

ROUTINE_SUSPECTED_AT = 0.8
"""During a routine, speech of more than :data:`~voice_guide.nlu.interpret_commands.MAX_CONTROL_WORDS` words that
nothing else acted on (``fallback``) gets :data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` when the learned safety net gives its transcript
an emergency plus crisis probability of at least this (the net's own question bar, ``learned.confirm_at``, is 0.8 of
the emergency probability alone); above 1: off. The routine vocabulary holds commands (and, with
``engine.RECOGNIZER_CONTROLS_IN_ROUTINE``, the command lines), no red-flag sentence, so a red flag said during a
routine is heard as command words ("she fell out of bed ... isn't making sense" in kitchen noise: "she there loud of
ever love commitment of have and she is it's making sense", net 0.87). Tuning (tune19:odd every 4th, 2 synthetic
voices, switch 1): 2 of 11 red flags not caught become the question (3 of 124 changed), 0 of 79 unflagged near misses
and 0 of 284 routine-state command lines heard (docs/recognition.md, "Eighteenth round", second round)."""

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


class SafetyReading(CommandReading, AlarmVerifier):
    """The safety rules of :class:`~voice_guide.nlu.interpret.Interpreter` (a base class of it)."""

    understander: Understander

    def _pain_suspected(self, text: str, asr_confidence: float) -> IntentMatch | None:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for a pain report heard in a routine that the learned safety net reads as a
        red flag with at least :data:`PAIN_SUSPECTED_AT`, or None (the pain stop)."""
        if self.red_flag_probability(text) < PAIN_SUSPECTED_AT:
            return None
        return self._net_question(text, asr_confidence)

    def _routine_suspected(self, text: str, asr_confidence: float, state: DialogueState) -> IntentMatch | None:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for speech of more than
        :data:`~voice_guide.nlu.interpret_commands.MAX_CONTROL_WORDS` words not acted on during a routine that the
        learned safety net reads as a red flag with at least :data:`ROUTINE_SUSPECTED_AT`, or None (a misheard
        emergency must not get the fallback; see :data:`ROUTINE_SUSPECTED_AT`)."""
        if (not state.in_routine or asr_confidence < MIN_RUNNER_UP_ALARM_ASR_CONFIDENCE
                or len(text.split()) <= commands.MAX_CONTROL_WORDS or self.red_flag_probability(text) < ROUTINE_SUSPECTED_AT):
            return None
        return self._net_question(text, asr_confidence)

    def _net_question(self, text: str, asr_confidence: float) -> IntentMatch:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` about what the learned safety net reads in ``text`` (its concept, or none)."""
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
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for a knowledge answer's hypothesis ``text`` that holds a weak red-flag
        word about a person and was heard with less confidence than :data:`WEAK_ALARM_OVER_KNOWLEDGE`, or None."""
        if asr_confidence >= WEAK_ALARM_OVER_KNOWLEDGE:
            return None
        weak = self._weak_alarm([(text, asr_confidence)])
        if weak is None and self.red_flag_probability(text) >= KNOWLEDGE_SUSPECTED_AT:
            return self._confirm(self.understander.safety.learned(text), text, asr_confidence)
        return weak

    def _weak_alarm(self, hypotheses: list[tuple[str, float]],
                    state: DialogueState = DialogueState.IDLE) -> IntentMatch | None:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for a weak red-flag word in any hypothesis of speech
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
        keyword's becomes :data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY`, and so does a best hypothesis the learned
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
            finding, hypotheses, state)

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


__all__ = ["SafetyReading"]
