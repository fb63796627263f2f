"""``routine``: lead a passive range-of-motion routine, step by step."""

from __future__ import annotations

import argparse
import queue
import sys
import time
from typing import TYPE_CHECKING, Any

from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli.common import Parents, load_pack_arg, make_output, notice

if TYPE_CHECKING:
    from voice_guide.content.pack import ContentPack
    from voice_guide.core.clock import VirtualClock
    from voice_guide.routines.player import PlayerState, RoutinePlayer


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("routine", parents=[parents.common, parents.speech], help="lead a passive range-of-motion routine, step by step")
    p.add_argument("name", help="arms, legs, hands or full_body")
    p.add_argument("--fast", action="store_true", help="demonstration time scale: no waiting (safety check answered yes)")
    p.add_argument("--yes", action="store_true", help="answer the safety check with yes in advance")
    p.add_argument("--reps", type=int, metavar="N", help="repetitions per movement, 3-10 (default: each step's own, 5)")
    p.add_argument("--seconds-each-way", type=float, default=3.0, metavar="S", help="pace of each movement (default 3)")
    p.add_argument("--brief", action="store_true", help="say only the exercise name, its caution and the count (every safety line is kept)")
    p.add_argument("--side", choices=("both", "left", "right"), default="both", help="one side only, or both (default)")
    p.add_argument("--counting", choices=("words", "ticks", "quiet"), default="words",
                   help="how the seconds of a hold are marked: 'hold' said again (default), a soft tick, or silence")
    p.add_argument("--speech-only", action="store_true", help="no earcons (tones)")
    p.add_argument("--resume", action="store_true", help="start where the last unfinished session of this routine stopped")
    p.add_argument("--no-log", action="store_true", help="do not record this session (--fast and --save-audio runs are never recorded)")
    p.add_argument("--note", default="", help="a note to keep with the session record")
    p.set_defaults(func=_cmd_routine)


def _read_commands_in_background(pack: "ContentPack", player: "RoutinePlayer",
                                 commands: "queue.Queue[tuple[str, str]]", asking_state: "PlayerState") -> None:
    """Read typed lines in a thread and put ``(command, text)`` for the player on ``commands``."""
    import threading

    from voice_guide.engine import Engine
    from voice_guide.routines.commands import command_for

    engine = Engine(pack)
    understander = engine.understander
    guide = engine.new_conversation().guide

    def read() -> None:
        for line in sys.stdin:
            text = line.strip()
            if not text:
                continue
            match = understander.understand(text)
            command = command_for(match.intent, text)
            if player.state == asking_state and command not in ("skip", "stop", "no", "pain", "emergency", "help"):
                commands.put(("answer", text))
            elif command is not None:
                commands.put((command, text))
            elif match.is_knowledge:
                commands.put(("question", guide.answer(match).text))
            else:
                commands.put(("help", text))

    threading.Thread(target=read, daemon=True).start()


class _Rendering:
    """Where the routine's lines and earcons go: printed, spoken live, or laid on a virtual timeline.

    A ``--fast --save-audio`` run has no real time to play in: each clip is placed at the virtual
    clock's time and the whole timeline is written as one WAV file at the end.
    """

    def __init__(self, args: argparse.Namespace, virtual: "VirtualClock | None") -> None:
        self.output = make_output(args)
        self.save_audio: str | None = args.save_audio
        self.virtual = virtual
        self.timeline: list[tuple[float, AudioClip]] = []
        """``(virtual time in seconds, clip)`` of every clip, when the run is rendered to a file."""

    def emit(self, clip: AudioClip | None) -> None:
        """Play ``clip`` now, or place it on the timeline."""
        if clip is None:
            return
        if self.virtual is not None and self.save_audio is not None:
            self.timeline.append((self.virtual.monotonic(), clip))
        elif self.output.sinks:
            self.output.play(clip)

    def say(self, text: str) -> None:
        """Print a line and speak it."""
        print(text, flush=True)
        if self.output.speaker is not None:
            self.emit(self.output.speaker.render(text, self.output.settings))

    def play(self, name: str) -> None:
        """Print an earcon's text form and play its tone."""
        from voice_guide.audio.earcons import earcon
        from voice_guide.routines.runner import text_earcon

        text_earcon(lambda line: print(line, flush=True))(name)
        if self.output.speaker is not None:
            self.emit(earcon(name, 22050))

    def close(self) -> None:
        """Write the timeline (if any) as one WAV file, then close the output."""
        if self.virtual is not None and self.save_audio is not None and self.timeline:
            from voice_guide.audio.files import write_wav

            write_wav(self.save_audio, _lay_out(self.timeline))
            self.output.sinks = [s for s in self.output.sinks if s.__class__.__name__ != "WavFileSink"]
        self.output.close()


