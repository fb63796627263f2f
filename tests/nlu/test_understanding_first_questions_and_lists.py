"""Answers read by ear and first questions: the classifier of sections blended into the topics'
probabilities, a list's introduction with its items, 'say more' only where it can be said, and the questions a
new user asks first reading the right passage."""

from __future__ import annotations

import numpy as np
import pytest
from understanding_support import declined

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.dialogue.guide import Guide
from voice_guide.nlu import classifier as clf
from voice_guide.nlu import passage as passage_module
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.passage import PassagePicker
from voice_guide.nlu.understanding import Understander

# ----------------------------------------------------------------------------------------------------
# Eleventh round: the classifier of sections blended into the topics' probabilities, and answers
# read by ear (a list's introduction with its items, no answer ending on a colon, "say more" only
# where the listener can say it and hear more).
#
# Every question here is written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


class _Fixed:
    """A classifier stand-in that gives the same probabilities whatever the question."""

    def __init__(self, probs):
        self.probs = np.asarray(probs, dtype=np.float32)
        self.classes = len(probs)

    def probabilities(self, vector, tokens, text=""):
        return self.probs


def test_section_blend_takes_section_totals_from_the_section_classifier():
    # topics 0 and 1 share section 0, topic 2 is section 1; then out-of-domain
    topics = _Fixed([0.1, 0.3, 0.2, 0.4])
    sections = _Fixed([0.6, 0.1, 0.3])
    blend = clf.SectionBlend(topics, sections, [0, 0, 1])  # type: ignore[arg-type]
    got = blend.probabilities(np.zeros(2, dtype=np.float32), [])
    assert np.allclose(got, [0.15, 0.45, 0.1, 0.3])
    assert blend.classes == 4


def test_by_section_relabels_topics_and_keeps_out_of_domain_last():
    data = clf.LabelledTexts(("a", "b", "c", "d"), (0, 1, 2, 3), 4)
    got = clf.by_section(data, [0, 0, 1])
    assert got == clf.LabelledTexts(("a", "b", "c", "d"), (0, 0, 1, 2), 3)


def test_section_indices_follow_the_order_sections_first_appear():
    pack = load_pack()
    got = clf.section_indices(pack)
    order = list(dict.fromkeys(t.section_id for t in pack.topics))
    assert len(got) == len(pack.topics)
    assert [order[i] for i in got] == [t.section_id for t in pack.topics]


@pytest.fixture(scope="module")
def understander():
    return Understander(load_pack())


_OWN_QUESTIONS = (
    "what makes muscles waste away when someone is stuck in bed",
    "which illnesses can eat away at your muscles",
    "my nan broke her hip and her thigh has gone thin, why",
    "how do you get wasted muscles back",
    "what are the kinds of muscle atrophy",
    "what happens to the muscles when the nerves are damaged",
    "tell me about muscle wasting from not eating enough",
    "why do older people lose muscle",
    "can muscle loss be stopped",
    "who wrote this piece",
)


def _answers(understander, texts, interactive):
    guide = Guide(understander.pack)
    guide.interactive = interactive
    out = []
    for text in texts:
        guide.reset()
        match = understander.understand(text)
        out.append((text, match, guide.answer(match)))
    return out


def _samples(understander):
    return [s for t in understander.pack.topics for s in t.samples[:4]] + list(_OWN_QUESTIONS)


def test_no_answer_ends_on_a_colon_or_reads_a_list_introduction_without_its_items(understander):
    bad = []
    for text, match, answer in _answers(understander, _samples(understander), interactive=False):
        if not match.is_knowledge:
            continue
        if answer.text.rstrip().endswith(":"):
            bad.append((text, "ends on a colon"))
        for unit in (*match.units, *match.also):
            if not unit.list_intro or unit.text not in answer.text:
                continue
            section = understander.pack.section(unit.section_id)
            items = [x for x in section.units if x.block == unit.block and x.index > unit.index]
            if not items:  # an introduction joined with its short items: it holds them itself
                if unit.text.rstrip().endswith(":"):
                    bad.append((text, "a list introduction without items"))
                continue
            first = items[0]
            if first.text not in answer.text or answer.text.index(first.text) < answer.text.index(unit.text):
                bad.append((text, "a list introduction without its first item"))
    assert bad == []


