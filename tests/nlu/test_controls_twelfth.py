"""Twelfth round of the controls: the intents that act the same in a routine state
(scripts/control_equivalence.py, proven here on a real conversation in every player state), help in a
routine reads the exercise in hand, and everyday phrasings of this round in their states. Every
sentence here was written for this test."""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.state import DialogueState as S

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import control_equivalence as EQUIVALENCE  # noqa: E402

PLAYER_STATES = {
    "routine_safety_check": ("safety_check",),
    "routine_counting": ("announcing", "moving", "holding", "returning", "resting"),
    "routine_paused": ("paused", "waiting_after_question"),
    "routine_waiting": ("waiting_for_ready", "asking_how_it_went"),
}
"""Dialogue state -> the routine player's states it stands for (dialogue/conversation.py)."""


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _said(intent: str, text: str) -> IntentMatch:
    return IntentMatch(intent, 1.0, text=text)


def _conversation_in(engine, player_state: str):
    """A conversation whose arm routine is in ``player_state``, reached by the routine's own commands
    and clock (the same steps every time, so two calls give the same conversation)."""
    c = engine.new_conversation()
    c.handle(IntentMatch("start_routine", 1.0, {"routine": "arms"}, text="start arm exercises"), 0.0)
    now = 1.0
    if player_state != "safety_check":
        c.handle(_said("yes", "yes"), now)
    if player_state == "paused":
        c.handle(_said("pause", "pause"), now)
    elif player_state == "waiting_after_question":
        c.routine.command("question", "An answer from the article.", now)
    elif player_state == "asking_how_it_went":
        while c.routine.state != player_state and now < 500:
            now += 1
            c.handle(_said("next", "next"), now)
    elif player_state != "safety_check":
        while c.routine.state != player_state and now < 20_000:
            now += 5
            c.tick(now)
    assert c.routine is not None and c.routine.state == player_state
    assert c.dialogue_state.value in [k for k, v in PLAYER_STATES.items() if player_state in v]
    return c, now + 1


def _action(engine, player_state: str, intent: str, text: str = "the same words") -> tuple:
    """What the guide does for ``intent`` (understood from ``text``) in ``player_state``: its reply,
    earcons, action and outcome, the conversation's state and the routine's progress after it."""
    c, now = _conversation_in(engine, player_state)
    r = c.handle(_said(intent, text), now)
    progress = c.routine.player.progress if c.routine is not None else None
    return (r.text, r.earcons, r.routine_lines, r.action, r.outcome, c.state, progress)


def test_the_table_names_every_routine_state_and_no_other():
    assert set(EQUIVALENCE.SAME_ACTION) == set(PLAYER_STATES)
    assert {v for vs in PLAYER_STATES.values() for v in vs} == {
        "safety_check", "announcing", "moving", "holding", "returning", "resting", "paused",
        "waiting_after_question", "waiting_for_ready", "asking_how_it_went"}


@pytest.mark.parametrize(("state", "group"), [(s, g) for s, gs in EQUIVALENCE.SAME_ACTION.items() for g in gs],
                         ids=lambda v: v if isinstance(v, str) else "=".join(sorted(v)))
def test_each_group_of_the_table_acts_the_same_in_every_player_state_of_its_state(engine, state, group):
    for player_state in PLAYER_STATES[state]:
        for a, b in combinations(sorted(group), 2):
            assert _action(engine, player_state, a) == _action(engine, player_state, b), (player_state, a, b)


@pytest.mark.parametrize(("player_state", "a", "b"), [
    ("safety_check", "ready", "pause"),  # ready starts, as yes does (thirteenth round); pause: "nothing has started"
    ("paused", "ready", "yes"),  # ready carries on; yes asks for the hands back in place first
    ("announcing", "ready", "yes"),  # ready starts the count now; yes does nothing
    ("asking_how_it_went", "no", "pause"),  # no skips the question; pause is kept as the answer
    ("moving", "stop", "pause"),
])
def test_intents_left_out_of_the_table_act_differently(engine, player_state, a, b):
    assert _action(engine, player_state, a) != _action(engine, player_state, b)
    state = next(k for k, v in PLAYER_STATES.items() if player_state in v)
    assert not EQUIVALENCE.same_action(state, a, b)


