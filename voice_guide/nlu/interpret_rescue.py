"""The rescue of declined speech: a second hearing of the same audio, and what the interpreter takes from it.

The main language model holds thousands of red-flag phrases so that a spoken emergency can be
heard at all; garbled speech of another domain then drifts into them, and a red flag said in a
noisy room can still be declined. :class:`SecondOpinion` (a part of
:class:`~voice_guide.nlu.interpret.Interpreter`) weighs a second hearing of the utterance
(:class:`~voice_guide.nlu.interpret_verify.SecondHearing`: an unbiased reading and a safety-only one, from
:func:`voice_guide.stt.pocketsphinx.keywords.hear_again`): it rescues declined speech and passages whose second
hearing holds a red flag, always as the one confirmation question, never as an article passage. Whether that
hearing backs a poorly heard alarm is in :mod:`voice_guide.nlu.interpret_verify` (split from this module in the
eighteenth session); the rescue by one reading of the second hearing and the margins it needs are in
:mod:`voice_guide.nlu.interpret_rescue_readings` (split in the twenty-fourth session). Measured in
docs/spoken-rejection.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from voice_guide.nlu import interpret_rescue_readings as rescue_readings
from voice_guide.nlu import interpret_verify as verify
from voice_guide.nlu.declines import DECLINE_INTENTS
from voice_guide.nlu.interpret_concepts import ReadingConcepts
from voice_guide.nlu.interpret_rescue_readings import RescueReadings
from voice_guide.nlu.interpret_sounds import SoundAlikes, keyword_words
from voice_guide.nlu.interpret_verify import CONFIRM_EMERGENCY, SecondHearing, confirm_match
from voice_guide.nlu.safety import FindingKind, SafetyFinding
from voice_guide.nlu.safety_learned import CLASSES
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch, Understander

_NONE, _EMERGENCY, _CRISIS = (CLASSES.index(name) for name in ("none", "emergency", "crisis"))
"""The learned safety net's class columns."""

VERIFY_KNOWLEDGE = 2.0
"""1: a knowledge answer (an article passage) heard in a noisy room (the front end's floor at least
:data:`VERIFY_KNOWLEDGE_FLOOR_DBFS`) is heard again too, and becomes :data:`CONFIRM_EMERGENCY` instead of the passage
when that second hearing clearly reads a red flag (:meth:`SecondOpinion._knowledge_alarm`): the main decode can read a
red flag said in kitchen noise as an article question, and a passage was never heard again (fifteenth session: one
held-out red flag of tune16:even in kitchen noise got a passage). 0: off (a passage is never heard again). 2 (kept):
the passage is rescued as declined speech would be (the rescue's bars,
:meth:`~voice_guide.nlu.interpret_rescue_readings.RescueReadings._rescue_bar`, and every unbiased reading,
:data:`~voice_guide.nlu.interpret_rescue_readings.RESCUE_FROM_GENERAL`). Tuning (kitchen 10 dB, 4 synthetic voices):
of 215 article passages of spoken paraphrase questions (tune13-17:odd) none became the question at 1, 2 at 2 ("what's
disuse atrophy treated with", heard right: safety-only reading "wants his use of heaving to live"); of 17 red flags
the main decode did not alarm on (tune13-15:odd dumps) the rule fires on 1 at 1 and on 6 at 2; near misses of
tune17:odd unchanged. The held-out red flag of tune16:even read as a passage is NOT caught at either level. A second
hearing after every passage in a noisy room: 1.1-2.2 s more after speech (median, shared machine at load 3-6 of 2
cores; not measured unloaded). Measured in docs/spoken-rejection.md ("Sixteenth round")."""

VERIFY_KNOWLEDGE_FLOOR_DBFS = -45.0
""":data:`VERIFY_KNOWLEDGE`: the least noise floor (dBFS, the front end's) at which a passage is heard again
(the floor of :data:`~voice_guide.nlu.interpret_verify.VERIFY_DIRECT_AGREED_FLOOR_DBFS`; synthetic clean speech sits near -120, kitchen 10 dB at
-26 to -39)."""

