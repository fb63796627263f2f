"""How a passage begins: a short answer read with the sentences before it in its paragraph (FILL_BACK), a
short second place with its lead-in (ALSO_BACK), and no answer beginning with a sentence that points back
without what it points to."""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import answers, batch_figures

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.lang import get_language
from voice_guide.nlu import passage
from voice_guide.nlu import passage as passage_module
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.passage import PassagePicker
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import Understander
from voice_guide.nlu.understanding_sentences import RecognizerSentences

# ----------------------------------------------------------------------------------------------------
# Fourteenth round: a short answer is read with the sentences before it in its paragraph
# (``passage.FILL_BACK``): "Synonyms include muscle wasting ..." comes with "Muscle atrophy is the loss or
# decrease of muscle mass.", the sentence it continues. Before, a short answer went on only with the sentences
# after it, and a list's introduction stopped it.
#
# The rule is tested on a small pack built here; the end-to-end cases use the shipped pack. Every question
# was written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------------
# Sixteenth round: the second place (the same answer from another section) reads better.
#
# - ``passage.ALSO_BACK``: a short second place is read with the sentences before it in its paragraph, as a
# short
#   first place is (``passage.FILL_BACK``): "Synonyms include ..." comes with the definition it continues.
# - ``passage.ALSO_MIN_SHORT``: after a short first place (a FAQ answer read whole), a second place is read from
# a
#   lower classifier probability, since the answer has room for it: a definition read from the FAQ is followed
# by
#   the introduction's or the types section's definition.
#
# The rules are tested on a small pack built here; the end-to-end cases use the shipped pack. Every question was
# written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


FAQ = "Wasting is a loss of tissue."
ARTICLE_ALSO_BACK = {
    "title": "Wasting",
    "sections": [
        {"id": "kinds", "title": "Kinds of wasting", "blocks": [
            f"{LEAD} {NAMES}",
            {"intro": "There are two kinds:", "items": ["Slow wasting comes with age.", "Fast wasting comes with bed rest."]},
            "Nothing else is known. Rest is not the same as sleep.",
        ]},
    ],
    "faq": [{"id": "faq_what", "question": "What is wasting?", "blocks": [FAQ]}],
    "sources": [],
}


def _picker(also_back: int) -> tuple[PassagePicker, TextNormalizer]:
    pack = ContentPack.from_dict(ARTICLE_ALSO_BACK)
    normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)
    picker = PassagePicker(pack, normalizer)
    picker.also_back = also_back
    return picker, normalizer


def _second(also_back: int, totals: dict[str, float], question: str, least: float | None = None) -> list[str]:
    picker, normalizer = _picker(also_back)
    units = picker.second_place(totals, "faq_what", normalizer.tokens(question), {"kinds": frozenset()}, question, least)
    return [u.text for u in units]


def test_the_defaults():
    assert passage_module.ALSO_BACK == 30
    assert passage_module.ALSO_MIN_SHORT == 0.02
    picker, _ = _picker(passage_module.ALSO_BACK)
    assert picker.also_min_short == 0.02


def test_a_short_second_place_is_read_with_its_lead_in():
    totals = {"faq_what": 0.6, "kinds": 0.3}
    assert _second(0, totals, "what other names include thinning") == [NAMES]
    assert _second(30, totals, "what other names include thinning") == [LEAD, NAMES]


def test_a_second_place_lead_in_stays_within_its_budget():
    totals = {"faq_what": 0.6, "kinds": 0.3}
    # the lead-in would make 17 words: over a budget of 10, the second place stays as it was
    picker, normalizer = _picker(30)
    question = "what other names include thinning"
    units = picker.second_place(totals, "faq_what", normalizer.tokens(question), {"kinds": frozenset()}, question, None, 10)
    assert [u.text for u in units] == [NAMES]


def test_a_lower_bar_reads_a_second_place_the_usual_bar_leaves_out():
    totals = {"faq_what": 0.9, "kinds": 0.03}
    assert _second(30, totals, "what other names include thinning") == []  # under ALSO_MIN and ALSO_SHARE
    assert _second(30, totals, "what other names include thinning", least=0.02) == [LEAD, NAMES]
    assert _second(30, totals, "what other names include thinning", least=0.05) == []


