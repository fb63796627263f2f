"""Controls of the sixth round, in their dialogue state: commands next to talk to the patient,
'we're done' in a routine, the last instruction again, sound effects, one back.

Written for these tests (my own phrasings, not lines of an evaluation set)."""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander

S = DialogueState


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
