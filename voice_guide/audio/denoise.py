"""Streaming noise suppression in front of the recognizer.

A :class:`Denoiser` takes 16 kHz mono 16-bit PCM in chunks of any size and returns
denoised PCM of the same format. It buffers to its engine's frame (10 ms), keeps the
engine's state within an utterance, and is reset between utterances::

    den = Denoiser("webrtc")          # loaded once
    den.reset()                       # per utterance
    out = den.process(chunk)          # per chunk (may return fewer bytes than given)
    out += den.flush()                # at the end: the rest, zero-padded frame trimmed

Over an utterance the output has exactly as many samples as the input, time-aligned
with it: the engine's own delay is removed (the first ``delay`` output samples are
dropped and :meth:`Denoiser.flush` pushes zeros to get the last ones out), so the
output does not depend on how the input was chunked.

Engines (each imported only when asked for, with a one-line error if missing):

* ``"webrtc"``: WebRTC's noise suppressor through ``webrtc-noise-gain`` (the one Home
  Assistant's voice pipeline uses), 10 ms frames at 16 kHz, suppression level 0-4, no
  automatic gain. About 2 ms of CPU per second of audio.
* ``"rnnoise"``: RNNoise (a small recurrent network) through ``pyrnnoise``'s bundled
  library. RNNoise works on 10 ms frames at 48 kHz: the audio is upsampled by 3 and
  back with a windowed-sinc FIR (numpy only), so the added delay is a few ms (RNNoise itself lags 20 ms).

:class:`AutoDenoiser` (``"auto"``) decides once per utterance, from its first
``window_samples`` (the recognizer's CMN prefix, which is buffered before decoding
anyway, so the decision adds no delay): when the noise floor of that audio (the
quietest 10 ms frames, :func:`noise_floor_dbfs`) is above ``threshold_dbfs`` the whole
utterance goes through the engine, otherwise it passes untouched. Output has the same
sample count and is chunking-independent, as with :class:`Denoiser`.
"""

from __future__ import annotations

import ctypes
import importlib.util
from pathlib import Path
from typing import Protocol

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.core.errors import VoiceGuideError

DENOISERS = ("none", "webrtc", "rnnoise", "auto")
"""Accepted front-end names (``"none"`` means no front end; ``"auto"`` is
:class:`AutoDenoiser`: an engine switched on per utterance in a noisy room only)."""

FRAME_SAMPLES = SAMPLE_RATE_HZ // 100
"""Both engines take 10 ms frames (160 samples at 16 kHz)."""


class DenoiseError(VoiceGuideError):
    """The noise-suppression engine is missing or failed."""


class _Engine(Protocol):
    delay: int
    """Samples (at 16 kHz) by which the engine's output lags its input."""

    def reset(self) -> None: ...

    def frame(self, samples: np.ndarray) -> np.ndarray:
        """Denoise exactly :data:`FRAME_SAMPLES` int16 samples; returns as many."""


class _WebRtcEngine:
    delay = 94
    """Measured: the suppressor's overlap-add lags by 94 samples (5.9 ms) at 16 kHz."""

    def __init__(self, level: int) -> None:
        try:
            from webrtc_noise_gain import AudioProcessor
        except ImportError:
            raise DenoiseError("denoise 'webrtc' needs webrtc-noise-gain (pip install webrtc-noise-gain)") from None
        if not 0 <= level <= 4:
            raise DenoiseError(f"webrtc noise suppression level must be 0-4, not {level}")
        self._cls = AudioProcessor
        self._level = level
        self._proc = AudioProcessor(0, level)

    def reset(self) -> None:
        # The wrapper has no reset: a fresh processor is cheap (~0.1 ms).
        self._proc = self._cls(0, self._level)

    def frame(self, samples: np.ndarray) -> np.ndarray:
        out = self._proc.Process10ms(samples.astype("<i2").tobytes()).audio
        return np.frombuffer(out, dtype="<i2")


