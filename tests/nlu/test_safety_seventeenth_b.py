"""Seventeenth session, second round: a negated sign whose negation is reassurance ("he isn't bleeding", "no chest
pain") raises the learned net's bars as a negated red-flag phrase does (``context.calm_signs``,
``learned.negated_at``), while the negations that are themselves emergencies ("not breathing", "won't stop
bleeding") stay the rules' alarms. Phrases written for these tests, not from any set."""

from __future__ import annotations

import pytest
from safety_support import fixed_net, found

from voice_guide.nlu.safety import FindingKind


@pytest.mark.parametrize("text", [
    "he is not bleeding",
    "he isn't bleeding",
    "there is no bleeding from the cut",
    "she's not choking, she is just coughing",
    "my dad has no chest pain",
    "he is not fitting any more",
    "her ankle isn't swollen",
    "he hasn't collapsed, he is sitting down",
])
def test_a_reassuring_denial_raises_the_nets_bars(bare, text):
    assert bare.calm_negation(text)
    bare.net = fixed_net(emergency=0.92)
    assert bare.assess(text).kind is FindingKind.NONE
    bare.net = fixed_net(emergency=0.97)
    assert bare.assess(text).kind is FindingKind.CONFIRM  # the question at most, never the alarm


@pytest.mark.parametrize("text", [
    "he is bleeding",
    "it has not stopped bleeding",
    "he never stopped fitting",
    "he is not breathing and bleeding heavily",
    "the bleeding is not slowing down",
    "he looks really unwell",
])
def test_a_sign_that_goes_on_is_no_reassurance(bare, text):
    assert not bare.calm_negation(text)


def test_the_net_alone_still_raises_the_alarm_without_a_denial(bare):
    bare.net = fixed_net(emergency=0.92)
    assert bare.assess("he looks really unwell").kind is FindingKind.EMERGENCY
    # beside a denial the net needs learned.negated_at, as beside a negated phrase of the rules
    assert bare.assess("he looks really unwell, he is not bleeding").kind is FindingKind.NONE


@pytest.mark.parametrize("text, expected", [
    ("he is not breathing", ("emergency", "breathing")),
    ("she is not responding", ("emergency", "collapse")),
    ("he won't wake up", ("emergency", "collapse")),
    ("he can't breathe", ("emergency", "breathing")),
    ("it won't stop bleeding", ("emergency", "bleeding")),
    ("it hasn't stopped bleeding", ("emergency", "bleeding")),
    ("he can't stop choking", ("emergency", "choking")),
    ("he is not bleeding but he is not breathing", ("emergency", "breathing")),
])
def test_negations_that_are_emergencies_stay_alarms(bare, text, expected):
    bare.net = fixed_net(emergency=0.0)
    assert found(bare, text) == expected


# --- "never ... again", a time of life told by its days, and an event that comes back -----------------

@pytest.mark.parametrize("text", [
    "he snapped his ankle four winters back and the calf never filled out again",
    "my aunt fainted once as a girl and never fainted again",
    "he had one seizure at school and never had another one again",
    "she broke her wrist years ago and never played the piano again",
    "in his army days he was shot in the leg",
    "back in her rugby days she was knocked out cold",
])
def test_never_again_and_days_of_a_life_are_history(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("she is having a seizure again", ("emergency", "seizure")),
    ("my dad is not breathing again", ("emergency", "breathing")),
    ("she fainted years ago and never since, but she has just fainted again", ("emergency", "collapse")),
    ("in his army days he was shot, and now he has been shot again tonight", ("emergency", "bleeding")),
    ("he had a seizure last year and now he is having one again", ("emergency", "seizure")),
    ("she had a fit in march, she is having another one now", ("emergency", "seizure")),
])
def test_the_same_events_told_now_stay_emergencies(rules, text, expected):
    assert found(rules, text) == expected


def test_a_good_day_after_a_history_is_no_event_come_back(rules):
    assert found(rules, "she fainted at the wedding and she is having one of her good days") == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("i'm going to have a stroke if this queue gets any longer", ("none", None)),
    ("he will have a heart attack if the meeting drags on any longer", ("none", None)),
    ("i'm going to pass out if this pain gets any worse", ("emergency", "collapse")),  # (a symptom: no figure)
])
def test_a_threat_at_a_nuisance_that_goes_on_is_a_figure(rules, text, expected):
    assert found(rules, text) == expected
