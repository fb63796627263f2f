"""Fourteenth round of the controls: typing slips of short commands corrected with the templates
before the article's answers are tried, the round's families in their states, "no stop" (stop, but
no when answering the safety question), an idle "we're finished for today" ending the session. Every
sentence here was written for this test."""

from __future__ import annotations

import pickle

import pytest

from voice_guide.engine import Engine
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

ALL_STATES = (S.IDLE, S.ANSWERED, S.READING, S.ROUTINE_SAFETY_CHECK, S.ROUTINE_COUNTING, S.ROUTINE_PAUSED,
              S.ROUTINE_WAITING)


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _matcher(intents: dict[str, list[str]], cues: dict[str, list[str]] | None = None) -> ControlMatcher:
    return ControlMatcher({"language": "en", "intents": intents, "polite_prefixes": ["could you"],
                           "skip_words": ["please"], "cues": {"intents": cues or {}}})


def test_exact_corrects_a_slip_in_a_short_text_towards_a_whole_template():
    m = _matcher({"stop": ["stop"], "read_article": ["read the article"]})
    hit = m.exact("stpo", S.READING)
    assert (hit.intent, hit.how, hit.score) == ("stop", "fuzzy", 0.86)
    hit = m.exact("could you read the artcle please", S.IDLE)
    assert (hit.intent, hit.how) == ("read_article", "fuzzy")


def test_exact_corrects_no_real_word_and_no_long_text():
    m = _matcher({"stop": ["stop"], "pause": ["pause"], "next": ["skip the next one now"]})
    assert m.exact("step", S.READING) is None  # a real word, not a slip of "stop"
    assert m.exact("cause", S.READING) is None
    assert m.exact("skip teh next one now", S.READING) is None  # five words: not corrected
    assert m.exact("stpo the count", S.READING) is None  # corrected, but no template says it


def test_the_matcher_pickles_for_the_engine_cache_once_its_speller_is_made():
    m = _matcher({"stop": ["stop"]})
    assert m.exact("stpo", S.READING).intent == "stop"  # the speller is made
    copy = pickle.loads(pickle.dumps(m))
    assert (copy.exact("stpo", S.READING).intent, copy.exact("step", S.READING)) == ("stop", None)


def test_a_slip_of_a_cue_word_counts_in_two_words_only():
    m = _matcher({"stop": ["stop"], "brief": ["brief answers"]}, cues={"brief": [r"\bbrief\b"]})
    assert (m.exact("breif", S.ANSWERED).intent, m.exact("breif", S.ANSWERED).how) == ("brief", "fuzzy")
    assert m.exact("breif answers", S.ANSWERED).intent == "brief"  # the template
    assert m.exact("breif for them", S.ANSWERED) is None  # three words: the cue is not tried


@pytest.mark.parametrize("state", ALL_STATES)
def test_typing_slips_of_commands_in_every_state(engine, state):
    u = engine.understander
    got = {text: u.understand(text, state).intent for text in ("stpo", "pasue", "hlep", "qiut", "breif", "finshed")}
    assert got == {"stpo": "stop", "pasue": "pause", "hlep": "help", "qiut": "exit", "breif": "brief",
                   "finshed": "stop"}