def _load_rnnoise() -> ctypes.CDLL:
    """The RNNoise library bundled with ``pyrnnoise``.

    Loaded straight from the package folder when it is there: importing ``pyrnnoise``
    itself pulls in audiolab/PyAV (a quarter of a second) for file handling not needed here.
    """
    spec = importlib.util.find_spec("pyrnnoise")
    if spec is None:
        raise DenoiseError("denoise 'rnnoise' needs pyrnnoise (pip install pyrnnoise)")
    lib: ctypes.CDLL | None = None
    for folder in spec.submodule_search_locations or ():
        for name in ("librnnoise.so", "librnnoise.dylib", "rnnoise.dll"):
            if (Path(folder) / name).is_file():
                lib = ctypes.CDLL(str(Path(folder) / name))
                break
        if lib is not None:
            break
    if lib is None:
        try:
            from pyrnnoise.rnnoise import lib as bundled  # type: ignore[import-not-found, import-untyped, unused-ignore]
        except (ImportError, OSError) as err:
            raise DenoiseError(f"pyrnnoise is installed but its RNNoise library cannot be loaded: {err}") from None
        lib = bundled
    lib.rnnoise_create.argtypes = [ctypes.c_void_p]
    lib.rnnoise_create.restype = ctypes.c_void_p
    lib.rnnoise_destroy.argtypes = [ctypes.c_void_p]
    lib.rnnoise_destroy.restype = None
    lib.rnnoise_get_frame_size.restype = ctypes.c_int
    lib.rnnoise_process_frame.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_float)]
    lib.rnnoise_process_frame.restype = ctypes.c_float
    return lib


def _lowpass(taps: int, cutoff: float) -> np.ndarray:
    """Windowed-sinc (Blackman) low-pass FIR, ``cutoff`` as a fraction of the sample rate."""
    n = np.arange(taps) - (taps - 1) / 2.0
    h = 2.0 * cutoff * np.sinc(2.0 * cutoff * n) * np.blackman(taps)
    return h / h.sum()


class _Fir:
    """A streaming FIR filter (history kept between calls)."""

    def __init__(self, taps: np.ndarray) -> None:
        self.taps = taps
        self.history = np.zeros(taps.size - 1)

    def reset(self) -> None:
        self.history[:] = 0.0

    def __call__(self, x: np.ndarray) -> np.ndarray:
        buf = np.concatenate([self.history, x])
        self.history = buf[-(self.taps.size - 1):]
        return np.convolve(buf, self.taps, mode="valid")


