"""interpret_sounds: red-flag words looked for among heard words that sound like them. Tiny lexicons
are written inline (ARPAbet, no stress); the sentences are written for these tests."""

from voice_guide.nlu.interpret_sounds import SoundAlikes, keyword_words, phone_distance, read_pronunciations

LEXICON = {
    "choking": ("CH", "OW", "K", "IH", "NG"),
    "joking": ("JH", "OW", "K", "IH", "NG"),
    "hoping": ("HH", "OW", "P", "IH", "NG"),
    "breathe": ("B", "R", "IY", "DH"),
    "breed": ("B", "R", "IY", "D"),
    "coffee": ("K", "AA", "F", "IY"),
    "chest": ("CH", "EH", "S", "T"),
    "pain": ("P", "EY", "N"),
    "fit": ("F", "IH", "T"),
    "she": ("SH", "IY"),
    "is": ("IH", "Z"),
}


def test_phone_distance_counts_edits():
    assert phone_distance(LEXICON["breed"], LEXICON["breathe"]) == 1
    assert phone_distance(LEXICON["hoping"], LEXICON["choking"]) == 2
    assert phone_distance((), LEXICON["pain"]) == 3


def test_keyword_words_expand_patterns_over_the_lexicon_and_split_phrases():
    sources = [r"(?<![a-z0-9])(?:chok\w*)(?![a-z0-9])", r"(?<![a-z0-9])(?:chest pain)(?![a-z0-9])",
               r"(?<![a-z0-9])(?:breathe)(?![a-z0-9])"]
    assert keyword_words(sources, LEXICON) == {"choking", "chest", "pain", "breathe"}


def test_rewrites_put_the_red_flag_word_in_place_of_its_sound_alike_only():
    sounds = SoundAlikes(["choking", "breathe", "fit"], LEXICON, max_share=0.25)
    assert [t.word for t in sounds.targets] == ["breathe", "choking"]  # "fit" is too short to look for
    assert list(sounds.rewrites("she is joking")) == [("she is choking", "choking")]
    assert list(sounds.rewrites("she breed")) == [("she breathe", "breathe")]
    assert list(sounds.rewrites("she is hoping")) == []  # two edits of five phones: over a quarter
    assert list(SoundAlikes(["choking"], LEXICON, max_share=0.4).rewrites("she is hoping")) == [
        ("she is choking", "choking")]
    assert list(sounds.rewrites("she is choking")) == []  # already said: nothing to rewrite
    assert list(sounds.rewrites("a coffee unknownword")) == []


def test_read_pronunciations_keeps_the_first_variant_without_stress(tmp_path):
    path = tmp_path / "x.dict"
    path.write_text("breathe B R IY1 DH\nbreathe(2) B R EH1 DH\nbreed B R IY1 D\n", encoding="utf-8")
    assert read_pronunciations(str(path)) == {"breathe": ("B", "R", "IY", "DH"), "breed": ("B", "R", "IY", "D")}
    assert read_pronunciations(str(path), ["breed"]) == {"breed": ("B", "R", "IY", "D")}
