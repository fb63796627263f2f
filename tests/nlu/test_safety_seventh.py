"""The mechanisms added in session 7: a question after a discourse filler, a year after a date
word as history, "once" as a conjunction, a precaution kept ("still carries") as no present
marker, two widened idioms, crisis cues (goodbyes with "once he is gone", a plan to "do it" or
"finish it", "life is no good"), the net's training lines kept out of the spelling fixer, and
the split of the rules' module. All phrases are written for these tests."""

from __future__ import annotations

import pytest
from safety_support import found

from voice_guide.content.pack import load_pack
from voice_guide.nlu import safety_phrases
from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.safety_replies import SafetyReplies, region_code
from voice_guide.nlu.safety_types import FindingKind, SafetyFinding


@pytest.mark.parametrize("text", [
    "ngl what is a stroke exactly, the nurse said it earlier",  # a question after a discourse filler
    "btw what are the signs of a blood clot",
    "she fainted at the bus stop on boxing day 2021 and was fine",  # a year after a date word: history
    "he collapsed on the dance floor new years eve 2019, it was the heat",
    "mum had a seizure when i was little she still takes her tablets",  # a precaution kept is not now
    "dad had a stroke when i was a teenager he still sees the consultant",
    "the match nearly gave my uncle a heart attack",  # idioms
    "i am choking on all this paperwork from the council",
    "we can visit once he is home from the ward",  # "once" as a conjunction, nothing else
])
def test_near_misses_are_not_flagged(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "kind", "concept"), [
    ("ngl my dad can not breathe properly and his lips are blue", "emergency", "breathing"),  # a report, not a question
    ("she is having a seizure right now, she had one in march 2021 too", "emergency", "seizure"),
    ("his chest is still crushing him and he is sweating", "emergency", "chest_pain"),  # "still" of now stands
    ("he is choking on a bit of steak", "emergency", "choking"),  # choking on food is no idiom
    ("my uncle says we will all cope better once he is gone", "crisis", "crisis"),  # goodbye + others better off
    ("the tablets are in the drawer and i just need to do it", "crisis", "crisis"),  # means + plan
    ("he keeps crying, says life no good, he want to finish it", "crisis", "crisis"),  # hopeless + plan
    ("in 2019 he tried to kill himself and now he says he will do it again", "crisis", "crisis"),  # a past attempt, a threat now
    ("grandad seizing on the floor, never had one like it", "emergency", "seizure"),  # "seizing on" the floor is no idiom
    ("my chest feels like somebody is sitting on it", "emergency", "chest_pain"),
    ("his nose has been bleeding for over forty minutes", "emergency", "bleeding"),
])
def test_reports_and_crisis_talk_stand(rules: SafetyRules, text: str, kind: str, concept: str) -> None:
    assert found(rules, text) == (kind, concept)


@pytest.mark.parametrize("text", [
    "once he has gone to bed i will ring you back",  # "once" as a conjunction, not a goodbye
    "it will be quieter once she has gone back to work",
    "i need to do it before the shop shuts",  # a chore, not a plan
    "we have to finish it by friday",
    "she had a go at the marathon in 2019 and will try it again",  # "again" without a past attempt
    "he was seizing on every mistake i made",
])
def test_crisis_cues_need_their_context(rules: SafetyRules, text: str) -> None:
    assert found(rules, text) == ("none", None)


def test_training_lines_are_not_patterns_nor_spelling_words() -> None:
    data = load_pack(None).safety
    lines = data["concepts"]["crisis"]["training_lines"]
    assert len(lines) >= 40 and all(isinstance(line, str) for line in lines)
    texts = safety_phrases.texts({"concepts": data["concepts"]})
    assert not set(lines) & set(texts)  # the net's lines never reach the spelling fixer's words


def test_replies_module_fills_the_region() -> None:
    regions = {"default": {"crisis_line": "Talk to a crisis line."},
               "GB": {"emergency_number": "999", "crisis_line": "Call Samaritans on 116 123."}}
    replies = SafetyReplies({"emergency": "Call {emergency_number} now.", "crisis": "{crisis_line}",
                             "confirm_no": "Sorry."}, regions, "uk")
    assert (replies.region, replies.emergency_answer, replies.reply(FindingKind.CRISIS)) == (
        "GB", "Call 999 now.", "Call Samaritans on 116 123.")
    assert replies.confirm_reply(False, "choking", None) == SafetyFinding(FindingKind.NONE, "choking", "Sorry.")
    assert region_code(" ireland ") == "IE"
