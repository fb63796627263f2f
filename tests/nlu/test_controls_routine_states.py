"""Controls in their dialogue states, the routine's above all: the intents that act the same in a routine
state (scripts/control_equivalence.py), help in a routine, commands next to talk to the patient, the whole
body named beside its parts, a state's own templates keeping their intent."""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import Understander

# ----------------------------------------------------------------------------------------------------
# Twelfth round of the controls: the intents that act the same in a routine state
# (scripts/control_equivalence.py, proven here on a real conversation in every player state), help in a
# routine reads the exercise in hand, and everyday phrasings of this round in their states. Every
# sentence here was written for this test.
# ----------------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------------
# Controls of the sixth round, in their dialogue state: commands next to talk to the patient,
# 'we're done' in a routine, the last instruction again, sound effects, one back.
#
# Written for these tests (my own phrasings, not lines of an evaluation set).
# ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


@pytest.mark.parametrize("text, state, intent, slots", [
    ("mum, sit up straight, right, start her arm exercises", S.IDLE, "start_routine", {"routine": "arms"}),
    ("could you turn it up, he can't hear well", S.IDLE, "louder", {}),
    ("stop stop, that will do", S.READING, "stop", {}),
    ("ok um read the whole thing out", S.IDLE, "read_article", {}),
    ("sound effects off please", S.IDLE, "sounds_off", {}),
    ("what can you really do", S.IDLE, "help", {}),
    ("tell me what topics you know about", S.IDLE, "list_topics", {}),
    ("go back one section", S.READING, "previous", {}),
    ("skip the wrist one", S.ROUTINE_WAITING, "next", {}),
    ("what was the previous instruction", S.ROUTINE_PAUSED, "repeat", {}),
    ("where was i", S.ROUTINE_PAUSED, "repeat", {}),
    ("what did you say before the pause", S.ROUTINE_PAUSED, "repeat", {}),
    ("we're done for now", S.ROUTINE_COUNTING, "stop", {}),
    ("okay, he's had enough", S.ROUTINE_COUNTING, "stop", {}),
    ("i think we are done here", S.ROUTINE_WAITING, "stop", {}),
])
def test_commands_in_their_state(und, text, state, intent, slots):
    m = und.understand(text, state)
    assert (m.intent, m.slots) == (intent, slots)


@pytest.mark.parametrize("text", [
    "my husband's legs are thin, what should I do",
    "his arms look wasted, what next",
])
def test_a_question_next_to_a_command_phrase_is_not_a_command(und, text):
    assert und.understand(text).intent not in ("help", "next")


# ----------------------------------------------------------------------------------------------------
# Fifteenth round of the controls: the whole body named beside its parts, a state's own templates
# keeping their intent (a bare "yeah" while a routine waits is yes), the round's families in their
# states (full instructions with what follows, the article's outline, text-speak, the pace said as a
# statement, the exercise not wanted, more time asked for) and questions with the same words left to
# the article. Every sentence here was written for this test.
# ----------------------------------------------------------------------------------------------------


ROUTINE_CUES = {
    "trigger": r"\b(do|start|exercise)\b",
    "values": {"arms": r"\barms?\b", "legs": r"\blegs?\b", "hands": r"\bhands?\b",
               "full_body": r"\b(everything|the lot)\b"},
}


def _matcher(raw: dict) -> ControlMatcher:
    return ControlMatcher({"language": "en", **raw})


def test_the_whole_body_named_beside_its_parts_is_the_full_body_routine():
    m = _matcher({"intents": {}, "cues": {"routine": ROUTINE_CUES}})
    got = {text: m.routine_named(text) for text in (
        "do everything arms legs the lot", "start arms legs and hands", "do her legs", "do arms and legs",
        "do the lot")}
    assert got == {"do everything arms legs the lot": "full_body", "start arms legs and hands": "full_body",
                   "do her legs": "legs", "do arms and legs": None, "do the lot": "full_body"}
    hit = m.cue("start everything arms legs the lot", S.IDLE)
    assert (hit.intent, hit.slots) == ("start_routine", {"routine": "full_body"})


def test_a_states_own_template_keeps_its_intent_where_the_state_maps_it():
    m = _matcher({"intents": {"yes": ["(yeah|sure)"], "ready": ["ready"]},
                  "state_preferences": {"routine_waiting": {"prefer": ["ready"], "means": {"yes": "ready"},
                                                            "templates": {"yes": ["yeah"]}}}})
    got = {text: m.exact(text, S.ROUTINE_WAITING).intent for text in ("yeah", "sure", "ready")}
    assert got == {"yeah": "yes", "sure": "ready", "ready": "ready"}
    assert m.exact("sure", S.IDLE).intent == "yes"


