"""Fourth round of understanding: the out-of-domain gate on meaning, answers by meaning alone,
words a recognizer split, and control talk in every dialogue state.

The rules are tested with a stand-in for the sentence embeddings (exact scores, no model);
the end-to-end cases with the real model are skipped when it is not installed. Every sentence
here was written for these tests; none comes from the dev set or the paraphrase sets.
"""

from __future__ import annotations

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu import knowledge as knowledge_module
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.knowledge import KnowledgeMatcher
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander

needs_model = pytest.mark.skipif(model_files() is None, reason="the wordllama model is not installed")


class FixedMeaning:
    """Stand-in for the sentence embeddings: the same scores for every text."""

    def __init__(self, scores: list[float]) -> None:
        self.values = np.asarray(scores, dtype=np.float32)

    def scores(self, text: str) -> np.ndarray:
        return self.values


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def und(pack):
    return Understander(pack)


def _matcher(pack, topic_scores: dict[str, float], negative: float | None) -> KnowledgeMatcher:
    names = [t.name for t in pack.topics]
    scores = [topic_scores.get(n, 0.0) for n in names] + ([] if negative is None else [negative])
    normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)
    return KnowledgeMatcher(pack, normalizer, FixedMeaning(scores))


def test_the_pack_has_out_of_domain_samples_that_are_not_topic_samples(pack):
    negatives = {TextNormalizer.clean(s) for s in pack.intents["out_of_domain_samples"]}
    samples = {TextNormalizer.clean(s) for t in pack.topics for s in t.samples}
    assert len(negatives) >= 150
    assert negatives.isdisjoint(samples)


def test_a_question_nearer_to_the_out_of_domain_samples_is_not_answered_confidently(pack):
    text = "why do muscles get weak after a fall"  # words of the article, but say the meaning is elsewhere
    near_topic = _matcher(pack, {"ask_causes": 0.70}, negative=0.40).match(text)
    near_negative = _matcher(pack, {"ask_causes": 0.70}, negative=0.68).match(text)
    assert near_topic is not None and near_negative is not None
    assert near_negative.confidence <= knowledge_module._WEAK_CONFIDENCE < near_topic.confidence


def test_without_out_of_domain_scores_the_gate_does_nothing(pack):
    text = "why do muscles get weak after a fall"
    plain = _matcher(pack, {"ask_causes": 0.70}, negative=None).match(text)
    near_topic = _matcher(pack, {"ask_causes": 0.70}, negative=0.40).match(text)
    assert plain is not None and near_topic is not None
    assert plain.confidence == near_topic.confidence


def test_strong_word_evidence_is_answered_whatever_the_meaning_says(pack):
    m = _matcher(pack, {"ask_cachexia": 0.5}, negative=0.9).match("what is cachexia in cancer patients")
    assert m is not None and m.confidence >= knowledge_module._OOD_OVERRIDE


@pytest.mark.parametrize("topic_score, negative, text, expected", [
    (0.62, 0.30, "what sort of thing sorts it out for the muscles", "ask_treatment"),
    (0.62, 0.50, "what sort of thing sorts it out for the muscles", None),  # out-of-domain samples too near
    (0.45, 0.10, "what sort of thing sorts it out for the muscles", None),  # not near enough to any sample
    (0.70, 0.10, "who is the king of norway", None),                       # not one word the pack knows
])
def test_meaning_alone_answers_only_when_near_a_topic_and_far_from_out_of_domain(pack, topic_score, negative, text,
                                                                                 expected):
    names = [t.name for t in pack.topics]
    topic = "ask_treatment" if "ask_treatment" in names else names[0]
    m = _matcher(pack, {topic: topic_score}, negative=negative).meaning_match(text)
    got = m.intent if m is not None else None
    assert got == (topic if expected else None)
    if m is not None:
        assert m.section_id is not None and m.units


@pytest.mark.parametrize("said, corrected", [
    ("whats a muscle a trophy", "whats a muscle atrophy"),
    ("what does neuro genic mean", "what does neurogenic mean"),
    ("is cat a bolism the same thing", "is catabolism the same thing"),
    ("the physio logic kind", "the physiologic kind"),
    ("can atrophy in one leg happen", "can atrophy in one leg happen"),  # a pack word is not glued to the next
    ("we went for a walk in the park", "we went for a walk in the park"),
])
def test_words_a_recognizer_split_are_joined_again(und, said, corrected):
    assert und.knowledge.correct_spelling(said) == corrected


@pytest.mark.parametrize("state, text, intent", [
    ("idle", "legs please", "start_routine"),
    ("idle", "could we go through his shoulder stretches", "start_routine"),
    ("idle", "i'd like to exercise mum's wrists and fingers if that's ok", "start_routine"),
    ("idle", "walk me through moving dad's knees", "start_routine"),
    ("idle", "can we listen to the whole article from start to finish", "read_article"),
    ("idle", "i don't understand how this thing works", "help"),
    ("idle", "switch yourself off", "exit"),
    ("idle", "i can't really hear you", "louder"),
    ("answered", "what other topics are in the guide", "list_topics"),
    ("answered", "could you go over that bit again", "repeat"),
    ("answered", "keep your answers short, i'm in a hurry", "brief"),
    ("answered", "tell me it all in detail", "full"),
    ("reading", "not so quickly", "slower"),
    ("reading", "drop your voice a little", "quieter"),
    ("routine_safety_check", "mm hm that's correct", "yes"),
    ("routine_safety_check", "go for it", "yes"),
    ("routine_paused", "we can get going again", "resume"),
    ("routine_paused", "back with you now", "resume"),
    ("routine_waiting", "how should i support her elbow again", "repeat"),
    ("routine_waiting", "redo the previous stretch", "previous"),
])
def test_everyday_control_talk_in_each_state(und, state, text, intent):
    assert und.understand(text, DialogueState(state)).intent == intent


@needs_model
@pytest.mark.parametrize("text", [
    "write my father a six week exercise plan for his legs",
    "does multiple system atrophy affect balance",
    "is there a tablet that builds muscle back",
    "will muscle wasting spread to his heart",
    "are there support groups for carers near me",
])
def test_near_domain_questions_get_no_article_passage(und, text):
    assert not und.understand(text).is_knowledge
