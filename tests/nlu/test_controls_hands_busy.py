"""Controls said by busy caregivers with their hands on a limb: clipped, polite, impatient, chatty, a wait said to the
person first ("hang on love, yes she's settled"), fillers and restarts, smart-speaker transcripts without punctuation.
The round's own batch scored whole (``controls_batch_hands_busy.txt``, 78 controls in all seven states and 20
non-commands, written before any change: 71/78 and 1/20 non-commands taken on 188b788), its second part
(``controls_batch_hands_busy_b.txt``, 71 controls and 20 non-commands written at the same time, only scored: 67/71 and
0/20 taken on 188b788), the round's rules in their states with their whole results, neighbours they must not catch, and
safety and knowledge still first. Every sentence here was written for this round (none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_aside import Aside
from voice_guide.nlu.control_hits import ControlHit
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("name", "controls", "others"), [
    ("controls_batch_hands_busy.txt", 78, 20), ("controls_batch_hands_busy_b.txt", 71, 20),
])
def test_the_batches_are_well_formed(name, controls, others):
    assert batch_shape(name) == well_formed(controls, others)


def test_the_batch_is_understood_but_for_the_misses_left(understander):
    # 71/78 and 1/20 non-commands taken on 188b788, before the round's changes
    assert batch_misses(understander, "controls_batch_hands_busy.txt") == {
        # the go-ahead with "let's start" at the safety check is the state's ready (it prefers ready; the player starts
        # the routine on ready and yes alike there)
        "aye shes fine lets start": "ready",
    }


def test_the_second_batch_scored_once(understander):
    # written with the first part, never used to fix: 67/71 and 0/20 taken on 188b788 and on the round's code (the same four)
    assert batch_misses(understander, "controls_batch_hands_busy_b.txt") == {
        # a long aside before the routine asked for, and a reason before the question: the not-covered decline takes them
        "hang on pet ill just get his socks off right do his feet and legs": "not_covered",
        "sorry the dog was barking what did you say": "not_covered",
        # the go-ahead with "she's ready" at the safety check is the state's ready (the player starts on both)
        "go ahead shes ready": "ready",
        # the limb said to be in position after "that's": the knowledge decision takes it
        "right thats her arm in position": "ask_passive_exercise",
    }


@pytest.mark.parametrize(("state", "text", "intent", "slots"), [
    # quit said of the routine or the exercises is exit, as every tuning author who says quit labels it
    (S.ROUTINE_COUNTING, "quit the routine", "exit", {}),
    (S.ROUTINE_PAUSED, "ok quit the exercises now", "exit", {}),
    (S.ROUTINE_COUNTING, "quit the stretches", "exit", {}),
    # "turn off" said alone, or after a thing let go
    (S.ROUTINE_SAFETY_CHECK, "forget it, turn off", "exit", {}),
    (S.IDLE, "turn off", "exit", {}),
    # "never mind" before a command: the command
    (S.ROUTINE_SAFETY_CHECK, "never mind shut the guide down", "exit", {}),
    # the exercises not done after all, as the reason for switching off
    (S.ROUTINE_SAFETY_CHECK, "switch it off we're not doing them today", "exit", {}),
    # only the exercise's name
    (S.ROUTINE_WAITING, "just tell me the name of the stretch", "brief", {}),
    (S.ROUTINE_COUNTING, "only say the name of each exercise", "brief", {}),
    # which other topics
    (S.ANSWERED, "which other things are in the article", "list_topics", {}),
    # help before the options; how the guide works, asked again
    (S.ANSWERED, "help what were the options", "help", {}),
    (S.IDLE, "so how does the app work again", "help", {}),
    # the limb to get done
    (S.IDLE, "we'll get his arms done first", "start_routine", {"routine": "arms"}),
    # "and" after a yes: more after an answer
    (S.ANSWERED, "yeah and then", "more", {}),
    # the time asked for, said alone and first
    (S.ROUTINE_COUNTING, "three secs love shes coughing", "pause", {}),
    (S.ROUTINE_COUNTING, "ten seconds i need to sort her sleeve", "pause", {}),
    (S.READING, "just five minutes", "pause", {}),
    # a wait said to the person, then the answer the guide waits for
    (S.ROUTINE_SAFETY_CHECK, "hold on pet yeah he's comfy", "yes", {}),
    (S.ROUTINE_SAFETY_CHECK, "hang on pet yes go ahead", "yes", {}),
    (S.ROUTINE_SAFETY_CHECK, "wait a sec mum no not yet", "no", {}),
    (S.ROUTINE_WAITING, "hold on love ready", "ready", {}),
    (S.ROUTINE_WAITING, "wait a sec mum we're ready", "ready", {}),
])
def test_the_rounds_kinds_in_their_states(understander, state, text, intent, slots):
    r = understander.understand(text, state)
    assert (r.intent, r.slots) == (intent, slots)


@pytest.mark.parametrize(("state", "text"), [
    # a noise of others with a two-word place
    (S.IDLE, "the music next door is way too loud"),
    (S.ROUTINE_PAUSED, "the kids next door are too loud"),
    # a length of the exercise is no wait
    (S.ROUTINE_COUNTING, "two minutes a day is that enough"),
])
def test_neighbours_that_are_no_command(understander, state, text):
    assert understander.understand(text, state).intent not in CONTROL_INTENTS


@pytest.mark.parametrize(("state", "text", "intent"), [
    # "quit it" stays the stop; "never mind" alone the answer no; after it another command is that command
    (S.ROUTINE_COUNTING, "quit it", "stop"),
    (S.ROUTINE_SAFETY_CHECK, "never mind", "no"),
    (S.ROUTINE_PAUSED, "never mind keep going then", "resume"),
    # after a wait said to the person, anything but the awaited answer leaves the wait (a routine asked for is no answer)
    (S.ROUTINE_WAITING, "hang on love i need to move her arm", "pause"),
    (S.ROUTINE_COUNTING, "hang on love ready", "pause"),
    (S.ROUTINE_SAFETY_CHECK, "hang on love", "pause"),
    # safety first: an emergency or pain after the aside or before the reason wins
    (S.ROUTINE_SAFETY_CHECK, "hang on love yes she's got chest pain", "emergency"),
    (S.ROUTINE_WAITING, "hold on mum he isn't breathing", "emergency"),
    (S.ROUTINE_COUNTING, "two secs it hurts her", "pain"),
])
def test_neighbours_keep_their_meaning(understander, state, text, intent):
    assert understander.understand(text, state).intent == intent


def test_the_aside_rule_takes_only_an_awaited_answer_after_its_lead():
    rule = Aside.from_data({"lead": "^hang on love\\s+"})
    assert rule.rest("hang on love yes go on") == "yes go on"
    assert rule.rest("hang on love") is None and rule.rest("hang on yes") is None
    found = {"yes go on": ControlHit("yes", {}, 1.0), "next one": ControlHit("next", {}, 1.0)}
    assert rule.answer("hang on love yes go on", ("yes", "no"), found.get) == ControlHit("yes", {}, 1.0)
    assert rule.answer("hang on love next one", ("yes", "no"), found.get) is None  # not awaited
    assert rule.answer("hang on love yes go on", (), found.get) is None  # nothing awaited in the state
    assert Aside.from_data(None).rest("hang on love yes") is None  # no rule


@pytest.mark.parametrize("raw", [{"lead": 3}, ["^hang on"], {"lead": "(unclosed"}])
def test_a_bad_aside_rule_is_a_content_error(raw):
    with pytest.raises(ContentError):
        Aside.from_data(raw)
