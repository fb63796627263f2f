"""The second hearing of an utterance and the verification of alarms and questions against it.

:class:`SecondHearing` holds the same audio heard again (an unbiased reading and a safety-only one, from
:func:`voice_guide.stt.pocketsphinx.keywords.hear_again`). :class:`AlarmVerifier` (a base class of
:class:`~voice_guide.nlu.interpret_rescue.SecondOpinion`) decides whether that hearing backs an alarm raised on a
poorly heard best hypothesis (else the one confirmation question is asked; nothing is dropped) and whether a
question becomes the alarm. The rescue of declined speech and passages is in
:mod:`voice_guide.nlu.interpret_rescue`. Split from it in the eighteenth session (the module had grown past 500
lines); the constants are replayed by name with ``scripts/tune_interpret.py --param``. Measured in
docs/spoken-rejection.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from voice_guide.nlu.safety import FindingKind, SafetyFinding
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch, Understander

CONFIRM_EMERGENCY = "confirm_emergency"
"""Intent of the one short question asked when only a runner-up hypothesis (or a spotted
keyword) was an emergency or a crisis. Slots: ``concept``, ``kind`` (``emergency`` or
``crisis``) and ``heard`` (the hypothesis that had it). On "yes" the caller answers with
:meth:`~voice_guide.nlu.safety.SafetyRules.confirm_reply`."""

VERIFY_QUESTIONS = 0.0
"""0 (the default): off. On the tuning replays it halved near-miss questions and cut real coffee
orders acted on from 26 to 8 of 248 at no cost, but on the spoken test sample of the fifth session
it dropped 11 of 128 red flags caught in kitchen noise (89 -> 78) to spare 9 near-miss questions;
and issue 10 asks for the question whenever any hypothesis holds a red flag. 1: a
:data:`CONFIRM_EMERGENCY` question stands only when a second decode of the same audio
(:class:`SecondHearing`) backs it: its unbiased (stock English) reading holds a red flag, its
safety-only reading the same concept, or the safety reading scores within :data:`VERIFY_MIN_MARGIN`
of the unbiased one; 0: off. The main language model holds thousands of red-flag phrases, and
garbled speech of another domain drifts into them. Measured in docs/spoken-rejection.md."""

VERIFY_MIN_MARGIN = 0.005
""":data:`VERIFY_QUESTIONS`: the least :attr:`SecondHearing.safety_margin` that backs a question by itself
(0 / 0.005 / 0.01 on the tuning replays: real coffee orders acted on 11 / 8 / 7 of 248, spoken red flags
caught in kitchen noise 97 / 96 / 92 of 128; docs/spoken-rejection.md)."""

VERIFY_SAME_CONCEPT = 1.0
""":data:`VERIFY_QUESTIONS`: 1, a safety-only reading of the question's concept backs it too."""

VERIFY_DIRECT_BELOW = 0.75
"""An emergency or crisis reply raised from the best hypothesis heard with less recognizer
confidence than this becomes :data:`CONFIRM_EMERGENCY` when the second hearing does not back it
(the question is asked, nothing is dropped; :data:`VERIFY_DIRECT_BY_GENERAL`); 0: off. 0.7 -> 0.75
(thirteenth session): real coffee orders raised "overdose", "seizure" and "was shot" (bleeding) at
0.56-0.71 (docs/real-speech.md, "Thirteenth round")."""

