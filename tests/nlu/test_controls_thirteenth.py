"""Thirteenth round of the controls: everyday families in their states, a template tried after each
polite word stripped in turn, typing slips in short commands, ``ready`` at the safety check starting
the routine as ``yes`` does, idle preferring ``exit``, sound words after "stop". Every sentence here
was written for this test."""

from __future__ import annotations

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.controls import ControlMatcher
from voice_guide.nlu.state import DialogueState as S


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _matcher(intents: dict[str, list[str]], prefixes: list[str]) -> ControlMatcher:
    return ControlMatcher({"language": "en", "intents": intents, "polite_prefixes": prefixes, "skip_words": ["um"]})


def test_polite_steps_strip_one_polite_word_at_a_time():
    m = _matcher({"help": ["help"]}, ["could you", "guide"])
    assert m.polite_steps("um could you guide me through it") == [
        "could you guide me through it", "guide me through it", "me through it"]
    assert m.strip_polite("um could you guide me through it") == "me through it"


def test_a_template_is_tried_before_its_first_word_is_stripped_as_polite():
    m = _matcher({"start_routine": ["guide me through it"], "help": ["me through it"]}, ["could you", "guide"])
    hit = m.exact("could you guide me through it", S.IDLE)
    assert (hit.intent, hit.how) == ("start_routine", "stripped")


def test_a_typing_slip_is_corrected_towards_the_templates_words_only():
    m = _matcher({"pause": ["pause"], "resume": ["continue"], "stop": ["stop"]}, [])
    assert m.fuzzy("pasue", S.IDLE).intent == "pause"
    assert m.fuzzy("contiune", S.IDLE).intent == "resume"
    assert m.fuzzy("step", S.IDLE) is None  # a real word, not a slip of "stop"
    assert m.fuzzy("cause", S.IDLE) is None


