"""Issue 15 with the fake clock: counting for the ear, split movements, waits for ``ready``,
one side, brief mode with every caution, the question at the end; and the one command map."""

from __future__ import annotations

import re

import pytest
from test_player import FAST, Driver, earcons, in_state, says, small_routine, started

from voice_guide.routines.commands import ROUTINE_COMMANDS, command_for, normalize_command, parse_side
from voice_guide.routines.counting import number_word, parse_rating
from voice_guide.routines.loader import load_routines
from voice_guide.routines.model import Routine
from voice_guide.routines.player import (
    WAITING_STATES,
    PlayerSettings,
    PlayerState,
    RoutinePlayer,
    StepCompleted,
    build_plan,
)
from voice_guide.routines.texts import SAFETY_TEXT_KEYS, load_texts, shipped_texts

S = PlayerState


@pytest.fixture(scope="module")
def shipped() -> dict[str, Routine]:
    routines, problems = load_routines()
    assert problems == []
    return routines


def fast(**changes: object) -> PlayerSettings:
    return PlayerSettings(**{**FAST.__dict__, **changes})


def one_rep_lines(style: str, earcons_on: bool = True) -> tuple[list[str], list[str]]:
    """What is said and played for the first repetition (2 s hold) of a small routine."""
    d = started(small_routine(reps=3, hold_seconds=3), fast(counting_style=style, earcons=earcons_on))
    d.outputs.clear()
    d.until(lambda p: p.progress.rep == 2)
    return says(d.outputs), earcons(d.outputs)


# --- counting for the ear -------------------------------------------------------------------


def test_words_style_counts_repetitions_with_numbers_and_holds_without() -> None:
    said, sounds = one_rep_lines("words")
    assert said == ["One.", "Hold.", "Hold.", "Hold.", "And release.", "Two."]
    assert sounds == ["start", "hold", "release"]


def test_ticks_style_marks_hold_seconds_with_a_soft_tick() -> None:
    said, sounds = one_rep_lines("ticks")
    assert said == ["One.", "Hold.", "And release.", "Two."]
    assert sounds == ["start", "hold", "tick", "tick", "release"]


def test_ticks_style_without_earcons_falls_back_to_words() -> None:
    said, sounds = one_rep_lines("ticks", earcons_on=False)
    assert said == ["One.", "Hold.", "Hold.", "Hold.", "And release.", "Two."]
    assert sounds == []


def test_quiet_style_holds_in_silence() -> None:
    said, _ = one_rep_lines("quiet")
    assert said == ["One.", "Hold.", "And release.", "Two."]


def test_no_number_word_is_said_during_a_hold_in_any_shipped_routine(shipped: dict[str, Routine]) -> None:
    numbers = {number_word(n).capitalize() for n in range(1, 11)}
    for style in ("words", "ticks", "quiet"):
        d = started(shipped["hands"], PlayerSettings(counting_style=style, get_ready_ms=0, speech_words_per_minute=60_000))
        holding = False
        while d.player.state != S.WAITING_FOR_READY:
            for o in d.tick():
                if type(o).__name__ == "StateChanged":
                    holding = o.state == S.HOLDING
                elif holding and type(o).__name__ == "Say":
                    assert o.text.rstrip(".,") not in numbers, (style, o.text)


def test_bad_counting_style_is_refused() -> None:
    with pytest.raises(Exception, match="counting style"):
        PlayerSettings(counting_style="loud")


# --- split movements ----------------------------------------------------------------------------


def test_every_shipped_step_is_one_movement(shipped: dict[str, Routine]) -> None:
    for routine in shipped.values():
        for step in routine.steps:
            sentences = [s for s in re.split(r"(?<=\.)\s+", step.movement) if s]
            assert not any(s.startswith("Then ") for s in sentences), (routine.id, step.name)
            assert "side to side" not in step.movement or step.name.endswith("side to side")


