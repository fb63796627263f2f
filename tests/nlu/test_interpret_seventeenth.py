"""Interpreter, seventeenth session: red flags that noise turns into a question about a condition, runner-ups only
the learned net suspects, and safety-only readings only the net suspects (:data:`QUESTION_IN_NOISE`,
:data:`RUNNER_UP_SUSPECTED_AT`, :data:`RESCUE_NET_MIN_MARGIN`; docs/spoken-rejection.md, "Seventeenth round").
The hypotheses and hearings are built by hand (no recognizer is loaded); the sentences are written for these tests."""


from interpret_support import KITCHEN_FLOOR_DBFS, QUIET_FLOOR_DBFS

from voice_guide.nlu import interpret as interpret_module
from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu import interpret_rescue_readings as rescue_readings
from voice_guide.nlu.interpret import SecondHearing

MISHEARD = "what is the point of the walk and she says she feels faint and the room is spinning"
"""A report whose first words noise made a question's: the rules read the whole as a question about fainting."""
SUSPECTED = "what is the name of the park and she says she feels faint"
"""No live red flag of the rules (the question cancels it), but the learned net suspects one. (Until the tune28
rebuild, ea2da72, the sentence said "he says he feels faint"; the refitted net gives that 0.82, just under its
question, and this one 0.85.)"""
NEAR_MISSES = ("could breathlessness be caused by weak chest muscles", "what's the difference between fainting and a seizure")
PLAIN = "the garden shed door is painted blue"


def _heard(general=PLAIN, safety=PLAIN, margin=-0.05, floor_dbfs=KITCHEN_FLOOR_DBFS):
    return SecondHearing((general,), safety, margin, noisy=True, floor_dbfs=floor_dbfs)


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    misheard, suspected = safety.assess(MISHEARD), safety.assess(SUSPECTED)
    assert (misheard.is_red_flag, sorted(safety.cancelled_concepts(MISHEARD))) == (False, ["collapse"])
    assert (suspected.kind.value, suspected.by_net) == ("confirm_emergency", True)
    assert pipe.interpreter.red_flag_probability(SUSPECTED) >= 0.8
    assert not safety.assess(PLAIN).is_red_flag and pipe.interpreter.red_flag_probability(PLAIN) < 0.5


def test_the_report_after_a_misheard_question_is_found(pipe):
    report = pipe.interpreter.without_question_start(MISHEARD)
    assert report == "she says she feels faint and the room is spinning"
    assert pipe.understander.safety.assess(report).concept == "collapse"


def test_a_question_about_a_condition_has_no_report_after_it(pipe):
    assert [pipe.interpreter.without_question_start(t) for t in NEAR_MISSES] == [None, None]
    assert pipe.interpreter.without_question_start(PLAIN) is None


def test_by_default_a_misheard_question_in_a_noisy_room_gets_the_question(pipe):
    assert rescue.QUESTION_IN_NOISE == 1.0
    declined = pipe.interpret(MISHEARD, 0.7)
    assert declined.intent == "fallback"
    m = pipe.interpreter.second_opinion(declined, _heard(), 0.7)
    assert (m.intent, m.slots.get("concept"), m.slots.get("heard")) == ("confirm_emergency", "collapse", MISHEARD)


def test_in_a_quiet_room_a_question_stays_a_question(pipe):
    declined = pipe.interpret(MISHEARD, 0.7)
    m = pipe.interpreter.second_opinion(declined, _heard(floor_dbfs=QUIET_FLOOR_DBFS), 0.7)
    assert m.intent == "fallback"


def test_the_misheard_question_rule_can_be_turned_off(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "QUESTION_IN_NOISE", 0.0)
    m = pipe.interpreter.second_opinion(pipe.interpret(MISHEARD, 0.7), _heard(), 0.7)
    assert m.intent == "fallback"


def test_a_runner_up_only_the_net_suspects_is_asked_about(pipe):
    assert interpret_module.RUNNER_UP_SUSPECTED_AT == 0.5
    m = pipe.interpret(PLAIN, 0.7, ((SUSPECTED, 0.6),))
    assert (m.intent, m.slots.get("heard"), m.confidence) == ("confirm_emergency", SUSPECTED, 0.6)


def test_a_runner_up_the_net_suspects_heard_poorly_is_not_asked_about(pipe):
    m = pipe.interpret(PLAIN, 0.7, ((SUSPECTED, 0.4),))
    assert m.intent == "fallback"


def test_without_the_runner_up_rule_only_the_best_hypothesis_counts(pipe, monkeypatch):
    monkeypatch.setattr(interpret_module, "RUNNER_UP_SUSPECTED_AT", 0.0)
    assert pipe.interpret(PLAIN, 0.7, ((SUSPECTED, 0.6),)).intent == "fallback"
    assert pipe.interpret(SUSPECTED, 0.7).intent == "confirm_emergency"


def test_a_safety_reading_only_the_net_suspects_rescues_declined_speech_when_turned_on(pipe, monkeypatch):
    declined = pipe.interpret(PLAIN, 0.7)
    heard = _heard(safety=SUSPECTED, margin=0.005)
    assert pipe.interpreter.second_opinion(declined, heard, 0.7).intent == "fallback"  # off by default
    monkeypatch.setattr(rescue_readings, "RESCUE_NET_MIN_MARGIN", 0.0)
    m = pipe.interpreter.second_opinion(declined, heard, 0.7)
    assert (m.intent, m.slots.get("heard")) == ("confirm_emergency", SUSPECTED)
    assert pipe.interpreter.second_opinion(declined, _heard(safety=SUSPECTED, margin=-0.005), 0.7).intent == "fallback"
