"""The backend registry: one place names and loads a backend, and every recognizer gets the noise front end."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer
from voice_guide.core.errors import RecognizerError
from voice_guide.stt import BACKENDS, DomainVocabulary, RecognizerBase, Transcript, load_recognizer
from voice_guide.stt.registry import BackendOptions


class _Echo(RecognizerBase):
    """A backend that "hears" how many bytes it was given (enough to see the front end in between)."""

    backend = "echo"

    def _activate(self, name: str) -> None:
        pass

    def _start(self) -> None:
        self.received = 0

    def _accept(self, pcm: bytes) -> None:
        self.received += len(pcm)

    def _finish(self) -> Transcript:
        return Transcript(str(self.received), 1.0, (), self.backend, self._duration_ms)


def test_backend_choices_are_the_registry() -> None:
    from voice_guide.frontends.cli.common import make_parents

    backend = next(a for a in make_parents().asr._actions if a.dest == "backend")
    assert tuple(backend.choices or ()) == tuple(BACKENDS) == ("pocketsphinx", "vosk")


def test_a_backend_is_added_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[BackendOptions] = []

    def load_echo(vocabularies: Callable[[], list[DomainVocabulary]], options: BackendOptions) -> _Echo:
        seen.append(options)
        return _Echo(v.name for v in vocabularies())  # built only when the backend asks

    monkeypatch.setitem(BACKENDS, "echo", load_echo)
    rec = load_recognizer("Echo", [DomainVocabulary("main", ("next",))], denoise=DenoiseSettings("none"))
    assert isinstance(rec, FrontEndRecognizer) and rec.backend == "echo" and rec.denoiser is None
    assert rec.transcribe(b"\1\0" * 1000, samples_per_chunk=300).text == "2000"
    assert seen == [BackendOptions()]
    with pytest.raises(RecognizerError, match=r"unknown recognizer backend 'whisper' \(choose from: pocketsphinx, vosk, echo\)"):
        load_recognizer("whisper", [DomainVocabulary("main", ("next",))])
