"""Twenty-seventh round of the controls: the round's own batch scored whole (``controls_batch_27.txt``, 150 controls in
all seven states of kinds the older batches have few of: regional and older people's talk, long polite requests,
commands with a reason, corrections, answers at the safety check and while a routine waits mixed with a remark; and
50 non-commands sharing their words, written before any change: 129/150, 8/50 non-commands taken on 79f3eb4),
``controls_batch_27b.txt`` (40 controls, 10 non-commands, written after the first changes and never used to fix), the
round's kinds in their states, near misses they must not catch, and the two new rules on small inputs
(:mod:`voice_guide.nlu.control_correction`, :mod:`voice_guide.nlu.control_gerund`). Every sentence here was written
for this round (none copied from the data)."""

from __future__ import annotations

import re

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.nlu.control_correction import Correction
from voice_guide.nlu.control_gerund import GerundRequest
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_27.txt", 150, 50), ("controls_batch_27b.txt", 40, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 129/150 (same action 129) and 8/50 non-commands taken on 79f3eb4, before the round's changes
    assert batch_misses(understander, "controls_batch_27.txt") == {
        # (the tune50 refit (7d9af51): a habit told in the past ("he used to stop for a rest") reads stop in idle (nothing to stop; no
        # command, its label, before the refit), a known miss; since the fifty-fourth session a past habit told is no
        # command (elsewhere in intents.yaml): now right)
        # (thirtieth round: "that'll do us for now, ta-ra" is exit, "ta ra" a goodbye template)
        # a question how to get a repeat: my label help, but nothing names it (repeat would be as good; the learned
        # model's repeat since the tune31 refit, 11c584f)
        "how do I get you to say something again": "fallback",  # fallback again since the tune36 refit, db22924
        # (the tune42 refit, c0466bb: "what can a body ask you about" was no command (fallback; list_topics, its label,
        # before the refit), a known miss; the tune43 refit, dd5a1bb: list_topics again (0.54): now right since the
        # tune43 refit)
        # the safety net reads a crisis in "feeling sorry for herself" (not a control file)
        "she'd rather not today, she's feeling sorry for herself": "crisis",
        # "not yet" before a remark while waiting: the authors' own "No, she's not ready yet." is no (my label pause)
        "not yet, she's still getting comfy": "no",
        "no, not ready, give us a minute": "no",
        # (thirtieth round: "what am I meant to do with his leg" is help, asked in the present; "what was I meant to do" stays
        # repeat)
        # "not just yet" is no answer word; the declines take it
        "not just yet, pet, she's still sorting her sleeve": "not_covered",
        # non-commands still taken: "aye" first after an answer; "again" said to the person; "in a minute" said to the
        # person; "I've got you" while waiting
        "aye, that's what happened to my dad after his fall": "yes",
        "you'll be dancing again in no time": "repeat",
        "I'll be with you in a minute, mum": "pause",
        "you're alright, I've got you": "ready",
        # (twenty-eighth round: moved by the tune28 rebuild, ea2da72: the faster cue's clause gives way to a knowledge answer;
        # "no, hang on" while waiting is the answer no, the authors' "not yet" rule, now that the clause's pause gives way)
        # (the tune29/tune30 rebuild, 57e6217: "get a move on, we haven't got all day" is faster again; the tune41 refit,
        # fa1afd4: the sedentary passage again, "haven't got all day" read as sitting all day)
        # (the tune47 refit (399ece5): "get a move on, we haven't got all day" is faster again, its label: now right)
        # (the tune53/tune54 refit (a1b328d): the sedentary passage again, a known miss; the tune56 refit (0cb7f50): faster,
        # its label, right again)
        "no, hang on, I'm moving her chair": "no",
        # the tune41 refit (fa1afd4): the learned model's slower for a remark about the physio's pace, a non-command taken
        "my mother says the physio talks too fast": "slower",
        # (a non-command taken in the thirty-second session, the tune33 refit, 2e7b616: the learned model's stop for a habit of
        # the past; (thirty-third session: the tune34 refit, eefe39f: no longer taken)
    }


