"""One home for folding accented letters (thirty-seventh session's merge: the understanding and safety rounds had each
written one): ``voice_guide.lang.fold_accents``, used by English text cleaning and the safety check's ``normalise``.
Words written for these tests."""

from voice_guide.lang import fold_accents, get_language
from voice_guide.nlu.safety_text import normalise


def test_accented_latin_letters_become_plain_letters():
    assert [fold_accents(t) for t in ("artículo", "słaby mięsień", "Straße", "cœur", "plain text")] == [
        "articulo", "slaby miesien", "Strasse", "coeur", "plain text"]


def test_english_cleaning_and_the_safety_check_fold_the_same_way():
    text = "Mi abuela está débil, ¿qué pasa?"
    assert get_language("en").normalize(text) == "mi abuela esta debil que pasa"
    assert normalise(text) == "mi abuela esta debil | que pasa |"
