"""Fifteenth round of the controls: the whole body named beside its parts, a state's own templates
keeping their intent (a bare "yeah" while a routine waits is yes), the round's families in their
states (full instructions with what follows, the article's outline, text-speak, the pace said as a
statement, the exercise not wanted, more time asked for) and questions with the same words left to
the article. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

ROUTINE_CUES = {
    "trigger": r"\b(do|start|exercise)\b",
    "values": {"arms": r"\barms?\b", "legs": r"\blegs?\b", "hands": r"\bhands?\b",
               "full_body": r"\b(everything|the lot)\b"},
}


@pytest.fixture(scope="module")
def engine():
    return Engine()


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
