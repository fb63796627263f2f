"""The rescue of declined speech by a reading of its second hearing, and the margins that reading needs.

A part of :class:`~voice_guide.nlu.interpret_rescue.SecondOpinion` (:class:`RescueReadings` is a base class of it):
declined speech whose safety-only reading is a red flag that explains the audio better than English at large (the
rescue bar, :meth:`RescueReadings._rescue_bar`), or whose unbiased reading is a red flag
(:data:`RESCUE_FROM_GENERAL`), gets the one confirmation question, never an article passage. Split from
:mod:`voice_guide.nlu.interpret_rescue` in the twenty-fourth session (no behaviour change); the constants are read
from this module at run time (set them here: ``scripts/tune_interpret.py --param`` does). Measured in
docs/spoken-rejection.md.
"""

from __future__ import annotations

from voice_guide.nlu.interpret_verify import AlarmVerifier, SecondHearing, confirm_match
from voice_guide.nlu.safety import FindingKind, SafetyFinding
from voice_guide.nlu.understanding import IntentMatch

RESCUE_MIN_MARGIN = 0.01
"""Speech that was declined (``fallback`` or a decline) whose safety-only reading is a red flag
gets :data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` when that reading scores at least this much better than the
unbiased one (:attr:`SecondHearing.safety_margin`, per frame); 99: off. 0 / 0.01 / 0.02 on the
tuning replays: spoken red flags caught clean 119 / 119 / 118 and in kitchen noise 101 / 101 / 97
of 128 (93 without), near misses flagged +1 / +1 / 0 of 56 per condition, real coffee orders
(clean and 6 dB, 62) +2 / 0 / 0."""

RESCUE_NOISY_MIN_MARGIN = 99.0
""":data:`RESCUE_MIN_MARGIN` for an utterance the noise front end denoised (a noisy room,
:attr:`SecondHearing.noisy`); 99 (kept): the same bar as in a quiet room. Tuning replay (session 7,
tune6:odd, docs/spoken-rejection.md): -0.02 / -0.03 caught 2 / 4 more of 66 kitchen red flags for 5
more of 56 kitchen near-miss questions and 4 more of 248 real coffee orders asked about."""

RESCUE_LOUD_MIN_MARGIN = 99.0
""":data:`RESCUE_MIN_MARGIN` for an utterance whose noise floor (the front end's, over its first 800 ms:
:attr:`SecondHearing.floor_dbfs`) is at least :data:`RESCUE_LOUD_FLOOR_DBFS`: a loud room, where a red
flag is heard worst; 99 (kept): the same bar as elsewhere. Measured in docs/spoken-rejection.md ("Tenth round")."""

RESCUE_LOUD_FLOOR_DBFS = -30.0
""":data:`RESCUE_LOUD_MIN_MARGIN`: the least noise floor (dBFS) of a loud room."""

RESCUE_AGREEING_MIN_MARGIN = 0.0
"""The rescue bar (:data:`RESCUE_MIN_MARGIN`) for a safety-only reading whose red-flag phrase has a
content word that an independent reading also heard (the main decode's best hypothesis or the
unbiased reading: "her tongue is swelling up" heard "a tumble swelling of activity ..." and, by the
safety-only model, "tongue is swelling up ...", 0.001 per frame better than English); 99: off.
Tuning replay (session 7, tune6:odd; docs/spoken-rejection.md): 99 / 0 / -0.005 / -0.01 caught 55 /
57 / 57 / 58 of 66 kitchen red flags (clean 65 of 67 throughout), near misses flagged clean 29 / 30
/ 30 / 30 and kitchen 30 / 31 / 31 / 32 of 56, real coffee orders asked about 33 / 34 / 35 / 36 of 248."""

RESCUE_SUSPECTED_MIN_MARGIN = -0.03
"""The rescue bar (:data:`RESCUE_MIN_MARGIN`) for a safety-only reading whose red flag the rules found
(not the learned net alone) and which the learned net also reads as one, with a red-flag probability of
at least :data:`RESCUE_SUSPECTED_AT` ("he just a weight itchy of his both face puff blow ...", -0.029);
99: off. Tuning replay (session 8: tune6:odd and tune, 195 / 194 red flags, 112 near misses per
condition; 248 real coffee orders decoded on this code): 99 / -0.02 / -0.03 / -0.05 at 0.8 caught
189 / 191 / 191 / 191 clean and 170 / 171 / 173 / 173 kitchen, near misses flagged 54 / 54 / 54 / 54
kitchen (44 clean throughout), real orders asked about 29 / 30 / 30 / 30. At 0.7, -0.03: 191 / 174,
55 kitchen near misses, 32 real. Measured in docs/spoken-rejection.md ("Eighth round")."""