def test_while_a_routine_waits_a_bare_affirmative_is_yes_and_a_go_is_ready(engine):
    u = engine.understander
    got = {text: u.understand(text, S.ROUTINE_WAITING).intent for text in (
        "yeah", "yep", "yes, go on", "yep ready", "okay go ahead", "right, go")}
    assert got == {"yeah": "yes", "yep": "yes", "yes, go on": "yes", "yep ready": "ready",
                   "okay go ahead": "ready", "right, go": "ready"}


@pytest.mark.parametrize(("text", "state", "intent"), [
    # the exercise's full instructions, with what follows
    ("give me the full instructions for this stretch", S.ROUTINE_COUNTING, "full"),
    ("tell me the whole instructions for this exercise", S.ROUTINE_WAITING, "full"),
    ("the full explanation for this movement", S.ROUTINE_PAUSED, "full"),
    ("I need the complete steps for this one", S.ROUTINE_PAUSED, "full"),
    ("tell me more about this exercise", S.ROUTINE_WAITING, "full"),
    ("explain it properly", S.ROUTINE_COUNTING, "full"),
    # routines: the whole body named beside its parts, every part named
    ("let's do everything, arms, legs, all of it", S.IDLE, "start_routine"),
    ("lets do it all arms legs hands everything", S.IDLE, "start_routine"),
    ("do the lot, arms legs hands", S.IDLE, "start_routine"),
    ("do all three", S.IDLE, "start_routine"),
    # the article's outline
    ("what are the headings", S.IDLE, "list_topics"),
    ("list the section headings", S.IDLE, "list_topics"),
    ("what's in the table of contents", S.IDLE, "list_topics"),
    ("what chapters does it have", S.IDLE, "list_topics"),
    ("what's in it, like the sections", S.IDLE, "list_topics"),
    ("what does this thing know", S.IDLE, "list_topics"),
    ("instructions please", S.IDLE, "help"),
    # text-speak and slips of short commands
    ("hlp", S.ROUTINE_WAITING, "help"),
    ("skp", S.READING, "next"),
    ("prev", S.READING, "previous"),
    ("rdy", S.ROUTINE_WAITING, "ready"),
    ("yse", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("shh", S.READING, "stop"),
    # the pace said as a statement, more time, the exercise not wanted
    ("you're going a bit fast for her", S.ROUTINE_COUNTING, "slower"),
    ("you're rushing", S.ROUTINE_COUNTING, "slower"),
    ("pick it up a little", S.ROUTINE_COUNTING, "faster"),
    ("one more minute please", S.ROUTINE_PAUSED, "pause"),
    ("don't start yet", S.ROUTINE_PAUSED, "pause"),
    ("let's not do this one", S.ROUTINE_WAITING, "next"),
    ("we don't want to do this one", S.ROUTINE_WAITING, "next"),
    ("how many more", S.ROUTINE_COUNTING, "repeat"),
    ("remind me what this one is", S.ROUTINE_PAUSED, "repeat"),
    # waiting: the count asked for, a position said to be good, how-to with "for this"
    ("count please", S.ROUTINE_WAITING, "ready"),
    ("position's good", S.ROUTINE_WAITING, "ready"),
    ("how should I hold her hand for this", S.ROUTINE_WAITING, "help"),
    ("how exactly do I hold his foot", S.ROUTINE_WAITING, "help"),
    ("what's this one for", S.ROUTINE_WAITING, "help"),
    # the safety check
    ("she's sitting up yes", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("everything's in order", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("let's wait till later", S.ROUTINE_SAFETY_CHECK, "no"),
    ("we should skip today", S.ROUTINE_SAFETY_CHECK, "no"),
    # after an answer, reading
    ("switch off the sounds", S.READING, "sounds_off"),
])
def test_the_rounds_families_in_their_states(engine, text, state, intent):
    assert engine.understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "state"), [
    ("what are the full details of disuse atrophy", S.IDLE),
    ("give me the complete explanation of neurogenic atrophy", S.IDLE),
    ("is muscle loss going fast a bad sign", S.IDLE),
    ("does atrophy affect arms legs and hands", S.IDLE),
    ("can the whole lot be reversed", S.IDLE),
    ("is he sitting up too much a cause of atrophy", S.IDLE),
    ("what are the full instructions for physical therapy", S.IDLE),
    ("in one sentence, what does a muscle do when it wastes", S.IDLE),
])
def test_questions_with_the_rounds_words_are_no_command(engine, text, state):
    assert engine.understander.understand(text, state).intent not in CONTROL_INTENTS


def test_the_how_to_asked_again_is_one_template_with_or_without_the_exercise(engine):
    m = engine.understander.controls
    got = {text: m.exact(text, S.ROUTINE_WAITING).intent for text in (
        "how do i hold his arm again", "how do i hold his arm for this one again", "how do i hold his arm",
        "how do i hold his arm for this")}
    assert got == {"how do i hold his arm again": "repeat", "how do i hold his arm for this one again": "repeat",
                   "how do i hold his arm": "help", "how do i hold his arm for this": "help"}
