"""Thirty-seventh round: a new author's habits before the models learned them (docs/understanding.md, "Thirty-seventh
round"). Accented letters folded to plain ones (``voice_guide.lang.fold_accents``: "artículo" was cut in two), a few very common
words of Spanish, Hindi and Urdu, Tagalog, Polish and Arabic that bilingual speakers mix into English (muscle, weak,
nerve, in bed, what is, the author; relatives and fillers; young people's "fr", "no cap"), a reassurance seeker's way
in or out ("am i right in thinking", "tell me honestly", "should i worry": ``lang/en.WRAPPER_OPENERS``,
``WRAPPER_CLOSERS``), and three decline patterns narrowed ("thinking" after "right in", a gym-goer naming themself,
whether illnesses of the brain cause atrophy).

``knowledge_batch_s37.txt`` (part 1, worked on) and ``knowledge_batch_s37b.txt`` (part 2, written at the same time,
scored once at the end): 24 knowledge questions and 10 near-domain out-of-domain lines each, own sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import answers, declined, tab_batch_figures

from voice_guide.lang.en import English
from voice_guide.nlu.understanding import Understander

HERE = Path(__file__).parent
DEFINITION = ["condition in which muscles shrink", "loss or decrease of muscle mass", "loss of muscle tissue"]
REBUILD = ["rebuild muscles that have atrophied", "sometimes, you can rebuild"]


@pytest.fixture(scope="module")
def understander(pack) -> Understander:
    return Understander(pack)


@pytest.mark.parametrize("text, cleaned", [
    ("¿Qué es la atrofia?", "que es la atrofia"),
    ("mięśnie są słabe", "miesnie sa slabe"),
    ("the café’s menu", "the cafe menu"),
    ("naïve question", "naive question"),
    ("plain words stay", "plain words stay"),
])
def test_accented_letters_are_read_as_their_plain_letters(text, cleaned):
    assert English().normalize(text) == cleaned


@pytest.mark.parametrize("text, wanted", [
    ("la atrofia muscular, what is it exactly?", DEFINITION),
    ("mi abuelo's músculos are so thin now, what causes that", ["a few different causes", "many causes of muscle atrophy",
                                                              "lack of physical activity is one cause"]),
    ("my nani's legs went kamzor in hospital, can the muscle come back", REBUILD),
    ("atrophy ka matlab kya hai", DEFINITION),
    ("quién escribió this article", ["carol eustice"]),
    ("my lolo is mahina since his stroke, is that the nerve kind", ["disruption of the nerve signals",
                                                                    "nerve that normally stimulates", "stroke"]),
    ("do steroids waste your muscles fr", ["corticosteroids"]),
])
def test_a_few_common_words_of_other_languages_and_slang_are_understood(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text, wanted", [
    ("am I right in thinking atrophy just means the muscle shrinks?", DEFINITION),
    ("atrophy can come from not moving, am I right in thinking so?", ["sedentary lifestyle", "use it or lose it",
                                                                     "lack of physical activity", "stop using"]),
    ("gym rat here, what is neurogenic atrophy", ["disruption of the nerve signals", "nerve that normally stimulates"]),
    ("can strength training fix atrophied muscle", ["strengthening exercises", "rebuild muscles that have atrophied"]),
    ("can illnesses that affect the brain lead to atrophy", ["conditions that affect the brain", "stroke"]),
    ("does pain lead to wasting, or does the wasting hurt, or both", ["vicious cycle"]),
])
def test_reassurance_frames_and_narrowed_declines_reach_the_article(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text, intent", [
    ("is the atrophy affecting his thinking", "not_covered"),
    ("does muscle atrophy affect the brain", "not_covered"),
    ("does going to the gym make wasted muscles bigger", "not_covered"),
    ("my gym buddy uses weights, will his muscles waste if he stops", None),
    ("could the atrophy return after she is strong again", "not_covered"),
    ("will the atrophy return when she stops exercising", None),
    ("does the wasting affect how well he sleeps", "not_covered"),
    ("does atrophy hurt", "not_covered"),
    ("my mum sleeps on the couch most days now, are her muscles wasting", None),
])
def test_what_the_declines_still_catch(understander, text, intent):
    assert declined(understander, text) == intent


@pytest.mark.parametrize("text", [
    "qué hora es",
    "my tita wants a good recipe for adobo, any ideas",
    "is it normal that my phone battery dies so fast",
    "should I worry that my bro failed his driving test, no cap",
    "gym rat here, what's the best protein shake",
])
def test_unrelated_questions_in_these_styles_get_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_the_rounds_own_batch_part_one(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s37.txt")
    assert (total, n_ood, answered) == (24, 10, [])
    # 19 on the round's base, 23 at the round's end; 21 after the merge review took "tia" and "mi" out of the fillers
    # and kept the gym decline with weights named; 20 since the tune41 refit (fa1afd4) moved one line's answer
    assert right == 20


def test_the_rounds_own_batch_part_two(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s37b.txt")
    assert (total, n_ood, answered) == (24, 10, [])
    # scored once at the end: 21 on the base, 21 after (and after the merge review); 20 since the tune56 refit (0cb7f50);
    # 21 again since the tune57 refit (a0c1a3b); 20 since the tune58 refit (338c989); 21 since the tune59 refit (3ee46b6)
    assert right == 21


# Merge review (thirty-seventh session): the round's narrowed declines and fillers, checked the other way (the
# reviewer's sentences): muscle coming back is the rebuild FAQ, a steroid cycle or weights to fix wasted muscle and
# organs damaged by a drug that causes atrophy stay declined, "mistaken in thinking" is an opener like "right in
# thinking", and "tia" and "mi" (clinical shorthand for a mini stroke and a heart attack) are no fillers.
@pytest.mark.parametrize(("text", "intent"), [
    ("can the muscle lost from atrophy come back once he is better", "ask_rebuild"),
    ("can the atrophy return once he is strong again", "not_covered"),
    ("do steroids that cause muscle atrophy also damage your heart", "not_covered"),
    ("can an anabolic steroid cycle fix wasted muscles", "not_covered"),
    ("is it safe to use weights to fix wasted muscles after a stroke", "not_covered"),
    ("am I mistaken in thinking atrophy just means the muscle shrinks", "ask_definition"),
    ("since her tia her arm has been thinner, what type of atrophy is that", "fallback"),
    ("after his mi he lost a lot of muscle, why", "fallback"),
])
def test_the_merge_review_cases(understander, text, intent):
    assert understander.understand(text).intent == intent