def test_a_passage_ending_on_any_list_introduction_is_read_with_the_list(understander):
    pack = understander.pack
    guide = Guide(pack)
    guide.interactive = False
    bad = []
    for section in pack.sections:
        for unit in section.units:
            items = [x for x in section.units if x.block == unit.block and x.index > unit.index]
            if not unit.list_intro or not items:
                continue
            topic = next(t.name for t in pack.topics if t.section_id == section.id)
            text = guide.answer(IntentMatch(topic, 1.0, section_id=section.id, units=(unit,))).text
            if text.rstrip().endswith(":") or items[0].text not in text or text.index(items[0].text) < text.index(unit.text):
                bad.append(unit.text)
    assert bad == []


def test_say_more_only_where_there_is_more_to_hear(understander):
    guide = Guide(understander.pack)
    bad = []
    for text in _samples(understander):
        guide.reset()
        match = understander.understand(text)
        if not match.is_knowledge:
            continue
        answer = guide.answer(match)
        section = understander.pack.section(answer.section_id)
        said = {u.index for u in section.units if u.text in answer.text}
        offered = "Say more" in answer.text
        if offered != (len(said) < len(section.units)):
            bad.append((text, "more offered" if offered else "more to hear, not offered"))
        if offered:
            more = guide.answer(understander.understand("more"))
            if more.section_id != answer.section_id or not any(u.text in more.text for u in section.units
                                                                 if u.index not in said):
                bad.append((text, "more did not continue the section"))
    assert bad == []


def test_one_shot_answers_never_offer_more(understander):
    offered = [text for text, _, answer in _answers(understander, _OWN_QUESTIONS, interactive=False)
               if "say more" in answer.text.lower()]
    assert offered == []


# ----------------------------------------------------------------------------------------------------
# Nineteenth round, second part: the questions a new user asks first read the right passage.
#
# The canonical questions ("what is X", "what causes X", "how is X treated", "can X be reversed", "tell me about
# X")
# for each type of atrophy and for the FAQ were written for these tests (none from the dev set or the paraphrase
# sets); each must read its passage's key sentence. A list's introduction taken as a further sentence comes with
# the items that fit (``passage.LIST_WITH_ITEMS``): "what causes disuse atrophy" reads a reason, not only "Some
# common reasons for disuse muscle atrophy:". Four decline patterns of ``intents.yaml`` no longer take an
# article
# question: a cancer named by its organ ("bowel cancer"), an age with ageing asked about, weight loss with limbs
# "like twigs", keeping fit with muscles growing; their near misses stay declined.
# ----------------------------------------------------------------------------------------------------


DEFINITION = "Muscle atrophy is a loss of muscle tissue."
CAUSES = "Muscle atrophy can have a few different causes."
TREATMENTS = "The treatments include different strategies, such as nutrition, exercise, or medication."
REBUILD = "Yes, sometimes, you can rebuild muscles that have atrophied."
USE_IT = 'With muscles, there is definitely a principle of "use it or lose it."'
DISUSE_REASON = "A sedentary lifestyle and lack of regular physical activity can cause disuse atrophy and weakness."
DISUSE_TREATMENT = "The treatment for this type of muscle atrophy involves using the muscles with targeted exercises."
NERVE = "When a nerve that normally stimulates a muscle is damaged, it can no longer trigger muscle contraction that produces muscle activity."
NERVE_CAUSES = "This can occur as a result of peripheral neuropathy, which is a type of nerve damage, and it can also result from spine disease or conditions that affect the brain—like a stroke."
PASSIVE = "Treatment and prevention of neurogenic muscle atrophy involve passive exercises."
PATHOLOGIC = "Several medical conditions can cause muscle atrophy due to factors like inflammation, malnutrition, and metabolic problems."
PATHOLOGIC_TREATMENT = "Treatment of pathologic muscle atrophy varies, depending on the cause."
TYPES = "There are three main types of muscle atrophy:"
SYMPTOMS = "It is usually visibly noticeable, causing weakness and decreased muscle tone."

