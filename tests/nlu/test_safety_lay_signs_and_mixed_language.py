"""Signs told in lay words, with a time word of now, in a worried question or with words of another language mixed in, and
danger in the middle of an exercise (thirty-seventh session, docs/safety.md "Thirty-seventh round"); the near misses in
the same styles (a drill, a machine, a risk, a past told in another language). The round's own batch
(tests/nlu/safety_batch_s37.txt) is scored whole; its second part (safety_batch_s37b.txt) only ever by
``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import found, misread, read_batch

from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.safety_text import normalise

NONE = ("none", None)


@pytest.mark.parametrize("text, concept", [
    ("does it matter that his tongue feels swollen and too big, he just had a new jab", "allergy"),
    ("should i be worried that our little girl is blue", "breathing"),
    ("is it ok that my grandson is grey and will not stay awake", "collapse"),
])
def test_a_worried_question_about_a_sign_now(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "is it normal for her breathing to go fast all of a sudden when she climbs the stairs",
    "is it normal for people's lips to go blue all of a sudden in cold water",
    "i am blue today, my sister moved away",
    # (Thirty-seventh review: a sense verb with an occasion after it asks about a habit, as "she feels dizzy after the
    # exercises" does; this line had been a sign now.)
    "should i be worried that his heart's racing and he feels faint right after his lunch",
])
def test_a_worried_question_about_a_habit_or_a_mood_stays_one(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text, concept", [
    ("she has had a heavy squeezing pain in her chest for half an hour", "chest_pain"),
    ("grandad has had this gripping pain across his chest for about forty minutes", "chest_pain"),
])
def test_a_sign_had_for_minutes_is_now(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


def test_a_sign_had_for_minutes_that_stopped_is_over(rules: SafetyRules) -> None:
    assert found(rules, "he has had a nosebleed for twenty minutes this morning, it stopped and he is fine") == NONE


@pytest.mark.parametrize("text, concept", [
    ("mi tío tiene dolor de pecho and he's gone all sweaty", "chest_pain"),
    ("mi madre no respira, please help", "breathing"),
    ("dada ke seene mein dard ho raha hai since ten minutes", "chest_pain"),
    ("nanu behosh hai, she won't answer", "collapse"),
    ("krew everywhere from her arm and it's not slowing", "bleeding"),
    ("dziadek nie oddycha, what do i do", "breathing"),
])
def test_words_of_another_language_for_a_sign(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text)[0] == "emergency"
    assert found(rules, text)[1] == concept


@pytest.mark.parametrize("text", [
    "dadu ko pichle saal heart attack hua tha, ab bilkul theek hain",
    "walang dugo, just a graze on her knee",
    "abuelo tuvo un infarto hace muchos años, now he walks every day",
])
def test_a_past_or_a_denial_in_another_language(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_accents_are_plain_letters_for_the_rules_only() -> None:
    assert normalise("se desmayó, trzęsie się cały") == "se desmayo | trzesie sie caly"
    assert normalise("se desmayó", fold=False) == "se desmay"


@pytest.mark.parametrize("text", [
    "the day centre is holding a choking drill next week for the volunteers",
    "we ran a cardiac arrest scenario on the training mannequin",
    "at the first aid night i had to play the man who collapsed in the street",
    "my phone screen went black and then it died completely",
    "she's closing her eyes to rest while i do her hands",
    "i'm a bit anxious about the risk of her falling when she gets up at night",
    "am i being silly about the chance of him choking on the big tablets",
])
def test_a_drill_a_machine_a_rest_or_a_risk_is_no_alarm(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


@pytest.mark.parametrize("text, kind, concept", [
    ("i was straightening her knee and it gave a loud crunch, she's screaming", "emergency", "exercise_warning"),
    ("he took a gulp of the white spirit from the jam jar", "emergency", "poisoning_overdose"),
    ("he had one fit and then a second one straight after and never woke up between them", "emergency", "seizure"),
    ("since my son died i really don't see why i should go on", "crisis", "crisis"),
    ("she slipped in the bath and cries out whenever i touch her hip", "emergency", "head_injury"),
    ("the gas fire went on an hour ago and now we've all got headaches and feel sick", "emergency",
     "poisoning_overdose"),
    ("he's taken way over the daily limit of his co codamol today", "emergency", "poisoning_overdose"),
    ("my sister suddenly cried out and clutched her head, she says it's splitting", "emergency", "headache"),
])
def test_lay_signs_and_danger_in_an_exercise(rules: SafetyRules, text: str, kind: str, concept: str) -> None:
    assert found(rules, text) == (kind, concept)


@pytest.mark.parametrize("text", [
    "her knee gave a little click when i bent it but she says it feels good",
    "i don't see why i should carry on with the ankle circles, he's asleep",
    "the heating came on this morning and the house is lovely and warm",
    "never go over the daily limit with paracetamol, the leaflet says",
])
def test_their_near_misses(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == NONE


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The round's batch, first part, read by the rules alone: every line as its kind but two (a colour told only by a
    likeness, which the net finds; a worried question whose sign "came on", a past tense the frame does not take)."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s37.txt"), "# Second part")
    assert misread(rules, first) == {
        "her lips have gone the colour of a bruise and she's pulling in air really hard",
        # ("does it matter that his head pain came on like a thunderclap and it's the worst ever": a report since the
        # fifty-third session's "does it matter that ..." report in a question)
    }
