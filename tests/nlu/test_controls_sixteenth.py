"""Sixteenth round of the controls: a negated command is not that command ("don't stop" carries on),
both ways ("no stop" and "stop, don't go on" are still stop), in every state; the rule's data
checked; the round's families in their states. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.engine import Engine
from voice_guide.nlu.control_negation import Negation
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

NEGATION = {"negator": r"^(?:no\s+)*(?:do not|never)\s+", "means": {"stop": "resume", "resume": "stop"},
            "by_cue": ["stop"]}


@pytest.fixture(scope="module")
def engine():
    return Engine()


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
