"""A private PulseAudio sound server for tests: a null sink as the speaker, a FIFO-fed source as the microphone.

Real audio goes through the same path as on a desktop (PortAudio -> ALSA's pulse plugin ->
PulseAudio), with no sound card: :class:`PulseServer` starts ``pulseaudio`` as a user daemon in
its own runtime folder, loads ``module-null-sink`` (``spk``; its monitor ``spk.monitor`` is
what the speaker "played") and ``module-pipe-source`` (``mic``, 16 kHz mono, fed from a FIFO),
and makes them the defaults. Used by tests and scripts, never by the guide itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import wave
from pathlib import Path

from voice_guide.core.errors import VoiceGuideError

MIC_RATE_HZ = 16000
"""The virtual microphone's sample rate."""


class PulseUnavailable(VoiceGuideError):
    """PulseAudio is not installed or would not start here."""


class PulseServer:
    """A headless PulseAudio server in ``runtime_dir`` (start with :meth:`start`, end with :meth:`stop`)."""

    def __init__(self, runtime_dir: Path) -> None:
        self.runtime_dir = Path(runtime_dir)
        self.fifo = self.runtime_dir / "mic.fifo"
        self.env = dict(os.environ, XDG_RUNTIME_DIR=str(self.runtime_dir), PULSE_SERVER=f"unix:{self.runtime_dir}/pulse/native")

    def start(self) -> PulseServer:
        """Start the daemon and its devices; :class:`PulseUnavailable` with the reason when it cannot."""
        if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
            raise PulseUnavailable("pulseaudio is not installed (apt-get install pulseaudio pulseaudio-utils libasound2-plugins)")
        self.runtime_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.runtime_dir, 0o700)
        env = dict(self.env)
        env.pop("PULSE_SERVER")
        started = subprocess.run(
            ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "-n", "--use-pid-file=yes",
             "--load=module-native-protocol-unix", "--load=module-null-sink sink_name=spk"],
            env=env, capture_output=True, text=True, timeout=30)
        if started.returncode != 0:
            raise PulseUnavailable(f"pulseaudio did not start: {started.stderr.strip().splitlines()[-1:]}")
        for _ in range(50):
            if self._pactl("info", check=False).returncode == 0:
                break
            time.sleep(0.1)
        self._pactl("load-module", "module-pipe-source", "source_name=mic", f"file={self.fifo}",
                    "format=s16le", f"rate={MIC_RATE_HZ}", "channels=1")
        self._pactl("set-default-source", "mic")
        self._pactl("set-default-sink", "spk")
        return self

    def stop(self) -> None:
        """End the daemon."""
        subprocess.run(["pulseaudio", "--kill"], env=self.env, capture_output=True, timeout=30)

    def _pactl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["pactl", *args], env=self.env, capture_output=True, text=True, timeout=30)
        if check and done.returncode != 0:
            raise PulseUnavailable(f"pactl {args[0]} failed: {done.stderr.strip()}")
        return done

    def feed_microphone(self, pcm: bytes, total_s: float, start: threading.Event | None = None) -> threading.Thread:
        """Play 16 kHz mono PCM into the virtual microphone in real time, then silence up to ``total_s``.

        With ``start``, the microphone hears silence until the event is set, then ``pcm``."""
        def run() -> None:
            chunk = MIC_RATE_HZ // 50 * 2  # 20 ms
            silence = b"\0" * chunk
            with open(self.fifo, "wb", buffering=0) as f:
                t0 = time.monotonic()
                n = 0

                def write(piece: bytes) -> None:
                    nonlocal n
                    f.write(piece)
                    n += 1
                    delay = t0 + n * 0.02 - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)

                while start is not None and not start.is_set() and n * 0.02 < total_s:
                    write(silence)
                for i in range(0, len(pcm), chunk):
                    write(pcm[i:i + chunk].ljust(chunk, b"\0"))
                while n * 0.02 < total_s:
                    write(silence)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread

    def record_speaker(self, path: Path) -> subprocess.Popen[bytes]:
        """Start recording what the speaker plays (the null sink's monitor) to a WAV file."""
        return subprocess.Popen(["parec", "-d", "spk.monitor", "--file-format=wav", "--rate=16000", "--channels=1", str(path)],
                                env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wav_pcm(path: Path) -> bytes:
    """The frames of a 16-bit WAV file."""
    with wave.open(str(path)) as w:
        return w.readframes(w.getnframes())
