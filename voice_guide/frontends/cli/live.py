"""The live voice session from the command line: options, devices, settings, then one session run.

``run.py`` with no command runs this when there is a microphone (or ``--input-wav``), and
falls back to the typed chat when there is none. The session itself
(:class:`~voice_guide.frontends.live.session.LiveSession`) knows nothing of options or
devices: this module builds its source, sink, speaker and conversation.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_guide.core.errors import AudioError, VoiceGuideError

if TYPE_CHECKING:  # the session's modules are imported when a session runs, not for every command's options
    from voice_guide.audio.sinks import AudioSink
    from voice_guide.audio.sources import AudioSource
    from voice_guide.config import ConfigStore
    from voice_guide.dialogue.conversation import Conversation
    from voice_guide.frontends.live.session import LiveSession
    from voice_guide.frontends.live.speech import SpeechRenderer

INPUT_WAV_PAD_MS = 1500
"""Silence added after a recording given with ``--input-wav``, so its last phrase ends."""


def add_live_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the live session's options to a command-line parser."""
    parser.add_argument("--mic", metavar="DEVICE", help="microphone: an index or part of a name (see --list-devices)")
    parser.add_argument("--list-devices", action="store_true", help="list the microphones and exit")
    parser.add_argument("--input-wav", type=Path, metavar="FILE", help="run a live session from a recording instead of a microphone")
    parser.add_argument("--fast", action="store_true", help="with --input-wav: do not wait for real time")
    parser.add_argument("--push-to-talk", action="store_true", help="listen only after Enter is pressed")
    parser.add_argument("--wake-phrase", metavar="PHRASE", help="listen only to requests that start with PHRASE, e.g. 'hey guide'")


class _Options:
    """Attributes of ``args``, overridden by keywords."""

    def __init__(self, args: argparse.Namespace | None, options: dict[str, Any]) -> None:
        self.args, self.options = args, options

    def __call__(self, name: str, default: Any = None) -> Any:
        if name in self.options:
            return self.options[name]
        return getattr(self.args, name, default) if self.args is not None else default


def run_live(args: argparse.Namespace | None = None, **options: Any) -> int:
    """Run a live session from command-line options; returns the exit code.

    Options (attributes of ``args`` or keywords): ``mic``, ``list_devices``, ``input_wav``,
    ``fast``, ``push_to_talk``, ``wake_phrase``, and the usual ``pack``, ``backend``,
    ``vosk_model``, ``no_speak``, ``save_audio``, ``rate``, ``volume``, ``voice``; also
    ``on_text`` (default ``print``), ``notice`` (one-line messages, default stderr) and
    ``sink`` (an output to use instead of the default device) and ``engine`` (an
    :class:`~voice_guide.engine.Engine` already loaded, instead of one for ``pack``).

    Raises :class:`NoMicrophoneError` (one line: "No microphone found ...") when a
    microphone session was asked for and there is none: the caller falls back to typed questions.
    """
    from voice_guide.config import ConfigStore
    from voice_guide.frontends.live.session import LiveSession

    opt = _Options(args, options)
    on_text: Callable[[str], None] = opt("on_text") or (lambda line: print(line, flush=True))
    notice: Callable[[str], None] = opt("notice") or (lambda line: print(line, file=sys.stderr, flush=True))
    if opt("list_devices", False):
        return _list_devices(on_text)
    no_speak = bool(opt("no_speak", False))
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    fast = bool(opt("fast", False)) and opt("input_wav") is not None
    if fast:
        from voice_guide.core.clock import FastForwardClock

        fast_clock = FastForwardClock()
        clock, sleep = fast_clock.now, fast_clock.sleep
    source = _open_source(opt, clock, sleep, no_speak)
    store = ConfigStore(warn=notice)
    speaker = _speaker(no_speak, opt("save_audio"), notice)
    sink: AudioSink = opt("sink") or _open_sink(fast, no_speak or speaker is None, clock, sleep, notice)
    if opt("save_audio") is not None and not fast:
        notice("In a live session --save-audio records only with --input-wav FILE --fast; use ask or routine to save answers.")
    session = LiveSession(_conversation(opt, store), source, sink, speaker, clock=clock, sleep=sleep, on_text=on_text)
    reader = None
    if opt("input_wav") is None and sys.stdin is not None and sys.stdin.isatty():
        reader = threading.Thread(target=_read_keys, args=(session,), daemon=True)
        reader.start()
    if session.mode == "push_to_talk" and reader is None:
        notice("Push to talk needs a keyboard (Enter); nothing will be heard without it.")
    try:
        with source:
            session.run()
    finally:
        _close(sink, opt("save_audio"), on_text, notice)
    return 0


