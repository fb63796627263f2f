"""Near misses of the red flags, both sides, in phrases written for these tests (not from any set): figures
of speech and usual causes sharing words with red flags, a negated sign whose negation is reassurance, the
user's own confusion about the guide or the task."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import BatchRow, fixed_net, found, misread, read_batch

from voice_guide.content.pack import load_pack
from voice_guide.nlu.embedding import model_files
from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_text import normalise
from voice_guide.nlu.state import DialogueState as S

# ----------------------------------------------------------------------------------------------------
# Twelfth session's safety mechanisms, with phrases written for these tests (not from any set):
# figures of speech and usual causes that share words with red flags (a grip on a thing, a pet, a story
# or a film, drink, snoring, a limb gone dead from holding something, everyday crisis words), a clause
# that ends saying it is over, "me" for "my", a severe headache since a knock to the head, and the
# session's own fresh batch (the first part in every dialogue state, the probes with the rules).
# ----------------------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "tests" / "nlu" / "safety_batches_12.txt"
PROBES_MARK = "# Probes written after the first scoring"

needs_model = pytest.mark.skipif(model_files() is None, reason="wordllama (the sentence-vector model) is not installed")


@pytest.fixture(scope="module")
def rules_figures():
    """The shipped rules alone (no net)."""
    return SafetyRules(load_pack().safety)


# --- near misses by mechanism, both sides -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "she is squeezing the life out of that tennis ball",
    "he chokes the handlebars when he rides downhill",
    "the puppy keeps choking on his chew toy",
    "our old cat had a fit at the vet's this morning",
    "in the novel the captain bleeds out on the deck",
    "the documentary was about a diver who could not breathe at depth",
    "my uncle collapsed at the station, but he's home from hospital now",
    "she fainted at the concert and she was fine after",
    "he talks a bit slurred after a few beers",
    "my wife snores and stops breathing for a moment in her sleep",
    "my hand's gone numb from gripping the steering wheel",
    "i can't do this anymore, this is far too confusing",
    "he's killing himself with all that overtime",
    "she said goodbye to all of them because she is moving to canada",
    "i'm so shattered i could sleep for a week",
    "ok end it there, we are done for today",
    "he took all his tablets at breakfast like the gp told him",
    "his eyes are swollen from all that crying",
    "could sepsis make it hard to breathe",
    "is tiredness a normal part of muscle wasting",
    "would it be a heart attack if his arm went numb, or just a trapped nerve",
    "grandad fell off a horse decades ago and never rode again",
    "her leg is floppy because she is letting me move it",
    "the anaesthetic numbed half his mouth and he can't feel his lip",
    "she fell off the swing this morning, only a graze, she's out playing again",
])
def test_near_misses(rules_figures, text):
    assert not rules_figures.assess(text).is_red_flag


@pytest.mark.parametrize(("text", "concept"), [
    ("the toddler is choking, a marble is stuck", "choking"),
    ("the dog tripped him and now he's bleeding heavily from his head", "bleeding"),
    ("we were watching a film and suddenly she can't breathe", "breathing"),
    ("he collapsed and is grey and he is fine", "collapse"),
    ("my husband is choking and she is fine", "choking"),
    ("he fell over and can't get up without help, he's been on the floor for an hour", "head_injury"),
    ("he had a few drinks and now he's collapsed and won't wake", "collapse"),
    ("she's snoring strangely and not breathing", "breathing"),
    ("her arm has gone dead and her face is drooping", "stroke"),
    ("would it be a stroke if her face is drooping right now", "stroke"),
    ("she has fallen down the stairs and can't get up, she may never walk again", "head_injury"),
    ("he fell off the wall and hit his head, he was fine after but now he is drowsy and being sick", "head_injury"),
    ("she came off her bike and banged her head, she's out playing again but now she keeps being sick", "head_injury"),
])
def test_reports_of_now_stand(rules_figures, text, concept):
    got = rules_figures.assess(text)
    assert (got.kind, got.concept) == (FindingKind.EMERGENCY, concept)


@pytest.mark.parametrize("text", [
    "i'm so tired i could sleep forever and never wake up",
    "i've said goodbye to everyone, i won't be here by friday",
    "end it, i am done with everything",
    "he's killing himself, he has the pills in his hand",
    "i can't do this anymore, i just want to die",
])
def test_crisis_talk_stands(rules_figures, text):
    assert rules_figures.assess(text).kind is FindingKind.CRISIS


# --- "me" for "my", a severe headache since a knock ---------------------------------------------

def test_me_before_a_body_part_is_my():
    assert normalise("awful pain in me chest") == "awful pain in my chest"
    assert normalise("show me arm exercises") == "show me arm exercises"  # "me" as an object stays
    assert normalise("give me head room") == "give me head room"


@pytest.mark.parametrize(("text", "kind"), [
    ("agonising pain in me head, it came on all at once", FindingKind.EMERGENCY),
    ("she's got a splitting headache since she banged her head on monday and she keeps being sick", FindingKind.EMERGENCY),
    ("he's got a headache that's 10 out of 10 since he bumped his head yesterday", FindingKind.EMERGENCY),
    ("he's got a mild headache since he bumped his head yesterday", FindingKind.NONE),
    ("she's had headaches since she hit her head in 2015", FindingKind.NONE),
])
def test_a_severe_headache_since_a_knock(rules_figures, text, kind):
    assert rules_figures.assess(text).kind is kind


# --- the session's own fresh batch --------------------------------------------------------------

def _batch() -> tuple[list[BatchRow], list[BatchRow]]:
    """The batch written first, and the probes written after its scoring."""
    return read_batch(BATCH, PROBES_MARK)


def test_the_batch_is_well_formed():
    first, probes = _batch()
    assert (len(first), len(probes)) == (113, 309)
    assert {k for k, _, _ in first} == {"emergency", "crisis", "near_miss"}
    assert {k for k, _, _ in probes} == {"near_miss"}
    texts = [t.lower() for _, _, t in first + probes]
    assert len(set(texts)) == len(texts)


KNOWN_GAPS_RULES = {
    # the rules still flag these probes (left: a fall, crisis words and a post-operative leg matter more)
    "i'm a nurse and we had three overdoses on the ward today",
    "my dad can't get up off the sofa without help, so i lift him",
    "i feel like a burden asking my son for lifts, but he says he doesn't mind",
    "what should i say if my dad says he wants to die",
    "mum's leg is swollen after her knee operation, the nurse is keeping an eye on it",
}


def test_the_probes_with_the_rules(rules_figures):
    _, probes = _batch()
    flagged = {text for _, _, text in probes if rules_figures.assess(text).is_red_flag}
    assert flagged == KNOWN_GAPS_RULES



KNOWN_ASKED = {"he has a cold and his nose is blocked"}  # the net's question (emergency 0.83), every state


@needs_model
def test_the_batch_as_the_guide_acts_in_every_state(understander):
    first, _ = _batch()
    wrong = []
    for kind, _, text in first:
        for state in S:
            intent = understander.understand(text, state).intent
            flagged = intent in ("emergency", "crisis")
            if kind == "near_miss" and intent == "confirm_emergency" and text in KNOWN_ASKED:
                continue
            if (kind == "near_miss") == (flagged or intent == "confirm_emergency"):
                wrong.append((kind, state.value, text, intent))
    assert wrong == []


# ----------------------------------------------------------------------------------------------------
# Seventeenth session, second round: a negated sign whose negation is reassurance ("he isn't bleeding", "no
# chest
# pain") raises the learned net's bars as a negated red-flag phrase does (``context.calm_signs``,
# ``learned.negated_at``), while the negations that are themselves emergencies ("not breathing", "won't stop
# bleeding") stay the rules' alarms. Phrases written for these tests, not from any set.
# ----------------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------------
# Nineteenth session, second part: the user's own confusion about the guide or the task is not the confusion
# concept (a figure of ``context.idioms``), while confusion of the person cared for, or one's own with signs of
# the
# body, still is; asking for whole answers is session talk, and a message that is session talk and nothing else
# gets
# nothing from the learned net. Phrases written for these tests (not from any set), and the part's own batch
# (tests/nlu/safety_batches_19b.txt).
# ----------------------------------------------------------------------------------------------------


ROOT_OWN_CONFUSION = Path(__file__).resolve().parent.parent.parent
BATCH_OWN_CONFUSION = ROOT_OWN_CONFUSION / "tests" / "nlu" / "safety_batches_19b.txt"


@pytest.mark.parametrize("text", [
    "ok now im totally confused, which stretch was it",
    "i am a bit muddled about the order of these",
    "sorry i got mixed up, what comes next",
    "im lost again which side are we on",
    "i am so confused how this thing works",
    "this has completely confused me",
    "i feel a bit lost with the instructions",
])
def test_own_confusion_about_the_task_is_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize("text, expected", [
    ("my dad is suddenly confused and doesnt know where he is", ("emergency", "confusion")),
    ("im so confused, i dont know where i am", ("emergency", "confusion")),
    ("i suddenly feel really confused and dizzy", ("emergency", "confusion")),
    ("she is very confused about which room is hers", ("emergency", "confusion")),
    ("im confused and my words are coming out slurred", ("emergency", "stroke")),
    ("i am really confused what is going on", ("emergency", "confusion")),
])
def test_confusion_of_the_body_still_raises_the_alarm(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("i want everything", ("none", None)),
    ("i want it all, read it out please", ("none", None)),
    ("i want the whole thing gone", ("crisis", "crisis")),
    ("i want it all over", ("crisis", "crisis")),
])
def test_whole_session_talk_gets_nothing_from_the_net(bare, text, expected):
    bare.net = fixed_net(crisis=0.99)
    assert found(bare, text) == expected


def test_whole_session_talk_is_for_the_whole_message_only(bare):
    assert bare.session_cue("please do not cut the answers short i want everything")
    assert not bare.session_cue("please do not cut the answers short i want everything", whole=True)
    assert bare.session_cue("i want everything please", whole=True)
    assert not bare.session_cue("i want everything to stop", whole=True)


@pytest.mark.parametrize("net, expected", [(0.9, ("none", None)), (0.97, ("crisis", "crisis"))])
def test_asking_not_to_cut_answers_short_raises_the_nets_bar(bare, net, expected):
    bare.net = fixed_net(crisis=net)
    assert found(bare, "never cut your answers short, i would like the full version") == expected


@pytest.mark.parametrize("text, expected", [
    ("i want everything to end", ("crisis", "crisis")),
    ("she says she wants to cut herself", ("crisis", "crisis")),
])
def test_crisis_words_beside_the_new_phrases_stay(rules, text, expected):
    assert found(rules, text) == expected


def test_the_batch_is_well_formed_own_confusion():
    rows, later = read_batch(BATCH_OWN_CONFUSION, "# Second part")
    assert (len(rows), later) == (64, [])
    assert {kind for kind, _, _ in rows} == {"crisis", "emergency", "near_miss"}


def test_the_batch(rules_with_net):
    rows, _ = read_batch(BATCH_OWN_CONFUSION, "# Second part")
    assert misread(rules_with_net, rows) == set()


@pytest.mark.parametrize("text, expected", [
    ("yes my husband is doing fine thanks", "none"),
    ("she seems grand", "none"),
    ("she seems grand apart from the shaking", "emergency"),
    ("he is grand but he is grey and sweaty", "emergency"),
])
def test_a_whole_answer_that_someone_is_well_gets_nothing_from_the_net(bare, text, expected):
    bare.net = fixed_net(emergency=0.99)
    assert bare.assess(text).kind.value == expected
