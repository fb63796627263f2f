"""Interpreter.second_opinion, twentieth session: declined speech in which the red-flag spotter found a key phrase
of a concept (:data:`RESCUE_SPOTTED` 1: any, 2: only when another reading names the same concept; a passage in a noisy room:
:data:`RESCUE_SPOTTED_PASSAGES`) and the concept
of each key phrase of the per-concept table (:meth:`SecondOpinion.spotted_finding`); docs/spoken-rejection.md,
"Twentieth round". The hearings are built by hand (no recognizer is loaded); the sentences are written for these
tests."""

from interpret_support import KITCHEN_FLOOR_DBFS

from voice_guide.nlu import interpret_rescue as rescue
from voice_guide.nlu.interpret import SecondHearing
from voice_guide.stt.pocketsphinx.keywords import RED_FLAG_CONCEPT_KEYPHRASES, keyphrase_concept

GARBLED = "the window sill and a cup of tea for later on"
"""What the main decode heard: declined speech, no red-flag word."""
PLAIN = "the window still in a cup of tea for later"
"""An unbiased reading with no red flag and no red-flag word."""
SAFETY_CHEST = "my dad chest pain and the window"
"""A safety-only reading that names chest pain."""
QUESTION = "what causes muscle atrophy"
"""An article question (a passage)."""
STROKE_QUESTION = "does a stroke weaken the muscles"
"""An article question about a red-flag concept: the rules hold its stroke cancelled (a question)."""
SAFETY_BLEEDING = "she is bleeding heavily and it will not stop"
"""A safety-only reading that names bleeding (another concept)."""


def _outcome(pipe, spotted, safety="", floor_dbfs=KITCHEN_FLOOR_DBFS, text=GARBLED):
    match = pipe.interpret(text, 0.3 if text == GARBLED else 0.8)
    heard = SecondHearing((PLAIN,), safety, -0.5, noisy=True, floor_dbfs=floor_dbfs, spotted=spotted)
    m = pipe.interpreter.second_opinion(match, heard, match.confidence)
    return (m.intent if not m.is_knowledge else "passage", m.slots.get("concept"), m.slots.get("kind"))


def test_the_hand_made_sentences_are_what_the_tests_say(pipe):
    safety = pipe.understander.safety
    assert pipe.interpret(GARBLED, 0.3).intent == "fallback"
    assert (safety.assess(PLAIN).is_red_flag, safety.spoken_alarm(PLAIN), safety.spoken_alarm(PLAIN, weak=True)) == (
        False, None, None)
    assert (safety.assess(SAFETY_CHEST).concept, safety.assess(SAFETY_BLEEDING).concept) == ("chest_pain", "bleeding")


def test_every_key_phrase_names_its_own_concept_through_the_safety_words(pipe):
    got = {p: (f.concept if (f := pipe.interpreter.spotted_finding(p)) is not None else None)
           for phrases in RED_FLAG_CONCEPT_KEYPHRASES.values() for p in phrases}
    assert got == {p: keyphrase_concept(p) for p in got}


def test_a_word_the_safety_words_do_not_know_names_nothing(pipe):
    assert (pipe.interpreter.spotted_finding("kettle"), pipe.interpreter.spotted_finding("window sill")) == (None, None)


def test_off_a_spotted_phrase_changes_nothing(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 0.0)
    assert _outcome(pipe, ("chest",)) == ("fallback", None, None)


def test_at_1_any_spotted_phrase_of_a_concept_is_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 1.0)
    assert _outcome(pipe, ("chest",)) == ("confirm_emergency", "chest_pain", "emergency")
    assert _outcome(pipe, ("kettle", "want to die")) == ("confirm_emergency", "crisis", "crisis")
    assert _outcome(pipe, ("kettle",)) == ("fallback", None, None)


def test_at_2_only_a_phrase_another_reading_agrees_with_is_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 2.0)
    assert _outcome(pipe, ("chest",)) == ("fallback", None, None)
    assert _outcome(pipe, ("chest",), SAFETY_BLEEDING) == ("fallback", None, None)
    assert _outcome(pipe, ("blood", "chest"), SAFETY_CHEST) == ("confirm_emergency", "chest_pain", "emergency")


def test_a_concept_the_main_decode_heard_cancelled_is_not_asked_about(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 1.0)
    negated = "he is not choking on anything at the moment"
    assert pipe.interpret(negated, 0.3).intent == "fallback"
    assert _outcome(pipe, ("choking",), text=negated) == ("fallback", None, None)


def test_a_passage_in_a_noisy_room_is_asked_about_only_with_its_own_setting(pipe, monkeypatch):
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED", 1.0)
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED_PASSAGES", 0.0)
    assert _outcome(pipe, ("chest",), text=QUESTION) == ("passage", None, None)
    monkeypatch.setattr(rescue, "RESCUE_SPOTTED_PASSAGES", 1.0)
    assert _outcome(pipe, ("chest",), text=QUESTION) == ("confirm_emergency", "chest_pain", "emergency")
    assert _outcome(pipe, ("stroke",), text=STROKE_QUESTION) == ("passage", None, None)  # heard cancelled: a question
