"""Settings kept between sessions: how the guide speaks and how it listens.

One small JSON file, ``settings.json`` in ``platformdirs.user_config_dir("voice-guide")``;
the folder can be moved with the environment variable ``VOICE_GUIDE_CONFIG_DIR`` (tests,
several users on one machine). Example::

    {"version": 1,
     "speech": {"rate_wpm": 125, "volume": 0.85, "voice": null, "verbosity": "brief", "earcons": true},
     "listening_mode": "always", "wake_phrase": "hey guide"}

Rules:

* the file is written atomically (a temporary file, then a rename), so a crash or a full
  disk never leaves half a file behind;
* a missing file gives the defaults silently; a corrupt or hand-mangled file is reported in
  one line and the defaults (or every field that could still be read) are used: reading
  settings never stops the guide;
* each unknown or unusable field is reported once (one line) and skipped; the good fields
  are kept. The file is read bounded (:data:`MAX_CONFIG_BYTES`, regular files only), so a
  symlink to a device is reported, not read;
* the file is never rewritten with less than it had: fields this version does not know are
  written back as they were, and a file that could not be read whole is first copied to
  ``settings.json.bad-<timestamp>``;
* a file that cannot be written (read-only folder, full disk) is reported in one line and
  the session goes on with the settings in memory.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice_guide.core.errors import SpeechError, VoiceGuideError
from voice_guide.core.files import SETTINGS_FILE_LIMIT_BYTES, decode_text, read_bytes_bounded, write_atomic
from voice_guide.tts.settings import SpeechSettings

_LOGGER = logging.getLogger(__name__)

APP_NAME = "voice-guide"
"""Name given to platformdirs."""

CONFIG_DIR_ENV = "VOICE_GUIDE_CONFIG_DIR"
"""Environment variable that overrides the settings folder."""

CONFIG_FILE_NAME = "settings.json"
"""Name of the settings file inside the folder."""

CONFIG_VERSION = 1
"""Format version written to the file."""

LISTENING_MODES = ("always", "push_to_talk", "wake")
"""``always``: every phrase is heard; ``push_to_talk``: only after a key press;
``wake``: only phrases that start with the wake phrase (and follow-ups)."""

DEFAULT_WAKE_PHRASE = "hey guide"
"""The wake phrase used when none is set."""

MAX_CONFIG_BYTES = SETTINGS_FILE_LIMIT_BYTES
"""A settings file larger than this is not read (it cannot be ours)."""

BACKUP_SUFFIX = ".bad-"
"""A settings file that could not be read whole is copied to ``settings.json.bad-<timestamp>`` before it is rewritten."""

_MAX_INT_DIGITS = 100
"""A whole number longer than this in the file is read as infinity (and so refused by its field)."""


class ConfigError(VoiceGuideError):
    """A settings value is not acceptable (raised only for values given in code)."""


@dataclass(frozen=True)
class UserConfig:
    """Everything kept between sessions."""

    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """Speech rate, volume, voice, verbosity (brief/full) and earcons on/off."""

    listening_mode: str = "always"
    """One of :data:`LISTENING_MODES`."""

    wake_phrase: str = DEFAULT_WAKE_PHRASE
    """What starts a request in ``wake`` mode (lower case, a few words)."""

    def __post_init__(self) -> None:
        if not isinstance(self.speech, SpeechSettings):
            raise ConfigError(f"speech must be SpeechSettings, not {type(self.speech).__name__}")
        if self.listening_mode not in LISTENING_MODES:
            raise ConfigError(f"listening mode must be one of {', '.join(LISTENING_MODES)}, not {self.listening_mode!r}")
        if not isinstance(self.wake_phrase, str) or not self.wake_phrase.split():
            raise ConfigError(f"the wake phrase must be a few words, not {self.wake_phrase!r}")

    def replace(self, **changes: Any) -> "UserConfig":
        """A copy with ``changes`` applied and checked."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, with the format version."""
        return {
            "version": CONFIG_VERSION,
            "speech": self.speech.to_dict(),
            "listening_mode": self.listening_mode,
            "wake_phrase": self.wake_phrase,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], warn: Callable[[str], None] | None = None) -> "UserConfig":
        """Settings from :meth:`to_dict` output or a hand-edited file.

        Each field that cannot be used is reported through ``warn`` (one line) and left at
        its default; the other fields are kept; unknown fields are reported and ignored
        here (:class:`ConfigStore` writes them back). Never raises for file content.
        """
        report = warn or _LOGGER.warning
        if not isinstance(data, Mapping):
            report(f"settings file: expected an object, found {type(data).__name__}; using the defaults")
            return cls()
        fields: dict[str, Any] = {}
        unknown = sorted(str(k) for k in data if k not in _KNOWN_FIELDS)
        if unknown:
            report(f"settings file: unknown fields kept as they are: {_clip(', '.join(unknown))}")
        speech = data.get("speech")
        if speech is not None:
            try:
                fields["speech"] = SpeechSettings.from_dict(speech, lambda line: report(f"settings file: {line}"))
            except SpeechError as err:
                report(f"settings file: speech settings ignored ({_clip(str(err))})")
        mode = data.get("listening_mode")
        if mode is not None:
            if isinstance(mode, str) and mode in LISTENING_MODES:
                fields["listening_mode"] = mode
            else:
                report(f"settings file: unknown listening mode {_clip(repr(mode))} ignored")
        phrase = data.get("wake_phrase")
        if phrase is not None:
            if isinstance(phrase, str) and phrase.split() and len(phrase) <= 200:
                fields["wake_phrase"] = " ".join(phrase.lower().split())
            else:
                report(f"settings file: wake phrase {_clip(repr(phrase))} ignored")
        return cls(**fields)