VERIFY_DIRECT_BY_GENERAL = 1.0
"""1: an alarm below :data:`VERIFY_DIRECT_BELOW` stands only when the second hearing's unbiased reading
(the stock English model: its best path, :data:`VERIFY_DIRECT_RUNNER_UPS`) holds a red flag of the alarm's
kind (:data:`VERIFY_DIRECT_SAME`; of the rules or the learned net, :data:`VERIFY_DIRECT_NET`); otherwise the
question is asked. 0: the backing of a question (:meth:`AlarmVerifier._backs`), which garbled real orders
passed because the safety-only reading, made of red-flag phrases, names the same concept ("what want alive
roast to overdose all eyes open" 0.60: safety reading "i want to live trust to overdose ...", unbiased "one
wants a light roast to open spots open"). Held out (tune14:even, synthetic voices): every red flag still
caught; direct replies 63 -> 59 clean and 45 -> 23 in kitchen noise at 10 dB (the rest get the question).
Measured in docs/spoken-rejection.md ("Thirteenth round")."""

VERIFY_DIRECT_RUNNER_UPS = 0.0
""":data:`VERIFY_DIRECT_BY_GENERAL`: 1, a red flag in a runner-up of the unbiased reading backs the alarm
too; 0 (kept): its best path only (a real order's "fell ago why wrist as her words seizure", 12 dB, 0.56, had
"... recovered seizure" in a runner-up of "title i restore is recovered some sugar")."""

VERIFY_DIRECT_NET = 1.0
""":data:`VERIFY_DIRECT_BY_GENERAL`: 1 (kept), a red flag the learned net alone reads in the unbiased reading
backs the alarm too; 0: only a red flag of the rules."""

VERIFY_DIRECT_SAME = 1.0
""":data:`VERIFY_DIRECT_BY_GENERAL`: 0, any red flag of the unbiased reading backs the alarm; 1 (kept), only
one of the alarm's kind (emergency or crisis: "can i have a life to overdose", 0.59, an emergency, had the
unbiased reading "and i have an item of", which the learned net reads as crisis talk); 2, only one of its
concept. Tuning replay (tune14:odd kitchen 10 dB, 4 synthetic voices; docs/spoken-rejection.md, "Thirteenth
round"): direct replies of 62 red flags caught 44 (before) -> 38 / 36 / 31 / 27 with any red flag of any
reading / of the alarm's kind / of its kind on the best path (kept) / of the rules on the best path; every
one of them still caught (the question), real orders' false emergencies heard again 4 -> 2 / 1 / 0 / 0."""

VERIFY_DIRECT_AGREED = 1.0
""":data:`VERIFY_DIRECT_BY_GENERAL`: 1, an alarm whose unbiased reading holds no red flag stands too when the
second hearing agrees with it in both its readings, in a noisy room (:data:`VERIFY_DIRECT_AGREED_FLOOR_DBFS`):
the safety-only reading is a red flag of the alarm's concept and the unbiased reading's best path holds a
content word of the alarm's red-flag phrase ("how do you even do she's clutching her chest", 0.65, kitchen:
safety-only "to punching changed clutching her chest", unbiased "i'm punching change much in her chest");
0: off. Kitchen noise at 10 dB, 4 synthetic voices, direct replies of the red flags caught: tune15:odd 26 -> 32
of 66, tune14:odd 33 -> 35 of 62, tune13:odd 31 -> 34 of 65; **held out tune15:even 17 -> 24 of 60**; no near
miss and none of 1,492 real coffee orders (tuning recordings, replayed) changed. Fourteenth session
(docs/spoken-rejection.md, "Fourteenth round")."""

VERIFY_DIRECT_AGREED_FLOOR_DBFS = -45.0
""":data:`VERIFY_DIRECT_AGREED`: the least noise floor (dBFS, the front end's) of a noisy room; in a quieter
one an alarm heard poorly needs a red flag in the unbiased reading."""

