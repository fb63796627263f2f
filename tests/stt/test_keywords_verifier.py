"""SafetyVerifier: the second hearing of a suspected utterance (real PocketSphinx decoders)."""

import pytest

pytest.importorskip("pocketsphinx")

from voice_guide.stt.pocketsphinx.keywords import SafetyVerifier  # noqa: E402
from voice_guide.stt.pocketsphinx.models import model_paths  # noqa: E402
from voice_guide.testing.voices import synthesize, with_silence  # noqa: E402

WORDS = {"call", "an", "ambulance", "now", "he", "is", "not", "breathing", "she", "choking", "a", "the", "i", "have",
         "can", "coffee", "please", "large"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    calls = []

    def phrases():
        calls.append(1)
        return ["call an ambulance", "he is not breathing", "she is choking", "call an ambulance now"]

    folder = tmp_path_factory.mktemp("verify")
    arpa, general = folder / "safety.arpa", folder / "general.lm.bin"
    _, stock_dict, _ = model_paths()
    small_dict = folder / "small.dict"  # the verifier hears with the main recognizer's (pruned) dictionary
    with open(stock_dict, encoding="utf-8") as src:
        small_dict.write_text("".join(line for line in src if line.split(" ", 1)[0].split("(")[0] in WORDS))
    verifier = SafetyVerifier(small_dict, phrases, arpa_cache=arpa, general_lm=general)
    return verifier, arpa, calls, phrases, small_dict, general


def test_the_safety_model_is_built_once_and_then_read_from_its_file(built):
    _verifier, arpa, calls, phrases, small_dict, _general = built
    assert arpa.is_file() and calls == [1]
    SafetyVerifier(small_dict, phrases, arpa_cache=arpa)
    assert calls == [1]


def test_the_general_model_is_the_stock_one_cut_to_the_dictionary_built_once(built):
    _verifier, arpa, _calls, phrases, small_dict, general = built
    written = general.stat().st_mtime_ns
    assert general.read_bytes().startswith(b"Trie Language Model\x02")  # an order-2 trie binary
    SafetyVerifier(small_dict, phrases, arpa_cache=arpa, general_lm=general)
    assert general.stat().st_mtime_ns == written


def test_a_red_flag_is_heard_by_both_searches_and_scored_per_frame(built):
    verifier = built[0]
    clip = with_silence(synthesize("call an ambulance", "flite:slt"))
    heard = verifier.decode(clip.pcm)
    assert set(heard) == {"general", "safety"}
    assert heard["safety"].text == "call an ambulance"
    assert "ambulance" in heard["general"].text.split()
    assert heard["safety"].score < 0 and heard["general"].score < 0


def test_english_that_is_not_a_red_flag_is_read_better_by_the_general_model(built):
    verifier = built[0]
    clip = with_silence(synthesize("can i have a large coffee please", "flite:slt"))
    heard = verifier.decode(clip.pcm)
    assert heard["general"].text == "can i have a large coffee please"
    assert heard["safety"].score < heard["general"].score
