"""Synthetic speakers for test audio, the demo and the benchmark.

A voice is named ``engine:variant``: ``espeak:en-us``, ``espeak:en-gb+f3``, ``flite:slt``,
``flite:rms``, ``flite:awb``, ``flite:kal16``. Each renders text with the engine's
command-line program and returns a 16 kHz mono clip, so every voice can be fed to a
recognizer. Rendered clips can be cached on disk, keyed by engine, voice and text.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from voice_guide.audio.files import AudioClip, read_audio, write_wav
from voice_guide.core.errors import SpeechError

_LOGGER = logging.getLogger(__name__)

DEFAULT_VOICES = ("espeak:en-us", "espeak:en-gb+f3", "flite:slt", "flite:rms")
"""Four voices from two engines: what the spoken tests and evaluation use by default."""

ALL_VOICES = (
    "espeak:en-us",
    "espeak:en-gb+f3",
    "espeak:en-us+m3",
    "flite:slt",
    "flite:rms",
    "flite:awb",
    "flite:kal16",
)
"""Every voice the benchmark tries, when its engine is installed."""


def available_voices(voices: tuple[str, ...] = ALL_VOICES) -> tuple[str, ...]:
    """The voices whose engine program is installed on this machine."""
    have = {"espeak": shutil.which("espeak-ng") is not None, "flite": shutil.which("flite") is not None}
    return tuple(v for v in voices if have.get(v.split(":", 1)[0], False))


def synthesize(text: str, voice: str = "espeak:en-us", cache_dir: Path | None = None) -> AudioClip:
    """Speak ``text`` with ``voice`` and return 16 kHz mono PCM.

    Raises :class:`SpeechError` when the engine is missing or fails.
    """
    engine, _, variant = voice.partition(":")
    cached: Path | None = None
    if cache_dir is not None:
        key = hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()[:24]
        cached = Path(cache_dir) / f"{key}.wav"
        if cached.exists():
            return read_audio(cached)
    with tempfile.TemporaryDirectory(prefix="vg-synth-") as tmp:
        out = Path(tmp) / "speech.wav"
        if engine == "espeak":
            cmd = ["espeak-ng", "-v", variant or "en-us", "-w", str(out), text]
        elif engine == "flite":
            cmd = ["flite", "-voice", variant or "slt", "-t", text, "-o", str(out)]
        else:
            raise SpeechError(f"unknown voice engine {engine!r} in {voice!r} (use espeak:… or flite:…)")
        program = cmd[0]
        if shutil.which(program) is None:
            raise SpeechError(f"{program} is not installed (Debian: apt-get install {program})")
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
            raise SpeechError(f"{program} failed for voice {voice!r}: {err}") from None
        clip = read_audio(out)
    if cached is not None:
        write_wav(cached, clip)
    return clip


def with_silence(clip: AudioClip, before_ms: float = 300.0, after_ms: float = 300.0) -> AudioClip:
    """Pad a clip with digital silence, as a person pauses around a question."""
    rate = clip.sample_rate_hz
    pad = lambda ms: b"\x00\x00" * int(rate * ms / 1000.0)  # noqa: E731
    return AudioClip(pad(before_ms) + clip.pcm + pad(after_ms), rate)