RESCUE_SUSPECTED_AT = 0.8
""":data:`RESCUE_SUSPECTED_MIN_MARGIN`: the least emergency plus crisis probability of the learned net."""

RESCUE_NET_MIN_MARGIN = 99.0
"""Declined speech or a passage heard again (:data:`~voice_guide.nlu.interpret_rescue.VERIFY_KNOWLEDGE` 2) whose
safety-only reading the rules find no red flag in but the learned net suspects (a finding of kind ``CONFIRM``,
red-flag probability at least :data:`RESCUE_NET_AT`) gets :data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY`
when that reading scores at least this much per frame against the unbiased one ("what is the middle of the on pulse
awful when he says he feels faint during the spinning", +0.001, the net 0.87: the rules read it as a question); 99:
off (a safety-only reading counts only with a red flag of the rules). Tuning replay (kitchen 10 dB, 4 synthetic
voices, 272 red flags; 1,364 real coffee orders): 99 / 0 / -0.01 caught 261 / 262 / 262, near misses flagged 36 / 36 /
37 of 128, real orders asked about 256 / 268 / 275: off. Seventeenth session (docs/spoken-rejection.md, "Seventeenth
round")."""

RESCUE_NET_AT = 0.8
""":data:`RESCUE_NET_MIN_MARGIN`: the least emergency plus crisis probability of the learned net."""

RESCUE_FROM_GENERAL = 1.0
"""1: speech that was declined gets :data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` when the second hearing's unbiased
reading (the stock English model: best or a runner-up) is a red flag of a concept the main decode did
not hear cancelled ("why does info he wants to end his life ..." is a question about a crisis, so
"my husband for me he wants to end his life ..." does not reopen it; "month of the floor and can it get
so tv ..." -> "the investment lord and can't get up ..."); 0: off. Measured in docs/spoken-rejection.md."""

RESCUE_HEARD_CANCELLED = 0.0
"""1: the safety-only reading's red flag rescues declined speech or a passage only when it is of a concept the main
decode's best hypothesis (heard with at least :data:`RESCUE_HEARD_CANCELLED_MIN_ASR`) did not hold cancelled by
context (a question, a history, a negation: "mum had bad chest pains last year and they put a stent in" heard right
at 0.57, safety-only reading "month of bed chest pains flushed room ..."), as :data:`RESCUE_FROM_GENERAL` reads
the unbiased one; 0 (kept): off. Replay, kitchen 10 dB, 4 synthetic voices: tuning (tune14/15/17/18/19:odd) near
misses flagged 45 -> 38 of 160, red flags 330 of 340 either way, clean unchanged; **held out** (tune16/17/18:even,
the seventeenth session's decodes) red flags caught 188 -> 185 of 204 for 1 near miss fewer (tune19:even, a fresh
decode: 63 of 68 either way): left off. Eighteenth
session (docs/spoken-rejection.md, "Eighteenth round")."""

RESCUE_HEARD_CANCELLED_MIN_ASR = 0.0
""":data:`RESCUE_HEARD_CANCELLED`: the least recognizer confidence of a best hypothesis whose cancellations count."""

RESCUE_RULES_ONLY_IN_NOISE = 0.0
"""1: in a noisy room (the front end's floor at least :data:`RESCUE_RULES_ONLY_FLOOR_DBFS`) a reading of the second
hearing (safety-only or unbiased) rescues declined speech or a passage only with a red flag of the rules, never
one the learned net alone reads: noise garbles well-heard near misses into readings the net takes for crisis talk
("mum's dozing while i do the arms ..." 0.68, unbiased reading "mom's building my life you have arms ..."); 0 (kept):
off. Replay as :data:`RESCUE_HEARD_CANCELLED`: tuning near misses flagged 45 -> 37 of 160 (both rules: 30), red flags
unchanged; **held out** red flags caught 188 -> 185 of 204 (both rules: 182) for 1 near miss fewer, tune19:even 63 -> 62
of 68 for none: left off."""

RESCUE_RULES_ONLY_FLOOR_DBFS = -45.0
""":data:`RESCUE_RULES_ONLY_IN_NOISE`: the least noise floor (dBFS) of a noisy room (as
:data:`~voice_guide.nlu.interpret_rescue.QUESTION_IN_NOISE_FLOOR_DBFS`)."""