VERIFY_KNOWLEDGE_MIN_MARGIN = 0.01
""":data:`VERIFY_KNOWLEDGE`: a safety-only reading that is a red flag of the rules (not the learned net alone) and
scores at least this much better per frame than the unbiased reading turns the passage into the question (the rescue
bar of declined speech, :data:`~voice_guide.nlu.interpret_rescue_readings.RESCUE_MIN_MARGIN`); 99: not by the
safety-only reading."""

VERIFY_KNOWLEDGE_BY_GENERAL = 1.0
""":data:`VERIFY_KNOWLEDGE`: 1, a red flag of the rules on the unbiased reading's best path (the stock English
model, no red-flag bias) turns the passage into the question too; 0: not."""

VERIFY_KNOWLEDGE_ANY_MARGIN = 99.0
""":data:`VERIFY_KNOWLEDGE` 2: a passage heard again in a noisy room whose safety-only reading is a red flag of the
rules (of a concept the main decode did not hear cancelled) gets :data:`CONFIRM_EMERGENCY` from this margin per frame
against the unbiased reading, however far below the rescue's bar
(:meth:`~voice_guide.nlu.interpret_rescue_readings.RescueReadings._rescue_bar`): a passage is the one answer a red
flag must never get, while declined speech is asked about only above the bar (real coffee orders). 99 (kept): off (the
rescue's bar). Replay, kitchen 10 dB, synthetic voices: the red flags of tune20:odd (68, 4 voices; none read as a
passage by the main decode) and of the held-out tune16:even (68, a fresh decode, no passage) and tune19:even (64)
unchanged at 99 / -0.03 / any margin (-1); tuning article questions (knowledge lines of tune20:odd and tune19:odd,
every 8th, espeak en-us and flite slt: 100 utterances, 72 passages) asked about 7 / 8 / 10 of 100. It costs article
answers and caught nothing: left off. Nineteenth session (docs/spoken-rejection.md, "Nineteenth round")."""

VERIFY_KNOWLEDGE_NET_AT = 1.01
""":data:`VERIFY_KNOWLEDGE` 2: a passage heard again in a noisy room whose safety-only reading the learned net reads
as a red flag with at least this emergency plus crisis probability gets :data:`CONFIRM_EMERGENCY` (at a margin of
at least :data:`VERIFY_KNOWLEDGE_ANY_MARGIN`); 1.01 (kept): off. Replay as :data:`VERIFY_KNOWLEDGE_ANY_MARGIN`: at 0.8
no red flag changes; tuning article questions asked about 8 -> 11 (margin -0.03) and 10 -> 13 (any margin) of 100:
left off. Nineteenth session (docs/spoken-rejection.md, "Nineteenth round")."""

QUESTION_IN_NOISE = 1.0
"""1: in a noisy room (the front end's floor at least :data:`QUESTION_IN_NOISE_FLOOR_DBFS`), declined speech or a
passage whose hypothesis holds a red flag of the rules that only the question rule cancels ("a question about a
condition") and that stands once the question's opening words are left out gets :data:`CONFIRM_EMERGENCY`: noise
turns the first words of a report into a question's ("my dad just collapsed ... and won't wake up" heard "why does
just collapsed ...", "we're in the middle of the ankle circles and he says he feels faint" heard "what is the of
the ankle circles and he says he feels faint"), and the whole report is then read as a question about the
condition. The report is the words after the first "and" that follows the question's opening words, and must start
a new statement (:data:`~voice_guide.nlu.safety_text.NEW_STATEMENT_WORDS`): typed, 8 of 2,017 tuning near misses ("what's the difference between
fainting and a seizure") without that, 0 with it (1 of 2,589 red flags either way). 2: the second hearing's readings
(unbiased best path, safety-only) too. 0: off. Replay, kitchen 10 dB, 4 synthetic voices: tuning (tune14/15/17/18:odd)
red flags caught 261 -> 263 of 272, near misses flagged 36 of 128 unchanged (37 without the new-statement check:
"could breathlessness be caused by weak chest muscles" heard right), real coffee orders asked about unchanged;
held out (tune16/17/18:even) unchanged. Seventeenth session (docs/spoken-rejection.md, "Seventeenth round")."""

QUESTION_IN_NOISE_FLOOR_DBFS = -45.0
""":data:`QUESTION_IN_NOISE`: the least noise floor (dBFS) of a noisy room (as :data:`VERIFY_KNOWLEDGE_FLOOR_DBFS`)."""

# :data:`QUESTION_IN_NOISE` reads the safety rules' own words after "and" that start a new statement (where a
# negation stops: "he", "the", "won't" is "will"): a report after a misheard question starts with one of them.

RESCUE_MEDICAL_ADVICE = 1.0
"""1: the medical-advice decline ("I can't advise on doses ...") of speech is heard again and may become
:data:`CONFIRM_EMERGENCY` like any decline ("my daughter's having anaphylaxis" was heard "my daughter
is having an advil exist" at 0.80; its safety reading was "my daughter is having anaphylaxis", 0.048
better than English); 0: never (the fifth session's rule). Tuning replay: +1 of 128 red flags clean,
no near miss, no real coffee order changed."""

RESCUE_SPOTTED = 0.0
"""1: declined speech in which the red-flag spotter found a key phrase (:attr:`SecondHearing.spotted`) of a concept
the main decode did not hear cancelled gets :data:`CONFIRM_EMERGENCY`; 2: only when another reading (the main
decode's best hypothesis, the safety-only or unbiased one) names that concept too; 0 (kept): off. The concept is the
safety words' reading of the phrase (:meth:`SecondOpinion.spotted_finding`). Replay, kitchen 10 dB, 4 synthetic
voices, the per-concept table with thresholds chosen on tuning audio (``keywords.RED_FLAG_CONCEPT_KEYPHRASES``):
tuning (tune21:odd + tune20:odd) 129 / 136 caught and 17 / 64 near misses asked at 0, 1 and 2; held out
(tune16:even + tune19:even) 127 / 136 at 0, 1 and 2, near misses asked 16 -> 19 / 64 at 1 (16 at 2); every phrase at
1e-20: tune21:odd 68 / 68 but 31 of 32 of its near misses asked. Twentieth session (docs/spoken-rejection.md,
"Tenth round", "Twentieth round")."""

RESCUE_SPOTTED_PASSAGES = 0.0
""":data:`RESCUE_SPOTTED` for a passage heard again in a noisy room (:data:`VERIFY_KNOWLEDGE` 2); 0 (kept): off.
Replay as :data:`RESCUE_SPOTTED` at 1: no red flag changes (tuning or held out; the held-out passage stays), tuning
article questions asked about 7 -> 12 of 100."""

PASSAGE_GUARD = 0.0
"""1: a passage heard again in a noisy room (:data:`VERIFY_KNOWLEDGE`) any unbiased reading of which carries a red-flag
concept by itself (:meth:`SecondOpinion.passage_red_flag`) gets :data:`CONFIRM_EMERGENCY`, even of a concept the main
decode held cancelled ("does a stroke weaken the muscles" heard, "my grandad is having a stroke" read). 0 (kept): off.
Replay, kitchen 10 dB, synthetic voices, at :data:`PASSAGE_GUARD_WORDS` 1: no figure changes, tuning (tune20/21/22:odd
204 red flags, 96 near misses; 200 article questions; 256 real orders) or held out (tune16/19/21/22:even 256 red
flags, 128 near misses): no gain, so left off (docs/spoken-rejection.md, "Twenty-first round")."""

PASSAGE_GUARD_WORDS = 1.0
""":data:`PASSAGE_GUARD`: 1, a spoken red-flag keyword (``spoken_keywords``) counts too; 2, a weak one said about a
person (``spoken_weak_words``) as well (held out tune22:even: +1 of 32 near misses asked); 0: only the rules or net."""

PASSAGE_GUARD_ASKED = 0.0
""":data:`PASSAGE_GUARD`: 1, a red flag only the question rule cancels counts too; 2, in the passage's own hypothesis
as well; 0 (kept): not. Tuning article questions asked 15 -> 16 / 200 at 1, 7 -> 9 / 100 at 2; no red flag changes."""

PASSAGE_GUARD_NET_AT = 1.01
""":data:`PASSAGE_GUARD`: an unbiased reading the learned net gives at least this red-flag probability counts too;
1.01 (kept): off. Tuning article questions asked 15 / 15 / 18 / 18 / 21 of 200 at off / 0.8 / 0.7 / 0.6 / 0.5, near
misses 25 / 25 / 25 / 26 / 26 of 96 (tune20/21/22:odd kitchen); no tuning red flag changes."""

