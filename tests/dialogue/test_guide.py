"""Dialogue: answers, more, repeat, reading the article, fallback and emergency replies."""

import pytest

from voice_guide.dialogue.guide import Guide


@pytest.fixture()
def guide():
    return Guide.load()


def test_knowledge_answer_is_article_sentences_with_section(guide):
    a = guide.respond("how is nerve related atrophy treated")
    assert a.section_id == "neurogenic"
    assert "Treatment and prevention of neurogenic muscle atrophy involve passive exercises." in a.text
    assert a.text.endswith("Say more to hear the rest.")


def test_more_continues_the_same_section_without_repeating(guide):
    first = guide.respond("how is nerve related atrophy treated")
    more = guide.respond("tell me more")
    assert more.section_id == "neurogenic"
    first_sentences = set(first.text.split(". "))
    assert not any(s in first_sentences for s in more.text.split(". ") if len(s) > 20)


def test_repeat_says_the_last_answer_again(guide):
    a = guide.respond("what is cachexia")
    assert guide.respond("say that again").text == a.text


def test_read_article_then_next_and_previous(guide):
    a = guide.respond("read the article")
    assert a.text.startswith("Muscle Atrophy Types and Causes. By Carol Eustice, Verywell Health. Introduction.")
    n = guide.respond("next")
    assert n.section_id == "muscle_wasting" and n.text.startswith("Muscle Atrophy or Muscle Wasting.")
    p = guide.respond("previous")
    assert p.section_id == "introduction"


def test_fallback_says_what_it_can_answer_with_two_examples(guide):
    a = guide.respond("what is the capital of France")
    assert a.intent == "fallback"
    assert "only answer questions about muscle atrophy" in a.text
    assert a.text.count("?") == 2


def test_emergency_answer_says_call_emergency_number(guide):
    a = guide.respond("my father has collapsed")
    assert a.intent == "emergency"
    assert "call your local emergency number now" in a.text.lower()


def test_settings_intents_carry_actions(guide):
    assert [guide.respond(t).action for t in ("slower", "faster", "louder", "quieter", "quit")] == [
        "slower", "faster", "louder", "quieter", "exit"]


def test_start_routine_names_the_routine(guide):
    a = guide.respond("start arm exercises")
    assert (a.intent, a.slots, a.action) == ("start_routine", {"routine": "arms"}, "start_routine")
