"""The pyttsx3 engine of the speech worker, run in a child process as the worker runs it.

espeak keeps one synthesizer per process, so every check here runs in a fresh Python process
(a real pyttsx3 over the real espeak-ng library; nothing is mocked) and reports back in JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SENTENCE = "Sit down and rest for a moment before you stand up again."


def run_child(body: str, tmp_path: Path) -> dict:
    script = textwrap.dedent(
        """
        import json, sys, wave
        from pathlib import Path
        from voice_guide.tts.engine import Pyttsx3Engine

        def length_ms(path):
            with wave.open(str(path)) as w:
                return round(1000 * w.getnframes() / w.getframerate())

        engine = Pyttsx3Engine()
        espeak = engine._espeak
        result = {}
        """
    ) + textwrap.dedent(body) + "\nprint(json.dumps(result))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_rate_is_in_espeak_before_the_text_is_handed_over(tmp_path: Path) -> None:
    # pyttsx3's proxy holds engine.setProperty until runAndWait starts its loop, which then
    # cancels what espeak is "still playing": a rate waiting in espeak's queue was lost there
    # (a restarted worker read at 200 words a minute instead of 120, once in CI)
    result = run_child(
        """
        engine.engine.setProperty("rate", 120)
        result["held_by_the_proxy"] = [len(engine.engine.proxy._queue), engine._get_parameter(espeak.RATE, 1)]
        engine.engine.proxy._queue.clear()
        engine.apply_parameters(120)
        result["applied"] = [engine._get_parameter(espeak.RATE, 1), engine._get_parameter(espeak.VOLUME, 1),
                             bool(engine.synth_busy())]
        """,
        tmp_path,
    )
    assert result == {"held_by_the_proxy": [1, 200], "applied": [120, 100, False]}


def test_a_fresh_engine_reads_its_first_sentence_at_the_asked_rate(tmp_path: Path) -> None:
    result = run_child(
        f"""
        lengths = []
        for rate, voice in ((120, None), (120, None), (240, None), (120, "gmw/en-us"), (120, None)):
            out = Path({str(tmp_path)!r}) / "speech.wav"
            engine.render({SENTENCE!r}, rate, voice, 20.0, out)
            lengths.append(length_ms(out))
        result["lengths_ms"] = lengths
        """,
        tmp_path,
    )
    first, second, fast, other_voice, again = result["lengths_ms"]
    # espeak carries a little state from one text to the next: up to 1.6 % on this sentence
    assert abs(first - second) <= 0.03 * second
    assert abs(again - second) <= 0.03 * second
    assert fast < 0.6 * second  # twice the rate, about half the time
    assert abs(other_voice - second) <= 0.05 * second  # a voice change keeps the rate
