"""Fourteenth round: a short answer is read with the sentences before it in its paragraph
(``passage.FILL_BACK``): "Synonyms include muscle wasting ..." comes with "Muscle atrophy is the loss or
decrease of muscle mass.", the sentence it continues. Before, a short answer went on only with the sentences
after it, and a list's introduction stopped it.

The rule is tested on a small pack built here; the end-to-end cases use the shipped pack. Every question
was written for these tests (none from the dev set or the paraphrase sets).
"""

from __future__ import annotations

import pytest

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.nlu import passage as passage_module
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.passage import PassagePicker
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander

LEAD = "Wasting is the loss of strength and bulk."
NAMES = "Other names include thinning, withering and decline."
ARTICLE = {
    "title": "Wasting",
    "sections": [
        {"id": "kinds", "title": "Kinds of wasting", "blocks": [
            f"{LEAD} {NAMES}",
            {"intro": "There are two kinds:", "items": ["Slow wasting comes with age.", "Fast wasting comes with bed rest."]},
            "Nothing else is known. Rest is not the same as sleep.",
        ]},
    ],
    "faq": [],
    "sources": [],
}


def _texts(fill_back: bool, question: str, keywords: str = "") -> list[str]:
    pack = ContentPack.from_dict(ARTICLE)
    normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)
    picker = PassagePicker(pack, normalizer)
    picker.fill_back = fill_back
    units = picker.passage("kinds", normalizer.tokens(question), frozenset(normalizer.tokens(keywords)))
    return [u.text for u in units]


def test_fill_back_is_on_by_default():
    assert passage_module.FILL_BACK is True
    pack = ContentPack.from_dict(ARTICLE)
    assert PassagePicker(pack, TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)).fill_back is True


def test_a_short_answer_before_a_list_is_read_with_its_lead_in():
    question = "what other names include thinning"
    assert _texts(False, question) == [NAMES]
    assert _texts(True, question) == [LEAD, NAMES]


def test_a_list_is_never_read_back_into():
    # the chosen sentence opens its paragraph after the list: nothing before it in its paragraph
    assert _texts(True, "is anything else known") == ["Nothing else is known.", "Rest is not the same as sleep."]


def test_a_list_item_takes_no_lead_in():
    texts = _texts(True, "does fast wasting come with bed rest")
    assert LEAD not in texts and NAMES not in texts


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text", [
    "atrophy means your muscle mass goes down, right",
    "is losing muscle mass the same as muscle wasting",
    "is a drop in muscle mass what atrophy means",
])
def test_the_definition_by_muscle_mass_is_read_with_its_synonyms(understander, text):
    definition = "Muscle atrophy is the loss or decrease of muscle mass."
    understander.knowledge.passages.fill_back = False
    try:
        before = understander.understand(text)
    finally:
        understander.knowledge.passages.fill_back = passage_module.FILL_BACK
    after = understander.understand(text)
    assert before.section_id == after.section_id == "muscle_wasting"
    assert definition not in " ".join(u.text for u in before.units)
    assert definition in " ".join(u.text for u in after.units)


def test_i_need_help_said_idle_is_the_guides_help(understander):
    # the thirteenth session's known miss ("i need help" reached the see-a-doctor passage) is the guide's
    # help on the fourteenth session's start code already
    assert understander.understand("i need help", DialogueState.IDLE).intent == "help"
