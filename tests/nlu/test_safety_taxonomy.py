"""The red-flag taxonomy: every concept in everyday words, and the context rules that cancel it.

All phrases are written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from voice_guide.nlu.safety import FindingKind, SafetyRules

CONCEPT_CASES = {
    "chest_pain": [
        "my dad's chest feels tight and heavy",
        "she keeps rubbing her chest and says it's like a band squeezing",
        "he's got a heavy ache in his chest going into his left arm",
        "my wife has gone grey and sweaty and is clutching her chest",
        "i think he's having a heart attack",
    ],
    "stroke": [
        "her face has dropped on one side",
        "his smile's gone all lopsided",
        "she can't get her words out and her right arm is useless",
        "he's slurring and he hasn't touched a drop",
        "my husband suddenly can't lift his left arm",
        "mum's mouth is droopy on the left",
    ],
    "breathing": [
        "she can't breathe",
        "my grandad is fighting for breath",
        "his lips look blue",
        "he keeps stopping breathing for a few seconds",
        "she's breathing really fast and shallow and can't talk",
    ],
    "collapse": [
        "he's collapsed in the hallway",
        "mum passed out and she isn't coming round",
        "i can't wake him up",
        "she's slumped in the chair and not responding",
    ],
    "bleeding": [
        "the cut on his leg is pouring with blood",
        "she's bleeding heavily from her head",
        "he's vomiting blood",
        "there's a pool of blood under his arm and it won't stop",
    ],
    "head_injury": [
        "she's fallen down the stairs and can't get up",
        "he banged his head on the bath and he's drowsy",
        "i think mum's broken her hip, she's on the floor",
        "his wrist is bent at a funny angle after he fell",
    ],
    "seizure": [
        "he's fitting on the floor",
        "she's having a seizure and won't stop shaking",
        "her arms are jerking and her eyes have rolled back",
    ],
    "choking": [
        "he's choking on a grape",
        "a bit of apple is stuck in her throat",
        "she's grabbing her throat and can't cough",
    ],
    "poisoning_overdose": [
        "she's taken a whole packet of paracetamol",
        "he drank some bleach by accident",
        "i think she took too many of her sleeping pills",
        "the baby's eaten one of the washing pods",
    ],
    "allergy": [
        "his throat is closing up after the peanuts",
        "her lips are swelling up after that wasp sting",
        "he's going into anaphylactic shock",
    ],
    "confusion": [
        "mum's suddenly very confused and doesn't know me",
        "he doesn't know where he is",
        "my dad is hallucinating, this started an hour ago",
    ],
    "headache": [
        "she has the worst headache of her life",
        "he says his head is about to explode, it came on suddenly",
        "sudden splitting headache and a stiff neck",
    ],
    "blood_clot": [
        "his calf is red, hot and swollen",
        "one of her legs is much bigger than the other and it's tender",
        "could be a DVT, his leg is really swollen",
    ],
    "dysreflexia": [
        "he has a spinal cord injury and his head is pounding",
        "she's tetraplegic and suddenly sweating and flushed above her injury",
    ],
    "exercise_warning": [
        "she's gone dizzy while i'm stretching her arm",
        "he's breathless during the leg exercises",
        "my wife feels faint in the middle of the routine",
    ],
}

CRISIS_CASES = [
    "I don't want to live anymore",
    "my son says he wants to die",
    "she told me she's going to kill herself",
    "I keep thinking everyone would be better off without me",
    "he's been harming himself",
    "suicide",
    "I want to end it all",
]

NEAR_MISSES = {
    "question": [
        "can a stroke cause muscle loss",
        "is chest pain a side effect of steroids",
        "what are the signs of a blood clot",
        "how do you know if someone is choking",
    ],
    "history": [
        "she had a seizure last year",
        "after his heart attack in 2019 he lost weight",
        "my dad had a stroke years ago and his arm is thinner",
        "he used to faint as a teenager",
    ],
    "negation": [
        "no chest pain",
        "she isn't short of breath",
        "he denies any headache",
        "there's no bleeding",
    ],
    "idiom": [
        "she was choking back tears",
        "I'm dying to know how long this takes",
        "my feet are killing me",
        "that news nearly gave me a heart attack",
    ],
}


@pytest.mark.parametrize(("concept", "text"), [(c, t) for c, ts in CONCEPT_CASES.items() for t in ts])
def test_each_concept_is_recognised_in_everyday_words(rules: SafetyRules, concept: str, text: str) -> None:
    finding = rules.assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.EMERGENCY, concept)
    assert finding.reply == rules.emergency_answer


@pytest.mark.parametrize("text", CRISIS_CASES)
def test_crisis_first_and_third_person(rules: SafetyRules, text: str) -> None:
    finding = rules.assess(text)
    assert (finding.kind, finding.concept) == (FindingKind.CRISIS, "crisis")
    assert rules.is_crisis(text) and not rules.is_emergency(text)


@pytest.mark.parametrize(("reason", "text"), [(r, t) for r, ts in NEAR_MISSES.items() for t in ts])
def test_context_rules_cancel_a_red_flag(rules: SafetyRules, reason: str, text: str) -> None:
    finding = rules.assess(text)
    assert not finding.is_red_flag, (reason, finding)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("no chest pain", "negation"),
        ("can a stroke cause muscle loss", "question"),
        ("she had a seizure last year", "history"),
        ("what if he starts choking", "hypothetical"),
        ("he always has swollen legs in the evening", "chronic"),
        ("she's a bit confused today", "mild"),
    ],
)
def test_each_context_rule_names_itself(rules: SafetyRules, text: str, rule: str) -> None:
    assert {h.cancelled_by for h in rules.hits(text) if h.concept != "pain"} == {rule}


def test_idioms_are_removed_before_matching(rules: SafetyRules) -> None:
    assert rules.hits("she was choking back tears") == []


def test_a_report_of_now_wins_over_history(rules: SafetyRules) -> None:
    finding = rules.assess("she had a stroke last year, and now her face has dropped again")
    assert (finding.kind, finding.concept) == (FindingKind.EMERGENCY, "stroke")


def test_a_report_of_now_wins_over_a_question(rules: SafetyRules) -> None:
    assert rules.is_emergency("what do I do, he can't breathe")
    assert rules.is_emergency("is he having a heart attack")


def test_the_specific_concept_names_the_finding(rules: SafetyRules) -> None:
    assert rules.assess("he's spinal injured and has a thumping headache").concept == "dysreflexia"


def _probes() -> list[tuple[str, str, str]]:
    from pathlib import Path

    rows = []
    for name in ("safety_probes.txt", "safety_probes_2.txt", "safety_probes_3.txt", "safety_probes_4.txt",
                 "safety_probes_5.txt"):
        for line in (Path(__file__).parent / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                kind, group, text = line.split("|", 2)
                rows.append((kind, group, text))
    return rows


def test_own_probe_phrasings(rules: SafetyRules) -> None:
    wrong = []
    for kind, group, text in _probes():
        finding = rules.assess(text)
        if finding.is_red_flag != (kind == "red_flag"):
            wrong.append((kind, group, text, finding.concept))
    assert wrong == []


def test_a_plain_call_for_help(rules: SafetyRules) -> None:
    assert rules.assess("please call an ambulance").concept == "call_for_help"
    assert rules.assess("oh god help, he's on the floor").is_red_flag


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("he denies any chest pain or shortness of breath", "negation"),  # negation carries through "or"
        ("there's nothing stuck in his throat", "negation"),
        ("my brother died of a heart attack", "history"),
        ("dad's never been the same since he collapsed at the shops", "history"),
        ("my son had anaphylaxis to peanuts when he was four", "history"),
        ("he couldn't breathe properly with the pneumonia, that was in the spring", "resolved"),
        ("his legs swell in hot weather", "chronic"),
        ("he dropped his cup this morning but he's fine", "resolved"),  # (thirty-fourth session: a cup alone is no sign)
        ("would a blood clot make his leg swell", "question"),
    ],
)
def test_new_context_rules_name_themselves(rules: SafetyRules, text: str, rule: str) -> None:
    assert {h.cancelled_by for h in rules.hits(text) if h.concept != "pain"} == {rule}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("he's fitting and he's never had one before", "seizure"),  # "never had ... before" is not history
        ("grandma had a fall and can't get up", "head_injury"),  # "had a fall and" is not history
        ("my head is killing me, worst pain ever", "headache"),  # "head is killing me" is not the idiom
        ("his calf is sore, hot and swollen", "blood_clot"),
        ("i have nothing left, i want to die", "crisis"),  # "nothing" only negates what follows it
    ],
)
def test_reports_the_context_rules_must_not_cancel(rules: SafetyRules, text: str, concept: str) -> None:
    assert rules.assess(text).concept == concept


@pytest.mark.parametrize(
    "text",
    ["my arm went dead because i slept on it", "this heat makes me want to die", "i overdosed on chocolate",
     "he was gasping for a cigarette", "he swallowed the whole story", "I'm blue in the face from telling him"],
)
def test_more_idioms_are_not_red_flags(rules: SafetyRules, text: str) -> None:
    assert not rules.assess(text).is_red_flag


def test_contractions_before_never_and_just_become_has() -> None:
    from voice_guide.nlu.safety_text import normalise

    assert normalise("he's never had one, she's just fallen") == "he has never had one | she has just fallen"


def test_a_recent_attempt_is_not_history_for_crisis(rules: SafetyRules) -> None:
    assert rules.assess("my sister tried to take her own life last night").kind is FindingKind.CRISIS
    assert not rules.assess("she took an overdose years ago and has been well since").is_red_flag
    assert not rules.assess("he fell last night but he was fine after").is_red_flag


def test_a_negation_does_not_reach_past_and_a_new_subject(rules: SafetyRules) -> None:
    assert rules.assess("she can't swallow and her face is droopy").concept == "stroke"
    assert not rules.assess("he didn't fall and hit his head").is_red_flag
