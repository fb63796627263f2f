"""Ninth round: the decline rules of intents.yaml leave questions about the article to the matcher.

Every question here is written for these tests (none from the dev set or the paraphrase sets).
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu.declines import DeclineRules

_EN = get_language("en")


@pytest.fixture(scope="module")
def rules():
    return DeclineRules(load_pack().intents)


@pytest.mark.parametrize("text", [
    "my wife stopped going to the gym last year and her arms have shrunk, why",
    "how do you treat the disease one",
    "what is this condition, in a few words",
    "can a slipped disc make one leg thinner",
    "he was laid up in bed for a month with pneumonia and now he can hardly stand",
    "why do the nurses get her out of bed so soon after her chest infection",
    "i was off work sick for a fortnight, do i need special exercises",
    "which type is it when the nerve signals are cut off",
    "remind me of the types again",
    "could not doing enough exercise make grandad weak",
    "is weakness a side effect of muscle atrophy",
    "is there a study on electrical muscle stimulation in the sources",
    "can you treat it with diet, exercise or pills",
    "muscle cat a bolism, what is that",
    "my mum was diagnosed with cancer and her legs have gone thin, is that the illness",
    "is it something you can see, or do you need a scan",
    "how many weeks to get back to normal after a short time in bed with flu",
    "can atrophy be cured",
    "is the shrinking permanent",
    "he is all skin and bones since the cancer, is that muscle loss",
])
def test_questions_about_the_article_are_not_declined(rules, text):
    assert rules.match(_EN.normalize(text)) is None


@pytest.mark.parametrize("text, intent", [
    ("how is a stroke diagnosed", "not_covered"),
    ("my dad was diagnosed with diabetes, what should he eat", "not_covered"),
    ("what causes heart disease", "out_of_scope"),
    ("is my gym routine good for building muscle", "not_covered"),
    ("can a bad back cause sciatica", "out_of_scope"),
    ("does pneumonia make you cough", "out_of_scope"),
    ("should i double her pills", "medical_advice"),
    ("what are the side effects of prednisone", "medical_advice"),
    ("how many weeks until he can drive after a knee replacement", "not_covered"),
    ("remind me to ring the surgery at five", None),
    ("is wasting curable", "not_covered"),
    ("is there any cure for it", "not_covered"),
    ("what do wasted muscle fibres look like under a microscope", "not_covered"),
    ("does more sleeping help the muscles come back", "not_covered"),
    ("why do my hands look so wrinkly", "out_of_scope"),
    ("my whole body aches with this flu", "out_of_scope"),
])
def test_near_domain_questions_are_still_declined(rules, text, intent):
    got = rules.match(_EN.normalize(text))
    assert got == (intent or "unrelated")


@pytest.fixture(scope="module")
def und():
    from voice_guide.nlu.understanding import Understander

    return Understander(load_pack())


@pytest.mark.parametrize("text, intent, section", [
    ("my wife stopped going to the gym last year and her arms have shrunk, why", "ask_disuse", "disuse"),
    ("how do you treat the disease one", "ask_pathologic_treatment", "pathologic"),
    ("which type is it when the nerve signals are cut off", "ask_type_neurogenic", "muscle_wasting"),
    ("could not doing enough exercise make grandad weak", "ask_sedentary", "disuse"),
    ("he was laid up in bed for a month with pneumonia and now he can hardly stand", "ask_bedridden", "disuse"),
    ("can a slipped disc make one leg thinner", "ask_neurogenic_causes", "neurogenic"),
    ("is wasting curable", "not_covered", None),
    ("why do my hands look so wrinkly", "out_of_scope", None),
])
def test_whole_understanding_of_questions_the_rules_no_longer_take(und, text, intent, section):
    match = und.understand(text)
    assert (match.intent, match.section_id) == (intent, section)
