"""The real-speech benchmark script: the published mixing method, and a tiny run with real engines."""

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = Path("/work/shared/eval/real-speech")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_real_speech", ROOT / "scripts" / "bench_real_speech.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_real_speech"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_mix_has_the_published_snr_and_half_full_scale():
    bench = _bench()
    rng = np.random.default_rng(3)
    speech = np.sin(np.arange(16000) / 5.0) * 0.3
    noise = rng.normal(0.0, 0.05, 50000)
    mixed = bench.mix(speech, noise, 9.0, random.Random(1))
    assert np.max(np.abs(mixed)) == pytest.approx(0.5)
    # Undo the normalization: the noise part is what is left after the (scaled) speech.
    start = random.Random(1).randint(0, len(noise) - len(speech))
    window = noise[start : start + len(speech)]
    gain = 0.5 / np.max(np.abs(speech + window * np.sqrt(bench.max_frame_energy(speech) / (bench.max_frame_energy(window) * 10 ** 0.9))))
    noise_part = mixed - gain * speech
    ratio_db = 10 * np.log10(bench.max_frame_energy(gain * speech) / bench.max_frame_energy(noise_part))
    assert ratio_db == pytest.approx(9.0, abs=1e-6)


def test_scoring_needs_the_intent_and_every_slot_exact():
    bench = _bench()
    label = {"intent": "orderDrink", "slots": {"coffeeDrink": "mocha", "milkAmount": " soy milk"}}
    row = {"intent": "orderDrink", "slots": {"coffeeDrink": "mocha", "milkAmount": "soy milk"}}
    assert bench.accepted(row, label)
    assert not bench.accepted({**row, "slots": {"coffeeDrink": "mocha"}}, label)
    assert not bench.accepted({**row, "slots": {**row["slots"], "size": "small"}}, label)
    assert [bench.acted_on({"intent": i, "section": s}) for i, s in
            [("fallback", None), ("ask_causes", "causes"), ("next", None), ("emergency", None)]] == [
        None, "passage", "control", "emergency"]


@pytest.mark.skipif(not (DATA / "labels.json").exists(), reason="the real-speech recordings are not here")
def test_quick_run_prints_our_row_beside_the_published_ones(tmp_path: Path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_real_speech.py"), "--quick", "--json", str(out),
         "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "voice-guide, coffee pack" in proc.stdout and "Microsoft LUIS | 86 %" in proc.stdout
    data = json.loads(out.read_text())
    assert len(data["rows"]) == 16  # 4 recordings x (clean, 6 dB) x (coffee, article)
    assert set(data["summary"]["coffee"]["accept_pct"]) == {"clean", "6 dB"}
    assert set(data["summary"]["article"]) == {"clean", "6 dB"}
    assert all(0.0 <= v <= 100.0 for v in data["summary"]["coffee"]["accept_pct"].values())


@pytest.mark.skipif(not (DATA / "labels.json").exists(), reason="the real-speech recordings are not here")
def test_speed_clips_are_the_published_mixes_in_16_bit():
    bench = _bench()
    name = sorted(json.loads((DATA / "labels.json").read_text()))[3]
    clean, mixed = bench._speed_clips([name], None, 12)[0], bench._speed_clips([name], 6, 12)[0]
    speech = bench.read_float(DATA / "audio" / name.replace(".wav", ".flac"))
    want = bench.mix(speech, bench.read_float(bench.NOISE_PATH), 6, random.Random(f"12:6:{name}"))
    assert (clean.dtype, mixed.dtype, len(clean), len(mixed)) == (np.dtype("<i2"), np.dtype("<i2"), len(speech), len(speech))
    assert np.array_equal(mixed, np.round(np.clip(want, -1, 1) * 32767).astype("<i2"))
    assert np.array_equal(clean, np.round(np.clip(speech, -1, 1) * 32767).astype("<i2"))
