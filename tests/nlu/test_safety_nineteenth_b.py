"""Nineteenth session, second part: the user's own confusion about the guide or the task is not the confusion
concept (a figure of ``context.idioms``), while confusion of the person cared for, or one's own with signs of the
body, still is; asking for whole answers is session talk, and a message that is session talk and nothing else gets
nothing from the learned net. Phrases written for these tests (not from any set), and the part's own batch
(tests/nlu/safety_batches_19b.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

ROOT = Path(__file__).resolve().parent.parent.parent
BATCH = ROOT / "tests" / "nlu" / "safety_batches_19b.txt"


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


def test_the_batch_is_well_formed():
    rows, later = read_batch(BATCH, "# Second part")
    assert (len(rows), later) == (64, [])
    assert {kind for kind, _, _ in rows} == {"crisis", "emergency", "near_miss"}


def test_the_batch(rules_with_net):
    rows, _ = read_batch(BATCH, "# Second part")
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
