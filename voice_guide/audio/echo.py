"""Self-voice suppression: the guide must not hear itself.

The live session knows exactly what it plays, and when. Three pure parts (no devices,
no threads, no clocks of their own) remove that audio from the microphone signal:

1. :class:`~voice_guide.audio.reference.PlaybackReference` -- the timeline of what the sink played, on the session's
   clock: a clip is added at the clock time its first sample sounds, and cut where
   playback was stopped. It renders the reference signal for any stretch of
   microphone time, so the reference is aligned with the microphone by sample position
   (microphone sample *k* was recorded at ``origin + k / 16000`` s). Each clip's place in
   the sample stream is fixed once, to the fraction of a sample, so the reference never
   slips by a sample as clock estimates wobble (a one-sample slip takes a converged filter
   from about 50 dB of cancellation to about 10).
2. :class:`EchoCanceller` -- an adaptive filter that learns the echo path (loudspeaker,
   room, microphone; any delay up to ``filter_length_ms``) and subtracts the echo it
   predicts. It is a partitioned-block frequency-domain NLMS filter (overlap-save, the
   structure of Speex's and WebRTC's cancellers) with two paths: a *background* filter
   adapts on every block that has reference audio; a *foreground* filter, which makes the
   output, takes the background's weights only when they cancel clearly better, and
   gives them back when the background has been thrown off by the user talking over the
   guide (double talk). So barge-in speech never ruins a converged filter. A microphone that
   hears nothing of the playback (a headset, a virtual sound server) puts it in a no-echo
   state: the filter stays empty and never learns the user's voice as echo.
3. :class:`ResidualEchoGate` -- what the filter leaves (before it has converged, or
   non-linear distortion it cannot model) is gated for the end-of-speech detector: while
   the guide plays, a block counts as the user's voice only when it is clearly louder than
   the residual echo expected. Before the canceller is trusted that is the reference's own
   level (the first second of the first answer is gated hard); afterwards it is the
   canceller's echo prediction less the cancellation it measures (less a 10 dB margin, at
   least ``assumed_erle_db``, at most 40 dB), so the soft start of a word ("s" of "stop")
   gets through once the filter cancels well. The gate only decides what the endpointer hears; the recognizer gets the
   cancelled audio without gating (chopping it would hurt recognition).

:class:`EchoSuppressor` puts the three together for a stream of chunks.

A simulated room for tests and benchmarks is in :mod:`voice_guide.testing.room`.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.audio.reference import PlaybackReference
from voice_guide.core.errors import VoiceGuideError

_LOGGER = logging.getLogger(__name__)

_FULL_SCALE = 32768.0
_TINY = 1e-12


@dataclass(frozen=True)
class EchoSettings:
    """How the microphone signal is cleaned of the guide's own voice."""

    block_samples: int = 160
    """Samples per adaptive-filter block (10 ms at 16 kHz); output lags input by less than this."""

    filter_length_ms: float = 100.0
    """Longest echo path the filter models (loudspeaker-to-microphone delay plus room echo)."""

    step_size: float = 0.6
    """NLMS step (0..1]: larger converges faster and is more easily thrown off."""

    reference_delay_ms: float = 0.0
    """Known extra delay of the output device (its buffer), added to the reference's timing."""

    reference_floor_dbfs: float = -60.0
    """Reference quieter than this (RMS over a block) counts as nothing playing."""

    gate_tail_ms: float = 150.0
    """After the filter span, how long the gate still expects echo (room reverberation)."""

    initial_residual_db: float = 0.0
    """Residual echo expected before the canceller has converged, relative to the reference level."""

    assumed_erle_db: float = 15.0
    """How far below its own echo prediction the converged canceller is assumed to leave the echo."""

    gate_margin_db: float = 6.0
    """A block is the user's voice when this much louder than the expected residual echo."""

    gate_attenuation_db: float = 40.0
    """How much gated blocks are turned down for the endpointer."""

    gate_hangover_ms: float = 30.0
    """The gate stays open this long after a block of the user's voice (soft word endings)."""

    enabled: bool = True
    """False passes the microphone through untouched (for comparisons)."""

    def __post_init__(self) -> None:
        if not isinstance(self.block_samples, int) or not 32 <= self.block_samples <= 2048:
            raise VoiceGuideError(f"block_samples must be a whole number from 32 to 2048, not {self.block_samples!r}")
        if not (math.isfinite(self.filter_length_ms) and 1.0 <= self.filter_length_ms <= 1000.0):
            raise VoiceGuideError(f"filter_length_ms must be from 1 to 1000, not {self.filter_length_ms!r}")
        if not (math.isfinite(self.step_size) and 0.0 < self.step_size <= 1.0):
            raise VoiceGuideError(f"step_size must be above 0 and at most 1, not {self.step_size!r}")
        if not (math.isfinite(self.reference_delay_ms) and 0.0 <= self.reference_delay_ms <= 1000.0):
            raise VoiceGuideError(f"reference_delay_ms must be from 0 to 1000, not {self.reference_delay_ms!r}")
        if not (math.isfinite(self.gate_tail_ms) and self.gate_tail_ms >= 0):
            raise VoiceGuideError(f"gate_tail_ms must be 0 or more, not {self.gate_tail_ms!r}")
        for name in ("gate_margin_db", "assumed_erle_db", "gate_attenuation_db", "gate_hangover_ms"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value >= 0):
                raise VoiceGuideError(f"{name} must be 0 or more, not {value!r}")

    def partitions(self, sample_rate_hz: int = SAMPLE_RATE_HZ) -> int:
        """How many filter blocks cover ``filter_length_ms``."""
        return max(1, math.ceil(self.filter_length_ms * sample_rate_hz / 1000.0 / self.block_samples))