class RescueReadings(AlarmVerifier):
    """The rescue rules of :class:`~voice_guide.nlu.interpret_rescue.SecondOpinion` that read one reading of the
    second hearing (a base class of it)."""

    def _rescue_safety_reading(self, match: IntentMatch, heard: SecondHearing, asr_confidence: float) -> IntentMatch | None:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for a safety-only reading that is a red flag
        scoring at least the rescue bar (:meth:`_rescue_bar`) against English, of a concept the main decode did not
        clearly hear cancelled (:data:`RESCUE_HEARD_CANCELLED`), or None."""
        finding = self.understander.safety.assess(heard.safety, heard.state) if heard.safety else None
        if finding is None or not finding.is_red_flag or heard.safety_margin < self._rescue_bar(finding, match, heard):
            return None
        if (RESCUE_HEARD_CANCELLED and asr_confidence >= RESCUE_HEARD_CANCELLED_MIN_ASR and match.text
                and finding.concept in self.understander.safety.cancelled_concepts(match.text)):
            return None  # "... chest pains last year ..." heard well: a safety-only "chest pain" is not news
        if self._net_only_in_noise(finding, heard):
            return None
        return confirm_match(finding, heard.safety, 0.0)

    @staticmethod
    def _net_only_in_noise(finding: SafetyFinding, heard: SecondHearing) -> bool:
        """Whether ``finding``, read in a second hearing of speech heard in a noisy room, is the learned net's
        alone and so rescues nothing (:data:`RESCUE_RULES_ONLY_IN_NOISE`)."""
        return (bool(RESCUE_RULES_ONLY_IN_NOISE) and finding.by_net and heard.floor_dbfs is not None
                and heard.floor_dbfs >= RESCUE_RULES_ONLY_FLOOR_DBFS)

    def _rescue_net_suspected(self, heard: SecondHearing) -> IntentMatch | None:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for a safety-only reading only the learned net
        suspects, scoring well enough against English (:data:`RESCUE_NET_MIN_MARGIN`, :data:`RESCUE_NET_AT`), or
        None."""
        if RESCUE_NET_MIN_MARGIN >= 99.0 or not heard.safety or heard.safety_margin < RESCUE_NET_MIN_MARGIN:
            return None
        finding = self.understander.safety.assess(heard.safety, heard.state)
        if finding.kind is not FindingKind.CONFIRM or self.red_flag_probability(heard.safety) < RESCUE_NET_AT:
            return None
        return confirm_match(finding, heard.safety, 0.0)

    def _rescue_bar(self, finding: SafetyFinding, match: IntentMatch, heard: SecondHearing) -> float:
        """The least safety margin at which declined speech whose safety-only reading is ``finding``
        gets the question: :data:`RESCUE_MIN_MARGIN`, lowered in a noisy room
        (:data:`RESCUE_NOISY_MIN_MARGIN`), in a loud one (:data:`RESCUE_LOUD_MIN_MARGIN`) and when an independent reading heard a word of its phrase
        (:data:`RESCUE_AGREEING_MIN_MARGIN`)."""
        bar = RESCUE_MIN_MARGIN
        if heard.noisy:
            bar = min(bar, RESCUE_NOISY_MIN_MARGIN)
        if heard.floor_dbfs is not None and heard.floor_dbfs >= RESCUE_LOUD_FLOOR_DBFS:
            bar = min(bar, RESCUE_LOUD_MIN_MARGIN)
        if RESCUE_AGREEING_MIN_MARGIN < bar and self.phrase_echoed(finding.phrase, (match.text, *heard.general)):
            bar = RESCUE_AGREEING_MIN_MARGIN
        if RESCUE_SUSPECTED_MIN_MARGIN < bar and not finding.by_net and (
                self.red_flag_probability(heard.safety) >= RESCUE_SUSPECTED_AT):
            bar = RESCUE_SUSPECTED_MIN_MARGIN
        return bar

    def _rescue_from_general(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`~voice_guide.nlu.interpret_verify.CONFIRM_EMERGENCY` for declined speech whose unbiased reading (best or a runner-up)
        is a red flag that the main decode did not hear cancelled (:data:`RESCUE_FROM_GENERAL`), or None."""
        if not RESCUE_FROM_GENERAL:
            return None
        safety = self.understander.safety
        cancelled = safety.cancelled_concepts(match.text) if match.text else set()
        for text in heard.general:
            finding = safety.assess(text, heard.state) if text else None
            if (finding is not None and finding.is_red_flag and finding.concept not in cancelled
                    and not self._net_only_in_noise(finding, heard)):
                return confirm_match(finding, text, 0.0)
        return None
