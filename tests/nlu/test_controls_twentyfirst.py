"""Twenty-first round of the controls: the round's own batch scored whole (``controls_batch_21.txt``, 150
controls in all seven states and 50 non-commands sharing their words, written before any change: 129/150,
same action 134, 3/50 non-commands taken as a command on e9fb290), the round's families in their states, and
near misses they must not catch; ``controls_batch_21b.txt`` (60 controls, 20 non-commands) was written after
the first batch's changes and scored before its own (52/60, 0/20 taken); ``controls_batch_21c.txt`` (50
controls, 15 non-commands) after every change, never used to fix (48/50, 0/15 taken). Every sentence here was
written for this round (none copied from the data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from controls_support import batch_misses, read_batch

from voice_guide.engine import Engine
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def understander():
    return Engine().understander


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_21.txt", 150, 50), ("controls_batch_21b.txt", 60, 20), ("controls_batch_21c.txt", 50, 15),
    ("controls_batch_21d.txt", 40, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    rows = read_batch(name)
    assert {s for s, _, _ in rows} <= {s.value for s in S} - {"confirming"}
    assert {w for _, w, _ in rows} <= {*CONTROL_INTENTS, "-"}
    assert (sum(w != "-" for _, w, _ in rows), sum(w == "-" for _, w, _ in rows)) == (controls, others)
    assert len({t for _, _, t in rows}) == len(rows)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 129/150 (same action 134) and 3/50 non-commands taken on e9fb290, before the round's changes
    assert batch_misses(understander, "controls_batch_21.txt") == {
        # the same action in their states (control_equivalence.py)
        "yes carry on": "resume",
        "Yes, go on, she's ready.": "ready",
        "Turn it off, we're finished.": "stop",
        "no, hang on": "pause",
        "let's carry on, she's fine": "ready",
        # labels the earlier authors give otherwise: "what else can i ask" is topics, "keep reading" resumes
        # the reading, "what is this stretch good for" while counting is the help template's
        "What other things can I ask you?": "list_topics",
        "keep reading": "resume",
        "what is this stretch good for": "help",
        # (thirtieth round: "Can you read the last part again, the one before this?" is previous, "the one before this" a
        # previous template)
        # (twenty-eighth round: the tune28 refit, ea2da72, reads repeat, 0.52; fallback before)
        "What did you say before that answer?": "repeat",
        # safety's pain finding ("sore"): the routine does not start (not a control file)
        "No, he's a bit sore today.": "pain",
        # (thirtieth session: "Yes please, go on then." is understood since the tune31 refit, 11c584f)
    }


def test_the_second_batch_is_understood_but_for_the_misses_left(understander):
    # 52/60 (same action 52) and 0/20 non-commands taken after the first batch's changes, before its own
    assert batch_misses(understander, "controls_batch_21b.txt") == {
        # while paused: ready by the words "back in position", resume by the "go" after them (arguable)
        "she's back in position now, go": "resume",
        # while waiting, the answer no by the answer_first rule (pause from the tune29/tune30 rebuild, 57e6217, to the
        # tune31 refit, 11c584f: the authors' pause of "not yet" before a wait; no and pause both hold the routine)
        "Not yet, give me a moment to sort her out.": "no",
    }


def test_the_third_batch_written_after_the_changes(understander):
    # 48/50 and 0/15 non-commands taken, never used to fix anything
    assert batch_misses(understander, "controls_batch_21c.txt") == {
        "what can I say to stop you": "fallback",
        "how do I check he's safe?": "fallback",
    }


@pytest.mark.parametrize(("state", "text", "want"), [
    # a hold stated with "again" while paused is ready (was repeat since the tune21 refit)
    (S.ROUTINE_PAUSED, "right we are supporting her ankle again", "ready"),
    (S.ROUTINE_PAUSED, "okay i have got my hand again", "ready"),
    # what to say while the guide is in a state
    (S.ROUTINE_COUNTING, "what should we say when you are counting", "help"),
    (S.READING, "what do i say to you while you are reading", "help"),
    (S.ROUTINE_WAITING, "so what are we waiting for", "help"),
    # how to check at the safety check
    (S.ROUTINE_SAFETY_CHECK, "how can i tell whether he is settled enough to begin", "help"),
    (S.ROUTINE_SAFETY_CHECK, "what do we look out for before we begin", "help"),
    # a request and the listener's hearing as its reason
    (S.READING, "a bit louder, his hearing is poor", "louder"),
    (S.ROUTINE_COUNTING, "speak up please her ears are not what they were", "louder"),
    # on again from where it stopped
    (S.ROUTINE_PAUSED, "pick up from where we left off", "resume"),
    # in position, said with what it is for
    (S.ROUTINE_WAITING, "ok he is in place for this one", "ready"),
    # no more done today, said as a plan
    (S.ROUTINE_COUNTING, "we are not doing any more of these today", "stop"),
    # the main points of each part
    (S.READING, "only the key points of every section", "brief"),
    # the whole section of the answer
    (S.ANSWERED, "give us the whole passage", "full"),
    # a word of thanks before a goodbye (the learned safety net alone read it as crisis)
    (S.ANSWERED, "lovely, that's everything i needed, goodbye", "exit"),
])
def test_the_rounds_families_in_their_states(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    # a question whether something helps, asked after another clause
    (S.ANSWERED, "and what about swimming, would that help"),
    (S.IDLE, "she walks every day, does it really help her"),
    # more of something, better or worse
    (S.ANSWERED, "is more rest better for her"),
    (S.IDLE, "would more protein be good for him"),
    # the hearing, not a request
    (S.IDLE, "my hearing is not great, is that from muscle loss"),
    # no more done, as a history
    (S.IDLE, "he is not doing any more exercise since the stroke"),
])
def test_near_misses_stay_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "want"), [
    # a help request stays help after the "does it help" rule
    (S.IDLE, "hi there can you help", "help"),
    (S.READING, "sorry, could someone help", "help"),
    # more stays more
    (S.ANSWERED, "tell me more, it's better than nothing", "more"),
])
def test_the_rules_leave_their_neighbours(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text", "want"), [
    # the second batch's kinds: left till later, too tired softened, what safe to start means
    (S.ROUTINE_SAFETY_CHECK, "nah, let's save it until this evening", "no"),
    (S.ROUTINE_SAFETY_CHECK, "he's rather too drowsy right now", "no"),
    (S.ROUTINE_SAFETY_CHECK, "what does ready to begin mean exactly", "help"),
    # a pause or stop, then what the caregiver must do first
    (S.ROUTINE_WAITING, "hang on, i have to answer the door", "pause"),
    (S.ROUTINE_COUNTING, "hold on, we need to adjust the pillow", "pause"),
    # the answer again in more detail
    (S.ANSWERED, "can i have it in greater detail", "full"),
    # back, with the reason it was missed
    (S.READING, "go back a bit, i didn't catch that", "previous"),
])
def test_the_second_batchs_kinds(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "i need to move my dad's legs more, how do i stop the wasting"),
    (S.ROUTINE_SAFETY_CHECK, "she was too tired yesterday, is that normal"),
    (S.IDLE, "is the article in more detail anywhere"),
])
def test_the_second_batchs_near_misses(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


def test_the_fourth_batch_is_understood(understander):
    # idle and waiting: 33/40 and 0/10 taken after the first three batches' changes, before its own
    assert batch_misses(understander, "controls_batch_21d.txt") == {}


@pytest.mark.parametrize(("state", "text", "want"), [
    (S.IDLE, "we'd like to get mum's legs moving again", "start_routine"),
    (S.IDLE, "what are we allowed to ask to you", "help"),
    (S.IDLE, "read the whole article out for us", "read_article"),
    (S.READING, "you're reading far too quick", "slower"),
    (S.ROUTINE_COUNTING, "she's had enough, finish up now", "stop"),
    (S.ROUTINE_PAUSED, "where should our hands be during this stretch", "help"),
    (S.ROUTINE_COUNTING, "is he in a good position for this", "help"),
])
def test_the_fourth_batchs_kinds(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "is sitting in the right position important for muscles"),
    (S.IDLE, "how do i get her legs moving after a stroke"),
    (S.IDLE, "can you finish muscle loss by exercising"),
])
def test_the_fourth_batchs_near_misses(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS
