"""One conversation over a shared engine: settings, repeat, routines, packs without routines."""

from pathlib import Path

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.core.types import Action, Outcome
from voice_guide.engine import Engine

FALLS = Path(__file__).resolve().parents[2] / "voice_guide" / "packs" / "preventing_falls"


@pytest.fixture(scope="module")
def engine():
    return Engine()


@pytest.fixture(scope="module")
def falls_engine():
    return Engine(load_pack(FALLS))


def test_repeat_after_slower_repeats_the_answer_not_the_acknowledgement(engine):
    c = engine.new_conversation()
    answer = c.handle_text("how is nerve related atrophy treated")
    slower = c.handle_text("slower")
    assert slower.text == "Slower: 125 words a minute." and slower.action == Action.SPEECH_CHANGED
    for phrase in ("repeat", "say that again", "what did you say"):
        again = c.handle_text(phrase)
        assert (again.intent, again.text) == ("repeat", answer.text), phrase


def test_slower_and_faster_say_the_rate_and_the_limit(engine):
    c = engine.new_conversation()
    texts = [c.handle_text("slower").text for _ in range(8)]
    assert texts[0] == "Slower: 125 words a minute."
    assert texts[-1] == "This is already my slowest: 80 words a minute."
    assert c.speech.rate_wpm == 80
    for _ in range(12):
        last = c.handle_text("faster").text
    assert last == "This is already my fastest: 450 words a minute."


def test_conversations_do_not_share_state(engine):
    a, b = engine.new_conversation(), engine.new_conversation()
    a.handle_text("what is cachexia")
    a.handle_text("slower")
    assert b.handle_text("repeat").text.startswith("I have not said anything yet")
    assert b.speech.rate_wpm == 150


def test_settings_are_kept_in_the_store():
    class Store:
        def __init__(self):
            self.changes = []

        def update(self, **changes):
            self.changes.append(changes)

    store = Store()
    c = Engine().new_conversation(store=store)
    c.handle_text("louder")
    c.handle_text("quieter")
    assert [ch["speech"].volume for ch in store.changes] == [1.0, 0.9] or len(store.changes) == 1


def test_a_routine_starts_runs_on_the_clock_and_stops(engine):
    c = engine.new_conversation()
    start = c.handle_text("start hand exercises", now_s=0.0)
    assert (start.intent, start.action, start.outcome) == ("start_routine", Action.ROUTINE_STARTED, Outcome.ROUTINE)
    assert "safety check" in start.text and c.state == "routine_safety_check"
    yes = c.handle_text("yes", now_s=1.0)
    assert yes.outcome == Outcome.ROUTINE and "Exercise 1 of" in yes.text
    said = [r.text for r in (c.tick(t / 10) for t in range(10, 1200)) if r is not None]
    assert said and c.state in ("routine_moving", "routine_holding", "routine_returning", "routine_resting")
    paused = c.handle_text("pause", now_s=120.0)
    assert paused.text.startswith("Paused")
    assert c.tick(1000.0) is None  # a pause has no time limit
    stop = c.handle_text("stop", now_s=1001.0)
    assert stop.action == Action.ROUTINE_ENDED and c.routine is None


def test_pain_in_a_routine_stops_it_with_the_routines_guidance(engine):
    c = engine.new_conversation()
    c.handle_text("start arm exercises", now_s=0.0)
    c.handle_text("yes", now_s=1.0)
    pain = c.handle_text("it hurts", now_s=5.0)
    assert pain.intent == "pain" and pain.outcome == Outcome.SAFETY and c.routine is None
    assert "Stop" in pain.text


def test_a_pack_without_routines_never_offers_or_starts_one(falls_engine):
    c = falls_engine.new_conversation()
    assert c.handle_text("repeat").text == "I have not said anything yet. Ask me a question about preventing falls."
    assert "exercises" not in c.handle_text("help").text
    assert "exercises" not in c.handle_text("list topics").text
    assert c.handle_text("start arm exercises").text == "This guide has no exercises. You can ask me about preventing falls."
    assert c.routine is None


def test_an_emergency_during_a_routine_stops_it_with_the_emergency_message(engine):
    c = engine.new_conversation()
    c.handle_text("start arm exercises", now_s=0.0)
    c.handle_text("yes", now_s=1.0)
    r = c.handle_text("my father has collapsed", now_s=6.0)
    assert (r.intent, r.action, r.outcome) == ("emergency", Action.EMERGENCY, Outcome.SAFETY)
    assert "emergency number" in r.text and c.routine is None


def test_a_routine_for_one_side_by_voice(engine):
    c = engine.new_conversation()
    start = c.handle_text("start arm exercises", now_s=0.0)
    assert start.action == Action.ROUTINE_STARTED
    side = c.handle_text("only her right arm", now_s=1.0)
    assert "right" in side.text.lower()


def test_typed_settings_phrases_change_the_speech(engine):
    c = engine.new_conversation()
    assert (c.handle_text("brief answers").action, c.speech.verbosity) == (Action.SPEECH_CHANGED, "brief")
    assert c.handle_text("full answers").text == "Full answers from now on." and c.speech.verbosity == "full"
    assert c.handle_text("sounds off").text == "Sounds off." and c.speech.earcons is False
    assert c.handle_text("sounds on").text == "Sounds on." and c.speech.earcons is True
    voice = c.speech.voice
    assert c.handle_text("change the voice").action == Action.SPEECH_CHANGED and c.speech.voice != voice


def test_brief_answers_read_one_sentence(engine):
    c = engine.new_conversation()
    full = c.handle_text("how is nerve related atrophy treated")
    c.handle_text("brief answers")
    brief = c.handle_text("how is nerve related atrophy treated")
    assert brief.section_id == full.section_id and brief.text.count(". ") == 0 and len(brief.text) < len(full.text)


def test_near_domain_and_not_covered_questions_get_helpful_declines(engine):
    c = engine.new_conversation()
    for text, intent in (("how many milligrams of prednisone should I take", "medical_advice"),
                         ("is muscle atrophy contagious", "not_covered"),
                         ("what are the symptoms of the flu", "out_of_scope")):
        r = c.handle_text(text)
        assert (r.intent, r.slots.get("decline")) == ("fallback", intent), (text, r.intent, r.slots)
        assert r.section_id is None and "only answer questions" not in r.text and r.text


def test_the_dialogue_state_shapes_short_answers(engine):
    from voice_guide.nlu.state import DialogueState

    c = engine.new_conversation()
    assert c.dialogue_state == DialogueState.IDLE
    c.handle_text("how is nerve related atrophy treated")
    assert c.dialogue_state == DialogueState.ANSWERED
    c.handle_text("start arm exercises", now_s=0.0)
    assert c.dialogue_state == DialogueState.ROUTINE_SAFETY_CHECK
    ok = c.handle_text("okay", now_s=1.0)  # "okay" is yes at the safety check
    assert ok.intent == "yes" and c.dialogue_state != DialogueState.ROUTINE_SAFETY_CHECK
