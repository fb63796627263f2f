"""Thirtieth session: indirect crisis talk (wishing not to wake, "unalive", self-injury told in any verb form with
"deliberately", second-language "better i am not alive", wishing for the nerve, means looked up before small talk), and
their near misses. Phrases written for these tests, not the lines of the
session's own batch (tests/nlu/safety_batch_indirect.txt) or of a safety set."""

from __future__ import annotations

import pytest
from safety_support import found

# --- crisis and its near misses ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "my dad says he hopes never to wake up again",
    "she prays each morning not to wake tomorrow",
    "honestly i want to unalive tonight",
])
def test_wishing_not_to_wake_and_unalive_are_crisis_talk(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "the family would be happier if he got fitter and walked more",
    "i'd kill for a cup of tea",
    "she hopes not to wake up early tomorrow",
])
def test_affairs_wishes_to_be_fitter_and_idioms_stay_quiet(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text", [
    "he punches himself in the face deliberately when he's angry",
    "he bashes his head against the wall deliberately when he's frustrated",
    "she scratches her arms until they bleed, she says it's to feel something",
    "better for everyone that i am dead",
    "is better he is not alive, he says so every day",
    "i stood on the bridge again tonight wishing i had the guts",
    "i've been reading how many of his pills it would take and the telly is rubbish",
])
def test_indirect_crisis_talk_is_crisis(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "the cat scratched her arm on purpose",
    "he hit his hand on the table, not on purpose",
    "better he is not alive to the danger of the stairs, he just charges up them",
    "i wish i had the courage to tell my boss",
    "i asked how many of these it would take and the pharmacist said two",
])
def test_the_same_words_in_everyday_talk_stay_quiet(rules, text):
    assert found(rules, text)[0] not in ("crisis", "emergency")


# --- a last message to anyone at all (lead, after the merge) -----------------------------------------------------------


@pytest.mark.parametrize("text", [
    "this is my last message to anyone, goodbye",
    "my final words to the world",
    "my last message to anyone who reads this, i am sorry",
])
def test_a_last_message_to_anyone_at_all_is_crisis_talk(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "this is my last message to you all before the holidays, goodbye",
    "this is my last message for today, goodbye",
    "her last message to anyone was on monday",
])
def test_a_last_message_before_a_break_or_told_of_someone_is_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)
