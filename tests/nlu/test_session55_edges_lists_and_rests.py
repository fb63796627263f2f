"""The fifty-fifth session's readings (docs/safety.md and docs/controls.md, "Fifty-fifth session"), from the misses of
tune59:odd: a crisis plan thought at an edge, Jamaican English, a farewell in a message to come; a chest
pointed at, a calf's signs listed in a clause of their own, the same face as a past choking, tablets given by mistake,
eyes not open after a fall, "never had a" told beside a sign now; a fright and a sign that does not apply are no
alarm. Controls: "end it here", the rest put off to later, where the hands go again, the last count; a cause "brought
on", a hedge at a question's end, "wasted" beside another illness. All lines are written for these tests."""

from __future__ import annotations

import pytest
from controls_support import intent_and_slots as got
from safety_support import found
from understanding_support import answers

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("text", "expected"), [
    # a plan thought at an edge, said as a joke put aside
    ("joking apart, I stood on the bridge last night thinking one jump and it would all be over", ("crisis", "crisis")),
    # Jamaican English: tired to live (said of oneself), wants to die
    ("honestly i am just tired fi live", ("crisis", "crisis")),
    ("she keep seh she waan dead", ("crisis", "crisis")),
    # a farewell hidden in a message about later
    ("if I don't answer tomorrow it's because I'm gone, thank you for everything", ("crisis", "crisis")),
    # no plan: one step of the exercise, a thing wanted dead
    ("one more step and the stretch is done, well done", ("none", None)),
    ("I want that wasp dead", ("none", None)),
])
def test_crisis_at_an_edge_in_other_englishes_and_a_farewell(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # typed with no pronoun
    ("husband pointing at chest, grimacing, sweating, 5 min now", ("emergency", "chest_pain")),
    # the signs of a calf listed in a clause of their own
    ("her left calf, hot and red and swollen, since this morning", ("emergency", "blood_clot")),
    # the same silent face as a past choking, on food, now
    ("like when she choked at christmas, that same silent face, on a bit of toast, right now", ("emergency", "choking")),
    # tablets given by mistake
    ("oh no I've given her 20 paracetamol instead of 2", ("emergency", "poisoning_overdose")),
    # simple grammar: a fall, eyes not open
    ("grandpa fall in kitchen, eyes not open, I call him, nothing", ("emergency", "collapse")),
    # "never had a" is a denial, not a past event: the sign now stands
    ("he has never had a fit before and now he is jerking all over on the floor", ("emergency", "seizure")),
])
def test_signs_said_in_fragments_and_lists(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    # a past swelling told
    "my calves were hot and swollen after the marathon last year",
    # a denial stays a denial
    "she has never had a seizure in her life",
    # a fright, and a sign a clinician said does not apply
    "the doorbell made me jump out of my skin",
    "his injury is at L4 so the dysreflexia warning doesn't apply to him, the nurse said",
])
def test_a_past_swelling_a_denial_a_fright_and_a_sign_that_does_not_apply(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "state", "expected"), [
    ("end it here, we'll finish the rest after lunch", S.ROUTINE_COUNTING, "stop"),
    ("we'll do the rest this evening", S.ROUTINE_WAITING, "stop"),
    ("end it there", S.READING, "stop"),
    ("sorry, how do my hands go again?", S.ROUTINE_WAITING, "repeat"),
    ("what was the last number again", S.ROUTINE_COUNTING, "repeat"),
    ("you've lost me", S.READING, "repeat"),
])
def test_ending_here_and_asking_again(understander, text, state, expected):
    assert got(understander, text, state) == (expected, {})


CAUSES = ["few different causes", "lack of physical activity"]
NEUROGENIC = ["peripheral neuropathy"]


@pytest.mark.parametrize(("text", "wanted"), [
    ("what usually brings it on?", CAUSES),
    ("what causes it, broadly speaking", CAUSES),
    ("she has neuropathy from her diabetes, is that why her legs have wasted?", NEUROGENIC),
])
def test_a_cause_brought_on_a_hedge_and_wasted(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text", [
    # self-harm told
    "i burned myself again last night, deeper than before",
    "I put a lighter to my arm when everything gets too much",
    "she digs her nails into her arms until they bleed",
    # medicine stopped on purpose, means kept, places rehearsed
    "I've stopped taking my insulin on purpose",
    "I've been stockpiling my own sleeping tablets, not his",
    "there's enough of his morphine in the drawer to do it, I checked",
    "I let three trains go past this morning. Next time I might not.",
    "I looked up how high the top floor of the multi storey is",
    # farewells with a time, wishes, another's plan
    "thanks for everything, you won't hear from me after tonight",
    "I won't be alive next month so please remind someone of his exercises",
    "every night I pray God takes me in my sleep",
    "he keeps begging me to kill him",
    "she says she'll pull her feeding tube out and end it",
    # the second look: tablets too many for me, a date picked with relief, a time to come after "once"
    "quick question, how many of her painkillers would be too many for me?",
    "I've picked the date. It's a relief, honestly.",
    "I've made up my mind to end things once the kids are back at school",
])
def test_crisis_said_indirectly(rules, text):
    assert found(rules, text) == ("crisis", "crisis")


@pytest.mark.parametrize("text", [
    # the same words in ordinary care
    "I cut his nails again, they grow so fast",
    "he's stopped taking his tablets for the cold, he's better now",
    "we let two trains go past because the platform was packed",
    # a limb before "has", "a bit" of degree, a nurse's "pt", a break long healed beside a smaller limb
    "mum is 80 and her legs have gone all floppy, does atrophy make muscles lose their tone",
    "which is worse for your muscles, being a bit lazy or being stuck in bed",
    "can a family member help with PROM for a stroke pt?",
    "I broke my wrist last spring and my forearm is way thinner now, will it come back",
    "we've picked the date for the wedding, what a relief",
    "how many of these tablets would be too many for a child?",
])
def test_the_same_words_in_ordinary_care(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "wanted"), [
    ("wat causes it", CAUSES),
    ("can u tell me what the nerve kind is", ["When a nerve that normally stimulates a muscle is damaged"]),
])
def test_texting_shorthand(understander, text, wanted):
    assert answers(understander.understand(text), wanted)
