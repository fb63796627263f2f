"""The ARPA trigram builder: normalisation, back-off, ARPA round trip, background mixing."""

from __future__ import annotations

import math

import pytest

from voice_guide.stt.base import DomainVocabulary, normalize_words
from voice_guide.stt.pocketsphinx.lm import BOS, EOS, LanguageModel, arpa_to_binary, build_arpa, build_language_model

SENTENCES = [
    "What causes muscle atrophy?",
    "What is muscle atrophy?",
    "How is muscle atrophy treated?",
    "What causes neurogenic atrophy?",
    "Disuse atrophy happens when muscles are not used.",
    "next",
    "stop",
    "repeat that",
    "start arm exercises",
    "start leg exercises",
]
TOKENS = [normalize_words(s) for s in SENTENCES]
BACKGROUND = {"the": 50.0, "weather": 2.0, "music": 3.0, "what": 20.0, "play": 4.0}


def _contexts(lm: LanguageModel) -> list[tuple[str, ...]]:
    seen = [(), (BOS,), ("what",), (BOS, "what"), ("what", "causes"), ("muscle", "atrophy"),
            ("start", "leg"), ("atrophy",), ("weather",), ("play", "music"), ("stop", "next"),
            ("exercises",), ("never", "seen")]
    return seen + [ngram for ngram in lm.log10_probs[1]][:20] + [ngram for ngram in lm.log10_probs[2]][:10]


@pytest.mark.parametrize("weight", [0.0, 0.2])
def test_every_conditional_distribution_sums_to_one(weight: float) -> None:
    lm = LanguageModel.from_arpa(build_arpa(TOKENS, background=BACKGROUND, background_weight=weight))
    vocab = [w for w in lm.vocabulary if w != BOS]
    for context in _contexts(lm):
        total = sum(lm.prob(w, context) for w in vocab)
        assert total == pytest.approx(1.0, abs=1e-4), context


def test_arpa_header_counts_and_sections() -> None:
    text = build_arpa(TOKENS)
    assert text.startswith("\\data\\\n")
    assert text.rstrip().endswith("\\end\\")
    lm = LanguageModel.from_arpa(text)
    assert lm.order == 3
    assert lm.log10_probs[0][(BOS,)] == -99.0
    assert (EOS,) in lm.log10_probs[0]
    assert ("muscle", "atrophy") in lm.log10_probs[1]
    assert ("causes", "muscle", "atrophy") in lm.log10_probs[2]
    # Contexts that continue carry a back-off weight; the highest order carries none.
    assert ("muscle", "atrophy") in lm.log10_backoffs[1]


def test_seen_ngrams_are_likelier_than_unseen() -> None:
    lm = build_language_model(TOKENS, background=BACKGROUND, background_weight=0.2)
    assert lm.prob("atrophy", ("causes", "muscle")) > 0.5
    assert lm.prob("atrophy", ("causes", "muscle")) > lm.prob("weather", ("causes", "muscle"))
    assert lm.prob("exercises", ("start", "leg")) > lm.prob("next", ("start", "leg"))
    # Unseen context falls back to unigrams.
    assert lm.prob("atrophy", ("never", "seen")) == pytest.approx(lm.prob("atrophy"))


def test_background_words_get_their_share() -> None:
    without = build_language_model(TOKENS)
    with_bg = build_language_model(TOKENS, background=BACKGROUND, background_weight=0.2)
    assert "weather" not in without.vocabulary
    assert "weather" in with_bg.vocabulary
    background_only = [w for w in BACKGROUND if w not in without.vocabulary]
    share = sum(with_bg.prob(w) for w in background_only)
    assert 0.0 < share < 0.2
    # Background words are reachable but much less likely than domain continuations.
    assert with_bg.prob("music", ("play",)) < 0.2


def test_log10_prob_matches_written_values() -> None:
    lm = build_language_model(TOKENS)
    reread = LanguageModel.from_arpa(lm.to_arpa())
    for w in ("atrophy", "next", EOS):
        for context in ((), ("muscle",), ("causes", "muscle")):
            assert reread.log10_prob(w, context) == pytest.approx(lm.log10_prob(w, context), abs=1e-5)
    assert math.isclose(sum(lm.prob(w) for w in lm.vocabulary if w != BOS), 1.0, abs_tol=1e-6)


def test_no_sentences_is_an_error() -> None:
    with pytest.raises(ValueError):
        build_arpa([])
    with pytest.raises(ValueError):
        build_arpa([[]])


def test_normalize_words() -> None:
    assert normalize_words("What causes Guillain-Barré syndrome?") == ["what", "causes", "guillain", "barre", "syndrome"]
    assert normalize_words("Cushing's disease, 10% of 250 people") == [
        "cushing's", "disease", "ten", "percent", "of", "two", "hundred", "fifty", "people"
    ]
    assert normalize_words("근육 위축은 무엇인가요?") == ["근육", "위축은", "무엇인가요"]
    assert normalize_words("  ...  ") == []


def test_domain_vocabulary_words_in_order() -> None:
    vocab = DomainVocabulary("main", ("Next!", "next page", "Stop."))
    assert vocab.words() == ["next", "page", "stop"]
    assert vocab.tokenized() == [["next"], ["next", "page"], ["stop"]]


def test_the_binary_model_scores_every_word_sequence_as_the_arpa_text(tmp_path) -> None:
    """The cached binary LM is the same model: PocketSphinx scores seen, backed-off and unseen
    sequences alike from either file."""
    import pocketsphinx

    arpa = build_arpa(TOKENS, background=BACKGROUND, background_weight=0.2)
    data = arpa_to_binary(arpa)
    (tmp_path / "m.arpa").write_text(arpa, encoding="utf-8")
    (tmp_path / "m.lm.bin").write_bytes(data)
    config = pocketsphinx.Config(hmm=None, lm=None, dict=None, loglevel="FATAL")
    logmath = pocketsphinx.LogMath()
    text_lm, binary_lm = (pocketsphinx.NGramModel(config, logmath, str(tmp_path / f)) for f in ("m.arpa", "m.lm.bin"))
    lm = LanguageModel.from_arpa(arpa)
    words = sorted(w for w in lm.vocabulary if w != BOS)
    sequences = [[w] for w in words] + [list(n) for n in lm.log10_probs[1]] + [list(n) for n in lm.log10_probs[2]]
    sequences += [["muscle", "weather"], ["play", "music", "stop"], ["what", "causes", "exercises"]]
    assert data[:4] != arpa.encode()[:4] and len(sequences) > 60
    scores = [text_lm.prob(s) for s in sequences]
    assert scores == [binary_lm.prob(s) for s in sequences] and len(set(scores)) > 10

