"""Twenty-fourth round of the controls: the round's own batch scored whole (``controls_batch_24.txt``, 150
controls in all seven states and 50 non-commands sharing their words, written before any change: 132/150, same
action 133, 2/50 non-commands taken as a command on 8c4373b), ``controls_batch_24b.txt`` (40 controls, 10
non-commands, written after the first batch's changes and never used to fix: 28/40, 2/10 taken on 8c4373b), the
round's kinds in their states and near misses they must not catch. Every sentence here was written for this round
(none copied from the data)."""

from __future__ import annotations

import pytest
from controls_support import batch_misses, batch_shape, well_formed

from voice_guide.engine import Engine
from voice_guide.nlu.control_hits import ControlHit
from voice_guide.nlu.controls import CONTROL_INTENTS
from voice_guide.nlu.state import DialogueState as S


@pytest.fixture(scope="module")
def understander():
    return Engine().understander


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
        # the cue names full and read_article; the learned model's choice reads the article
        "read me the whole bit about that": "read_article",
        # the answer no with a sore person: the safety rules' pain stop (not a control file)
        "no, she's a bit sore today": "pain",
        "not really, he's hurting": "pain",
        # "what do you mean by" with any word after it is a question about the article too
        "what do you mean by pain": "fallback",
        # the safety check's no templates take "we'll leave it ..." first
        "we'll leave it for today": "no",
        # the same action: exit stops the routine
        "goodbye, that's us finished": "stop",
        # the answer no while the guide waits: the player pauses on it as on pause
        "not ready yet, wait": "no",
        # a non-command taken: "right" alone while reading is yes
        "right": "yes",
    }


def test_the_batch_never_used_to_fix(understander):
    # written after the first batch's changes and never used to fix: 28/40 and 2/10 taken on 8c4373b
    # (twenty-fifth round, kinds this round's own batches found and the twenty-fourth round's notes named: "what sorts of
    # things are covered in this guide" is list_topics, "go a bit easier on the counting" slower, "how do I get it
    # started again from here" help, "grandad's lying flat now" ready; all four improvements)
    assert batch_misses(understander, "controls_batch_24b.txt") == {
        "switch off the reading now": "sounds_off",
        "shh a bit, the baby's asleep": "stop",
        "back up to the last paragraph": "fallback",
        "what happens if she's not ok": "ask_disuse",
        "let's knock the exercises on the head for today": "fallback",
        "am I pulling her arm too hard": "pain",
        # (twenty-eighth round: since the tune28 refit, ea2da72, the model's second opinion turns the previous cue into
        # repeat, 0.82)
        "go back to what you were saying before that": "repeat",
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
