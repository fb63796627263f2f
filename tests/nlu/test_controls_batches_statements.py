"""Twentieth round of the controls: the round's own batches scored whole (``controls_batch_20.txt``,
written before any change; ``controls_batch_20b.txt``, requests said as statements, written before any
change too; ``controls_batch_20c.txt``, written after the first two batches' changes), and the round's
families in their states with near misses they must not catch. Every sentence here was written for this
round (none copied from the data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from controls_support import batch_misses, read_batch

from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S

HERE = Path(__file__).resolve().parent



def test_the_batches_are_well_formed():
    for name, controls, others in (("controls_batch_20.txt", 152, 50), ("controls_batch_20b.txt", 62, 0),
                                   ("controls_batch_20c.txt", 56, 0), ("controls_batch_20d.txt", 56, 0),
                                   ("controls_batch_20e.txt", 50, 0), ("controls_batch_20f.txt", 40, 0)):
        rows = read_batch(name)
        assert {s for s, _, _ in rows} <= {s.value for s in S}
        assert {w for _, w, _ in rows} <= {*CONTROL_INTENTS, "-"}
        assert (sum(w != "-" for _, w, _ in rows), sum(w == "-" for _, w, _ in rows)) == (controls, others)
        assert len({t for _, _, t in rows}) == len(rows)


def test_the_first_batch_is_understood_but_for_the_misses_left(understander):
    # 147/152 and 0 of 50 non-commands taken as a command on 93a693f, before the round's changes
    assert batch_misses(understander, "controls_batch_20.txt") == {
        # ("not really, he's grumpy", the safety rules' question, and "next time I'll ask the doctor about it", a remark taken
        # for next since the tune36 refit, db22924: both understood since the tune40 refit, 94b2cb7: no longer misses)
        # (the tune43 refit, dd5a1bb: at the safety check "not really, he's grumpy" got the emergency question again, from
        # the learned safety net, 0.80; the answer no again since the forty-first session: a sulk is a calm remark of mood,
        # safety.yaml calm_remarks, so the answer beside it wins over the net alone)
        # the tune44 refit (52c7b99): while reading "next time I'll ask the doctor about it" is taken for next again (no
        # command, its label, before the refit): the learned model's second opinion no longer drops the next cue (no
        # command 0.44, under its veto bar 0.95), a known miss
        # (the tune53/tune54 refit (a1b328d): "next time I'll ask the doctor about it" is no command again, its label: right)
        # ("What sort of stuff is in here?", a miss since the tune27 rebuild, was list_topics again since the tune29/tune30
        # rebuild, 57e6217; since the tune39 refit, 70e8c9c, the types of atrophy again: a regression of the refit, left;
        # the tune52 refit (d785c4b): list_topics, its label, right again)
    }


def test_the_second_batch_is_understood_but_for_the_misses_left(understander):
    # 56/62 on 93a693f
    assert batch_misses(understander, "controls_batch_20b.txt") == {
        # the learned control model reads "too short" as brief and overrules the clause's full
        "That was too short, give me more detail.": "brief",
        # (twenty-fifth round: "What's the next section about?", no command since the tune23 rebuild, is next again since
        # the tune25 rebuild of the learned control model, 0f0aed8: an improvement, no longer a miss)
    }


def test_the_third_batch_is_understood_but_for_the_misses_left(understander):
    # 51/56 (same action 52) after the first two batches' changes, before its own
    assert batch_misses(understander, "controls_batch_20c.txt") == {
        "What did you say before that?": "repeat",  # a repeat template: the earlier authors' label
        "She's good to go.": "yes",  # at the safety check: the same action as ready
        # "Give me a rundown of what's in the article." is list_topics again since the twenty-second round (a
        # list_topics template: an overview of what the article holds)
    }


def test_the_fourth_batch_is_understood_but_for_the_misses_left(understander):
    # 50/56 after the first three batches' changes, before its own
    assert batch_misses(understander, "controls_batch_20d.txt") == {
        "done, next one when you like": "next",  # while waiting: next, or ready for it (the label is arguable)
    }


def test_the_fifth_batch_is_understood_but_for_the_misses_left(understander):
    # 47/50 after the first four batches' changes, before its own
    assert batch_misses(understander, "controls_batch_20e.txt") == {
        # "more detail" is the more template's; no rule joins "that was not enough" to it
        "that wasnt enough can you say more detail": "more",
        # (the tune49 refit, c8f524f: a list of the topics asked with "do you have" read the types passage, a known miss;
        # the tune50 refit (7d9af51): list_topics, its label, right again)
    }


def test_the_sixth_batch_written_after_the_changes(understander):
    # 38/40, never used to fix anything (39/40 since the tune61 refit (0148a4c), 38/40 again since the tune62 refit (37c3c80),
    # 39/40 since the tune63 refit (53162fd))
    assert batch_misses(understander, "controls_batch_20f.txt") == {
        # "Quit, we're done for the day." while counting: stop, the same action as exit, until the tune59 refit (3ee46b6):
        # exit, its label; the tune60 refit (bf42ac5): stop again; the tune61 refit (0148a4c): exit, its label, again;
        # the tune62 refit (37c3c80): stop again (the same action as exit), a known miss; the tune63 refit (53162fd): exit, its label,
        # right again
        "Forget the rest, she's too sore.": "pain",  # safety's pain finding ("too sore"): the routine stops
    }


@pytest.mark.parametrize(("state", "text", "want"), [
    # a stop or a pause, then the person's tiredness as its reason
    (S.ROUTINE_SAFETY_CHECK, "cancel it, he's worn out today", "stop"),
    (S.ROUTINE_COUNTING, "stop please mum is getting tired", "stop"),
    (S.ROUTINE_WAITING, "hang on a sec she's a bit drowsy", "pause"),
    # the whole answer asked for again in other words
    (S.ANSWERED, "do not cut it short we want all the details", "full"),
    (S.IDLE, "dont cut the answers short, i want the whole story", "full"),
    # the rest wished for
    (S.ANSWERED, "carry on, we need to hear the rest of it", "more"),
    # the exercise just left, started over
    (S.ROUTINE_PAUSED, "redo that stretch again", "previous"),
    (S.ROUTINE_WAITING, "begin that movement over", "previous"),
    # the person cannot do more: stop (the more cue read "any more" as carry on)
    (S.ROUTINE_PAUSED, "i do not think he can manage any more", "stop"),
    (S.ROUTINE_COUNTING, "she cannot take much more", "stop"),
    # requests said as statements
    (S.READING, "i'm straining to hear the reading", "louder"),
    (S.IDLE, "i can't keep up with that pace", "slower"),
    (S.ANSWERED, "you were really quick", "slower"),
    (S.ANSWERED, "could you shorten that a little", "brief"),
    (S.IDLE, "cut it down a bit", "brief"),
    (S.IDLE, "what is in this app", "list_topics"),
    (S.IDLE, "where should we begin", "help"),
    (S.IDLE, "i'm new at this", "help"),
    (S.ROUTINE_PAUSED, "what do we say during the exercises", "help"),
    (S.IDLE, "coach us through the leg exercises", "start_routine"),
    (S.IDLE, "we need to help grandad with his legs", "start_routine"),
    (S.ROUTINE_PAUSED, "i am ready to keep going", "resume"),
    # fourth batch's kinds
    (S.ROUTINE_COUNTING, "where should i place my hands during this stretch", "help"),
    (S.ANSWERED, "what else is covered in this article", "list_topics"),
    (S.ROUTINE_SAFETY_CHECK, "she's sitting up comfortably", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "i would rather wait until he has had his breakfast", "no"),
    # fifth batch's kinds
    (S.ROUTINE_COUNTING, "what can we ask when you are counting", "help"),
    (S.ANSWERED, "that was way too long for me", "brief"),
    # the learned safety net alone read this goodbye as crisis (0.88); every clause is a command now
    (S.ANSWERED, "ok i will leave it at that, goodbye", "exit"),
])
def test_the_rounds_families_in_their_states(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "she can not do any more than ten steps"),
    (S.IDLE, "my dad can't do any more than walk to the door, is that atrophy"),
    (S.IDLE, "is muscle loss very fast"),
    (S.IDLE, "it was quite quick for him to lose the muscle"),
    (S.IDLE, "why is she always so tired"),
    (S.IDLE, "where do muscles start to waste first"),
    (S.ANSWERED, "i want everything explained about nerve damage"),
    (S.ANSWERED, "is it hard to hear in old age"),
    (S.ROUTINE_COUNTING, "she used to struggle to hear the doctor"),
    (S.READING, "how do i cut down on sitting"),
    (S.IDLE, "is a week too long"),
    (S.IDLE, "how long is too long"),
])
def test_near_misses_stay_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS
