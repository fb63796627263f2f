"""The barge-in policy (pure, one decision per phrase) and barge-in in a live session (real recognition)."""

from __future__ import annotations

import numpy as np
import pytest
from live_support import HAS_FLITE, USER_GAIN, VOICE_CACHE, run_session

from voice_guide.frontends.live.barge_in import BargeInPolicy, Decision, Verdict, barge_in_keyword, decide, wants_keyword_check
from voice_guide.frontends.live.records import TurnOutcome
from voice_guide.testing.voices import available_voices, synthesize


def over_speech(intent, keyword=None, confidence=0.9, n_words=1, routine=False):
    return decide(intent, keyword, confidence, n_words, speaking=True, routine_running=routine)


def test_commands_over_speech_cut_settings_act_and_the_rest_is_ignored():
    assert over_speech("stop") == Decision(Verdict.CUT, "stop")
    assert over_speech("pause") == Decision(Verdict.CUT, "pause")
    assert over_speech("exit") == Decision(Verdict.CUT, "exit")
    assert over_speech("slower") == Decision(Verdict.ACT, "slower")
    assert over_speech("louder") == Decision(Verdict.ACT, "louder")
    assert over_speech("ask_causes", n_words=4) == Decision(Verdict.IGNORE, "ask_causes")
    assert over_speech("yes") == Decision(Verdict.IGNORE, "yes")
    assert over_speech("help") == Decision(Verdict.IGNORE, "help")
    assert over_speech("stop", confidence=0.2) == Decision(Verdict.IGNORE, "stop")


def test_safety_always_cuts_and_a_keyword_wins_over_what_was_understood():
    assert over_speech("emergency", confidence=0.05) == Decision(Verdict.CUT, "emergency")
    assert over_speech("pain", confidence=0.05) == Decision(Verdict.CUT, "pain")
    # "read stop": the phrase sets heard a question, the keyword says stop; a short phrase needs less confidence
    assert over_speech("read_article", "stop", confidence=0.2, n_words=2) == Decision(Verdict.CUT, "stop")
    assert over_speech("fallback", "pause", confidence=0.2, n_words=3) == Decision(Verdict.IGNORE, "pause")
    # the spotter's word, asked for because the phrase sets heard poorly, replaces their command too
    assert over_speech("pause", "stop", confidence=0.3) == Decision(Verdict.CUT, "pause")
    assert decide("pause", "stop", 0.3, 1, speaking=True, routine_running=False, spotted=True) == Decision(Verdict.CUT, "stop")
    assert decide("emergency", "stop", 0.3, 1, speaking=True, routine_running=False, spotted=True) == Decision(Verdict.CUT, "emergency")
    assert barge_in_keyword("read stop") == "stop"
    assert barge_in_keyword("wait a moment") == "pause"
    assert barge_in_keyword("wait stop") == "stop"
    assert barge_in_keyword("what is the difference between them") is None


def test_in_a_routine_its_commands_act_over_speech_and_only_help_and_pace_leave_it_speaking():
    assert over_speech("yes", routine=True) == Decision(Verdict.CUT, "yes")
    assert over_speech("next", routine=True) == Decision(Verdict.CUT, "next")
    assert over_speech("help", routine=True) == Decision(Verdict.ACT, "help")
    assert over_speech("faster", routine=True) == Decision(Verdict.ACT, "faster")
    assert over_speech("ask_causes", routine=True) == Decision(Verdict.IGNORE, "ask_causes")


def test_when_the_guide_is_silent_everything_is_acted_on():
    assert decide("ask_causes", None, 0.1, 4, speaking=False, routine_running=False) == Decision(Verdict.ACT, "ask_causes")


def test_the_keyword_spotter_is_asked_only_when_the_phrase_sets_heard_no_command():
    assert wants_keyword_check("fallback", None, 0.9, False)
    assert wants_keyword_check("exit", None, 0.9, False)  # flite slt's "pause" heard as "close"
    assert not wants_keyword_check("stop", None, 0.9, False)
    assert not wants_keyword_check("fallback", "stop", 0.5, False)
    assert wants_keyword_check("stop", None, 0.1, False, BargeInPolicy(min_confidence=0.3))


live = pytest.mark.skipif(not HAS_FLITE, reason="needs flite (bash scripts/setup.sh)")


@live
@pytest.mark.parametrize("voice", ["flite:rms", "flite:slt"])
def test_stop_spoken_over_the_answer_cuts_it_within_300_ms(voice):
    pytest.importorskip("webrtcvad")
    run = run_session([(9.0, "what is cachexia", "flite:slt"), (14.5, "stop", voice)], 26)
    answer = [line for line in run.lines() if line.turn == 0]
    assert [line for line in answer if line.cut], [(line.text, line.cut) for line in answer]
    stop_turn = [t for t in run.session.turns if t.during_playback and t.outcome == TurnOutcome.BARGE_IN]
    assert [t.intent for t in stop_turn] == ["stop"]
    cut_s = run.t(run.sink.stops_at_s[0])
    assert 0.0 < cut_s - run.words[1][2] <= 0.300, cut_s - run.words[1][2]
    # the sink really cut the clip there, and nothing of the answer came after it
    assert run.sink.cut and run.sink.cut[0].cut_at_sample < run.sink.cut[0].clip.num_samples
    assert all(line.start_s <= run.sink.stops_at_s[0] for line in answer)


@live
@pytest.mark.parametrize("voice,word,intent", [("flite:awb", "wait", "pause"), ("flite:kal16", "stop", "stop"), ("flite:kal16", "wait", "pause")])
def test_barge_in_words_the_phrase_sets_mishear_are_caught_by_the_keyword_spotter(voice, word, intent):
    """flite awb's "stop" is heard as "go" by the full phrase sets even in silence; the small
    keyword decoder still hears it over the guide, and the guide stops."""
    pytest.importorskip("webrtcvad")
    if not available_voices((voice,)):
        pytest.skip(f"needs {voice}")
    run = run_session([(9.0, "what is cachexia", "flite:slt"), (14.5, word, voice)], 24)
    acted = [t for t in run.session.turns if t.during_playback and t.outcome == TurnOutcome.BARGE_IN]
    assert [(t.transcript, t.intent) for t in acted] == [(word, intent)], [
        (t.transcript, t.intent, t.outcome) for t in run.session.turns]
    assert run.sink.cut and all(s > run.words[1][2] for s in map(run.t, run.sink.stops_at_s))


@live
def test_keyword_spotter_accepts_the_words_and_rejects_others():
    from voice_guide.stt.pocketsphinx.keywords import shared_spotter

    spotter = shared_spotter()

    def spot(text, voice):
        clip = synthesize(text, voice, cache_dir=VOICE_CACHE).samples().astype(np.float64) * USER_GAIN
        pcm = np.concatenate([np.zeros(3200), clip, np.zeros(2400)]).astype("<i2").tobytes()
        return spotter.spot(pcm)

    for voice in ("flite:slt", "flite:rms"):
        for word in ("stop", "pause", "wait"):
            hit = spot(word, voice)
            assert hit is not None and hit.accepted and hit.word == word, (voice, word, hit)
        for other in ("what is cachexia", "go", "help", "hey guide"):
            hit = spot(other, voice)
            assert hit is None or not hit.accepted, (voice, other, hit)
