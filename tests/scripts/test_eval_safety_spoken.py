"""eval_safety_spoken.py's row selection: the odd / even halves and the red-flag / near-miss filter."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import eval_safety_spoken as ess  # noqa: E402


def test_halves_split_rows_by_the_number_at_the_end_of_the_id():
    rows = [{"id": "s6s0041", "kind": "emergency"}, {"id": "s6s0042", "kind": "near_miss"}, {"id": "x", "kind": "crisis"}]
    assert ess.half_of(rows, "odd") == [{"id": "s6s0041", "kind": "emergency"}]
    assert ess.half_of(rows, "even") == [{"id": "s6s0042", "kind": "near_miss"}, {"id": "x", "kind": "crisis"}]
    assert ess.half_of(rows, None) == rows
    assert (ess.id_number("s6s0042"), ess.id_number("s5s0107"), ess.id_number("none")) == (42, 107, 0)


def test_the_front_end_state_of_a_recognizer_without_a_denoiser_is_not_denoised():
    class Plain:
        denoiser = None

    class Auto:
        class denoiser:  # noqa: N801 - a stand-in for AutoDenoiser's two fields
            active = True
            floor_dbfs = -33.04

    assert ess.front_end_state(Plain()) == {"denoised": False}
    assert ess.front_end_state(Auto()) == {"denoised": True, "floor_dbfs": -33.0}


def test_conditions_mix_as_the_synthetic_benchmark_does():
    import numpy as np

    from voice_guide.audio.files import AudioClip

    rate = 16000
    tone = (3000 * np.sin(np.arange(rate // 2) * 2 * np.pi * 440 / rate)).astype("<i2")
    clip = AudioClip(tone.tobytes(), rate)
    pool = [AudioClip((tone[::-1] // 2).tobytes(), rate) for _ in range(3)]
    assert ess.mix_condition(clip, "clean", np.zeros(1), pool, 10.0, 1) is clip
    pad = 2 * ess.PAD_MS * rate // 1000
    for cond in ("pink", "babble"):
        mixed = ess.mix_condition(clip, cond, np.zeros(1), pool, 10.0, 1)
        assert (mixed.sample_rate_hz, mixed.num_samples) == (rate, clip.num_samples + pad)
        assert mixed.samples().tobytes() != clip.samples().tobytes()
        again = ess.mix_condition(clip, cond, np.zeros(1), pool, 10.0, 1)
        assert again.samples().tobytes() == mixed.samples().tobytes()  # the same seed, the same audio


def test_nbest_sets_the_recognizers_depth_and_the_interpreters(monkeypatch):
    from voice_guide.nlu import interpret
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxSettings

    monkeypatch.setattr(interpret, "NBEST_DEPTH", interpret.NBEST_DEPTH)

    class Inner:
        settings = PocketSphinxSettings()

    class Wrapped:
        inner = Inner()

    class Pipe:
        recognizer = Wrapped()

    ess.use_nbest(Pipe(), 10)  # type: ignore[arg-type]
    assert (Wrapped.inner.settings.nbest_size, interpret.NBEST_DEPTH) == (10, 10)
    assert Wrapped.inner.settings.language_weight == PocketSphinxSettings().language_weight
