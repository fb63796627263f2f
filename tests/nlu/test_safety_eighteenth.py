"""Eighteenth session: the rules of the session's own batch (tests/nlu/safety_batches_18.txt) and of tune19:odd,
each tried both ways in phrases written for these tests (not from any set): indirect crisis talk (a wish that the
illness would take one, asking the height or the amount one would not survive, hurting one's own body, a pet handed
over, everything too much, a blade kept for when), figures and histories (a crisis act threatened at a song heard
again, goodbyes at a door, a will made with a solicitor, "still" with a lasting difference, "long ago", "in a good
place"), and emergencies ("fell out of" is a fall, a seizure longer than usual, muscle relaxants taken at once)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.state import DialogueState

ROOT = Path(__file__).resolve().parent.parent.parent
BATCH = ROOT / "tests" / "nlu" / "safety_batches_18.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""


@pytest.mark.parametrize("text", [
    "she wishes the illness would hurry up and take her",
    "i pray god will take me in my sleep",
    "how many of these tablets would kill a person",
    "he searched how far you would need to fall to not survive",
    "i want to harm my body, it keeps failing me",
    "i hate my own body and i want to burn it",
    "she gave her cat to the lady next door and said she won't be around to feed it",
    "everything is too much and i'm standing looking down at the water",
    "i keep a razor blade in my purse for when it gets too much",
    "it would be a kindness to my family if i was not here",
    "i would like to go to sleep and never wake up",
    "no one would care if i just disappeared",
    "i'll end it before the cancer gets me",
    "his wife found the noose he had hidden in the loft",
])
def test_indirect_crisis_talk_is_crisis(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "would you take me to the shops, i wish it would stop raining",
    "how far is it to the hospital from here",
    "how many times should he lift his arm",
    "he hurt his body at the gym and now he rests on sundays",
    "she loves her body these days",
    "we gave the dog to my sister for the weekend while we were away",
    "everything is too much effort for his legs today",
    "this exercise is too much for her, can we stop",
    "i'll jump off the bridge if i have to hear that jingle one more time",
    "i'm going to shoot myself if i see that advert again",
    "we waved bye to my son at the airport",
    "i said goodbye to the physio at the door",
    "my parents made their wills with a lawyer last year",
    "she broke her leg in march and the calf is still thinner than the other",
    "he had a stroke long ago and does his exercises every day",
    "years back i self harmed, i'm in a good place now",
    "she fell out with her brother at christmas",
    "i fall asleep in my chair every afternoon",
    "i want to sleep and not wake up until the afternoon",
    "i want to finish it before the shop closes",
    "the skipping rope she hid in the garage is for the grandchildren",
])
def test_their_near_misses_are_no_alarm(rules, text):
    assert not rules.assess(text).is_red_flag


@pytest.mark.parametrize("text", [
    "i'm going to jump off the bridge if the scan is bad",
    "i made my will with the solicitor and i've said my goodbyes, i won't be here much longer",
    "she had a stroke long ago and now her face is drooping again",
])
def test_the_same_words_with_a_sign_of_now_stay_alarms(rules, text):
    assert rules.assess(text).is_red_flag


@pytest.mark.parametrize("text", [
    "i said goodbye to my sister at the airport",
    "i made my will with the solicitor this spring",
])
def test_a_figure_that_took_away_every_crisis_sign_raises_the_nets_bar(bare, text):
    assert bare.figure_cue(text)
    bare.net = fixed_net(crisis=0.9)
    assert bare.assess(text).kind is FindingKind.NONE
    bare.net = fixed_net(crisis=0.97)
    assert bare.assess(text).kind is FindingKind.CRISIS


def test_a_crisis_sign_beside_the_figure_still_counts(rules, bare):
    assert found(rules, "i wrote my will with the solicitor and gave my tools away") == ("crisis", "crisis")
    assert not bare.figure_cue("i said goodbye to my sister at the airport for the last time")  # no figure then


@pytest.mark.parametrize("text, expected", [
    ("dad fell out of his chair and there's blood coming from his head", ("emergency", "head_injury")),
    ("her fits are lasting much longer than her usual ones", ("emergency", "seizure")),
    ("he swallowed all his baclofen at once and is very drowsy", ("emergency", "poisoning_overdose")),
    ("something is stuck in her throat and she can't cough it up", ("emergency", "choking")),
])
def test_emergencies_of_the_round(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "his knee feels a bit stuck when i bend it",
    "she takes baclofen for the stiffness in her legs",
    "his fits used to last longer than usual when he was a boy",
])
def test_their_near_misses_are_no_emergency(rules, text):
    assert not rules.assess(text).is_red_flag


@pytest.mark.parametrize("state", list(DialogueState))
def test_the_new_crisis_rules_win_in_every_state(rules, state):
    assert rules.assess("i googled how high a bridge you need to not survive", state).kind is FindingKind.CRISIS


# --- the session's own batch ---------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (149, 61)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS_RULES = {
    # the net's crisis reply (the rules alone miss them): a letter "for after i'm gone", pills stored up, a
    # goodbye phoned, planning an exit, "her last night", asking where cartridges are, "tell the kids i love them",
    # "better off, she said, if she wasn't around" (split by the commas); affairs in order and at peace now are read by
    # the rules since the twenty-eighth session (at peace now beside another sign)
    "i've started writing letters to each of the grandchildren for after i'm gone, and i mean soon",
    "my wife told me she's been storing up her sleeping pills in a drawer",
    "dad rang to say goodbye properly and to look after mum for him",
    "i've had it with being a weight around everyone's neck, i'm planning my exit",
    "my friend posted that this is her last night and thanked everyone",
    "my father says he's a useless burden and has asked me where the shotgun cartridges are",
    "he said tell the kids i love them and then he drove off with his pills",
    "my brother left a note on the kitchen table saying sorry and he's not answering",
    "we'd all be better off, she said, if she wasn't around any more",
    # crisis talk that names an overdose or a collapse: the emergency reply, with the crisis line
    "i'm so tired of caring for her that i've thought about taking all her morphine myself",
    # designed: breathlessness during the exercises is the exercise warning (stop, and check with their clinician)
    "he gets out of breath doing the arm lifts, should we slow down",
}


def test_the_batch_with_the_rules(rules):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules, first + later) == KNOWN_GAPS_RULES


@pytest.mark.parametrize("text", [
    "close the guide we'll do it later",
    "stop the routine we will do it tomorrow",
    "we're going to do it tonight after his bath",
    "we are going to do it this weekend",
])
@pytest.mark.parametrize("state", list(DialogueState))
def test_a_carer_putting_the_exercises_off_is_no_crisis(rules, text, state):
    assert not rules.assess(text, state).is_red_flag


@pytest.mark.parametrize("text", ["i'm going to do it tonight", "he says he will do it tomorrow"])
def test_a_plan_of_one_person_stays_crisis_talk(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text, concept", [
    ("is it normal for his lips to look blue he's wheezing", "breathing"),
    ("is it ok for my dad to go grey and floppy like this", "collapse"),
])
def test_a_worry_about_one_persons_body_now_is_no_question(rules, text, concept):
    assert found(rules, text) == ("emergency", concept)


@pytest.mark.parametrize("text", [
    "is it normal for lips to go blue in the cold",
    "is it normal for his legs to look thinner after a month in bed",
    "is it normal to feel tired for an hour after the exercises",
])
def test_a_question_about_a_condition_stays_a_question(rules, text):
    assert not rules.assess(text).is_red_flag