@pytest.mark.parametrize(("text", "state", "intent"), [
    # waiting for ready: statements of position, counting asked for
    ("okay, I've got hold of his ankle", S.ROUTINE_WAITING, "ready"),
    ("her knee's in position now", S.ROUTINE_WAITING, "ready"),
    ("right, he's lying flat now", S.ROUTINE_WAITING, "ready"),
    ("okay I'm holding it", S.ROUTINE_WAITING, "ready"),
    ("that's him in place", S.ROUTINE_WAITING, "ready"),
    ("all sorted", S.ROUTINE_WAITING, "ready"),
    ("we've moved round to his right side", S.ROUTINE_WAITING, "ready"),
    ("begin the count whenever you like", S.ROUTINE_WAITING, "ready"),
    ("fire away", S.ROUTINE_WAITING, "ready"),
    ("hands in position", S.ROUTINE_WAITING, "ready"),
    ("how will I know when to say go", S.ROUTINE_WAITING, "help"),
    ("where should our hands go", S.ROUTINE_WAITING, "help"),
    ("give us a few minutes", S.ROUTINE_WAITING, "pause"),
    # the safety check
    ("perfectly safe", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("yes she's sitting up and comfy", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("hold off for a bit", S.ROUTINE_SAFETY_CHECK, "no"),
    ("what exactly are you asking", S.ROUTINE_SAFETY_CHECK, "help"),
    ("what does settled mean here", S.ROUTINE_SAFETY_CHECK, "help"),
    # counting and paused
    ("which rep are we on", S.ROUTINE_COUNTING, "repeat"),
    ("how many have we done", S.ROUTINE_COUNTING, "repeat"),
    ("we've lost count", S.ROUTINE_COUNTING, "repeat"),
    ("that's a bit quick for him", S.ROUTINE_COUNTING, "slower"),
    ("keep each stretch a bit longer", S.ROUTINE_COUNTING, "slower"),
    ("which direction do I turn her wrist", S.ROUTINE_COUNTING, "help"),
    ("explain this stretch in more detail", S.ROUTINE_COUNTING, "full"),
    ("more details on this movement", S.ROUTINE_COUNTING, "full"),
    ("just count, no explanations", S.ROUTINE_COUNTING, "brief"),
    ("what movement were we doing", S.ROUTINE_PAUSED, "repeat"),
    ("how do we unpause", S.ROUTINE_PAUSED, "help"),
    ("ok she's comfortable now", S.ROUTINE_PAUSED, "ready"),
    ("I've straightened his leg again", S.ROUTINE_PAUSED, "ready"),
    ("keep it paused for a while", S.ROUTINE_PAUSED, "pause"),
    # idle, after an answer, reading
    ("do his hand exercises now", S.IDLE, "start_routine"),
    ("could we run through the leg exercises together", S.IDLE, "start_routine"),
    ("I want to help my mum stretch her fingers", S.IDLE, "start_routine"),
    ("I don't know how to work this", S.IDLE, "help"),
    ("what could we find out about muscle wasting", S.IDLE, "list_topics"),
    ("we're finished for today", S.IDLE, "exit"),
    ("power off", S.IDLE, "exit"),
    ("a longer answer", S.ANSWERED, "full"),
    ("just the key points", S.ANSWERED, "brief"),
    ("go back a paragraph", S.READING, "previous"),
    ("nxt pls", S.READING, "next"),
])
def test_the_rounds_families_in_their_states(engine, text, state, intent):
    assert engine.understander.understand(text, state).intent == intent


def test_no_stop_is_stop_but_no_to_the_safety_question(engine):
    u = engine.understander
    got = {state: u.understand("no no stop", state).intent for state in (S.READING, S.ROUTINE_COUNTING, S.CONFIRMING)}
    assert got == {S.READING: "stop", S.ROUTINE_COUNTING: "stop", S.CONFIRMING: "no"}


def test_finished_for_today_ends_the_session_only_in_idle(engine):
    u = engine.understander
    got = {state: u.understand("we're finished for today", state).intent for state in (S.IDLE, S.READING)}
    assert got == {S.IDLE: "exit", S.READING: "stop"}


@pytest.mark.parametrize(("text", "state"), [
    ("how many people get muscle atrophy", S.IDLE),
    ("is it safe to exercise with muscle atrophy", S.IDLE),
    ("how do i know if it is atrophy", S.IDLE),
    ("explain neurogenic atrophy in detail", S.IDLE),
    ("more detail on disuse atrophy", S.IDLE),
    ("in a nutshell what is atrophy", S.IDLE),
    ("how many times a week should we do this", S.ROUTINE_COUNTING),
    ("can exercise make atrophy worse", S.ROUTINE_SAFETY_CHECK),
    ("steroids and muscle wastng", S.IDLE),
    ("treatmnet", S.READING),
])
def test_questions_with_the_same_words_or_slips_are_no_command(engine, text, state):
    assert engine.understander.understand(text, state).intent not in CONTROL_INTENTS
