"""The live session end to end, with no microphone and no sound card.

The user's voice is flite speech placed on a timeline of silence; the "microphone" is a
:class:`~voice_guide.audio.echo.SimulatedEchoSource` that also hears, through a simulated echo
path (35 ms late, attenuated, low-passed, with a reflection), everything the session plays
into a :class:`~voice_guide.audio.sinks.RecordingSink`. Source, sink and session share a
:class:`~voice_guide.frontends.live.session.FastForwardClock`: waiting is free, processing time is real.
Recognition is the real PocketSphinx through :class:`~voice_guide.engine.QAPipeline`.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from voice_guide.audio.echo import EchoSettings
from voice_guide.audio.files import AudioClip
from voice_guide.config import ConfigStore
from voice_guide.engine import QAPipeline
from voice_guide.frontends.live.session import FastForwardClock, LiveSession, LiveSettings, live_phrase, match_wake, split_sentences
from voice_guide.testing.room import SimulatedEchoSource
from voice_guide.testing.sinks import RecordingSink
from voice_guide.testing.voices import available_voices, synthesize
from voice_guide.tts.speaker import Speaker, SpeechSettings

pytest.importorskip("webrtcvad")
pytestmark = pytest.mark.skipif(len(available_voices(("flite:slt", "flite:rms"))) < 2,
                                reason="needs flite (bash scripts/setup.sh)")

USER_GAIN = 0.6
"""The user's level at the microphone, relative to flite's own level."""


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    p = QAPipeline(cache_dir=tmp_path_factory.mktemp("asr-cache"))
    _ = p.recognizer
    return p


@pytest.fixture(scope="module")
def speaker():
    return Speaker()


@pytest.fixture(scope="module")
def voice_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("voices")


class Run:
    """One session over a scripted timeline."""

    def __init__(self, session, sink, source, words):
        self.session, self.sink, self.source, self.words = session, sink, source, words

    def t(self, clock_s: float) -> float:
        """Clock time to stream time (seconds from microphone sample 0)."""
        return clock_s - self.source.origin_s

    def lines(self, kind: str = "speech"):
        return [line for line in self.session.spoken if line.kind == kind]

    def said(self) -> str:
        return " ".join(line.text for line in self.lines())

    def acted(self):
        return [t for t in self.session.turns if t.outcome not in ("ignored",)]


def run_session(pipeline, speaker, voice_cache, script, total_s, *, presses_at_s=(), settings=None,
                store=None, echo=None, live=None, mode="always", typed=(), real_processing=False):
    """``script``: (start_s, text, voice) spoken by the user; returns a :class:`Run`."""
    near = np.zeros(int(16000 * total_s))
    words = []
    for at_s, text, voice in script:
        clip = synthesize(text, voice, cache_dir=voice_cache).samples().astype(np.float64) * USER_GAIN
        i = int(at_s * 16000)
        near[i : i + clip.size] += clip
        loud = np.nonzero(np.abs(clip) > 300)[0]
        words.append((text, at_s + loud[0] / 16000, at_s + loud[-1] / 16000))
    clock = FastForwardClock(count_processing=real_processing)
    sink = RecordingSink(clock.now, clock.sleep)
    source = SimulatedEchoSource(AudioClip(np.clip(near, -32768, 32767).astype("<i2").tobytes()), sink,
                                 clock=clock.now, sleep=clock.sleep)
    live = live or LiveSettings(echo=echo or EchoSettings())
    lines: list[str] = []
    pipeline.guide.reset()
    session = LiveSession(pipeline, source, sink, speaker, settings or (store.config.speech if store else SpeechSettings()),
                          mode=mode, clock=clock.now, sleep=clock.sleep, on_text=lines.append, store=store, live=live)
    session.text_lines = lines
    presses = sorted(presses_at_s)
    typed = sorted(typed)
    session.start()
    while True:
        while presses and source.position_ms >= presses[0] * 1000:
            presses.pop(0)
            session.press_to_talk()
        while typed and source.position_ms >= typed[0][0] * 1000:
            session.submit_text(typed.pop(0)[1])
        if not session.step():
            break
    session.finish()
    return Run(session, sink, source, words)


def test_a_spoken_question_is_answered_from_the_right_section_and_the_guide_ignores_its_own_voice(pipeline, speaker, voice_cache):
    run = run_session(pipeline, speaker, voice_cache, [(9.0, "what is cachexia", "flite:slt")], 30)
    acted = run.acted()
    assert [t.transcript for t in acted] == ["what is cachexia"]
    turn = acted[0]
    assert turn.outcome == "answered" and turn.section_id == "introduction"
    answer = [line for line in run.lines() if line.turn == 0]
    assert "cachexia" in " ".join(line.text for line in answer).lower()
    assert not any(line.cut for line in run.session.spoken)
    # the guide never heard itself: no phrase at all while it was speaking
    assert not [t for t in run.session.turns if t.during_playback]
    # end of the question's speech to the first sample of the spoken answer
    word_end_s = run.words[0][2]
    latency_s = run.t(answer[0].start_s) - word_end_s
    assert 0.3 < latency_s < 1.0, latency_s
    assert "Heard: what is cachexia" in run.session.text_lines
    assert any(line.startswith("Answer: ") and "cachexia" in line for line in run.session.text_lines)
    assert "Listening." in run.session.text_lines


def test_without_self_voice_suppression_the_guide_would_hear_itself(pipeline, speaker, voice_cache):
    """The control for the test above: the same room with the suppression turned off."""
    run = run_session(pipeline, speaker, voice_cache, [(9.0, "what is cachexia", "flite:slt")], 24,
                      echo=EchoSettings(enabled=False))
    assert [t for t in run.session.turns if t.during_playback]


@pytest.mark.parametrize("voice", ["flite:rms", "flite:slt"])
def test_stop_spoken_over_the_answer_cuts_it_within_300_ms(pipeline, speaker, voice_cache, voice):
    run = run_session(pipeline, speaker, voice_cache,
                      [(9.0, "what is cachexia", "flite:slt"), (14.5, "stop", voice)], 26)
    answer = [line for line in run.lines() if line.turn == 0]
    cut = [line for line in answer if line.cut]
    assert cut, [(line.text, line.cut) for line in answer]
    stop_turn = [t for t in run.session.turns if t.during_playback and t.outcome == "barge_in"]
    assert [t.intent for t in stop_turn] == ["stop"]
    stop_end_s = run.words[1][2]
    cut_s = run.t(run.sink.stops_at_s[0])
    assert 0.0 < cut_s - stop_end_s <= 0.300, cut_s - stop_end_s
    # the sink really cut the clip there, and nothing of the answer came after it
    assert run.sink.cut and run.sink.cut[0].cut_at_sample < run.sink.cut[0].clip.num_samples
    assert all(line.start_s <= run.sink.stops_at_s[0] for line in answer)


@pytest.mark.parametrize("voice,word,intent", [("flite:awb", "stop", "stop"), ("flite:kal16", "wait", "pause")])
def test_barge_in_words_the_phrase_sets_mishear_are_caught_by_the_keyword_spotter(pipeline, speaker, voice_cache,
                                                                                  voice, word, intent):
    """flite awb's "stop" is heard as "go" by the full phrase sets even in silence; the small
    keyword decoder still hears it over the guide, and the guide stops."""
    if not available_voices((voice,)):
        pytest.skip(f"needs {voice}")
    run = run_session(pipeline, speaker, voice_cache,
                      [(9.0, "what is cachexia", "flite:slt"), (14.5, word, voice)], 24)
    acted = [t for t in run.session.turns if t.during_playback and t.outcome == "barge_in"]
    assert [(t.transcript, t.intent) for t in acted] == [(word, intent)], [
        (t.transcript, t.intent, t.outcome) for t in run.session.turns]
    assert run.sink.cut and all(s > run.words[1][2] for s in map(run.t, run.sink.stops_at_s))


def test_keyword_spotter_accepts_the_words_and_rejects_others(voice_cache):
    from voice_guide.stt import keyword_spotter as shared_spotter

    spotter = shared_spotter()

    def spot(text, voice):
        clip = synthesize(text, voice, cache_dir=voice_cache).samples().astype(np.float64) * USER_GAIN
        pcm = np.concatenate([np.zeros(3200), clip, np.zeros(2400)]).astype("<i2").tobytes()
        return spotter.spot(pcm)

    for voice in ("flite:slt", "flite:rms"):
        for word in ("stop", "pause", "wait"):
            hit = spot(word, voice)
            assert hit is not None and hit.accepted and hit.word == word, (voice, word, hit)
        for other in ("what is cachexia", "go", "help", "hey guide"):
            hit = spot(other, voice)
            assert hit is None or not hit.accepted, (voice, other, hit)


def test_misses_escalate_and_the_guide_goes_quiet_after_the_third(pipeline, speaker, voice_cache):
    run = run_session(pipeline, speaker, voice_cache, [], 58, live=LiveSettings(listen_window_ms=3000))
    reprompts = [t.response for t in run.session.turns if t.outcome == "nothing_heard"]
    assert len(reprompts) == 3 and len(set(reprompts)) == 3
    assert "did not hear" in reprompts[0]
    examples = [s.title.rstrip("?").lower() for s in pipeline.pack.sections if s.kind == "faq"]
    examples += [t.samples[0].lower() for t in pipeline.pack.topics if t.samples]
    assert any(e in reprompts[1].lower() for e in examples), reprompts[1]
    assert "wait quietly" in reprompts[2]
    assert run.session.dormant
    last = run.lines()[-1]
    assert last.text.startswith("Just ask a question") and run.t(last.end_s) < 50  # then silence


def test_not_understood_escalates_then_quiet_then_any_understood_phrase_rearms(pipeline, speaker, voice_cache):
    jazz = "play some relaxing jazz music"
    run = run_session(pipeline, speaker, voice_cache, [
        (9.0, jazz, "flite:slt"), (18.0, jazz, "flite:rms"), (31.0, jazz, "flite:slt"),
        (47.0, jazz, "flite:rms"), (53.0, "what is cachexia", "flite:slt"),
    ], 66, live=LiveSettings(listen_window_ms=30000))
    turns = [t for t in run.session.turns if not t.during_playback]
    assert [t.outcome for t in turns] == ["not_understood"] * 3 + ["dormant", "answered"], [
        (t.transcript, t.outcome) for t in run.session.turns]
    texts = [t.response for t in turns[:3]]
    assert len(set(texts)) == 3
    assert "You could ask" in texts[1]
    assert "wait quietly" in texts[2]
    assert turns[3].response == ""  # quiet: a tone, no words
    assert "cachexia" in turns[4].response.lower() and not run.session.dormant


def test_settings_change_by_voice_and_persist_across_two_sessions(pipeline, speaker, voice_cache, tmp_path, monkeypatch):
    monkeypatch.setenv("VOICE_GUIDE_CONFIG_DIR", str(tmp_path / "config"))
    store = ConfigStore()
    run = run_session(pipeline, speaker, voice_cache, [(9.0, "slower", "flite:slt")], 16, store=store,
                      typed=[(13.0, "brief answers")])
    slower = SpeechSettings().slower()
    assert run.session.settings.rate_wpm == slower.rate_wpm
    confirm = [line for line in run.lines() if line.text == "Slower."]
    assert confirm  # confirmed in a word, at the new rate (the very next sentence)
    assert "Brief answers." in run.said()
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved["speech"]["rate_wpm"] == slower.rate_wpm and saved["speech"]["verbosity"] == "brief"

    second = run_session(pipeline, speaker, voice_cache, [(12.0, "what is cachexia", "flite:slt")], 26,
                         store=ConfigStore())
    assert second.session.settings.rate_wpm == slower.rate_wpm
    answer = [t for t in second.session.turns if t.outcome == "answered"][0].response
    assert len(split_sentences(answer)) == 1  # brief: the first sentence only


def test_push_to_talk_listens_only_after_the_key(pipeline, speaker, voice_cache):
    run = run_session(pipeline, speaker, voice_cache,
                      [(8.0, "what is cachexia", "flite:slt"), (13.5, "what is cachexia", "flite:rms")], 28,
                      presses_at_s=[12.5], mode="push_to_talk", live=LiveSettings(listen_window_ms=4000))
    heard = [t for t in run.session.turns if t.transcript]
    assert len(heard) == 1 and heard[0].speech_start_ms > 13000
    assert heard[0].outcome == "answered"
    assert "Press Enter" in run.session.text_lines[0]


def test_wake_phrase_mode_answers_only_requests_that_start_with_it(pipeline, speaker, voice_cache):
    run = run_session(pipeline, speaker, voice_cache,
                      [(9.0, "what is cachexia", "flite:slt"), (13.0, "hey guide what is cachexia", "flite:rms")], 28,
                      mode="wake")
    outcomes = [(t.outcome, t.speech_start_ms > 12000) for t in run.session.turns if not t.during_playback]
    assert outcomes == [("ignored", False), ("answered", True)], [(t.transcript, t.outcome) for t in run.session.turns]
    assert "cachexia" in run.said().lower()


def test_a_routine_runs_with_commands_over_speech_a_question_and_resume(pipeline, speaker, voice_cache):
    run = run_session(pipeline, speaker, voice_cache, [
        (8.0, "start the arm routine", "flite:slt"),
        (28.5, "yes", "flite:slt"),           # after the safety check
        (36.0, "wait", "flite:slt"),          # over the first exercise's description
        (44.0, "what is cachexia", "flite:slt"),
        (60.0, "resume", "flite:slt"),
        (66.0, "stop", "flite:slt"),
], 76, settings=SpeechSettings(rate_wpm=180))
    states = [(t.transcript, t.intent, t.outcome) for t in run.session.turns if t.outcome != "ignored"]
    intents = [i for _, i, _ in states]
    assert intents[:2] == ["start_routine", "yes"], states
    assert "pause" in intents and "resume" in intents and "stop" in intents, states
    question = [s for s in states if s[1].startswith("ask_")]
    assert question, states
    said = run.said()
    assert "Before we start, a safety check." in said
    assert "Thank you. Starting" in said
    assert "Paused." in said
    assert "cachexia" in said.lower()
    assert "Resuming." in said
    assert "Stopped at" in said
    assert run.session.routine_player is None  # over, and back to the full phrase set
    assert pipeline.recognizer.active_vocabulary == "main"


def test_help_says_what_can_be_said_now(pipeline, speaker, voice_cache):
    run = run_session(pipeline, speaker, voice_cache, [], 12, typed=[(8.0, "help")])
    help_turn = [t for t in run.session.turns if t.intent == "help"][0]
    assert "stop or wait" in help_turn.response and "brief answers" in help_turn.response


def test_live_phrases_wake_matching_and_sentences():
    assert live_phrase("sounds off") == "earcons:off"
    assert live_phrase("earcons on") == "earcons:on"
    assert live_phrase("longer answers") == "verbosity:full"
    assert live_phrase("short her answers") == "verbosity:brief"
    assert live_phrase("push to talk") == "mode:push_to_talk"
    assert live_phrase("what sounds off about a long question like this one") is None
    assert match_wake("a guide what is cachexia", "hey guide") == "what is cachexia"
    assert match_wake("take guide", "hey guide") == ""
    assert match_wake("what is cachexia", "hey guide") is None
    assert match_wake("take i'd what is it", "hey guide", [("take guide what is it", 0.5)]) == "what is it"
    assert split_sentences("One. Two? Three!") == ["One.", "Two?", "Three!"]