PASSAGE_GUARD_OWN_NET_AT = 1.01
""":data:`PASSAGE_GUARD_NET_AT` for the passage's own hypothesis; 1.01 (kept): off. Built from a held-out count (the
twentieth session's tune16:even passage: its hypothesis, heard at 0.6 or more, reads 0.5-0.7 for the net), so not
turned on; of 143 tuning article passages in noise none reads 0.5."""

SOUND_ALIKE_MAX_SHARE = 0.0
"""Declined speech one of whose readings (the main decode's best hypothesis, the second hearing's unbiased
readings) becomes a red flag of the rules when heard words are replaced by a spoken red-flag word that
sounds like them (:class:`~voice_guide.nlu.interpret_sounds.SoundAlikes`: at most this many phone edits per
phone of the red-flag word, at least one) gets :data:`CONFIRM_EMERGENCY`; 0: off."""

SOUND_ALIKE_SAFETY_READING = 0.0
"""1: :data:`SOUND_ALIKE_MAX_SHARE` also rewrites the second hearing's safety-only reading; 0: not."""

NOISY_NET_SUSPECTED_AT = 0.6
"""Declined speech the noise front end denoised (:attr:`SecondHearing.noisy`: a noisy room) whose best hypothesis (the
main decode's, as heard) the learned safety net reads with an emergency plus crisis probability of at least this gets
:data:`CONFIRM_EMERGENCY` (:meth:`SecondOpinion._noisy_net_suspected`); above 1: off. Noise takes the one word that
made a report a red flag ("tonight", "calf") and leaves the rest, which the rules no longer read but the net still
suspects; during a routine :data:`~voice_guide.nlu.interpret_safety.ROUTINE_SUSPECTED_AT` does this at any noise level.
Thirty-fourth round (docs/spoken-rejection.md, "Thirty-fourth round")."""

NOISY_NET_SUSPECTED_FLOOR_DBFS = -40.0
""":data:`NOISY_NET_SUSPECTED_AT`: the least noise floor (dBFS) of a noisy room (the front end's own bar,
``DenoiseSettings.auto_dbfs``)."""

RAW_HEARING = 0.0
"""0 (kept): off; each red flag it caught cost more than one near-miss question and about two real
coffee orders asked about (docs/spoken-rejection.md, "Eighth round"). 1: speech the noise front end denoised (:attr:`SecondHearing.noisy`) that is still declined after
its second hearing is heard once more on the raw audio (the front end off: :meth:`Interpreter.raw_opinion`);
a red flag found there gets :data:`CONFIRM_EMERGENCY`, nothing else is taken from it (never an
article passage, never a command); 0: off. Measured in docs/spoken-rejection.md ("Eighth round")."""

RAW_MAIN_DECODE = 0.0
""":data:`RAW_HEARING`: 1, the raw audio is also decoded by the main recognizer (its n-best list
interpreted, red flags only); 0: only the second hearing's two searches hear it."""


