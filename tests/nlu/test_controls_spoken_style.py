"""Controls said the way speech-to-text writes them: fillers, false starts, words said twice, self-corrections, "can you"
wrappers, English from many places, polite older speakers. The round's own batch scored whole
(``controls_batch_spoken_style.txt``, 81 controls in all seven states and 20 non-commands, written before any change:
76/81 and 2/20 non-commands taken on 11c584f), its second part (``controls_batch_spoken_style_b.txt``, 74 controls
and 20 non-commands written at the same time, never used to fix: 71/74 and 3/20 taken on 11c584f), the round's kinds
in their states with their whole results, neighbours they must not catch, and safety and knowledge still first. Every
sentence here was written for this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.engine import Engine
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.fixture(scope="module")
def understander():
    return Engine().understander


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_spoken_style.txt", 81, 20), ("controls_batch_spoken_style_b.txt", 74, 20),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 76/81 and 2/20 non-commands taken on 11c584f, before the round's changes
    assert batch_misses(understander, "controls_batch_spoken_style.txt") == {
        # the safety net's pain finding at the safety check, before any control (safety first; the answer no and the
        # pain stop both keep the routine from starting)
        "no shes a bit sore today": "pain",
        # the yes cue takes any "yeah ..." (left: a remark in the past after "yeah" is rare in a routine's answers)
        "yeah he was always strong": "yes",
    }


def test_the_second_batch_scored_once(understander):
    # written with the first part, never used to fix: 71/74 and 3/20 taken on 11c584f
    assert batch_misses(understander, "controls_batch_spoken_style_b.txt") == SECOND_MISSES


SECOND_MISSES: dict[str, str] = {}


@pytest.mark.parametrize(("state", "text", "intent", "slots"), [
    # a goodbye of the north of England
    (S.IDLE, "okay ta ra then", "exit", {}),
    (S.ANSWERED, "right tara for now", "exit", {}),
    # the answer before, after a filler (the knowledge decision took it)
    (S.ANSWERED, "er go back to the one before", "previous", {}),
    # a wait with the noise around as its reason
    (S.READING, "hold up the kettle's boiling", "pause", {}),
    (S.ROUTINE_COUNTING, "wait a sec the phone's ringing", "pause", {}),
    # the article read the whole way through, not the whole-body routine
    (S.IDLE, "um read it all out top to bottom", "read_article", {}),
    (S.IDLE, "read everything from start to finish please", "read_article", {}),
    # the whole of the part just answered
    (S.ANSWERED, "um read out all of that part", "full", {}),
    # what to do, asked in the present (help) and in the past (repeat: asked again)
    (S.ROUTINE_COUNTING, "what am i meant to be doing with his arm", "help", {}),
    (S.ROUTINE_WAITING, "what are we supposed to do with her leg", "help", {}),
    (S.ROUTINE_PAUSED, "what am i supposed to do now", "help", {}),
    (S.ROUTINE_COUNTING, "what was i meant to do with her arm", "repeat", {}),
    (S.ROUTINE_PAUSED, "um what was i meant to do", "repeat", {}),
    # started up again
    (S.ROUTINE_PAUSED, "can you start up again please", "resume", {}),
    # the idiom of getting to the point
    (S.READING, "cut to the chase please", "brief", {}),
    (S.ANSWERED, "just get to the point", "brief", {}),
    # the part not wanted said after the request
    (S.ANSWERED, "can you give me all of it not just a bit", "full", {}),
    (S.ANSWERED, "give me the long answer not the summary", "full", {}),
    # the step explained in full in a routine
    (S.ROUTINE_PAUSED, "explain the moves fully", "full", {}),
    (S.ROUTINE_COUNTING, "can you explain this one properly", "full", {}),
])
def test_the_rounds_kinds_in_their_states(understander, state, text, intent, slots):
    r = understander.understand(text, state)
    assert (r.intent, r.slots) == (intent, slots)


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "my dad likes the radio louder"),
    (S.READING, "she has the telly up loud"),
    (S.ROUTINE_PAUSED, "the phone's ringing"),
])
def test_neighbours_that_are_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "intent"), [
    # a request beside the remark keeps its command
    (S.IDLE, "louder please my dad likes it loud", "louder"),
    # outside a routine, explaining the exercises is the article's passage on them
    (S.IDLE, "explain the moves fully", "ask_passive_exercise"),
    # an emergency wins over the wait and the reason in every state
    (S.ROUTINE_COUNTING, "hold on hold on she cant breathe", "emergency"),
    (S.READING, "wait wait he's collapsed", "emergency"),
])
def test_neighbours_keep_their_meaning(understander, state, text, intent):
    assert understander.understand(text, state).intent == intent