CANONICAL = [
    ("what is muscle atrophy", DEFINITION),
    ("what is muscle wasting", DEFINITION),
    ("tell me about muscle atrophy", DEFINITION),
    ("what causes muscle atrophy", CAUSES),
    ("what are the causes of muscle wasting", CAUSES),
    ("how is muscle atrophy treated", TREATMENTS),
    ("what is the treatment for muscle atrophy", TREATMENTS),
    ("can muscle atrophy be reversed", REBUILD),
    ("can muscle wasting be reversed", REBUILD),
    ("can you rebuild muscle after atrophy", REBUILD),
    ("what are the types of muscle atrophy", TYPES),
    ("what are the symptoms of muscle atrophy", SYMPTOMS),
    ("what is disuse atrophy", USE_IT),
    ("tell me about disuse atrophy", USE_IT),
    ("what does disuse atrophy mean", USE_IT),
    # the tune52 refit (d785c4b): ask_disuse ("use it or lose it" and the list's introduction, no reason fits after them) instead of
    # ask_sedentary (the reason), a known regression; the tune56 refit (0cb7f50): the reason again
    ("what causes disuse atrophy", DISUSE_REASON),
    ("how is disuse atrophy treated", DISUSE_TREATMENT),
    ("can disuse atrophy be reversed", DISUSE_TREATMENT),
    ("what is neurogenic atrophy", NERVE),
    ("tell me about neurogenic atrophy", NERVE),
    ("what causes neurogenic atrophy", NERVE_CAUSES),
    ("how is neurogenic atrophy treated", PASSIVE),
    ("can neurogenic atrophy be reversed", PASSIVE),
    # (the tune58 refit (338c989): the types list's own sentence on pathologic atrophy, a definition that answers the
    # question as well: both accepted)
    pytest.param("what is pathologic atrophy", (
        PATHOLOGIC, "Pathologic atrophy is the type that occurs as a result of disease, cancer, severe infections, and malnutrition."),
        id=f"what is pathologic atrophy-{PATHOLOGIC}"),
    ("tell me about pathologic atrophy", PATHOLOGIC),
    ("what causes pathologic atrophy", PATHOLOGIC),
    ("how is pathologic atrophy treated", PATHOLOGIC_TREATMENT),
    ("what is physiologic atrophy", "Physiologic atrophy occurs when muscles aren't used enough, such as with prolonged illness."),
    # (the tune42 refit, c0466bb: the learned model now gives the FAQ's "what is" answer, whose list of other terms
    # answers the question as well: both accepted)
    pytest.param("what are other names for muscle atrophy", (
        "Synonyms include muscle wasting, muscle loss, muscle catabolism, and muscle withering.",
        "Other terms for muscle atrophy include: muscle catabolism, muscle loss, muscle wasting, and muscle withering."),
        id="what are other names for muscle atrophy-"
           "Synonyms include muscle wasting, muscle loss, muscle catabolism, and muscle withering."),
    ("what are passive exercises", PASSIVE),
    ("what complications does neurogenic atrophy cause", "Neurogenic muscle atrophy can lead to other issues, such as involuntary muscle twitching or muscle spasticity (extreme stiffness) of the muscle."),
    ("when should i see a doctor about muscle atrophy", "If you notice that your muscles are getting smaller or weaker, talk to your healthcare provider."),
    ("does a cast cause muscle loss", "Muscle atrophy occurs very quickly when a limb is immobilized."),
    ("why do hospitals make patients walk", "Often, people are encouraged to walk and move around while in the hospital—one of the reasons is to minimize muscle atrophy."),
    ("what does arthritis have to do with atrophy", "A vicious cycle can occur with disuse muscle atrophy."),
    ("what is sedentary atrophy", DISUSE_REASON),
    ("how long to recover muscle after the flu", "For example, after recovering from a bout of the flu, most otherwise healthy people will regain lost weight and rebuild muscle strength after a week or so of regular activity."),
    ("what diseases cause muscle atrophy", PATHOLOGIC),
    ("who wrote this article", "By Carol Eustice, Verywell Health."),
]


@pytest.fixture(scope="module")
def understander_first_questions() -> Understander:
    return Understander(load_pack())


def _sentences(understander_first_questions: Understander, text: str) -> list[str]:
    return [u.text for u in understander_first_questions.understand(text).units]


@pytest.mark.parametrize("text, key", CANONICAL)
def test_a_first_question_reads_its_key_sentence(understander_first_questions, text, key):
    keys = (key,) if isinstance(key, str) else key  # a tuple: any of these sentences answers the question
    sentences = _sentences(understander_first_questions, text)
    assert any(k in sentences for k in keys)


