"""The live session end to end, with no microphone and no sound card (see live_support)."""

from __future__ import annotations

import json

import pytest
from live_support import HAS_FLITE, LEAD_S, knows, run_session, shared_engine

from voice_guide.config import ConfigStore
from voice_guide.content.sentences import split_sentences
from voice_guide.core.types import Action
from voice_guide.frontends.live.records import ClipKind, LiveSettings, TurnOutcome
from voice_guide.nlu.understanding import IntentMatch
from voice_guide.tts.settings import SpeechSettings

pytest.importorskip("webrtcvad")
pytestmark = pytest.mark.skipif(not HAS_FLITE, reason="needs flite (bash scripts/setup.sh)")


def test_a_spoken_question_is_answered_from_the_right_section_and_the_guide_ignores_its_own_voice():
    run = run_session([(9.0, "what is cachexia", "flite:slt")], 30)
    acted = run.acted()
    assert [t.transcript for t in acted] == ["what is cachexia"]
    turn = acted[0]
    assert turn.outcome == TurnOutcome.ANSWERED and turn.section_id == "introduction"
    assert turn.reply is not None and turn.reply.text == turn.response
    answer = [line for line in run.lines() if line.turn == 0]
    assert "cachexia" in " ".join(line.text for line in answer).lower()
    assert not any(line.cut for line in run.session.spoken)
    # the guide never heard itself: no phrase at all while it was speaking
    assert not [t for t in run.session.turns if t.during_playback]
    # end of the question's speech to the first sample of the spoken answer
    latency_s = run.t(answer[0].start_s) - run.words[0][2]
    assert 0.3 < latency_s < 1.0, latency_s
    assert "Heard: what is cachexia" in run.text_lines
    assert any(line.startswith("Answer: ") and "cachexia" in line for line in run.text_lines)
    assert "Listening." in run.text_lines


def test_misses_escalate_and_the_guide_goes_quiet_after_the_third():
    run = run_session([], 58, live=LiveSettings(listen_window_ms=3000))
    reprompts = [t.response for t in run.session.turns if t.outcome == TurnOutcome.NOTHING_HEARD]
    assert len(reprompts) == 3 and len(set(reprompts)) == 3
    assert "did not hear" in reprompts[0]
    pack = shared_engine().pack
    examples = [s.title.rstrip("?").lower() for s in pack.sections if s.kind == "faq"]
    examples += [t.samples[0].lower() for t in pack.topics if t.samples]
    assert any(e in reprompts[1].lower() for e in examples), reprompts[1]
    assert "wait quietly" in reprompts[2]
    assert run.session.dormant
    last = run.lines()[-1]
    assert last.text.startswith("Just ask a question") and run.t(last.end_s) < 50  # then silence


