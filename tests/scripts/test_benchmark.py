"""The benchmark script keeps working: a tiny run with real engines, checked for its figures."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_quick_benchmark_on_a_handful_of_cases(tmp_path: Path):
    qset = tmp_path / "set.jsonl"
    cases = [
        {"id": "t1", "kind": "knowledge", "text": "what is cachexia", "expect": {"answer_any": ["cachexia"]}},
        {"id": "t2", "kind": "control", "text": "next", "expect": {"intent": "next"}},
        {"id": "t3", "kind": "ood", "text": "play some jazz music", "expect": {"intent": "fallback"}},
        {"id": "t4", "kind": "emergency", "text": "he collapsed", "expect": {"intent": "emergency", "answer_any": ["emergency"]}},
    ]
    qset.write_text("\n".join(json.dumps(c) for c in cases) + "\n")
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--quick", "--set", str(qset), "--voices", "flite:slt",
         "--conditions", "clean", "white10", "--json", str(out), "--cache", str(tmp_path / "cache")],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Accuracy by condition" in proc.stdout and "peak memory (RSS)" in proc.stdout
    data = json.loads(out.read_text())
    report = data["report"]
    assert set(report["per_condition"]) == {"clean", "white10"}
    assert len(data["rows"]) == 8
    assert report["per_condition"]["clean"]["ours"]["n"] == 4
    assert report["speed"]["baseline"]["peak_rss_mb"] > 0
    assert 0.0 <= report["overall"]["ours"]["accuracy"] <= 1.0
