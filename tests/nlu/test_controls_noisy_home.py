"""Controls said in a noisy home (thirty-seventh round): a family member's name in the sentence, a filler and a restart, a
reason or a complaint after the command, a count number or a body part, and a command word right after talk to the person,
in every dialogue state. The round's own batch scored whole (``controls_batch_s37.txt``, written before any change: fixed
against; ``controls_batch_s37b.txt``, written with it, only scored at the end), the round's kinds in their states with their
whole results, and the neighbours they must not catch. Every sentence here was written for this round (none copied from
the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed
from controls_support import intent_and_slots as _got

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_s37.txt", 70, 16), ("controls_batch_s37b.txt", 35, 9),
])
def test_the_batches_are_well_formed(name, controls, others):
    # both parts also hold the confirming state (a yes/no question pending)
    assert batch_shape(name) == {**well_formed(controls, others), "states": {s.value for s in S}}


def test_the_first_batch_is_understood_but_for_the_misses_left(understander):
    # 69/70 and 2/16 non-commands taken on 70e8c9c, before the round's changes
    assert batch_misses(understander, "controls_batch_s37.txt") == {
        # a remark about someone else's reading pace (left: the slower cue)
        "the doctor reads too fast as well": "slower",
        # (the tune52 refit (d785c4b): a request for help said with the person who asks it, "what can I say to you, Tom keeps
        # asking me", no command (help, its label, before the refit), a known miss; the tune53/tune54 refit (a1b328d): help
        # again, right; the tune58 refit (338c989): no command again, a known miss; the tune62 refit (37c3c80): help, its label, right again)
    }


def test_the_second_batch_scored_once(understander):
    # written with the first part, never used to fix, scored at the end: 32/35 and 1/9 non-commands taken, the same on
    # 70e8c9c and on the round's code
    assert batch_misses(understander, "controls_batch_s37b.txt") == {
        # "ow" about the loudness while reading: a pain finding (safety first; the safety files are not this round's)
        "ow my ears, too loud, quieter": "pain",
        # again with a reason about the dog: read as a question the article does not cover (left)
        "say that last bit again, the dog barked": "not_covered",
        # where the hand goes, asked while waiting: no help cue took "put my hand" (left)
        "where do I put my hand for this one": "fallback",
        # encouragement with a count: taken for next (left)
        "nearly done Grandad, two more": "next",
    }


@pytest.mark.parametrize(("text", "state", "want"), [
    # "enough" said last, right after talk to the person (no punctuation, as a recognizer writes it): the count stopped
    ("straighten his elbow for me enough", S.ROUTINE_COUNTING, ("stop", {})),
    ("good lad Ron enough", S.ROUTINE_COUNTING, ("stop", {})),
    # "that will do" after talk to the person: a stop, never the arms routine started by "do" and the elbow
    ("bend her elbow for me that will do", S.ROUTINE_COUNTING, ("stop", {})),
    # a routine started over: the limb named is the one started (not the whole body)
    ("start the arm routine all over again", S.ROUTINE_COUNTING, ("start_routine", {"routine": "arms"})),
    # the one before, its body part said after it (no routine started)
    ("the exercise before the ankle one", S.ROUTINE_PAUSED, ("previous", {})),
    ("the stretch before, the wrist stretch", S.ROUTINE_COUNTING, ("previous", {})),
    # the kind of voice asked for, with its reason after it
    ("can I have a man's voice instead? my husband's hearing aid struggles with the high one you use", S.IDLE,
     ("change_voice", {})),
    ("could we get a deeper voice, the one you have is too squeaky for grandad", S.ANSWERED, ("change_voice", {})),
    # a stop said again as "switch it off" while the article is read: the reading stops, the guide stays open
    ("stop, switch it off", S.READING, ("stop", {})),
])
def test_the_rounds_kinds_in_their_states(understander, text, state, want):
    assert _got(understander, text, state) == want


@pytest.mark.parametrize(("text", "state", "want"), [
    # how far to move, said to the person, and a question: no stop
    ("lift it high enough for me", S.ROUTINE_COUNTING, "fallback"),
    ("bend her knee far enough", S.ROUTINE_COUNTING, "fallback"),
    # ready later is not ready now
    ("she'll be ready for a nap after this", S.ROUTINE_WAITING, "fallback"),
    # ready now stays ready; a routine named with "do" still starts it
    ("ready now, she's comfy", S.ROUTINE_WAITING, "ready"),
    ("let's do the arms", S.IDLE, "start_routine"),
    # "turn it off" with a leave-taking stays the exit; a louder voice is louder, never another voice
    ("switch it off, I'm off to bed", S.READING, "exit"),
    ("can I have a louder voice", S.IDLE, "louder"),
    # a pain word still stops the routine, whatever command is said beside it
    ("bend your knee, enough, it hurts her", S.ROUTINE_COUNTING, "pain"),
])
def test_neighbours_keep_their_meaning(understander, text, state, want):
    assert (text, understander.understand(text, state).intent) == (text, want)
