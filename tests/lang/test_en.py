"""English language rules."""

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.lang import get_language


def test_normalize_expands_contractions_and_drops_punctuation():
    en = get_language("en")
    assert en.normalize("Can't you SAY it? She's my dad's nurse — we're set!") == (
        "can not you say it she is my dad nurse we are set")


def test_stem_rarity_and_number_words():
    en = get_language("en-GB")
    assert en.stem("muscles") == en.stem("muscle") == "muscl"
    assert en.rarity("the") > 6 > en.rarity("dermatomyositis")
    assert en.number_words["seven"] == 7
    assert "what" in en.stopwords and "muscle" not in en.stopwords


def test_unsupported_language_is_a_content_error():
    with pytest.raises(ContentError, match="not supported"):
        get_language("fr")


@pytest.mark.parametrize("text, cleaned", [
    ("Im not sure, whats that?", "i am not sure what is that"),
    ("dont stop, shes fine", "do not stop she is fine"),
    ("lets go theyre ready", "let us go they are ready"),
    ("were well, its ill timed", "were well its ill timed"),  # also English words: left alone
])
def test_contractions_typed_without_apostrophe_are_written_out(text, cleaned):
    assert get_language("en").normalize(text) == cleaned
