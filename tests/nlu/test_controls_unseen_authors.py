"""Controls from authors the guide has not met (thirty-eighth round): manners and preambles, a reason after the command
(typed without its subject, the listener's hearing aid, the reading dragging, a thing fetched, the detail not wanted), the
command told to someone else in the room first, phone-typed text, body parts and names, repetitions left said to the
person, and commands at the safety check and while counting. The round's own batch scored whole
(``controls_batch_s38.txt``, written before any change: fixed against; ``controls_batch_s38b.txt``, written with it, only
scored at the end), the round's kinds in their states with their whole results, and the neighbours they must not catch.
Every sentence here was written for this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed
from controls_support import intent_and_slots as _got

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_s38.txt", 66, 16), ("controls_batch_s38b.txt", 35, 11),
])
def test_the_batches_are_well_formed(name, controls, others):
    # both parts also hold the confirming state (a yes/no question pending)
    assert batch_shape(name) == {**well_formed(controls, others), "states": {s.value for s in S}}


def test_the_first_batch_is_understood_but_for_the_misses_left(understander):
    # 57/66 and 4/16 non-commands taken on 94b2cb7, before the round's changes
    assert batch_misses(understander, "controls_batch_s38.txt") == {
        # what can be asked, asked as "what sort of things": the list of topics (left: help or list_topics, both fit)
        "i'm new to this, what sort of things can i ask you": "list_topics",
        # a name, then a stop said to that person about their own reading (left: no rule knows the name)
        "Jack, stop reading over my shoulder": "stop",
    }


def test_the_second_batch_scored_once(understander):
    # written with the first part, never used to fix, scored at the end: 34/35 and 0/11 non-commands taken on 94b2cb7
    assert batch_misses(understander, "controls_batch_s38b.txt") == {
        # a sore wrist at the safety check: a pain finding (safety first; the safety files are not this round's)
        "nope, her wrist is too sore today": "pain",
    }


@pytest.mark.parametrize(("text", "state", "want"), [
    # a reason typed without its subject, or about the listener's hearing aid, after the command
    ("say again pls didnt catch it", S.ANSWERED, ("repeat", {})),
    ("volume up, his hearing aid is on the blink", S.IDLE, ("louder", {})),
    ("turn it up a notch would you, my ears are not what they were", S.READING, ("louder", {})),
    # the reading dragging, the detail not wanted, the polite word kept before the reason
    ("hurry up a bit, this is dragging on", S.READING, ("faster", {})),
    ("just tell me the name of the exercise, not the whole explanation", S.ROUTINE_WAITING, ("brief", {})),
    # a thing fetched, and be right back typed on a phone
    ("brb", S.ROUTINE_COUNTING, ("pause", {})),
    ("wait, i have to fetch his glasses", S.ROUTINE_COUNTING, ("pause", {})),
    # closing said as what the speaker does; where we left off; got going again after a wait said to the person
    ("we're closing this now, we're done", S.ROUTINE_COUNTING, ("exit", {})),
    ("could you pick up where we stopped", S.ROUTINE_PAUSED, ("resume", {})),
    ("hold on love, i'll get it going again", S.ROUTINE_PAUSED, ("resume", {})),
    # the sentence repeated, what was said before, a start made on a routine, the day called with a no first
    ("can you say that line again", S.READING, ("repeat", {})),
    ("take me back to what you said earlier", S.ANSWERED, ("previous", {})),
    ("shall we make a start on nan's hand exercises", S.IDLE, ("start_routine", {"routine": "hands"})),
    ("no, i think we'll call it a day", S.ROUTINE_PAUSED, ("stop", {})),
    # how to do it asked as what the caregiver does not get
    ("we don't understand how he is supposed to hold it", S.ROUTINE_WAITING, ("help", {})),
])
def test_the_rounds_kinds_in_their_states(understander, text, state, want):
    assert _got(understander, text, state) == want


@pytest.mark.parametrize(("text", "state", "want"), [
    # repetitions left said to the person, how a limb feels asked, a limb kept so with praise: no command
    ("go on dad, three more bends", S.ROUTINE_COUNTING, "fallback"),
    ("nearly there, just a couple more to go love", S.ROUTINE_COUNTING, "fallback"),
    ("dad, is your hip feeling okay", S.ROUTINE_SAFETY_CHECK, "fallback"),
    ("hold your arm up there, lovely", S.ROUTINE_COUNTING, "pause"),
    ("keep your knee bent like that, good", S.ROUTINE_COUNTING, "fallback"),
    # a count alone, one more time, and a command word with the praise stay commands
    ("two more", S.ROUTINE_COUNTING, "next"),
    ("one more time", S.ROUTINE_COUNTING, "repeat"),
    ("keep your arm straight, stop", S.ROUTINE_COUNTING, "stop"),
    ("that's it", S.ROUTINE_COUNTING, "stop"),
    # the answer at the safety check after the question to the person stays the answer
    ("yes it feels alright", S.ROUTINE_SAFETY_CHECK, "yes"),
    # a question about the article is no help asked
    ("i don't understand how nerves cause atrophy", S.IDLE, "ask_causes"),
    # a wait said to the person while paused with no command after it is still a pause
    ("hang on love", S.ROUTINE_PAUSED, "pause"),
])
def test_neighbours_keep_their_meaning(understander, text, state, want):
    assert (text, understander.understand(text, state).intent) == (text, want)
