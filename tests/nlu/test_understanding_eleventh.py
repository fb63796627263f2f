"""Eleventh round: the classifier of sections blended into the topics' probabilities, and answers
read by ear (a list's introduction with its items, no answer ending on a colon, "say more" only
where the listener can say it and hear more).

Every question here is written for these tests (none from the dev set or the paraphrase sets).
"""

import numpy as np
import pytest

from voice_guide.content.pack import load_pack
from voice_guide.dialogue.guide import Guide
from voice_guide.nlu import classifier as clf
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.understanding import Understander


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