_KNOWN_FIELDS = frozenset({"version", "speech", "listening_mode", "wake_phrase"})
"""The top-level fields of the settings file."""


@dataclass(frozen=True)
class SettingsFile:
    """What was read from the settings file."""

    config: UserConfig
    """The usable settings (defaults for whatever could not be used)."""

    raw: dict[str, Any] = field(default_factory=dict)
    """The file's object as read, so fields this version does not know are written back."""

    damaged: bool = False
    """True when the file exists but could not be used whole: it is backed up before a rewrite."""


def config_dir() -> Path:
    """The settings folder: ``$VOICE_GUIDE_CONFIG_DIR`` or the platform's user config folder."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The settings file's path."""
    return config_dir() / CONFIG_FILE_NAME


def load_config(path: str | os.PathLike[str] | None = None, warn: Callable[[str], None] | None = None) -> UserConfig:
    """The saved settings, or the defaults when there are none.

    A file that cannot be read or parsed is reported through ``warn`` in one line
    (default: a logged warning) and the defaults are used. Never raises.
    """
    return read_settings(path, warn).config


def read_settings(path: str | os.PathLike[str] | None = None, warn: Callable[[str], None] | None = None) -> SettingsFile:
    """The settings file read bounded and checked field by field (see :func:`load_config`). Never raises."""
    report = warn or _LOGGER.warning
    target = Path(path) if path is not None else config_path()
    if not (target.exists() or target.is_symlink()):
        return SettingsFile(UserConfig())
    try:
        text = decode_text(read_bytes_bounded(target, MAX_CONFIG_BYTES, "settings file", ConfigError),
                           str(target), "settings file", ConfigError)
        data = json.loads(text, parse_int=_parse_int)
    except ConfigError as err:
        report(f"{err}; using the defaults")
        return SettingsFile(UserConfig(), damaged=True)
    except (ValueError, RecursionError) as err:
        reason = f"line {err.lineno}: {err.msg}" if isinstance(err, json.JSONDecodeError) else "nested too deeply"
        report(f"settings file {target} is damaged ({reason}); using the defaults")
        return SettingsFile(UserConfig(), damaged=True)
    reports: list[str] = []

    def note(line: str) -> None:
        reports.append(line)
        report(line)

    try:
        config = UserConfig.from_dict(data, note)
    except (VoiceGuideError, RecursionError) as err:  # cannot happen for checked fields; belt and braces
        report(f"settings file {target}: {_clip(str(err))}; using the defaults")
        return SettingsFile(UserConfig(), damaged=True)
    raw = dict(data) if isinstance(data, Mapping) else {}
    damaged = any("unknown fields kept" not in line for line in reports)
    return SettingsFile(config, raw, damaged)


