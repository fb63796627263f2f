"""Twenty-third round of the controls: the round's own batch scored whole (``controls_batch_23.txt``, 150
controls in all seven states and 52 non-commands sharing their words, statements about the person at the safety
check among them, written before any change: 131/150, same action 133, 2/52 non-commands taken as a command on
ab1267f), the round's kinds in their states, and near misses they must not catch; ``controls_batch_23b.txt`` (40
controls, 10 non-commands) written after the first batch's changes (34/40, 0/10 taken; 34/40 and 2/10 taken on
ab1267f), one kind of it fixed after; ``controls_batch_23c.txt`` (40 controls, 10 non-commands) written after every
change and never used to fix (35/40, 2/10 taken; 34/40, 4/10 taken on ab1267f). Every sentence here was written for
this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_23.txt", 150, 52), ("controls_batch_23b.txt", 40, 10), ("controls_batch_23c.txt", 40, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 131/150 (same action 133) and 2/52 non-commands taken on ab1267f, before the round's changes
    assert batch_misses(understander, "controls_batch_23.txt") == {
        # (the tune50 refit, 7d9af51: "what was the last bit again, go back" while reading was repeat, a known miss;
        # previous, its label, again since the tune51 refit, 59f17f3; the tune57 refit (a0c1a3b): repeat again, a known miss)
        "what was the last bit again, go back": "repeat",
        # the same action in their states (control_equivalence.py): ready and yes start the routine alike (the tune61 refit (0148a4c):
        # "yep, we're good to go here" is yes, its label; "well done, keep that arm straight", a remark at the safety
        # check (no command, its label, before the refit), is the learned model's ready: a known miss)
        "well done, keep that arm straight": "ready",
        "all set on our side": "ready",
        # (thirty-second round: "whenever you like" is a polite ending, so "yep" is left: the waiting state's bare affirmative,
        # yes, the same action as ready there)
        "yep, whenever you like": "yes",
        # (thirtieth session: "in plain words, short please" is understood since the tune31 refit, 11c584f)
        # a long question (more than 8 words) gives no cue; a template of "tell <anyone> about" would be too wide
        "what other things can you tell an old woman about": "fallback",
        # (both commands said: the clause rule kept the repeat (the authors' label after the tune40 refit, 94b2cb7; the
        # repeat again after the tune41 refit, fa1afd4: the learned control model's reading moves with each refit); the
        # tune46 refit, d1f1cb6: the learned model's repeat, 0.798 (0.851 before the refit), falls just under the bar at
        # which it overrules a clause (0.8), the last clause's "go back" stands: previous, its label: now right since the
        # tune46 refit)
        # the clause rule reads the last clause first: "one minute" is no template, "not yet" is the answer no
        "not yet, one minute": "no",
        # the tune46 refit (d1f1cb6): while paused "start the counting again from where we were" is now repeat (resume,
        # its label, before the refit): of the two intents the cue words name the learned model now chooses repeat (0.56,
        # resume 0.36; resume 0.48, repeat 0.43 before the refit), "again" taken for a repeat, a known miss
        "start the counting again from where we were": "repeat",
    }


def test_the_second_batch_is_scored(understander):
    # written after the first batch's changes: 34/40 and 0/10 taken (34/40 and 2/10 taken on ab1267f); one kind
    # of it was then fixed ("give his arms a go"), the rest left
    assert batch_misses(understander, "controls_batch_23b.txt") == {
        # ((thirty-third session: the tune34 refit, eefe39f: the author question takes "of yours", was fallback)
        "so what's in this article of yours": "ask_author",
        "could you say it again a bit slower": "slower",
        # (twenty-fourth round: "am I bending it far enough" is help, a question cue in a routine)
        # (twenty-seventh round: "what am I meant to do while it's paused" is help, a question cue in a routine)
        # (twenty-fifth round: "which hand do I hold her with" is help, a question cue in a routine)
    }


def test_the_third_batch_never_used_to_fix(understander):
    # written after every change of the round, never used to fix: 35/40 and 2/10 taken (34/40 and 4/10 taken on
    # ab1267f, where "what were we doing before we stopped" was fallback and two statements about the person at the
    # safety check were more and slower)
    assert batch_misses(understander, "controls_batch_23c.txt") == {
        # (twenty-fourth round: "what are you able to tell me about" is list_topics since the 8c4373b refit, and
        # "am I holding this right" help, a question cue in a routine)
        # (thirtieth round: "that's me finished with you for now, ta-ra" is exit, "ta ra" a goodbye template)
        # ("what should I be checking for" is help since the tune36 refit, db22924; was fallback; the tune63 refit (53162fd): fallback
        # again, a known miss)
        "what should I be checking for": "fallback",
        "she's lying on her back on the bed now": "ask_bedridden",
        # non-command taken: "more common" a question (twenty-sixth round: "she used to be much faster on her feet" is no
        # command now, a habit of the person with a comparative, elsewhere)
        "is that more common in women": "more",
        # (twenty-eighth round: since the tune28 refit, ea2da72, the learned model reads repeat, 0.76; the previous cue of
        # "what was the one before" is a question cue of at most six words)
        # (thirty-second session: the tune33 refit, 2e7b616, reads "what was the bit just before that one" as the authors' label)
    }


@pytest.mark.parametrize(("state", "text", "want"), [
    # how the person is told beside the answer: "no pain" or "no problems" is not the answer no
    (S.ROUTINE_SAFETY_CHECK, "no pain at all, he's fine", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "no problems, she is comfortable", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "he feels good this morning", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "she's a lot more comfortable today", "yes"),
    # a limb back in place, the hands on it, the limb shown in place
    (S.ROUTINE_PAUSED, "her leg's back in position", "ready"),
    (S.ROUTINE_WAITING, "our hands are around his ankle", "ready"),
    (S.ROUTINE_WAITING, "that's mum's arm on the table", "ready"),
    # how far the limb goes, how long to hold, whether to support it, where exactly the hands go
    (S.ROUTINE_COUNTING, "how high should his arm go", "help"),
    (S.ROUTINE_PAUSED, "how far does it bend", "help"),
    (S.ROUTINE_WAITING, "how long should we keep it there", "help"),
    (S.ROUTINE_WAITING, "do we have to hold his wrist", "help"),
    (S.ROUTINE_COUNTING, "should he be lying down for this one", "help"),
    (S.IDLE, "where exactly should the hands be", "help"),
    # help with the guide: after a pause, to stop the reading, to do the exercises
    (S.ROUTINE_PAUSED, "how can we start it again after the break", "help"),
    (S.READING, "how can i get you to stop talking", "help"),
    (S.IDLE, "how can we get you to run the routine", "help"),
    # the instruction asked for again in a routine
    (S.ROUTINE_WAITING, "remind me how to bend his knee", "repeat"),
    (S.ROUTINE_PAUSED, "remind me what i should be doing", "repeat"),
    (S.ROUTINE_COUNTING, "what were the steps again", "repeat"),
    (S.ROUTINE_WAITING, "we forgot the instructions", "repeat"),
    (S.ROUTINE_PAUSED, "i've forgotten what you said", "repeat"),
    (S.ROUTINE_WAITING, "what did you tell me to do with his foot", "repeat"),
    (S.ROUTINE_COUNTING, "what were we supposed to do with her knee", "repeat"),
    (S.ROUTINE_PAUSED, "where were we before the break", "repeat"),
    # something to do first is a wait; "not yet" before a wait is the authors' pause while the guide waits
    (S.ROUTINE_WAITING, "i just need to fetch a towel first", "pause"),
    (S.ROUTINE_WAITING, "not yet hold on", "pause"),
    (S.ROUTINE_WAITING, "nah hold on", "no"),
    (S.ROUTINE_SAFETY_CHECK, "not yet hold on", "no"),
    # the exercises not wanted today
    (S.ROUTINE_SAFETY_CHECK, "we'll not bother with the exercises today", "stop"),
    # sounds named by what they do, another reader, the main bits of this, resumed from where it was
    (S.READING, "no more of the pinging", "sounds_off"),
    (S.IDLE, "could somebody else do the reading", "change_voice"),
    (S.ANSWERED, "only the key points of that", "brief"),
    (S.ROUTINE_PAUSED, "begin the count again from where we stopped", "resume"),
    # a routine given a go
    (S.IDLE, "shall we have a go at her hand stretches", "start_routine"),
    (S.ANSWERED, "let's get his legs going", "start_routine"),
    (S.IDLE, "let's do some stretching", "start_routine"),
    # the article gone through, heard all, from the start; what the guide offers
    (S.IDLE, "could you take us through the article for dad", "read_article"),
    (S.ANSWERED, "could we hear the whole lot", "read_article"),
    (S.IDLE, "start the article from the top", "read_article"),
    (S.IDLE, "ok what have you got to offer", "list_topics"),
    # a rest for the person, what the check is for
    (S.ROUTINE_COUNTING, "give him a breather", "pause"),
    (S.ROUTINE_SAFETY_CHECK, "what is this check about", "help"),
    # the answer in fewer or simpler words, everything about it, done listening
    (S.ANSWERED, "put that in a few words", "brief"),
    (S.ANSWERED, "give me the lot on that", "full"),
    (S.READING, "we are finished with the article", "stop"),
    # the answer yes in other words at the safety check; a whole answer of the templates wins over the safety net
    # alone ("everything looks fine to me" was crisis, "she's all tucked up and comfy" an emergency, by the net)
    (S.ROUTINE_SAFETY_CHECK, "everything seems good from here", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "he's tucked in and warm", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "they're both comfy", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "she's nice and relaxed", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "everything's perfect", "yes"),
    # ready to go on again while paused is the authors' resume; ready again stays ready
    (S.ROUTINE_PAUSED, "ok he's ready to keep going again", "resume"),
    (S.ROUTINE_PAUSED, "she's ready again", "ready"),
])
def test_the_rounds_kinds_in_their_states(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    # how the person has been, with a comparative: about the person, no pace, no more of the answer
    (S.ROUTINE_SAFETY_CHECK, "he's been a lot more forgetful lately"),
    (S.ROUTINE_SAFETY_CHECK, "mum gets tired much quicker these days"),
    (S.ROUTINE_COUNTING, "she's weaker on her left side than her right"),
    (S.ANSWERED, "my dad is slower on his feet since the fall"),
    # whether more of something helps is a question
    (S.ANSWERED, "would more walking help"),
    (S.ROUTINE_WAITING, "does more stretching work"),
    # "remind me" of an errand, a question of before the illness
    (S.ROUTINE_PAUSED, "remind me to ring the chemist"),
    (S.ROUTINE_WAITING, "what was he doing with his arm before the stroke"),
    # something that needs knowing first is a question, not a wait
    (S.IDLE, "i need to know what causes it first"),
    # "more clearly" is how, not more of the answer
    (S.ANSWERED, "tell me more clearly what causes it"),
    (S.ANSWERED, "could you put that more simply"),
    (S.IDLE, "what is atrophy, in simple terms"),
])
def test_near_misses_stay_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "want"), [
    # the neighbours of the round's rules keep their meaning
    (S.ROUTINE_SAFETY_CHECK, "no, not today", "no"),
    (S.ROUTINE_SAFETY_CHECK, "no, she's not comfortable", "no"),
    (S.ROUTINE_SAFETY_CHECK, "let's not do it", "no"),
    (S.ROUTINE_COUNTING, "she's a bit slower today, slow down please", "slower"),
    (S.ROUTINE_COUNTING, "go slower", "slower"),
    (S.ANSWERED, "tell me more", "more"),
    (S.ROUTINE_WAITING, "no give me a minute", "no"),
    (S.IDLE, "remind me what to do", "help"),
    (S.ROUTINE_COUNTING, "remind me what we do now", "help"),
    (S.ROUTINE_SAFETY_CHECK, "she's never relaxed in that chair", "fallback"),
    (S.ROUTINE_SAFETY_CHECK, "everything looks fine but he's got chest pain", "emergency"),
    (S.ROUTINE_WAITING, "what should i be doing", "help"),
    (S.READING, "stop reading", "stop"),
    (S.ROUTINE_PAUSED, "let's get going again", "resume"),
])
def test_the_rules_leave_their_neighbours(understander, state, text, want):
    assert understander.understand(text, state).intent == want


def test_a_lead_of_its_own_in_one_state():
    from voice_guide.nlu.control_negation import AnswerFirst

    rule = AnswerFirst.from_data({"lead": "^(?:no|not yet)\\s+", "answer": "no", "commands": ["pause"],
                                  "states": ["routine_waiting", "routine_safety_check"],
                                  "lead_in": {"routine_waiting": "^(?:no)\\s+"}}, ("no", "pause"))
    assert (rule.rest("not yet hang on", "routine_safety_check"), rule.rest("not yet hang on", "routine_waiting"),
            rule.rest("no hang on", "routine_waiting"), rule.rest("no hang on", "idle")) == ("hang on", None, "hang on", None)
