"""Thirty-eighth round (docs/understanding.md, "Thirty-eighth round"): a new author's words before the models learned
them.

A quiz's way in or out ("true or false: ...", "..., fact or myth", "quiz me, ...": ``lang/en.WRAPPER_OPENERS``,
``WRAPPER_CLOSERS``). Amounts in everyday British and Australian English ("loads of", "heaps of") and "in one sentence"
are fillers (``lexicon.yaml``). The causes of a named type are its own section (``topics.yaml`` samples). (The round's
sound key for pack words written as heard was taken out after the read-only review: it joined ordinary words, "my lady"
into "malady", "with her ring" into "withering".)

``knowledge_batch_s38.txt`` (part 1, worked on) and ``knowledge_batch_s38b.txt`` (part 2, written at the same time,
scored once at the end): 40 and 28 knowledge questions, 22 and 14 near-domain out-of-domain lines, own sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import answers, tab_batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander

HERE = Path(__file__).parent
DEFINITION = ["condition in which muscles shrink", "loss or decrease of muscle mass", "loss of muscle tissue"]


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text, wanted", [
    ("True or false: muscle atrophy is usually invisible.", ["visibly noticeable"]),
    # (a strict xfail since the tune42 refit, c0466bb: no passage (fallback, 0.001); the tune43 refit, dd5a1bb: the
    # introduction's 'visibly noticeable' (ask_symptoms) again: now right since the tune43 refit, the xfail removed)
    # the tune58 refit (338c989): no passage again (fallback, 0.001), a strict xfail; the tune61 refit (0148a4c): the introduction again,
    # right, the xfail removed; the tune62 refit (37c3c80): no passage again (fallback, 0.001), a strict xfail
    pytest.param("muscle atrophy can be seen, true or false?", ["visibly noticeable"],
                 marks=pytest.mark.xfail(strict=True, reason="the tune62 refit: no passage (fallback)")),
    ("fact or myth: steroids can waste your muscles", ["corticosteroids"]),
    ("my dad lost loads of muscle in hospital can he get it back", ["rebuild muscles that have atrophied"]),
    ("In one sentence, what is muscle wasting?", DEFINITION),
    ("what causes the disease kind of atrohpy", ["several medical conditions", "inflammation, malnutrition"]),
])
def test_these_questions_are_answered(understander, text, wanted):
    assert answers(understander.understand(text), wanted)


@pytest.mark.parametrize("text", [
    "true or false, the earth is flat",
    "fact or myth: you lose most heat through your head",
    "i feel near apathy today",
    "we ate loads of cake at the party",
    "in a nutshell, who won the match",
])
def test_unrelated_questions_in_these_styles_get_no_passage(understander, text):
    assert understander.understand(text).section_id is None


def test_the_rounds_own_batch_part_one(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s38.txt")
    assert (total, n_ood, answered) == (40, 22, [])
    assert right == 39  # 39 on the round's base ("musle a trofee" a fallback); 40 with the sound key, taken out


def test_the_rounds_own_batch_part_two(understander):
    total, n_ood, right, answered = tab_batch_figures(understander, HERE / "knowledge_batch_s38b.txt")
    assert (total, n_ood, answered) == (28, 14, [])
    assert right == 25  # scored once at the end: 24 on the base, 25 at the end with or without the sound key
