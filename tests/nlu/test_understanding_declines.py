"""The decline rules of intents.yaml: questions about the article (its medicines and illnesses, rebuilding
muscle after an illness) are left to the matcher, while near-domain questions, fluids and diets, durations of
treatments and devices and questions the article does not answer are declined. Every question here was
written for these tests (none from the dev set or the paraphrase sets)."""

from __future__ import annotations

import numpy as np
import pytest
from understanding_support import declined

from voice_guide.content.pack import load_pack
from voice_guide.lang import get_language
from voice_guide.nlu import classifier as clf
from voice_guide.nlu.declines import DeclineRules
from voice_guide.nlu.understanding import Understander

# ----------------------------------------------------------------------------------------------------
# Eighth round: medicines and illnesses the article names are answered, not vetoed.
#
# Every question here is written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


@pytest.mark.parametrize("text, intent, section", [
    ("can being on prednisone for ages waste your muscles", "ask_risk_factors", "faq_causes"),
    ("can corticosteroids cause muscle wasting", "ask_risk_factors", "faq_causes"),
    ("does cancer eat away at the muscles", "ask_serious_conditions", "introduction"),
    ("does aids cause muscle wasting", "ask_serious_conditions", "introduction"),
    ("can starving yourself shrink your muscles", "ask_risk_factors", "faq_causes"),
    ("does keeping an arm in a sling make it shrink", "ask_immobilization", "disuse"),
    ("can rheumatoid arthritis cause atrophy", "ask_arthritis", "disuse"),
])
def test_medicines_and_illnesses_the_article_names_are_answered(und, text, intent, section):
    match = und.understand(text)
    assert (match.intent, match.section_id) == (intent, section)


# ----------------------------------------------------------------------------------------------------
# Ninth round: the decline rules of intents.yaml leave questions about the article to the matcher.
#
# Every question here is written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


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
def und_left():
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
def test_whole_understanding_of_questions_the_rules_no_longer_take(und_left, text, intent, section):
    match = und_left.understand(text)
    assert (match.intent, match.section_id) == (intent, section)


# ----------------------------------------------------------------------------------------------------
# Tenth round: the classifier's training recipe, the passage inside a section, and a few declines.
#
# Every question here is written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, intent", [
    ("does not drinking enough water make your muscles waste", "not_covered"),
    ("could being dehydrated shrink his leg muscles", "not_covered"),
    ("what are the signs of dehydration in the elderly", "out_of_scope"),
    ("can vegetarians keep their muscles as they age", "out_of_scope"),
    ("is a plant based diet ok for grandad", "out_of_scope"),
    ("should i give him his tablets before the exercises", "medical_advice"),
    ("how many tablets can she take a day", "medical_advice"),
])
def test_fluids_and_diets_are_declined(rules, text, intent):
    assert rules.match(_EN.normalize(text)) == intent


@pytest.mark.parametrize("text", [
    "does lying in bed all week make the leg muscles waste",
    "why do muscles shrink after a stroke",
    "my dad drinks a lot of tea and sits all day, will his muscles go",
    "can steroid tablets taken for years cause muscle wasting",
])
def test_the_new_declines_leave_questions_about_the_article(rules, text):
    assert rules.match(_EN.normalize(text)) is None


def _tokens(text):
    return text.split()


def test_topic_words_only_drops_words_only_the_out_of_domain_lines_use():
    lists = [["muscl", "shrink"], ["muscl", "bed"], ["knee", "click"], ["muscl", "knee"]]
    labels = [0, 0, 1, 1]
    kept = clf._vocabulary(lists, labels, 1, clf.TrainingSettings(topic_words_only=True))
    assert "knee" not in kept and "click" not in kept and "knee_click" not in kept
    assert "muscl" in kept and "bed" in kept
    everything = clf._vocabulary(lists, labels, 1, clf.TrainingSettings())
    assert {"knee", "click", "knee_click"} <= set(everything)