VERIFY_AGREED_SAFETY = 0.0
""":data:`VERIFY_DIRECT_AGREED`: what of the safety-only reading agrees with the alarm. 0 (kept): a red flag of
the alarm's concept (the fourteenth session's rule); 1: also a red flag of the alarm's kind (emergency or
crisis) of another concept ("... wheezing badly and her inhaler isn't fall peanut lump", breathing: safety-only
reading choking); 2: also a reading that holds a content word of the alarm's red-flag phrase, red flag or not.
Kitchen 10 dB, 4 synthetic voices, direct replies: tuning (tune15:odd, tune14:odd, tune13:odd) 32 / 35 / 34 ->
34 / 36 / 36 at 1 and 36 / 38 / 37 at 2, every red flag still caught; near misses alarmed directly 1 / 1 / 0
-> same at 1, 2 / 1 / 0 at 2 ("i was gasping for coffee ..."). Held out at 1: tune15:even 24 -> 25, tune16:even
28 -> 29 of 60 but a near miss of tune16:even goes from the question to the alarm (0 -> 1 of 32): left off.
Fifteenth session (docs/spoken-rejection.md, "Fifteenth round")."""

VERIFY_AGREED_QUESTIONS = 0.0
"""1: a :data:`CONFIRM_EMERGENCY` question whose hypothesis holds a red flag of the rules (heard with at least
:data:`VERIFY_AGREED_QUESTIONS_MIN_ASR`) is heard again and becomes the alarm when both readings agree with
it in a noisy room, as for :data:`VERIFY_DIRECT_AGREED`; 0 (kept): off (questions are not heard again). On
top of it (kitchen 10 dB, direct replies): tune15:odd 32 -> 33, tune14:odd 35 -> 35, tune13:odd 34 -> 38;
held out tune15:even 24 -> 25 of 60; near misses and real orders unchanged (at 0, 0.3 and 0.45 alike), but
every question would be heard again (about 0.4 s more after speech, real orders asked about included)."""

VERIFY_AGREED_QUESTIONS_MIN_ASR = 0.0
""":data:`VERIFY_AGREED_QUESTIONS`: the least recognizer confidence of the question's hypothesis."""

NET_ALONE_MIN_ASR = 0.7
"""An emergency or crisis that only the learned safety net finds in the best hypothesis (no rule of ``safety.yaml``)
is answered as one only when that hypothesis was heard with at least this recognizer confidence (and the net is sure
enough: ``interpret_safety.NET_ALONE_DIRECT_AT``); under it the confirmation question is asked (nothing is dropped); 0: off.
A real coffee order misheard at 0.63 was the crisis reply on the net's 0.83 (its second hearing, read by the net too,
backed it). Replay, tuning crisis lines (tune34:odd, tune33:odd) and one emergency per concept (tune34:odd), espeak
en-us and flite slt: direct replies 123 -> 121 of 154 clean and 95 -> 90 of 154 in kitchen noise at 10 dB (the rest
asked; none missed); real orders of the tuning recordings at 6 dB (124): no alarm either way. Thirty-third round
(docs/spoken-rejection.md)."""

NET_ALONE_NBEST_AGREED = 0.0
"""1: such a net-only reply also needs every runner-up heard with :data:`MIN_AGREED_READING_CONFIDENCE` or more
to be read as a red flag of its kind (the rules' or the net's); else the question; 0: off."""

NET_ALONE_BY_RULES = 0.0
"""1: a net-only alarm heard under :data:`VERIFY_DIRECT_BELOW` is backed by the second hearing's unbiased reading only
when a rule finds a red flag there (the net reading it too does not back it: :data:`VERIFY_DIRECT_NET`); 0: off."""


MIN_AGREED_READING_CONFIDENCE = 0.1
"""A runner-up reading under this recognizer confidence is not counted (by
:data:`~voice_guide.nlu.interpret.AGREED_KNOWLEDGE_SCORE`, :data:`~voice_guide.nlu.interpret.PULL_EVIDENCE_BELOW` and
:data:`NET_ALONE_NBEST_AGREED`). Stands here since the thirty-seventh session's split of the interpreter."""


