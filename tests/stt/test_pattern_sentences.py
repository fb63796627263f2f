"""Sentences generated from the regular expressions that recognise them (for the language model)."""

import re

from voice_guide.stt.pattern_sentences import sentences_from_patterns


def test_every_alternative_of_a_word_list_is_written_out_and_matches():
    pattern = r"(?:swallowed|drank|drunk) (?:bleach|antifreeze|weed killer)"
    out = sentences_from_patterns([pattern], per_pattern=0)
    assert {"swallowed", "drank", "drunk"} <= {s.split()[0] for s in out}
    assert {"bleach", "antifreeze", "weed killer"} <= {s.split(" ", 1)[1] for s in out}
    assert all(re.fullmatch(pattern, s) for s in out)


def test_gaps_suffixes_and_optional_parts_give_plain_words():
    gap = r"(?: [a-z0-9]+){0,4} "
    pattern = rf"(?:fitting|seiz\w*){gap}(?:will not stop|again)s?"
    out = sentences_from_patterns([pattern], per_pattern=5, seed=3)
    assert out and all(re.fullmatch(r"[a-z ]+", s) for s in out)
    for part in ("fitting", "seiz", "will not stop", "again"):  # every alternative at least once
        assert any(part in s for s in out), part
    assert all(re.search(pattern, s) for s in out)


def test_patterns_that_cannot_be_words_are_skipped_and_the_result_is_seeded():
    assert sentences_from_patterns([r"\d+ minutes", "(unclosed"], per_pattern=3) == []
    patterns = [r"(?:a|b|c) (?:d|e|f) (?:g|h)?"]
    assert sentences_from_patterns(patterns, 4, seed=1) == sentences_from_patterns(patterns, 4, seed=1)


def test_a_word_filter_drops_strings_with_stems():
    out = sentences_from_patterns([r"(?:suicid\w*|overdose) now"], per_pattern=4, is_word=lambda w: w != "suicid")
    assert out == ["overdose now"]
