"""Safety replies: crisis lines by region, the confirmation question, the advice boundary,
honest answers about the guide, the clinician notice, pain words, and the old API."""

from __future__ import annotations

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.engine import Engine
from voice_guide.nlu.interpret import CONFIRM_EMERGENCY
from voice_guide.nlu.safety import REGION_ENV, FindingKind, SafetyFinding, SafetyRules
from voice_guide.nlu.understanding import IntentMatch


@pytest.fixture(scope="module")
def pack():
    return load_pack(None)


@pytest.fixture(scope="module")
def rules(pack) -> SafetyRules:
    return SafetyRules(pack.safety, region="")


@pytest.mark.parametrize(
    ("region", "line"),
    [
        ("US", "call 911. You can call or text 988, the Suicide and Crisis Lifeline, at any time."),
        ("UK", "call 999. You can call Samaritans free on 116 123, at any time, day or night."),
        ("IE", "call 112 or 999. You can call Samaritans free on 116 123, at any time, day or night."),
        ("EU", "call 112. You can also call a crisis line in your country"),
    ],
)
def test_the_crisis_reply_names_the_regions_numbers(pack, region: str, line: str) -> None:
    reply = SafetyRules(pack.safety, region=region).assess("I want to end my life").reply
    assert reply.startswith("I'm really sorry this is so hard. You are not alone. If you or they are in danger now, ")
    assert line in reply


def test_without_a_region_the_crisis_reply_is_neutral(rules: SafetyRules) -> None:
    reply = rules.assess("my son says he wants to die").reply
    assert reply == (
        "I'm really sorry this is so hard. You are not alone. If you or they are in danger now, call your local "
        "emergency number. You can also call a crisis line in your country, or a doctor, or someone you trust, "
        "and ask them to stay with you."
    )
    assert not any(number in reply for number in ("988", "116 123", "112", "999", "911"))


def test_the_region_comes_from_the_environment(pack, monkeypatch) -> None:
    monkeypatch.setenv(REGION_ENV, "us")
    assert "Call 911 now." in SafetyRules(pack.safety).assess("she is not breathing").reply


def test_an_emergency_reply_without_region(rules: SafetyRules) -> None:
    finding = rules.assess("he's fitting")
    assert finding == SafetyFinding(FindingKind.EMERGENCY, "seizure", rules.emergency_answer, "is fitting")
    assert finding.reply == (
        "This sounds like an emergency. Call your local emergency number now. If someone is with you, ask them to "
        "call while you stay with the person."
    )


def test_an_overdose_with_suicidal_talk_gets_the_emergency_reply_and_the_crisis_line(rules: SafetyRules) -> None:
    finding = rules.assess("she wants to die and she has taken an overdose")
    assert finding.kind is FindingKind.EMERGENCY
    assert finding.reply == f"{rules.emergency_answer} {rules.crisis_line_text()}"


def test_the_confirmation_question_names_the_concept(rules: SafetyRules) -> None:
    assert rules.confirm_question("breathing") == (
        "Did you say someone can't breathe? If this is an emergency, call your local emergency number now."
    )
    assert rules.confirm_question(None) == (
        "Did you say this is an emergency? If this is an emergency, call your local emergency number now."
    )


def test_yes_to_the_confirmation_question_gives_the_emergency_or_crisis_reply(rules: SafetyRules) -> None:
    assert rules.confirm_reply(True, "choking") == SafetyFinding(FindingKind.EMERGENCY, "choking", rules.emergency_answer)
    crisis = rules.confirm_reply(True, "crisis")
    assert (crisis.kind, crisis.reply) == (FindingKind.CRISIS, rules.reply(FindingKind.CRISIS))


def test_no_to_the_confirmation_question_apologises(rules: SafetyRules) -> None:
    assert rules.confirm_reply(False, "choking") == SafetyFinding(
        FindingKind.NONE, "choking", "Sorry, I misheard. What would you like to know?"
    )


@pytest.mark.parametrize(
    "text",
    [
        "how much paracetamol can I give my mum",
        "should he stop taking his steroids",
        "which painkiller is best for her legs",
        "is it safe to take ibuprofen with his blood pressure tablets",
        "what dose of vitamin D should she have",
    ],
)
def test_medicine_questions_are_declined(rules: SafetyRules, text: str) -> None:
    finding = rules.assess(text)
    assert (finding.kind, finding.reply) == (
        FindingKind.MEDICAL_ADVICE,
        "I can't advise on medicines, doses or stopping a treatment. Please ask their pharmacist, doctor or nurse.",
    )


