"""Interpreter.second_opinion on a passage heard again in a noisy room: a second hearing that reads a red
flag (clearly, under the rescue's bar, only by the learned net, or by the passage guard) asks the confirmation
question instead of reading the passage. The hearings are built by hand (no recognizer is loaded); the
sentences are written for these tests."""

from __future__ import annotations

import pytest
from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret_commands as commands
from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu.interpret import SecondHearing

# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, sixteenth session: a passage heard in a noisy room is heard again, and a second
# hearing that clearly reads a red flag asks the confirmation question instead of reading the passage
# (:data:`VERIFY_KNOWLEDGE`; docs/spoken-rejection.md, "Sixteenth round"). The hearings are built by hand (no
# recognizer is loaded); the sentences are written for these tests.
# ----------------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, nineteenth session: a passage heard again in a noisy room whose safety-only
# reading
# holds a red flag under the rescue's bar (:data:`VERIFY_KNOWLEDGE_ANY_MARGIN`) or one only the learned net
# reads
# (:data:`VERIFY_KNOWLEDGE_NET_AT`); docs/spoken-rejection.md, "Nineteenth round". The hearings are built by
# hand (no
# recognizer is loaded); the sentences are written for these tests.
# ----------------------------------------------------------------------------------------------------


STROKE_QUESTION = "does a stroke weaken the muscles"
"""An article question about a red-flag concept: the rules hold its stroke cancelled (a question)."""
RULES_READING = "sudden weakness one side face drooping"
"""A safety-only reading the rules read as a stroke."""
NET_READING = "i want my life to go back the way it was"
"""A safety-only reading with no red flag of the rules, which the learned net reads as crisis talk."""
UNDER_BAR = -0.05
"""A safety margin under every rescue bar (the lowest, for a reading the net backs, is -0.03)."""