def test_wrist_and_fingers_are_split_each_with_its_own_repetitions_and_hold(shipped: dict[str, Routine]) -> None:
    names = [s.name for s in shipped["arms"].steps]
    assert names[5:] == ["wrist back and forward", "wrist side to side", "finger bend and straighten", "finger spread", "thumb to fingertips"]
    d = started(shipped["arms"], fast(), start_at_step=5)
    d.until(lambda p: p.progress.step_index == 7 and p.state == S.ANNOUNCING)
    completed = [o for o in d.outputs if isinstance(o, StepCompleted)]
    assert [(c.step_name, c.repetitions) for c in completed] == [("wrist back and forward", 5), ("wrist side to side", 5)]
    assert says(d.outputs).count("Five, last one.") == 2


# --- transitions wait for ready -------------------------------------------------------------------


def test_the_other_side_waits_for_ready_with_no_time_limit() -> None:
    d = started(small_routine(n_steps=2, sides=("right arm", "left arm")))
    d.until(lambda p: p.state == S.WAITING_FOR_READY)
    assert says(d.outputs)[-1] == "Now the left arm. Move round to the left arm, and say ready when you are."
    assert d.player.progress.resume_step_index == 2
    assert all(d.tick() == [] for _ in range(36_000))  # an hour: still waiting, silent
    out = d.cmd("ready")
    assert d.player.state == S.ANNOUNCING and "Left arm." in says(out)
    assert "Exercise 1 of 2: move 1." in says(out)


def test_resume_after_a_pause_asks_for_ready_before_counting() -> None:
    d = in_state(S.PAUSED)
    out = d.cmd("resume")
    assert d.player.state == S.WAITING_FOR_READY
    assert says(out) == ["Get your hands back in place, and say ready when you are."]
    assert all(d.tick() == [] for _ in range(3000))
    out = d.cmd("ready")
    assert says(out) == ["Resuming.", "Two."] and d.player.state == S.MOVING


def test_after_a_question_it_asks_for_ready_and_waits() -> None:
    d = in_state(S.HOLDING)
    out = d.cmd("question", "An answer.")
    assert says(out) == ["An answer.", "Say ready when you are."]
    assert all(d.tick() == [] for _ in range(3000))
    d.cmd("ready")
    assert d.player.state == S.MOVING


@pytest.mark.parametrize("state", sorted(WAITING_STATES))
def test_ready_carries_on_from_every_waiting_state(state: PlayerState) -> None:
    d = in_state(state)
    d.cmd("ready")
    assert d.player.state == S.MOVING and d.player.progress.rep == 2


def test_ready_while_announcing_starts_the_count_and_during_a_rest_starts_the_next_step() -> None:
    d = in_state(S.ANNOUNCING)
    assert says(d.cmd("ready")) == ["One."]
    d = in_state(S.RESTING)
    d.cmd("ready")
    assert d.player.state == S.ANNOUNCING and d.player.progress.step_index == 1


def test_ready_in_the_safety_check_starts_as_yes_does() -> None:
    # thirteenth round: "we're ready" answers "is it safe to start?" (the understander gave yes for it before)
    d, e = in_state(S.SAFETY_CHECK), in_state(S.SAFETY_CHECK)
    assert says(d.cmd("ready")) == says(e.cmd("yes"))
    assert d.player.state == e.player.state == S.ANNOUNCING


def test_other_commands_in_the_safety_check_ask_the_question_again() -> None:
    d = in_state(S.SAFETY_CHECK)
    out = d.cmd("next")
    assert d.player.state == S.SAFETY_CHECK and says(out)[0].startswith("First, the safety check.")


# --- one side or both ----------------------------------------------------------------------------


def test_one_side_plan_and_safety_check(shipped: dict[str, Routine]) -> None:
    plan = build_plan(shipped["arms"], "right")
    assert len(plan) == 10 and {i.side_label for i in plan} == {"right arm"}
    assert {i.side_label for i in build_plan(shipped["full_body"], "left")} == {"left arm", "left leg"}
    player = RoutinePlayer(shipped["arms"], PlayerSettings(side="right"))
    assert "Today we will do the right side only: right arm." in player.safety_check_text()
    both = RoutinePlayer(shipped["arms"])
    assert "We will do both sides: right arm, then left arm." in both.safety_check_text()


