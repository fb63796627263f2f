"""The second hearing's readings are assessed in the dialogue's state, as the main decode and typed text are.

Before this (thirtieth round) ``Interpreter.second_opinion`` and its helpers (``interpret_rescue*``,
``interpret_verify``, ``interpret_concepts``) read every reading of the second hearing without the state, while the
main decode reads its hypotheses in it (twenty-ninth round). A bare "end it" said when idle is crisis talk in the main
decode; heard poorly, its verification read it statelessly, found nothing, and turned the crisis reply into an
emergency question of no concept (and its own words, echoed by the unbiased reading, did not back it). At a routine's
safety check a readiness answer heard only by the second hearing was read as crisis talk and asked about. The
sentences and hearings are built here; the recognizer is not involved (the hearings are what it would return)."""

from __future__ import annotations

from voice_guide.nlu.interpret_verify import SecondHearing
from voice_guide.nlu.state import DialogueState

IDLE = DialogueState.IDLE
CHECK = DialogueState.ROUTINE_SAFETY_CHECK
NOISY_FLOOR = -30.0


def hearing(general: str, safety: str = "", margin: float = -0.05) -> SecondHearing:
    """A second hearing in a noisy room: the unbiased best path ``general``, the safety-only reading and its margin."""
    return SecondHearing((general,), safety, margin, True, NOISY_FLOOR)


def test_a_poorly_heard_idle_end_it_stays_crisis_talk_when_heard_again(pipe):
    interpreter = pipe.engine.interpreter
    alarm = interpreter.interpret("end it", 0.6, (), IDLE)
    assert (alarm.intent, alarm.slots) == ("crisis", {"concept": "crisis"})
    assert interpreter.wants_second_opinion(alarm, 0.6, NOISY_FLOOR)
    # the unbiased reading is garbled: asked about, as crisis talk (on the base: an emergency question of no concept)
    asked = interpreter.second_opinion(alarm, hearing("and eat"), 0.6, IDLE)
    assert (asked.intent, asked.slots, asked.section_id) == (
        "confirm_emergency", {"concept": "crisis", "kind": "crisis", "heard": "end it"}, None)
    # the unbiased reading hears the same words: they back the crisis reply (on the base: the emergency question)
    backed = interpreter.second_opinion(alarm, hearing("end it"), 0.6, IDLE)
    assert (backed.intent, backed.slots) == ("crisis", {"concept": "crisis"})


def test_the_state_travels_with_the_hearing(pipe):
    # a hearing that carries its state is read in it when the call gives none (replays, the raw hearing)
    interpreter = pipe.engine.interpreter
    alarm = interpreter.interpret("end it", 0.6, (), IDLE)
    carried = SecondHearing(("end it",), "", -0.05, True, NOISY_FLOOR, state=IDLE)
    assert interpreter.second_opinion(alarm, carried, 0.6).intent == "crisis"


def test_a_readiness_answer_heard_again_at_the_safety_check_is_not_crisis_talk(pipe):
    interpreter = pipe.engine.interpreter
    text = "he says yes he's ready to go"
    assert pipe.understander.understand(text, CHECK).intent == "yes"
    declined = interpreter.interpret("the cat and the kettle", 0.4, (), CHECK)
    assert declined.intent in ("fallback", "not_covered", "out_of_scope")
    heard = hearing(text, text, 0.02)
    # on the base the second hearing asked "did you say ... crisis?" at the routine's question of readiness
    assert interpreter.second_opinion(declined, heard, 0.4, CHECK) == declined
    # idle, the same words are not an answer to anything: the crisis phrase in them is still asked about
    idle = interpreter.second_opinion(interpreter.interpret("the cat and the kettle", 0.4, (), IDLE), heard, 0.4, IDLE)
    assert (idle.intent, idle.slots.get("kind")) == ("confirm_emergency", "crisis")


def test_a_red_flag_heard_again_at_the_safety_check_is_still_asked_about(pipe):
    # the state quiets only what typed text reads as no alarm in it: a real red flag at the check still asks
    interpreter = pipe.engine.interpreter
    declined = interpreter.interpret("the cat and the kettle", 0.4, (), CHECK)
    heard = hearing("she can't breathe", "she can't breathe", 0.02)
    asked = interpreter.second_opinion(declined, heard, 0.4, CHECK)
    assert (asked.intent, asked.section_id, asked.slots.get("kind")) == ("confirm_emergency", None, "emergency")
