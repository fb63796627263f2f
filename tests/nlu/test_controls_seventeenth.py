"""Seventeenth round of the controls: a negated setting is no command at all ("don't change the voice"),
an answer word before a wait is the answer while the guide waits ("no, give me a sec"), the whole answer
asked for after an answer is ``full``; the rules' data checked; the round's families in their states, and
questions near them left to the article. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.engine import Engine
from voice_guide.nlu.control_negation import AnswerFirst, Negation
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

NEGATION = {"negator": r"^(?:no\s+)*(?:do not|never)\s+", "means": {"stop": "resume"}, "by_cue": ["stop"],
            "nothing": ["change_voice", "louder"]}

ANSWER_FIRST = {"lead": r"^(?:no|nah)\s+", "answer": "no", "commands": ["pause"], "states": ["routine_waiting"]}


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _matcher(raw: dict) -> ControlMatcher:
    return ControlMatcher({"language": "en", **raw})


def _small() -> ControlMatcher:
    return _matcher({
        "intents": {"stop": ["stop"], "change_voice": ["(change|switch) [the] voice"], "louder": ["louder"],
                    "pause": ["(wait|hang on) [a (sec|minute)]"], "no": ["no"]},
        "cues": {"intents": {"stop": [r"\bstop\b"], "pause": [r"\b(wait|hang on)\b"],
                             "change_voice": [r"\b(change|switch)\b.*\bvoice\b"], "no": [r"^no\b"]}},
        "negation": NEGATION, "answer_first": ANSWER_FIRST})


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
    assert Negation.from_data(NEGATION, CONTROL_INTENTS).nothing == frozenset({"change_voice", "louder"})
    assert AnswerFirst.from_data(None, CONTROL_INTENTS) == AnswerFirst()
    rule = AnswerFirst.from_data(ANSWER_FIRST, CONTROL_INTENTS)
    assert (rule.rest("no wait now", "routine_waiting"), rule.rest("no wait now", "idle"),
            rule.rest("no ", "routine_waiting"), rule.rest("wait", "routine_waiting")) == ("wait now", None, None, None)
    for bad in ({**NEGATION, "nothing": ["shout"]}, {**NEGATION, "nothing": ["stop"]}):
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
def test_the_rounds_families_in_their_states(engine, state, text, intent):
    assert (text, engine.understander.understand(text, state).intent) == (text, intent)


def test_questions_near_the_rounds_rules_are_left_to_the_article(engine):
    u = engine.understander
    texts = ("what about exercising her arms, does that help with atrophy", "tell me everything about neurogenic atrophy",
             "her legs need exercising, what causes the wasting", "do all of the muscles shrink when you are in bed")
    assert {t: u.understand(t, S.IDLE if "tell me" not in t else S.ANSWERED).is_knowledge for t in texts} == \
        dict.fromkeys(texts, True)


def test_a_position_on_the_other_side_asked_or_negated_is_not_ready(engine):
    controls = engine.understander.controls
    texts = ("is that her other arm now", "not her other leg", "the other one hurts")
    assert {t: controls.cue(t, S.ROUTINE_WAITING) and controls.cue(t, S.ROUTINE_WAITING).intent for t in texts} == \
        dict.fromkeys(texts)
