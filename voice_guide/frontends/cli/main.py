"""The ``voice-guide`` command line (also ``python run.py``).

Everything printed is plain text in reading order, one line per item, with no colour,
spinners or box drawing, so screen readers read it well. Errors are one line on
standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any, Iterable, TextIO

from voice_guide.core.errors import VoiceGuideError

_LOGGER = logging.getLogger(__name__)

PROG = "voice-guide"

DEMO_QUESTIONS = (
    "can muscles that wasted away grow back",
    "how is neurogenic atrophy treated",
    "can steroids cause muscle wasting",
    "what is the weather like tomorrow",
)
"""What the demo speaks, recognizes and answers (three in-domain, one out-of-domain)."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    for name, value in _OPTION_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.ERROR, format=f"{PROG}: %(message)s")
    try:
        return int(args.func(args) or 0)
    except VoiceGuideError as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


_OPTION_DEFAULTS: dict[str, Any] = {
    "pack": None, "verbose": False, "no_speak": False, "save_audio": None, "rate": None, "volume": None,
    "voice": None, "backend": "pocketsphinx", "vosk_model": None,
}
"""Defaults of the options every command shares. They are filled in after parsing, so an
option given before the command (``run.py --pack DIR ask …``) is not reset by the command's
own copy of it."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--pack", type=Path, help="content pack folder (default: the shipped article)")
    common.add_argument("--verbose", action="store_true", help="print diagnostic messages")
    speech = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    speech.add_argument("--no-speak", action="store_true", help="print only; do not speak")
    speech.add_argument("--save-audio", type=Path, metavar="FILE", help="also write everything spoken to this WAV file")
    speech.add_argument("--rate", type=int, metavar="WPM", help="speech rate in words per minute (80-450)")
    speech.add_argument("--volume", type=float, help="speech volume, 0.1-1.0")
    speech.add_argument("--voice", help="text-to-speech voice (see doctor)")
    asr = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    asr.add_argument("--backend", choices=("pocketsphinx", "vosk"), help="speech recognizer (default pocketsphinx)")
    asr.add_argument("--vosk-model", type=Path, metavar="DIR", help="Vosk model folder (default: $VOICE_GUIDE_VOSK_MODEL or models/)")

    parser = argparse.ArgumentParser(prog=PROG, description="Offline voice guide to the article 'Muscle Atrophy Types and Causes'.",
                                     parents=[common, speech, asr])
    from voice_guide.frontends.live.session import add_live_arguments

    add_live_arguments(parser)
    parser.set_defaults(func=_cmd_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("ask", parents=[common, speech, asr], help="answer questions given as text or audio files")
    p.add_argument("question", nargs="*", help="the question, as words")
    p.add_argument("--audio", nargs="+", type=Path, metavar="FILE", help="audio files with spoken questions (WAV, FLAC, OGG)")
    p.add_argument("--text-file", type=Path, metavar="FILE", help="a file of questions, one a line")
    p.add_argument("--json", action="store_true", help="print one JSON object per input (JSON Lines)")
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("demo", parents=[common, speech, asr], help="speak questions, recognize them and answer aloud (no microphone needed)")
    p.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the demo's WAV files (default: demo-output)")
    p.add_argument("--question-voice", default="flite:slt", help="voice that asks the questions (espeak:… or flite:…)")
    p.set_defaults(func=_cmd_demo)

    p = sub.add_parser("topics", parents=[common], help="list what the guide can answer")
    p.set_defaults(func=_cmd_topics)

    p = sub.add_parser("doctor", parents=[common, asr], help="check speech, audio devices and models")
    p.set_defaults(func=_cmd_doctor)

    p = sub.add_parser("routine", parents=[common, speech], help="lead a passive range-of-motion routine, step by step")
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

    p = sub.add_parser("log", parents=[common], help="the record of routine sessions, newest first")
    p.add_argument("--json", action="store_true", help="JSON for machines")
    p.set_defaults(func=_cmd_log)

    p = sub.add_parser("export", parents=[common], help="render the whole guide to audio files with a playlist")
    p.add_argument("outdir", type=Path, help="folder for the tracks, playlist and transcripts")
    p.add_argument("--format", action="append", metavar="FMT", help="wav, flac, ogg or mp3 (repeat or comma-separate; default wav)")
    p.add_argument("--voice", help="text-to-speech voice")
    p.add_argument("--rate", type=int, metavar="WPM", help="speech rate in words per minute")
    p.add_argument("--only", choices=("sections", "routines", "faq"), help="export only these tracks")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("pack", help="make or check a content pack")
    pack_sub = p.add_subparsers(title="pack commands", metavar="PACK_COMMAND")
    q = pack_sub.add_parser("new", parents=[common], help="turn an article (text, Markdown or saved HTML) into a content pack")
    q.add_argument("article", type=Path)
    q.add_argument("--out", type=Path, help="folder for the new pack (default: next to the article, named after it)")
    q.add_argument("--title", help="the article's title, if the file does not say")
    q.add_argument("--force", action="store_true", help="rebuild a pack that exists (keeps hand-checked synonyms and pronunciations)")
    q.set_defaults(func=_cmd_pack_new)
    q = pack_sub.add_parser("check", parents=[common], help="list a pack's problems in plain words")
    q.add_argument("folder", type=Path)
    q.set_defaults(func=_cmd_pack_check)
    p.set_defaults(func=lambda args: (_ for _ in ()).throw(VoiceGuideError("say pack new ARTICLE or pack check DIR")))

    p = sub.add_parser("chat", parents=[common, speech, asr], help="a typed conversation with spoken answers (the default)")
    p.set_defaults(func=_cmd_chat)
    return parser


# --- shared helpers ---------------------------------------------------------
def _notice(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _pack(args: argparse.Namespace) -> Any:
    from voice_guide.content.pack import load_pack

    return load_pack(args.pack)


def _speech_settings(args: argparse.Namespace) -> Any:
    from voice_guide.tts.speaker import SpeechSettings

    fields = {}
    if getattr(args, "rate", None) is not None:
        fields["rate_wpm"] = args.rate
    if getattr(args, "volume", None) is not None:
        fields["volume"] = args.volume
    if getattr(args, "voice", None):
        fields["voice"] = args.voice
    return SpeechSettings(**fields)


def _output(args: argparse.Namespace) -> Any:
    from voice_guide.tts.output import VoiceOutput

    return VoiceOutput.open(speak=not args.no_speak, save_audio=args.save_audio, settings=_speech_settings(args), notice=_notice)


def _pipeline(args: argparse.Namespace) -> Any:
    from voice_guide.engine import QAPipeline

    return QAPipeline(_pack(args), backend=getattr(args, "backend", "pocketsphinx"), vosk_model=getattr(args, "vosk_model", None))


# --- commands -----------------------------------------------------------------
def _cmd_ask(args: argparse.Namespace) -> int:
    inputs: list[tuple[str, str]] = []
    if args.question:
        inputs.append(("text", " ".join(args.question)))
    if args.text_file:
        try:
            lines = args.text_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as err:
            raise VoiceGuideError(f"{args.text_file}: cannot read: {err.strerror}") from None
        inputs += [("text", line.strip()) for line in lines if line.strip()]
    for path in args.audio or []:
        inputs.append(("audio", str(path)))
    if not inputs:
        raise VoiceGuideError("nothing to answer: give a question, --text-file FILE or --audio FILE…")
    pipeline = _pipeline(args)
    output = None if args.json and args.no_speak and not args.save_audio else _output(args)
    status = 0
    try:
        for kind, value in inputs:
            pipeline.guide.reset()
            result = pipeline.ask_audio(value) if kind == "audio" else pipeline.ask_text(value)
            if result.error:
                status = 1
            if args.json:
                print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
            else:
                if kind == "text":
                    print(f"Question: {value}")
                _print_with_section(pipeline, result)
            if output is not None:
                output.say(result.answer)
    finally:
        if output is not None:
            output.close()
    return status


def _print_with_section(pipeline: Any, result: Any) -> None:
    if result.transcript is not None:
        print(f"Heard: {result.transcript or '(nothing)'}")
    if result.error:
        print(f"Problem: {result.error}")
    title = None
    if result.section:
        title = pipeline.pack.section(result.section).title
    print(f"Answer (from the section {title}): {result.answer}" if title else f"Answer: {result.answer}", flush=True)


def _cmd_topics(args: argparse.Namespace) -> int:
    pack = _pack(args)
    print(f"{pack.title}. {pack.byline}.")
    print("You can ask about these parts of the article:")
    for s in pack.sections:
        if s.kind in ("section", "faq"):
            print(f"- {s.title}")
    print("Example questions:")
    for topic in pack.topics:
        if topic.samples:
            print(f"- {topic.samples[0]}")
    print("Exercises: say start arm exercises, start leg exercises, start hand exercises or start the full body routine.")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from voice_guide.audio.files import write_wav
    from voice_guide.testing.voices import synthesize

    pipeline = _pipeline(args)
    output = _output(args)
    out_dir: Path = args.out
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise VoiceGuideError(f"{out_dir}: cannot create the demo folder: {err.strerror}") from None
    print(f"Demo: each question is spoken by the {args.question_voice} voice, recognized offline, understood, and answered aloud.")
    t0 = time.perf_counter()
    _ = pipeline.recognizer
    print(f"Recognizer ready ({pipeline.backend}) in {1000 * (time.perf_counter() - t0):.0f} ms.")
    try:
        for n, question in enumerate(DEMO_QUESTIONS, start=1):
            print(f"Step {n}.1, question spoken: {question}")
            clip = synthesize(question, args.question_voice)
            q_path = write_wav(out_dir / f"{n:02d}-question.wav", clip)
            pipeline.guide.reset()
            result = pipeline.ask_clip(clip, str(q_path))
            print(f"Step {n}.2, recognized: {result.transcript} (confidence {result.asr_confidence:.2f}, {result.latency_ms['asr']:.0f} ms)")
            print(f"Step {n}.3, understood: {result.intent} (confidence {result.confidence:.2f})")
            title = pipeline.pack.section(result.section).title if result.section else None
            print(f"Step {n}.4, answer{f' from the section {title}' if title else ''}: {result.answer}")
            if output.speaker is not None:
                answer_clip = output.speaker.render(result.answer, output.settings)
                a_path = write_wav(out_dir / f"{n:02d}-answer.wav", answer_clip)
                output.play(answer_clip)
                print(f"Step {n}.5, answer spoken and saved to {a_path}")
    finally:
        output.close()
    print(f"Demo finished. The questions and answers are WAV files in {out_dir}.")
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    import shutil

    problems = 0
    print("voice-guide doctor: checking what speech needs on this machine.")
    try:
        pack = _pack(args)
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
        _pipeline(args).recognizer
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


def _cmd_default(args: argparse.Namespace) -> int:
    """``run.py`` with no command: a live voice session when a microphone (or ``--input-wav``)
    is there, else a typed conversation with spoken answers."""
    from voice_guide.frontends.live.session import NoMicrophoneError, run_live

    try:
        return run_live(args)
    except NoMicrophoneError as err:
        _notice(str(err))
        return _cmd_chat(args)


def _cmd_chat(args: argparse.Namespace) -> int:
    pipeline = _pipeline(args)
    output = _output(args)
    interactive = sys.stdin.isatty()
    print(f"voice-guide: {pipeline.pack.title}. Type a question and press Enter. Type help for what you can say, or quit to leave.")
    try:
        for line in _lines(sys.stdin, interactive):
            if not line.strip():
                continue
            result = pipeline.ask_text(line)
            _print_with_section(pipeline, result)
            output.apply(result.intent)
            output.say(result.answer)
            if result.intent == "exit":
                break
    finally:
        output.close()
    return 0


def _cmd_routine(args: argparse.Namespace) -> int:
    import queue
    import threading

    from voice_guide.audio.files import AudioClip, concat
    from voice_guide.audio.earcons import earcon
    from voice_guide.routines.player import PlayerSettings
    from voice_guide.routines.runner import VirtualClock, run_routine, text_earcon
    from voice_guide.routines.model import get_routine, load_routines
    from voice_guide.routines.log import SessionLog, last_unfinished
    from voice_guide.routines.player import RoutinePlayer, build_plan

    pack = _pack(args)
    routines, problems = load_routines(pack.routines_dir)
    for problem in problems:
        _notice(f"Routine not loaded: {problem}")
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

    output = _output(args)
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
        from voice_guide.nlu.understanding import Understander
        from voice_guide.dialogue.guide import Guide

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
    log = None if args.no_log else SessionLog()
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


def _cmd_log(args: argparse.Namespace) -> int:
    from voice_guide.routines.log import format_sessions_text, read_sessions, sessions_to_json

    sessions = read_sessions()
    if args.json:
        print(sessions_to_json(sessions))
    else:
        print(format_sessions_text(sessions))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from voice_guide.export.guide import export_guide

    formats = ",".join(args.format) if args.format else "wav"
    report = export_guide(args.pack, args.outdir, formats=formats, voice=args.voice, rate_wpm=args.rate,
                          only=args.only, progress=True)
    for line in report.summary_lines():
        print(line)
    return 0


def _cmd_pack_new(args: argparse.Namespace) -> int:
    from voice_guide.content.builder import build_pack

    out = args.out or args.article.with_suffix("")
    report = build_pack(args.article, out, title=args.title, overwrite=args.force)
    for line in report.summary_lines():
        print(line)
    print(f"Use it with: python3 run.py --pack {out}")
    return 0


def _cmd_pack_check(args: argparse.Namespace) -> int:
    from voice_guide.content.builder import check_pack

    problems = check_pack(args.folder)
    if not problems:
        print(f"{args.folder}: no problems found.")
        return 0
    print(f"{args.folder}: {len(problems)} problem(s):")
    for problem in problems:
        print(f"- {problem}")
    return 1


def _lines(stream: TextIO, prompt: bool) -> Iterable[str]:
    while True:
        if prompt:
            print("> ", end="", flush=True)
        line = stream.readline()
        if not line:
            return
        yield line.rstrip("\n")