def _lay_out(timeline: list[tuple[float, AudioClip]]) -> AudioClip:
    """One clip of a timeline's clips at their times; speech never overlaps: a clip waits for the one before."""
    from voice_guide.audio.files import concat

    rate = timeline[0][1].sample_rate_hz
    pieces: list[AudioClip] = []
    cursor_s = 0.0
    for at_s, clip in timeline:
        start_s = max(at_s, cursor_s)
        pieces.append(AudioClip(b"\x00\x00" * int((start_s - cursor_s) * rate), rate))
        pieces.append(clip.resampled(rate))
        cursor_s = start_s + clip.duration_ms / 1000.0
    return concat(pieces)


def _make_player(args: argparse.Namespace, pack: "ContentPack", interactive: bool) -> "RoutinePlayer":
    """The routine's player, with the options' settings, resumed where the last session stopped if asked."""
    from voice_guide.nlu.safety import SafetyRules
    from voice_guide.routines.loader import load_routines
    from voice_guide.routines.model import get_routine
    from voice_guide.routines.player import PlayerSettings, RoutinePlayer
    from voice_guide.routines.runner import resume_point
    from voice_guide.routines.texts import load_texts

    routines, problems = load_routines(pack.routines_dir)
    for problem in problems:
        notice(f"Routine not loaded: {problem}")
    routine = get_routine(routines, args.name)
    settings = PlayerSettings(
        repetitions=args.reps,
        seconds_each_way=args.seconds_each_way,
        earcons=not args.speech_only,
        verbosity="brief" if args.brief else "full",
        side=args.side,
        counting_style=args.counting,
        ask_how_it_went=interactive,
    )
    start_at, after_pain = 0, False
    if args.resume:
        start_at, after_pain, message = resume_point(routine, args.side)
        print(message)
    return RoutinePlayer(
        routine, settings, start_at_step=start_at, texts=load_texts(pack.routines_dir),
        safety=SafetyRules(pack.safety), after_pain_stop=after_pain,
    )


def _cmd_routine(args: argparse.Namespace) -> int:
    from voice_guide.core.clock import VirtualClock
    from voice_guide.routines.log import SessionLog, clean_text
    from voice_guide.routines.player import PlayerState
    from voice_guide.routines.runner import run_routine

    if not args.fast and not args.yes and not sys.stdin.isatty():
        raise VoiceGuideError("the safety check needs an answer and standard input is not a terminal; add --yes to answer it in advance")
    pack = load_pack_arg(args)
    interactive = not args.fast and sys.stdin.isatty()
    player = _make_player(args, pack, interactive)
    virtual = VirtualClock() if args.fast else None
    rendering = _Rendering(args, virtual)
    commands: "queue.Queue[tuple[str, str]]" = queue.Queue()
    if interactive:
        _read_commands_in_background(pack, player, commands, PlayerState.ASKING_HOW_IT_WENT)
        print("Type a command and press Enter at any time: pause, ready, repeat, next, previous, slower, faster, stop, help, or it hurts.")
    # a fast run-through or an audio rendering is not a session with a person: never logged
    log = None if args.no_log or args.fast or args.save_audio is not None else SessionLog()
    result = run_routine(
        player, rendering.say, rendering.play,
        virtual.monotonic if virtual else time.monotonic, virtual.sleep if virtual else time.sleep, commands,
        session_log=log, auto_confirm=args.fast or args.yes, note=clean_text(args.note),
    )
    rendering.close()
    print(f"Routine ended: {result.reason.replace('_', ' ')} after {len(result.progress.steps_completed)} exercises.")
    if args.save_audio is not None:
        print(f"Audio saved to {args.save_audio}.")
    return 0
