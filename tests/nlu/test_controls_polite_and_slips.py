"""Controls said politely or typed with slips: polite words stripped one at a time, typing slips of short
commands corrected towards the templates, ready at the safety check, idle preferring exit, no stop, finished
for today."""

from __future__ import annotations

import pickle

import pytest

from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Thirteenth round of the controls: everyday families in their states, a template tried after each
# polite word stripped in turn, typing slips in short commands, ``ready`` at the safety check starting
# the routine as ``yes`` does, idle preferring ``exit``, sound words after "stop". Every sentence here
# was written for this test.
# ----------------------------------------------------------------------------------------------------


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
    # forty-first session (tune43:odd): the whole thing shut or turned off is the guide, not the full answers
    ("close the whole thing down", S.ROUTINE_PAUSED, "exit"),
    ("turn the whole thing off", S.READING, "exit"),
    ("shut the lot down", S.IDLE, "exit"),
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


# ----------------------------------------------------------------------------------------------------
# Fourteenth round of the controls: typing slips of short commands corrected with the templates
# before the article's answers are tried, the round's families in their states, "no stop" (stop, but
# no when answering the safety question), an idle "we're finished for today" ending the session. Every
# sentence here was written for this test.
# ----------------------------------------------------------------------------------------------------


ALL_STATES = (S.IDLE, S.ANSWERED, S.READING, S.ROUTINE_SAFETY_CHECK, S.ROUTINE_COUNTING, S.ROUTINE_PAUSED,
              S.ROUTINE_WAITING)


def _matcher_slips(intents: dict[str, list[str]], cues: dict[str, list[str]] | None = None) -> ControlMatcher:
    return ControlMatcher({"language": "en", "intents": intents, "polite_prefixes": ["could you"],
                           "skip_words": ["please"], "cues": {"intents": cues or {}}})


def test_exact_corrects_a_slip_in_a_short_text_towards_a_whole_template():
    m = _matcher_slips({"stop": ["stop"], "read_article": ["read the article"]})
    hit = m.exact("stpo", S.READING)
    assert (hit.intent, hit.how, hit.score) == ("stop", "fuzzy", 0.86)
    hit = m.exact("could you read the artcle please", S.IDLE)
    assert (hit.intent, hit.how) == ("read_article", "fuzzy")


def test_exact_corrects_no_real_word_and_no_long_text():
    m = _matcher_slips({"stop": ["stop"], "pause": ["pause"], "next": ["skip the next one now"]})
    assert m.exact("step", S.READING) is None  # a real word, not a slip of "stop"
    assert m.exact("cause", S.READING) is None
    assert m.exact("skip teh next one now", S.READING) is None  # five words: not corrected
    assert m.exact("stpo the count", S.READING) is None  # corrected, but no template says it


def test_the_matcher_pickles_for_the_engine_cache_once_its_speller_is_made():
    m = _matcher_slips({"stop": ["stop"]})
    assert m.exact("stpo", S.READING).intent == "stop"  # the speller is made
    copy = pickle.loads(pickle.dumps(m))
    assert (copy.exact("stpo", S.READING).intent, copy.exact("step", S.READING)) == ("stop", None)


def test_a_slip_of_a_cue_word_counts_in_two_words_only():
    m = _matcher_slips({"stop": ["stop"], "brief": ["brief answers"]}, cues={"brief": [r"\bbrief\b"]})
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
