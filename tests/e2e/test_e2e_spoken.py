"""End to end with real engines and real audio, no mocks: questions synthesized by espeak-ng
and flite, recognized by PocketSphinx constrained to the guide's domain, understood and
answered. The questions are written for these tests (none is from the dev set)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile

from voice_guide.audio.files import AudioClip, write_wav
from voice_guide.engine import QAPipeline
from voice_guide.nlu.state import DialogueState
from voice_guide.testing.voices import available_voices, synthesize

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(len(available_voices(("espeak:en-us", "flite:slt"))) < 2,
                                reason="needs espeak-ng and flite (bash scripts/setup.sh)")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    return QAPipeline(cache_dir=tmp_path_factory.mktemp("asr-cache"))


def ask(pipeline, text, voice):
    pipeline.guide.reset()
    return pipeline.ask_clip(synthesize(text, voice), f"{voice}: {text}")


@pytest.mark.parametrize("voice", ["flite:slt", "flite:rms"])
@pytest.mark.parametrize("text, section, phrase", [
    ("what is cachexia", "introduction", "cachexia"),
    ("what does dermatomyositis do to muscles", "pathologic", "dermatomyositis"),
    ("is polymyositis a cause of wasting", "pathologic", "polymyositis"),
    ("explain neurogenic atrophy", "neurogenic", "nerve"),
    ("what is spasticity", "neurogenic", "spasticity"),
    ("do steroids make your muscles shrink", "faq_causes", "corticosteroids"),
    ("how fast do muscles waste when a limb is kept still", "disuse", "immobilized"),
])
def test_spoken_medical_questions_are_answered_from_the_right_section(pipeline, voice, text, section, phrase):
    r = ask(pipeline, text, voice)
    assert r.section == section, (r.transcript, r.intent)
    assert phrase.lower() in r.answer.lower()
    assert r.asr_confidence is not None and 0.0 <= r.asr_confidence <= 1.0


SAFETY_QUESTIONS: dict[tuple[str, str], str] = {
    # (empty since the twenty-fifth session: "who won the football match last night" in flite:slt, heard as "few line
    # financial asked tonight", got the question from the tune22 rebuild on; a bare time is no crisis sign now
    # without a word of harm beside it)
}
"""Unrelated requests that get the safety question in place of the fallback (a known cost, kept in view)."""


@pytest.mark.parametrize("voice", ["espeak:en-us", "flite:slt"])
@pytest.mark.parametrize("text", [
    "what is the best recipe for chocolate cake",
    "who won the football match last night",
    "play some relaxing jazz music",
])
def test_spoken_unrelated_requests_are_rejected(pipeline, voice, text):
    r = ask(pipeline, text, voice)
    assert r.intent == SAFETY_QUESTIONS.get((text, voice), "fallback"), (r.transcript, r.asr_confidence)
    assert r.section is None


COMMAND_VOICES = ["espeak:en-us", "flite:slt", "flite:rms", "flite:awb"]


def _command_rate(pipeline, vocabulary, commands):
    """Speak each command with each voice into the given phrase set; return (right, total, misses)."""
    rec = pipeline.recognizer
    right, misses = 0, []
    for voice in COMMAND_VOICES:
        for text, intent in commands:
            rec.use(vocabulary)
            try:
                t = rec.transcribe(synthesize(text, voice).pcm)
            finally:
                rec.use("main")
            state = DialogueState.ROUTINE_PAUSED if vocabulary == "routine" else DialogueState.IDLE
            got = pipeline.interpret(t.text, t.confidence, t.alternatives, state).intent
            if got == intent:
                right += 1
            else:
                misses.append((voice, text, t.text, got))
    return right, len(COMMAND_VOICES) * len(commands), misses


def test_spoken_commands(pipeline):
    # Short commands are the hardest for the stock acoustic model (espeak's one-word "next"
    # is often heard as "repeat it"), so this checks a rate over four voices of two engines.
    right, total, misses = _command_rate(pipeline, "main", [
        ("next", "next"), ("repeat that", "repeat"), ("stop", "stop"), ("go back", "previous"),
        ("louder", "louder"), ("list topics", "list_topics")])
    assert right / total >= 0.8, misses


@pytest.mark.parametrize("voice", ["flite:slt", "flite:rms"])
def test_spoken_emergency_comes_first(pipeline, voice):
    r = ask(pipeline, "he has chest pain and is short of breath", voice)
    assert r.intent == "emergency"
    assert "call your local emergency number now" in r.answer.lower()


def test_silence_and_empty_audio_give_fallback_not_an_error(pipeline):
    r = pipeline.ask_clip(AudioClip(b"\x00\x00" * 16000), "silence")
    assert (r.intent, r.transcript, r.error) == ("fallback", "", None)


def test_ask_json_audio_batch_keeps_going_after_bad_files(tmp_path: Path):
    good = tmp_path / "good.flac"
    clip = synthesize("what is cachexia", "flite:slt")
    soundfile.write(good, clip.samples().astype(np.int16), clip.sample_rate_hz, format="FLAC")
    stereo44 = tmp_path / "stereo.wav"
    up = clip.resampled(44100).samples().astype(np.float32) / 32768
    soundfile.write(stereo44, np.stack([up, up], axis=1), 44100, subtype="PCM_24")
    notaudio = tmp_path / "notes.wav"
    notaudio.write_text("this is a shopping list, not audio")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    silent = tmp_path / "silent.wav"
    write_wav(silent, AudioClip(b"\x00\x00" * 8000))
    files = [good, notaudio, empty, silent, stereo44, tmp_path / "missing.ogg"]
    proc = subprocess.run([sys.executable, str(ROOT / "run.py"), "ask", "--json", "--no-speak", "--audio", *map(str, files)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["input"] for r in rows] == [str(f) for f in files]
    assert rows[0]["section"] == "introduction" and "cachexia" in rows[0]["answer"].lower()
    assert rows[4]["section"] == "introduction"
    assert "not a readable audio file" in rows[1]["error"]
    assert "empty" in rows[2]["error"]
    assert rows[3]["intent"] == "fallback" and "error" not in rows[3]
    assert "no such file" in rows[5]["error"]
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_routine_commands_are_recognized_with_the_routine_phrase_set(pipeline):
    right, total, misses = _command_rate(pipeline, "routine", [
        ("pause", "pause"), ("resume", "resume"), ("next", "next"), ("slower", "slower"),
        ("repeat", "repeat"), ("stop", "stop"), ("previous", "previous"), ("it hurts", "pain")])
    assert right / total >= 0.9, misses
    # safety first: "it hurts" is never missed, and no command is heard as "it hurts" or as quitting
    assert not [m for m in misses if m[1] == "it hurts" or m[3] in ("pain", "exit")], misses


@pytest.mark.parametrize("voice", ["flite:slt", "flite:rms"])
def test_second_pack_answers_a_spoken_question(tmp_path: Path, voice):
    from voice_guide.content.pack import load_pack

    falls = QAPipeline(load_pack(ROOT / "voice_guide" / "packs" / "preventing_falls"), cache_dir=tmp_path)
    r = falls.ask_clip(synthesize("how can i make the bathroom safer", voice))
    assert r.section == "safer_bathroom", (r.transcript, r.intent)
