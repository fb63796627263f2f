"""eval_spoken.py --paraphrase: a paraphrase part spoken, heard in its state and scored (real engines)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOISY = "kitchen10" if (ROOT.parent / "shared" / "eval" / "noise" / "kitchen.wav").is_file() else "pink10"
"""The real kitchen recording when ../shared is beside the clone, else synthetic pink noise."""


@pytest.mark.skipif(shutil.which("flite") is None, reason="needs flite")
def test_a_few_tuning_lines_spoken_in_two_conditions(tmp_path: Path) -> None:
    out = tmp_path / "spoken.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_spoken.py"), "--paraphrase", "tune4:odd", "--every", "50",
         "--limit", "3", "--voices", "flite:slt", "--conditions", "clean", NOISY, "--failures",
         "--cache", str(tmp_path / "cache"), "--json", str(out)],
        capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert [(r["part"], r["condition"], r["voice"]) for r in data["rows"]] == (
        [("tune4:odd", "clean", "flite:slt")] * 3 + [("tune4:odd", NOISY, "flite:slt")] * 3)
    assert data["tally"]["tune4:odd|clean|all"][1] == 3
    assert data["tally"]["tune4:odd|clean|all"][0] == sum(r["ok"] for r in data["rows"][:3])
    assert all("heard" in r for r in data["rows"])  # a tuning part: transcripts kept
    assert "tune4:odd clean: all " in proc.stdout and "median hear+answer" in proc.stdout

