"""Twenty-second round: a fresh batch of knowledge and out-of-domain questions, and three decline changes.

``understanding_batch_22.jsonl`` (126 knowledge questions over every section, 60 near-domain and unrelated
out-of-domain lines) was written for this round by its developer before any change, from the article alone,
in the format of the paraphrase sets; none is a line of an evaluation set. Scored on the start code
(8f4dc07): knowledge 123/126, out-of-domain answered 0/60; after the round: 124/126, 0/60
(docs/understanding.md, "Twenty-second round").

The decline changes (``intents.yaml``, ``declines``): a household machine as the subject of a sentence with no
word of a body, health or the guide's controls is ``unrelated`` ("my washing machine moves on its own during
the spin cycle" had read the passive-exercise passage by "machine", "move" and "cycle"); "in the first place"
is a cause, not the muscles that waste first; seeing something "with your eyes" or "by eye" is not the eyes'
muscles. Every question below was written for these tests.

``understanding.CLEAR_ARTICLE``, when set (the round measured it at (0.02, 0.6), chosen on the tuning parts; the
merge left it off, as it answered one more held-out out-of-domain question), never answers from the sources or the
about section: at (0.02, 0.6) it had answered "who wrote the lord of the rings" with the byline (the sixteenth
round's generalization test).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from understanding_support import answers

from voice_guide.content.pack import load_pack
from voice_guide.nlu.decision import Decision, KnowledgeSignals
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.understanding import Understander

BATCH = Path(__file__).with_name("understanding_batch_22.jsonl")

HOUSEHOLD = [
    "my washing machine moves on its own during the spin cycle",
    "the dishwasher keeps jumping about when it drains",
    "our tumble dryer shakes the whole floor, is that normal",
    "the car engine twitches when it is cold",
]

STILL_COMMANDS = [
    ("hang on, the washing machine has finished", "pause"),
    ("louder please, the kettle is on", "louder"),
]

STILL_ANSWERED = [
    ("can a machine move his legs for him", "neurogenic"),
    ("what makes muscles waste in the first place", "faq_causes"),
    ("is wasting of the muscles something you can see with your eyes", "introduction"),
]

STILL_DECLINED = [
    ("which muscles waste first", "not_covered"),
    ("do the muscles around her eyes waste too", "not_covered"),
    ("can you get atrophy in your eye muscles", "not_covered"),
]


@pytest.fixture(scope="module")
def understander() -> Understander:
    return Understander(load_pack())


@pytest.mark.parametrize("text", HOUSEHOLD)
def test_a_household_machine_gets_no_passage(understander, text):
    match = understander.understand(text)
    assert (match.intent, match.section_id, match.units) == ("fallback", None, ())


@pytest.mark.parametrize("text, intent", STILL_COMMANDS)
def test_a_command_beside_a_machine_stays_a_command(understander, text, intent):
    assert understander.understand(text).intent == intent


@pytest.mark.parametrize("text, section", STILL_ANSWERED)
def test_near_misses_of_the_narrowed_declines_are_answered(understander, text, section):
    assert understander.understand(text).section_id == section


@pytest.mark.parametrize("text, intent", STILL_DECLINED)
def test_what_the_narrowed_declines_still_take(understander, text, intent):
    assert (understander.understand(text).intent, understander.understand(text).section_id) == (intent, None)


def test_the_fresh_batch_keeps_its_figures(understander):
    records = [json.loads(line) for line in BATCH.read_text(encoding="utf-8").splitlines() if line.strip()]
    knowledge = [r for r in records if r["kind"] == "knowledge"]
    ood = [r for r in records if r["kind"] == "ood"]
    right = sum(answers(understander.understand(r["text"]), r["answer_any"]) for r in knowledge)
    answered = [r["text"] for r in ood if understander.understand(r["text"]).section_id]
    assert (len(knowledge), len(ood), right >= 124, answered) == (126, 60, True, [])


def _signals(p_ood: float) -> KnowledgeSignals:
    return KnowledgeSignals(confidence=0.1, p_best=0.9, p_ood=p_ood, p_section=0.9, sim_topic=0.7, sim_ood=0.4,
                            sim_margin=0.3, known_share=1.0, evidence=1.0, agree=1.0)


@pytest.mark.parametrize("section, answered", [
    ("disuse", True), ("faq_causes", True), ("about", False), ("sources", False),
])
def test_clear_article_answers_from_the_article_only(understander, section, answered):
    n = len(_signals(0.0).row())
    saved = understander.decision, understander.clear_article
    understander.decision = Decision((0.0,) * n, (1.0,) * n, (0.0,) * n + (1.0,), 0.7)  # p = 0.73 whatever the signals
    understander.clear_article = (0.02, 0.6)
    try:
        match = IntentMatch("ask_x", 0.1, {}, section_id=section)
        assert understander._clear_article(_signals(0.01), match) == answered
    finally:
        understander.decision, understander.clear_article = saved


def test_a_book_author_is_not_the_articles(understander):
    assert understander.understand("who wrote the lord of the rings").intent == "fallback"
