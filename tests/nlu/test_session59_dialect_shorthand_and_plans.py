"""The fifty-ninth session's readings (docs/safety.md and docs/understanding.md, "Fifty-ninth session"), from the misses
of tune63:odd, in other words: eyes not opened with the verb first; one limb asked about ("is it normal for one calf to
go red and swollen"); a nurse's shorthand for a large bleed and a falling blood pressure; a rigid neck beside a
headache; gone quiet and blue at once; a whistling chest; one who will not stay awake; crisis told as "his way out",
a mind made up to starve, a plan for when the house is empty beside crisis talk; Jamaican and Nigerian Pidgin word
pairs. And their limits (no alarm). Understanding: an interjection before a question and a name for the guide after
it. All lines are written for these tests."""

from __future__ import annotations

import pytest
from safety_support import found


@pytest.mark.parametrize(("text", "expected"), [
    ("grandad is limp and won't open his eyes even when I shake him", ("emergency", "collapse")),
    ("is it normal for grandad to be this floppy, he's barely answering", ("emergency", "collapse")),
    ("is it normal for one calf to go red and swollen since the drive home", ("emergency", "blood_clot")),
    ("patient in bay 4, heavy rectal bleed, pale and clammy", ("emergency", "bleeding")),
    ("his blood pressure is crashing and he's grey", ("emergency", "collapse")),
    ("she's got the worst headache and her neck's gone rigid", ("emergency", "headache")),
    ("the baby went quiet and blue after the grape", ("emergency", "breathing")),
    ("my husband's chest is whistling and he can't get his words out", ("emergency", "breathing")),
    ("my grandma no fit breathe and her lips don turn blue", ("emergency", "breathing")),
    ("she nuh know where she deh at all", ("emergency", "confusion")),
    ("she's had loads of her sleeping pills with whisky and now she will not stay awake", ("emergency", "poisoning_overdose")),
])
def test_the_signs_read_in_other_words(rules, text, expected):
    assert found(rules, text) == expected


@pytest.mark.parametrize("text", [
    "she's made up her mind to starve herself",
    "i have planned it for friday when nobody is home, there is no point anymore",
    "she keeps pushing her meals away and says it is her way out",
])
def test_crisis_in_other_words(rules, text):
    assert found(rules, text)[0] == "crisis"


@pytest.mark.parametrize("text", [
    "is it normal for dad to be so floppy after his nap",
    "he won't stay awake through the film, bless him",
    "he had no fit today, all calm",
    "I've planned it for saturday when the house is empty, her surprise party",
    "my neck is stiff from sleeping funny, slight headache",
    "is it normal for one leg to be a bit swollen after a long flight",
    "my bp drops a bit when i stand up, is that atrophy",
    "the kettle is whistling",
    "she's made her mind up to stop the physio",
    "he had a big gi bleed two years ago, can that cause muscle loss",
])
def test_their_limits_raise_no_alarm(rules, text):
    assert found(rules, text) == ("none", None)


@pytest.mark.parametrize(("text", "section"), [
    ("och what are the three kinds of muscle atrophy", "muscle_wasting"),
    ("what are the three types, dear", "muscle_wasting"),
    ("what are the types of atrophy mate", "muscle_wasting"),
])
def test_an_interjection_or_a_name_for_the_guide_around_a_question(understander, text, section):
    assert understander.understand(text).section_id == section
