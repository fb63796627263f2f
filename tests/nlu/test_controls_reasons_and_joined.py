"""A request followed by its reason is the request, words about something other than the guide are no
command, two commands said in one breath give the last (voice_guide/nlu/control_joined.py), and the
nineteenth round's batches scored whole."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from controls_support import batch_misses, part_recognizer, read_batch

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_joined import NOT_AFTER, NOT_LAST, last_of_joined
from voice_guide.nlu.control_negation import Elsewhere, ReasonAfter
from voice_guide.nlu.control_templates import STATE_SAMPLES_OF, state_sentences
from voice_guide.nlu.controls import CONTROL_INTENTS, ControlMatcher
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Eighteenth round of the controls: a request followed by its reason is the request ("louder please, I
# didn't catch that"; the reason alone is still ``repeat``), words about something other than the guide
# are no command ("pause the tv", "I like your voice"), and the round's families in their states
# (help at the safety check asked back, a limb put back in a pause, idle starts); the rules' data checked;
# questions near the new rules left to the article. Every sentence here was written for this test.
# ----------------------------------------------------------------------------------------------------


REASONS = {"commands": ["louder", "slower"], "patterns": [r"i did not (catch|hear) (that|it)", r"(the )?tv (is )?on"]}

ELSEWHERE = [r"\b(turn|pause|stop) (the )?(tv|radio)\b"]


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


# ----------------------------------------------------------------------------------------------------
# Nineteenth round of the controls: the round's own batches scored whole (``controls_batch_19.txt``,
# written before any change, and ``controls_batch_19b.txt``, written after the first batch's fixes and never
# used to fix anything), two commands said in one breath (:mod:`voice_guide.nlu.control_joined`), the
# exercises asked for without a routine named, and the bounded sampling of the states' templates. Every
# sentence here was written for this round.
# ----------------------------------------------------------------------------------------------------


HERE = Path(__file__).resolve().parent
PACK_INTENTS = HERE.parents[1] / "voice_guide" / "packs" / "muscle_atrophy" / "intents.yaml"


def test_the_batches_are_well_formed():
    for name, controls, others in (("controls_batch_19.txt", 200, 60), ("controls_batch_19b.txt", 75, 15)):
        rows = read_batch(name)
        assert {s for s, _, _ in rows} <= {s.value for s in S}
        assert {w for _, w, _ in rows} <= {*CONTROL_INTENTS, "-"}
        assert (sum(w != "-" for _, w, _ in rows), sum(w == "-" for _, w, _ in rows)) == (controls, others)
        assert len({t for _, _, t in rows}) == len(rows)


def test_the_first_batch_is_understood_but_for_the_misses_left(engine):
    # 183/200 and 3 of 60 non-commands taken as a command on 3c58b7a, before the round's changes
    assert batch_misses(engine.understander, "controls_batch_19.txt") == {
        # (twenty-seventh round: "we want to do a few exersises with dad this morning" is start_routine: "this morning" a
        # polite ending, the rest short enough for its slip to be corrected)
        "yep": "yes",  # while waiting: the same action as ready (control_equivalence)
    }


def test_the_second_batch_is_understood_but_for_the_misses_left(engine):
    # 54/75 and 5 of 15 taken as a command on 3c58b7a
    misses = batch_misses(engine.understander, "controls_batch_19b.txt")
    # the learned safety net is on the edge of this one: pain or next, by what the process read before
    assert misses.pop("this one's too hard skip it", "next") in {"next", "pain"}
    assert misses == {
        "i would like to do some stretching with gran today": "fallback",
        "time for the stretches with mum": "fallback",
        "can you get rid of the dings": "fallback",
        "dads got his arm on the table": "fallback",
        # (twenty-first round: "what about stretching does that help" is no longer taken for help)
    }


def test_two_joined_commands_give_the_last_when_both_parts_are_whole_commands():
    table = {"where were we": "repeat", "keep going": "resume", "hold on": "pause", "okay": "yes",
             "the bit before": "previous", "again": "repeat", "stop": "stop", "that is enough": "stop",
             "count slower": "slower", "stop the whole routine": "stop", "the whole routine": "start_routine",
             "let us continue": "resume", "with his arm": "start_routine"}
    find = part_recognizer(table)
    texts = ("right where were we keep going", "where were we keep going", "keep going hold on",
             "the bit before again", "stop that is enough", "where were we and keep going", "keep going",
             "where were we keep going keep going keep going", "count slower keep going",
             "let us continue with his arm")
    got = {t: last_of_joined(t, find, lambda p: p.removeprefix("right ")) for t in texts}
    assert got == {
        "right where were we keep going": "resume",  # the first part without its polite word
        "where were we keep going": "resume",
        "keep going hold on": None,  # an aside last: the clause rules' (NOT_LAST)
        "the bit before again": None,  # a last part of one word is a modifier
        "stop that is enough": None,  # a first part of one word: the verb of the rest, as often as not
        # (twenty-sixth round: a joiner between two whole commands is dropped, control_joined.JOINERS; was None)
        "where were we and keep going": "resume",
        "keep going": None,  # one command
        "where were we keep going keep going keep going": None,  # over JOINED_MAX_WORDS
        "count slower keep going": None,  # a setting first (NOT_AFTER)
        "let us continue with his arm": None,  # the last part is the object of the first (OBJECT_WORDS)
    }
    assert NOT_LAST == frozenset({"yes", "pause"})
    assert "slower" in NOT_AFTER


@pytest.mark.parametrize(("state", "text", "intent"), [
    # two commands in one breath, as a recognizer writes them
    (S.ROUTINE_PAUSED, "ok where were we carry on", "resume"),
    (S.ROUTINE_COUNTING, "ok stop thats enough", "stop"),
    (S.ROUTINE_WAITING, "hang on go back one", "previous"),
    (S.IDLE, "the arm exercises hold on okay", "start_routine"),  # the aside gives way (ninth round)
    (S.ROUTINE_COUNTING, "count slower keep going", "slower"),  # a setting, then go on
    # the exercises without a routine named (the guide asks which)
    (S.IDLE, "shall we do the stretches", "start_routine"),
    (S.ANSWERED, "could we get on with her physio exercises", "start_routine"),
    (S.IDLE, "get the morning workout going", "start_routine"),
    # one command with its object, an answer word as a polite prefix (tuning lines' shapes, own words)
    (S.ROUTINE_PAUSED, "stop the whole session", "stop"),
    (S.ROUTINE_COUNTING, "repeat the instructions for this one", "repeat"),
    (S.ANSWERED, "okay you can turn off now", "exit"),
    # a stop for a while is a pause; the person helped; a limb placed; the answer in a polite suffix
    (S.READING, "stop reading for a little bit", "pause"),
    (S.ROUTINE_WAITING, "what is grandad meant to be doing", "help"),
    (S.ROUTINE_WAITING, "my husband has got his hand on the cushion", "ready"),
    (S.ROUTINE_SAFETY_CHECK, "he seems fine sorry", "yes"),
    (S.ROUTINE_SAFETY_CHECK, "righto", "yes"),
    # a request with the listener's head or sleep as its reason
    (S.READING, "turn it down please dad has a migraine", "quieter"),
    (S.ANSWERED, "softer please the kids are asleep", "quieter"),
])
def test_the_rounds_families_in_their_states_joined(engine, state, text, intent):
    assert (text, engine.understander.understand(text, state).intent) == (text, intent)


def test_the_unnamed_exercises_name_no_routine(engine):
    got = engine.understander.understand("can we do the exercises now", S.IDLE)
    assert (got.intent, got.slots) == ("start_routine", {})


@pytest.mark.parametrize("state", [S.IDLE, S.READING, S.ROUTINE_COUNTING, S.ROUTINE_PAUSED])
def test_errands_weather_and_chores_are_no_command(engine, state):
    u = engine.understander
    texts = ("we have to stop at the post office after this", "it might stop raining later",
             "could you help me fill in this form", "help us with the ironing")
    assert {t: u.understand(t, state).intent in CONTROL_INTENTS for t in texts} == dict.fromkeys(texts, False)


def test_questions_near_the_rounds_rules_are_left_to_the_article_joined(engine):
    u = engine.understander
    texts = ("what exercises are good for the legs", "how often should she do her exercises",
             "should we do exercises every day", "what causes atrophy in the legs")
    assert {t: u.understand(t, S.IDLE).intent in CONTROL_INTENTS for t in texts} == dict.fromkeys(texts, False)


def test_fewer_sentences_are_sampled_of_the_unnamed_start():
    matcher = ControlMatcher(yaml.safe_load(PACK_INTENTS.read_text(encoding="utf-8")))
    idle = matcher._by_state[S.IDLE]
    sampled = state_sentences(idle)
    starts = [s for s in sampled if matcher.exact(s, S.IDLE) and matcher.exact(s, S.IDLE).intent == "start_routine"]
    assert (STATE_SAMPLES_OF, len(starts)) == ({"start_routine": 10}, 10)