def test_one_side_routine_runs_without_the_other_side() -> None:
    d = started(small_routine(n_steps=2, sides=("right arm", "left arm")), fast(side="left"))
    d.until(lambda p: p.state == S.ASKING_HOW_IT_WENT)
    said = says(d.outputs)
    assert "Left arm." in said and "Right arm." not in said
    assert not any("Move round" in s for s in said)
    assert d.player.progress.side == "left"


def test_side_by_voice_during_the_safety_check() -> None:
    d = Driver(RoutinePlayer(small_routine(n_steps=2, sides=("right arm", "left arm")), FAST))
    d.tick()
    out = d.cmd("side", "only her right arm")
    assert says(out) == ["Okay. Today we will do the right side only: right arm.", "Is it safe to start? Say yes to begin, or no to stop."]
    assert len(d.player.plan) == 2 and d.player.progress.side == "right"
    d.cmd("yes")
    assert d.player.progress.side_label == "right arm"
    out = d.cmd("side", "both sides")
    assert "only be chosen before starting" in says(out)[0] and d.player.progress.side == "right"


def test_side_words() -> None:
    assert parse_side("only her right arm") == "right"
    assert parse_side("just the left side") == "left"
    assert parse_side("both sides") == "both"
    assert parse_side("left") == "left"
    assert parse_side("turn right then left") is None
    assert parse_side("what is left to do") is None
    assert command_for("fallback", "only his left leg") == "side"


# --- brief mode keeps every safety line ----------------------------------------------------------


def test_brief_mode_keeps_every_caution_and_safety_line(shipped: dict[str, Routine]) -> None:
    texts = shipped_texts()
    for routine_id in ("arms", "legs", "full_body"):
        d = started(shipped[routine_id], PlayerSettings(verbosity="brief", get_ready_ms=0, speech_words_per_minute=60_000))
        while d.player.state != S.ASKING_HOW_IT_WENT:
            d.until(lambda p: p.state in (S.WAITING_FOR_READY, S.ASKING_HOW_IT_WENT))
            if d.player.state == S.WAITING_FOR_READY:
                d.cmd("ready")
        said = says(d.outputs)
        cautions = [s for s in said if s.startswith("Caution:")]
        expected = [step.caution for item in d.player.plan if (step := item.step).caution]
        assert len(cautions) == len(expected) > 0
        assert texts.say("finish_advice") in said
        assert not any(s.startswith("Hands:") for s in said)
    check = RoutinePlayer(shipped["arms"], PlayerSettings(verbosity="brief")).safety_check_text()
    for key in SAFETY_TEXT_KEYS:
        assert texts.say(key) in check


def test_safety_check_has_the_spinal_cord_injury_warning_with_its_source() -> None:
    texts = shipped_texts()
    assert "autonomic dysreflexia" in texts.say("safety_spinal")
    assert "pounding headache" in texts.say("safety_spinal") and "emergency number" in texts.say("safety_spinal")
    assert texts.sources["safety_spinal"] == ("AD", "AD2")
    from voice_guide.routines.loader import load_sources

    sources = load_sources()
    assert set(texts.all_source_keys()) <= set(sources)
    assert sources["AD"].url == "https://4inspiration.ca/autonomic-dysreflexia/"


# --- the question at the end ------------------------------------------------------------------------


def test_pain_rating_at_the_end_is_kept() -> None:
    d = in_state(S.ASKING_HOW_IT_WENT)
    assert says(d.outputs)[-1].startswith("How did it go?")
    assert all(d.tick() == [] for _ in range(3000))  # asked once, no nagging
    out = d.cmd("answer", "about a 3")
    assert says(out) == ["Thank you. I have noted a pain rating of 3 out of 10."]
    assert d.player.state == S.FINISHED and d.player.progress.pain_rating == 3
    assert d.player.progress.resume_step_index is None