def test_min_count_drops_words_of_one_question():
    lists = [["muscl", "shrink"], ["muscl", "bed"]]
    assert clf._vocabulary(lists, [0, 0], 1, clf.TrainingSettings(min_count=2)) == ["muscl"]


def test_sample_weights_move_the_fit_towards_the_heavier_rows():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(6, 3)).astype(np.float32)
    vectors[3:] = vectors[:3]  # the same questions, labelled both ways
    rows = [clf.SparseRow(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)) for _ in range(6)]
    labels = np.asarray([0, 0, 0, 1, 1, 1])
    settings = clf.TrainingSettings(iterations=200)
    plain = clf.fit_softmax(vectors, rows, 0, labels, 2, settings)
    heavy = clf.fit_softmax(vectors, rows, 0, labels, 2, settings, np.asarray([1.0, 1.0, 1.0, 0.2, 0.2, 0.2]))
    assert abs(float(plain[-1, 0] - plain[-1, 1])) < 0.05  # balanced: no class preferred
    assert float(heavy[-1, 0] - heavy[-1, 1]) > 0.1  # the lighter out-of-domain rows pull less


@pytest.fixture(scope="module")
def und_fluids():
    from voice_guide.nlu.understanding import Understander

    return Understander(load_pack())


@pytest.mark.parametrize("text, intent, section", [
    ("what does muscle wasting do to a person", "ask_symptoms", "introduction"),
    # (the tune57 refit (a0c1a3b): the three types' pathologic sentence, "Pathologic atrophy is the type that occurs as a result of
    # disease", where it was the sentence on causes compounding each other; the same section)
    ("can a serious infection make muscles waste", "ask_type_pathologic", "muscle_wasting"),
    ("i move dad's arms each morning, is it doing his muscles any good", "ask_passive_exercise", "neurogenic"),
    ("why is she so much weaker after three weeks stuck in bed with pneumonia", "ask_bedridden", "disuse"),
])
def test_questions_with_everyday_words_are_answered(und_fluids, text, intent, section):
    match = und_fluids.understand(text)
    assert (match.intent, match.section_id) == (intent, section)


# ----------------------------------------------------------------------------------------------------
# Sixteenth round, second part: out-of-domain questions the article does not answer are declined.
#
# New decline families in ``intents.yaml`` (``not_covered`` and ``unrelated``): near-domain illnesses the
# article
# does not name (polio, Guillain-Barre, cerebral palsy), what happens in the cells, which muscles go first, one
# side of the body (not after a stroke or nerve damage: the article's neurogenic section), whether it is life
# threatening, the best exercises, "how long exactly does it take", and songs or films. Questions about the
# article with nearby words stay questions. Every sentence here was written for these tests (none from the dev
# set
# or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, intent", [
    ("could polio be the reason his calves are so thin", "not_covered"),
    ("tell me about guillain barre", "not_covered"),
    ("my nephew has cerebral palsy, will his legs waste", "not_covered"),
    ("what goes on in the cells when a muscle wastes", "not_covered"),
    ("explain atrophy at a molecular level", "not_covered"),
    ("which leg muscles go first when you are laid up", "not_covered"),
    ("why would wasting show on just one side of the body", "not_covered"),
    ("could muscle wasting be life threatening for my nan", "not_covered"),
    ("the best exercises for skinny arms after a cast", "not_covered"),
    ("how long roughly does it take to get the muscle back", "not_covered"),
])
def test_questions_the_article_does_not_answer_are_declined(understander_no_vectors, text, intent):
    assert understander_no_vectors.understand(text).intent == intent


def test_a_question_about_a_song_gets_the_fallback_reply(understander_no_vectors):
    match = understander_no_vectors.understand("who sang the song about muscles wasting")
    assert (match.intent, match.confidence) == ("fallback", 0.0)


