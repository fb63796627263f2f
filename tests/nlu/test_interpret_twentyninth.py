"""Twenty-ninth round: spoken hypotheses are assessed for safety in the dialogue's state, as typed text is.

Before this round ``Interpreter.safety_first`` assessed every hypothesis and keyword without the state, so the same
words in the same state could be read two ways: a bare "end it" said when idle (crisis talk typed: there is nothing
to end) was the stop command spoken, and "he says yes he's ready to go" at the routine's safety check (the answer
typed) was the crisis reply spoken. And a red-flag keyword of a best hypothesis heard clearly whose reading holds no
red flag (typed it is no alarm) no longer asks (``interpret.KEYWORD_CLEAR_AT``). The sentences are written for these tests; the audio test hears a synthetic voice
through the real recognizer (skipped when no voice or recognizer is installed)."""

from __future__ import annotations

import pytest

from voice_guide.nlu.state import DialogueState
from voice_guide.testing.voices import available_voices, synthesize, with_silence

IDLE = DialogueState.IDLE
CHECK = DialogueState.ROUTINE_SAFETY_CHECK

SAME_WORDS = [
    ("end it", IDLE, "crisis"),
    ("just end it", IDLE, "crisis"),
    ("he says yes he's ready to go", CHECK, "yes"),
]


@pytest.mark.parametrize("text, state, intent", SAME_WORDS)
def test_spoken_and_typed_words_get_one_reading_in_a_state(pipe, text, state, intent):
    typed = pipe.understander.understand(text, state)
    spoken = pipe.interpret(text, 0.9, (), state)
    assert (typed.intent, spoken.intent, spoken.section_id) == (intent, intent, None)


def test_a_bare_end_it_outside_idle_is_still_the_command(pipe):
    # the state decides both ways: after an answer "end it" stops the reading, typed and spoken
    state = DialogueState.ANSWERED
    assert (pipe.understander.understand("end it", state).intent, pipe.interpret("end it", 0.9, (), state).intent) == ("stop", "stop")


def test_a_runner_up_is_read_in_the_state_too(pipe):
    heard = pipe.interpret("and it", 0.5, (("end it", 0.4),), IDLE)
    assert (heard.intent, heard.section_id) == ("confirm_emergency", None)
    ready = pipe.interpret("yes", 0.8, (("he says yes he's ready to go", 0.6),), CHECK)
    assert ready.intent == "yes"


def test_the_raw_main_decode_is_read_in_the_state(pipe):
    declined = pipe.interpret("a kettle on the hob and the radio by the window", 0.4)
    assert declined.intent == "fallback"
    hypotheses = (("just end it", 0.8),)
    assert pipe.interpreter.raw_opinion(declined, None, hypotheses, IDLE).intent == "confirm_emergency"
    assert pipe.interpreter.raw_opinion(declined, None, hypotheses, DialogueState.ANSWERED) is declined


def test_real_recognition_of_a_ready_answer_gets_the_typed_reading_of_what_was_heard(pipe):
    # on the base (57e6217) flite slt heard the sentence word for word (0.97) and the guide gave the crisis reply; now
    # the answer is read as typed, and a runner-up without the "yes" ("he says he has he's ready to go", 0.68, crisis
    # typed at the check) may still ask the question (a runner-up's red flag is asked about)
    voices = available_voices(("espeak:en-us", "flite:slt"))
    recognizer = getattr(pipe.engine, "recognizer", None)
    if not voices or recognizer is None:
        pytest.skip("no synthetic voice or recognizer")
    for voice in voices:
        t = recognizer.transcribe(with_silence(synthesize("he says yes he's ready to go", voice)).pcm)
        spoken = pipe.interpret(t.text, t.confidence, t.alternatives, CHECK)
        typed = pipe.understander.understand(t.text, CHECK)
        assert typed.intent not in ("crisis", "emergency"), (voice, t.text)
        assert spoken.intent in (typed.intent, "fallback", "confirm_emergency"), (voice, t.text, t.confidence)


# --- a red-flag keyword of words heard clearly that typed are no alarm (KEYWORD_CLEAR_AT) -----------------------------

def test_a_keyword_of_clearly_heard_words_that_are_no_alarm_typed_asks_nothing(pipe):
    # on the base (57e6217) each of these was the confirmation question at any confidence
    text = "i keep bleeding cash on parking at the clinic"
    assert pipe.understander.understand(text).intent not in ("emergency", "crisis", "confirm_emergency")
    assert [pipe.interpret(text, c).intent for c in (0.95, 0.85, 0.6)] == ["fallback", "fallback", "confirm_emergency"]
    repeat = pipe.interpret("go over the breathing part again", 0.9, (("go over the breathing hard again", 0.5),))
    assert repeat.intent == "repeat"


def test_a_keyword_of_a_clearly_heard_red_flag_still_raises_the_alarm(pipe):
    assert [pipe.interpret("she fell and her arm is bleeding", c).intent for c in (0.95, 0.6)] == ["emergency", "emergency"]
    heard = pipe.interpret("i keep bleeding cash on parking at the clinic", 0.4, (("i keep bleeding on the carpet", 0.3),))
    assert (heard.intent, heard.section_id) == ("confirm_emergency", None)  # not heard clearly: the keyword asks


def test_a_keyword_the_net_reads_as_a_red_flag_still_asks(pipe, monkeypatch):
    # KEYWORD_CLEAR_NET_BELOW: a tuning choking line the rules miss unpunctuated kept its question by the net's 0.86
    from voice_guide.nlu import interpret as interpret_module

    text = "i keep bleeding cash on parking at the clinic"
    assert pipe.interpreter.red_flag_probability(text) < interpret_module.KEYWORD_CLEAR_NET_BELOW
    monkeypatch.setattr(interpret_module, "KEYWORD_CLEAR_NET_BELOW", 0.0)
    assert pipe.interpret(text, 0.95).intent == "confirm_emergency"
