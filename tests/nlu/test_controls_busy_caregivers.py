"""Controls as busy and irritated caregivers say them: a rhythm with the person's name or a body part ("right that's
her elbow done, next"), irritation ("for goodness sake slow down"), politeness and fillers, fragments, words said to
the person and then to the guide. The round's own batch scored whole (``controls_batch_s32.txt`` and its continuation
``controls_batch_s32c.txt``, written before any change: fixed against), its second part (``controls_batch_s32b.txt``,
written with the first, only scored at the end), the round's kinds in their states with their whole results, and the
neighbours they must not catch. Every sentence here was written for this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed
from controls_support import intent_and_slots as _got

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_s32.txt", 73, 20), ("controls_batch_s32b.txt", 54, 15), ("controls_batch_s32c.txt", 53, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_first_batch_is_understood_but_for_the_misses_left(understander):
    # 70/73 and 3/20 non-commands taken on 2e7b616, before the round's changes
    assert batch_misses(understander, "controls_batch_s32.txt") == {
        # ("what was that last bit? Ellen dropped her cup": the safety net's stroke finding until the thirty-fourth
        # session's safety round: a dropped cup is a sign only beside another sign, a sudden onset or "keeps"; repeat now)
        # "where were we" is the authors' repeat; the joined rule wants the last part whole ("keep going with her arm" is
        # no template)
        "right, where were we, keep going with her arm": "repeat",
        # a grip asked of the person, then "that's it": the paused state's stop template (left)
        "hold my hand, that's it": "stop",
        # the tune63 refit (53162fd): ready at the safety check (yes, its label, before the refit), a known miss
        "mm hmm, all good, Joan's ready": "ready",
    }


def test_the_first_batch_continued_is_understood_but_for_the_misses_left(understander):
    # 43/53 and 3/10 non-commands taken on 2e7b616, before the round's changes
    assert batch_misses(understander, "controls_batch_s32c.txt") == {
        # a start after a remark: the remark rule leads only to a routine's own commands, and outside a routine the
        # knowledge decision comes first (left: structural)
        "Mavis is up and dressed so let's get her arm stretches done": "fallback",
        # a name after "for": no list holds a name (left)
        "would you be a dear and put the hand routine on for Bernard": "fallback",
        # (more until the tune39 refit, 70e8c9c; then the byline's passage: "article" and the learned model; more again since
        # the tune40 refit, 94b2cb7: the rest of an answer, no passage; left)
        # the tune46 refit (d1f1cb6): the byline's passage again (ask_author; more before the refit): the clauses before
        # "go on" now match the author question (1.0; the introduction at 0.002 before), so the clause rule leaves the
        # text to the article and the knowledge answer is read; still left
        "read the muscle atrophy article, the whole thing, go on": "ask_author",
        # (the answer no's cue read "no" first; previous, right, since the forty-seventh session's template "the one you
        # said before")
        # a limb gone floppy is a sign of a stroke: the safety net's emergency comes first (right in fact)
        "stop for a sec, her hand's gone all floppy": "emergency",
        # a remark that someone said it again (the repeat cue's "again"; left)
        "my neighbour said it again yesterday": "repeat",
        # (ready said again after a pause, my label resume: ready from the tune37/tune38 refit, c6a9397, until the tune39
        # refit, 70e8c9c: resume again)
        # (the tune44 refit (52c7b99): ready again (resume, its label, before the refit): of the intents the cue names the
        # learned model chooses ready (0.80, resume 0.17); while paused ready carries on at once, a known miss;
        # the tune57 refit (a0c1a3b): resume, its label, right again)
    }


def test_the_second_batch_scored_once(understander):
    # written with the first part, never used to fix, scored at the end: 50/54 and 5/15 non-commands taken on 2e7b616,
    # 50/54 and 4/15 taken on the round's code ("the neighbours ..." kind: "she talks so slowly these days" is still taken,
    # the remark rule never reads "so")
    assert batch_misses(understander, "controls_batch_s32b.txt") == {
        # an irritated "get a move on" after a remark about dragging: the knowledge decision took it until the tune35
        # refit, 1ae778e, then faster; the tune42 refit (c0466bb): a knowledge answer takes it again (the passive
        # exercises passage of the neurogenic section), a known miss
        "get a move on, you're dragging": "ask_passive_exercise",
        # the same action at the safety check (ready and yes start the routine alike)
        "yep, she's grand, let's go": "ready",
        # (a wait with something to do first was the answer no at the safety check until the thirty-fifth round: a bare
        # "wait" there is no longer the no template's, so the wait is pause, its label)
        # "not ready yet" is the answer no while waiting (the authors label "not yet" both ways)
        "not ready yet, hang about": "no",
        # remarks taken for commands
        # ("she talks so slowly these days" was slower until the tune44 refit, 52c7b99: the learned model's slower, 0.49,
        # falls under its bar, no command, its label: now right since the tune44 refit)
        "push against my hand, that's it": "stop",
        "I'll tell her sister the rest tomorrow": "more",
        "don't rush, Bert, take your time": "slower",
    }


@pytest.mark.parametrize(("state", "text", "intent", "slots"), [
    # "shh" before a volume word is quieter, not the stop cue's hush
    (S.ROUTINE_COUNTING, "shh, not so loud, he's nodding off", "quieter", {}),
    (S.READING, "shh not so loud, she's nodding off", "quieter", {}),
    # "cut it short" is no wound (the out_of_scope decline's cut)
    (S.ANSWERED, "oh cut it short, I've not got time for all that", "brief", {}),
    (S.ANSWERED, "cut it short please", "brief", {}),
    # hearing aids as the reason beside a volume asked for, not a health question
    (S.IDLE, "bit less volume, Reg has his hearing aids in now", "quieter", {}),
    # the answer no at the safety check as "not" and a time, the reason after it
    (S.ROUTINE_SAFETY_CHECK, "not this morning, she's feeling rotten", "no", {}),
    (S.ROUTINE_SAFETY_CHECK, "not tonight thanks, he's worn out", "no", {}),
    # the rest left for another day, the person had her fill: stop (the more cue read "the rest": resume while paused)
    (S.ROUTINE_PAUSED, "no we'll leave the rest, she's had her fill", "stop", {}),
    (S.ROUTINE_PAUSED, "no we'll leave the rest for today", "stop", {}),
    (S.ROUTINE_WAITING, "she's had her fill", "stop", {}),
    # where the carer's hands go, asked without the limb, in the three routine states
    (S.ROUTINE_COUNTING, "where am I supposed to put my hands for this one", "help", {}),
    (S.ROUTINE_WAITING, "where am I supposed to put my hands for this one", "help", {}),
    (S.ROUTINE_PAUSED, "where do I put my hands", "help", {}),
    # a routine got out of the way, idle and after an answer
    (S.IDLE, "let's get her arm stretches done", "start_routine", {"routine": "arms"}),
    (S.ANSWERED, "get dad's leg exercises sorted", "start_routine", {"routine": "legs"}),
    # the guide's own time given in other words, said last
    (S.ROUTINE_WAITING, "Arthur's comfy, start when you like", "ready", {}),
    (S.ROUTINE_PAUSED, "carry on whenever you like", "resume", {}),
])
def test_the_rounds_kinds_in_their_states(understander, state, text, intent, slots):
    assert _got(understander, text, state) == (intent, slots)


@pytest.mark.parametrize(("state", "text"), [
    # how someone else talks or reads: no pace asked of the guide
    (S.READING, "my sister always talks too fast"),
    (S.READING, "her brother reads really slowly too"),
    # the neighbours' noise, four words between them and the noise
    (S.READING, "the neighbours are playing their music loud again"),
    # praise after "that's it", a word of praise before it
    (S.ROUTINE_COUNTING, "lovely, that's it, well done you"),
])
def test_remarks_are_no_command(understander, state, text):
    assert _got(understander, text, state) == ("fallback", {})


@pytest.mark.parametrize(("state", "text", "intent"), [
    # the hush alone or with a stop is still stop
    (S.READING, "shh", "stop"),
    (S.READING, "shh stop", "stop"),
    (S.READING, "shush now that's enough", "stop"),
    # a cut is still a wound outside the article; a hearing question still a health question
    (S.IDLE, "he has a cut on his knee that won't heal", "out_of_scope"),
    (S.IDLE, "can hearing loss be treated", "out_of_scope"),
    # "not yet" stays no; a word of pain after "not today" is the safety net's
    (S.ROUTINE_SAFETY_CHECK, "not yet", "no"),
    (S.ROUTINE_SAFETY_CHECK, "not today, she's in pain", "pain"),
    # the guide's own pace and a request beside the remark keep their command
    (S.READING, "you talk too fast", "slower"),
    (S.READING, "my sister always talks too fast, can you slow down", "slower"),
    # "that's it, lovely" alone is left to the paused and counting states' stop
    (S.ROUTINE_COUNTING, "that's it, lovely", "stop"),
])
def test_neighbours_keep_their_meaning(understander, state, text, intent):
    assert _got(understander, text, state)[0] == intent
