"""How answers are spoken: the settings a listener can adjust (rate, volume, voice, verbosity,
earcons), immutable, validated, clamped from files and commands. The speaker that applies them is
:mod:`voice_guide.tts.speaker`."""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import SpeechError

_LOGGER = logging.getLogger(__name__)

MIN_RATE_WPM = 80
"""Slowest speaking rate offered (espeak-ng's own minimum)."""

MAX_RATE_WPM = 450
"""Fastest speaking rate offered (espeak-ng's maximum without its speed-up mode)."""

DEFAULT_RATE_WPM = 150
"""A little slower than espeak's 175 words per minute, for older listeners."""

RATE_STEP_RATIO = 1.2
"""``faster()`` multiplies the rate by this, ``slower()`` divides by it."""

MIN_VOLUME = 0.1
"""Quietest volume offered (never fully silent: silence is what the mute command is for)."""

MAX_VOLUME = 1.0
"""Full engine level, peaks near -1.5 dBFS for espeak-ng."""

VOLUME_STEP = 0.15
"""``louder()`` / ``quieter()`` change the volume by this much."""

VERBOSITY_LEVELS = ("brief", "full")
"""``brief`` reads the first sentence of an answer, ``full`` reads all of it."""


@dataclass(frozen=True)
class SpeechSettings:
    """How answers are spoken. Immutable: the adjusting methods return a new object.

    Construction validates every field and raises :class:`SpeechError` with a one-line
    message for a bad value; :meth:`clamped` builds settings with out-of-range numbers
    pulled into range instead.
    """

    rate_wpm: int = DEFAULT_RATE_WPM
    """Speaking rate in words per minute, :data:`MIN_RATE_WPM` to :data:`MAX_RATE_WPM`."""

    volume: float = 1.0
    """Loudness as a fraction of full engine level, :data:`MIN_VOLUME` to :data:`MAX_VOLUME`."""

    voice: str | None = None
    """A voice id, name or language (``"gmw/en-us"``, ``"English (America)"``, ``"en-us"``,
    optionally with an espeak variant such as ``"en-us+f3"``); ``None`` is the engine default."""

    verbosity: str = "full"
    """``"brief"`` or ``"full"``, see :data:`VERBOSITY_LEVELS`."""

    earcons: bool = True
    """Play short tones for listening / understood / not understood and routine steps."""

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> SpeechSettings:
        """Return ``self`` when every field is valid, else raise :class:`SpeechError`."""
        if isinstance(self.rate_wpm, bool) or not isinstance(self.rate_wpm, int):
            raise SpeechError(f"speech rate must be a whole number of words per minute, not {self.rate_wpm!r}")
        if not MIN_RATE_WPM <= self.rate_wpm <= MAX_RATE_WPM:
            raise SpeechError(
                f"speech rate {self.rate_wpm} words per minute is outside {MIN_RATE_WPM} to {MAX_RATE_WPM}"
            )
        if isinstance(self.volume, bool) or not isinstance(self.volume, (int, float)) or math.isnan(self.volume):
            raise SpeechError(f"volume must be a number from {MIN_VOLUME} to {MAX_VOLUME}, not {self.volume!r}")
        if not MIN_VOLUME - 1e-9 <= self.volume <= MAX_VOLUME + 1e-9:
            raise SpeechError(f"volume {self.volume:g} is outside {MIN_VOLUME} to {MAX_VOLUME}")
        if self.voice is not None and (not isinstance(self.voice, str) or not self.voice.strip()):
            raise SpeechError(f"voice must be a voice name or id, not {self.voice!r}")
        if self.verbosity not in VERBOSITY_LEVELS:
            raise SpeechError(f"verbosity must be 'brief' or 'full', not {self.verbosity!r}")
        if not isinstance(self.earcons, bool):
            raise SpeechError(f"earcons must be true or false, not {self.earcons!r}")
        return self

    @classmethod
    def clamped(cls, **fields: Any) -> SpeechSettings:
        """Settings from ``fields`` with rate and volume pulled into their ranges.

        Numbers given as strings or floats are converted; a value that is not a number, an
        unknown verbosity or an unknown field still raises :class:`SpeechError`.
        """
        unknown = set(fields) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise SpeechError(f"unknown speech setting: {', '.join(sorted(unknown))}")
        if "rate_wpm" in fields:
            rate = _number(fields["rate_wpm"], "speech rate")
            clamped_rate = round(min(max(rate, MIN_RATE_WPM), MAX_RATE_WPM))
            if clamped_rate != rate:
                _LOGGER.info("speech rate %s clamped to %d words per minute", fields["rate_wpm"], clamped_rate)
            fields["rate_wpm"] = clamped_rate
        if "volume" in fields:
            volume = _number(fields["volume"], "volume")
            clamped_volume = round(min(max(volume, MIN_VOLUME), MAX_VOLUME), 3)
            if clamped_volume != volume:
                _LOGGER.info("volume %s clamped to %g", fields["volume"], clamped_volume)
            fields["volume"] = clamped_volume
        if isinstance(fields.get("voice"), str) and not fields["voice"].strip():
            fields["voice"] = None
        return cls(**fields)

    def slower(self) -> SpeechSettings:
        """One step slower (about 20 %), never below :data:`MIN_RATE_WPM`."""
        rate = _round5(self.rate_wpm / RATE_STEP_RATIO)
        if rate >= self.rate_wpm:
            rate = self.rate_wpm - 5
        return dataclasses.replace(self, rate_wpm=max(MIN_RATE_WPM, rate))

    def faster(self) -> SpeechSettings:
        """One step faster (about 20 %), never above :data:`MAX_RATE_WPM`."""
        rate = _round5(self.rate_wpm * RATE_STEP_RATIO)
        if rate <= self.rate_wpm:
            rate = self.rate_wpm + 5
        return dataclasses.replace(self, rate_wpm=min(MAX_RATE_WPM, rate))

    def louder(self) -> SpeechSettings:
        """Volume up by :data:`VOLUME_STEP`, never above :data:`MAX_VOLUME`."""
        return dataclasses.replace(self, volume=round(min(MAX_VOLUME, self.volume + VOLUME_STEP), 3))

    def quieter(self) -> SpeechSettings:
        """Volume down by :data:`VOLUME_STEP`, never below :data:`MIN_VOLUME`."""
        return dataclasses.replace(self, volume=round(max(MIN_VOLUME, self.volume - VOLUME_STEP), 3))

    def replace(self, **changes: Any) -> SpeechSettings:
        """A copy with ``changes`` applied and validated."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON/YAML-ready values."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], warn: Callable[[str], None] | None = None) -> SpeechSettings:
        """Settings from :meth:`to_dict` output (or a hand-edited config file).

        Missing fields take their defaults, out-of-range numbers are clamped (a caregiver's typo
        should not silence the device); each unknown or unusable field is reported through
        ``warn`` (default: a logged warning) in one line and skipped, the others are kept."""
        if not isinstance(data, Mapping):
            raise SpeechError(f"speech settings must be a mapping, not {type(data).__name__}")
        report = warn or _LOGGER.warning
        known = {f.name for f in dataclasses.fields(cls)}
        extra = sorted(str(k) for k in data if k not in known)
        if extra:
            report(f"ignoring unknown speech settings: {', '.join(extra)}")
        good: dict[str, Any] = {}
        for name in sorted(known & set(data)):
            try:
                good[name] = getattr(cls.clamped(**{name: data[name]}), name)
            except SpeechError as err:  # a huge value in the file is not echoed whole
                report(f"speech setting {name} ignored: {str(err)[:150]}{'...' if len(str(err)) > 150 else ''}")
        return cls(**good)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool):
        raise SpeechError(f"{what} must be a number, not {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise SpeechError(f"{what} must be a number, not {value!r}") from None
    if math.isnan(number) or math.isinf(number):
        raise SpeechError(f"{what} must be a finite number, not {value!r}")
    return number


def _round5(value: float) -> int:
    return int(5 * round(value / 5.0))
