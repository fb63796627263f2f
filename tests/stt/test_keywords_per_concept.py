"""The red-flag key phrases per concept (twentieth session): every phrase spelled by the stock dictionary, each of
one concept, the flat table the spotter reads, the process's one spotter. docs/spoken-rejection.md, "Twentieth
round"."""

import pytest

pytest.importorskip("pocketsphinx")

from voice_guide.stt.pocketsphinx import keywords  # noqa: E402
from voice_guide.stt.pocketsphinx.keywords import (  # noqa: E402
    RED_FLAG_CONCEPT_KEYPHRASES,
    RED_FLAG_KEYPHRASES,
    keyphrase_concept,
    red_flag_spotter,
)
from voice_guide.stt.pocketsphinx.models import model_paths  # noqa: E402


def _stock_words() -> set[str]:
    with open(model_paths()[1], encoding="utf-8") as handle:
        return {line.split(" ", 1)[0] for line in handle}


def test_every_key_phrase_is_spelled_by_the_stock_dictionary():
    words = _stock_words()
    assert sorted(w for p in RED_FLAG_KEYPHRASES for w in p.split() if w not in words) == []


def test_the_flat_table_holds_each_phrase_of_each_concept_once_with_its_threshold():
    flat = [(p, t) for phrases in RED_FLAG_CONCEPT_KEYPHRASES.values() for p, t in phrases.items()]
    assert sorted(flat) == sorted(RED_FLAG_KEYPHRASES.items())
    assert len({p for p, _ in flat}) == len(flat)
    assert all(0.0 < t < 1.0 for t in RED_FLAG_KEYPHRASES.values())


def test_the_concept_of_a_key_phrase():
    assert (keyphrase_concept("choking"), keyphrase_concept("want to die"), keyphrase_concept("kettle")) == (
        "choking", "crisis", None)


def test_the_spotter_is_off_by_default_and_built_once():
    assert keywords.SPOT_RED_FLAGS == 0.0
    first = red_flag_spotter()
    assert red_flag_spotter() is first
    assert first.phrases == RED_FLAG_KEYPHRASES