def test_a_high_rating_sends_to_the_clinician_and_a_note_is_kept() -> None:
    d = in_state(S.ASKING_HOW_IT_WENT)
    assert "clinician" in says(d.cmd("answer", "eight"))[-1]
    d = in_state(S.ASKING_HOW_IT_WENT)
    out = d.cmd("answer", "she was relaxed today and the left shoulder moved further")
    assert says(out) == ["Thank you. I have noted that."]
    assert d.player.progress.how_it_went == "she was relaxed today and the left shoulder moved further"


@pytest.mark.parametrize("name", ["skip", "no", "stop", "next"])
def test_the_question_at_the_end_can_be_skipped(name: str) -> None:
    d = in_state(S.ASKING_HOW_IT_WENT)
    out = d.cmd(name)
    assert says(out) == ["Okay, nothing noted."] and d.player.state == S.FINISHED
    assert d.player.progress.pain_rating is None


def test_the_question_can_be_turned_off() -> None:
    d = started(small_routine(n_steps=1), fast(ask_how_it_went=False))
    d.until(lambda p: p.is_over)
    assert d.player.state == S.FINISHED and not any("How did it go" in s for s in says(d.outputs))


@pytest.mark.parametrize(
    "text,rating",
    [("3", 3), ("zero", 0), ("a four", 4), ("10", 10), ("ten out of ten", None), ("none", 0), ("she did well", None), ("2 or 3", None)],
)
def test_rating_words(text: str, rating: int | None) -> None:
    assert parse_rating(text) == rating


# --- the one command map ------------------------------------------------------------------------------


def test_one_map_from_intents_to_commands() -> None:
    assert ROUTINE_COMMANDS["emergency"] == "emergency" and ROUTINE_COMMANDS["crisis"] == "emergency"
    assert ROUTINE_COMMANDS["exit"] == "stop" and ROUTINE_COMMANDS["ready"] == "ready"
    assert command_for("pause") == "pause"
    assert command_for("fallback", "I'm ready") == "ready"
    assert command_for("fallback", "what is atrophy") is None
    assert normalize_command("Go_on") == "resume"
    with pytest.raises(TypeError):
        ROUTINE_COMMANDS["x"] = "y"  # type: ignore[index]


def test_pack_texts_override_single_lines_and_never_drop_safety_lines(tmp_path) -> None:
    (tmp_path / "texts.yaml").write_text("texts:\n  rep: 'Rep {number}.'\npain_words: ['\\bouchie\\b']\n", encoding="utf-8")
    texts = load_texts(tmp_path)
    assert texts.say("rep", number="One") == "Rep One."
    assert texts.say("safety_spinal") == shipped_texts().say("safety_spinal")
    assert texts.is_pain("ouchie") and texts.is_pain("she is wincing")
    (tmp_path / "texts.yaml").write_text("texts: 3\n", encoding="utf-8")
    assert load_texts(tmp_path) is shipped_texts()


@pytest.mark.parametrize("text,rating,note", [("no pain", None, "no pain"), ("a bit sore, about a 3", 3, ""), ("zero", 0, "")])
def test_an_answer_about_pain_at_the_end_is_kept_not_a_pain_stop(text: str, rating: int | None, note: str) -> None:
    d = in_state(S.ASKING_HOW_IT_WENT)
    d.cmd("answer", text)
    assert d.player.state == S.FINISHED
    assert (d.player.progress.pain_rating, d.player.progress.how_it_went) == (rating, note)


def test_pain_said_at_the_end_stops_with_the_pain_guidance_and_is_kept() -> None:
    d = in_state(S.ASKING_HOW_IT_WENT)
    d.cmd("answer", "her shoulder really hurts now")
    assert d.player.state == S.STOPPED_FOR_PAIN
    assert d.player.progress.how_it_went == "her shoulder really hurts now" and d.player.progress.resume_step_index is None
