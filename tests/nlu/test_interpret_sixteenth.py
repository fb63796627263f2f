"""Interpreter.second_opinion, sixteenth session: a passage heard in a noisy room is heard again, and a second
hearing that clearly reads a red flag asks the confirmation question instead of reading the passage
(:data:`VERIFY_KNOWLEDGE`; docs/spoken-rejection.md, "Sixteenth round"). The hearings are built by hand (no
recognizer is loaded); the sentences are written for these tests."""

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret_commands as commands
from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu.interpret import SecondHearing

QUESTION = "what causes muscle atrophy"
"""What the main decode heard: an article question."""
RED_FLAG = "my wife is clutching her chest"
PLAIN = "what cause is muscle a trophy"
"""An unbiased reading with no red flag."""


def _passage(pipe):
    m = pipe.interpret(QUESTION, 0.8)
    assert m.is_knowledge
    return m


def _outcome(pipe, general, safety, margin, floor_dbfs=KITCHEN_FLOOR_DBFS):
    heard = SecondHearing((general,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(_passage(pipe), heard, 0.8)
    return (m.intent, m.slots.get("concept"), m.is_knowledge)


def test_the_hand_made_readings_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    red, plain = safety.assess(RED_FLAG), safety.assess(PLAIN)
    assert (red.intent, red.concept, red.by_net) == ("emergency", "chest_pain", False)
    assert not plain.is_red_flag


def test_a_passage_is_heard_again_only_in_a_noisy_room(pipe):
    m = _passage(pipe)
    wants = [pipe.interpreter.wants_second_opinion(m, 0.8, floor) for floor in (KITCHEN_FLOOR_DBFS, -45.0,
                                                                                QUIET_FLOOR_DBFS, None)]
    assert wants == [True, True, False, False]


def test_by_default_a_passage_is_rescued_as_declined_speech_would_be(pipe):
    assert rescue.VERIFY_KNOWLEDGE == 2.0
    assert _outcome(pipe, PLAIN, RED_FLAG, 0.02) == ("confirm_emergency", "chest_pain", False)
    assert _outcome(pipe, "and then " + RED_FLAG, PLAIN, -0.05) == ("confirm_emergency", "chest_pain", False)
    assert _outcome(pipe, PLAIN, RED_FLAG, -0.05)[2] is True  # under every rescue bar


@pytest.fixture
def clear_only(monkeypatch):
    """The first level: only a clearly heard red flag turns the passage into the question."""
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE", 1.0)


def test_a_red_flag_read_as_an_article_question_in_noise_gets_the_question_by_the_safety_reading(pipe, clear_only):
    assert _outcome(pipe, PLAIN, RED_FLAG, 0.02) == ("confirm_emergency", "chest_pain", False)


def test_a_red_flag_read_as_an_article_question_in_noise_gets_the_question_by_the_unbiased_reading(pipe, clear_only):
    assert _outcome(pipe, RED_FLAG, PLAIN, -0.05) == ("confirm_emergency", "chest_pain", False)


def test_a_safety_reading_worse_than_english_keeps_the_passage(pipe, clear_only):
    passage = _passage(pipe)
    assert _outcome(pipe, PLAIN, RED_FLAG, 0.0) == (passage.intent, None, True)


def test_in_a_quiet_room_the_passage_stands_whatever_the_hearing(pipe):
    assert _outcome(pipe, RED_FLAG, RED_FLAG, 0.05, floor_dbfs=QUIET_FLOOR_DBFS)[2] is True


def test_off_the_passage_is_never_heard_again(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE", 0.0)
    assert not pipe.interpreter.wants_second_opinion(_passage(pipe), 0.8, KITCHEN_FLOOR_DBFS)
    assert _outcome(pipe, RED_FLAG, RED_FLAG, 0.05)[2] is True


def test_without_the_unbiased_rule_only_the_safety_reading_counts(pipe, clear_only, monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_BY_GENERAL", 0.0)
    assert _outcome(pipe, RED_FLAG, PLAIN, -0.05)[2] is True
    assert _outcome(pipe, PLAIN, RED_FLAG, 0.02)[0] == "confirm_emergency"


# --- a command that needs something read or paused, found loosely in idle speech (IDLE_NEEDS_CONTEXT) ---

LOOSE_MORE = "what was the rest of it then"
"""Understood loosely as ``more`` (no template says it as it is)."""


def _intents(pipe, text):
    from voice_guide.nlu.state import DialogueState

    states = (DialogueState.IDLE, DialogueState.ANSWERED, DialogueState.READING)
    return [pipe.interpreter.interpret(text, 0.7, (), s).intent for s in states]


def test_a_loose_continuation_in_idle_is_declined_but_kept_after_an_answer(pipe):
    from voice_guide.nlu.state import DialogueState

    assert pipe.understander.control_exact(LOOSE_MORE, DialogueState.IDLE) is None
    assert _intents(pipe, LOOSE_MORE) == ["fallback", "more", "more"]


def test_a_template_said_as_it_is_still_acts_in_idle(pipe):
    assert _intents(pipe, "more") == ["more", "more", "more"]
    assert _intents(pipe, "carry on from there please") == ["resume", "more", "resume"]


def test_off_a_loose_continuation_acts_in_idle_too(pipe, monkeypatch):
    monkeypatch.setattr(commands, "IDLE_NEEDS_CONTEXT", 0.0)
    assert _intents(pipe, LOOSE_MORE) == ["more", "more", "more"]


def test_a_real_order_heard_as_go_on_is_declined_in_idle(pipe):
    assert _intents(pipe, "make the white row slow go on")[0] == "fallback"