FAQ_DEFINITION = "Muscle atrophy is a loss of muscle tissue."
OTHER_DEFINITIONS = ("Muscle atrophy is a condition in which muscles shrink.", "Muscle atrophy is the loss or decrease of muscle mass.")


@pytest.mark.parametrize("text", [
    "what does atrophy actually mean",
    "could you tell me what muscle atrophy means",
])
def test_a_definition_from_the_faq_is_followed_by_another_place_s_definition(understander, text):
    match = understander.understand(text)
    spoken = " ".join(u.text for u in (*match.units, *match.also))
    assert match.is_knowledge
    assert FAQ_DEFINITION in spoken
    assert any(d in spoken for d in OTHER_DEFINITIONS)
    assert len(spoken.split()) <= passage_module.MAX_ANSWER_WORDS


@pytest.mark.parametrize("text", ["what is the capital of peru", "how do i bake bread"])
def test_out_of_domain_questions_stay_unanswered(understander, text):
    assert not understander.understand(text).is_knowledge


# ----------------------------------------------------------------------------------------------------
# Twenty-fourth round: an answer never begins with a sentence that points back without what it points to.
#
# "what causes pathologic atrophy" was answered "Each of these conditions causes atrophy due to different
# processes.
# For example, dumping syndrome ...": the sentence before "Each of these conditions" begins with "These factors"
# too, and the word budget (shared with a second place) had dropped both. Now a sentence that points back
# (:meth:`Language.refers_back`, the English words in ``lang/en.py``) comes with the sentences it points back to
# (:data:`passage.BACK_CHAIN`), the budget drops them last, the second place gives way when they do not fit, and
# an
# answer never begins with words that stand for what it left out (:data:`passage.ANSWER_NEVER_BEGINS_BACK`; "For
# example, ..." may); docs/understanding.md, "Twenty-fourth round".
#
# ``understanding_batch_24.jsonl`` (120 knowledge questions over every section, 60 near-domain out-of-domain
# lines)
# was written for this round by its developer before any change, from the article alone; none is a line of an
# evaluation set. Scored on the start code (8c4373b): knowledge 112/120 (section 107), out-of-domain answered
# 0/60;
# with this round's lexicon entries (``muscle tone``: muscle firmness, firmness, firm, toned; ``larger``:
# bigger, bulkier) 113/120 (section
# 108), 0/60.
# ----------------------------------------------------------------------------------------------------


BATCH = Path(__file__).with_name("understanding_batch_24.jsonl")

ENGLISH = get_language("en")


@pytest.mark.parametrize("sentence, expected", [
    ("These pills can all make you sleepy.", True),
    ("For example, a long flight can stiffen the knees.", True),
    ("Each of these steps takes a minute.", True),
    ("It is usually easy to see.", True),
    ("  They can last for weeks.", True),
    ("Such changes are slow.", True),
    ("Thistles grow by the road.", False),     # a word that begins with "this"
    ("Items on the list are short.", False),   # "it" inside a longer word
    ("Several of these happen at once.", False),
    ("Muscle atrophy is a condition in which muscles shrink.", False),
    ("", False),
])
def test_a_sentence_that_points_back(sentence, expected):
    assert ENGLISH.refers_back(sentence) is expected


@pytest.mark.parametrize("sentence, expected", [
    ("For example, a long flight can stiffen the knees.", (True, False)),   # goes on from the one before
    ("And then the knees stiffen.", (True, False)),
    ("Andrew wrote it.", (False, False)),
    ("These pills can all make you sleepy.", (True, True)),                 # stands for what was said
])
def test_going_on_is_not_standing_for(sentence, expected):
    assert (ENGLISH.refers_back(sentence), ENGLISH.refers_back(sentence, connectives=False)) == expected


