"""The audio front end: noise suppression in front of any recognizer.

:class:`FrontEndRecognizer` wraps a recognizer (any backend) and hands it clean PCM: each
utterance goes through the denoiser chosen by :class:`DenoiseSettings` (by default
:class:`~voice_guide.audio.denoise.AutoDenoiser`: RNNoise only on utterances whose first
800 ms has a noise floor above -38 dBFS, decided once per utterance). The wrapper is itself
a :class:`~voice_guide.stt.base.Recognizer`, so callers do not know it is there; what the
backend offers beyond the protocol (``models``, ``last_features``, ...) is reached through
:attr:`FrontEndRecognizer.inner`. Why these defaults: docs/tuning.md ("Noise suppression").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from voice_guide.audio.denoise import DENOISERS, AutoDenoiser, DenoiseError, Denoiser
from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES, iter_chunks
from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import Recognizer, Transcript

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class DenoiseSettings:
    """Which noise suppression runs in front of the recognizer."""

    engine: str = "auto"
    """``"none"``, ``"webrtc"``, ``"rnnoise"`` or ``"auto"`` (``auto_engine`` per utterance, in noise only)."""

    level: int = 2
    """WebRTC suppression level (1-4)."""

    auto_dbfs: float = -40.0
    """``"auto"``: denoise when the noise floor of the first ``window_ms`` is above this. -38 -> -40 (thirtieth round,
    docs/spoken-rejection.md, "Thirtieth round"): quiet voices in the real kitchen recording at 10 dB measure -39.7
    to -38.2 and were passed through and heard as garble; denoised, the tuning rows in that band (tune31:odd, tune30:odd kitchen, 8 of
    168) gave red flags caught 4 -> 6 of 6 (recognizer confidence 0.12 - 0.29 -> 0.46 - 0.88), a near-miss question
    answered with its passage instead of the fallback, no near miss newly asked. Clean synthetic clips measure at most
    -41.4 dBFS (docs/tuning.md), so a quiet room is still passed through."""

    auto_engine: str = "rnnoise"
    """The engine ``"auto"`` switches on."""

    window_ms: float = 800.0
    """``"auto"``: audio the decision is made on (the PocketSphinx CMN prefix, buffered anyway)."""

    dry_mix: float = 0.0
    """Share of the original audio mixed back into the denoised output (0: none)."""


def make_denoiser(settings: DenoiseSettings) -> Denoiser | AutoDenoiser | None:
    """The denoiser for ``settings`` (None for ``"none"``). ``"auto"`` without its engine
    installed passes the audio through with a warning; an explicit engine that is missing
    is a :class:`RecognizerError`."""
    if settings.engine not in DENOISERS:
        raise RecognizerError(f"denoise must be one of {', '.join(DENOISERS)}, not {settings.engine!r}")
    if settings.engine == "none":
        return None
    try:
        if settings.engine == "auto":
            window = max(1, int(SAMPLE_RATE_HZ * settings.window_ms / 1000.0))
            return AutoDenoiser(settings.auto_engine, settings.level, window, settings.auto_dbfs, settings.dry_mix)
        return Denoiser(settings.engine, settings.level, settings.dry_mix)
    except DenoiseError as err:
        if settings.engine != "auto":
            raise RecognizerError(str(err)) from None
        _LOGGER.warning("denoise 'auto' passes the audio through: %s", err)
        return None


class FrontEndRecognizer:
    """A recognizer behind a noise-suppression stage (see the module docstring)."""

    def __init__(self, inner: Recognizer, denoiser: Denoiser | AutoDenoiser | None) -> None:
        self.inner = inner
        """The backend recognizer, fed the denoised audio."""
        self.denoiser = denoiser
        """The stage in front of it (None: audio passes untouched)."""
        self.backend = inner.backend
        self.sample_rate_hz = inner.sample_rate_hz

    @property
    def vocabulary_names(self) -> tuple[str, ...]:
        """The backend's vocabulary names."""
        return tuple(getattr(self.inner, "vocabulary_names", ()))

    @property
    def active_vocabulary(self) -> str:
        """The backend's active vocabulary."""
        return str(getattr(self.inner, "active_vocabulary", ""))

    @property
    def denoised(self) -> bool | None:
        """Whether the last utterance was denoised (None: not decided yet, or no stage)."""
        if isinstance(self.denoiser, AutoDenoiser):
            return self.denoiser.active
        return None if self.denoiser is None else True

    def use(self, name: str) -> None:
        self.inner.use(name)

    def start(self) -> None:
        if self.denoiser is not None:
            self.denoiser.reset()
        self.inner.start()

    def accept(self, pcm: bytes) -> None:
        if len(pcm) % SAMPLE_WIDTH_BYTES:
            pcm = pcm[: len(pcm) - 1]
        if self.denoiser is not None:
            pcm = self.denoiser.process(pcm)
        if pcm:
            self.inner.accept(pcm)

    def finish(self) -> Transcript:
        if self.denoiser is not None:
            tail = self.denoiser.flush()
            if tail:
                self.inner.accept(tail)
        return self.inner.finish()

    def transcribe(self, pcm: bytes, samples_per_chunk: int = 1024) -> Transcript:
        self.start()
        for chunk in iter_chunks(pcm, samples_per_chunk):
            self.accept(chunk)
        return self.finish()


__all__ = ["DenoiseSettings", "FrontEndRecognizer", "make_denoiser"]
