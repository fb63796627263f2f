"""Pronunciations: stock CMUdict, the pack lexicon, possessives and espeak-ng guesses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voice_guide.core.errors import RecognizerError
from voice_guide.stt.pocketsphinx.pronounce import (
    ARPABET_PHONES,
    build_pronunciations,
    espeak_pronunciations,
    ipa_to_arpabet,
    read_cmu_lexicon,
)

PACK_LEXICON = Path(__file__).resolve().parents[2] / "voice_guide" / "packs" / "muscle_atrophy" / "pronunciations.dict"
MEDICAL = ["cachexia", "dermatomyositis", "polymyositis", "neurogenic", "spasticity", "corticosteroids",
           "immobilization", "immobilized", "sarcopenia", "catabolism", "electromyostimulation"]

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")


@pytest.fixture(scope="module")
def stock_dict() -> Path:
    from voice_guide.stt.pocketsphinx.models import model_paths

    return model_paths()[1]


def test_pack_lexicon_is_valid_and_covers_the_medical_terms() -> None:
    lexicon = read_cmu_lexicon(PACK_LEXICON)
    for word in MEDICAL:
        assert word in lexicon, word
        for pron in lexicon[word]:
            assert set(pron.split()) <= ARPABET_PHONES
    assert lexicon["cachexia"][0] == "K AH K EH K S IY AH"
    assert len(lexicon["neurogenic"]) >= 2  # variants kept


def test_stock_dict_keeps_variants(stock_dict: Path) -> None:
    entries = read_cmu_lexicon(stock_dict, {"the", "read", "atrophy"})
    assert entries["the"] == ["DH AH", "DH IY"]
    assert len(entries["read"]) == 2
    assert entries["atrophy"] == ["AE T R AH F IY"]


def test_pack_overrides_stock_and_possessives_are_derived(stock_dict: Path) -> None:
    result = build_pronunciations(["corticosteroids", "atrophy", "cushing's", "muscle"], stock_dict, [PACK_LEXICON])
    assert "corticosteroids" in result.from_lexicon
    assert result.entries["corticosteroids"][1] == "K AO R T IH K OW S T IH R OY D Z"
    assert result.entries["cushing's"] == ["K UH SH IH NG Z"]
    assert "cushing's" in result.derived
    assert result.guessed == []
    text = result.to_dict_text()
    assert "corticosteroids(2) K AO R T IH K OW S T IH R OY D Z" in text


@needs_espeak
def test_unknown_words_are_guessed_with_espeak_and_reported(stock_dict: Path, caplog) -> None:
    caplog.set_level("INFO", logger="voice_guide.stt.pocketsphinx.pronounce")
    result = build_pronunciations(["sarcopenia", "myopathy", "muscle"], stock_dict, [])
    assert set(result.guessed) == {"sarcopenia", "myopathy"}
    assert result.entries["sarcopenia"][0] == "S AA R K OW P IY N IY AH"
    assert "guessed pronunciations" in caplog.text and "sarcopenia" in caplog.text
    with_pack = build_pronunciations(["sarcopenia", "myopathy"], stock_dict, [PACK_LEXICON])
    assert with_pack.guessed == []


@needs_espeak
def test_espeak_batch_guesses_every_word() -> None:
    guesses = espeak_pronunciations(["cachexia", "spasticity", "neurogenic"])
    assert guesses["spasticity"] == "S P AE S T IH S IH T IY"
    assert guesses["neurogenic"] == "N UH R OW JH EH N IH K"
    for phones in guesses.values():
        assert set(phones.split()) <= ARPABET_PHONES


def test_ipa_mapping() -> None:
    assert ipa_to_arpabet("ˈætɹəfi") == ["AE", "T", "R", "AH", "F", "IY"]
    assert ipa_to_arpabet("kˈɔːɹɾɪkˌɔstɚɹˌɔɪdz", "corticosteroids")[:4] == ["K", "AO", "R", "T"]
    assert ipa_to_arpabet("ɹˈiːdɪŋ") == ["R", "IY", "D", "IH", "NG"]
    assert ipa_to_arpabet("mˈʌdɚ", "mudder") == ["M", "AH", "D", "ER"]
    assert ipa_to_arpabet("bˈʌɾɚ", "budder") == ["B", "AH", "D", "ER"]


def test_bad_lexicon_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.dict"
    bad.write_text("atrophy AE T R XX F IY\n")
    with pytest.raises(RecognizerError, match="unknown phone"):
        read_cmu_lexicon(bad)
    with pytest.raises(RecognizerError, match="cannot read"):
        read_cmu_lexicon(tmp_path / "missing.dict")
