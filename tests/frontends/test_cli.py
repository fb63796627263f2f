"""The command line, run as a user runs it: plain text out, one-line errors, JSON Lines."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, data_dir: Path, stdin: str = "", timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, VOICE_GUIDE_DATA_DIR=str(data_dir), VOICE_GUIDE_CONFIG_DIR=str(data_dir / "config"), NO_COLOR="1")
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=ROOT)


def test_ask_json_for_text_and_text_file(tmp_path: Path):
    qfile = tmp_path / "q.txt"
    qfile.write_text("do steroids make muscles waste away\n\nwhat's the capital of peru\nher face is drooping\n")
    r = run("ask", "--json", "--no-speak", "--text-file", str(qfile), data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["intent"] for row in rows] == ["ask_risk_factors", "fallback", "emergency"]
    assert set(rows[0]) == {"input", "transcript", "asr_confidence", "intent", "slots", "confidence", "section",
                            "answer", "latency_ms"}
    assert set(rows[0]["latency_ms"]) == {"asr", "understand", "total"}
    assert rows[0]["section"] == "faq_causes" and "corticosteroids" in rows[0]["answer"]
    assert "emergency" in rows[2]["answer"]


def test_ask_answers_each_input_on_its_own(tmp_path: Path):
    """A routine started by one input does not turn the next input into its safety-check answer."""
    qfile = tmp_path / "q.txt"
    qfile.write_text("let's do the arm exercises\nyes\n")
    r = run("ask", "--json", "--no-speak", "--text-file", str(qfile), data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(row["intent"], row["slots"]) for row in rows] == [("start_routine", {"routine": "arms"}), ("yes", {})]
    assert rows[1]["answer"] == "Okay. Ask me a question whenever you like."


def test_ask_prints_plain_text_with_section(tmp_path: Path):
    r = run("ask", "--no-speak", "what does passive movement mean", data_dir=tmp_path)
    assert r.returncode == 0
    assert "Answer (from the section Neurogenic Muscle Atrophy):" in r.stdout
    assert "\x1b[" not in r.stdout  # no colour codes or cursor tricks


@pytest.mark.parametrize("args, message", [
    (("ask", "--no-speak"), "nothing to answer"),
    (("ask", "--no-speak", "--text-file", "/nonexistent/q.txt"), "cannot read"),
    (("routine", "legz", "--fast", "--no-speak"), "unknown routine 'legz'"),
    (("ask", "--pack", "/nonexistent", "--no-speak", "hello"), "not a content pack folder"),
])
def test_bad_input_gives_one_line_error_without_traceback(tmp_path: Path, args, message):
    r = run(*args, data_dir=tmp_path)
    assert r.returncode == 2
    assert message in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_huge_and_non_english_questions(tmp_path: Path):
    qfile = tmp_path / "q.txt"
    qfile.write_text("muscle " * 15000 + "\n" + "¿Qué es la atrofia muscular?\n" + "\x00\x01 binary junk \xff\n")
    r = run("ask", "--json", "--no-speak", "--text-file", str(qfile), data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[1]["intent"] == "fallback"


def test_topics_lists_sections_and_examples(tmp_path: Path):
    r = run("topics", data_dir=tmp_path)
    assert r.returncode == 0
    assert "- Neurogenic Muscle Atrophy" in r.stdout and "Example questions:" in r.stdout


def test_chat_reads_typed_questions_until_quit(tmp_path: Path):
    r = run("--no-speak", stdin="what is cachexia\nslower\nquit\nwhat is never reached\n", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "cachexia" in r.stdout and "Slower: 125 words a minute." in r.stdout and "Goodbye." in r.stdout
    assert "never reached" not in r.stdout


def test_routine_fast_runs_end_to_end_and_is_not_logged(tmp_path: Path):
    r = run("routine", "arms", "--no-speak", "--fast", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Before we start, a safety check." in out
    assert "Exercise 2 of 10: shoulder abduction." in out
    assert "(sound: hold)" in out and "And release." in out
    assert "Routine ended: finished after 20 exercises." in out
    # a fast run-through is a demonstration, not a session with a person
    assert run("log", data_dir=tmp_path).stdout.strip() == "No sessions recorded yet."


def test_routine_one_side_only(tmp_path: Path):
    r = run("routine", "arms", "--side", "right", "--no-speak", "--fast", data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "right side only" in r.stdout and "Left arm" not in r.stdout and "left arm" not in r.stdout.split("only")[1]
    assert "Routine ended: finished after 10 exercises." in r.stdout

def test_routine_save_audio_writes_a_wav_with_pauses(tmp_path: Path):
    import soundfile

    wav = tmp_path / "hands.wav"
    r = run("routine", "hands", "--fast", "--reps", "3", "--save-audio", str(wav), data_dir=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    info = soundfile.info(str(wav))
    assert info.samplerate == 22050 and info.channels == 1
    assert info.duration > 120  # 10 movements x 3 slow repetitions, with holds


def test_export_faq_tracks_with_playlist(tmp_path: Path):
    out = tmp_path / "guide"
    r = run("export", str(out), "--only", "faq", "--format", "wav,flac", data_dir=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    playlists = sorted(p.name for p in out.glob("*.m3u"))
    assert playlists
    text = (out / playlists[0]).read_text()
    assert text.startswith("#EXTM3U") and "What causes muscle atrophy?" in text
    assert len(list(out.glob("*.flac"))) == 3 and len(list(out.glob("*.txt"))) >= 3


def test_pack_new_and_check_from_plain_text(tmp_path: Path):
    article = tmp_path / "sleep.txt"
    article.write_text(
        "Sleeping Well\n\nBy A. Writer\n\nWhy Sleep Matters\n\nSleep helps the body repair itself. "
        "Most adults need seven to nine hours of sleep each night.\n\nA Bedtime Routine\n\n"
        "Go to bed at the same time every night. Keep the bedroom dark, quiet and cool.\n")
    out = tmp_path / "sleep-pack"
    r = run("pack", "new", str(article), "--out", str(out), data_dir=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run("pack", "check", str(out), data_dir=tmp_path)
    assert r.returncode == 0 and "no problems found" in r.stdout
    r = run("--pack", str(out), "ask", "--no-speak", "--json", "how many hours of sleep do adults need", data_dir=tmp_path)
    row = json.loads(r.stdout)
    assert row["section"] == "why_sleep_matters" and "seven to nine hours" in row["answer"]
    bad = tmp_path / "bad-pack"
    bad.mkdir()
    (bad / "article.yaml").write_text("title: T\nsections:\n  - id: a\n    title: A\n    blocks: ['Examples include:']\n")
    r = run("pack", "check", str(bad), data_dir=tmp_path)
    assert r.returncode == 1 and "problem" in r.stdout
