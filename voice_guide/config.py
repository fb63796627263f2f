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
* a file that cannot be written (read-only folder, full disk) is reported in one line and
  the session goes on with the settings in memory.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice_guide.core.errors import SpeechError, VoiceGuideError
from voice_guide.tts.speaker import SpeechSettings

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

MAX_CONFIG_BYTES = 64 * 1024
"""A settings file larger than this is not read (it cannot be ours)."""


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
        its default; unknown fields are ignored. Never raises for file content.
        """
        report = warn or _LOGGER.warning
        if not isinstance(data, Mapping):
            report(f"settings file: expected an object, found {type(data).__name__}; using the defaults")
            return cls()
        fields: dict[str, Any] = {}
        speech = data.get("speech")
        if speech is not None:
            try:
                fields["speech"] = SpeechSettings.from_dict(speech)
            except SpeechError as err:
                report(f"settings file: speech settings ignored ({err})")
        mode = data.get("listening_mode")
        if mode is not None:
            if mode in LISTENING_MODES:
                fields["listening_mode"] = mode
            else:
                report(f"settings file: unknown listening mode {mode!r} ignored")
        phrase = data.get("wake_phrase")
        if phrase is not None:
            if isinstance(phrase, str) and phrase.split():
                fields["wake_phrase"] = " ".join(phrase.lower().split())
            else:
                report(f"settings file: wake phrase {phrase!r} ignored")
        return cls(**fields)


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
    report = warn or _LOGGER.warning
    target = Path(path) if path is not None else config_path()
    try:
        size = target.stat().st_size
    except FileNotFoundError:
        return UserConfig()
    except OSError as err:
        report(f"settings file {target} cannot be read ({err.strerror or err}); using the defaults")
        return UserConfig()
    if size > MAX_CONFIG_BYTES:
        report(f"settings file {target} is too large ({size} bytes); using the defaults")
        return UserConfig()
    try:
        text = target.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        reason = f"line {err.lineno}: {err.msg}" if isinstance(err, json.JSONDecodeError) else str(err).splitlines()[0]
        report(f"settings file {target} is damaged ({reason}); using the defaults")
        return UserConfig()
    try:
        return UserConfig.from_dict(data, report)
    except VoiceGuideError as err:  # cannot happen for checked fields; belt and braces
        report(f"settings file {target}: {err}; using the defaults")
        return UserConfig()


def save_config(config: UserConfig, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``config`` atomically; raises :class:`ConfigError` (one line) when it cannot."""
    from voice_guide.core.files import write_atomic

    target = Path(path) if path is not None else config_path()
    data = (json.dumps(config.to_dict(), indent=2, sort_keys=True) + "\n").encode("utf-8")
    try:
        return write_atomic(target, data)
    except OSError as err:
        raise ConfigError(f"cannot save settings to {target}: {err.strerror or err}") from None


class ConfigStore:
    """The settings of one session: loaded once, saved after every change.

    ``warn`` receives one-line reports (damaged file, cannot save); saving problems never
    raise, so a read-only disk does not end a session.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = Path(path) if path is not None else config_path()
        """Where the settings live."""
        self._warn = warn or _LOGGER.warning
        self.config = load_config(self.path, self._warn)
        """The settings now."""
        self._save_failed = False

    def update(self, **changes: Any) -> UserConfig:
        """Apply ``changes`` (fields of :class:`UserConfig`), save, and return the new settings."""
        new = self.config.replace(**changes)
        if new != self.config:
            self.config = new
            self.save()
        return self.config

    def save(self) -> bool:
        """Write the settings now; False (reported once) when the file cannot be written."""
        try:
            save_config(self.config, self.path)
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
    "load_config",
    "save_config",
]
