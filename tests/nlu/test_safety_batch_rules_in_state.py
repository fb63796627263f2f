"""Rules of two sessions' own batches (tests/nlu/safety_batches_17.txt, safety_batches_18.txt) and of
tune18:odd and tune19:odd, each tried both ways in phrases written for these tests (not from any set), and the
safety check told the dialogue state."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Seventeenth session: the rules of the session's own batch (tests/nlu/safety_batches_17.txt) and of
# tune18:odd, each both ways in phrases written for these tests (not from any set), and the safety check told
# the dialogue state: in ``idle`` and ``answered`` a question that mentions pain gets no pain stop; in ``idle``
# a bare "end it" is crisis talk (there is nothing to end), while it stays the stop command in every other
# state; with no state the reading is the same in every state, as before.
# ----------------------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "nlu" / "safety_batches_17.txt"
PART_MARK = "# Second part"
"""Where the batch's first part (written and scored before any change) ends."""

BUSY = [s for s in S if s not in (S.IDLE, S.ANSWERED)]
"""The states where a routine runs, the article is read or a question is pending."""


# --- memories told now, seasons counted back, topics and stories -----------------------------------

@pytest.mark.parametrize("text", [
    "grandad passed out at the barbecue once, the whole street still jokes about it",
    "she choked on a cherry stone at her christening party, we still tell that story",
    "he snapped his ankle four winters back and the calf is thinner",
    "my mum had her stroke three christmases ago and the hand has wasted",
    "the nurses ran a workshop on what to do when someone faints",
    "we have a poster about stroke signs in the hall",
    "the comic is all about a hero who keeps getting shot",
    "he fainted at our wedding in 1990 and he is still embarrassed about it",
])
def test_memories_seasons_back_and_topics_are_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("she collapsed at the party just now and is still on the floor", ("emergency", "collapse")),
    ("he fainted at the party and he is still lying there", ("emergency", "collapse")),
    ("she had a fit at the party and she is still not responding", ("emergency", "seizure")),
    ("she fell two winters back and now she has hit her head and is being sick", ("emergency", "head_injury")),
    ("we watched a talk about my dad, he is choking now", ("emergency", "choking")),
    ("in my story i cut myself", ("crisis", "crisis")),
])
def test_a_report_of_now_beside_those_frames_stands(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "the new rules are strangling the life out of our little shop",
    "my husband goes blue in the face nagging the kids about homework",
    "when i was expecting my first i passed out twice in the queue",
])
def test_figures_and_a_pregnancy_told_in_the_past_are_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("she is choking on a grape right now", ("emergency", "choking")),
    ("she is pregnant and she has passed out on the floor", ("emergency", "collapse")),
])
def test_the_same_words_told_now_stay_emergencies(rules, text, expected):
    assert found(rules, text) == expected


def test_not_grey_or_sweaty_is_a_negated_phrase_the_net_needs_the_higher_bar_for(bare):
    text = "she isn't pale or clammy, she has her colour back and is chatting"
    assert [(h.phrase, h.cancelled_by) for h in bare.hits(text, (FindingKind.EMERGENCY,))] == [("pale or clammy", "negation")]
    bare.net = fixed_net(emergency=0.85)
    assert bare.assess(text).kind is FindingKind.NONE
    assert found(bare, "he is clammy or grey, i cannot tell which") == ("emergency", "chest_pain")


# --- stiff muscles and the same question asked again ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "my neck feels tight from sitting at the computer all day",
    "his throat is tight after the stretches, he says",  # (no cause named: a phrase of the allergy concept)
])
def test_a_stiff_muscle_with_its_cause_is_no_allergy(rules, text):
    expected = ("none", None) if "computer" in text else ("emergency", "allergy")
    assert found(rules, text) == expected


def test_a_swelling_throat_after_a_sting_stays_an_allergy(rules):
    assert found(rules, "her neck is swelling from the wasp sting") == ("emergency", "allergy")


