"""Negated commands: a negated command is not that command ('don't stop' carries on) while 'no stop' is
still stop, a negated setting is no command at all, an answer word before a wait is the answer."""

from __future__ import annotations

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_negation import AnswerFirst, Negation
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Sixteenth round of the controls: a negated command is not that command ("don't stop" carries on),
# both ways ("no stop" and "stop, don't go on" are still stop), in every state; the rule's data
# checked; the round's families in their states. Every sentence here was written for this test.
# ----------------------------------------------------------------------------------------------------


NEGATION = {"negator": r"^(?:no\s+)*(?:do not|never)\s+", "means": {"stop": "resume", "resume": "stop"},
            "by_cue": ["stop"]}


def _matcher(raw: dict) -> ControlMatcher:
    return ControlMatcher({"language": "en", **raw})


def test_a_negated_command_stands_for_the_rules_intent_and_only_after_the_negator():
    m = _matcher({"intents": {"stop": ["stop [counting]"], "resume": ["(go on|continue)"], "pause": ["wait"],
                              "no": ["no"]},
                  "state_preferences": {"routine_counting": {"means": {"resume": "next"}}},
                  "cues": {"intents": {"stop": [r"\bstop\b"]}}, "negation": NEGATION})
    got = {text: (lambda h: h and (h.intent, h.how))(m.exact(text, S.ROUTINE_COUNTING)) for text in (
        "do not stop", "no do not stop counting", "do not go on", "do not wait", "no stop", "stop",
        "go on", "do not stop she is fine")}
    # the negated command's intent is taken as it is ("resume", not the state's "next"); "wait" is
    # not in the rule; a cue of by_cue that starts the rest is negated too, found as negated
    assert got == {"do not stop": ("resume", "negated"), "no do not stop counting": ("resume", "negated"),
                   "do not go on": ("stop", "negated"), "do not wait": None, "no stop": None, "stop": ("stop", "said"),
                   "go on": ("next", "said"), "do not stop she is fine": ("resume", "negated")}
    # outside a routine the templates' turn (before the article) takes no cue of a negated command
    assert m.exact("do not stop she is fine", S.ANSWERED) is None
    cue = m.cue("do not stop she is fine", S.ANSWERED)
    assert (cue.intent, cue.how, cue.score) == ("resume", "negated", 0.8)


def test_a_template_that_says_the_negation_itself_comes_before_the_rule():
    m = _matcher({"intents": {"stop": ["stop"], "pause": ["(do not|don't) stop yet"]}, "negation": NEGATION})
    assert (m.exact("do not stop yet", S.ROUTINE_COUNTING).intent, m.exact("do not stop", S.ROUTINE_COUNTING).intent) \
        == ("pause", "resume")


def test_the_negation_rules_data_is_checked():
    assert Negation.from_data(None, CONTROL_INTENTS) == Negation()
    assert Negation().rest("do not stop") is None
    rule = Negation.from_data(NEGATION, CONTROL_INTENTS)
    assert (rule.rest("no do not stop now"), rule.rest("no stop"), rule.rest("do not ")) == ("stop now", None, None)
    for bad in ({"negator": "(", "means": {}}, {"negator": "x", "means": {"stop": "carry_on"}},
                {"negator": "x", "means": {"stop": "resume"}, "by_cue": ["pause"]}, {"means": {}}, ["x"]):
        with pytest.raises(ContentError):
            Negation.from_data(bad, CONTROL_INTENTS)


