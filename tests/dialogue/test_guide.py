"""The article dialogue: answers, more, repeat, reading the article, fallback, lists read with their items."""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.dialogue.guide import Guide, RoutineName
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def understander():
    return Understander(load_pack())


@pytest.fixture()
def guide(understander):
    g = Guide(understander.pack, routines=(RoutineName("arms", "arm exercises"),))
    g.respond = lambda text: g.answer(understander.understand(text))  # type: ignore[attr-defined]
    return g


def test_knowledge_answer_is_article_sentences_with_section(guide):
    a = guide.respond("how is nerve related atrophy treated")
    assert a.section_id == "neurogenic"
    assert "Treatment and prevention of neurogenic muscle atrophy involve passive exercises." in a.text
    assert a.text.endswith("Say more to hear the rest.")


def test_one_shot_answers_do_not_offer_more(guide):
    guide.interactive = False
    a = guide.respond("how is nerve related atrophy treated")
    assert "Say more" not in a.text and a.section_id == "neurogenic"


def test_more_continues_the_same_section_without_repeating(guide):
    first = guide.respond("how is nerve related atrophy treated")
    more = guide.respond("tell me more")
    assert more.section_id == "neurogenic"
    first_sentences = set(first.text.split(". "))
    assert not any(s in first_sentences for s in more.text.split(". ") if len(s) > 20)


def test_repeat_says_the_last_answer_again(guide):
    a = guide.respond("what is cachexia")
    assert guide.respond("say that again").text == a.text


def test_repeat_with_nothing_said_yet_names_the_pack_subject(guide):
    assert guide.respond("repeat").text == "I have not said anything yet. Ask me a question about muscle atrophy."


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


def test_a_list_introduction_is_never_read_without_its_items(guide, understander):
    section = understander.pack.section("disuse")
    intro = next(u for u in section.units if u.list_intro)
    items = [u for u in section.units if u.block == intro.block and u.index > intro.index]
    guide.interactive = False
    a = guide.respond("tell me about disuse atrophy")
    if intro.text in a.text:
        assert items[0].text in a.text
        assert a.text.index(intro.text) < a.text.index(items[0].text)
    assert not a.text.rstrip().endswith(":")


def test_every_answer_of_every_section_never_ends_on_a_colon(guide, understander):
    guide.interactive = False
    for topic in understander.pack.topics:
        for sample in topic.samples[:2]:
            a = guide.respond(sample)
            assert not a.text.rstrip().endswith(":"), (sample, a.text)


def test_help_and_topics_offer_the_routines_given(guide):
    assert "start arm exercises" in guide.respond("help").text
    assert guide.respond("list topics").text.endswith("I can also guide passive exercises: arm exercises.")


def test_a_second_sections_list_introduction_is_dropped_when_its_first_item_is_not_read(guide, understander):
    from voice_guide.nlu.match import IntentMatch

    pack = understander.pack
    intro_section = next(s for s in pack.sections if any(u.list_intro for u in s.units))
    intro = next(u for u in intro_section.units if u.list_intro)
    items = [u for u in intro_section.units if u.block == intro.block and u.index > intro.index]
    answer = pack.section("pathologic").units[0]
    guide.interactive = False

    later_only = IntentMatch("ask_pathologic", 1.0, section_id="pathologic", units=(answer,), also=(intro, items[-1]))
    assert guide.answer(later_only).text == f"{answer.text} {items[-1].text}"

    with_first = IntentMatch("ask_pathologic", 1.0, section_id="pathologic", units=(answer,), also=(intro, items[0]))
    assert guide.answer(with_first).text == f"{answer.text} {intro.text} {items[0].text}"
