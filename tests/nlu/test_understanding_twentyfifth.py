"""Twenty-fifth round: two declines narrowed, and the round's own batch.

* ``intents.yaml``, ``declines``: a cure asked beside a treatment, a reversal or help ("is there a cure or
  treatment") is the article's treatment question (a cure alone stays not covered, as most authors label it); a
  corticosteroid named as what thins, weakens or wastes the muscles ("can long term steroid tablets thin your
  muscles") is the FAQ's causes question, not advice about a medicine; sleeping all day is a way of being inactive,
  not a question whether atrophy affects sleep; "get" is acquiring a device only before a determiner ("get a
  wheelchair"), not becoming ("get weaker in a wheelchair"); weight put back on after an illness is the flu
  paragraph's "regain lost weight".

``understanding_batch_25.jsonl`` (120 knowledge questions over every section, 60 near-domain out-of-domain lines)
was written for this round by its developer before any change, from the article alone; none is a line of an
evaluation set. Scored on the start code (0f0aed8): knowledge 117/120 (section 113), out-of-domain answered 3/60
(three idioms: the article's "nerves", "waste" and "cast" in their everyday senses). docs/understanding.md,
"Twenty-fifth round".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from understanding_support import answers, batch_figures

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander

BATCH = Path(__file__).with_name("understanding_batch_25.jsonl")


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


# --- the declines: a cure with a treatment, a corticosteroid as a cause ----------------------------------------

ANSWERED_NOW = [
    "is there a cure or a treatment for muscles that are wasting",
    "is there any cure for muscle loss, or something that helps",
    "could years of steroid tablets be thinning his legs",
    "can long term steroid pills make your muscles weak and thin",
    # second part: sleeping all day is inactivity, "get weaker" is no purchase, weight put back on after an illness
    "grandad sleeps in his armchair most of the day, are his thighs going to waste away",
    "she is sleeping all day since the operation, will her muscles waste",
    "will his arms get weaker now he is stuck in a wheelchair",
    "do you gain weight back after being ill with a virus",
]

STILL_DECLINED = [
    ("is there a cure for muscle atrophy", "not_covered"),
    ("is muscle wasting curable", "not_covered"),
    ("is there a cure or treatment for diabetes", "out_of_scope"),
    ("can steroid tablets help muscle wasting", "medical_advice"),
    ("can steroid pills stop his muscles wasting", "medical_advice"),
    ("should she take her steroid tablets if she feels weak", "medical_advice"),
    ("can i cut his steroid tablets in half", "out_of_scope"),
    ("can she take steroid tablets with food", "medical_advice"),
    ("can muscle wasting make it hard to sleep", "not_covered"),
    ("does atrophy affect your sleep at night", "not_covered"),
    ("where can we get a wheelchair for my dad", "not_covered"),
    ("should we get him one of those exercise bikes", "not_covered"),
    ("can i rent a hospital bed for home", "not_covered"),
    ("what is the best way to gain weight", "not_covered"),
]


@pytest.mark.parametrize("text", ANSWERED_NOW)
def test_a_cure_with_a_treatment_and_a_steroid_as_a_cause_are_no_decline(understander, text):
    assert understander.declines.match(understander._clean(text)) is None


def test_the_steroid_cause_is_answered_from_the_faqs_causes(understander):
    match = understander.understand("can long term steroid pills make your muscles weak and thin")
    assert (match.section_id, answers(match, ["long-term use of corticosteroids"])) == ("faq_causes", True)


@pytest.mark.parametrize("text, intent", STILL_DECLINED)
def test_a_cure_alone_and_advice_on_medicines_stay_declined(understander, text, intent):
    assert understander.declines.match(understander._clean(text)) == intent


# --- the fresh batch ------------------------------------------------------------------------------------------

def test_the_fresh_batch_keeps_its_figures(understander):
    n_knowledge, n_ood, right, answered = batch_figures(understander, BATCH)
    # the three answered out-of-domain lines are idioms (docs/understanding.md, "Twenty-fifth round": an idiom list
    # was measured and not kept, it moved no held-out line)
    # 117 until the tune29/tune30 rebuild, 116 on 57e6217 itself before the twenty-ninth round changed anything
    assert (n_knowledge, n_ood, right >= 116, answered) == (120, 60, True, [
        "stop getting on my nerves", "the old factory has been left to waste", "the cast of that show was brilliant"])
