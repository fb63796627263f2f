"""Twenty-ninth round of the controls: the round's own batch scored whole (``controls_batch_29.txt``, 152 controls in
all seven states in speech-to-text style, English from many places, self-corrections, short answers of one state and
the kinds of tune30:odd's misses, and 50 non-commands, written before any change: 125/152, 6/50 non-commands taken on
57e6217), ``controls_batch_29b.txt`` (40 controls, 10 non-commands, written after the first changes and never used to
fix), the round's kinds in their states, neighbours they must not catch, and the rules on small inputs. Every sentence
here was written for this round (none copied from the data)."""

from __future__ import annotations

import pickle

import pytest
from controls_support import batch_misses, batch_shape, part_recognizer, well_formed
from test_controls_routine_states import _action

from voice_guide.nlu.control_correction import Correction
from voice_guide.nlu.control_joined import last_of_joined
from voice_guide.nlu.control_questions import looks_like_question
from voice_guide.nlu.control_respell import Respeller
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.fixture(scope="module")
def understander(engine):
    return engine.understander


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_29.txt", 152, 50), ("controls_batch_29b.txt", 40, 10),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 125/152 (same action 129) and 6/50 non-commands taken on 57e6217, before the round's changes
    assert batch_misses(understander, "controls_batch_29.txt") == MISSES_29


MISSES_29 = {
    # answers of one state the authors label two ways (left: the labels disagree)
    "and then what happens um": "fallback",  # (thirty-second session: the tune33 refit, 2e7b616, no command either; ask_symptoms before)
    "what else can i ask you about um": "list_topics",
    "what else is in there": "more",
    "ready again now": "ready",  # tune30 says resume, two other authors ready: ready carries on at once
    "right we're back in place": "ready",  # "back in place" is the templates' ready
    "where were we um": "repeat",  # the authors' repeat (my label resume)
    "tell me more about this one": "full",
    "can you explain this exercise a bit more": "ready",
    # a correction said backwards ("stop no pause i mean"): no rule reads it
    "stop no pause i mean": "stop",
    # same action: ready and yes both start the routine at the safety check; no and pause both keep it paused
    "ready yeah": "ready",
    "we're all ready whenever you are dear": "ready",
    "all good let's go": "ready",
    "no not yet give us a sec": "no",
    # "that's grand" is no yes cue (a thanks elsewhere); "no wait" is a template's no while waiting; "not ready": the
    # learned model's no over the pause cue (the tune61 refit (0148a4c): "that's grand start" is the learned model's ready, the same
    # action as yes at the safety check, still a miss by its label)
    "that's grand start": "ready",
    "no wait not yet please": "no",
    # (thirtieth session: "hang about not ready" is understood since the tune31 refit, 11c584f)
    # non-commands still taken (my labels; a wait while paused keeps it paused)
    "hang on who's that at the door": "pause",
    "back in a minute love": "pause",
}


def test_the_second_batch_scored_once(understander):
    # written after the first changes, never used to fix: 32/40 and 1/10 taken on 57e6217; 38/40 and 1/10 on the
    # round's code (one label corrected after scoring: "slower no i mean louder" is louder, the batch's own kind; as
    # first scored 33 -> 37)
    assert batch_misses(understander, "controls_batch_29b.txt") == {
        # (thirty-second session: the tune33 refit, 2e7b616, reads "no the one before that i mean" as the authors' label)
        "right mum's back now": "ask_rebuild",  # the cleaned text drops "'s": the back cue wants a verb
        "no one told me about this": "no",  # "no one" is the no cue's
    }


