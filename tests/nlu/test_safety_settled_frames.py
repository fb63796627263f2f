"""Frames that make a red-flag word harmless across authors (thirty-third session): settled states, questions of kind.

A message whose shape says that what a phrase names is old and known (a good and a bad arm, a limb in a cast, a
question about which exercises suit a weak side, one limb twitching asked about as part of the wasting) is no report of
now (``settled:``, :mod:`voice_guide.nlu.safety_settled`); a past event told in a relative clause or followed by "that is
why" is history; a question whether a condition can be seen or which kind it is raises the learned net's bars
(``context.knowledge_asks``). Each is checked on new lines beside a red flag in the same words that must stand. The
session's own batch (tests/nlu/safety_batch_s33.txt) is scored as a whole; its second part
(safety_batch_s33b.txt) is only ever scored by ``eval_safety.py --batch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_support import fixed_net, found, misread, read_batch

from voice_guide.nlu.safety import SafetyRules

NONE = ("none", None)


@pytest.mark.parametrize("text, expected", [
    # a weak side beside a good and a bad limb, wasting, a weakness that has lasted, or a question of which exercises
    ("her left side is weak, so i move the bad arm with her good one", NONE),
    ("his right leg is weak and the thigh has got thinner, is that the disuse kind", NONE),
    ("mum's left hand has been floppy for years, which stretches suit it", NONE),
    ("his right arm suddenly went weak, which exercises help", ("emergency", "stroke")),
    ("her face is drooping and her left arm is weak, can we do the stretches", ("emergency", "stroke")),
    # a broken bone in a cast or a boot, asked about the muscles
    ("she fractured her ankle and it's in a boot, will the calf muscles waste", NONE),
    ("he broke his arm in june and the plaster comes off next week, will it be thin", NONE),
    ("i think he's broken his wrist, it's at a funny angle", ("emergency", "head_injury")),
    # someone who cannot move their legs themselves, asked which exercises; never after a fall
    ("my sister can't move her arms herself, which exercises can we do for her", NONE),
    ("she slipped on the ice and can't move her legs, which exercises would help", ("emergency", "head_injury")),
    # one limb twitching, asked about as part of the wasting; never the whole body
    ("her calf keeps twitching on its own, is that the muscle wasting", NONE),
    ("his whole body keeps jerking, is that from the nerve damage", ("emergency", "seizure")),
])
def test_settled_frames(rules: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert found(rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a person described by a past event in a relative clause at its clause's end
    ("i look after my aunt who had a stroke, how do i keep her arm moving", NONE),
    ("i look after my aunt who had a stroke, and now her face is drooping", ("emergency", "stroke")),
    # "that is why" after a past event tells its lasting result
    ("he had a stroke in 2016, which is why his right leg is weak", NONE),
    ("she had a stroke in 2018 and this morning her right leg went weak", ("emergency", "stroke")),
    # "how quickly" asks a rate, it is no cry for help
    ("if an arm is in a sling and not moving, how quickly do the muscles go", NONE),
    ("help, he's not moving, quickly", ("emergency", "collapse")),
    # "what's the point" of what the staff do with someone else; never with the speaker or a word of giving up
    ("the staff get her up and dressed each morning on the ward, what's the point", NONE),
    ("the physio has mum walking the corridor twice a day. what's the point?", NONE),
    ("the physio keeps telling me to stand up, what's the point", ("crisis", "crisis")),
    ("the carers get him washed every morning and he says he's had enough, what's the point", ("crisis", "crisis")),
    # moving a weak limb oneself, asked
    ("her right side is weak, can she move it herself with her left hand", NONE),
])
def test_history_rates_and_comparisons(rules: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert found(rules, text) == expected


def test_questions_of_sight_and_kind_raise_the_net_bar(bare: SafetyRules) -> None:
    """A net that reads every text as crisis at 0.85 gives no reply to a question whether a condition can be seen or
    which kind it is (``learned.session_talk_at``, 0.95), and still does to crisis talk asked as a question."""
    bare.net = fixed_net(crisis=0.85)
    assert bare.assess("could you tell just by looking at her arms").kind.value == "none"
    assert bare.assess("he's lost weight since the op, what type would that be").kind.value == "none"
    assert bare.assess("is it visible from the outside or only on a scan").kind.value == "none"
    assert bare.assess("would anyone even notice if i was gone").kind.value == "crisis"
    assert bare.assess("could you tell by looking that i want to die").kind.value == "crisis"
    bare.net = fixed_net(crisis=0.97)
    assert bare.assess("could you tell just by looking at her arms").kind.value == "crisis"  # a bar, not a silence


def test_own_batch_first_part(rules: SafetyRules) -> None:
    """The lines of the session's batch the rules were written against: every line read right by the rules alone but
    two near misses whose rules changed no tuning author's line and were not kept (docs/safety.md, Thirty-third round):
    an ability measured against before, a limb jerked away."""
    first, _ = read_batch(Path(__file__).with_name("safety_batch_s33.txt"), "# Second part")
    assert misread(rules, first) == {
        "he isn't in any pain, he just can't lift his arm as high as before",
        "she's jerking her arm away because it tickles, next one",
    }
