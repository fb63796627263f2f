"""``routine``: lead a passive range-of-motion routine, step by step."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli.common import Parents, load_pack_arg, make_output, notice


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


def _read_commands_in_background(pack: Any, player: Any, commands: Any, asking_state: Any) -> None:
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


def _cmd_routine(args: argparse.Namespace) -> int:
    import queue

    from voice_guide.audio.earcons import earcon
    from voice_guide.audio.files import AudioClip, concat
    from voice_guide.core.clock import VirtualClock
    from voice_guide.nlu.safety import SafetyRules
    from voice_guide.routines.loader import load_routines
    from voice_guide.routines.log import SessionLog, clean_text
    from voice_guide.routines.model import get_routine
    from voice_guide.routines.player import PlayerSettings, PlayerState, RoutinePlayer
    from voice_guide.routines.runner import resume_point, run_routine, text_earcon
    from voice_guide.routines.texts import load_texts

    if not args.fast and not args.yes and not sys.stdin.isatty():
        raise VoiceGuideError("the safety check needs an answer and standard input is not a terminal; add --yes to answer it in advance")
    pack = load_pack_arg(args)
    routines, problems = load_routines(pack.routines_dir)
    for problem in problems:
        notice(f"Routine not loaded: {problem}")
    routine = get_routine(routines, args.name)
    interactive = not args.fast and sys.stdin.isatty()
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
    player = RoutinePlayer(
        routine, settings, start_at_step=start_at, texts=load_texts(pack.routines_dir),
        safety=SafetyRules(pack.safety), after_pain_stop=after_pain,
    )

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
    if interactive:
        _read_commands_in_background(pack, player, commands, PlayerState.ASKING_HOW_IT_WENT)
        print("Type a command and press Enter at any time: pause, ready, repeat, next, previous, slower, faster, stop, help, or it hurts.")
    # a fast run-through or an audio rendering is not a session with a person: never logged
    log = None if args.no_log or args.fast or args.save_audio is not None else SessionLog()
    result = run_routine(
        player, say, play, clock, sleep, commands,
        session_log=log, auto_confirm=args.fast or args.yes, note=clean_text(args.note),
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