@pytest.mark.parametrize(("text", "state", "intent"), [
    # an endearment or thanks said last, as in many places
    ("give us a minute hen", S.READING, "pause"),
    ("slow down a touch darling", S.ROUTINE_COUNTING, "slower"),
    ("next one ta", S.ROUTINE_WAITING, "next"),
    ("a bit faster pet", S.ROUTINE_COUNTING, "faster"),
    # a correction after the command it corrects
    ("pause no i mean stop", S.READING, "stop"),
    ("louder sorry i meant quieter", S.ANSWERED, "quieter"),
    ("do the arms no i mean the legs", S.IDLE, "start_routine"),
    # the place to go on from, in the present or without "off"
    ("go on from where we stop", S.ROUTINE_PAUSED, "resume"),
    ("carry on from where you left", S.ROUTINE_PAUSED, "resume"),
    # the person or the speakers back, alone, while paused
    ("right he's back", S.ROUTINE_PAUSED, "resume"),
    ("okay we are back now", S.ROUTINE_PAUSED, "resume"),
    # the answer no and why at the safety check, the verb's ending left off
    ("no mum sleep now", S.ROUTINE_SAFETY_CHECK, "no"),
    ("nah he's exhausted today", S.ROUTINE_SAFETY_CHECK, "no"),
    # the whole article asked for while it is read: the authors' full
    ("just read the whole lot", S.READING, "full"),
    # a wait before "not yet" while waiting: the authors' pause
    ("hang on not yet", S.ROUTINE_WAITING, "pause"),
])
def test_the_rounds_kinds_in_their_states(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "state"), [
    ("does my pet get muscle wasting", S.IDLE),  # a pet asked about stays the decline's
    ("the cat is back", S.ROUTINE_PAUSED),
    ("the radio is too loud upstairs", S.READING),
    ("we never stop worrying about her", S.ANSWERED),
    ("he can't hear very well these days", S.IDLE),
    ("the physio comes again on friday", S.IDLE),
    ("no he's still not breathing right", S.ROUTINE_SAFETY_CHECK),
])
def test_neighbours_that_are_no_command(understander, text, state):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("text", "state", "intent"), [
    ("my pet hates the vet", S.IDLE, "not_covered"),
    ("where were we", S.ROUTINE_PAUSED, "repeat"),  # the authors' repeat: not "where we stop"
    ("stop", S.ROUTINE_COUNTING, "stop"),
    ("no not yet", S.ROUTINE_WAITING, "no"),  # alone, still the answer
    ("she can't hear you", S.ROUTINE_COUNTING, "louder"),
    ("read the article from the start", S.IDLE, "read_article"),  # outside the reading, still the article
])
def test_neighbours_keep_their_meaning(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("player_state", "text"), [
    ("safety_check", "ready"), ("safety_check", "we're ready when you are"),
    ("paused", "ready again"), ("waiting_after_question", "ready"), ("waiting_for_ready", "ready"),
])
def test_ready_acts_in_every_routine_state_that_awaits_it(engine, player_state, text):
    # tune30:odd's "ready" lines at the safety check and paused showed the fallback reply: the evaluation's display,
    # which answers outside a routine; in a routine the player starts or carries on (no map changed)
    reply, _earcons, _lines, _action_name, _outcome, state, _progress = _action(engine, player_state, "ready", text)
    assert (state, reply.split(".")[0]) in {("routine_announcing", "Thank you"), ("routine_announcing", "Resuming")}


def test_a_correction_after_its_command_reads_what_follows():
    rule = Correction.from_data({"lead": r"^(?:(?:\w+\s+){1,6}?(?=(?:no|sorry)\s+(?:i|we) (?:meant|mean)\s))?"
                                         r"(?:(?:no|sorry)\s+)*(?:i|we) (?:meant|mean)\s+"})
    assert [rule.rest(t) for t in ("stop no i mean pause", "no i meant louder", "i mean it", "stop the count")] == [
        "pause", "louder", "it", None]


def test_a_wait_before_the_answer_no_is_the_wait():
    table = {"hang on": "pause", "not yet": "no", "go on": "resume", "keep going": "resume"}
    # (a wait said last is never the joined rule's: "not yet hang on" is left to the cues, as before)
    assert [last_of_joined(t, part_recognizer(table), lambda p: p) for t in (
        "hang on not yet", "not yet hang on", "go on keep going")] == ["pause", None, "resume"]


def test_the_respeller_pickles_without_its_speller():
    r = Respeller(frozenset({"stop"}), "en")
    r.speller()
    assert pickle.loads(pickle.dumps(r))._speller is None and looks_like_question("can atrophy skip a generation")