@pytest.mark.parametrize(("text", "state", "intent"), [
    # corrections: the command corrected to, not the answer no nor the command set aside
    ("no, I meant the hands, not the arms", S.IDLE, "start_routine"),
    ("sorry, I meant quieter, not louder", S.READING, "quieter"),
    ("sorry, I said continue, not stop", S.ROUTINE_PAUSED, "resume"),
    ("no, I meant the one before", S.READING, "previous"),
    ("oops, I meant slower", S.ROUTINE_COUNTING, "slower"),
    ("no, I said don't stop", S.READING, "resume"),
    # long polite requests and their endings
    ("would you be so kind as to read the article", S.IDLE, "read_article"),
    ("I'd be ever so grateful if you could slow down", S.READING, "slower"),
    ("turn it up a bit, if that's alright with you", S.IDLE, "louder"),
    ("do the leg stretches with me this morning", S.IDLE, "start_routine"),
    # a request with its verb in -ing
    ("would you mind lowering your voice", S.READING, "quieter"),
    ("would you mind terribly going back a section", S.READING, "previous"),
    ("how about taking a break", S.ROUTINE_COUNTING, "pause"),
    # regional and older people's words
    ("hold that thought, the phone's going", S.READING, "pause"),
    ("give me two ticks", S.ROUTINE_WAITING, "pause"),
    ("not the day, she's not up to it", S.ROUTINE_SAFETY_CHECK, "no"),
    ("you're counting dead fast", S.ROUTINE_COUNTING, "slower"),
    ("bring back the sounds", S.IDLE, "sounds_on"),
    # reminded of a step; what the caregiver is meant to do, asked in a routine
    ("could you remind me of the last instruction", S.ROUTINE_PAUSED, "repeat"),
    ("what's he supposed to do with his fingers", S.ROUTINE_COUNTING, "help"),
    # the go-ahead after the answer at the safety check
    ("yes, he's fine, let's get started", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("yes she's fine, go on", S.ROUTINE_SAFETY_CHECK, "yes"),
])
def test_the_kinds_in_their_states(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "state"), [
    # the person slow or quiet at a time; something gone wrong again; no rush given to the person
    ("he's awful slow getting up these days", S.IDLE),
    ("mum's a bit quiet this morning", S.ROUTINE_WAITING),
    ("the dog's barking again", S.ROUTINE_PAUSED),
    ("she's nodded off again", S.READING),
    ("no hurry, take your time, dad", S.ROUTINE_WAITING),
    ("he's been a wee bit more wobbly lately", S.IDLE),
])
def test_remarks_are_no_command(understander, text, state):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("text", "state", "intent"), [
    # neighbours of the remarks keep their commands
    ("she's a bit slow, so slow down please", S.ROUTINE_COUNTING, "slower"),
    ("say that again, the dog's barking", S.ANSWERED, "repeat"),
    ("can you read that bit again", S.READING, "repeat"),
    ("she's ready again, carry on", S.ROUTINE_PAUSED, "resume"),
    ("slowly, take your time", S.ROUTINE_COUNTING, "slower"),
])
def test_neighbours_keep_their_commands(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "state", "intent"), [
    ("I wanted to know more about nerve damage", S.IDLE, "more"),  # "i wanted to ..." is no correction
    ("no, I meant muscle atrophy in the legs", S.ANSWERED, "start_routine"),  # a routine only when named alone
    ("sorry, I meant what causes it", S.IDLE, "fallback"),  # a question corrected to: the article answers it
    ("would you mind telling me what causes it", S.IDLE, "fallback"),  # no template takes "tell me what causes it"
    ("what about eating more protein", S.IDLE, "start_routine"),  # no template takes "eat more protein"
])
def test_near_misses_are_not_the_kinds(understander, text, state, intent):
    got = understander.understand(text, state).intent
    assert got != intent and (got not in CONTROL_INTENTS or intent == "start_routine")


def test_the_batch_never_used_to_fix(understander):
    # written after the first changes and never used to fix: 35/40 and 2/10 taken on 79f3eb4, 36/40 and 2/10 taken on
    # the round's final code (scored once)
    assert batch_misses(understander, "controls_batch_27b.txt") == {
        # "how does a body work ..." (older talk for "how does one"): no help cue or template
        "how does a body work this contraption": "fallback",
        # (the correction's rest "the part you said before" named no command, the clause "no" was taken; previous, right,
        # since the forty-seventh session's template "the part you said before")
        # "keep it down a touch" after "would you": not taken
        "would you keep it down a touch, he's resting": "fallback",
        # the safety net alone reads a crisis in "no ... keep going" (not a control file)
        "no, I meant keep going, not stop": "crisis",
        # the tune43 refit (dd5a1bb): the learned safety net reads a crisis (0.70) in "not feeling herself" at the safety
        # check (no, its label, before the refit), a false alarm the rules have no part in, a known miss (the routine does
        # not start either way; recorded, not fixed)
        "no, she's not feeling herself, leave it the now": "crisis",
        # an answer word first after an answer, then a remark: taken as yes
        "aye, that's her all over": "yes",
        "righto, that's good to know": "yes",
    }


def test_a_correction_is_what_follows_its_lead_without_the_command_set_aside():
    rule = Correction(re.compile(r"^(?:(?:no|sorry)\s+)*i (?:meant|said)\s+"), re.compile(r"(?<!\bdo)\s+not\b.*$"),
                      re.compile(r"^(?:the\s+)?(?:arms|legs)$"), frozenset({"idle"}))
    assert [rule.rest(text) for text in (
        "no i meant the arms not the legs", "sorry i said louder", "i said do not stop", "i meant", "the arms not the legs",
    )] == ["the arms", "louder", "do not stop", None, None]
    assert [rule.names_routine(rest, state) for rest, state in (
        ("the arms", "idle"), ("the arms", "reading"), ("muscle atrophy in the legs", "idle"),
    )] == [True, False, False]


def test_a_gerund_request_is_said_in_the_base_forms_the_templates_hold():
    rule = GerundRequest(re.compile(r"^(?:would you )?mind (?=\w+ing\b)"))
    stems = {"lowering": "lower", "taking": "take", "carrying": "carri", "reading": "read"}
    words = {"lower", "take", "carry", "read", "the"}
    assert [rule.commands(text, stems.__getitem__, words) for text in (
        "would you mind lowering your voice", "mind taking a break", "would you mind carrying on",
        "would you mind reading", "would you mind if i read", "mind the step",
    )] == [["lower your voice"], ["take a break"], ["carry on"], ["read"], [], []]