class _RnnoiseEngine:
    _UP = 3
    _TAPS = 73
    """FIR length at 48 kHz: (73-1)/2 = 36 samples of delay each way (0.75 ms)."""

    def __init__(self) -> None:
        self._lib = _load_rnnoise()
        size = int(self._lib.rnnoise_get_frame_size())
        if size != FRAME_SAMPLES * self._UP:
            raise DenoiseError(f"unexpected RNNoise frame size {size} (expected {FRAME_SAMPLES * self._UP})")
        self._state = None
        taps = _lowpass(self._TAPS, 7600.0 / 48000.0)
        self._up = _Fir(taps * self._UP)
        self._down = _Fir(taps)
        self._buf = np.zeros(size, dtype=np.float32)
        self._ptr = self._buf.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        # RNNoise lags two frames (960 at 48 kHz, measured); the two filters 72.
        lag = 2 * size + 2 * ((self._TAPS - 1) // 2)
        assert lag % self._UP == 0
        self.delay = lag // self._UP
        self.reset()

    def reset(self) -> None:
        if self._state is not None:
            self._lib.rnnoise_destroy(self._state)
        self._state = self._lib.rnnoise_create(None)
        self._up.reset()
        self._down.reset()

    def __del__(self) -> None:
        state, self._state = getattr(self, "_state", None), None
        if state is not None:
            self._lib.rnnoise_destroy(state)

    def frame(self, samples: np.ndarray) -> np.ndarray:
        up = np.zeros(samples.size * self._UP)
        up[:: self._UP] = samples
        self._buf[:] = self._up(up)
        self._lib.rnnoise_process_frame(self._state, self._ptr, self._ptr)
        # The total lag (1032 at 48 kHz) is a whole number of 16 kHz samples, so keeping
        # every third sample from the frame's first lines the output up with the input.
        out = self._down(self._buf.astype(np.float64))[:: self._UP]
        return np.clip(np.rint(out), -32768, 32767).astype("<i2")


class Denoiser:
    """A streaming noise suppressor for 16 kHz mono 16-bit PCM (see the module docstring)."""

    def __init__(self, engine: str = "webrtc", level: int = 2, dry_mix: float = 0.0) -> None:
        """``engine``: ``"webrtc"`` or ``"rnnoise"``; ``level``: WebRTC suppression 0-4;
        ``dry_mix``: share of the original audio mixed back into the output (0: denoised only),
        which limits how much the engine takes away (and the speech it distorts)."""
        if not 0.0 <= dry_mix < 1.0:
            raise DenoiseError(f"dry_mix must be in [0, 1), not {dry_mix}")
        self.dry_mix = float(dry_mix)
        """Share of the original audio in the output."""
        if engine == "webrtc":
            self._engine: _Engine = _WebRtcEngine(level)
        elif engine == "rnnoise":
            self._engine = _RnnoiseEngine()
        else:
            raise DenoiseError(f"denoise must be one of webrtc, rnnoise, not {engine!r}")
        self.engine = engine
        """The engine's name."""
        self.delay_samples = self._engine.delay
        """The engine's lag, removed from the output."""
        self.reset()

    def reset(self) -> None:
        """Start a new utterance: the engine's state and all buffers are cleared."""
        self._engine.reset()
        self._pending = np.zeros(0, dtype="<i2")
        self._to_drop = self.delay_samples
        self._samples_in = 0
        self._samples_out = 0
        self._dry = np.zeros(0, dtype=np.float64)

    def process(self, pcm_chunk: bytes) -> bytes:
        """Denoise a chunk of any size; returns the output ready so far (whole frames)."""
        if len(pcm_chunk) % SAMPLE_WIDTH_BYTES:
            pcm_chunk = pcm_chunk[:-1]
        if not pcm_chunk:
            return b""
        x = np.frombuffer(pcm_chunk, dtype="<i2")
        self._samples_in += x.size
        if self.dry_mix:
            self._dry = np.concatenate([self._dry, x.astype(np.float64)])
        data = np.concatenate([self._pending, x]) if self._pending.size else x
        n = data.size - data.size % FRAME_SAMPLES
        self._pending = data[n:].copy()
        return self._run(data[:n])

    def flush(self) -> bytes:
        """The rest of the utterance: the buffered partial frame and the engine's delayed
        tail, zero-padded through the engine and trimmed so that the utterance's output
        has exactly as many samples as its input. Call :meth:`reset` before reusing."""
        missing = self._samples_in - self._samples_out
        if missing <= 0:
            return b""
        # Every sample pushed in now gives one out, the first _to_drop of them dropped.
        total = missing + self._to_drop
        total += (-total) % FRAME_SAMPLES
        data = np.zeros(total, dtype="<i2")
        data[: self._pending.size] = self._pending
        self._pending = np.zeros(0, dtype="<i2")
        out = self._run(data)
        return out[: missing * SAMPLE_WIDTH_BYTES]

    def _run(self, data: np.ndarray) -> bytes:
        if not data.size:
            return b""
        frames = [self._engine.frame(data[i : i + FRAME_SAMPLES]) for i in range(0, data.size, FRAME_SAMPLES)]
        y = np.concatenate(frames)
        if self._to_drop:
            drop = min(self._to_drop, y.size)
            y = y[drop:]
            self._to_drop -= drop
        self._samples_out += y.size
        if self.dry_mix and y.size:  # output sample k is input sample k (the lag is dropped above)
            dry = np.zeros(y.size)
            take = min(y.size, self._dry.size)
            dry[:take] = self._dry[:take]
            self._dry = self._dry[take:]
            y = np.clip(np.rint((1.0 - self.dry_mix) * y + self.dry_mix * dry), -32768, 32767)
        return y.astype("<i2").tobytes()


_FLOOR_WINDOW = 2 * FRAME_SAMPLES
"""Noise-floor analysis: 20 ms Hann frames every 10 ms ..."""
_FLOOR_BANDS = 16
"""... their spectrum summed into 16 equal bands (0.5 kHz each, DC left out) ..."""
_FLOOR_SMOOTH = 3
"""... each band's power averaged over 3 frames, then its minimum over time taken."""
_FLOOR_BIAS_DB = 2.8
"""Measured: the minimum over 80 frames reads white or pink noise this many dB low (added back)."""


def noise_floor_dbfs(samples: np.ndarray) -> float:
    """The stationary background level of int16 ``samples``, in dBFS (the power of the
    noise as a fraction of full scale; a full-scale sine is -3 dBFS), -120 for silence.

    Minimum statistics: in each of 16 frequency bands the lowest power over time is
    the background there (speech leaves every band quiet now and then, steady noise
    never), and the bands' minima are summed. A plain "quietest frames" level does not
    work on 800 ms of continuous speech: it reads loud TTS as a -30 dBFS noise floor."""
    x = np.asarray(samples, dtype=np.float64) / 32768.0
    if x.size < _FLOOR_WINDOW:
        x = np.concatenate([x, np.zeros(_FLOOR_WINDOW - x.size)])
    w = np.hanning(_FLOOR_WINDOW)
    frames = np.lib.stride_tricks.sliding_window_view(x, _FLOOR_WINDOW)[::FRAME_SAMPLES]
    spec = np.abs(np.fft.rfft(frames * w, axis=1)[:, 1:]) ** 2 * (2.0 / (_FLOOR_WINDOW * float(np.sum(w * w))))
    edges = np.linspace(0, spec.shape[1], _FLOOR_BANDS + 1).astype(int)
    bands = np.add.reduceat(spec, edges[:-1], axis=1)
    if bands.shape[0] >= _FLOOR_SMOOTH:
        c = np.cumsum(np.vstack([np.zeros((1, _FLOOR_BANDS)), bands]), axis=0)
        bands = (c[_FLOOR_SMOOTH:] - c[:-_FLOOR_SMOOTH]) / _FLOOR_SMOOTH
    floor = float(np.sum(np.min(bands, axis=0)))
    if floor <= 1e-12:
        return -120.0
    return max(-120.0, 10.0 * np.log10(floor) + _FLOOR_BIAS_DB)


class AutoDenoiser:
    """A :class:`Denoiser` run only on utterances heard in a noisy room (see the module docstring).

    Same interface as :class:`Denoiser`. Nothing comes out until ``window_samples`` have
    come in (or :meth:`flush`); then :attr:`active` and :attr:`floor_dbfs` tell what was
    decided for this utterance."""

    def __init__(self, engine: str = "rnnoise", level: int = 2, window_samples: int = 12800,
                 threshold_dbfs: float = -45.0, dry_mix: float = 0.0) -> None:
        self._den = Denoiser(engine, level, dry_mix)
        self.engine = f"auto:{engine}"
        self.delay_samples = self._den.delay_samples
        self.window_samples = max(FRAME_SAMPLES, int(window_samples))
        self.threshold_dbfs = float(threshold_dbfs)
        self.reset()

    def reset(self) -> None:
        """Start a new utterance: undecided again, engine and buffers cleared."""
        self._den.reset()
        self._head: list[bytes] = []
        self._head_bytes = 0
        self.active: bool | None = None
        """True: this utterance is denoised; False: passed through; None: not decided yet."""
        self.floor_dbfs: float | None = None
        """The noise floor the decision was made on."""

    def process(self, pcm_chunk: bytes) -> bytes:
        if len(pcm_chunk) % SAMPLE_WIDTH_BYTES:
            pcm_chunk = pcm_chunk[:-1]
        if self.active is None:
            self._head.append(pcm_chunk)
            self._head_bytes += len(pcm_chunk)
            if self._head_bytes < self.window_samples * SAMPLE_WIDTH_BYTES:
                return b""
            return self._decide()
        return self._den.process(pcm_chunk) if self.active else pcm_chunk

    def flush(self) -> bytes:
        out = self._decide() if self.active is None else b""
        return out + (self._den.flush() if self.active else b"")

    def _decide(self) -> bytes:
        head = b"".join(self._head)
        self._head, self._head_bytes = [], 0
        window = np.frombuffer(head[: self.window_samples * SAMPLE_WIDTH_BYTES], dtype="<i2")
        self.floor_dbfs = noise_floor_dbfs(window)
        self.active = bool(self.floor_dbfs > self.threshold_dbfs)
        return self._den.process(head) if self.active else head
