"""A sign pretended, acted out or played in a game, a course or a play, and a pet's breathing, as near misses; new
confusion told by its questions and answers, a child who got hold of medicines, one side that gave way, a likeness of a
burst in the head, no answer to a shake or a pinch, the same chest pain back after a heart procedure, and an end told as
a bitter joke (thirty-eighth session, docs/safety.md "Thirty-eighth round"). The round's own batch
(tests/nlu/safety_batch_s38.txt) is scored whole; its second part (safety_batch_s38b.txt) only ever by
``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety import SafetyRules

NONE = ("none", None)


@pytest.mark.parametrize("text", [
    "at the first aid class the instructor pretended to collapse so we could practise the recovery position",
    "my granddaughter was acting out someone choking for her drama homework",
    "in charades i had to mime having a heart attack and nobody guessed it",
    "the leading lady fainted dramatically at the end of the second act",
    "his character keeps dying in that game and he throws the controller",
    "our old rabbit can't breathe very well when it's hot, we've moved his hutch into the shade",
])
def test_a_sign_played_pretended_or_a_pets_is_no_alarm(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text, concept", [
    ("we thought she was pretending to faint but now she isn't breathing", "breathing"),
    ("the actress really collapsed during the show and she isn't responding", "collapse"),
    ("the cat is fine but my husband can't breathe", "breathing"),
])
def test_a_report_beside_a_pretence_stands(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "mum keeps asking what day it is, that's not like her, she was fine at breakfast",
    "his replies don't make sense for the questions and it started an hour ago",
    "she's talking like she's in a dream and it came on suddenly after lunch",
    "dad came in from the shed not knowing where he was, this is totally new",
])
def test_new_confusion_told_by_questions_and_answers(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "confusion")


@pytest.mark.parametrize("text", [
    "my kids keep asking me what day it is because they're bored in the holidays",
    "she kept asking what year it was when she had the infection last spring",
])
def test_a_question_of_the_day_without_a_change_is_no_alarm(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text, concept", [
    ("the toddler got hold of the paracetamol and we can't tell how many are missing", "poisoning_overdose"),
    ("he stood up and his whole left side gave way", "stroke"),
    ("she's saying words that aren't even words, it started ten minutes ago", "stroke"),
    ("she held the back of her head screaming that something had burst", "headache"),
    ("he says his head feels like he'd been hit with a hammer", "headache"),
    ("he had a bypass two years ago and now he has the same pain in his chest he had then", "chest_pain"),
])
def test_signs_told_by_a_likeness_or_a_past(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "the chemist finally got hold of nan's tablets after a week",
    "the left side of the bed gave way in the night",
    "my grandson keeps saying words that aren't words, he's learning to talk",
    "he had a stent last year and he had the same pain he had then, but it turned out to be indigestion",
])
def test_their_near_misses(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text", [
    "brilliant, more leg lifts, at least i won't have to do many more of these where i'm going",
    "lovely, can you count down my final days for me as well",
    "i've arranged it so there won't be many more mornings like this",
])
def test_an_end_told_as_a_bitter_joke(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "i'm counting down my last days at work before i retire",
    "i won't need many more jumpers where i'm going, it's sunny in spain",
    "sorry to bother you, i was only wondering whether a stroke can make the muscles waste",
])
def test_a_last_day_a_trip_or_a_polite_question_is_no_alarm(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text", [
    "she's slumped in the armchair and doesn't react when i shake her shoulder",
    "i squeezed the top of his shoulder hard and there was no response at all",
])
def test_no_answer_to_a_shake_or_a_pinch(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("emergency", "collapse")


@pytest.mark.parametrize("text", [
    "i called her name from the kitchen and nothing, she had her headphones in",
    "he didn't respond when i tapped his shoulder because he was watching the match",
])
def test_a_name_called_or_a_tap_unanswered_is_no_alarm(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The round's batch, first part, read by the rules alone: every line as its kind but one (black toes, cold and
    agony, which the net asks about)."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s38.txt"), "# Second part")
    assert misread(rules, first) == {
        "the toes on his bad foot have gone black and cold and the pain is unbearable",
    }
