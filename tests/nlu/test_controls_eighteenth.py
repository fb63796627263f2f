"""Eighteenth round of the controls: a request followed by its reason is the request ("louder please, I
didn't catch that"; the reason alone is still ``repeat``), words about something other than the guide
are no command ("pause the tv", "I like your voice"), and the round's families in their states
(help at the safety check asked back, a limb put back in a pause, idle starts); the rules' data checked;
questions near the new rules left to the article. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.engine import Engine
from voice_guide.nlu.control_negation import Elsewhere, ReasonAfter
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

REASONS = {"commands": ["louder", "slower"], "patterns": [r"i did not (catch|hear) (that|it)", r"(the )?tv (is )?on"]}

ELSEWHERE = [r"\b(turn|pause|stop) (the )?(tv|radio)\b"]


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _small() -> ControlMatcher:
    return ControlMatcher({
        "language": "en",
        "intents": {"louder": ["(louder|turn it up)"], "slower": ["slower"], "repeat": ["i did not catch that"],
                    "stop": ["stop [it]"], "pause": ["pause [it]"], "next": ["next"]},
        "cues": {"intents": {"stop": [r"\bstop\b"], "pause": [r"\bpause\b"], "louder": [r"\blouder\b"]}},
        "reasons": REASONS, "elsewhere": ELSEWHERE})


def test_a_reason_after_a_request_of_the_rule_is_dropped():
    m = _small()
    texts = ("louder i did not catch that", "turn it up the tv is on", "slower tv on", "i did not catch that",
             "next i did not catch that", "louder", "louder i did not follow")
    assert {t: (lambda h: h and (h.intent, h.how))(m.exact(t, S.READING)) for t in texts} == {
        "louder i did not catch that": ("louder", "stripped"),
        "turn it up the tv is on": ("louder", "stripped"),
        "slower tv on": ("slower", "stripped"),
        "i did not catch that": ("repeat", "said"),  # the reason alone is itself
        "next i did not catch that": None,  # not a command of the rule
        "louder": ("louder", "said"),
        "louder i did not follow": None,  # not a reason of the rule
    }


def test_words_about_something_else_are_no_command_by_any_matcher():
    m = _small()
    texts = ("pause the tv", "stop radio", "pause it", "stop")
    got = {t: (m.refused(t, S.READING), (lambda h: h and h.intent)(m.exact(t, S.READING)),
               (lambda h: h and h.intent)(m.cue(t, S.READING)),
               (lambda h: h and h.intent)(m.fuzzy(t, S.READING))) for t in texts}
    assert got == {
        "pause the tv": (True, None, None, None),
        "stop radio": (True, None, None, None),
        "pause it": (False, "pause", "pause", "pause"),
        "stop": (False, "stop", "stop", "stop"),
    }


def test_the_rules_data_is_checked():
    assert ReasonAfter.from_data(None, CONTROL_INTENTS) == ReasonAfter()
    assert Elsewhere.from_data(None) == Elsewhere()
    rule = ReasonAfter.from_data(REASONS, CONTROL_INTENTS)
    assert (rule.rest("louder i did not hear it"), rule.rest("i did not hear it"), rule.rest("louder")) == \
        ("louder", None, None)
    assert (Elsewhere.from_data(ELSEWHERE).holds("ok turn the tv"), Elsewhere().holds("turn the tv")) == (True, False)
    for bad in ({"patterns": ["("], "commands": ["louder"]}, {"patterns": ["x"], "commands": ["shout"]},
                {"commands": ["louder"]}, {"patterns": []}, ["x"]):
        with pytest.raises(ContentError):
            ReasonAfter.from_data(bad, CONTROL_INTENTS)
    for bad_list in (["("], {"x": "y"}):
        with pytest.raises(ContentError):
            Elsewhere.from_data(bad_list)


@pytest.mark.parametrize("state", [S.IDLE, S.ANSWERED, S.READING, S.ROUTINE_COUNTING, S.ROUTINE_WAITING])
def test_a_device_of_the_house_or_a_compliment_is_no_command_in_any_state(engine, state):
    u = engine.understander
    texts = ("could you switch the telly off", "mute the radio please", "next track", "turn the big light on",
             "oh i do like your voice", "your voice sounds so calm")
    got = {t: u.understand(t, state) for t in texts}
    assert {t: r.intent in CONTROL_INTENTS for t, r in got.items()} == dict.fromkeys(texts, False)


@pytest.mark.parametrize(("state", "text", "intent"), [
    # a request, then its reason: the request
    (S.ROUTINE_WAITING, "a bit louder please, we didn't catch what you said", "louder"),
    (S.READING, "slow down, my dad can't keep up", "slower"),
    (S.ANSWERED, "turn it down please, it's far too loud for her", "quieter"),
    (S.IDLE, "speak up please, the kettle's on", "louder"),
    (S.ANSWERED, "shorter please, that was way too long", "brief"),
    # the reason alone, or after another command, is what it was
    (S.READING, "sorry, we didn't catch that", "repeat"),
    (S.ROUTINE_WAITING, "louder, the radio is on", "louder"),  # the device is not the command's object
    # a dislike or a wish for another voice is still the command
    (S.IDLE, "i don't like your voice much", "change_voice"),
    # the safety check: the question asked back, or not understood
    (S.ROUTINE_SAFETY_CHECK, "what do you mean, is he settled", "help"),
    (S.ROUTINE_SAFETY_CHECK, "comfy how", "help"),
    (S.ROUTINE_SAFETY_CHECK, "in what way safe", "help"),
    (S.ROUTINE_SAFETY_CHECK, "we're not sure what you mean by ready", "help"),
    (S.ROUTINE_SAFETY_CHECK, "what are you looking for", "help"),
    (S.ROUTINE_SAFETY_CHECK, "we can do them another day instead", "no"),
    # a limb put back, what to do with it, in a pause or a wait
    (S.ROUTINE_PAUSED, "how should i put his leg back into position", "help"),
    (S.ROUTINE_WAITING, "what do i do with her wrist", "help"),
    # waiting: a position said
    (S.ROUTINE_WAITING, "right, we're in there now", "ready"),
    (S.ROUTINE_WAITING, "we have switched to his right arm", "ready"),
    (S.ROUTINE_WAITING, "his foot is up on the cushion", "ready"),
    # idle: a start with help named, a workout, the questions it answers, the whole article
    (S.IDLE, "we need to help grandad with his leg stretches", "start_routine"),
    (S.IDLE, "let's have a whole body workout", "start_routine"),
    (S.IDLE, "what sort of things can i ask you about muscle wasting", "list_topics"),
    (S.IDLE, "i want to hear the entire article", "read_article"),
    # after an answer: more detail than that
    (S.ANSWERED, "i need a lot more detail than that", "full"),
])
def test_the_rounds_families_in_their_states(engine, state, text, intent):
    assert (text, engine.understander.understand(text, state).intent) == (text, intent)


def test_questions_near_the_rounds_rules_are_left_to_the_article(engine):
    u = engine.understander
    texts = ("why do muscles waste if you can't keep up with exercise", "does watching tv all day cause muscle loss",
             "is it too late to get the muscle back", "what should i look for in someone with atrophy")
    assert {t: u.understand(t, S.IDLE).is_knowledge for t in texts} == dict.fromkeys(texts, True)
