"""A story of the past told in the present tense (StoryFrames.clauses in nlu/safety_frames.py, the pack's ``context.story_start``,
``story_end``, ``story_back`` and ``story_now``; fifty-second session): the clauses from one set long ago up to a later
turn to now are history; a word of now ends the story, and no turn, no story. All lines are written for these tests."""

from __future__ import annotations

import pytest

from voice_guide.nlu.safety_text import clauses


def story(rules, text: str) -> list[int]:
    """The clauses of ``text`` (as the rules read it) told inside a story of the past."""
    return sorted(rules.context.story.clauses(clauses(rules._read(text, True))))


@pytest.mark.parametrize(("text", "expected"), [
    ("So in 2011 he's on the kitchen floor, not moving. He pulled through, thank God.", [0, 1]),
    ("Last summer she's choking on a grape, I do the back slaps. Anyway, can we do her knees now?", [0, 1, 2]),
    ("He's fitting, I'm timing it, I'm calm. That was last June.", [0, 1, 2]),
    ("In 2019 he had a stroke, now his face is drooping again.", []),
    ("Years ago he had a fit, he's fitting right now, help me.", []),
    ("In 2017 she had a clot, her calf is hot and swollen.", []),
])
def test_the_clauses_of_a_story(rules, text, expected):
    assert story(rules, text) == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("So in 2011 he's on the kitchen floor, not breathing, and I'm doing CPR. He pulled through, thank God.", "none"),
    ("Boxing Day 2016, she's bleeding everywhere from a knife. Six stitches, and that's how we learnt first aid.",
     "none"),
    ("Back in March he had a heart attack and right now he's clutching his chest, what do I do?", "emergency"),
    ("Last winter she was in hospital, she can't breathe, that is why I'm scared.", "emergency"),
    ("In 2015 he had a seizure, he's having one now and it won't stop.", "emergency"),
])
def test_the_story_reads_as_history_and_now_stands(rules, text, kind):
    assert rules.assess(text).kind.value == kind