def _outcome_under_bar(pipe, text, safety, margin=UNDER_BAR, floor_dbfs=KITCHEN_FLOOR_DBFS):
    match = pipe.interpret(text, 0.8)
    heard = SecondHearing((PLAIN,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(match, heard, 0.8)
    return (m.intent if not m.is_knowledge else "passage", m.slots.get("concept"), m.slots.get("kind"))


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety, interpreter = pipe.understander.safety, pipe.interpreter
    rules, net = safety.assess(RULES_READING), safety.assess(NET_READING)
    assert (rules.intent, rules.concept, rules.by_net) == ("emergency", "stroke", False)
    assert (net.is_red_flag and not net.by_net, interpreter.red_flag_probability(NET_READING) >= 0.8) == (False, True)
    assert (pipe.interpret(QUESTION, 0.8).is_knowledge, pipe.interpret(STROKE_QUESTION, 0.8).is_knowledge) == (True, True)
    assert sorted(safety.cancelled_concepts(STROKE_QUESTION)) == ["stroke"]
    assert not safety.assess(PLAIN).is_red_flag


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_ANY_MARGIN", -1.0)
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_NET_AT", 0.8)


def test_off_a_red_flag_under_the_bar_leaves_the_passage(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_ANY_MARGIN", 99.0)
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_NET_AT", 1.01)
    assert _outcome_under_bar(pipe, QUESTION, RULES_READING) == ("passage", None, None)
    assert _outcome_under_bar(pipe, QUESTION, NET_READING) == ("passage", None, None)


def test_on_a_red_flag_of_the_rules_under_the_bar_asks_instead_of_the_passage(pipe, on):
    assert _outcome_under_bar(pipe, QUESTION, RULES_READING) == ("confirm_emergency", "stroke", "emergency")


def test_on_a_reading_only_the_net_flags_asks_too(pipe, on):
    assert _outcome_under_bar(pipe, QUESTION, NET_READING)[0] == "confirm_emergency"


def test_a_concept_the_question_itself_named_keeps_the_passage(pipe, on):
    assert _outcome_under_bar(pipe, STROKE_QUESTION, RULES_READING) == ("passage", None, None)


def test_a_plain_safety_reading_keeps_the_passage(pipe, on):
    assert _outcome_under_bar(pipe, QUESTION, PLAIN) == ("passage", None, None)


def test_the_margin_bar_holds(pipe, on, monkeypatch):
    monkeypatch.setattr(rescue, "VERIFY_KNOWLEDGE_ANY_MARGIN", -0.03)
    assert _outcome_under_bar(pipe, QUESTION, RULES_READING, margin=-0.05) == ("passage", None, None)
    assert _outcome_under_bar(pipe, QUESTION, RULES_READING, margin=-0.02) == ("confirm_emergency", "stroke", "emergency")


def test_a_passage_in_a_quiet_room_is_not_heard_again(pipe, on):
    m = pipe.interpret(QUESTION, 0.8)
    assert pipe.interpreter.wants_second_opinion(m, 0.8, QUIET_FLOOR_DBFS) is False


def test_by_default_both_rules_are_off(pipe):
    assert (rescue.VERIFY_KNOWLEDGE_ANY_MARGIN, rescue.VERIFY_KNOWLEDGE_NET_AT) == (99.0, 1.01)
    assert _outcome_under_bar(pipe, QUESTION, RULES_READING) == ("passage", None, None)


# ----------------------------------------------------------------------------------------------------
# Interpreter.second_opinion, twenty-first session: the passage guard (:data:`PASSAGE_GUARD`). A passage heard
# again
# in a noisy room any unbiased reading of which carries a red-flag concept by itself gets the confirmation
# question,
# even of a concept the main decode heard asked about; docs/spoken-rejection.md, "Twenty-first round". The
# hearings
# are built by hand (no recognizer is loaded); the sentences are written for these tests.
# ----------------------------------------------------------------------------------------------------


QUESTION_PASSAGE_GUARD = "who wrote the article"
"""An article question that names no red-flag concept."""
STROKE_REPORT = "my grandad is having a stroke in the garden"
"""An unbiased reading that is a stroke by the rules."""
KEYWORD_ONLY = "ambulance please my nan"
"""An unbiased reading no rule reads as a red flag but that holds a spoken red-flag keyword (call for help)."""
ASKED_SEIZURE = "what is a seizure and can it waste the muscles"
"""An unbiased reading whose seizure only the question rule cancels."""
PLAIN_PASSAGE_GUARD = "does a strobe weaken the muscles"
"""An unbiased reading with no red-flag concept at all."""
SAFETY_ONLY = "what causes muscle atrophy"
"""A plain safety-only reading."""


def _outcome_passage_guard(pipe, text, general, floor_dbfs=KITCHEN_FLOOR_DBFS):
    match = pipe.interpret(text, 0.8)
    heard = SecondHearing((PLAIN_PASSAGE_GUARD, *general), SAFETY_ONLY, UNDER_BAR, noisy=True, floor_dbfs=floor_dbfs)
    m = pipe.interpreter.second_opinion(match, heard, 0.8)
    return (m.intent if not m.is_knowledge else "passage", m.slots.get("concept"), m.slots.get("kind"))


def test_the_hand_made_sentences_are_what_the_tests_say_passage_guard(pipe):
    safety = pipe.understander.safety
    assert (pipe.interpret(STROKE_QUESTION, 0.8).is_knowledge, pipe.interpret(QUESTION_PASSAGE_GUARD, 0.8).is_knowledge) == (True, True)
    assert sorted(safety.cancelled_concepts(STROKE_QUESTION)) == ["stroke"]
    report = safety.assess(STROKE_REPORT)
    assert (report.intent, report.concept, report.by_net) == ("emergency", "stroke", False)
    assert (safety.assess(KEYWORD_ONLY).is_red_flag, safety.spoken_alarm(KEYWORD_ONLY).concept) == (False, "call_for_help")
    assert (safety.assess(ASKED_SEIZURE).is_red_flag, sorted(safety.cancelled_concepts(ASKED_SEIZURE))) == (False, ["seizure"])
    assert [safety.assess(t).is_red_flag or safety.spoken_alarm(t) is not None for t in (PLAIN_PASSAGE_GUARD, SAFETY_ONLY)] == [False, False]


@pytest.fixture
def off(monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD", 0.0)


@pytest.fixture
def on_passage_guard(monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD", 1.0)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_WORDS", 1.0)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 0.0)


def test_off_a_concept_the_main_decode_heard_asked_about_keeps_the_passage(pipe, off):
    """The rescue of declined speech drops it (a question about a crisis is not one): so did passages."""
    assert _outcome_passage_guard(pipe, STROKE_QUESTION, (STROKE_REPORT,)) == ("passage", None, None)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (KEYWORD_ONLY,)) == ("passage", None, None)


def test_on_a_red_flag_in_any_unbiased_reading_asks_instead_of_the_passage(pipe, on_passage_guard):
    assert _outcome_passage_guard(pipe, STROKE_QUESTION, (STROKE_REPORT,)) == ("confirm_emergency", "stroke", "emergency")


def test_on_a_spoken_keyword_asks_and_level_0_does_not(pipe, on_passage_guard, monkeypatch):
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (KEYWORD_ONLY,)) == ("confirm_emergency", "call_for_help", "emergency")
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_WORDS", 0.0)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (KEYWORD_ONLY,)) == ("passage", None, None)


def test_a_question_about_a_red_flag_counts_only_when_asked_is_on(pipe, on_passage_guard, monkeypatch):
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (ASKED_SEIZURE,)) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 1.0)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (ASKED_SEIZURE,)) == ("confirm_emergency", "seizure", "emergency")