def test_not_understood_escalates_then_quiet_then_any_understood_phrase_rearms():
    jazz = "play some relaxing jazz music"
    run = run_session([
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


def test_settings_change_by_voice_and_persist_across_two_sessions(tmp_path, monkeypatch):
    monkeypatch.setenv("VOICE_GUIDE_CONFIG_DIR", str(tmp_path / "config"))
    store = ConfigStore()
    run = run_session([(9.0, "slower", "flite:slt")], 16, store=store)
    slower = SpeechSettings().slower()
    assert run.session.settings.rate_wpm == slower.rate_wpm
    turn = [t for t in run.session.turns if t.intent == "slower"][0]
    assert turn.outcome == TurnOutcome.SETTING and turn.action == Action.SPEECH_CHANGED
    assert [line.text for line in run.lines() if line.turn == 1 or line.text.startswith("Slower")] == [
        f"Slower: {slower.rate_wpm} words a minute."]
    # "brief answers" typed through the same conversation (the pack intent may not be there yet)
    run.session.conversation.handle(IntentMatch("brief", 1.0, text="brief answers"))
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    assert saved["speech"]["rate_wpm"] == slower.rate_wpm and saved["speech"]["verbosity"] == "brief"

    second = run_session([(12.0, "what is cachexia", "flite:slt")], 26, store=ConfigStore())
    assert second.session.settings.rate_wpm == slower.rate_wpm
    answer = [t for t in second.session.turns if t.outcome == TurnOutcome.ANSWERED][0].response
    assert len(split_sentences(answer)) == 1  # brief: the first sentence only


def test_push_to_talk_listens_only_after_the_key():
    run = run_session([(10.5, "what is cachexia", "flite:slt"), (16.0, "what is cachexia", "flite:rms")], 30,
                      presses_at_s=[15.0], mode="push_to_talk", live=LiveSettings(listen_window_ms=4000))
    heard = [t for t in run.session.turns if t.transcript]
    assert len(heard) == 1 and heard[0].speech_start_ms > (15.5 + LEAD_S) * 1000
    assert heard[0].outcome == TurnOutcome.ANSWERED
    assert "Press Enter" in run.text_lines[0]


def test_wake_phrase_mode_answers_only_requests_that_start_with_it():
    run = run_session([(11.0, "what is cachexia", "flite:slt"), (15.0, "hey guide what is cachexia", "flite:rms")],
                      30, mode="wake")
    outcomes = [(t.outcome, t.speech_start_ms > (14 + LEAD_S) * 1000) for t in run.session.turns if not t.during_playback]
    assert outcomes == [("ignored", False), ("answered", True)], [(t.transcript, t.outcome) for t in run.session.turns]
    assert "cachexia" in run.said().lower()


def test_a_routine_runs_with_commands_over_speech_a_question_and_resume():
    run = run_session([
        (8.0, "start the arm routine", "flite:slt"),
        (28.5, "yes", "flite:slt"),           # after the safety check
        (36.0, "wait", "flite:slt"),          # over the first exercise's description
        (44.0, "what is cachexia", "flite:slt"),
        (60.0, "resume", "flite:slt"),
        (66.0, "stop", "flite:slt"),
    ], 76, settings=SpeechSettings(rate_wpm=180))
    states = [(t.transcript, t.intent, t.outcome) for t in run.session.turns if t.outcome != TurnOutcome.IGNORED]
    intents = [i for _, i, _ in states]
    assert intents[:2] == ["start_routine", "yes"], states
    assert "pause" in intents and "resume" in intents and "stop" in intents, states
    assert [s for s in states if s[1].startswith("ask_")], states
    said = run.said()
    assert "Before we start, a safety check." in said
    assert "Thank you. Starting" in said
    assert "Paused." in said
    assert "cachexia" in said.lower()
    assert "Resuming." in said
    assert "Stopped at" in said
    assert run.session.routine_player is None  # over, and back to the full phrase set
    assert shared_engine().recognizer.active_vocabulary == "main"
    assert "Routine over." in run.text_lines


def test_help_says_what_can_be_said_now():
    run = run_session([], 12, typed=[(8.0, "help")])
    help_turn = [t for t in run.session.turns if t.intent == "help"][0]
    assert "stop or wait" in help_turn.response and "brief answers" in help_turn.response
    assert not [line for line in run.session.spoken if line.kind is ClipKind.SPEECH and line.cut]


def _pack_intent(text, voice, intent):
    assert knows(text, intent), f"{text!r} is not understood as {intent}"
    return pytest.param(text, voice, intent)


@pytest.mark.parametrize("text,voice,intent", [
    # bare "push to talk" in flite slt's voice is decoded "wish to" since the crisis phrases
    # ("wish to die") are in the language model: a limit written in docs/history.md (safety, fourth session)
    _pack_intent("switch to push to talk", "flite:slt", "push_to_talk"),
    _pack_intent("sounds off", "espeak:en-us", "sounds_off"),
])
def test_listening_and_sound_settings_by_voice_are_pack_intents_kept_for_next_time(tmp_path, monkeypatch, text, voice, intent):
    monkeypatch.setenv("VOICE_GUIDE_CONFIG_DIR", str(tmp_path / "config"))
    run = run_session([(9.0, text, voice)], 16, store=ConfigStore())
    turn = [t for t in run.session.turns if t.reply is not None][0]
    assert turn.intent == intent and turn.outcome == TurnOutcome.SETTING
    saved = json.loads((tmp_path / "config" / "settings.json").read_text())
    if intent == "sounds_off":
        assert turn.action == Action.SPEECH_CHANGED and not run.session.settings.earcons
        assert saved["speech"]["earcons"] is False
    else:
        assert turn.action == Action.LISTENING_MODE and run.session.mode == "push_to_talk"
        assert run.session.attention.mode == "push_to_talk" and saved["listening_mode"] == "push_to_talk"
