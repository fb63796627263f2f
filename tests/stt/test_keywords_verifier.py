"""SafetyVerifier: the second hearing of a suspected utterance (real PocketSphinx decoders)."""

import pytest

pytest.importorskip("pocketsphinx")

from voice_guide.stt.pocketsphinx.keywords import SafetyVerifier  # noqa: E402
from voice_guide.stt.pocketsphinx.models import model_paths  # noqa: E402
from voice_guide.testing.voices import synthesize, with_silence  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    calls = []

    def phrases():
        calls.append(1)
        return ["call an ambulance", "he is not breathing", "she is choking", "call an ambulance now"]

    arpa = tmp_path_factory.mktemp("verify") / "safety.arpa"
    _, stock_dict, _ = model_paths()
    return SafetyVerifier(stock_dict, phrases, arpa_cache=arpa), arpa, calls, phrases, stock_dict


def test_the_safety_model_is_built_once_and_then_read_from_its_file(built):
    _verifier, arpa, calls, phrases, stock_dict = built
    assert arpa.is_file() and calls == [1]
    SafetyVerifier(stock_dict, phrases, arpa_cache=arpa)
    assert calls == [1]


def test_a_red_flag_is_heard_by_both_searches_and_scored_per_frame(built):
    verifier = built[0]
    clip = with_silence(synthesize("call an ambulance", "flite:slt"))
    heard = verifier.decode(clip.pcm)
    assert set(heard) == {"general", "safety"}
    assert heard["safety"].text == "call an ambulance"
    assert "ambulance" in heard["general"].text.split()
    assert heard["safety"].score < 0 and heard["general"].score < 0