@pytest.mark.parametrize(("state", "text", "intent"), [
    # a negated stop or pause carries on: while counting "we are already going", never the next exercise
    (S.ROUTINE_COUNTING, "don't stop", "resume"),
    (S.ROUTINE_COUNTING, "no, don't stop", "resume"),
    (S.ROUTINE_COUNTING, "please don't stop counting", "resume"),
    (S.ROUTINE_COUNTING, "oh dont stop now", "resume"),
    (S.ROUTINE_COUNTING, "don't stop, she's fine", "resume"),
    (S.ROUTINE_COUNTING, "we don't want to stop", "resume"),
    (S.ROUTINE_COUNTING, "don't pause", "resume"),
    (S.ROUTINE_COUNTING, "don't slow down", "resume"),
    (S.ROUTINE_COUNTING, "do not skip this one", "resume"),
    (S.ROUTINE_PAUSED, "don't stop", "resume"),
    (S.ROUTINE_WAITING, "no don't skip this one", "resume"),
    (S.READING, "don't stop reading", "resume"),
    (S.IDLE, "don't quit", "resume"),
    # a negated carry-on stops (the authors' "don't continue" while paused is stop); "... yet" waits
    (S.ROUTINE_PAUSED, "don't continue", "stop"),
    (S.ROUTINE_COUNTING, "do not carry on", "stop"),
    (S.ROUTINE_PAUSED, "don't go on yet", "pause"),
    (S.ROUTINE_WAITING, "don't start yet", "pause"),
    # brief and full the other way round
    (S.ANSWERED, "don't give me the short version", "full"),
    (S.ANSWERED, "don't give me the long version", "brief"),
    # the other way: still the command
    (S.ROUTINE_COUNTING, "no stop", "stop"),
    (S.READING, "no stop", "stop"),
    (S.ROUTINE_COUNTING, "stop, don't go on", "stop"),
    (S.ROUTINE_COUNTING, "stop please, don't carry on", "stop"),
    (S.ROUTINE_COUNTING, "stop counting", "stop"),
    (S.CONFIRMING, "no stop", "no"),
    # a complaint after the negator is not negated: "don't go so fast" is slower
    (S.ROUTINE_COUNTING, "don't go so fast", "slower"),
    (S.ROUTINE_COUNTING, "don't rush her", "slower"),
    (S.ROUTINE_COUNTING, "never mind", "no"),
])
def test_negated_commands_in_their_states(engine, state, text, intent):
    assert (text, engine.understander.understand(text, state).intent) == (text, intent)


@pytest.mark.parametrize(("state", "text", "intent"), [
    # a position said while the guide waits is ready
    (S.ROUTINE_WAITING, "right, holding his ankle", "ready"),
    (S.ROUTINE_WAITING, "ok i'm supporting her elbow now", "ready"),
    (S.ROUTINE_WAITING, "we're beside him now", "ready"),
    (S.ROUTINE_WAITING, "he's lying on his back now", "ready"),
    (S.ROUTINE_WAITING, "ok she's sitting up", "ready"),
    (S.ROUTINE_WAITING, "her knee is propped up", "ready"),
    (S.ROUTINE_WAITING, "wrist's supported now", "ready"),
    (S.ROUTINE_WAITING, "grip set", "ready"),
    (S.ROUTINE_WAITING, "right, good to begin", "ready"),
    (S.ROUTINE_WAITING, "okay, count away", "ready"),
    # a hold stated with "again" is ready (the twenty-first round's paused template; repeat since the tune21 refit)
    (S.ROUTINE_PAUSED, "ok i'm holding his wrist again", "ready"),
    # ... not with a complaint or a negation
    (S.ROUTINE_WAITING, "holding her knee, she's in pain", "pain"),
    # quit is exit (every author's), quitting a movement is stop
    (S.IDLE, "that's us for today, quit", "exit"),
    (S.READING, "ok quit now", "exit"),
    (S.ROUTINE_COUNTING, "quit moving his legs", "stop"),
    # the sounds: mute them, an annoying click turned off
    (S.ANSWERED, "mute those annoying beeps", "sounds_off"),
    (S.ROUTINE_COUNTING, "that ticking is irritating, switch it off", "sounds_off"),
    # the rest of the round
    (S.ROUTINE_SAFETY_CHECK, "can you say it more softly", "quieter"),
    (S.ANSWERED, "nah thank you, it's ok", "no"),
    (S.ROUTINE_WAITING, "close the guide down", "exit"),
    (S.ROUTINE_WAITING, "not that one today", "next"),
    (S.ROUTINE_WAITING, "what was the next stretch", "repeat"),
    (S.ROUTINE_WAITING, "remind me how the stretch goes", "repeat"),
    # waiting: the last one again, this one passed over, the end, a wait
    (S.ROUTINE_WAITING, "the previous stretch again", "previous"),
    (S.ROUTINE_WAITING, "can we redo the exercise we just finished", "previous"),
    (S.ROUTINE_WAITING, "rewind please", "previous"),
    (S.ROUTINE_WAITING, "let's forget that stretch", "next"),
    (S.ROUTINE_WAITING, "give this one a miss", "next"),
    (S.ROUTINE_WAITING, "try a different exercise", "next"),
    (S.ROUTINE_WAITING, "ok let's wrap things up", "stop"),
    (S.ROUTINE_WAITING, "that's enough stretching for her", "stop"),
    (S.ROUTINE_WAITING, "bear with us", "pause"),
    (S.ROUTINE_WAITING, "i need five minutes", "pause"),
    (S.ANSWERED, "more detailed answers please", "full"),
    # idle: the article listened to, what it answers, the volume cranked up
    (S.IDLE, "could I listen to the whole article", "read_article"),
    (S.IDLE, "what questions can you answer", "list_topics"),
    (S.IDLE, "crank the volume up", "louder"),
])
def test_the_rounds_families_in_their_states(engine, state, text, intent):
    assert (text, engine.understander.understand(text, state).intent) == (text, intent)