@pytest.mark.parametrize("text", ["can steroids cause muscle wasting", "what is disuse atrophy"])
def test_article_questions_about_medicines_are_not_declined(rules: SafetyRules, text: str) -> None:
    assert rules.assess(text).kind is FindingKind.NONE


@pytest.mark.parametrize("text", ["are you a doctor", "am I talking to a real person", "are you a nurse"])
def test_are_you_a_doctor_is_answered_honestly(rules: SafetyRules, text: str) -> None:
    finding = rules.assess(text)
    assert finding.kind is FindingKind.ABOUT_ME
    assert finding.reply.startswith("No, I am not a doctor or a person.")


def test_the_clinician_notice_is_one_short_sentence(rules: SafetyRules) -> None:
    assert rules.clinician_notice == (
        "This guide reads health information; it does not replace the advice of your own doctor, nurse or "
        "physiotherapist."
    )


@pytest.mark.parametrize(
    "text", ["ow", "she's sore", "he's wincing", "that's too far", "too much", "she pulled away", "it hurts",
             "he cried out", "she's grimacing", "ouch that hurts"],
)
def test_everyday_pain_words(rules: SafetyRules, text: str) -> None:
    assert rules.is_pain(text)
    assert rules.assess(text).kind is FindingKind.PAIN


@pytest.mark.parametrize("text", ["she isn't sore", "does it hurt to stretch a stiff knee", "slow down a bit"])
def test_not_pain(rules: SafetyRules, text: str) -> None:
    assert not rules.is_pain(text)


def test_an_emergency_wins_over_pain(rules: SafetyRules) -> None:
    assert rules.assess("ow it hurts and she can't breathe").kind is FindingKind.EMERGENCY


def test_every_emergency_and_crisis_sample_is_recognised(rules: SafetyRules) -> None:
    missed = [
        (c.id, s) for c in rules.concepts.values() for s in c.samples
        if c.kind in (FindingKind.EMERGENCY, FindingKind.CRISIS) and rules.assess(s).concept is None
    ]
    assert missed == []
    assert len(rules.samples()) > 150


def test_sources_cite_the_public_guidance(pack) -> None:
    keys = {s["key"] for s in pack.safety["sources"]}
    assert {"NHS999", "AHA-BEFAST", "REDCROSS", "RESEARCH"} <= keys


@pytest.mark.parametrize(
    ("intent", "slots", "start"),
    [
        ("crisis", {"concept": "crisis"}, "I'm really sorry this is so hard. You are not alone."),
        (CONFIRM_EMERGENCY, {"concept": "choking", "kind": "emergency", "heard": "she is choking"},
         "Did you say someone is choking?"),
        ("medical_advice", {"concept": "medical_advice"}, "I can't advise on medicines"),
        ("about_me", {"concept": "about_me"}, "No, I am not a doctor or a person."),
    ],
)
def test_the_guide_answers_safety_intents_from_the_pack(pack, intent: str, slots: dict[str, str], start: str) -> None:
    answer = Engine(pack).new_conversation().handle(IntentMatch(intent, 1.0, slots))
    # the medicines boundary is a decline: reported as the fallback family, its kind in a slot
    expected = ("fallback", None) if intent == "medical_advice" else (intent, None)
    assert (answer.intent, answer.section_id) == expected
    assert answer.text.startswith(start)


def test_typed_red_flags_reach_the_guide_as_intents(pack) -> None:
    conversation = Engine(pack).new_conversation()
    assert conversation.handle_text("my dad's chest feels tight and heavy").intent == "emergency"
    assert conversation.handle_text("I don't want to live anymore").intent == "crisis"
    advice = conversation.handle_text("how many tablets of paracetamol can he have")
    assert (advice.intent, advice.slots["decline"]) == ("fallback", "medical_advice")


def test_a_request_with_pain_is_pain(rules: SafetyRules) -> None:
    assert rules.is_pain("can you stop it hurts")
    assert not rules.is_pain("is that too far")