@pytest.mark.parametrize("text, expected", [
    ("mum keeps asking the same question and it came on this afternoon", ("emergency", "confusion")),
    ("he keeps saying the same thing over and over, it started out of nowhere", ("emergency", "confusion")),
    ("my little girl keeps asking the same question at bedtime", ("none", None)),
])
def test_the_same_question_again_is_confusion_only_when_it_is_new(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "the blood is not letting up at all", "i am pressing hard but his bleeding is not slowing",
])
def test_bleeding_that_is_not_slowing_is_an_emergency(rules, text):
    assert found(rules, text) == ("emergency", "bleeding")


def test_bleeding_that_is_slowing_is_no_emergency(rules):
    assert found(rules, "the cut on his finger is slowing down now") == ("none", None)


# --- indirect crisis talk ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "my brother talks about walking into the lake and never coming back",
    "she said she is going to walk into the sea one of these days",
    "he was sitting in his van in the lock up with the engine running",
    "i keep picturing myself stepping off the roof",
    "which is the least painful way to die",
    "she prays she will not see another morning",
    "i have saved enough morphine to end my life",
    "he punches his arms to punish himself",
    "there is a noose in the garage and she keeps looking at it",
    "he says this is his last birthday and there is nothing wrong with him",
])
def test_indirect_crisis_talk_is_crisis(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    "we walked into the sea for a paddle and came back for lunch",
    "what is the least painful way to go to the dentist with his knee",
    "i hope i will not see another day like this, the rain is endless",
    "we have enough tablets to last until friday",
    "the kids keep looking at the rope swing",
    "this will be his last christmas, the cancer has spread",
    "i can picture myself walking off the plane in spain",
    "i thought about stepping off the train a stop early to walk",
])
def test_their_near_misses_are_no_crisis(rules, text):
    assert rules.assess(text).kind is FindingKind.NONE


# --- a threat as a figure: the net's higher bar -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "my sister is going to kill me if i forget her birthday", "the coach will murder us for being late",
])
def test_a_threat_as_a_figure_needs_the_higher_bar(bare, text):
    assert bare.figure_cue(text)
    bare.net = fixed_net(crisis=0.9)
    assert bare.assess(text).kind is FindingKind.NONE
    bare.net = fixed_net(crisis=0.97)
    assert bare.assess(text).kind is FindingKind.CRISIS  # a bar, not a silence


@pytest.mark.parametrize("text", ["he is going to kill me if i leave him", "she will kill me if i tell anyone"])
def test_a_threat_at_leaving_or_telling_is_no_figure(rules, text):
    assert not rules.figure_cue(text)


def test_crisis_talk_beside_a_figure_stands(rules):
    assert rules.assess("i am going to kill myself, mum will kill me if she finds out").kind is FindingKind.CRISIS


# --- the dialogue state: a question about pain, a bare "end it" --------------------------------------------

PAIN_QUESTIONS = [
    "her knees are sore so she sits all day, is that why her legs are thin",
    "his shoulder is sore after the stretches, what helps?",
]


@pytest.mark.parametrize("text", PAIN_QUESTIONS)
def test_a_question_about_pain_is_no_pain_stop_with_nothing_running(rules, text):
    assert [rules.assess(text, s).kind for s in (S.IDLE, S.ANSWERED)] == [FindingKind.NONE] * 2


@pytest.mark.parametrize("text", PAIN_QUESTIONS)
def test_a_question_about_pain_stays_a_pain_stop_in_a_routine_and_with_no_state(rules, text):
    states = [None, *BUSY]
    assert [rules.assess(text, s).kind for s in states] == [FindingKind.PAIN] * len(states)


@pytest.mark.parametrize("text", ["ow, that hurts her", "she is wincing, her knee hurts"])
def test_a_pain_report_stays_pain_in_every_state(rules, text):
    states = [None, *S]
    assert [rules.assess(text, s).kind for s in states] == [FindingKind.PAIN] * len(states)


@pytest.mark.parametrize("text", [
    "my knee hurts, what do i do, he is not breathing", "is this normal, she has collapsed and her hip hurts",
])
def test_a_red_flag_in_a_question_about_pain_still_wins_in_idle(rules, text):
    assert rules.assess(text, S.IDLE).kind is FindingKind.EMERGENCY