def test_same_action_counts_the_table_and_nothing_outside_a_routine():
    same = EQUIVALENCE.same_action
    assert same("routine_waiting", "ready", "yes") and same("routine_waiting", "yes", "resume")
    assert same("routine_counting", "stop", "exit") and same("routine_paused", "pause", "no")
    assert same("routine_safety_check", "ready", "yes") and not same("routine_safety_check", "ready", "no")
    assert not same("reading", "stop", "exit") and not same("idle", "yes", "ready")
    rows = [{"ok": True, "group": "idle", "expected": "help", "got": "help"},
            {"ok": False, "group": "routine_waiting", "expected": "stop", "got": "exit"},
            {"ok": False, "group": "routine_safety_check", "expected": "ready", "got": "no"}]
    assert EQUIVALENCE.count_same_action(rows) == (1, 2)


def test_help_while_counting_reads_the_exercise_then_the_choices(engine):
    c, now = _conversation_in(engine, "moving")
    step = c.routine.player.plan[c.routine.player.progress.step_index].step
    text = c.handle(_said("help", "how do i hold her elbow"), now).text
    assert text.startswith("Exercise 1 of ")
    assert step.movement in text and "Hands: " in text
    assert text.endswith(c.routine.player.texts.say("help_paused"))
    assert c.routine.state == "paused"  # the count waits while the help is read
    resumed = c.handle(_said("ready", "ready"), now).text
    assert c.routine.state != "paused" and resumed


def test_help_at_the_safety_check_and_in_a_rest_reads_no_exercise(engine):
    for player_state in ("safety_check", "resting"):
        c, now = _conversation_in(engine, player_state)
        text = c.handle(_said("help", "help"), now).text
        assert text == c.routine.player.help_text() and "Hands:" not in text


def test_help_after_a_rest_was_paused_reads_the_exercise_that_comes_next(engine):
    c, now = _conversation_in(engine, "resting")
    player = c.routine.player
    upcoming = player.plan[player.progress.step_index + 1].step
    c.handle(_said("pause", "pause"), now)
    text = c.handle(_said("help", "help"), now + 1).text
    assert upcoming.movement in text and f": {upcoming.name}." in text


@pytest.mark.parametrize(("text", "state", "intent"), [
    ("speak up a little, I'm hard of hearing", S.IDLE, "louder"),
    ("louder please, he's a bit deaf", S.ROUTINE_COUNTING, "louder"),
    ("switch it off, we're off to bed", S.READING, "exit"),
    ("I'm going to bed now, good night", S.ANSWERED, "exit"),
    ("we're off to bed", S.IDLE, "exit"),
    ("okay, what now?", S.ROUTINE_PAUSED, "help"),
    ("sorry, I don't follow you", S.ROUTINE_WAITING, "help"),
    ("we'll leave it here for the day", S.ROUTINE_COUNTING, "stop"),
    ("let's leave it there for now", S.ROUTINE_WAITING, "stop"),
    ("keep going with that answer please", S.ANSWERED, "more"),
    ("remind me what to do now", S.ROUTINE_COUNTING, "help"),
    ("so what do we need to check", S.ROUTINE_SAFETY_CHECK, "help"),
    ("right, got his other leg now", S.ROUTINE_WAITING, "ready"),
])
def test_everyday_phrasings_of_the_twelfth_round(engine, text, state, intent):
    assert engine.understander.understand(text, state).intent == intent


@pytest.mark.parametrize("text", ["what is hearing loss", "does being deaf cause muscle wasting",
                                  "can going to bed for weeks make muscles waste"])
def test_questions_with_those_words_are_no_command(engine, text):
    assert engine.understander.understand(text, S.IDLE).intent not in ("louder", "exit", "help")


@pytest.mark.parametrize("text", ["I'm going to sleep now", "we're off to sleep"])
def test_going_to_sleep_is_not_the_bedtime_exit(engine, text):
    # "going to sleep" can be a farewell in a crisis: the bedtime templates name bed only
    u = engine.understander
    assert u.controls.exact(u._clean(text), S.ANSWERED) is None
    assert u.understand(text, S.ANSWERED).intent != "exit"
