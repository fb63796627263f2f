"""Fresh control batches scored whole (controls_batch_24*.txt, controls_batch_25*.txt), the rounds' kinds
in their states and the near misses they must not catch."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.nlu.control_cues import Cues
from voice_guide.nlu.control_hits import ControlHit
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Twenty-fourth round of the controls: the round's own batch scored whole (``controls_batch_24.txt``, 150
# controls in all seven states and 50 non-commands sharing their words, written before any change: 132/150, same
# action 133, 2/50 non-commands taken as a command on 8c4373b), ``controls_batch_24b.txt`` (40 controls, 10
# non-commands, written after the first batch's changes and never used to fix: 28/40, 2/10 taken on 8c4373b),
# the
# round's kinds in their states and near misses they must not catch. Every sentence here was written for this
# round
# (none copied from the data).
# ----------------------------------------------------------------------------------------------------



@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_24.txt", 150, 50), ("controls_batch_24b.txt", 40, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 132/150 (same action 133) and 2/50 non-commands taken on 8c4373b, before the round's changes
    assert batch_misses(understander, "controls_batch_24.txt") == {
        # "after that" is the next cue's too; the model reads next
        "and then what happens after that": "next",
        # the cue names full and read_article; the learned model's choice read the article until the tune42 refit,
        # c0466bb, then full, its label; the tune43 refit, dd5a1bb: the article again (read_article, 0.80), a known miss;
        # the tune44 refit, 52c7b99: full again (0.41, read_article 0.40), its label; the tune45 refit (36f0e4e): the
        # learned model's choice is the article again (read_article 0.41, full 0.40; full, its label, before the refit),
        # the two still a hair apart: a known miss; the tune48 refit (7f9837c): full, its label, right again
        # the answer no with a sore person: the safety rules' pain stop (not a control file)
        "no, she's a bit sore today": "pain",
        "not really, he's hurting": "pain",
        # "what do you mean by" with any word after it is a question about the article too
        "what do you mean by pain": "fallback",
        # the safety check's no templates take "we'll leave it ..." first
        "we'll leave it for today": "no",
        # (the same action, exit stops the routine: "goodbye, that's us finished" read stop until the tune49 refit,
        # c8f524f; exit, its label, then; the tune50 refit (7d9af51): stop again; the tune60 refit (bf42ac5): exit, its label, right;
        # the tune63 refit (53162fd): stop again, the same action, a known miss)
        "goodbye, that's us finished": "stop",
        # the answer no while the guide waits: the player pauses on it as on pause
        "not ready yet, wait": "no",
        # a non-command taken: "right" alone while reading is yes
        "right": "yes",
        # (thirty-second session: the tune33 refit, 2e7b616, the learned model's second opinion vetoed the help cue on "what do
        # I do now it's paused"; thirty-fourth session: the tune35 refit, 1ae778e, lets it through: help again;
        # thirty-eighth session: the tune40 refit, 94b2cb7, the definition passage again, a known miss; the tune42 refit,
        # c0466bb: help again, its label: now right since the tune42 refit)
        # (thirty-eighth session: the tune40 refit, 94b2cb7: the learned model's second opinion turns down the topics cue;
        # the tune52 refit (d785c4b): "give me an idea of what I can ask" is help, its label, right again; the tune53/tune54 refit (a1b328d): no
        # command again (the learned model's second opinion turns the topics cue down), a known miss; the tune62 refit (37c3c80): help
        # (list_topics, its label: the learned model's), a known miss still)
        "give me an idea of what I can ask": "help",
        # (the tune53/tune54 refit (a1b328d): a remark after an answer taken for repeat, the learned model's; the tune56 refit
        # (0cb7f50): no command, its label, right again)
        # (the tune52 refit (d785c4b): the whole article for "the whole bit" (full, its label, before the refit), a known miss;
        # the tune58 refit (338c989): full, its label, right again)
        # the tune60 refit (bf42ac5): the whole article again for "the whole bit" (full, its label, before the refit), and a remark while (no command before), both the learned model's: known misses
        # reading taken for repeat (no command before), both the learned model's: known misses; the tune61 refit (0148a4c): the remark is no
        # command again, right
        "read me the whole bit about that": "read_article",
    }


def test_the_batch_never_used_to_fix(understander):
    # written after the first batch's changes and never used to fix: 28/40 and 2/10 taken on 8c4373b
    # (twenty-fifth round, kinds this round's own batches found and the twenty-fourth round's notes named: "what sorts of
    # things are covered in this guide" is list_topics, "go a bit easier on the counting" slower, "how do I get it
    # started again from here" help, "grandad's lying flat now" ready; all four improvements)
    assert batch_misses(understander, "controls_batch_24b.txt") == {
        "switch off the reading now": "sounds_off",
        "shh a bit, the baby's asleep": "stop",
        # ("back up to the last paragraph" is previous since the tune37/tune38 refit, c6a9397; a request to hear the part about protein again is
        # the rebuilding passage since then: the learned model no longer gives it repeat)
        # (the tune53/tune54 refit (a1b328d): "what was that again, the bit about protein" is repeat again, its label: right;
        # the tune59 refit (3ee46b6): the rebuilding passage again, where the protein is, a miss of the label)
        "what was that again, the bit about protein": "ask_rebuild",
        # (the tune44 refit, 52c7b99: "back up to the last paragraph" was no command (fallback; previous, its label, before
        # that refit): no cue names it and the learned model's previous (0.499; 0.491 after the tune45 refit) fell just
        # under its bar (0.5), a known miss; the tune46 refit, d1f1cb6: the learned model's previous is 0.52, over its bar:
        # previous, its label: now right since the tune46 refit)
        "what happens if she's not ok": "ask_disuse",
        "let's knock the exercises on the head for today": "fallback",
        "am I pulling her arm too hard": "pain",
        # (twenty-eighth round: since the tune28 refit, ea2da72, the model's second opinion turns the previous cue into
        # repeat, 0.82)
        # (thirty-second session: the tune33 refit, 2e7b616, reads "go back to what you were saying before that" as the authors' label)
        # (thirty-third session: the tune34 refit, eefe39f: the learned model's second opinion turns down the routine cue; the
        # passive-exercise question won; the legs routine again since the tune39 refit, 70e8c9c)
        # (thirty-eighth session: the tune40 refit, 94b2cb7, the passive-exercise question again)
        "let's get grandma's legs stretched out": "ask_self_passive",
    }


@pytest.mark.parametrize(("state", "text", "intent"), [
    # the state's awaited answer said by a cue is not vetoed by the learned model
    (S.ROUTINE_WAITING, "her hand is resting on the cushion", "ready"),
    (S.ROUTINE_WAITING, "his knee's up on the stool", "ready"),
    (S.ROUTINE_SAFETY_CHECK, "she feels fine this afternoon", "yes"),
    # willing, said of the person
    (S.ROUTINE_SAFETY_CHECK, "she's keen to get going", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "mum's up for it today", "yes"),
    # everyday idioms of calling it off
    (S.ROUTINE_PAUSED, "let's call the whole thing off", "stop"),
    (S.ROUTINE_COUNTING, "we'll pack it in now", "stop"),
    (S.READING, "knock it on the head", "stop"),
    (S.ANSWERED, "we'll leave it at that", "stop"),
    # the bit said before, named by who said it
    (S.ANSWERED, "take me back to the part you mentioned earlier", "previous"),
    (S.READING, "go back to the bit we were on", "previous"),
    # what to say to the guide where the session is, how to go on from a pause
    (S.ANSWERED, "what should I say to you at this stage", "help"),
    (S.READING, "what can I ask you to do while you are reading", "help"),
    (S.ROUTINE_PAUSED, "how can we keep going from here", "help"),
    # a question cue in a routine, whatever its length
    (S.ROUTINE_COUNTING, "am i bending her knee far enough do you think", "help"),
    (S.ROUTINE_WAITING, "how should grandad be lying for the leg one", "help"),
    (S.ROUTINE_PAUSED, "where should i put her arm while we wait", "help"),
    # the sounds not wanted to be heard; where to begin said before the reading; limb work; the whole bit
    (S.IDLE, "we never want to hear those little chimes", "sounds_off"),
    (S.IDLE, "start at the beginning and read the lot", "read_article"),
    (S.IDLE, "time for a bit of arm work", "start_routine"),
    (S.ANSWERED, "the full section on that", "full"),
    # a person's exercises, a younger helper's greeting
    (S.IDLE, "can we do grandpa's exercises", "start_routine"),
    (S.READING, "oi, stop", "stop"),
    # what the last thing said was, asked; the bit before it stays previous
    (S.READING, "sorry, what was that final part?", "repeat"),
    (S.READING, "what was the bit before that", "previous"),
    # "to" typed for "too" after counting or reading
    (S.ROUTINE_COUNTING, "you are counting to fast for him", "slower"),
    (S.READING, "you're reading way to fast", "slower"),
])
def test_the_rounds_kinds_in_their_states(understander, state, text, intent):
    assert (text, understander.understand(text, state).intent) == (text, intent)


@pytest.mark.parametrize(("state", "text"), [
    # the awaited answer's cue still refuses a negation or a complaint
    (S.ROUTINE_WAITING, "his foot is not on the cushion yet"),
    (S.ROUTINE_SAFETY_CHECK, "he doesn't feel good this morning"),
    # the model's "not a command" above the awaited answers' bar (0.98) still vetoes
    (S.ROUTINE_SAFETY_CHECK, "her physio said these are good for her"),
    # calling off something else
    (S.IDLE, "they called off the wedding"),
    # the question cues are a routine's only, and never a question about the article
    (S.IDLE, "am i doing this right with her wrist"),
    (S.ANSWERED, "how should she be sitting after a stroke"),
    (S.ROUTINE_COUNTING, "what do you mean by disuse atrophy"),
    # a movement asked of the person, a bit further
    (S.ROUTINE_WAITING, "lift it a little higher for me, love"),
    (S.ROUTINE_WAITING, "can you straighten your arm a bit more, nan"),
    (S.ROUTINE_COUNTING, "push a bit harder"),
    # limb work said of the person; going to fast
    (S.IDLE, "my leg work is hard"),
    (S.IDLE, "mum is going to fast before her operation"),
])
def test_near_misses_are_no_command(understander, state, text):
    assert (text, understander.understand(text, state).intent in CONTROL_INTENTS) == (text, False)


def test_a_willingness_negated_is_no_yes(understander):
    # the yes cue of willingness still refuses the negation; since the tune28 refit (ea2da72) the learned model read the
    # answer no in it (0.51), as the safety check means it (a near miss of no command before; twenty-eighth round); the
    # tune29/tune30 rebuild (57e6217) no longer did: the safety check's no cue of a willingness negated says it (twenty-ninth)
    text, state = "he's not keen to start", S.ROUTINE_SAFETY_CHECK
    assert understander.controls.cue(understander._clean(text), state).intent == "no"
    assert understander.understand(text, state).intent == "no"


@pytest.mark.parametrize(("state", "text", "intent"), [
    # neighbours that stay what they were
    (S.ROUTINE_WAITING, "a bit more", "ready"),
    (S.ANSWERED, "tell me a bit more", "more"),
    (S.ROUTINE_COUNTING, "move on a bit more", "next"),
    (S.IDLE, "I'd like to hear the beeps", "sounds_on"),
    (S.ROUTINE_SAFETY_CHECK, "what do you mean by that", "help"),
])
def test_neighbours_keep_their_intent(understander, state, text, intent):
    assert (text, understander.understand(text, state).intent) == (text, intent)


def test_the_awaited_answers_are_the_states_own(understander):
    prefs = understander.controls.preferences
    assert {s.value: p.awaited for s, p in prefs.items() if p.awaited} == {
        "routine_safety_check": ("yes", "no", "ready"), "routine_waiting": ("ready",)}


def test_an_awaited_cue_is_vetoed_at_a_higher_bar_only(understander):
    model = understander.learned_controls
    text = "his foot is up on the cushion"
    assert model.second_opinion(ControlHit("ready", {}, 0.8, "cue"), text, S.ROUTINE_WAITING) == ControlHit(
        "ready", {}, 0.8, "cue")
    # the same text and hit where ready is not awaited: the model's "not a command" vetoes it
    assert model.second_opinion(ControlHit("ready", {}, 0.8, "cue"), text, S.ROUTINE_COUNTING) is None


def test_a_question_cue_is_found_as_asked_in_a_routine_only(understander):
    controls = understander.controls
    text = "how should she be sitting for this"
    assert controls.cue(text, S.ROUTINE_WAITING) == ControlHit("help", {}, 0.8, "asked")
    assert controls.cue(text, S.IDLE) is None


# ----------------------------------------------------------------------------------------------------
# Twenty-fifth round of the controls: the round's own batch scored whole (``controls_batch_25.txt``, 154
# controls
# in all seven states and 50 non-commands sharing their words, written before any change: 132/154, same action
# 134,
# 10/50 non-commands taken as a command on 0f0aed8), ``controls_batch_25b.txt`` (40 controls, 10 non-commands,
# written
# after the first batch's changes and never used to fix: 37/40, 2/10 taken on 0f0aed8), the round's kinds in
# their
# states and near misses they must not catch. Every sentence here was written for this round (none copied from
# the
# data).
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_25.txt", 154, 50), ("controls_batch_25b.txt", 40, 10), ("controls_batch_25c.txt", 68, 0),
])
def test_the_batches_are_well_formed_kinds_b(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left_kinds_b(understander):
    # 132/154 (same action 134) and 10/50 non-commands taken on 0f0aed8, before the round's changes
    assert batch_misses(understander, "controls_batch_25.txt") == {
        # the other clause is a question to the guide ("can you help us"): outside a routine a command clause
        # gives way to it (understanding.py, not a control file), and the knowledge answer wins
        "gran wants to do her hand exercises, can you help us": "ask_passive_exercise",
        # the more cue finds "flesh that out"; the learned model vetoes it after the polite "could you"
        "could you flesh that out a bit for me": "fallback",
        # a knowledge answer first (the cue "in a nutshell" is a phrase, not the verb)
        "nutshell it for me please": "ask_definition",
        # the same action: ready and yes both start the routine at the safety check
        "we're good to start when you are": "yes",
        # a question about the article's signs, answered from it
        "what signs am I meant to look out for": "ask_symptoms",
        # the safety check's no templates take "let's not ..." (the routine does not start either way)
        "let's not bother today": "no",
        # the tune42 refit (c0466bb): "he's grand, no bother" at the safety check is now the answer no (0.81; yes, its
        # label, before), "no bother" taken for a decline: a known miss (the routine does not start)
        "he's grand, no bother": "no",
        # "ouch" is a pain word for the safety rules, whatever follows
        "ouch no, not pain, she's just bored. stop it please": "pain",
        # "once more" is the repeat templates' ("off we go once more")
        "right then, off we go once more": "repeat",
        # (thirtieth session: "turn off, we're finished" is understood since the tune31 refit, 11c584f)
        # non-commands still taken: the pause cue's "wait" ("she can't hear so well these days" is no louder since the
        # twenty-ninth round: the person's hearing these days is a remark)
        "wait for me to say, dad": "pause",
        # (moved by the tune29/tune30 rebuild (57e6217) to no command: "what am I allowed to say while you read"; the tune35
        # refit, 1ae778e, reads help in it again)
    }


def test_the_probe_batch_used_to_fix(understander):
    # my own sentences written after the first batch's changes and used to fix: 50/68 before the second commit's kinds
    assert batch_misses(understander, "controls_batch_25c.txt") == {
        # no longer a crisis (the edge of a bed is an idiom of safety.yaml since the lead's fix); not yet "ready"
        "she's sat on the edge of the bed": "fallback",
        # "finish" is the stop cue's ("finish this one off" means the exercise in hand; left: ambiguous)
        "let's finish this one off": "stop",
        # the same action: ready and yes both start the routine at the safety check
        "she's grand, let's do it": "ready",
        # the author's stop read as exit ("that's all" is a goodbye to the exit cue; left: ambiguous)
        "that's all I needed, thanks": "exit",
    }


def test_the_batch_never_used_to_fix_kinds_b(understander):
    # written after the first batch's changes and never used to fix: 37/40 and 2/10 taken on 0f0aed8; one line ("ease up
    # on the counting a bit") was seen before the pace rule of tune25:odd was written, and the rule holds its words
    assert batch_misses(understander, "controls_batch_25b.txt") == {
        # (twenty-eighth round: "read the lot out loud for my dad" is read_article, the listener a reason after the request)
        "we'll skip the exercises today": "no",
        "more walking, is that what you'd suggest": "more",
        # (thirty-third session: the tune34 refit, eefe39f: the learned model's second opinion turns down the topics cue)
        "what have you got to talk about then": "fallback",
    }


@pytest.mark.parametrize(("state", "text", "intent"), [
    (S.ROUTINE_WAITING, 'my husband is lying flat on the bed now', 'ready'),
    (S.ROUTINE_WAITING, "nana's propped up on her pillows", 'ready'),
    (S.ROUTINE_WAITING, "right, that's her settled in the chair", 'ready'),
    (S.ROUTINE_WAITING, "we've got him sitting up now", 'ready'),
    (S.ROUTINE_WAITING, 'where are her feet supposed to go', 'help'),
    (S.ROUTINE_WAITING, 'how is grandad meant to be sitting', 'help'),
    (S.ROUTINE_COUNTING, 'how are we supposed to be lying for this', 'help'),
    (S.ROUTINE_PAUSED, 'how do we get the exercises started again', 'help'),
    (S.ROUTINE_PAUSED, 'what are our choices now', 'help'),
    (S.ROUTINE_COUNTING, 'what did you tell us to do', 'repeat'),
    (S.ROUTINE_PAUSED, 'carry on from the bit where we stopped', 'resume'),
    (S.ROUTINE_COUNTING, 'can you count a little more slowly', 'slower'),
    (S.ROUTINE_COUNTING, 'go easier on the counting please', 'slower'),
    (S.READING, 'ease up on the reading a touch', 'slower'),
    (S.ANSWERED, 'I want the whole of it', 'full'),
    (S.ANSWERED, 'what was the bit you read just before this', 'previous'),
    (S.ANSWERED, 'what was it you just told me', 'repeat'),
    (S.IDLE, 'which kinds of topics are covered in this guide', 'list_topics'),
    (S.IDLE, 'what sort of questions could we ask', 'list_topics'),
    (S.IDLE, 'what would you be able to talk about', 'list_topics'),
    (S.IDLE, 'read the write up out loud for grandad', 'read_article'),
    (S.IDLE, 'mum would love to have a go at her leg exercises', 'start_routine'),
    (S.IDLE, "could you put on the exercises for his knees", "start_routine"),
    (S.ANSWERED, 'tell me a bit more about what it said', 'more'),
    (S.ANSWERED, "what else do we need to know about it", "more"),
    (S.IDLE, "what are the main sections of this guide", "list_topics"),
    (S.IDLE, "what kinds of information do you have", "list_topics"),
    (S.IDLE, "could we alter the way you talk", "change_voice"),
    (S.ROUTINE_COUNTING, "ok we're calling it a day", "stop"),
    (S.ROUTINE_COUNTING, "he doesn't want to try any more", "stop"),
    (S.ROUTINE_COUNTING, "not so fast with the numbers", "slower"),
    (S.ROUTINE_COUNTING, "what rep are we on", "repeat"),
    (S.ROUTINE_COUNTING, "is he supposed to be holding his breath", "help"),
    (S.ROUTINE_COUNTING, "keep your voice down, the baby's asleep", "quieter"),
    (S.ROUTINE_PAUSED, "what should we say now", "help"),
    (S.ROUTINE_WAITING, "what position should her arm go in", "help"),
    (S.ROUTINE_SAFETY_CHECK, "he's feeling a bit off colour", "no"),
])
def test_the_rounds_kinds_in_their_states_kinds_b(understander, state, text, intent):
    # the person in position while waiting (a state cue), where the limb goes, how to get it going again, the options,
    # what was asked (question cues in a routine), from the bit where it stopped, the pace eased, all of it, what was
    # said before, the sort of things covered, the write up read out, the person wants their exercises, more of what
    # was said
    got = understander.understand(text, state)
    assert (got.intent, got.slots if intent == "start_routine" else {}) == (
        intent, {"routine": "legs"} if intent == "start_routine" else {})


@pytest.mark.parametrize(("state", "text"), [
    (S.ROUTINE_PAUSED, 'hold on to the table, grandad'),
    (S.ROUTINE_WAITING, 'keep still for a second, love'),
    (S.ROUTINE_PAUSED, 'quit wriggling, dad'),
    (S.ROUTINE_SAFETY_CHECK, 'her doctor told us to do these every day'),
    (S.ROUTINE_COUNTING, 'almost there, keep it up'),
    (S.ROUTINE_COUNTING, 'just one more, good girl'),
    (S.ROUTINE_WAITING, 'he was lying down all morning'),
    (S.ROUTINE_SAFETY_CHECK, 'we were ready by nine yesterday'),
    # near misses of the state cue and the question cues
    (S.ROUTINE_WAITING, "he usually lies on his back"),
    (S.IDLE, "how do i get him moving again after a stroke"),
    (S.IDLE, "what are the main causes of muscle loss"),
    (S.ROUTINE_COUNTING, "she is not so fast these days"),
    (S.ROUTINE_SAFETY_CHECK, "she was feeling a bit rough yesterday"),
    (S.ANSWERED, "they called it a day on the research"),
    (S.IDLE, "what are the different parts of a muscle"),
])
def test_said_to_the_person_or_of_another_time_is_no_command(understander, state, text):
    # a grip, stillness, a habit stopped, encouragement, a clinician's advice reported, ready at a time gone by
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "intent"), [
    # the neighbours keep their commands; a negated position is the answer no, not ready
    (S.ROUTINE_WAITING, "she is not sitting up yet", "no"),
    (S.ROUTINE_COUNTING, "hang on, keep still a sec", "pause"),
    (S.ROUTINE_COUNTING, "one more, you can do it, stop counting now", "stop"),
    (S.ROUTINE_PAUSED, "stop the exercises, grandad", "stop"),
    (S.ROUTINE_WAITING, "we were ready ages ago, start now", "ready"),
    (S.ROUTINE_COUNTING, "take it easy on the counting", "slower"),
    (S.ANSWERED, "give me the short version", "brief"),
])
def test_the_neighbours_keep_their_commands(understander, state, text, intent):
    assert understander.understand(text, state).intent == intent


def test_a_state_cue_is_found_in_its_state_only():
    cues = Cues({"states": {"routine_waiting": {"ready": ["^she is settled$"]}}}, CONTROL_INTENTS)
    assert (cues.find_in("she is settled", "routine_waiting"), cues.find_in("she is settled", "idle"),
            cues.find("she is settled")) == ({"ready": {}}, {}, {})


def test_a_state_cue_of_an_unknown_intent_is_refused():
    from voice_guide.core.errors import ContentError
    with pytest.raises(ContentError, match="cues.states.idle: unknown control intent 'dance'"):
        Cues({"states": {"idle": {"dance": ["x"]}}}, CONTROL_INTENTS)