@pytest.mark.parametrize("text", [
    "can myositis make muscles waste",
    "after a stroke, why is one side of him thinner",
    "what exercises help muscles that wasted from not moving",
    "is muscle wasting permanent",
    "how long till the muscle comes back after a short spell with flu",
    "what is muscle atrophy",
])
def test_questions_about_the_article_are_not_declined_ood(understander_no_vectors, text):
    rules: DeclineRules = understander_no_vectors.declines
    assert rules.match(understander_no_vectors._clean(text)) is None


# ----------------------------------------------------------------------------------------------------
# Seventeenth round: how long a treatment or a device lasts is declined, and four narrowed decline patterns.
#
# New decline families in ``intents.yaml``: ``not_covered`` for the durations and schedules of casts, braces,
# slings and physiotherapy (the article gives none), ``medical_advice`` for how long a course of tablets or
# injections lasts. Narrowed ``not_covered`` patterns: "how long does it take" no longer takes how fast muscle
# goes
# in a cast (the article: very quickly when a limb is immobilized) or the return after a short break; "to a 14
# year
# old" is the listener, not the patient; "I keep hearing" is not the sense of hearing. Every sentence here was
# written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, intent", [
    ("how long will my son's plaster cast stay on", "not_covered"),
    ("how long does a knee brace have to stay on", "not_covered"),
    ("how long does physiotherapy usually last", "not_covered"),
    ("how long do you have to wear a sling for a broken collarbone", "not_covered"),
    ("how long will she need rehab", "not_covered"),
    ("when will the splint come off", "not_covered"),
    ("how many physio sessions does it take", "not_covered"),
    ("how long does a course of steroid tablets last", "medical_advice"),
    ("how long should he keep taking the pills", "medical_advice"),
])
def test_durations_of_treatments_and_devices_are_declined(understander_no_vectors, text, intent):
    assert declined(understander_no_vectors, text) == intent


@pytest.mark.parametrize("text", [
    "how long does it take for muscles to waste in a plaster cast",
    "how long does it take to get strength back after a short break from walking",
    "could you explain wasting to a 10 year old",
    "i keep hearing the word wasting, is it the same thing",
    "why did his arm get so thin in the cast",
    "how long does muscle atrophy take to set in after a cast",
])
def test_questions_about_the_article_are_not_declined_durations(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) is None


@pytest.mark.parametrize("text", [
    "how long does it take to build the muscle back once the cast is off",
    "can muscle wasting make you lose your hearing",
    "is it normal for a 45 year old to lose muscle",
])
def test_the_narrowed_patterns_still_decline_what_they_did(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) == "not_covered"


# ----------------------------------------------------------------------------------------------------
# Eighteenth round: how long it takes to rebuild muscle after an illness is the article's question.
#
# Three ``not_covered`` duration patterns of ``intents.yaml`` ("how long will it take", "how many days", "how
# long
# does it take to") no longer take a question that asks about rebuilding or regaining muscle or strength after
# an
# illness (flu, a bug, a cold, being ill or sick): the article answers it ("after recovering from a bout of the
# flu,
# most otherwise healthy people will regain lost weight and rebuild muscle strength after a week or so of
# regular
# activity"). How long the illness itself lasts, or a recovery after an operation, stays declined. Every
# sentence
# here was written for these tests (none from the dev set or the paraphrase sets).
# ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "how long would it take to regain muscle after a nasty bug",
    "how many weeks before he builds his strength back up after being sick",
    "how long will it take her to get her muscles back after the virus",
    "after a heavy cold how long does it take to rebuild the muscle",
    "how many days of walking until i regain my strength after being ill",
])
def test_rebuilding_after_an_illness_is_left_to_the_article(understander_no_vectors, text):
    assert declined(understander_no_vectors, text) is None


@pytest.mark.parametrize("text, intent", [
    ("how long will it take to get over a cold", "not_covered"),
    ("how long will it take to get over the flu", "not_covered"),
    ("how long will it take to rebuild muscle after a hip operation", "not_covered"),
    ("how long would it take to walk again after knee surgery", "not_covered"),
])
def test_other_durations_stay_declined(understander_no_vectors, text, intent):
    assert declined(understander_no_vectors, text) == intent