def _list_devices(on_text: Callable[[str], None]) -> int:
    from voice_guide.audio.sources import list_input_devices

    devices = list_input_devices()
    if not devices:
        on_text("No microphones found.")
    for i, name in enumerate(devices):
        on_text(f"{i}: {name}")
    return 0


def _open_source(opt: _Options, clock: Callable[[], float], sleep: Callable[[float], None], no_speak: bool) -> AudioSource:
    from voice_guide.audio.sources import MicrophoneSource, WavStreamSource
    from voice_guide.frontends.live.session import NoMicrophoneError

    input_wav = opt("input_wav")
    if input_wav is not None:
        return WavStreamSource(input_wav, realtime=True, speed=1.0, clock=clock, sleep=sleep, pad_silence_ms=INPUT_WAV_PAD_MS)
    mic = opt("mic")
    device: int | str | None = int(mic) if isinstance(mic, str) and mic.isdigit() else mic
    try:
        return MicrophoneSource(device)
    except AudioError as err:
        detail = str(err)
        if detail.lower().startswith("no microphone found"):
            detail = detail[len("no microphone found"):].strip(" ()")
        then = "type your questions instead." if no_speak else "type your questions instead, answers are spoken."
        raise NoMicrophoneError(f"No microphone found ({detail}); {then}") from None


def _speaker(no_speak: bool, save_audio: Path | None, notice: Callable[[str], None]) -> SpeechRenderer | None:
    if no_speak and save_audio is None:
        return None
    from voice_guide.tts.speaker import Speaker

    try:
        return Speaker()
    except VoiceGuideError as err:
        notice(f"Speech is off: {err}")
        return None


def _open_sink(fast: bool, silent: bool, clock: Callable[[], float], sleep: Callable[[float], None],
               notice: Callable[[str], None]) -> AudioSink:
    from voice_guide.audio.recording import RecordingSink
    from voice_guide.audio.sinks import NullSink, open_default_sink

    if fast:
        return RecordingSink(clock, sleep)
    if silent:
        return NullSink("speech is off")
    sink = open_default_sink()
    if not sink.available:
        notice(getattr(sink, "reason", "") or "No audio output device found; answers are printed only.")
    return sink


def _conversation(opt: _Options, store: ConfigStore) -> Conversation:
    from voice_guide.content.pack import load_pack
    from voice_guide.engine import Engine
    from voice_guide.tts.settings import SpeechSettings

    config = store.config
    speech = config.speech
    changes = {k: v for k, v in (("rate_wpm", opt("rate")), ("volume", opt("volume")), ("voice", opt("voice") or None))
               if v is not None}
    if changes:
        speech = SpeechSettings.clamped(**{**speech.to_dict(), **changes})
    mode = config.listening_mode
    if opt("push_to_talk", False):
        mode = "push_to_talk"
    elif opt("wake_phrase"):
        mode = "wake"
    engine = opt("engine") or Engine(opt("pack_obj") or load_pack(opt("pack")),
                                     backend=opt("backend", "pocketsphinx") or "pocketsphinx", vosk_model=opt("vosk_model"))
    engine.wake_phrase = opt("wake_phrase") or config.wake_phrase
    _ = engine.recognizer
    return engine.new_conversation(speech=speech, listening_mode=mode, store=store)


def _close(sink: AudioSink, save_audio: Path | None, on_text: Callable[[str], None], notice: Callable[[str], None]) -> None:
    from voice_guide.audio.recording import RecordingSink

    try:
        sink.close()
    except VoiceGuideError as err:
        notice(str(err))
    if save_audio is not None and isinstance(sink, RecordingSink) and sink.records:
        from voice_guide.audio.files import write_wav

        write_wav(save_audio, sink.played_audio())
        on_text(f"Audio saved to {save_audio}.")


def _read_keys(session: LiveSession) -> None:
    """Enter alone presses the talk key; a typed line is a typed question."""
    for line in sys.stdin:
        if line.strip():
            session.submit_text(line.strip())
        else:
            session.press_to_talk()