@dataclass(frozen=True)
class SecondHearing:
    """The same audio heard again, without the main model's red-flag bias and with it only."""

    general: tuple[str, ...]
    """The unbiased reading (stock English language model): best path first, then runner-ups."""

    safety: str
    """The reading of a language model made of the safety phrases alone."""

    safety_margin: float
    """Total path score per frame of the safety reading minus the unbiased one's (language and
    acoustics; hundreds of log units): above 0, the red-flag phrases explain the audio better
    than English at large."""

    noisy: bool = False
    """True when the noise front end denoised the utterance (the room was noisy)."""

    floor_dbfs: float | None = None
    """The noise floor the front end measured (dBFS), None without a front end."""

    spotted: tuple[str, ...] = ()
    """Red-flag key phrases a keyphrase search spotted in the audio
    (:class:`~voice_guide.stt.pocketsphinx.keywords.RedFlagSpotter`;
    :data:`~voice_guide.nlu.interpret_rescue.RESCUE_SPOTTED`)."""

    state: DialogueState | None = None
    """The dialogue state the utterance was said in: every reading is assessed in it, as typed text and the main
    decode are (``SafetyRules.assess``: an idle bare "end it" is crisis talk, a readiness answer at a routine's
    question is the answer); None: the same reading in every state (``SecondOpinion.second_opinion`` fills it)."""


def confirm_match(finding: SafetyFinding, heard: str, confidence: float) -> IntentMatch:
    """The :data:`CONFIRM_EMERGENCY` question for ``finding`` read in the hypothesis ``heard``."""
    kind = "crisis" if finding.kind is FindingKind.CRISIS else "emergency"
    slots = {"concept": finding.concept or "", "kind": kind, "heard": heard}
    return IntentMatch(CONFIRM_EMERGENCY, round(confidence, 3), slots, text=heard)