def test_a_position_negated_or_asked_is_not_ready(engine):
    controls = engine.understander.controls
    got = {text: controls.cue(text, S.ROUTINE_WAITING) for text in (
        "i am not holding his arm yet", "is she on her back now", "her knee is not supported")}
    assert got == dict.fromkeys(got)


def test_questions_that_start_with_a_negation_are_still_questions(engine):
    u = engine.understander
    got = {text: u.understand(text, S.ANSWERED).is_knowledge for text in (
        "does not moving cause muscle loss", "do not eat enough protein and muscles waste")}
    assert got == {"does not moving cause muscle loss": True, "do not eat enough protein and muscles waste": True}


# ----------------------------------------------------------------------------------------------------
# Seventeenth round of the controls: a negated setting is no command at all ("don't change the voice"),
# an answer word before a wait is the answer while the guide waits ("no, give me a sec"), the whole answer
# asked for after an answer is ``full``; the rules' data checked; the round's families in their states, and
# questions near them left to the article. Every sentence here was written for this test.
# ----------------------------------------------------------------------------------------------------


NEGATION_NEGATED_SETTING = {"negator": r"^(?:no\s+)*(?:do not|never)\s+", "means": {"stop": "resume"}, "by_cue": ["stop"],
            "nothing": ["change_voice", "louder"]}

ANSWER_FIRST = {"lead": r"^(?:no|nah)\s+", "answer": "no", "commands": ["pause"], "states": ["routine_waiting"]}


def _small() -> ControlMatcher:
    return _matcher({
        "intents": {"stop": ["stop"], "change_voice": ["(change|switch) [the] voice"], "louder": ["louder"],
                    "pause": ["(wait|hang on) [a (sec|minute)]"], "no": ["no"]},
        "cues": {"intents": {"stop": [r"\bstop\b"], "pause": [r"\b(wait|hang on)\b"],
                             "change_voice": [r"\b(change|switch)\b.*\bvoice\b"], "no": [r"^no\b"]}},
        "negation": NEGATION_NEGATED_SETTING, "answer_first": ANSWER_FIRST})


