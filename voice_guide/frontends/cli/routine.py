"""``routine``: lead a passive range-of-motion routine, step by step."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from voice_guide.frontends.cli.common import Parents, load_pack_arg, make_output, notice


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("routine", parents=[parents.common, parents.speech], help="lead a passive range-of-motion routine, step by step")
    p.add_argument("name", help="arms, legs, hands or full_body")
    p.add_argument("--fast", action="store_true", help="demonstration time scale: no waiting (safety check answered yes)")
    p.add_argument("--yes", action="store_true", help="answer the safety check with yes in advance")
    p.add_argument("--reps", type=int, metavar="N", help="repetitions per movement, 3-10 (default: each step's own, 5)")
    p.add_argument("--seconds-each-way", type=float, default=3.0, metavar="S", help="pace of each movement (default 3)")
    p.add_argument("--brief", action="store_true", help="say only the exercise name and the count")
    p.add_argument("--speech-only", action="store_true", help="no earcons (tones)")
    p.add_argument("--resume", action="store_true", help="start where the last unfinished session of this routine stopped")
    p.add_argument("--no-log", action="store_true", help="do not record this session")
    p.add_argument("--note", default="", help="a note to keep with the session record")
    p.set_defaults(func=_cmd_routine)


def _cmd_routine(args: argparse.Namespace) -> int:
    import queue
    import threading

    from voice_guide.audio.earcons import earcon
    from voice_guide.audio.files import AudioClip, concat
    from voice_guide.routines.log import SessionLog, last_unfinished
    from voice_guide.routines.model import get_routine, load_routines
    from voice_guide.routines.player import PlayerSettings, RoutinePlayer, build_plan
    from voice_guide.routines.runner import VirtualClock, run_routine, text_earcon

    pack = load_pack_arg(args)
    routines, problems = load_routines(pack.routines_dir)
    for problem in problems:
        notice(f"Routine not loaded: {problem}")
    routine = get_routine(routines, args.name)
    settings = PlayerSettings(
        repetitions=args.reps,
        seconds_each_way=args.seconds_each_way,
        earcons=not args.speech_only,
        verbosity="brief" if args.brief else "full",
    )
    start_at = 0
    if args.resume:
        previous = last_unfinished(routine.id)
        if previous is not None and previous.resume_step_index is not None and previous.resume_step_index < len(build_plan(routine)):
            start_at = previous.resume_step_index
            print(f"Resuming {routine.title} at step {start_at + 1}.")
        else:
            print(f"No unfinished session of {routine.title} to resume; starting at the beginning.")
    player = RoutinePlayer(routine, settings, start_at_step=start_at)

    output = make_output(args)
    virtual = VirtualClock() if args.fast else None
    clock = virtual.monotonic if virtual else time.monotonic
    sleep = virtual.sleep if virtual else time.sleep
    timeline: list[tuple[float, AudioClip]] = []

    def emit(clip: AudioClip | None) -> None:
        if clip is None:
            return
        if virtual is not None and args.save_audio is not None:
            timeline.append((clock(), clip))
        elif output.sinks:
            output.play(clip)

    def say(text: str) -> None:
        print(text, flush=True)
        if output.speaker is not None:
            emit(output.speaker.render(text, output.settings))

    def play(name: str) -> None:
        text_earcon(lambda line: print(line, flush=True))(name)
        if output.speaker is not None:
            emit(earcon(name, 22050))

    commands: "queue.Queue[tuple[str, str]]" = queue.Queue()
    understander = None
    if not args.fast and sys.stdin.isatty():
        from voice_guide.dialogue.guide import Guide
        from voice_guide.nlu.understanding import Understander

        understander = Understander(pack)
        guide = Guide(pack, understander)
        print("Type a command and press Enter at any time: pause, resume, repeat, next, previous, slower, faster, stop, help, or it hurts.")

        def read_commands() -> None:
            for line in sys.stdin:
                match = understander.understand(line)
                if match.is_knowledge:
                    commands.put(("question", guide.answer(match).text))
                elif match.intent in ("fallback",):
                    commands.put(("help", line.strip()))
                else:
                    commands.put((match.intent, line.strip()))

        threading.Thread(target=read_commands, daemon=True).start()
    log = None if args.no_log or args.save_audio is not None else SessionLog()  # a recording is not a session
    result = run_routine(
        player, say, play, clock, sleep, commands,
        session_log=log, auto_confirm=args.fast or args.yes, note=args.note,
    )
    if virtual is not None and args.save_audio is not None and timeline:
        from voice_guide.audio.files import write_wav

        rate = timeline[0][1].sample_rate_hz
        pieces: list[AudioClip] = []
        cursor_s = 0.0
        for at_s, clip in timeline:
            start_s = max(at_s, cursor_s)  # speech never overlaps: it waits for the previous line
            pieces.append(AudioClip(b"\x00\x00" * int((start_s - cursor_s) * rate), rate))
            pieces.append(clip.resampled(rate))
            cursor_s = start_s + clip.duration_ms / 1000.0
        write_wav(args.save_audio, concat(pieces))
        output.sinks = [s for s in output.sinks if s.__class__.__name__ != "WavFileSink"]
    output.close()
    print(f"Routine ended: {result.reason.replace('_', ' ')} after {len(result.progress.steps_completed)} exercises.")
    if args.save_audio is not None:
        print(f"Audio saved to {args.save_audio}.")
    return 0
