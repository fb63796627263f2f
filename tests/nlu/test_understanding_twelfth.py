"""Twelfth round: lay words for lying about, disuse, crutches, sticks-thin arms, infections, fatigue and
intensive care (the lexicon); a question of weak words that the joint decision is sure of is answered once the
commands have had their turn (``Understander.decision_alone``).

Every question here is written for these tests (none from the dev set or the paraphrase sets).
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import DECISION_ALONE, Understander


@pytest.fixture(scope="module")
def normalizer():
    pack = load_pack()
    return TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)


@pytest.mark.parametrize("text, tokens", [
    ("me da is not very active and lazing about all day", ["sedentari", "sedentari", "day"]),
    ("her arm is not being used", ["arm", "disus"]),
    ("on crutches for weeks and his arms are like sticks", ["cast", "week", "arm", "atrophi"]),
    ("a bad bout of sepsis", ["sever", "bout", "infect"]),
    ("my mam is knackered", ["fatigu"]),
    ("after intensive care her leg keeps flickering", ["hospit", "leg", "keep", "twitch"]),
])
def test_lay_words_become_the_article_words(normalizer, text, tokens):
    assert normalizer.tokens(text) == tokens


@pytest.fixture(scope="module")
def understander():
    return Understander(load_pack())


def test_decision_alone_is_on_by_default(understander):
    assert DECISION_ALONE is not None
    assert understander.decision_alone == DECISION_ALONE


@pytest.mark.parametrize("text, intent, section", [
    ("his hand just hangs there now and he never uses it, what happens to it", "ask_disuse", "disuse"),
    ("does staying still for weeks do something to the muscles", "ask_disuse", "disuse"),
])
def test_weak_words_with_a_sure_decision_are_answered(understander, text, intent, section):
    understander.decision_alone = None
    try:
        before = understander.understand(text)
    finally:
        understander.decision_alone = DECISION_ALONE
    after = understander.understand(text)
    assert (before.intent, before.section_id) == ("fallback", None)
    assert (after.intent, after.section_id) == (intent, section)


@pytest.mark.parametrize("text, state, intent", [
    ("what is a good recipe for pancakes", DialogueState.IDLE, "fallback"),
    ("how is the weather today", DialogueState.IDLE, "fallback"),
    ("can he still drive with weak legs", DialogueState.IDLE, "fallback"),
    ("why is my grandad so tired all the time", DialogueState.IDLE, "fallback"),
    ("a bit louder please", DialogueState.IDLE, "louder"),
    ("pause for a moment", DialogueState.ROUTINE_COUNTING, "pause"),
])
def test_commands_and_unrelated_questions_are_unchanged(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent
