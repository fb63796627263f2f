"""Controls said the way speech-to-text writes them: fillers, false starts, words said twice, self-corrections, "can you"
wrappers, English from many places, polite older speakers. The round's own batch scored whole
(``controls_batch_spoken_style.txt``, 81 controls in all seven states and 20 non-commands, written before any change:
76/81 and 2/20 non-commands taken on 11c584f), its second part (``controls_batch_spoken_style_b.txt``, 74 controls
and 20 non-commands written at the same time, never used to fix: 71/74 and 3/20 taken on 11c584f), the round's kinds
in their states with their whole results, neighbours they must not catch, and safety and knowledge still first. Every
sentence here was written for this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_correction import Correction
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_spoken_style.txt", 81, 20), ("controls_batch_spoken_style_b.txt", 74, 20),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 76/81 and 2/20 non-commands taken on 11c584f, before the round's changes
    assert batch_misses(understander, "controls_batch_spoken_style.txt") == {
        # the safety net's pain finding at the safety check, before any control (safety first; the answer no and the
        # pain stop both keep the routine from starting)
        "no shes a bit sore today": "pain",
        # the yes cue takes any "yeah ..." (left: a remark in the past after "yeah" is rare in a routine's answers)
        "yeah he was always strong": "yes",
        # (thirty-second session: the tune33 refit, 2e7b616, the learned model's second opinion vetoes the previous cue; a knowledge answer;
        # previous again since the tune37/tune38 refit, c6a9397)
        # (a non-command taken from the thirty-third session, the tune34 refit, eefe39f: the learned model's louder for "um my
        # mother cant hear very well", a remark about hearing; the tune53/tune54 refit (a1b328d): no command, its label: right;
        # the tune63 refit (53162fd): louder again, a non-command taken)
        "um my mother cant hear very well": "louder",
        # (the tune41 refit, fa1afd4: the learned model's second opinion vetoed the previous cue of a repeated "go back";
        # the rebuilding passage ("back" in "get her strength back"); the tune46 refit, d1f1cb6: the learned model's
        # previous is 0.5003, just at the bar at which it confirms a cue over a knowledge answer (0.5; 0.486 before the
        # refit): previous, its label: now right since the tune46 refit; the tune47 refit (399ece5): under the bar again, the rebuilding
        # passage, a known miss again; the tune49 refit (c8f524f): previous, right again)
    }


def test_the_second_batch_scored_once(understander):
    # written with the first part, never used to fix: 71/74 and 3/20 taken on 11c584f; 72/74 and 3/20 taken on the round's
    # code ("the arm ones no sorry the leg ones" is the legs routine, the slip rule's); thirty-first round: 73/74 and 2/20
    # ("um yeah and then" is more by the every-state "yeah and ..." template, "the radio was on too loud" a remark by the
    # noise-of-others rule taking two more words)
    assert batch_misses(understander, "controls_batch_spoken_style_b.txt") == {
        # ("okay were back" left the misses in the thirty-sixth round: a resume template reads "were back" as "we're back",
        # fixed from a tuning line of tune33)
        # remarks about the person or the house taken for a pace or a volume
        # ("she likes her stories read slowly": no longer taken for slower since the tune35 refit, 1ae778e; slower again
        # since the tune37/tune38 refit, c6a9397: the learned model; no longer since the tune40 refit, 94b2cb7; the tune42
        # refit, c0466bb: taken for slower again, a known miss; the tune47 refit (399ece5): no longer taken; the tune56 refit
        # (0cb7f50): taken for slower again, a known miss; the tune61 refit (0148a4c): no longer taken; the tune62 refit (37c3c80): taken
        # for slower again, a known miss)
        "she likes her stories read slowly": "slower",
        "hes always been a quiet one": "quieter",
        # (thirty-third session: the tune34 refit, eefe39f: after the filler the read-article cue is turned down by the learned model and the author question takes
        # "the article"; without "um" it is read_article)
        # the tune42 refit (c0466bb): the introduction passage (ask_symptoms) took it instead of the author question;
        # the tune43 refit (dd5a1bb): the author question again (ask_author, 0.70, the about section); still a known miss
        "um start reading the article": "ask_author",
    }


@pytest.mark.parametrize(("state", "text", "intent", "slots"), [
    # a goodbye of the north of England
    (S.IDLE, "okay ta ra then", "exit", {}),
    (S.ANSWERED, "right tara for now", "exit", {}),
    # the answer before, after a filler (the knowledge decision took it)
    (S.ANSWERED, "er go back to the one before", "previous", {}),
    # a wait with the noise around as its reason
    (S.READING, "hold up the kettle's boiling", "pause", {}),
    (S.ROUTINE_COUNTING, "wait a sec the phone's ringing", "pause", {}),
    # the article read the whole way through, not the whole-body routine
    (S.IDLE, "um read it all out top to bottom", "read_article", {}),
    (S.IDLE, "read everything from start to finish please", "read_article", {}),
    # the whole of the part just answered
    (S.ANSWERED, "um read out all of that part", "full", {}),
    # what to do, asked in the present (help) and in the past (repeat: asked again)
    (S.ROUTINE_COUNTING, "what am i meant to be doing with his arm", "help", {}),
    (S.ROUTINE_WAITING, "what are we supposed to do with her leg", "help", {}),
    (S.ROUTINE_PAUSED, "what am i supposed to do now", "help", {}),
    (S.ROUTINE_COUNTING, "what was i meant to do with her arm", "repeat", {}),
    (S.ROUTINE_PAUSED, "um what was i meant to do", "repeat", {}),
    # started up again
    (S.ROUTINE_PAUSED, "can you start up again please", "resume", {}),
    (S.ROUTINE_PAUSED, "crack on then", "resume", {}),
    (S.ROUTINE_PAUSED, "on ye go", "resume", {}),
    (S.ROUTINE_COUNTING, "crack on", "next", {}),  # carrying on while counting is the next step (the state's means)
    # the wish said as a condition, its verb in -ing
    (S.READING, "if you wouldnt mind going back a bit", "previous", {}),
    (S.ROUTINE_COUNTING, "if you dont mind slowing down", "slower", {}),
    # the idiom of getting to the point
    (S.READING, "cut to the chase please", "brief", {}),
    (S.ANSWERED, "just get to the point", "brief", {}),
    # the part not wanted said after the request
    (S.ANSWERED, "can you give me all of it not just a bit", "full", {}),
    (S.ANSWERED, "give me the long answer not the summary", "full", {}),
    # a command taken back at once, no "i meant": the rest
    (S.READING, "wait no keep going", "resume", {}),
    (S.ROUTINE_COUNTING, "next no the one before", "previous", {}),
    (S.IDLE, "louder sorry quieter", "quieter", {}),
    (S.ANSWERED, "more no sorry repeat that", "repeat", {}),
    # the step explained in full in a routine
    (S.ROUTINE_PAUSED, "explain the moves fully", "full", {}),
    (S.ROUTINE_COUNTING, "can you explain this one properly", "full", {}),
])
def test_the_rounds_kinds_in_their_states(understander, state, text, intent, slots):
    r = understander.understand(text, state)
    assert (r.intent, r.slots) == (intent, slots)


@pytest.mark.parametrize(("state", "text"), [
    (S.IDLE, "my dad likes the radio louder"),
    (S.READING, "she has the telly up loud"),
    (S.ROUTINE_PAUSED, "the phone's ringing"),
])
def test_neighbours_that_are_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "intent"), [
    # a request beside the remark keeps its command
    (S.IDLE, "louder please my dad likes it loud", "louder"),
    # outside a routine, explaining the exercises is the article's passage on them
    (S.IDLE, "explain the moves fully", "ask_passive_exercise"),
    # a rest that carries the first command on is no slip: "no more" is the stop's, "not yet" the wait's reason, "no
    # problem" the answer's
    (S.ROUTINE_COUNTING, "stop no more", "stop"),
    (S.ROUTINE_WAITING, "hang on no not yet", "pause"),
    (S.ROUTINE_SAFETY_CHECK, "yes no problem", "yes"),
    # an emergency wins over the wait and the reason in every state
    (S.ROUTINE_COUNTING, "hold on hold on she cant breathe", "emergency"),
    (S.READING, "wait wait he's collapsed", "emergency"),
])
def test_neighbours_keep_their_meaning(understander, state, text, intent):
    assert understander.understand(text, state).intent == intent


def test_a_slip_is_split_at_its_first_word_of_correction():
    rule = Correction.from_data({"lead": "^i meant ", "slip": "^(?P<first>(?:\\w+ ){0,3}?\\w+) (?:no|sorry) (?P<rest>.+)$"})
    assert rule.slip_parts("next no the one before") == ("next", "the one before")
    assert rule.slip_parts("go on no sorry wait") == ("go on", "sorry wait")
    assert rule.slip_parts("no wait") is None  # nothing before the word
    assert Correction.from_data({"lead": "^i meant "}).slip_parts("next no back") is None  # no rule


def test_a_slip_pattern_without_its_groups_is_refused():
    with pytest.raises(ContentError, match="first and rest"):
        Correction.from_data({"lead": "^i meant ", "slip": "^(\\w+) no (.+)$"})
