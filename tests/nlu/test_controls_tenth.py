"""Tenth round of the controls (the templates, state templates and cue words of intents.yaml; redone
in the eleventh round with state templates hassil samples in bounded size): someone else did not catch it,
carrying on "from there", wanting to stop while something runs, how to hold a limb again while a
routine waits, "back to the exercises", the routine cue not taken from a stop ("stop moving her
arm"), and "all set" at the safety check is the ``yes`` that starts the routine. Every sentence here was written for this test (not
from any evaluation set)."""

from __future__ import annotations

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.state import DialogueState as S

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def engine():
    return Engine()


@pytest.fixture(scope="module")
def understander(engine):
    return engine.understander


# (text, state, intent, slots)
NOW_UNDERSTOOD = [
    ("sorry, my dad didn't hear that", S.ANSWERED, "repeat", {}),
    ("what was that, she couldn't catch it", S.ANSWERED, "repeat", {}),
    ("we missed that", S.READING, "repeat", {}),
    ("she did not catch the last number", S.ROUTINE_COUNTING, "repeat", {}),
    ("carry on from where you stopped", S.READING, "resume", {}),
    ("keep talking from there", S.ANSWERED, "more", {}),
    ("keep counting from where we were", S.ROUTINE_PAUSED, "resume", {}),
    ("okay back to the exercises", S.ROUTINE_PAUSED, "resume", {}),
    ("start it up again", S.ROUTINE_PAUSED, "resume", {}),
    ("right, off you go again", S.ROUTINE_PAUSED, "resume", {}),
    ("i think we should stop now", S.ROUTINE_COUNTING, "stop", {}),
    ("we need to stop here", S.ROUTINE_PAUSED, "stop", {}),
    ("can we stop the reading", S.READING, "stop", {}),
    ("stop moving his leg", S.ROUTINE_COUNTING, "stop", {}),
    ("how should i hold her wrist for this one", S.ROUTINE_WAITING, "help", {}),  # eleventh round: asked plainly, help
    ("how do we support his knee again", S.ROUTINE_PAUSED, "repeat", {}),
    ("why do you need to know that", S.ROUTINE_SAFETY_CHECK, "help", {}),
    ("that's all i wanted to know, thanks", S.ANSWERED, "exit", {}),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent", "slots"), NOW_UNDERSTOOD)
def test_everyday_control_talk_in_its_state(understander, text, state, intent, slots):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, slots)


# (text, state, intent): the new sentences mean something only where a routine or the reading runs
LEFT_ALONE = [
    ("how should i hold her wrist", S.IDLE, "fallback"),
    ("stop the arm ones and do her legs instead", S.ROUTINE_COUNTING, "stop"),
    ("can we do his arm exercises now", S.ROUTINE_PAUSED, "start_routine"),
    ("let's move her legs", S.IDLE, "start_routine"),
    ("go back to the last exercise", S.ROUTINE_PAUSED, "previous"),
    ("say it again", S.ROUTINE_PAUSED, "repeat"),
    ("what causes muscle atrophy", S.ROUTINE_PAUSED, "ask_causes"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), LEFT_ALONE)
def test_commands_of_other_kinds_and_questions_are_left_alone(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@needs_model
def test_wanting_to_stop_is_a_stop_only_while_something_runs(understander):
    for state in (S.ROUTINE_COUNTING, S.ROUTINE_PAUSED, S.ROUTINE_WAITING, S.READING):
        assert understander.understand("i want to stop", state).intent == "stop"
    assert understander.controls.exact("i want to stop", S.IDLE) is None  # idle: the safety check decides


def test_the_routine_cue_is_not_taken_from_a_stop(understander):
    controls = understander.controls
    assert controls.cue("stop moving her arm", S.ROUTINE_COUNTING).intent == "stop"
    assert controls.cue("quit moving his legs", S.ROUTINE_COUNTING).intent == "stop"
    assert controls.routine_named("no more stretching his legs") == "legs"  # the part is still named
    assert controls.cue("no more stretching his legs", S.ROUTINE_COUNTING).intent != "start_routine"
    assert controls.cue("start moving her arm", S.IDLE).slots == {"routine": "arms"}


def test_all_set_at_the_safety_check_starts_the_routine(engine):
    c = engine.new_conversation()
    c.handle_text("start arm exercises", now_s=0.0)
    assert c.dialogue_state is S.ROUTINE_SAFETY_CHECK
    r = c.handle_text("we're all set", now_s=1.0)
    assert r.intent == "ready"  # the authors' label; the player starts on it as on yes (thirteenth round)
    assert c.routine is not None and c.dialogue_state is not S.ROUTINE_SAFETY_CHECK


QUESTIONS = [
    ("can atrophy skip a generation", S.IDLE),
    ("could the muscles go back to normal", S.ANSWERED),
    ("may stretching stop it", S.IDLE),
]


@pytest.mark.parametrize(("text", "state"), QUESTIONS)
def test_a_question_starting_with_can_or_could_gives_no_command_cue(understander, text, state):
    assert understander.controls.cue(text, state) is None


ASKED = [
    ("can we skip this one", S.ROUTINE_WAITING, "next"),
    ("can i stop here", S.ROUTINE_COUNTING, "stop"),
    ("could you go a bit slower", S.READING, "slower"),
]


@pytest.mark.parametrize(("text", "state", "intent"), ASKED)
def test_a_request_starting_with_can_or_could_still_gives_its_cue(understander, text, state, intent):
    hit = understander.controls.cue(text, state)
    assert hit is not None and hit.intent == intent


# (text, state): exit words with "we're finished" are exit, not the stop of the done phrase
EXITS = [
    ("close it, we're finished", S.ROUTINE_COUNTING),
    ("we are all done for today, shut the guide down", S.ROUTINE_PAUSED),
]


@needs_model
@pytest.mark.parametrize(("text", "state"), EXITS)
def test_closing_the_guide_with_a_done_phrase_is_exit(understander, text, state):
    assert understander.understand(text, state).intent == "exit"
    assert understander.understand("we're finished", state).intent == "stop"