@pytest.mark.parametrize(("text", "state", "intent"), [
    # a routine waits: fragments, a change of side, counting asked for
    ("alright, in position now", S.ROUTINE_WAITING, "ready"),
    ("we've swapped over to the other side", S.ROUTINE_WAITING, "ready"),
    ("my hands are on her wrist now", S.ROUTINE_WAITING, "ready"),
    ("okay you can start counting", S.ROUTINE_WAITING, "ready"),
    ("count us in please", S.ROUTINE_WAITING, "ready"),
    ("what is it waiting for", S.ROUTINE_WAITING, "help"),
    ("which stretch is next again", S.ROUTINE_WAITING, "repeat"),
    # paused: back in place, or where we were
    ("right, she's comfortable again", S.ROUTINE_PAUSED, "ready"),
    ("ok we've got her hand again", S.ROUTINE_PAUSED, "ready"),
    ("tell me where we got to", S.ROUTINE_PAUSED, "repeat"),
    ("which movement was this", S.ROUTINE_PAUSED, "repeat"),
    # counting
    ("this is a bit too slow", S.ROUTINE_COUNTING, "faster"),
    ("it is rather quick", S.ROUTINE_COUNTING, "slower"),
    ("give him a bit more time", S.ROUTINE_COUNTING, "slower"),
    ("what is the number now", S.ROUTINE_COUNTING, "repeat"),
    ("are we doing it properly", S.ROUTINE_COUNTING, "help"),
    ("what is the proper way to hold his wrist", S.ROUTINE_COUNTING, "help"),
    ("let's miss that one out", S.ROUTINE_COUNTING, "next"),
    ("time out", S.ROUTINE_COUNTING, "pause"),
    # the safety check
    ("yes, everything's okay", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("nah, let's not today", S.ROUTINE_SAFETY_CHECK, "no"),
    ("she's not feeling great", S.ROUTINE_SAFETY_CHECK, "no"),
    ("what does the question mean", S.ROUTINE_SAFETY_CHECK, "help"),
    # after an answer: its length
    ("that was a bit too long", S.ANSWERED, "brief"),
    ("that was far too short", S.ANSWERED, "full"),
    ("not enough information", S.ANSWERED, "full"),
    ("so then what", S.ANSWERED, "more"),
    # every state
    ("we could do with some help here", S.IDLE, "help"),
    ("how does one operate this thing", S.IDLE, "help"),
    ("do you have a help page", S.IDLE, "help"),
    ("what can you help us with", S.IDLE, "help"),
    ("we don't understand what you mean", S.READING, "help"),
    ("switch off the app", S.IDLE, "exit"),
    ("that's everything from me", S.IDLE, "exit"),
    ("we want to close the guide", S.READING, "exit"),
    ("quit playing those chimes", S.READING, "sounds_off"),
    ("these dings are driving me mad", S.IDLE, "sounds_off"),
    ("we don't want any bleeps", S.IDLE, "sounds_off"),
    ("put it in one sentence", S.ANSWERED, "brief"),
    ("be a bit more succinct", S.IDLE, "brief"),
    ("remind me of the steps", S.ROUTINE_WAITING, "repeat"),
    ("one more time what do we do", S.ROUTINE_WAITING, "repeat"),
    ("you're reading way too slowly", S.READING, "faster"),
    ("any chance you could speak up", S.IDLE, "louder"),
    ("hi there, what can you actually do", S.IDLE, "help"),
    ("hello, louder please", S.READING, "louder"),
    ("which type of questions can I ask", S.IDLE, "list_topics"),
    ("what information is in the article", S.IDLE, "list_topics"),
    ("play the whole article", S.IDLE, "read_article"),
    ("we don't need to hear the rest", S.READING, "stop"),
    ("not carry on today", S.ROUTINE_PAUSED, "stop"),
])
def test_everyday_phrasings_of_the_thirteenth_round(engine, text, state, intent):
    assert engine.understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "routine"), [
    ("could you guide me through her arm exercises", "arms"),
    ("passive exercises for my husband's legs", "legs"),
    ("shall we do a workout for the whole body", "full_body"),
    ("let's work on his fingers", "hands"),
])
def test_routines_asked_for_in_other_words(engine, text, routine):
    match = engine.understander.understand(text, S.IDLE)
    assert (match.intent, match.slots.get("routine")) == ("start_routine", routine)


def test_idle_prefers_exit_and_a_routine_stops_on_the_same_words(engine):
    u = engine.understander
    assert u.understand("end the session", S.IDLE).intent == "exit"
    assert u.understand("turn it down", S.IDLE).intent == "quieter"  # a setting first, never an exit
    assert u.understand("shut it down", S.IDLE).intent == "exit"
    assert u.understand("end the session", S.ROUTINE_COUNTING).intent in ("stop", "exit")


def test_stop_before_a_sound_word_is_sounds_off_and_stop_alone_is_still_stop(engine):
    u = engine.understander
    assert u.understand("stop those bleeps", S.READING).intent == "sounds_off"
    assert u.understand("enough with the chimes", S.IDLE).intent == "sounds_off"
    assert u.understand("stop", S.READING).intent == "stop"
    assert u.understand("stop reading that", S.READING).intent == "stop"


@pytest.mark.parametrize("text", ["is it ok if i skip a day of physio", "do you mind if we skip the stretches",
                                  "is it possible to stop muscle wasting"])
def test_questions_wrapped_like_requests_are_no_command(engine, text):
    assert engine.understander.understand(text, S.IDLE).intent not in ("next", "stop")


@pytest.mark.parametrize("text", ["we're all ready here", "ready when you like", "all set"])
def test_ready_at_the_safety_check_is_ready_and_starts_the_routine(engine, text):
    assert engine.understander.understand(text, S.ROUTINE_SAFETY_CHECK).intent == "ready"
    c = engine.new_conversation()
    c.handle_text("start the arm exercises", now_s=0.0)
    assert c.dialogue_state is S.ROUTINE_SAFETY_CHECK
    c.handle_text(text, now_s=1.0)
    assert c.routine is not None and c.routine.state == "announcing"