def save_config(config: UserConfig, path: str | os.PathLike[str] | None = None, keep: Mapping[str, Any] | None = None) -> Path:
    """Write ``config`` atomically, with the fields of ``keep`` (the file as read) that it does
    not set; raises :class:`ConfigError` (one line) when it cannot."""
    target = Path(path) if path is not None else config_path()
    new = config.to_dict()
    old = dict(keep or {})
    old_speech = old.get("speech")
    if isinstance(old_speech, Mapping):
        new["speech"] = {**old_speech, **new["speech"]}
    data = (json.dumps({**old, **new}, indent=2, sort_keys=True) + "\n").encode("utf-8")
    try:
        return write_atomic(target, data)
    except OSError as err:
        raise ConfigError(f"cannot save settings to {target}: {err.strerror or err}") from None


def backup_settings(path: Path) -> Path | None:
    """Copy a settings file that could not be read whole to ``<name>.bad-<timestamp>``;
    None when there is nothing to copy (a device, a dangling link). Raises :class:`ConfigError`."""
    try:
        data = read_bytes_bounded(path, MAX_CONFIG_BYTES, "settings file", ConfigError)
    except ConfigError:
        return None
    backup = path.with_name(f"{path.name}{BACKUP_SUFFIX}{time.strftime('%Y%m%dT%H%M%S')}")
    try:
        return write_atomic(backup, data)
    except OSError as err:
        raise ConfigError(f"cannot keep a copy of the damaged settings file {path}: {err.strerror or err}") from None


def _parse_int(digits: str) -> int | float:
    return int(digits) if len(digits.lstrip("-")) <= _MAX_INT_DIGITS else float("inf")


def _clip(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


class ConfigStore:
    """The settings of one session: loaded once, saved after every change.

    ``warn`` receives one-line reports (damaged file, cannot save); saving problems never
    raise, so a read-only disk does not end a session.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(path) if path is not None else config_path()
        """Where the settings live."""
        self._warn = warn or _LOGGER.warning
        loaded = read_settings(self.path, self._warn)
        self.config = loaded.config
        """The settings now."""
        self._raw = loaded.raw
        self._backup_needed = loaded.damaged
        self._save_failed = False

    def update(self, **changes: Any) -> UserConfig:
        """Apply ``changes`` (fields of :class:`UserConfig`), save, and return the new settings."""
        new = self.config.replace(**changes)
        if new != self.config:
            self.config = new
            self.save()
        return self.config

    def save(self) -> bool:
        """Write the settings now; False (reported once) when the file cannot be written.

        A file that could not be read whole is copied aside first (reported in one line);
        when that copy fails the file is left as it is."""
        try:
            if self._backup_needed:
                backup = backup_settings(self.path)
                self._backup_needed = False
                if backup is not None:
                    self._warn(f"settings file {self.path} could not be read whole; a copy is kept as {backup.name}")
            save_config(self.config, self.path, self._raw)
            self._save_failed = False
            return True
        except ConfigError as err:
            if not self._save_failed:
                self._warn(f"{err}; the change lasts for this session only")
            self._save_failed = True
            return False


__all__ = [
    "CONFIG_DIR_ENV",
    "CONFIG_FILE_NAME",
    "ConfigError",
    "ConfigStore",
    "DEFAULT_WAKE_PHRASE",
    "LISTENING_MODES",
    "UserConfig",
    "config_dir",
    "config_path",
    "SettingsFile",
    "backup_settings",
    "load_config",
    "read_settings",
    "save_config",
]
