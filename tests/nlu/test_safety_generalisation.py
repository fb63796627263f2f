"""The general mechanisms behind the red-flag taxonomy (session 3): typing slips, a cry or a
question leading into a report, markers of now per statement, post-operative signs, negation
inside a phrase, firm crisis patterns. All phrases are written for these tests."""

from __future__ import annotations

import pytest
from safety_support import found

from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_spelling import SpellingFixer, pattern_words
from voice_guide.nlu.safety_text import clauses

# --- typing slips ---------------------------------------------------------------------------

def test_slips_are_corrected_towards_pattern_words_only() -> None:
    fixer = SpellingFixer(["pain", "plain", "blood", "clot", "clots", "chest", "choking", "chicken"])
    assert fixer.fix("chest pian and bloood and a clott") == "chest pain and blood and a clot"
    assert fixer.fix("playing chess in the kitchen") == "playing chess in the kitchen"  # real words stay
    assert fixer.fix("chockin") == "chockin"  # as close to "chicken" as to "choking": not sure, unchanged
    assert fixer.fix("pian") == "pain"  # two letters swapped wins over one letter changed ("plain" is two away)


def test_pattern_words_and_stems() -> None:
    words, stems = pattern_words([r"(?:foam|froth)\w* at the mouth", r"{chest} ~~ (?:tight|heavy)", r"bleed\w*"])
    assert words == frozenset({"foam", "froth", "mouth", "chest", "tight", "heavy", "bleed"})
    assert stems == frozenset({"foam", "froth", "bleed"})


@pytest.mark.parametrize(("text", "concept"), [
    ("my chest pian is unbearable", "chest_pain"),
    ("she is bleding everywhere", "bleeding"),
    ("worst headdache i have ever had", "headache"),
    ("her lips are turnnning blue", "breathing"),
])
def test_emergencies_with_slips(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


# --- a cry or a question that leads into a report -------------------------------------------

def test_a_leading_cry_is_a_clause_of_its_own() -> None:
    assert clauses("what do i do she can not breathe") == ["what do i do", "she can not breathe"]
    assert clauses("should we ring 999 his lips are blue") == ["should we ring 999", "his lips are blue"]
    assert clauses("is this a stroke her arm just went dead") == ["is this a stroke", "her arm just went dead"]
    assert clauses("what do i do if she chokes") == ["what do i do if she chokes"]  # a question, not a lead


@pytest.mark.parametrize(("text", "concept"), [
    ("what do i do she can't breathe", "breathing"),
    ("should we ring 999 his lips are blue", "breathing"),
    ("is this a stroke her arm just went dead", "stroke"),
    ("do we need an ambulance he is not waking up", "collapse"),
])
def test_reports_after_a_question_without_punctuation(rules: SafetyRules, text: str, concept: str) -> None:
    assert found(rules, text) == ("emergency", concept)


def test_questions_about_what_to_do_stay_questions(rules: SafetyRules) -> None:
    assert found(rules, "what do i do if she chokes on her food") == ("none", None)
    assert found(rules, "should i call an ambulance if he faints") == ("none", None)


# --- markers of now, post-operative signs, negation inside a phrase ------------------------

def test_a_marker_of_now_counts_in_its_own_statement(rules: SafetyRules) -> None:
    assert found(rules, "she bled a lot after her op last spring and she is still weak") == ("none", None)
    assert found(rules, "he had a stroke in 2021 and his face is drooping now") == ("emergency", "stroke")


def test_after_an_operation_a_present_sign_is_not_history(rules: SafetyRules) -> None:
    assert found(rules, "after his knee operation his calf is hot and swollen") == ("emergency", "blood_clot")
    assert found(rules, "after his knee operation his calf was swollen for a week") == ("none", None)


def test_not_inside_a_phrase_negates_only_after_a_copula(rules: SafetyRules) -> None:
    assert found(rules, "her ankle is not swollen or red") == ("none", None)
    assert found(rules, "my head hurts so bad i can not see straight") == ("emergency", "headache")


# --- crisis: indirect talk, firm patterns ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "how many of her sleeping tablets would it take to end it",
    "i have been hiding my tablets so i can take them all at once",
    "he sent us a text saying goodbye and sorry for everything",
    "i am so tired of being alive",
    "she keeps burning her arms with a lighter",
    "since the accident i would rather be dead",
    "my son has been looking up ways to kill himself",
])
def test_indirect_crisis_talk(rules: SafetyRules, text: str) -> None:
    assert rules.assess(text).kind is FindingKind.CRISIS


@pytest.mark.parametrize("text", [
    "how many tablets can she take in a day",
    "if she cuts herself in the kitchen how do i stop the bleeding",
    "she has really let herself go since the divorce",
])
def test_not_crisis(rules: SafetyRules, text: str) -> None:
    assert not rules.is_crisis(text)


def test_a_negation_does_not_reach_past_and_a_new_predicate(rules: SafetyRules) -> None:
    assert found(rules, "he is not really with us and will not respond to his name") == ("emergency", "collapse")
    assert found(rules, "she is not breathing and turning blue")[0] == "emergency"
    assert found(rules, "he denies chest pain and shortness of breath") == ("none", None)  # a second noun


# --- pattern flags, on a small pack written here ----------------------------------------------

_SMALL = {
    "fields": {"leg": "leg|calf"},
    "context": {
        "negation": ["not|no"], "mild": ["a bit|slightly"], "history": ["last year"],
        "question_starts": ["(?:how|can|is)\\b"], "info_cues": ["cause|fatal"],
        "after_event": ["after (?:his|her) (?:operation|surgery)"],
        "present_tense": ["\\b(?:is|are)\\b"],
    },
    "concepts": {
        "breathing": {"patterns": [{"pattern": "breathless", "mild": True}, "can not breathe"]},
        "blood_clot": {"patterns": ["{leg} ~ swollen"]},
        "crisis": {"kind": "crisis", "patterns": [
            {"pattern": "how many ~~ would it take", "firm": True}, "want to die"]},
    },
}


@pytest.fixture(scope="module")
def small() -> SafetyRules:
    return SafetyRules(_SMALL, region="")


@pytest.mark.parametrize(("text", "expected"), [
    ("she is breathless", ("emergency", "breathing")),
    ("she is a bit breathless", ("none", None)),  # mild: only this pattern
    ("she is a bit scared and can not breathe", ("emergency", "breathing")),  # the concept itself is not mild
    ("his calf is swollen after his operation", ("emergency", "blood_clot")),  # present tense
    ("his calf was swollen after his operation", ("none", None)),
    ("his calf was swollen last year", ("none", None)),
    ("how many pills would it take", ("crisis", "crisis")),  # firm: the question does not cancel it
    ("how many pills would it take, not that i want to die", ("crisis", "crisis")),
    ("i do not want to die", ("none", None)),
])
def test_pattern_flags(small: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert found(small, text) == expected