def test_the_passage_s_own_question_counts_only_at_asked_2(pipe, on_passage_guard, monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 1.0)
    assert _outcome_passage_guard(pipe, STROKE_QUESTION, ()) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 2.0)
    assert _outcome_passage_guard(pipe, STROKE_QUESTION, ()) == ("confirm_emergency", "stroke", "emergency")


def test_plain_readings_keep_the_passage(pipe, on_passage_guard, monkeypatch):
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_WORDS", 2.0)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_ASKED", 1.0)
    assert _outcome_passage_guard(pipe, STROKE_QUESTION, ()) == ("passage", None, None)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, ()) == ("passage", None, None)


def test_a_passage_in_a_quiet_room_is_not_heard_again_passage_guard(pipe, on_passage_guard):
    m = pipe.interpret(STROKE_QUESTION, 0.8)
    assert pipe.interpreter.wants_second_opinion(m, 0.8, QUIET_FLOOR_DBFS) is False


def test_declined_speech_is_not_touched_by_the_guard(pipe, on_passage_guard):
    """The guard reads passages only: a question about a stroke that was declined keeps the rescue's own rules."""
    heard = SecondHearing((PLAIN_PASSAGE_GUARD,), SAFETY_ONLY, UNDER_BAR, noisy=True, floor_dbfs=KITCHEN_FLOOR_DBFS)
    fallback = pipe.interpreter.second_opinion(pipe.interpret("can a seizure cause muscle wasting", 0.8), heard, 0.8)
    assert fallback.intent == "fallback"


def test_by_default_the_guard_is_off_and_set_to_keywords_without_questions_or_the_net(pipe):
    assert (rescue.PASSAGE_GUARD, rescue.PASSAGE_GUARD_WORDS, rescue.PASSAGE_GUARD_ASKED, rescue.PASSAGE_GUARD_NET_AT,
            rescue.PASSAGE_GUARD_OWN_NET_AT) == (0.0, 1.0, 0.0, 1.01, 1.01)
    assert _outcome_passage_guard(pipe, STROKE_QUESTION, (STROKE_REPORT,)) == ("passage", None, None)


def test_the_net_level_reads_unbiased_readings_only_when_set(pipe, on_passage_guard, monkeypatch):
    """A reading no rule flags and the net reads high, under its own bar: counted only from :data:`PASSAGE_GUARD_NET_AT`."""
    reading = "everything feels pointless lately"
    probability = pipe.interpreter.red_flag_probability(reading)
    assert (pipe.understander.safety.assess(reading).intent, probability > 0.5) == ("none", True)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (reading,)) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_NET_AT", probability - 0.01)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (reading,))[0] == "confirm_emergency"
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_NET_AT", probability + 0.01)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, (reading,)) == ("passage", None, None)


def test_the_passage_s_own_hypothesis_is_read_by_the_net_only_at_its_own_setting(pipe, on_passage_guard, monkeypatch):
    probability = pipe.interpreter.red_flag_probability(QUESTION_PASSAGE_GUARD)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_OWN_NET_AT", probability + 0.01)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, ()) == ("passage", None, None)
    monkeypatch.setattr(rescue, "PASSAGE_GUARD_OWN_NET_AT", probability - 0.001)
    assert _outcome_passage_guard(pipe, QUESTION_PASSAGE_GUARD, ())[0] == "confirm_emergency"