# -- 2. the adaptive filter ----------------------------------------------------------------


class EchoCanceller:
    """Partitioned-block frequency-domain NLMS echo canceller with two paths.

    :meth:`process_block` takes one block of microphone and reference samples (float,
    full scale 1.0) and returns the microphone with the predicted echo removed;
    :attr:`last_echo` is the echo it predicted for that block.

    The step is normalised per frequency bin by the reference power over the whole
    filter span, regularised by a tenth of its mean over bins (so quiet bins of speech do
    not get huge steps). Measured on espeak speech through a 35 ms echo path: about
    12 dB of cancellation after 1 s of playback, 20 dB after 2 s, 30 dB and more later.
    """

    def __init__(self, settings: EchoSettings | None = None, sample_rate_hz: int = SAMPLE_RATE_HZ) -> None:
        self.settings = settings or EchoSettings()
        b = self.settings.block_samples
        self.block_samples = b
        self.sample_rate_hz = sample_rate_hz
        self.partitions = self.settings.partitions(sample_rate_hz)
        bins = b + 1
        self._w_bg = np.zeros((self.partitions, bins), dtype=np.complex128)
        self._w_fg = np.zeros((self.partitions, bins), dtype=np.complex128)
        self._x_hist = np.zeros((self.partitions, bins), dtype=np.complex128)
        self._x_prev = np.zeros(b)
        self._s_bg = 0.0
        self._s_fg = 0.0
        self._s_mic = 0.0
        self._erle_mic = 0.0
        self._erle_out = 0.0
        self._erle_ref = 0.0
        self._erl_blocks = 0  # blocks behind the ERL estimate
        self._ref_span: deque[float] = deque(maxlen=self.partitions + 1)  # reference energy of the filter span
        self._loud: deque[bool] = deque(maxlen=math.ceil(DOUBLE_TALK_MAX_MS * sample_rate_hz / 1000.0 / b))
        self._floor = b * 10.0 ** (self.settings.reference_floor_dbfs / 10.0)
        self._quiet_blocks = self.partitions + 2  # blocks since the reference last had sound
        self._no_learn = 0  # blocks until what must not be learnt has left the filter span
        self._assumed = 10.0 ** (-self.settings.assumed_erle_db / 10.0)
        self._double_talk_blocks = 0
        self._double_talk_limit = math.ceil(DOUBLE_TALK_MAX_MS * sample_rate_hz / 1000.0 / b)
        self.converged = False
        """True once ``erle_db`` has reached :data:`CONVERGED_ERLE_DB` or in the no-echo state (:attr:`no_echo`);
        double talk is looked for from then on."""
        self.no_echo = False
        """True while the microphone hears nothing of the playback: the filter stays empty, and a block not far
        below the playback is the user's voice (else the never-trusted filter learns the user's word as echo,
        distorts it and plays the guide's voice after it: "stop" heard as "slow mo")."""
        self.last_echo = np.zeros(b)
        """The echo predicted for the last block (zeros when nothing was playing)."""
        self.adapted_blocks = 0
        """Blocks the background filter has learnt from."""
        self.copies = 0
        """How often the foreground took the background's weights (for tests and logs)."""
        self.resets = 0
        """How often the background was put back after double talk threw it off."""

    @property
    def adapted_ms(self) -> float:
        """Reference audio the filter has learnt from, in milliseconds."""
        return 1000.0 * self.adapted_blocks * self.block_samples / self.sample_rate_hz

    @property
    def erle_db(self) -> float:
        """Echo return loss enhancement over the last half second or so of playback, in dB."""
        if self._erle_out <= _TINY or self._erle_mic <= _TINY:
            return 0.0
        return 10.0 * math.log10(self._erle_mic / self._erle_out)

    @property
    def erl_db(self) -> float:
        """Echo return loss over the last half second or so of playback: how far the microphone is below the
        reference, in dB (inf when the microphone is digital silence; 0.0 before any playback was learnt)."""
        if self._erle_ref <= _TINY:
            return 0.0
        if self._erle_mic <= _TINY:
            return math.inf
        return 10.0 * math.log10(self._erle_ref / self._erle_mic)

    def _check_converged(self) -> None:
        if self.erle_db >= CONVERGED_ERLE_DB:
            self.converged = True
        elif self._erl_blocks * self.block_samples * 1000.0 / self.sample_rate_hz >= NO_ECHO_AFTER_MS \
                and self.erl_db >= NO_ECHO_ERL_DB:
            self.converged = self.no_echo = True
        if self.converged:
            _LOGGER.debug("echo canceller converged after %.0f ms (ERLE %.1f dB, ERL %.1f dB%s)", self.adapted_ms,
                          self.erle_db, self.erl_db, ", no echo" if self.no_echo else "")

    def _no_echo_double_talk(self, mic_energy: float) -> bool:
        """In the no-echo state: whether this block holds the user's voice (anything not far below the playback
        in the filter span). When most blocks of the last :data:`DOUBLE_TALK_MAX_MS` did, an echo path has
        appeared (a headset unplugged): the state ends and the filter learns again."""
        loud = mic_energy > _TINY and mic_energy * 10.0 ** (NO_ECHO_ERL_DB / 10.0) > max(self._ref_span)
        self._loud.append(loud)
        if len(self._loud) < self._double_talk_limit or sum(self._loud) < NO_ECHO_LOST_SHARE * len(self._loud):
            return loud
        _LOGGER.debug("the microphone hears the playback now: the echo canceller learns again")
        self.no_echo = self.converged = False
        self._loud.clear()
        self._erl_blocks = 0
        self._erle_mic = self._erle_out = self._erle_ref = 0.0
        return False

    def process_block(self, mic: np.ndarray, ref: np.ndarray, learn: bool = True) -> np.ndarray:
        """Cancel the echo of ``ref`` in ``mic`` (both ``block_samples`` long).

        ``learn=False``: this block's reference must not be learnt from; nor is anything
        while it is within the filter span.
        """
        b = self.block_samples
        self._no_learn = self.partitions + 1 if not learn else max(0, self._no_learn - 1)
        ref_energy = float(np.dot(ref, ref))
        self._quiet_blocks = self._quiet_blocks + 1 if ref_energy <= self._floor else 0
        if self._quiet_blocks > self.partitions + 1:
            # The filter span holds no reference: nothing to cancel, nothing to learn.
            self._x_prev = ref.copy()
            self._x_hist[:] = 0
            self._ref_span.clear()
            self.last_echo = np.zeros(b)
            return mic
        self._ref_span.append(ref_energy)
        mic_energy = float(np.dot(mic, mic))
        x_spec = np.fft.rfft(np.concatenate([self._x_prev, ref]))
        self._x_prev = ref.copy()
        self._x_hist = np.roll(self._x_hist, 1, axis=0)
        self._x_hist[0] = x_spec
        y_bg = np.fft.irfft(np.sum(self._w_bg * self._x_hist, axis=0), n=2 * b)[b:]
        y_fg = np.fft.irfft(np.sum(self._w_fg * self._x_hist, axis=0), n=2 * b)[b:]
        e_bg = mic - y_bg
        e_fg = mic - y_fg
        # Two paths, compared over about 100 ms.
        alpha = 0.9
        self._s_bg = alpha * self._s_bg + float(np.dot(e_bg, e_bg))
        self._s_fg = alpha * self._s_fg + float(np.dot(e_fg, e_fg))
        self._s_mic = alpha * self._s_mic + mic_energy
        out, echo = e_fg, y_fg
        # Double talk: once the filter is trusted, a microphone far louder than the echo the
        # filter predicts holds the user's voice. Nothing is learnt then (learning would fit
        # the user's voice and spoil the filter); after DOUBLE_TALK_MAX_MS of it in a row,
        # the echo path must have changed, and learning starts again.
        if not self.converged:
            self._check_converged()
        if self.no_echo:
            double_talk = self._no_echo_double_talk(mic_energy)
        else:
            if self.converged and mic_energy > 4.0 * float(np.dot(y_fg, y_fg)) + self._floor:
                self._double_talk_blocks += 1
            else:
                self._double_talk_blocks = 0
            double_talk = 0 < self._double_talk_blocks <= self._double_talk_limit
        if double_talk or self.no_echo:
            pass
        elif self._s_bg < 0.7 * self._s_fg and self._s_bg < self._s_mic:
            self._w_fg = self._w_bg.copy()
            self._s_fg = self._s_bg
            self.copies += 1
            out, echo = e_bg, y_bg
        elif self._s_bg > 8.0 * self._s_fg and self._s_fg > _TINY:
            self._w_bg = self._w_fg.copy()
            self._s_bg = self._s_fg
            self.resets += 1
        if ref_energy > self._floor and self._no_learn == 0 and not double_talk:
            beta = 0.95
            self._erle_mic = beta * self._erle_mic + mic_energy
            self._erle_out = beta * self._erle_out + float(np.dot(out, out))
            self._erle_ref = beta * self._erle_ref + ref_energy
            self._erl_blocks += 1
            # NLMS update of the background filter.
            e_spec = np.fft.rfft(np.concatenate([np.zeros(b), e_bg]))
            power = np.sum(np.abs(self._x_hist) ** 2, axis=0)
            norm = power + 0.1 * float(np.mean(power)) + _TINY
            gradient = np.conj(self._x_hist) * (e_spec / norm)[None, :]
            w = np.fft.irfft(self._w_bg + self.settings.step_size * gradient, n=2 * b, axis=1)
            w[:, b:] = 0.0  # causal, B taps per partition (overlap-save)
            self._w_bg = np.fft.rfft(w, axis=1)
            self.adapted_blocks += 1
        self.last_echo = echo
        return out


# -- 3. the gate ---------------------------------------------------------------------------


class ResidualEchoGate:
    """Decides, block by block, whether the cancelled signal holds the user's voice.

    While the guide's sound is within ``filter_length_ms + gate_tail_ms``, a block counts
    as the user's voice only when its level is ``gate_margin_db`` above the residual echo
    expected there; other blocks are turned down by ``gate_attenuation_db``. The expected
    residual is

    * before the canceller has converged (``erle_db`` above :data:`CONVERGED_ERLE_DB`, or
      :data:`CONVERGED_AFTER_MS` of playback learnt): the reference level plus
      ``initial_residual_db`` (cautious: only speech louder than the guide's own signal
      passes);
    * afterwards: the canceller's own echo prediction, less its measured ERLE minus
      :data:`ERLE_SAFETY_DB` (at least ``assumed_erle_db``, at most :data:`MAX_TRUSTED_ERLE_DB`).

    Both are taken as the loudest block of the window, to cover the echo's delay and the
    room's reverberation. With no reference in the window the gate is open.
    """

    def __init__(self, settings: EchoSettings | None = None, sample_rate_hz: int = SAMPLE_RATE_HZ) -> None:
        self.settings = settings or EchoSettings()
        s = self.settings
        block_ms = 1000.0 * s.block_samples / sample_rate_hz
        window = max(1, math.ceil((s.filter_length_ms + s.gate_tail_ms) / block_ms))
        self._ref_powers: deque[float] = deque(maxlen=window)
        self._echo_powers: deque[float] = deque(maxlen=window)
        self._floor = 10.0 ** (s.reference_floor_dbfs / 10.0)
        self._hangover_blocks = max(0, math.ceil(s.gate_hangover_ms / block_ms))
        self._open_for = 0
        self._gain = 10.0 ** (-s.gate_attenuation_db / 20.0)
        self._margin = 10.0 ** (s.gate_margin_db / 10.0)
        self._initial = 10.0 ** (s.initial_residual_db / 10.0)
        self._assumed = 10.0 ** (-s.assumed_erle_db / 10.0)
        self.converged = False
        """True once the canceller is trusted (see the class doc)."""
        self.gated_blocks = 0
        """Blocks turned down so far (for tests and logs)."""

    def playback_active(self) -> bool:
        """True while reference sound is within the gate's window."""
        return bool(self._ref_powers) and max(self._ref_powers) > self._floor

    def process_block(self, out: np.ndarray, ref: np.ndarray, echo: np.ndarray, canceller: EchoCanceller) -> np.ndarray:
        """The block as the endpointer should hear it (``echo``: the canceller's prediction)."""
        self._ref_powers.append(float(np.mean(ref * ref)) if ref.size else 0.0)
        self._echo_powers.append(float(np.mean(echo * echo)) if echo.size else 0.0)
        ref_env = max(self._ref_powers)
        if ref_env <= self._floor:
            self._open_for = 0
            return out
        if not self.converged and (canceller.converged or canceller.adapted_ms >= CONVERGED_AFTER_MS):
            self.converged = True
            _LOGGER.debug("echo canceller trusted after %.0f ms of playback (ERLE %.1f dB)",
                          canceller.adapted_ms, canceller.erle_db)
        if self.converged:
            # The canceller's own measured cancellation (less a margin), never less than assumed.
            erle_db = min(MAX_TRUSTED_ERLE_DB, max(self.settings.assumed_erle_db, canceller.erle_db - ERLE_SAFETY_DB))
            expected = max(self._echo_powers) * 10.0 ** (-erle_db / 10.0)
        else:
            expected = ref_env * self._initial
        level = float(np.mean(out * out))
        if level > expected * self._margin:
            self._open_for = self._hangover_blocks + 1
        if self._open_for > 0:
            self._open_for -= 1
            return out
        self.gated_blocks += 1
        return out * self._gain


