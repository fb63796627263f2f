"""``doctor``: check speech, audio devices and models, and say how to fix what is missing."""

from __future__ import annotations

import argparse
import time
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli.common import Parents, load_pack_arg, make_pipeline


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("doctor", parents=[parents.common, parents.asr], help="check speech, audio devices and models")
    p.set_defaults(func=_cmd_doctor)


def _cmd_doctor(args: argparse.Namespace) -> int:
    import shutil

    problems = 0
    print("voice-guide doctor: checking what speech needs on this machine.")
    try:
        pack = load_pack_arg(args)
        print(f"OK: content pack '{pack.title}' with {len(pack.sections)} sections and {len(pack.topics)} topics.")
    except VoiceGuideError as err:
        problems += 1
        print(f"PROBLEM: content pack: {err}")
    for program, package in (("espeak-ng", "espeak-ng"), ("flite", "flite"), ("sox", "sox")):
        if shutil.which(program):
            print(f"OK: {program} is installed.")
        else:
            problems += program == "espeak-ng"
            print(f"{'PROBLEM' if program == 'espeak-ng' else 'NOTE'}: {program} is missing. Fix: apt-get install {package}")
    try:
        from voice_guide.tts.speaker import Speaker

        speaker = Speaker()
        voices = speaker.list_voices()
        print(f"OK: text-to-speech works ({speaker.backend}), {len(voices)} voices.")
    except VoiceGuideError as err:
        problems += 1
        print(f"PROBLEM: text-to-speech: {err}. Fix: apt-get install espeak-ng libespeak-ng1")
    server = sound_server()
    print(f"OK: sound server: {server}" if server else "NOTE: no sound server (PulseAudio or PipeWire) found; using ALSA devices directly.")
    from voice_guide.audio.sinks import list_output_devices

    outputs = list_output_devices()
    if outputs:
        print("OK: audio output devices: " + "; ".join(outputs))
    else:
        print("NOTE: no audio output device. Answers are printed, and --save-audio FILE writes them as WAV.")
    try:
        from voice_guide.audio.sources import list_input_devices

        inputs = list_input_devices()
    except Exception:  # a probe must never break the doctor
        inputs = []
    if inputs:
        print("OK: microphones: " + "; ".join(inputs))
    else:
        print("NOTE: no microphone. Type questions instead, or use ask --audio FILE.")
    try:
        import pocketsphinx

        print(f"OK: PocketSphinx with its English model at {pocketsphinx.get_model_path()}.")
        t0 = time.perf_counter()
        _ = make_pipeline(args).recognizer
        print(f"OK: the recognizer for this pack is ready ({1000 * (time.perf_counter() - t0):.0f} ms).")
    except ImportError:
        problems += 1
        print("PROBLEM: pocketsphinx is not installed. Fix: pip install pocketsphinx")
    except VoiceGuideError as err:
        problems += 1
        print(f"PROBLEM: recognizer: {err}")
    try:
        from voice_guide.stt import find_vosk_model

        model = find_vosk_model(getattr(args, "vosk_model", None))
        if model:
            print(f"OK: Vosk model found at {model}.")
        else:
            print("NOTE: no Vosk model. To use Vosk: pip install 'voice-guide[vosk]' and python scripts/download_model.py")
    except VoiceGuideError as err:
        print(f"NOTE: Vosk: {err}")
    print("No problems found." if not problems else f"{problems} problem(s) found; see the fixes above.")
    return 1 if problems else 0


def sound_server() -> str | None:
    """The sound server answering on this machine ("PulseAudio 16.1", "PulseAudio (on PipeWire 1.0)"), or None."""
    import shutil
    import subprocess

    if shutil.which("pactl") is None:
        return None
    try:
        done = subprocess.run(["pactl", "info"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    info = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    name = info.get("Server Name", "PulseAudio")
    version = info.get("Server Version", "")
    label = "PulseAudio" if name == "pulseaudio" else name
    return f"{label} {version}".strip() + f", default output {info.get('Default Sink', '?')}, default input {info.get('Default Source', '?')}"
