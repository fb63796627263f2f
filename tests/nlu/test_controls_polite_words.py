"""The polite words around a command (``nlu/control_polite.py``, split from ``controls.py`` in the thirty-seventh
round): skip words dropped anywhere, polite prefixes and suffixes stripped one at a time, what is only a filler,
and a text without its prefixes but with its suffixes. Small packs built inline."""

from __future__ import annotations

import pytest

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_polite import PoliteWords
from voice_guide.nlu.controls import ControlMatcher

DATA = {"skip_words": ["um", "please"], "polite_prefixes": ["could you", "okay", "okay so"],
        "polite_suffixes": ["now", "for me"]}


def test_the_steps_strip_one_polite_word_at_a_time_longest_first():
    words = PoliteWords.from_data(DATA)
    # a prefix, then a suffix, then the next prefix: each stripped as soon as it is first or last
    assert words.steps("um okay so could you slow down for me now please") == [
        "okay so could you slow down for me now", "could you slow down for me now", "could you slow down for me",
        "slow down for me", "slow down"]
    assert words.stripped("okay so could you slow down") == "slow down"


def test_fillers_and_the_text_with_its_suffixes_kept():
    words = PoliteWords.from_data(DATA)
    assert (words.is_filler("okay so um"), words.is_filler("okay stop")) == (True, False)
    assert words.unprefixed("okay say she is fine now") == "say she is fine now"


def test_a_pack_without_polite_words_strips_nothing():
    assert PoliteWords.from_data({}).steps("could you stop now") == ["could you stop now"]


def test_the_matcher_strips_with_the_same_words():
    matcher = ControlMatcher({"language": "en", "intents": {"slower": ["slow down"]}, **DATA})
    assert matcher.polite_steps("okay so slow down now") == PoliteWords.from_data(DATA).steps("okay so slow down now")
    assert matcher.exact("okay so could you slow down for me").intent == "slower"


def test_a_polite_word_used_as_a_verb_is_kept():
    words = PoliteWords.from_data({"polite_prefixes": ["okay", "guide", "okay guide"],
                                   "polite_verbs": {"guide": "(me|us) through"}})
    assert words.steps("okay guide me through the routine") == ["okay guide me through the routine",
                                                                "guide me through the routine"]
    assert words.stripped("okay guide stop") == "stop"


def test_a_broken_polite_verb_pattern_is_a_clear_content_error():
    with pytest.raises(ContentError, match="polite_verbs: 'guide'"):
        PoliteWords.from_data({"polite_verbs": {"guide": "(me|us"}})