CONVERGED_ERLE_DB = 12.0
"""Cancellation (over about half a second of playback) from which the canceller is trusted."""

NO_ECHO_ERL_DB = 30.0
"""A microphone this far below the playback (over about half a second) hears no echo worth cancelling: any
echo left is under the end-of-speech detector's energy floor (-50 dBFS) when the guide plays at -20 dBFS."""

NO_ECHO_LOST_SHARE = 0.5
"""No-echo state: more loud blocks than this share of :data:`DOUBLE_TALK_MAX_MS` mean an echo path has appeared."""

NO_ECHO_AFTER_MS = 500.0
"""Playback learnt from before a microphone that hears nothing of it puts the canceller in the no-echo state."""

CONVERGED_AFTER_MS = 3000.0
"""Playback learnt from after which the canceller is trusted anyway (a noisy room caps the ERLE)."""

ERLE_SAFETY_DB = 10.0
"""The gate expects this much more residual echo than the canceller's measured cancellation leaves."""

MAX_TRUSTED_ERLE_DB = 40.0
"""The gate never counts on more cancellation than this (a real room's echo is never quite linear)."""

RELOCK_TOLERANCE_MS = 3.0
"""Microphone timing that moves by more than this is a real jump (the reference follows it)."""

DOUBLE_TALK_MAX_MS = 2000.0
"""Double talk longer than this without a break is taken for a changed echo path."""