class SecondOpinion(RescueReadings, ReadingConcepts):
    """The second-hearing rules of :class:`~voice_guide.nlu.interpret.Interpreter` (a base class of it)."""

    understander: Understander
    sounds: SoundAlikes | None = None
    """Sound-alikes of the spoken red-flag words (:meth:`use_pronunciations`), None until given."""

    def use_pronunciations(self, pronounce: Mapping[str, tuple[str, ...]]) -> None:
        """Look for the pack's spoken red-flag words among sound-alikes heard (:data:`SOUND_ALIKE_MAX_SHARE`);
        ``pronounce``: the recognizer's dictionary (word -> phones)."""
        safety = self.understander.safety
        sources = [rule.source for concept in safety.spoken_keywords.values() for rule in concept.rules]
        self.sounds = SoundAlikes(keyword_words(sources, pronounce), pronounce)

    def interpret(self, text: str, asr_confidence: float, alternatives: tuple[tuple[str, float], ...] = (),
                  state: DialogueState = DialogueState.IDLE, keywords: tuple[str, ...] = ()) -> IntentMatch:
        """The n-best interpretation (:meth:`voice_guide.nlu.interpret.Interpreter.interpret`)."""
        raise NotImplementedError

    @staticmethod
    def wants_second_opinion(match: IntentMatch, asr_confidence: float = 1.0, floor_dbfs: float | None = None) -> bool:
        """Whether :meth:`second_opinion` could change ``match`` (the audio is then heard again); ``floor_dbfs``:
        the noise floor the front end measured for the utterance (None: unknown, a passage is then not heard again)."""
        if match.is_knowledge:
            return bool(VERIFY_KNOWLEDGE) and floor_dbfs is not None and floor_dbfs >= VERIFY_KNOWLEDGE_FLOOR_DBFS
        if match.intent in ("emergency", "crisis"):
            return asr_confidence < verify.VERIFY_DIRECT_BELOW  # asked about, never dropped
        if match.intent == CONFIRM_EMERGENCY:
            return bool(verify.VERIFY_QUESTIONS) or bool(verify.VERIFY_AGREED_QUESTIONS)
        declined = match.intent == "fallback" or match.intent in DECLINE_INTENTS and (
            match.intent != "medical_advice" or bool(RESCUE_MEDICAL_ADVICE))
        return declined and rescue_readings.RESCUE_MIN_MARGIN < 99.0

    def second_opinion(self, match: IntentMatch, heard: SecondHearing, asr_confidence: float = 1.0,
                       state: DialogueState | None = None) -> IntentMatch:
        """``match`` checked against a second hearing of the same audio (never an article passage):

        * a :data:`CONFIRM_EMERGENCY` question the second hearing does not back becomes
          ``fallback`` (:data:`~voice_guide.nlu.interpret_verify.VERIFY_QUESTIONS`), an alarm raised on a poorly
          heard best hypothesis the question unless its unbiased reading holds a red flag
          (:class:`~voice_guide.nlu.interpret_verify.AlarmVerifier`);
        * declined speech whose safety-only reading is a red flag that explains the audio better
          than English at large gets the question (:data:`~voice_guide.nlu.interpret_rescue_readings.RESCUE_MIN_MARGIN`);
        * a passage heard in a noisy room whose second hearing clearly reads a red flag gets the
          question instead (:data:`VERIFY_KNOWLEDGE`).

        Every reading is assessed in the dialogue ``state`` the utterance was said in (``heard.state`` when None), as
        the main decode is (thirtieth round: statelessly, an idle "end it" heard poorly became an emergency question
        of no concept, and its own words did not back it)."""
        safety = self.understander.safety
        if state is not None and heard.state is None:
            heard = replace(heard, state=state)
        if not self.wants_second_opinion(match, asr_confidence, heard.floor_dbfs):
            return match
        if match.is_knowledge:
            return (self._knowledge_alarm(match, heard, asr_confidence) or self._question_in_noise(match, heard)
                    or self._passage_guard(match, heard) or match)
        if match.intent in ("emergency", "crisis"):  # asked about, never dropped
            if self._backs_alarm(match, heard):
                return match
            return confirm_match(safety.assess(match.text, heard.state), match.text, asr_confidence)
        if match.intent == CONFIRM_EMERGENCY:
            agreed = self._agreed_alarm(match, heard)
            if agreed is not None or not verify.VERIFY_QUESTIONS:
                return agreed or match
            return match if self._backs(match, heard) else IntentMatch("fallback", match.confidence, text=match.text)
        return (self._rescue_safety_reading(match, heard, asr_confidence) or self._rescue_from_general(match, heard) or self._rescue_spotted(match, heard)
                or self._rescue_sound_alike(match, heard) or self._rescue_net_suspected(heard)
                or self._question_in_noise(match, heard) or self._noisy_net_suspected(match, heard) or match)

    def _noisy_net_suspected(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for declined speech heard in a noisy room whose best hypothesis the learned net
        suspects of a red flag (:data:`NOISY_NET_SUSPECTED_AT`), or None."""
        floor = heard.floor_dbfs
        if NOISY_NET_SUSPECTED_AT > 1.0 or not heard.noisy or floor is None or floor < NOISY_NET_SUSPECTED_FLOOR_DBFS \
                or not match.text:
            return None
        net = self.understander.safety.net
        probs = net.probabilities(match.text) if net is not None else None
        if probs is None or 1.0 - float(probs[_NONE]) < NOISY_NET_SUSPECTED_AT:
            return None
        finding = self.understander.safety.learned(match.text)
        if finding.kind is FindingKind.NONE:  # under the net's own bars: asked as the kind it leans to
            crisis = float(probs[_CRISIS]) > float(probs[_EMERGENCY])
            finding = SafetyFinding(FindingKind.CRISIS if crisis else FindingKind.CONFIRM, "crisis" if crisis else None)
        return confirm_match(finding, match.text, 0.0)

    def _question_in_noise(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for speech heard in a noisy room whose reading holds a red flag of the rules
        cancelled only as a question, standing once the question's opening words are left out
        (:data:`QUESTION_IN_NOISE`), or None."""
        if not QUESTION_IN_NOISE or heard.floor_dbfs is None or heard.floor_dbfs < QUESTION_IN_NOISE_FLOOR_DBFS:
            return None
        readings = (match.text, *((heard.general[:1] + (heard.safety,)) if QUESTION_IN_NOISE >= 2 else ()))
        for text in dict.fromkeys(t for t in readings if t):
            rest = self.without_question_start(text)
            finding = self.understander.safety.assess(rest, heard.state) if rest else None
            if finding is not None and finding.is_red_flag and not finding.by_net:
                return confirm_match(finding, text, 0.0)
        return None

    def _knowledge_alarm(self, match: IntentMatch, heard: SecondHearing, asr_confidence: float = 1.0) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for a passage whose second hearing clearly reads a red flag of a concept the
        main decode did not hear cancelled (:data:`VERIFY_KNOWLEDGE`): the safety-only reading a red flag of the
        rules that explains the audio better than English (:data:`VERIFY_KNOWLEDGE_MIN_MARGIN`), or the unbiased
        best path a red flag of the rules (:data:`VERIFY_KNOWLEDGE_BY_GENERAL`); at level 2, as declined speech is
        rescued (:meth:`_rescue_bar`, :meth:`_rescue_from_general`); else None."""
        safety = self.understander.safety
        if VERIFY_KNOWLEDGE >= 2:
            return (self._rescue_safety_reading(match, heard, asr_confidence) or self._rescue_from_general(match, heard)
                    or self._rescue_net_suspected(heard) or self._passage_safety_reading(match, heard)
                    or self._rescue_spotted(match, heard))
        cancelled = safety.cancelled_concepts(match.text) if match.text else set()
        readings = []
        if heard.safety and heard.safety_margin >= VERIFY_KNOWLEDGE_MIN_MARGIN:
            readings.append(heard.safety)
        if VERIFY_KNOWLEDGE_BY_GENERAL and heard.general and heard.general[0]:
            readings.append(heard.general[0])
        for text in readings:
            finding = safety.assess(text, heard.state)
            if finding.is_red_flag and not finding.by_net and finding.concept not in cancelled:
                return confirm_match(finding, text, 0.0)
        return None

    def _passage_safety_reading(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for a passage whose safety-only reading is a red flag of the rules (of a concept
        the main decode did not hear cancelled) at :data:`VERIFY_KNOWLEDGE_ANY_MARGIN` or more, or one the learned net
        reads as a red flag at :data:`VERIFY_KNOWLEDGE_NET_AT` (same margin); else None."""
        if VERIFY_KNOWLEDGE_ANY_MARGIN >= 99.0 or not heard.safety or heard.safety_margin < VERIFY_KNOWLEDGE_ANY_MARGIN:
            return None
        safety = self.understander.safety
        finding = safety.assess(heard.safety, heard.state)
        if finding.is_red_flag and not finding.by_net:
            cancelled = safety.cancelled_concepts(match.text) if match.text else set()
            return None if finding.concept in cancelled else confirm_match(finding, heard.safety, 0.0)
        if self.red_flag_probability(heard.safety) >= VERIFY_KNOWLEDGE_NET_AT:
            return confirm_match(finding, heard.safety, 0.0)
        return None

    def _passage_guard(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for a passage heard again any unbiased reading of which carries a red-flag
        concept by itself (:data:`PASSAGE_GUARD`, whatever the main decode held cancelled), or None."""
        if not PASSAGE_GUARD or not match.is_knowledge:
            return None
        for text in dict.fromkeys(t for t in (*heard.general, match.text) if t):
            own = text == match.text and text not in heard.general  # the passage's own words: questions and net only
            finding = None if own and PASSAGE_GUARD_ASKED < 2 else self.passage_red_flag(
                text, 0 if own else int(PASSAGE_GUARD_WORDS), bool(PASSAGE_GUARD_ASKED), heard.state)
            if finding is not None and not self._net_only_in_noise(finding, heard):
                return confirm_match(finding, text, 0.0)
            net_at = PASSAGE_GUARD_OWN_NET_AT if own else PASSAGE_GUARD_NET_AT
            if net_at <= 1.0 and self.red_flag_probability(text) >= net_at:
                return confirm_match(self.understander.safety.learned(text), text, 0.0)
        return None

    def _rescue_spotted(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for declined speech (or a passage: :data:`RESCUE_SPOTTED_PASSAGES`) with a spotted
        red-flag key phrase of a concept the main decode did not hear cancelled (:data:`RESCUE_SPOTTED`), or None."""
        level = RESCUE_SPOTTED_PASSAGES if match.is_knowledge else RESCUE_SPOTTED
        if not level or not heard.spotted:
            return None
        safety = self.understander.safety
        cancelled = safety.cancelled_concepts(match.text) if match.text else set()
        named = self._concepts_named((match.text, heard.safety, *heard.general), heard.state) if level >= 2 else set()
        for phrase in heard.spotted:
            finding = self.spotted_finding(phrase, heard.state)
            if finding is None or finding.concept in cancelled or (level >= 2 and finding.concept not in named):
                continue
            return confirm_match(finding, phrase, 0.0)
        return None

    @staticmethod
    def wants_raw_hearing(match: IntentMatch, heard: SecondHearing) -> bool:
        """Whether speech whose second hearing was ``heard`` is heard on the raw audio too (:data:`RAW_HEARING`)."""
        return bool(RAW_HEARING) and heard.noisy and (match.intent == "fallback" or match.intent in DECLINE_INTENTS)

    def raw_opinion(self, match: IntentMatch, raw: SecondHearing | None,
                    hypotheses: tuple[tuple[str, float], ...] = (),
                    state: DialogueState = DialogueState.IDLE) -> IntentMatch:
        """``match`` (declined speech the front end denoised) against the raw audio's hearing: the
        main decode's n-best ``hypotheses`` (when :data:`RAW_MAIN_DECODE`, interpreted in dialogue ``state``) and
        the second hearing ``raw``. Red flags only, always as :data:`CONFIRM_EMERGENCY`; otherwise ``match``."""
        if hypotheses:
            found = self.interpret(hypotheses[0][0], hypotheses[0][1], hypotheses[1:], state)
            if found.intent == CONFIRM_EMERGENCY:
                return found
            if found.intent in ("emergency", "crisis"):
                slots = {"concept": found.slots.get("concept", ""), "kind": found.intent, "heard": found.text}
                return IntentMatch(CONFIRM_EMERGENCY, round(hypotheses[0][1], 3), slots, text=found.text)
        rescued = self.second_opinion(match, raw, 0.0, state) if raw is not None else match
        return rescued if rescued.intent == CONFIRM_EMERGENCY else match

    def _rescue_sound_alike(self, match: IntentMatch, heard: SecondHearing) -> IntentMatch | None:
        """:data:`CONFIRM_EMERGENCY` for declined speech a reading of which, with heard words replaced by
        a red-flag word that sounds like them, is a red flag of the rules (the word put in part of its
        phrase, a concept the main decode did not hear cancelled), or None (:data:`SOUND_ALIKE_MAX_SHARE`)."""
        if self.sounds is None or not SOUND_ALIKE_MAX_SHARE:
            return None
        safety = self.understander.safety
        self.sounds.max_share = SOUND_ALIKE_MAX_SHARE
        cancelled = safety.cancelled_concepts(match.text) if match.text else set()
        readings = (match.text, *heard.general, *((heard.safety,) if SOUND_ALIKE_SAFETY_READING else ()))
        for text in dict.fromkeys(t for t in readings if t):
            for rewrite, word in self.sounds.rewrites(text):
                finding = safety.assess(rewrite, heard.state)
                if (finding.is_red_flag and word in (finding.phrase or "").split() and finding.concept not in cancelled):
                    return confirm_match(finding, rewrite, 0.0)
        return None
