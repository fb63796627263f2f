"""``demo``: speak questions with a synthetic voice, recognize them and answer aloud."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.frontends.cli.common import Parents, make_output, make_pipeline


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("demo", parents=[parents.common, parents.speech, parents.asr], help="speak questions, recognize them and answer aloud (no microphone needed)")
    p.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the demo's WAV files (default: demo-output)")
    p.add_argument("--question-voice", default="flite:slt", help="voice that asks the questions (espeak:… or flite:…)")
    p.set_defaults(func=_cmd_demo)


def _cmd_demo(args: argparse.Namespace) -> int:
    from voice_guide.audio.files import write_wav
    from voice_guide.testing.voices import synthesize

    pipeline = make_pipeline(args)
    output = make_output(args)
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
        questions = pipeline.engine.responses.items("demo_questions") or [*pipeline.guide.examples(), "what is the weather like tomorrow"]
        for n, question in enumerate(questions, start=1):
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