# -- together ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EchoResult:
    """One processed stretch of microphone audio."""

    start_sample: int
    """Index of its first sample in the microphone stream."""

    cleaned: bytes
    """The microphone with the predicted echo subtracted (for the recognizer)."""

    gated: bytes
    """``cleaned`` with residual-echo blocks turned down (for the endpointer)."""

    playback_active: bool
    """True when reference sound was within the gate's window at the end of this stretch."""


class EchoSuppressor:
    """Cancels and gates the guide's own voice in a stream of 16-bit PCM chunks.

    ``process(pcm, t0_s)`` takes a chunk (any length) whose first sample was recorded at
    clock time ``t0_s`` and returns the whole blocks done so far (a partial block waits
    for the next chunk), aligned with the reference by sample position.
    """

    def __init__(
        self,
        reference: PlaybackReference,
        settings: EchoSettings | None = None,
        sample_rate_hz: int = SAMPLE_RATE_HZ,
    ) -> None:
        self.settings = settings or EchoSettings()
        self.reference = reference
        self.sample_rate_hz = sample_rate_hz
        self.canceller = EchoCanceller(self.settings, sample_rate_hz)
        self.gate = ResidualEchoGate(self.settings, sample_rate_hz)
        self._pending = np.zeros(0)
        self._position = 0
        self._origin_s: float | None = None  # clock time of stream sample 0, locked
        self.relocks = 0
        """How often the stream's timing jumped by more than :data:`RELOCK_TOLERANCE_MS` (overruns)."""

    @property
    def position(self) -> int:
        """Microphone samples output so far."""
        return self._position

    def process(self, pcm: bytes, t0_s: float) -> EchoResult:
        """Clean one chunk; see the class doc."""
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH_BYTES], dtype="<i2").astype(np.float64)
        samples /= _FULL_SCALE
        # The caller's estimate of when the chunk was recorded wobbles by fractions of a
        # millisecond; the reference must not. Lock to the first estimate and follow only
        # real jumps (a dropped buffer).
        expected = None if self._origin_s is None else self._origin_s + (self._position + self._pending.size) / self.sample_rate_hz
        if expected is None or abs(t0_s - expected) > RELOCK_TOLERANCE_MS / 1000.0:
            if expected is not None:
                self.relocks += 1
                _LOGGER.debug("microphone timing moved by %.1f ms: reference re-locked", 1000.0 * (t0_s - expected))
            self._origin_s = t0_s - (self._position + self._pending.size) / self.sample_rate_hz
            self.reference.unlock()
        origin_s = self._origin_s if self._origin_s is not None else t0_s
        buffer = np.concatenate([self._pending, samples]) if self._pending.size else samples
        b = self.settings.block_samples
        whole = (buffer.size // b) * b
        start = self._position
        if not self.settings.enabled:
            whole = buffer.size
        data, self._pending = buffer[:whole], buffer[whole:]
        t0 = origin_s + start / self.sample_rate_hz
        self._position += whole
        if not self.settings.enabled or whole == 0:
            raw = _to_pcm(data)
            return EchoResult(start, raw, raw, False)
        ref, learn = self.reference.render_with_mask(t0, whole, start)
        cleaned = np.empty(whole)
        gated = np.empty(whole)
        for i in range(0, whole, b):
            block = self.canceller.process_block(data[i : i + b], ref[i : i + b], bool(learn[i : i + b].all()))
            cleaned[i : i + b] = block
            gated[i : i + b] = self.gate.process_block(block, ref[i : i + b], self.canceller.last_echo, self.canceller)
        return EchoResult(start, _to_pcm(cleaned), _to_pcm(gated), self.gate.playback_active())


def _to_pcm(samples: np.ndarray) -> bytes:
    return np.clip(np.round(samples * _FULL_SCALE), -32768, 32767).astype("<i2").tobytes()


__all__ = [
    "EchoCanceller",
    "EchoResult",
    "EchoSettings",
    "EchoSuppressor",
    "PlaybackReference",
    "ResidualEchoGate",
]
