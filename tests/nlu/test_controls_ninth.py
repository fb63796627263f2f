"""Ninth round of the controls (understanding.py's control hook, the cue words of intents.yaml,
scripts/eval_paraphrase.py's rule for pain stops): a "yeah" or "hang on" clause gives way when
cue words name another command the model finds more probable, a text made only of commands is
not a question about the article, everyday cue words (a stop "for a moment" is a pause, "pick up the pace", "that is a bit loud", "back one"),
and a pain stop in a routine is the stop it is: the routine ends for pain, with the pain guidance."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from voice_guide.core.types import Action, Outcome
from voice_guide.engine import Engine
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import CLAUSE_ALTERNATIVES, COMMANDS_ONLY_NO_VETO

ROOT = Path(__file__).resolve().parents[2]

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def engine():
    return Engine()


@pytest.fixture(scope="module")
def understander(engine):
    return engine.understander


def _eval_paraphrase():
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("eval_paraphrase_ninth", ROOT / "scripts" / "eval_paraphrase.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _in_state(engine, state: S):
    """A conversation with the arm routine in ``state`` (its safety check, counting or paused)."""
    c = engine.new_conversation()
    c.handle_text("start arm exercises", now_s=0.0)
    if state is not S.ROUTINE_SAFETY_CHECK:
        c.handle_text("yes", now_s=1.0)
        for tenth in range(10, 200):
            c.tick(tenth / 10)
        if state is S.ROUTINE_PAUSED:
            c.handle_text("pause", now_s=20.0)
    assert c.dialogue_state is state
    return c


# Written for this test (not from any evaluation set).
PAIN_STOPS = [
    ("stop, it is hurting her shoulder", S.ROUTINE_COUNTING, "stop"),
    ("stop now, that is hurting him", S.ROUTINE_PAUSED, "stop"),
    ("no, his knee is really sore today", S.ROUTINE_SAFETY_CHECK, "no"),
]


@pytest.mark.parametrize(("text", "state", "meant"), PAIN_STOPS)
def test_a_pain_stop_in_a_routine_ends_it_for_pain_and_is_scored_as_the_stop(engine, text, state, meant):
    c = _in_state(engine, state)
    bridge = c.routine
    r = c.handle_text(text, now_s=30.0)
    assert (r.intent, r.action, r.outcome) == ("pain", Action.STOP, Outcome.SAFETY)
    assert c.routine is None and bridge is not None and bridge.player.state.value == "stopped_for_pain"
    assert r.text.startswith("Stopping now. Stop the movement and do not force it.")
    assert meant in _eval_paraphrase().PAIN_STOPS[state.value]


def test_the_pain_stop_rule_holds_only_in_a_routine_and_only_for_a_stop_or_no():
    rule = _eval_paraphrase().PAIN_STOPS
    assert rule == {"routine_safety_check": ("stop", "no"), "routine_counting": ("stop",),
                    "routine_paused": ("stop",), "routine_waiting": ("stop",)}


# (text, state, intent, slots)
NOW_UNDERSTOOD = [
    ("stop the count for a sec, the phone is ringing", S.ROUTINE_COUNTING, "pause", {}),
    ("could you pick up the pace", S.ROUTINE_COUNTING, "faster", {}),
    ("oof that is a bit loud", S.READING, "quieter", {}),
    ("can you lower your voice", S.ANSWERED, "quieter", {}),
    ("you're a bit loud for the baby", S.READING, "quieter", {}),
    ("back one exercise", S.ROUTINE_WAITING, "previous", {}),
    ("back a step please", S.ROUTINE_PAUSED, "previous", {}),
    ("how would i tell if he's fine to start", S.ROUTINE_SAFETY_CHECK, "help", {}),
    ("what counts as comfortable here", S.ROUTINE_SAFETY_CHECK, "help", {}),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent", "slots"), NOW_UNDERSTOOD)
def test_everyday_cue_words_in_their_states(understander, text, state, intent, slots):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, slots)


# (text, state, intent, slots, intent with the mechanism off)
TAGS = [
    # the model refitted on the twenty-fourth session's split overruled the clause's yes by itself; the tune27 refit
    # (79f3eb4) no longer did: the mechanism did; the tune28 refit (ea2da72) overrules it by itself again (0.81)
    # the tune31 refit (11c584f) no longer does: the mechanism does
    ("could we do her arm ones today, um, yeah", S.IDLE, "start_routine", {"routine": "arms"}, "yes"),
    # the model refitted on the seventeenth session's split overrules the clause's yes by itself (0.89)
    ("time for the leg exercises, yeah", S.ANSWERED, "start_routine", {"routine": "legs"}, "start_routine"),
    ("we could do his arms next, yep", S.IDLE, "start_routine", {"routine": "arms"}, "yes"),
    ("his leg ones please, hang on, right go", S.IDLE, "start_routine", {"routine": "legs"}, "pause"),
    # the model refitted on the twenty-fifth session's split overruled the clause's pause by itself (0f0aed8); the tune27
    # refit (79f3eb4) no longer does: the mechanism does
    ("the arm exercises, hold on, okay", S.IDLE, "start_routine", {"routine": "arms"}, "pause"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent", "slots", "before"), TAGS)
def test_a_yeah_or_hang_on_clause_gives_way_when_cue_words_name_another_command(understander, text, state, intent, slots, before):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, slots)
    assert understander.clause_alternatives == CLAUSE_ALTERNATIVES == frozenset({"yes", "pause"})
    understander.clause_alternatives = frozenset()
    try:
        assert understander.understand(text, state).intent == before
    finally:
        understander.clause_alternatives = CLAUSE_ALTERNATIVES


ONLY_COMMANDS = [
    ("i'm stuck, help, what do i say", S.ANSWERED, "help"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), ONLY_COMMANDS)
def test_a_text_of_commands_only_is_not_a_question_about_the_article(understander, text, state, intent):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, {})
    assert understander.commands_only_no_veto is COMMANDS_ONLY_NO_VETO is True


LEFT_ALONE = [
    ("stop, she's had enough for today", S.ROUTINE_COUNTING, "stop"),
    ("stop for now", S.ROUTINE_COUNTING, "stop"),
    ("yeah, stop", S.ROUTINE_COUNTING, "stop"),
    ("yes, she is comfortable", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("my dad's legs are getting thinner, what should i do", S.IDLE, "ask_see_doctor"),
    ("no wait, go on", S.ANSWERED, "more"),
    ("no wait, hang on", S.ROUTINE_COUNTING, "pause"),
    ("hang on, the phone", S.ROUTINE_COUNTING, "pause"),
    ("is it loud inside an mri scanner", S.IDLE, "not_covered"),
    ("how can i tell if his muscles are shrinking", S.IDLE, "ask_symptoms"),
    ("do the hand routine with me, yeah", S.IDLE, "start_routine"),
    ("who won the football last night", S.ANSWERED, "fallback"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), LEFT_ALONE)
def test_strong_commands_questions_and_other_lines_are_left_alone(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


def test_the_safety_check_stays_first(understander):
    assert understander.understand("could we do her arm ones, yeah, she's gone blue", S.IDLE).intent == "emergency"
    assert understander.understand("stop the count for a sec, it hurts her", S.ROUTINE_COUNTING).intent == "pain"
