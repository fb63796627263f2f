"""The routine player: a pure state machine driven with a fake clock in milliseconds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from voice_guide.core.errors import VoiceGuideError
from voice_guide.routines.loader import load_routines
from voice_guide.routines.model import Routine, RoutineError
from voice_guide.routines.player import (
    COMMAND_NAMES,
    EARCON_NAMES,
    NO_ANSWER_TEXT,
    NOT_STARTING_TEXT,
    PAIN_GUIDANCE_TEXT,
    RUNNING_STATES,
    SAFETY_CHECK_TEXT,
    SAFETY_REPROMPT_AFTER_MS,
    SAFETY_REPROMPT_TEXT,
    TERMINAL_STATES,
    UNKNOWN_COMMAND_TEXT,
    WAITING_STATES,
    Command,
    Play,
    PlayerSettings,
    PlayerState,
    RoutinePlayer,
    Say,
    StateChanged,
    StepCompleted,
    StepStarted,
    Tick,
    build_plan,
    number_word,
)

S = PlayerState

FAST = PlayerSettings(seconds_each_way=2.0, get_ready_ms=0, rest_seconds=1.0, speech_words_per_minute=60_000)
"""Short phases so the tests need few ticks: 2 s each way, no wait after speech, 1 s rest."""


def small_routine(n_steps: int = 3, reps: int = 3, hold_seconds: int = 1, sides: tuple[str, ...] = ()) -> Routine:
    steps = [
        {
            "name": f"move {i + 1}",
            "hand_placement": f"Hands for move {i + 1}.",
            "movement": f"Do move {i + 1}.",
            "repetitions": reps,
            "hold_seconds": hold_seconds,
            "sources": ["MIA"],
        }
        for i in range(n_steps)
    ]
    d = {"id": "demo", "title": "demo exercises", "body_region": "arms", "steps": steps}
    if sides:
        d["sides"] = list(sides)
    return Routine.from_dict(d, "test.yaml")


@pytest.fixture(scope="module")
def shipped() -> dict[str, Routine]:
    routines, problems = load_routines()
    assert problems == []
    return routines


class Driver:
    """Feeds a player ticks every ``tick_ms`` and commands, and keeps every output."""

    def __init__(self, player: RoutinePlayer, tick_ms: int = 100) -> None:
        self.player = player
        self.tick_ms = tick_ms
        self.now_ms = 0
        self.outputs: list = []

    def tick(self) -> list:
        self.now_ms += self.tick_ms
        out = self.player.handle(Tick(self.now_ms))
        self.outputs.extend(out)
        return out

    def cmd(self, name: str, text: str = "") -> list:
        out = self.player.handle(Command(name, self.now_ms, text))
        self.outputs.extend(out)
        return out

    def until(self, done: Callable[[RoutinePlayer], bool], limit_ms: int = 3_600_000) -> int:
        """Tick until ``done(player)``; returns the ticks it took."""
        ticks = 0
        while not done(self.player):
            if ticks * self.tick_ms > limit_ms:
                raise AssertionError(f"not reached within {limit_ms} ms; state {self.player.state}")
            self.tick()
            ticks += 1
        return ticks

    def ticks_until_said(self, text: str, limit_ms: int = 600_000) -> int:
        """Tick until ``text`` is said; returns the ticks it took."""
        ticks = 0
        while True:
            ticks += 1
            if ticks * self.tick_ms > limit_ms:
                raise AssertionError(f"{text!r} not said within {limit_ms} ms")
            if text in says(self.tick()):
                return ticks


def says(outputs: list) -> list[str]:
    return [o.text for o in outputs if isinstance(o, Say)]


def earcons(outputs: list) -> list[str]:
    return [o.earcon for o in outputs if isinstance(o, Play)]


def started(routine: Routine | None = None, settings: PlayerSettings = FAST, start_at_step: int = 0) -> Driver:
    """A driver whose player has had its safety check answered with yes."""
    d = Driver(RoutinePlayer(routine or small_routine(), settings, start_at_step))
    d.tick()
    d.cmd("yes")
    return d


def in_state(state: PlayerState, routine: Routine | None = None) -> Driver:
    """A driver whose player is in ``state``, mid-routine where that applies (step 2 of 3, rep 2)."""
    routine = routine or small_routine()
    if state == S.SAFETY_CHECK:
        d = Driver(RoutinePlayer(routine, FAST))
        d.tick()
        return d
    d = started(routine)
    d.until(lambda p: p.state == S.RESTING)  # step 1 done
    if state == S.RESTING:
        return d
    d.until(lambda p: p.state == S.ANNOUNCING)
    if state == S.ANNOUNCING:
        return d
    if state in (S.MOVING, S.HOLDING, S.RETURNING):
        d.until(lambda p: p.progress.rep == 2 and p.state == state)
        return d
    commands = {
        S.PAUSED: ["pause"],
        S.WAITING_FOR_READY: ["pause", "resume"],
        S.WAITING_AFTER_QUESTION: ["question"],
        S.STOPPED: ["stop"],
        S.STOPPED_FOR_PAIN: ["pain"],
        S.STOPPED_FOR_EMERGENCY: ["emergency"],
    }
    if state in commands:
        d.until(lambda p: p.progress.rep == 2 and p.state == S.MOVING)
        for name in commands[state]:
            d.cmd(name, "An answer." if name == "question" else "")
        assert d.player.state == state
        return d
    d.until(lambda p: p.state == S.ASKING_HOW_IT_WENT)
    if state == S.FINISHED:
        d.cmd("skip")
    assert d.player.state == state
    return d


# --- the command x state matrix ------------------------------------------------------------


def expected_state(before: PlayerState, command: str, paused_from: PlayerState | None) -> set[PlayerState]:
    """The states a command may lead to from ``before`` (in the mid-routine position of :func:`in_state`)."""
    if command == "emergency":
        return {before} if before in TERMINAL_STATES - {S.STOPPED} else {S.STOPPED_FOR_EMERGENCY}
    if command == "pain":
        return {before} if before in (S.FINISHED, S.STOPPED_FOR_EMERGENCY) else {S.STOPPED_FOR_PAIN}
    if command == "help" and before in (S.ANNOUNCING, S.MOVING, S.HOLDING, S.RETURNING):
        return {S.PAUSED}  # the clock waits while the help is read
    if before in TERMINAL_STATES or command in ("help", "slower", "faster", "bogus"):
        return {before}
    if before == S.ASKING_HOW_IT_WENT:
        return {before} if command in ("question", "repeat") else {S.FINISHED}
    if command == "stop":
        return {S.STOPPED}
    if command == "side":
        return {before}
    if before == S.SAFETY_CHECK:
        return {S.ANNOUNCING} if command in ("yes", "ready") else {S.STOPPED} if command == "no" else {S.SAFETY_CHECK}
    if command == "question":
        return {S.WAITING_AFTER_QUESTION}
    if command in ("repeat", "next", "previous", "skip"):
        return {S.ANNOUNCING}
    if command == "answer":
        return {before}
    if command in ("pause", "no"):
        return {S.PAUSED}
    if command in ("ready", "yes", "resume"):
        carry_on = {S.MOVING} if paused_from in (S.MOVING, S.HOLDING, S.RETURNING) else {S.ANNOUNCING}
        if before == S.PAUSED:
            return carry_on if command == "ready" else {S.WAITING_FOR_READY}
        if before in WAITING_STATES:
            return carry_on
        if command == "ready" and before == S.ANNOUNCING:
            return {S.MOVING}
        if command == "ready" and before == S.RESTING:
            return {S.ANNOUNCING}
        return {before}
    raise AssertionError(command)


ALL_STATES = list(PlayerState)
ALL_COMMANDS = list(COMMAND_NAMES) + ["bogus"]


@pytest.mark.parametrize("command", ALL_COMMANDS)
@pytest.mark.parametrize("state", ALL_STATES, ids=[s.value for s in ALL_STATES])
def test_every_command_in_every_state(state: PlayerState, command: str) -> None:
    d = in_state(state)
    player = d.player
    paused_from = player.progress.paused_state
    before = player.progress
    out = d.cmd(command, "An answer." if command == "question" else "")
    after = player.progress
    assert after.state in expected_state(state, command, paused_from), (state, command, after.state)
    # state changes are reported, and only real ones
    changes = [o for o in out if isinstance(o, StateChanged)]
    if after.state != state:
        assert changes and changes[0].previous == state and changes[-1].state == after.state
    for c in changes:
        assert c.previous != c.state
    # plain outputs only, and earcons from the known set
    assert all(isinstance(o, (Say, Play, StateChanged, StepStarted, StepCompleted)) for o in out)
    assert set(earcons(out)) <= set(EARCON_NAMES)
    spoken = says(out)
    if command == "pain":
        assert PAIN_GUIDANCE_TEXT in spoken
    elif command == "help":
        assert spoken == [player.help_text()]
    elif command == "bogus":
        assert spoken == [UNKNOWN_COMMAND_TEXT]
    elif command == "question" and state not in TERMINAL_STATES:
        assert "An answer." in spoken
    # a command never skips time: no repetition is completed by a command
    assert after.repetitions_done == before.repetitions_done
    # the player keeps working afterwards: ticks never raise, terminal states stay silent
    for _ in range(50):
        tail = d.tick()
        if after.state in TERMINAL_STATES:
            assert tail == []


@pytest.mark.parametrize("state", [s for s in ALL_STATES if s not in TERMINAL_STATES], ids=lambda s: s.value)
def test_pain_stops_at_once_and_nothing_more_is_said(state: PlayerState) -> None:
    d = in_state(state)
    out = d.cmd("pain")
    assert d.player.state == S.STOPPED_FOR_PAIN
    assert says(out)[-1] == PAIN_GUIDANCE_TEXT
    assert d.player.progress.pain_reported
    for _ in range(600):
        assert d.tick() == []


# --- safety check ---------------------------------------------------------------------------


def test_safety_check_is_spoken_first_and_waits_without_a_time_limit() -> None:
    d = Driver(RoutinePlayer(small_routine(), FAST))
    first = d.tick()
    assert says(first) == [SAFETY_CHECK_TEXT]
    for phrase in ("hurts", "strong resistance", "never force", "broken bone", "joint infection", "heart attack", "swollen, warm and tender", "yes", "no"):
        assert phrase in SAFETY_CHECK_TEXT
    # silence: asked again twice, then it just waits; it never starts or gives up by itself
    for _ in range(10 * SAFETY_REPROMPT_AFTER_MS // 100):
        d.tick()
    assert says(d.outputs).count(SAFETY_REPROMPT_TEXT) == 2
    assert d.player.state == S.SAFETY_CHECK


def test_safety_check_yes_starts_the_first_step() -> None:
    d = Driver(RoutinePlayer(small_routine(), FAST))
    d.tick()
    out = d.cmd("yes")
    assert d.player.state == S.ANNOUNCING
    assert StepStarted(0, "move 1", "") in out
    assert "Exercise 1 of 3: move 1." in says(out)


def test_safety_check_no_stops_and_sends_to_the_clinician() -> None:
    d = Driver(RoutinePlayer(small_routine(), FAST))
    d.tick()
    out = d.cmd("no")
    assert d.player.state == S.STOPPED
    assert says(out) == [NOT_STARTING_TEXT]
    assert "clinician" in NOT_STARTING_TEXT
    assert d.player.progress.resume_step_index == 0


def test_a_command_before_any_tick_still_speaks_the_safety_check_first() -> None:
    player = RoutinePlayer(small_routine(), FAST)
    out = player.handle(Command("yes", 0))
    assert says(out)[0] == SAFETY_CHECK_TEXT
    assert player.state == S.ANNOUNCING


def test_question_during_safety_check_is_answered_then_asked_again() -> None:
    d = in_state(S.SAFETY_CHECK)
    out = d.cmd("question", "Passive exercises are done for the person.")
    assert says(out) == ["Passive exercises are done for the person.", SAFETY_REPROMPT_TEXT]
    assert d.player.state == S.SAFETY_CHECK


# --- announcing and counting ---------------------------------------------------------------


def test_announcement_full_names_number_hands_movement_caution_and_count(shipped: dict[str, Routine]) -> None:
    d = started(shipped["arms"], PlayerSettings(), start_at_step=3)
    said = says(d.outputs)
    assert "Picking up where you stopped last time." in said
    assert "Right arm." in said
    assert "Exercise 4 of 10: elbow bend and straighten." in said
    step = shipped["arms"].steps[3]
    assert any(step.hand_placement.lower()[:20] in s.lower() and s.startswith("Hands:") for s in said)
    assert step.movement in said
    assert "5 times. I count each time, then say hold, and release." in said
    d = started(shipped["arms"], PlayerSettings(), start_at_step=1)
    assert "Exercise 2 of 10: shoulder abduction." in says(d.outputs)
    assert any(s.startswith("Caution: ") for s in says(d.outputs))


def test_announcement_brief_is_name_caution_and_count(shipped: dict[str, Routine]) -> None:
    d = started(shipped["arms"], PlayerSettings(verbosity="brief"), start_at_step=1)
    step_lines = says(d.outputs)[says(d.outputs).index("Right arm.") :]
    caution = "Caution: after a stroke, never pull on or lift by the weak arm, and stop at the first discomfort."
    assert step_lines == ["Right arm.", "Exercise 2 of 10: shoulder abduction.", caution, "5 times."]


def test_setup_is_spoken_once_before_the_first_step(shipped: dict[str, Routine]) -> None:
    d = started(shipped["arms"], PlayerSettings(verbosity="brief"))
    assert shipped["arms"].setup in says(d.outputs)
    out = d.cmd("next")
    assert "Exercise 2 of 10: shoulder abduction." in says(out)
    assert shipped["arms"].setup not in says(out)


def test_a_repetition_is_counted_with_the_hold_and_release() -> None:
    d = started(small_routine(reps=3, hold_seconds=2))
    d.until(lambda p: p.state == S.RESTING)
    said = says(d.outputs)
    start = said.index("One.")
    assert said[start : start + 4] == ["One.", "Hold.", "Hold.", "And release."]
    assert said[start + 4] == "Two."
    assert "Three, last one." in said
    assert said[-1] == "Rest. Next up: move 2."
    # earcons: start once, hold and release each repetition, rest between steps
    assert earcons(d.outputs) == ["start"] + ["hold", "release"] * 3 + ["rest"]
    assert StepCompleted(0, "move 1", 3) in d.outputs


def test_a_step_without_hold_says_and_back() -> None:
    d = started(small_routine(reps=3, hold_seconds=0))
    d.until(lambda p: p.state == S.RESTING)
    said = says(d.outputs)
    start = said.index("One.")
    assert said[start : start + 3] == ["One.", "And back.", "Two."]
    assert "hold" not in earcons(d.outputs)


def test_earcons_off_gives_the_same_speech_and_no_sounds() -> None:
    with_sound = started(small_routine(), FAST)
    with_sound.until(lambda p: p.state == S.ASKING_HOW_IT_WENT)
    speech_only = started(small_routine(), PlayerSettings(**{**FAST.__dict__, "earcons": False}))
    speech_only.until(lambda p: p.state == S.ASKING_HOW_IT_WENT)
    assert earcons(speech_only.outputs) == []
    assert says(speech_only.outputs) == says(with_sound.outputs)
    assert earcons(with_sound.outputs).count("end") == 1


def test_sides_are_announced_and_next_up_names_the_new_side() -> None:
    d = started(small_routine(n_steps=2, sides=("right arm", "left arm")))
    d.until(lambda p: p.state == S.WAITING_FOR_READY)
    d.cmd("ready")
    d.until(lambda p: p.state == S.ASKING_HOW_IT_WENT)
    said = says(d.outputs)
    assert said.count("Right arm.") == 1 and said.count("Left arm.") == 1
    assert "Rest. Next up: move 2." in said
    assert "Rest. Next up: left arm, move 1." in said
    assert said.count("Exercise 1 of 2: move 1.") == 2
    assert [o.step_index for o in d.outputs if isinstance(o, StepCompleted)] == [0, 1, 2, 3]


def test_settings_repetitions_override_every_step() -> None:
    d = started(small_routine(reps=5), PlayerSettings(**{**FAST.__dict__, "repetitions": 3}))
    d.until(lambda p: p.state == S.RESTING)
    assert "Three, last one." in says(d.outputs)
    assert d.player.progress.repetitions_done == 3


def test_whole_shipped_routine_runs_to_the_end(shipped: dict[str, Routine]) -> None:
    d = started(shipped["full_body"], PlayerSettings())
    while d.player.state != S.ASKING_HOW_IT_WENT:
        d.until(lambda p: p.state in (S.WAITING_FOR_READY, S.ASKING_HOW_IT_WENT))
        if d.player.state == S.WAITING_FOR_READY:
            d.cmd("ready")
    d.cmd("skip")
    assert d.player.state == S.FINISHED
    completed = [o for o in d.outputs if isinstance(o, StepCompleted)]
    assert len(completed) == 2 * 10 + 2 * 6
    assert d.player.progress.repetitions_done == 5 * 32
    said = says(d.outputs)
    assert said.index("Right arm.") < said.index("Left arm.") < said.index("Right leg.") < said.index("Left leg.")
    assert said[-4:-1] == ["That is the end of the full body exercises. Well done.", d.player.texts.say("finish_advice"), d.player.texts.say("how_did_it_go")]
    assert said[-1] == "Okay, nothing noted."


# --- pain, pause, repeat, next, previous ----------------------------------------------------


def test_pain_in_the_middle_of_a_hold_stops_at_once() -> None:
    d = started(small_routine(hold_seconds=3))
    d.until(lambda p: p.state == S.HOLDING and p.progress.rep == 2)
    d.tick()  # one tick into the hold
    out = d.cmd("pain", "it hurts")
    assert says(out) == [PAIN_GUIDANCE_TEXT]
    assert "release" not in earcons(out)
    assert d.player.state == S.STOPPED_FOR_PAIN
    for phrase in ("do not force", "clinician", "severe", "chest pain", "breathless", "emergency number"):
        assert phrase in PAIN_GUIDANCE_TEXT
    assert all(d.tick() == [] for _ in range(100))
    assert d.player.progress.resume_step_index == 0


@pytest.mark.parametrize("name,text", [("stop", "stop, she's in pain"), ("no", "no, that hurts"), ("it hurts", ""), ("go on", "she's wincing")])
def test_pain_words_or_emergency_in_any_command_stop_for_pain(name: str, text: str) -> None:
    d = in_state(S.MOVING)
    d.cmd(name, text)
    assert d.player.state == S.STOPPED_FOR_PAIN


def test_a_question_answer_mentioning_pain_does_not_stop_for_pain() -> None:
    d = in_state(S.MOVING)
    d.cmd("question", "Stop if it hurts.")
    assert d.player.state == S.WAITING_AFTER_QUESTION


def test_pause_mid_count_then_resume_continues_the_same_rep() -> None:
    d = started(small_routine(reps=5, hold_seconds=2))
    d.until(lambda p: p.state == S.MOVING and p.progress.rep == 3)
    d.tick()
    out = d.cmd("pause")
    assert d.player.state == S.PAUSED and "Paused." in says(out)[0]
    # no time limit: an hour later it is still paused and silent
    for _ in range(36_000):
        assert d.tick() == []
    assert d.player.state == S.PAUSED and d.player.progress.rep == 3
    out = d.cmd("resume")
    assert d.player.state == S.WAITING_FOR_READY and "say ready" in says(out)[-1]
    assert all(d.tick() == [] for _ in range(3000))
    out = d.cmd("ready")
    assert says(out) == ["Resuming.", "Three."]
    assert "start" in earcons(out)
    assert d.player.state == S.MOVING and d.player.progress.rep == 3
    d.ticks_until_said("Four.")
    assert d.player.progress.rep == 4


def test_pause_during_a_hold_then_resume_redoes_that_rep() -> None:
    d = started(small_routine(reps=3, hold_seconds=2))
    d.until(lambda p: p.state == S.HOLDING and p.progress.rep == 2)
    d.cmd("pause")
    out = d.cmd("ready")
    assert says(out) == ["Resuming.", "Two."]
    assert d.player.progress.rep == 2 and d.player.state == S.MOVING


def test_pause_during_rest_then_resume_goes_on_to_the_next_step() -> None:
    d = in_state(S.RESTING)
    d.cmd("pause")
    assert d.player.progress.resume_step_index == 1
    out = d.cmd("ready")
    assert "Exercise 2 of 3: move 2." in says(out)


def test_repeat_restarts_the_step() -> None:
    d = in_state(S.HOLDING)
    index = d.player.progress.step_index
    out = d.cmd("repeat")
    assert says(out)[0] == "Again from the start of this exercise."
    assert d.player.state == S.ANNOUNCING
    assert d.player.progress.step_index == index and d.player.progress.rep == 0
    d.until(lambda p: p.state == S.MOVING)
    assert d.player.progress.rep == 1


@pytest.mark.parametrize("command", ["stop", "pain"])
def test_stopping_during_a_rest_resumes_at_the_next_step(command: str) -> None:
    d = in_state(S.RESTING)
    d.cmd(command)
    assert d.player.progress.resume_step_index == 1


def test_repeat_during_rest_redoes_the_step_just_done() -> None:
    d = in_state(S.RESTING)
    d.cmd("repeat")
    assert d.player.progress.step_index == 0


def test_previous_at_the_first_step_restarts_it() -> None:
    d = started(small_routine())
    d.until(lambda p: p.state == S.HOLDING)
    out = d.cmd("previous")
    assert says(out)[0] == "This is the first exercise. Starting it again."
    assert d.player.progress.step_index == 0 and d.player.state == S.ANNOUNCING


def test_previous_goes_back_one_step() -> None:
    d = in_state(S.MOVING)
    assert d.player.progress.step_index == 1
    out = d.cmd("previous")
    assert "Exercise 1 of 3: move 1." in says(out)
    assert d.player.progress.step_index == 0


def test_next_skips_a_step_and_next_at_the_last_step_finishes() -> None:
    d = started(small_routine())
    d.cmd("next")
    assert d.player.progress.step_index == 1
    d.cmd("next")
    assert d.player.progress.step_index == 2
    out = d.cmd("next")
    assert d.player.state == S.ASKING_HOW_IT_WENT
    assert earcons(out) == ["end"]
    assert d.player.progress.resume_step_index is None
    assert d.player.progress.steps_completed == ()


def test_next_during_rest_starts_the_upcoming_step_now() -> None:
    d = in_state(S.RESTING)
    d.cmd("next")
    assert d.player.progress.step_index == 1 and d.player.state == S.ANNOUNCING


def test_next_while_paused_moves_on_and_leaves_the_pause() -> None:
    d = in_state(S.PAUSED)
    d.cmd("next")
    assert d.player.state == S.ANNOUNCING and d.player.progress.step_index == 2


def test_question_is_answered_and_waits_for_resume() -> None:
    d = in_state(S.HOLDING)
    rep = d.player.progress.rep
    out = d.cmd("question", "Neurogenic atrophy comes from nerve damage.")
    assert says(out) == ["Neurogenic atrophy comes from nerve damage.", "Say ready when you are."]
    assert d.player.state == S.WAITING_AFTER_QUESTION
    assert all(d.tick() == [] for _ in range(3000))
    d.cmd("resume")
    assert d.player.state == S.MOVING and d.player.progress.rep == rep


def test_question_without_answer_text_says_so() -> None:
    d = in_state(S.MOVING)
    assert says(d.cmd("question"))[0] == NO_ANSWER_TEXT


def test_no_while_running_pauses() -> None:
    d = in_state(S.MOVING)
    d.cmd("no")
    assert d.player.state == S.PAUSED


def test_stop_says_where_it_stopped_and_progress_allows_resume() -> None:
    d = in_state(S.MOVING)
    out = d.cmd("stop")
    assert says(out)[0].startswith("Stopped at exercise 2 of 3, move 2.")
    assert d.player.progress.resume_step_index == 1
    assert d.player.progress.steps_completed == (0,)


# --- pace -----------------------------------------------------------------------------------


def ticks_per_rep(d: Driver, first: str, second: str) -> int:
    d.ticks_until_said(first)
    return d.ticks_until_said(second)


def test_rep_takes_two_moves_and_the_hold_in_ticks() -> None:
    d = started(small_routine(reps=5, hold_seconds=2), PlayerSettings(seconds_each_way=3.0, get_ready_ms=0, speech_words_per_minute=60_000))
    assert ticks_per_rep(d, "One.", "Two.") == (3000 + 2000 + 3000) // 100


@pytest.mark.parametrize("command,seconds,ticks", [("slower", 4.0, 100), ("faster", 2.0, 60)])
def test_slower_and_faster_change_the_timing(command: str, seconds: float, ticks: int) -> None:
    d = started(small_routine(reps=5, hold_seconds=2), PlayerSettings(seconds_each_way=3.0, get_ready_ms=0, speech_words_per_minute=60_000))
    d.ticks_until_said("One.")
    out = d.cmd(command)
    assert says(out) == [f"{command.capitalize()}: {seconds:g} seconds each way."]
    assert d.player.progress.seconds_each_way == seconds
    d.ticks_until_said("Two.")  # the rep in progress may keep its timing
    assert d.ticks_until_said("Three.") == ticks


def test_pace_has_limits() -> None:
    d = started(small_routine(), PlayerSettings(seconds_each_way=2.0))
    out = d.cmd("faster")
    assert says(out) == ["This is already the fastest pace: 2 seconds each way."]
    for _ in range(20):
        d.cmd("slower")
    assert d.player.progress.seconds_each_way == 10.0


def test_pace_can_change_during_the_safety_check_and_while_paused() -> None:
    d = in_state(S.SAFETY_CHECK)
    d.cmd("slower")
    assert d.player.progress.seconds_each_way == 3.0 and d.player.state == S.SAFETY_CHECK
    d = in_state(S.PAUSED)
    d.cmd("faster")
    assert d.player.state == S.PAUSED


# --- help -----------------------------------------------------------------------------------


def test_help_text_differs_per_state() -> None:
    assert len({in_state(s).player.help_text() for s in PlayerState}) == len(PlayerState)
    heard = {}
    for state in PlayerState:
        d = in_state(state)
        heard[state] = says(d.cmd("help"))[0]
        assert heard[state] == d.player.help_text()
    assert heard[S.SAFETY_CHECK] != heard[S.MOVING]
    # with an exercise in hand the clock waits: the help is the paused state's, after the exercise
    assert heard[S.MOVING] == heard[S.PAUSED] and heard[S.MOVING].startswith("Exercise 2 of 3: move 2.")
    assert "yes" in heard[S.SAFETY_CHECK]
    assert "ready" in heard[S.PAUSED]
    for state in RUNNING_STATES | WAITING_STATES:
        assert "it hurts" in heard[state]
    assert "clinician" in heard[S.STOPPED_FOR_PAIN]


# --- progress and construction --------------------------------------------------------------


def test_progress_is_observable() -> None:
    d = in_state(S.HOLDING)
    p = d.player.progress
    assert (p.state, p.step_index, p.rep, p.step_count, p.repetitions) == (S.HOLDING, 1, 2, 3, 3)
    assert p.steps_completed == (0,) and p.repetitions_done == 3 + 1
    assert p.resume_step_index == 1


def test_start_at_step_must_be_in_the_plan() -> None:
    with pytest.raises(VoiceGuideError, match="steps 0 to 2"):
        RoutinePlayer(small_routine(), FAST, start_at_step=3)
    with pytest.raises(VoiceGuideError):
        RoutinePlayer(small_routine(), FAST, start_at_step=-1)


@pytest.mark.parametrize(
    "kwargs",
    [{"repetitions": 2}, {"repetitions": 11}, {"repetitions": True}, {"seconds_each_way": 0.5}, {"verbosity": "chatty"}, {"rest_seconds": -1}],
)
def test_bad_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(VoiceGuideError):
        PlayerSettings(**kwargs)


def test_unresolved_composite_routine_is_refused() -> None:
    composite = Routine.from_dict({"id": "both", "title": "t", "body_region": "r", "includes": ["arms", "legs"]}, "both.yaml")
    with pytest.raises(RoutineError, match="not resolved"):
        RoutinePlayer(composite)


def test_plan_of_the_full_body_routine_is_arms_then_legs(shipped: dict[str, Routine]) -> None:
    plan = build_plan(shipped["full_body"])
    arms, legs = build_plan(shipped["arms"]), build_plan(shipped["legs"])
    assert [(i.step, i.side_label) for i in plan] == [(i.step, i.side_label) for i in arms + legs]
    assert [i.index for i in plan] == list(range(len(plan)))


def test_clock_going_back_is_ignored() -> None:
    player = RoutinePlayer(small_routine(), FAST)
    player.handle(Tick(10_000))
    player.handle(Command("yes", 10_000))
    assert player.handle(Tick(5_000)) == []
    assert player.state == S.ANNOUNCING


def test_events_must_be_tick_or_command() -> None:
    with pytest.raises(TypeError):
        RoutinePlayer(small_routine()).handle("yes")  # type: ignore[arg-type]


def test_number_words() -> None:
    assert [number_word(n) for n in (0, 1, 10, 13, 20, 21, 30)] == ["zero", "one", "ten", "thirteen", "twenty", "twenty-one", "thirty"]