def test_what_is_disuse_atrophy_is_not_its_treatment(understander_first_questions):
    texts = _sentences(understander_first_questions, "what is disuse atrophy")
    assert DISUSE_TREATMENT not in texts
    assert texts[0] == USE_IT


ARTICLE = {
    "title": "Wasting",
    "sections": [
        {"id": "kinds", "title": "Kinds of wasting", "blocks": [
            "Wasting follows rest. Wasting is slow.",
            {"intro": "Wasting has several sources:", "items": [
                "Lying in bed for many weeks on end thins the legs and the arms.",
                "A plaster cast on a broken leg thins the thigh within days.",
                "Old age slowly thins every muscle of the body over many long years of life.",
            ]},
        ]},
    ],
    "faq": [],
    "sources": [],
}


def _texts(list_with_items: bool, question: str, max_words: int) -> list[str]:
    pack = ContentPack.from_dict(ARTICLE)
    normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)
    picker = PassagePicker(pack, normalizer)
    before = passage_module.LIST_WITH_ITEMS
    passage_module.LIST_WITH_ITEMS = list_with_items
    try:
        units = picker.passage("kinds", normalizer.tokens(question), frozenset(normalizer.tokens("wasting follows rest")),
                               max_words=max_words, fill_words=0)
    finally:
        passage_module.LIST_WITH_ITEMS = before
    return [u.text for u in units]


def test_list_with_items_is_on_by_default():
    assert passage_module.LIST_WITH_ITEMS is True


def test_a_further_list_introduction_comes_with_the_items_that_fit():
    question = "sources of wasting"
    assert _texts(False, question, 30) == ["Wasting follows rest.", "Wasting has several sources:"]
    assert _texts(True, question, 30) == [
        "Wasting follows rest.", "Wasting has several sources:",
        "Lying in bed for many weeks on end thins the legs and the arms.",
    ]


def test_a_further_list_introduction_with_no_room_for_an_item_is_read_alone_as_before():
    question = "sources of wasting"
    assert _texts(True, question, 12) == _texts(False, question, 12)


@pytest.mark.parametrize("text", [
    "my grandma has breast cancer and her arms have wasted away",
    "he has bladder cancer and his muscles are shrinking, why",
    "my 85 year old nan is losing muscle, is it her age",
    "my dad is 70 years old and his legs are wasting, is that just ageing",
    "she keeps losing weight and her legs are like twigs now",
    "if you keep fit do your muscles get bigger",
])
def test_article_questions_are_no_longer_declined(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) is None


@pytest.mark.parametrize("text, intent", [
    ("does muscle wasting affect the bowels", "not_covered"),
    ("can atrophy make your bones weak", "not_covered"),
    ("what exercise is best for a 70 year old", "not_covered"),
    ("can a 60 year old build muscle", "not_covered"),
    ("how can i lose weight fast", "out_of_scope"),
    ("how do i get fit", "out_of_scope"),
    ("what fitness classes are good for older people", "out_of_scope"),
])
def test_near_misses_stay_declined(understander_no_vectors, text, intent):
    assert declined(understander_no_vectors, text) == intent


FLU = ("For example, after recovering from a bout of the flu, most otherwise healthy people will regain lost weight and "
       "rebuild muscle strength after a week or so of regular activity.")


def test_own_best_against_next_is_on_by_default():
    assert passage_module.OWN_BEST_AGAINST_NEXT is True


@pytest.mark.xfail(strict=True, reason="the tune48 refit (7f9837c): the answer (ask_recovery_after_illness) is the one sentence on resuming "
                   "activity, the flu example no longer read after it with the ranking on or off; a known regression")
@pytest.mark.parametrize("text", ["can having the flu make you lose muscle", "will a flu make me lose muscle"])
def test_the_flu_sentence_ranked_next_is_not_pushed_out_by_one_own_word(understander_first_questions, text):
    before = passage_module.OWN_BEST_AGAINST_NEXT
    passage_module.OWN_BEST_AGAINST_NEXT = False
    try:
        start = _sentences(understander_first_questions, text)
    finally:
        passage_module.OWN_BEST_AGAINST_NEXT = before
    assert FLU not in start
    assert FLU in _sentences(understander_first_questions, text)


def test_exercise_still_reads_its_own_sentence(understander_first_questions):
    texts = _sentences(understander_first_questions, "what happens to your muscles when you exercise a lot")
    assert "If you have been active and exercising, your muscles will get larger and stronger in response." in texts
