"""Twenty-eighth round of the controls: the round's own batch scored whole (``controls_batch_28.txt``, 155 controls in
all seven states of kinds the older batches have few of: second-language English, fragments without a verb,
speech-to-text without punctuation, commands buried in a remark, questions that are commands, short answers of one
state; and 50 non-commands sharing their words, written before any change: 131/155, 16/50 non-commands taken on
ea2da72), ``controls_batch_28b.txt`` (40 controls, 10 non-commands, written after the first changes and never used to
fix), the round's kinds in their states, near misses they must not catch, and the two new rules on small inputs
(:mod:`voice_guide.nlu.control_uninverted`, :func:`voice_guide.nlu.control_joined.after_remark`). Every sentence here
was written for this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, part_recognizer, well_formed

from voice_guide.nlu.control_joined import after_remark
from voice_guide.nlu.control_uninverted import Uninverted
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_28.txt", 155, 50), ("controls_batch_28b.txt", 40, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 131/155 (same action 132) and 16/50 non-commands taken on ea2da72, before the round's changes; 149/155 (150) and 6/50
    # taken on the round's code
    assert batch_misses(understander, "controls_batch_28.txt") == MISSES_28


MISSES_28 = {
    # a question that names the topics with its subject after a noun ("what sort of things you can tell me about"): no
    # reading inverts it; the classifier's ask_types
    "what sort of things you can tell me about?": "ask_types",
    # a question of more than six words gives no cue; "go back one answer" gives way to a knowledge answer (the tune32
    # refit, 91a6029: the learned model reads "is there anything more about that one?" as more)
    "could you go back one answer?": "ask_rebuild",
    # a question whether to skip (my label no) and "is good" without its subject (a question to the rule)
    # (the tune58 refit (338c989): the learned model reads next, 0.51 (no command before the refit): still a miss;
    # the tune60 refit (bf42ac5): no command again; the tune61 refit (0148a4c): the learned model's next again, still a miss;
    # the tune63 refit (53162fd): no command again, still a miss)
    "is it ok if we skip today?": "fallback",
    # ("is good now you can start" is ready, its label, since the tune48 refit (7f9837c); fallback before)
    # "we finish" is the stop cue's; stop and exit act the same at the safety check
    "switch off please we finish": "stop",
    # non-commands still taken: "is good" the yes cue's; a question of the person slower; said to the person ("again the
    # same what the doctor said" is no longer taken for repeat since the tune32 refit, 91a6029)
    "more protein is good then": "yes",
    "is it normal he is slower now": "slower",
    "good job mum keep going": "next",
    "one more and then tea": "next",
    "oh no the blanket slipped": "no",
    # (thirty-second session: the tune33 refit, 2e7b616, the learned model's second opinion moved these three: previous for a repeat, repeat for
    # a previous, no command for more)
    # ("again the last one" was previous since then; the tune44 refit, 52c7b99: the cue's repeat stands, the learned model
    # reads repeat too, 0.58: repeat, its label: now right since the tune44 refit)
    # ("again the same what the doctor said": thirty-third session: the tune34 refit, eefe39f, no longer taken as repeat;
    # thirty-fourth session: the tune35 refit, 1ae778e, takes it for repeat again; the tune37/tune38 refit, c6a9397: not taken again;
    # the tune62 refit (37c3c80): taken for repeat again, the learned model's, a known miss)
    "again the same what the doctor said": "repeat",
    # ("is there anything more about that one?" is more since the tune37/tune38 refit, c6a9397)
    # a question not to read so quickly, without "slow": the learned model's slower until the tune36 refit, db22924
    "can you not read so quickly?": "fallback",
    # the tune44 refit (52c7b99): while paused "when we start again more slow please" was repeat (slower, its label,
    # before that refit): the repeat cue takes "again" and the learned model's slower (0.798) fell just under the bar at
    # which it overrules a cue (0.8), a known miss; the tune45 refit (36f0e4e): the learned model's slower was 0.805, at
    # the bar, and overruled the repeat cue: slower, its label; the tune46 refit (d1f1cb6): the learned model's slower is
    # 0.789, under the bar again, the repeat cue stands (slower, its label, before the refit): a known miss again;
    # the tune50 refit (7d9af51): slower, its label, right again
}


@pytest.mark.parametrize(("text", "state", "intent"), [
    # the comparative said with "more", as second-language speakers say it
    ("more slow when you talk please", S.IDLE, "slower"),
    ("can you read more loud", S.READING, "louder"),
    ("count more quick please", S.ROUTINE_COUNTING, "faster"),
    ("speak more quiet the baby sleeps", S.ANSWERED, "quieter"),
    # a question said without its inversion
    ("how I bend her knee", S.ROUTINE_COUNTING, "help"),
    ("how he must lie", S.ROUTINE_WAITING, "help"),
    # a command after a remark and "so" / "now", said without a comma
    ("oh the kettle has boiled now so carry on", S.ROUTINE_PAUSED, "resume"),
    ("right he is on his back now so start counting", S.ROUTINE_WAITING, "ready"),
    ("she slept well so go ahead", S.ROUTINE_SAFETY_CHECK, "yes"),
    # a request asked as whether it can be done; the listener it is for
    ("is it possible for you to read the article", S.IDLE, "read_article"),
    ("could you say that again for my wife", S.ANSWERED, "repeat"),
    # fragments: the answer before, where to go on from, the start as the go-ahead
    ("the question before that", S.ANSWERED, "previous"),
    ("from where you stopped", S.ROUTINE_PAUSED, "resume"),
    ("start now", S.ROUTINE_SAFETY_CHECK, "yes"),
    # another exercise asked for in a question, in a routine
    ("is there an easier one we could do", S.ROUTINE_COUNTING, "next"),
])
def test_the_kinds_in_their_states(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "state"), [
    ("the neighbours are too noisy today", S.READING),
    ("he went back to the clinic on monday", S.IDLE),
    ("she can't stop yawning", S.IDLE),
    ("we normally pause for a drink here", S.ROUTINE_PAUSED),
    ("wait until you hear this bit", S.READING),
    ("the kettle again", S.ROUTINE_PAUSED),
    ("he again left the door open", S.IDLE),
    ("ready for your stretches nan", S.ROUTINE_WAITING),
    ("i like the voice on the news", S.IDLE),
    ("she is more slow these days", S.IDLE),
    ("more fast food is bad for him", S.IDLE),
    # (a strict xfail since the tune41 refit, fa1afd4: the learned control model's stop for a past remark, harmless after an
    # answer; the tune44 refit, 52c7b99: the model's stop, 0.48, falls under its bar, no command: now right since the
    # tune44 refit, the xfail removed)
    ("she was so tired so we stopped", S.ANSWERED),
])
def test_remarks_are_no_command(understander, text, state):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("text", "state", "intent"), [
    # neighbours of the remarks keep their commands
    ("louder please, the kids are too loud", S.READING, "louder"),
    ("go back a bit", S.READING, "previous"),
    ("wait a second", S.ROUTINE_COUNTING, "pause"),
    ("say that again", S.ANSWERED, "repeat"),
    ("ready when you are, love", S.ROUTINE_WAITING, "ready"),
    ("can we have a different voice", S.IDLE, "change_voice"),
    ("tell me more", S.ANSWERED, "more"),
])
def test_neighbours_keep_their_commands(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "state"), [
    ("how i can prevent muscle loss", S.IDLE),  # a question of the article said uninverted: no template reads it
    ("is it possible you can reverse atrophy", S.IDLE),
    ("why is he so weak now", S.IDLE),  # "so" of degree
    ("what exercises are good for her", S.IDLE),  # "for her" stripped: still no command
])
def test_near_misses_are_not_the_kinds(understander, text, state):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


def test_the_batch_never_used_to_fix(understander):
    # written after the first changes and never used to fix; scored once
    assert batch_misses(understander, "controls_batch_28b.txt") == MISSES_28B


MISSES_28B = {
    # 34/40 and 5/10 taken on ea2da72; 39/40 and 3/10 taken on the round's code, scored once
    # the subject after a noun ("which number we are on"): no reading inverts it
    "which number we are on": "fallback",
    # "again" last after a remark; the household thing with more words after it; a voice of a person on the news
    # ("so the doctor was right again": the tune35 refit, 1ae778e, no longer took it for repeat; the tune36 refit, db22924,
    # took it again; the tune37/tune38 refit, c6a9397: not taken)
    "the phone again always someone calling": "repeat",
    "she likes the voice of the man on the news": "change_voice",
    # the tune50 refit (7d9af51): "today no more" while paused is no command (stop, its label, before the refit), a known miss
    "today no more": "fallback",
    # (the tune56 refit (0cb7f50): "article from beginning please" no command (read_article, its label, before the
    # refit), a known miss; the tune57 refit (a0c1a3b): read_article again, right)
}


RULE = Uninverted(frozenset({"how", "what"}), frozenset({"i", "she"}), frozenset({"must", "can"}), ("do", "does"))


@pytest.mark.parametrize(("text", "readings"), [
    ("how she must sit", ["how must she sit"]),
    ("how i hold the arm", ["how do i hold the arm", "how does i hold the arm"]),
    ("what i can say", ["what can i say"]),
    ("how do i hold it", []),  # inverted already
    ("where i put it", []),  # not one of the rule's question words
    ("how i", []),  # too short
])
def test_uninverted_readings(text, readings):
    assert RULE.readings(text) == readings


def test_no_uninverted_rule_reads_nothing():
    assert Uninverted.from_data(None).readings("how i hold the arm") == []


@pytest.mark.parametrize(("text", "found"), [
    ("she is comfy now so carry on", "resume"),
    ("is good now you can start", "ready"),
    ("the phone went so stop now", None),  # the last part is not a whole match of the table
    ("she is so carry on", None),  # "so" of degree after "is"
    ("so carry on", None),  # no remark before it
    ("she is comfy now so the arm", None),  # the object of the remark, not a command
    ("she is having a fit now what do i do", None),  # help is no command a remark leads to
    ("ringing in my ears now and again", None),  # "now and again": the part never starts with "and"
])
def test_a_command_after_a_remark(text, found):
    table = {"carry on": "resume", "you can start": "ready", "what do i do": "help", "and again": "repeat", "again": "repeat"}
    assert after_remark(text, part_recognizer(table), lambda part: part) == found