def test_the_chain_goes_back_while_each_sentence_points_back(understander):
    units = understander.pack.section("pathologic").units
    refers_back = ENGLISH.refers_back
    assert [sorted(passage._back_chain(units, i, refers_back)) for i in range(5)] == [
        [0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [4]]


def test_the_budget_drops_what_is_pointed_to_last(understander):
    section = understander.pack.section("pathologic")
    kept = [[u.index for u in passage._within_budget(section, [0, 1, 2, 3, 4, 5], budget, keep=3,
                                                     refers_back=ENGLISH.refers_back)] for budget in (48, 47)]
    assert kept == [[0, 1, 2, 3], [3]]  # 48 words: the chain fits; 47: the sentence the answer is for, alone


@pytest.mark.parametrize("chosen, budget, keep, expected", [
    ([2, 3, 4], 60, 4, [0, 1, 2, 3, 4]),   # the runners "Each of these ..." and "For example ..." with what they mean
    ([2, 3, 4], 30, 4, [3, 4]),            # no room: not "Each of these ...", but "For example, ..." may begin
    ([3, 4], 40, 3, [3, 4]),               # no room, but the sentence the answer is for is kept all the same
    ([4, 5], 60, 4, [4, 5]),               # no sentence points back: as before
])
def test_an_answer_begins_with_what_it_points_back_to_or_not_at_all(understander, chosen, budget, keep, expected):
    section = understander.pack.section("pathologic")
    kept = passage._within_budget(section, chosen, budget, keep=keep, refers_back=ENGLISH.refers_back)
    assert [u.index for u in kept] == expected


def test_what_causes_pathologic_atrophy_begins_with_the_conditions(understander):
    # "what conditions ...": "what causes pathologic atrophy" chooses units 0, 2 and 4 since the tune41 refit (fa1afd4)
    match = understander.understand("what conditions cause pathologic atrophy")
    assert (match.section_id, match.units[0].text, [u.index for u in match.units][:4]) == (
        "pathologic", "Several medical conditions can cause muscle atrophy due to factors like inflammation, "
        "malnutrition, and metabolic problems.", [0, 1, 2, 3])


def test_off_it_began_with_the_back_pointing_sentence(understander, monkeypatch):
    monkeypatch.setattr(passage, "BACK_CHAIN", 1)
    monkeypatch.setattr(passage, "ANSWER_NEVER_BEGINS_BACK", False)
    match = understander.understand("what conditions cause pathologic atrophy")
    assert match.units[0].text == "Each of these conditions causes atrophy due to different processes."


def test_no_answer_to_a_topic_sample_begins_with_words_that_stand_for_what_it_left_out(understander):
    samples = [s for topic in understander.pack.topics for s in topic.samples][::3]
    begins_back = []
    for text in samples:
        units = understander.understand(text).units
        if units and units[0].index > 0 and ENGLISH.refers_back(units[0].text, connectives=False):
            begins_back.append((text, units[0].text))
    assert (len(samples) > 400, begins_back) == (True, [])


def test_the_recognizer_sentences_moved_with_no_change(understander):
    assert (isinstance(understander, RecognizerSentences), len(understander.language_sentences()) > 1000,
            "what causes muscle atrophy" in understander.language_sentences()) == (True, True, True)


def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    assert (n_knowledge, n_ood, right >= 113, answered) == (120, 60, True, [])


LEXICON_QUESTIONS = [
    ("does atrophy make muscles less firm", "introduction", "decreased muscle tone"),
    ("his arm is not firm any more is that wasting", "introduction", "decreased muscle tone"),
]

LEXICON_NEAR_MISSES = [
    "the firm I work for is closing down",
    "is a firm mattress better for a bad back",
    "my telly is bigger than yours",
    "should I buy the bigger size of trainers",
]


@pytest.mark.parametrize("text, section, phrase", LEXICON_QUESTIONS)
def test_firmness_is_the_articles_muscle_tone(understander, text, section, phrase):
    match = understander.understand(text)
    assert (match.section_id, answers(match, [phrase])) == (section, True)


@pytest.mark.parametrize("text", LEXICON_NEAR_MISSES)
def test_firm_and_bigger_of_other_things_get_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_the_lexicon_maps_firm_and_bigger(understander):
    normalize = understander.normalizer.canonical_text
    # twenty-sixth round: "less firm" is one phrase of the lexicon's muscle tone ("firm" alone, a business, is not)
    assert (normalize("less firm"), normalize("much bigger")) == ("muscle tone", "much larger")