def test_a_negated_setting_is_no_command_by_template_or_leading_cue():
    m = _small()
    texts = ("do not change the voice", "never switch voice", "do not change your voice it is nice",
             "do not stop", "change the voice", "do not louder")
    got = {t: (m.refused(t, S.ANSWERED), (lambda h: h and h.intent)(m.exact(t, S.ANSWERED)),
               (lambda h: h and h.intent)(m.cue(t, S.ANSWERED)),
               (lambda h: h and h.intent)(m.fuzzy(t, S.ANSWERED))) for t in texts}
    assert got == {
        "do not change the voice": (True, None, None, None),
        "never switch voice": (True, None, None, None),
        # the cue that starts the rest (the cue's turn; the templates' turn takes no cue outside a routine)
        "do not change your voice it is nice": (True, None, None, None),
        "do not stop": (False, "resume", "resume", None),
        "change the voice": (False, "change_voice", "change_voice", "change_voice"),
        "do not louder": (True, None, None, None),
    }


def test_an_answer_word_before_a_wait_is_the_answer_only_where_the_rule_holds():
    m = _small()
    got = {(t, s.value): (lambda h: h and (h.intent, h.how))(m.exact(t, s) or m.cue(t, s)) for t, s in (
        ("no wait a sec", S.ROUTINE_WAITING), ("nah hang on", S.ROUTINE_WAITING), ("no stop", S.ROUTINE_WAITING),
        ("no wait a sec", S.ROUTINE_COUNTING), ("no hang on she is fine", S.ROUTINE_WAITING))}
    assert got == {
        ("no wait a sec", "routine_waiting"): ("no", "stripped"),
        ("nah hang on", "routine_waiting"): ("no", "stripped"),
        ("no stop", "routine_waiting"): ("stop", "cue"),  # not a command of the rule: itself
        ("no wait a sec", "routine_counting"): ("pause", "cue"),  # not a state of the rule
        ("no hang on she is fine", "routine_waiting"): ("no", "cue"),  # a cue that starts the rest
    }


def test_the_rules_data_is_checked():
    assert Negation.from_data(NEGATION_NEGATED_SETTING, CONTROL_INTENTS).nothing == frozenset({"change_voice", "louder"})
    assert AnswerFirst.from_data(None, CONTROL_INTENTS) == AnswerFirst()
    rule = AnswerFirst.from_data(ANSWER_FIRST, CONTROL_INTENTS)
    assert (rule.rest("no wait now", "routine_waiting"), rule.rest("no wait now", "idle"),
            rule.rest("no ", "routine_waiting"), rule.rest("wait", "routine_waiting")) == ("wait now", None, None, None)
    for bad in ({**NEGATION_NEGATED_SETTING, "nothing": ["shout"]}, {**NEGATION_NEGATED_SETTING, "nothing": ["stop"]}):
        with pytest.raises(ContentError):
            Negation.from_data(bad, CONTROL_INTENTS)
    for bad_answer in ({"lead": "("}, {"lead": "x", "answer": "nope"}, {"lead": "x", "commands": ["hold"]},
                       {"answer": "no"}, ["x"]):
        with pytest.raises(ContentError):
            AnswerFirst.from_data(bad_answer, CONTROL_INTENTS)


@pytest.mark.parametrize("state", [S.IDLE, S.ANSWERED, S.READING, S.ROUTINE_COUNTING, S.ROUTINE_PAUSED])
def test_a_negated_setting_is_no_command_in_any_state(engine, state):
    u = engine.understander
    texts = ("please don't change the voice", "no need to switch voices", "never change your voice",
             "don't turn the beeps off", "you don't need to turn it up")
    assert {t: u.understand(t, state).intent for t in texts} == dict.fromkeys(texts, "fallback")


