"""RedFlagSpotter: red-flag key phrases spotted by a PocketSphinx keyphrase search (a real decoder; the
sentences are written for this test). Off in the guide (RESCUE_SPOTTED): a measurement tool."""

import pytest

pytest.importorskip("pocketsphinx")

from voice_guide.stt.pocketsphinx.keywords import RED_FLAG_KEYPHRASES, RedFlagSpotter  # noqa: E402
from voice_guide.testing.voices import synthesize, with_silence  # noqa: E402


@pytest.fixture(scope="module")
def spotter():
    return RedFlagSpotter({"chest pain": 1e-20, "choking": 1e-20}, levels=(1e-5, 1e-30))


def test_a_key_phrase_said_clearly_is_spotted_at_its_own_threshold_and_at_each_level(spotter, tmp_path):
    clip = with_silence(synthesize("my dad has bad chest pain right now", "flite:slt", cache_dir=tmp_path))
    pcm = clip.samples().tobytes()
    assert "chest pain" in spotter.spot(pcm)
    levels = spotter.spot_levels(pcm)
    assert list(levels) == ["1e-05", "1e-30"]
    assert set(levels["1e-05"]) <= set(levels["1e-30"])  # a lower threshold spots at least as much
    assert "chest pain" in levels["1e-30"]


def test_the_default_key_phrases_come_with_thresholds():
    assert "choking" in RED_FLAG_KEYPHRASES and "want to die" in RED_FLAG_KEYPHRASES
    assert all(0.0 < t < 1.0 for t in RED_FLAG_KEYPHRASES.values())
