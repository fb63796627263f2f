"""Emergencies first, then pain, in every routine state; logged with the reason; the clinician reminder."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_player import in_state, says

from voice_guide.content.pack import load_pack
from voice_guide.core.clock import VirtualClock
from voice_guide.nlu.safety import SafetyRules
from voice_guide.routines.loader import load_routines
from voice_guide.routines.log import SessionLog
from voice_guide.routines.log_read import read_sessions
from voice_guide.routines.player import PAIN_GUIDANCE_TEXT, TERMINAL_STATES, PlayerSettings, PlayerState, RoutinePlayer
from voice_guide.routines.runner import resume_point, run_routine
from voice_guide.routines.texts import shipped_texts

S = PlayerState
LIVE_STATES = [s for s in PlayerState if s not in TERMINAL_STATES]


@pytest.fixture(scope="module")
def rules() -> SafetyRules:
    return SafetyRules(load_pack().safety)


def with_rules(state: PlayerState, rules: SafetyRules):
    d = in_state(state)
    d.player.safety = rules
    return d


@pytest.mark.parametrize("state", LIVE_STATES, ids=lambda s: s.value)
@pytest.mark.parametrize("name,text", [("emergency", ""), ("help", "she can't breathe"), ("pain", "it hurts and he has chest pain")])
def test_an_emergency_wins_over_everything_in_every_state(state: PlayerState, name: str, text: str, rules: SafetyRules) -> None:
    d = with_rules(state, rules)
    out = d.cmd(name, text)
    assert d.player.state == S.STOPPED_FOR_EMERGENCY
    said = says(out)
    assert PAIN_GUIDANCE_TEXT not in said
    assert said[0] == "Stopping the routine." and said[1] == rules.emergency_answer
    assert d.player.progress.emergency_reported and d.player.progress.stop_reason == "stopped_for_emergency"
    assert all(d.tick() == [] for _ in range(300))


def test_without_safety_rules_the_emergency_command_still_stops_with_the_emergency_message() -> None:
    d = in_state(S.MOVING)
    out = d.cmd("emergency")
    assert d.player.state == S.STOPPED_FOR_EMERGENCY
    assert says(out) == [shipped_texts().say("emergency_fallback")]


class _WithCrisis:
    emergency_answer = "Call your local emergency number now."
    crisis_answer = "You are not alone. Call a crisis line."

    def is_emergency(self, cleaned: str) -> bool:
        return False

    def is_pain(self, cleaned: str) -> bool:
        return False

    def is_crisis(self, cleaned: str) -> bool:
        return "want to die" in cleaned


def test_a_crisis_phrase_stops_with_the_crisis_answer() -> None:
    d = in_state(S.HOLDING)
    d.player.safety = _WithCrisis()
    out = d.cmd("pain", "she says she wants to die, I want to die too")
    assert d.player.state == S.STOPPED_FOR_EMERGENCY
    assert says(out) == ["Stopping the routine.", "You are not alone. Call a crisis line."]


EVERYDAY_PAIN = ["she's sore", "he is wincing", "that's too far", "too much", "she cried out", "he's grimacing", "she pulled away", "it hurts", "ow", "owww"]


@pytest.mark.parametrize("state", LIVE_STATES, ids=lambda s: s.value)
@pytest.mark.parametrize("text", EVERYDAY_PAIN)
def test_everyday_pain_words_stop_in_every_state(state: PlayerState, text: str, rules: SafetyRules) -> None:
    d = with_rules(state, rules)
    out = d.cmd("next" if state != S.SAFETY_CHECK else "yes", text)
    assert d.player.state == S.STOPPED_FOR_PAIN, text
    assert says(out)[-1] == PAIN_GUIDANCE_TEXT
    assert all(d.tick() == [] for _ in range(300))


@pytest.mark.parametrize("text", ["carry on", "she is fine", "next one please", "going well"])
def test_ordinary_words_do_not_stop(text: str) -> None:
    d = in_state(S.MOVING)
    d.cmd("slower", text)  # a command that keeps the count going, with everyday words as its text
    assert d.player.state == S.MOVING


def test_emergency_stop_is_logged_with_its_reason(tmp_path: Path, rules: SafetyRules) -> None:
    routines, _ = load_routines()
    clock = VirtualClock()
    log = SessionLog(tmp_path / "s.jsonl")
    player = RoutinePlayer(routines["legs"], PlayerSettings(get_ready_ms=0, speech_words_per_minute=60_000), safety=rules)
    result = run_routine(player, lambda t: None, None, clock.monotonic, clock.sleep, [(0, "yes"), (9_000, "help", "he collapsed")], session_log=log)
    assert result.reason == "stopped_for_emergency"
    (session,) = read_sessions(tmp_path / "s.jsonl")
    assert session.stopped_for_emergency and not session.stopped_for_pain and not session.finished
    assert session.stop_reason == "stopped_for_emergency"


def test_resuming_after_a_pain_stop_reminds_to_check_with_the_clinician(tmp_path: Path) -> None:
    routines, _ = load_routines()
    legs = routines["legs"]
    clock = VirtualClock()
    log_path = tmp_path / "s.jsonl"
    settings = PlayerSettings(get_ready_ms=0, speech_words_per_minute=60_000)
    run_routine(RoutinePlayer(legs, settings), lambda t: None, None, clock.monotonic, clock.sleep,
                [(0, "yes"), (30_000, "pain", "ow")], session_log=SessionLog(log_path))
    index, after_pain, message = resume_point(legs, "both", log_path)
    assert after_pain and index >= 0 and message.startswith("Resuming leg exercises at step")
    player = RoutinePlayer(legs, settings, start_at_step=index, after_pain_stop=True)
    check = says(player.start(0))[0]
    assert check.startswith("Last time the routine stopped because of pain. Please check with their clinician before carrying on.")