@pytest.mark.parametrize(("state", "text", "intent"), [
    # the setting itself, and a dislike, are still the command
    (S.ANSWERED, "switch the voice please", "change_voice"),
    (S.IDLE, "i really don't like this voice", "change_voice"),
    # the whole answer after an answer: full (the pack's whole answer, as "all the details"); the rest is more
    (S.ANSWERED, "give me everything", "full"),
    (S.ANSWERED, "okay, let me have the lot", "full"),
    (S.ANSWERED, "go on, tell me the rest", "more"),
    # an answer word, then a wait, while the guide waits or asks whether it is safe
    (S.ROUTINE_WAITING, "no, hang on a moment", "no"),
    (S.ROUTINE_WAITING, "nah, just a sec", "no"),
    (S.ROUTINE_SAFETY_CHECK, "no, wait a minute", "no"),
    (S.ROUTINE_WAITING, "hang on a moment", "pause"),
    (S.ROUTINE_WAITING, "no more today, stop", "stop"),
    # the explanation skipped or left out is brief, never the next exercise
    (S.ROUTINE_COUNTING, "skip the explaining please", "brief"),
    (S.ROUTINE_WAITING, "leave out the instructions", "brief"),
    (S.ROUTINE_COUNTING, "skip this one", "next"),
    # a routine started by its time, a suggestion, or a need
    (S.IDLE, "ok, time for mum's hands now", "start_routine"),
    (S.IDLE, "now for his arms", "start_routine"),
    (S.IDLE, "what about stretching dad's legs", "start_routine"),
    (S.IDLE, "her shoulders need a stretch", "start_routine"),
    (S.IDLE, "walk us through a few stretches for his knees", "start_routine"),
    (S.IDLE, "let's do all of them", "start_routine"),
    # the sounds not wanted, or had again
    (S.IDLE, "we don't want those pinging noises", "sounds_off"),
    (S.IDLE, "could we hear the chimes again", "sounds_on"),
    # the end of the session in idle
    (S.IDLE, "goodnight then", "exit"),
    (S.IDLE, "we're done with this now", "exit"),
    # while waiting: the other side, ready for more, the exercise in hand
    (S.ROUTINE_WAITING, "right, his other leg now", "ready"),
    (S.ROUTINE_WAITING, "ok we're moving over to her right arm", "ready"),
    (S.ROUTINE_WAITING, "she's up for another one", "ready"),
    (S.ROUTINE_WAITING, "what should we do in this stretch", "help"),
    (S.ROUTINE_SAFETY_CHECK, "what should i check first", "help"),
    (S.ROUTINE_WAITING, "reddy now", "ready"),
    # back in position again while paused, the wait asked to go on, the exercise asked for by name
    (S.ROUTINE_PAUSED, "ok he's sitting back up now", "ready"),
    (S.ROUTINE_PAUSED, "she is back in her chair", "ready"),
    (S.ROUTINE_PAUSED, "please keep waiting a little longer", "pause"),
    (S.ROUTINE_PAUSED, "remind me which stretch this is", "repeat"),
    # after an answer: whether there is more, the part missed, a few words
    (S.ANSWERED, "is that all it says then", "more"),
    (S.ANSWERED, "sorry, i missed the first bit", "repeat"),
    (S.ANSWERED, "in as few words as possible please", "brief"),
    # the family named with the hearing, idle routine starts
    (S.IDLE, "louder please, my grandad is going deaf", "louder"),
    (S.IDLE, "could you help me with his hand exercises", "start_routine"),
    (S.IDLE, "only her arms this time", "start_routine"),
    (S.IDLE, "loosen up his wrists a little", "start_routine"),
    (S.IDLE, "hand stretches for nan", "start_routine"),
])
def test_the_rounds_families_in_their_states_negated_setting(engine, state, text, intent):
    assert (text, engine.understander.understand(text, state).intent) == (text, intent)


def test_questions_near_the_rounds_rules_are_left_to_the_article(engine):
    u = engine.understander
    texts = ("what about exercising her arms, does that help with atrophy", "tell me everything about neurogenic atrophy",
             "her legs need exercising, what causes the wasting", "do all of the muscles shrink when you are in bed")
    assert {t: u.understand(t, S.IDLE if "tell me" not in t else S.ANSWERED).is_knowledge for t in texts} ==\
        dict.fromkeys(texts, True)


def test_a_position_on_the_other_side_asked_or_negated_is_not_ready(engine):
    controls = engine.understander.controls
    texts = ("is that her other arm now", "not her other leg", "the other one hurts")
    assert {t: controls.cue(t, S.ROUTINE_WAITING) and controls.cue(t, S.ROUTINE_WAITING).intent for t in texts} ==\
        dict.fromkeys(texts)