@pytest.mark.parametrize("text", ["end it", "ok, end it now.", "right, end it then", "End it please"])
def test_a_bare_end_it_is_crisis_talk_in_idle_only(rules, text):
    assert rules.assess(text, S.IDLE).kind is FindingKind.CRISIS
    states = [None, *(s for s in S if s is not S.IDLE)]
    assert [rules.assess(text, s).kind for s in states] == [FindingKind.NONE] * len(states)


@pytest.mark.parametrize("text", ["end the reading", "end this section please", "stop"])
def test_other_commands_are_no_crisis_talk_in_idle(rules, text):
    assert rules.assess(text, S.IDLE).kind is FindingKind.NONE


@pytest.mark.parametrize("text", ["i want to end it", "end it all", "end it, i can't take any more"])
def test_end_it_with_a_subject_or_a_sign_is_crisis_talk_in_every_state(rules, text):
    states = [None, *S]
    assert [rules.assess(text, s).kind for s in states] == [FindingKind.CRISIS] * len(states)


# --- the session's own batch ---------------------------------------------------------------------------

def test_the_batch_is_well_formed():
    first, later = read_batch(BATCH, PART_MARK)
    assert (len(first), len(later)) == (128, 63)
    assert {k for k, _, _ in first + later} == {"crisis", "emergency", "near_miss"}
    texts = [t.lower() for _, _, t in first + later]
    assert len(set(texts)) == len(texts)


KNOWN_GAPS_RULES = {
    # the net's crisis reply; no rule: the words are as common in everyday talk ("which tablets are the most
    # dangerous to take together" is a carer's question as often; "i'll finish it myself" is a job)
    "he's been asking me which of his tablets would be the most dangerous to take together",
    "my husband says if the scan is bad he's not going to wait around to suffer, he'll finish it himself",
    # missed by the rules and the net: a list of who gets what "just in case" is as often a will
    "i wrote down who gets my cat and where my bank cards are, just in case",
}


def test_the_batch_with_the_rules(rules):
    first, later = read_batch(BATCH, PART_MARK)
    assert misread(rules, first + later) == KNOWN_GAPS_RULES


# ----------------------------------------------------------------------------------------------------
# Eighteenth session: the rules of the session's own batch (tests/nlu/safety_batches_18.txt) and of tune19:odd,
# each tried both ways in phrases written for these tests (not from any set): indirect crisis talk (a wish that
# the
# illness would take one, asking the height or the amount one would not survive, hurting one's own body, a pet
# handed
# over, everything too much, a blade kept for when), figures and histories (a crisis act threatened at a song
# heard
# again, goodbyes at a door, a will made with a solicitor, "still" with a lasting difference, "long ago", "in a
# good
# place"), and emergencies ("fell out of" is a fall, a seizure longer than usual, muscle relaxants taken at
# once).
# ----------------------------------------------------------------------------------------------------


ROOT_INDIRECT = Path(__file__).resolve().parent.parent.parent
BATCH_INDIRECT = ROOT_INDIRECT / "tests" / "nlu" / "safety_batches_18.txt"


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
def test_indirect_crisis_talk_is_crisis_indirect(rules, text):
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

def test_the_batch_is_well_formed_indirect():
    first, later = read_batch(BATCH_INDIRECT, PART_MARK)
    assert (len(first), len(later)) == (149, 61)
    assert {kind for kind, _, _ in first + later} == {"crisis", "emergency", "near_miss"}


KNOWN_GAPS_RULES_INDIRECT = {
    # the net's crisis reply (the rules alone miss them): a letter "for after i'm gone", pills stored up, a
    # goodbye phoned, planning an exit, "her last night", asking where cartridges are, "tell the kids i love them",
    # "better off, she said, if she wasn't around" (split by the commas); affairs in order and at peace now are read by
    # the rules since the twenty-eighth session (at peace now beside another sign)
    # (fifty-fifth session: letters "for after i'm gone" and pills stored up are read by the rules, r55's crisis rules)
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


def test_the_batch_with_the_rules_indirect(rules):
    first, later = read_batch(BATCH_INDIRECT, PART_MARK)
    assert misread(rules, first + later) == KNOWN_GAPS_RULES_INDIRECT


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