class AlarmVerifier:
    """Whether a second hearing backs an alarm or a question, and the readings' red-flag helpers (a base class of
    :class:`~voice_guide.nlu.interpret_rescue.SecondOpinion`)."""

    understander: Understander

    def red_flag_probability(self, text: str) -> float:
        """The learned safety net's emergency plus crisis probability for ``text`` (0 without a net)."""
        net = self.understander.safety.net
        probs = net.probabilities(text) if net is not None and text else None
        return 0.0 if probs is None else 1.0 - float(probs[0])

    def phrase_echoed(self, phrase: str, readings: tuple[str, ...]) -> bool:
        """Whether a content word of a red-flag ``phrase`` (not a stopword, 3 letters or more) is a word
        of one of ``readings`` (decodes made without the safety-only model)."""
        language = self.understander.language
        words = {w for w in language.normalize(phrase).split() if len(w) > 2 and w not in language.stopwords}
        return any(words & set(language.normalize(text).split()) for text in readings if text)

    def net_alone_heard_well(self, finding: SafetyFinding, hypotheses: list[tuple[str, float]],
                             state: DialogueState = DialogueState.IDLE) -> bool:
        """Whether a red flag the learned net alone found in the best hypothesis of ``hypotheses`` was heard well
        enough to be answered as one (:data:`NET_ALONE_MIN_ASR`, :data:`NET_ALONE_NBEST_AGREED`; runner-ups heard
        under :data:`MIN_AGREED_READING_CONFIDENCE` are not counted)."""
        if not hypotheses or hypotheses[0][1] < NET_ALONE_MIN_ASR:
            return False
        if not NET_ALONE_NBEST_AGREED:
            return True
        safety = self.understander.safety
        for text, conf in hypotheses[1:]:
            if text and conf >= MIN_AGREED_READING_CONFIDENCE and safety.assess(text, state).intent != finding.intent:
                return False
        return True

    def _backs_alarm(self, match: IntentMatch, heard: SecondHearing) -> bool:
        """Whether the second hearing backs an alarm raised on a poorly heard best hypothesis
        (:data:`VERIFY_DIRECT_BY_GENERAL`; off: as a question, :meth:`_backs`)."""
        if not VERIFY_DIRECT_BY_GENERAL:
            return self._backs(match, heard)
        safety = self.understander.safety
        readings = heard.general if VERIFY_DIRECT_RUNNER_UPS else heard.general[:1]
        net_backs = bool(VERIFY_DIRECT_NET) and not (
            NET_ALONE_BY_RULES and match.text and safety.assess(match.text, heard.state).by_net)
        for text in readings:
            finding = safety.assess(text, heard.state) if text else None
            if finding is None or not finding.is_red_flag or (finding.by_net and not net_backs):
                continue
            if VERIFY_DIRECT_SAME >= 2 and finding.concept != match.slots.get("concept"):
                continue
            if VERIFY_DIRECT_SAME >= 1 and finding.intent != match.intent:
                continue
            return True
        return bool(VERIFY_DIRECT_AGREED) and self._agrees(match, heard)

    def _agreed_alarm(self, question: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """The alarm of a :data:`CONFIRM_EMERGENCY` question both readings of the second hearing agree
        with (:data:`VERIFY_AGREED_QUESTIONS`), or None."""
        if not VERIFY_AGREED_QUESTIONS or question.confidence < VERIFY_AGREED_QUESTIONS_MIN_ASR:
            return None
        text = question.slots.get("heard") or question.text or ""
        finding = self.understander.safety.assess(text, heard.state) if text else None
        if finding is None or not finding.is_red_flag or finding.by_net:
            return None
        alarm = IntentMatch(finding.intent, 1.0, {"concept": finding.concept or ""}, text=text)
        return alarm if self._agrees(alarm, heard) else None

    def _agrees(self, match: IntentMatch, heard: SecondHearing) -> bool:
        """Whether both readings of a noisy room's second hearing agree with an alarm
        (:data:`VERIFY_DIRECT_AGREED`): the safety-only reading is a red flag of its concept
        (:data:`VERIFY_AGREED_SAFETY`), and the unbiased best path holds a content word of its red-flag phrase."""
        if heard.floor_dbfs is None or heard.floor_dbfs < VERIFY_DIRECT_AGREED_FLOOR_DBFS:
            return False
        if not heard.safety or not heard.general or not heard.general[0]:
            return False
        safety = self.understander.safety
        concept = match.slots.get("concept")
        alarm = safety.assess(match.text, heard.state) if match.text else None
        if not concept or alarm is None or alarm.concept != concept or alarm.by_net or not alarm.phrase:
            return False  # the learned net's reading has no phrase of words to echo
        return self._safety_agrees(alarm, heard.safety, heard.state) and self.phrase_echoed(alarm.phrase, heard.general[:1])

    def _safety_agrees(self, alarm: SafetyFinding, reading_text: str, state: DialogueState | None = None) -> bool:
        """Whether the safety-only reading ``reading_text`` (said in ``state``) agrees with ``alarm``
        (:data:`VERIFY_AGREED_SAFETY`)."""
        reading = self.understander.safety.assess(reading_text, state)
        if reading.is_red_flag and reading.concept == alarm.concept:
            return True
        if VERIFY_AGREED_SAFETY >= 1 and reading.is_red_flag and reading.intent == alarm.intent:
            return True
        return VERIFY_AGREED_SAFETY >= 2 and self.phrase_echoed(alarm.phrase, (reading_text,))

    def _backs(self, match: IntentMatch, heard: SecondHearing) -> bool:
        """Whether the second hearing backs a confirmation question (see :data:`VERIFY_QUESTIONS`)."""
        safety = self.understander.safety
        if heard.safety_margin >= VERIFY_MIN_MARGIN:
            return True
        if VERIFY_SAME_CONCEPT and heard.safety and safety.assess(heard.safety, heard.state).concept == match.slots.get("concept"):
            return True
        return any(text and (safety.assess(text, heard.state).is_red_flag or safety.spoken_alarm(text) is not None
                             or safety.spoken_alarm(text, weak=True) is not None) for text in heard.general)
