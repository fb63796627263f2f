"""Spoken paraphrase sets for ``scripts/eval_spoken.py --paraphrase`` (see its docstring).

Each line of a paraphrase part is spoken by each voice under each condition, heard by the engine
in the line's dialogue state and scored as ``scripts/eval_paraphrase.py`` scores typed lines:
knowledge right when the answer is a passage holding one of ``answer_any``; a control right when
its intent (and slots) are understood; out-of-domain wrongly answered when a passage is read.
"""

from __future__ import annotations

import argparse
import ast
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmark import case_seed, condition_audio
from eval_paraphrase import HELD_OUT, records_of

from voice_guide.nlu.state import DialogueState
from voice_guide.testing.voices import available_voices, synthesize

ROUTINE_STATES = {DialogueState.ROUTINE_COUNTING, DialogueState.ROUTINE_PAUSED, DialogueState.ROUTINE_WAITING,
                  DialogueState.ROUTINE_SAFETY_CHECK}
"""States in which a routine runs: the live session decodes with the "routine" vocabulary there."""


def _apply_engine_settings(pairs: list[str]) -> None:
    import voice_guide.engine as engine_module

    for pair in pairs:
        name, _, value = pair.partition("=")
        if not hasattr(engine_module, name):
            raise SystemExit(f"voice_guide.engine has no {name}")
        setattr(engine_module, name, ast.literal_eval(value))


def _wanted(r: dict[str, Any], args: argparse.Namespace) -> bool:
    """Whether line ``r`` passes ``--kinds`` and ``--states`` (``routine``: any of :data:`ROUTINE_STATES`)."""
    kinds, states = getattr(args, "kinds", None) or [], getattr(args, "states", None) or []
    state = r.get("state") or DialogueState.IDLE.value
    routine = DialogueState(state) in ROUTINE_STATES
    return (not kinds or r["kind"] in kinds) and (not states or state in states or routine and "routine" in states)


def _use_overrides(engine: Any, spec: str) -> None:
    """Give ``engine`` a PocketSphinx recognizer built with the overrides ``spec`` (``K=V,K=V``)."""
    from dataclasses import replace

    from tune_asr import _parse_value, split_overrides

    from voice_guide.audio.frontend import FrontEndRecognizer, make_denoiser
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, PocketSphinxSettings
    from voice_guide.stt.pocketsphinx.models import build_domain_models

    overrides = {k: _parse_value(v) for k, _, v in (p.partition("=") for p in spec.split(","))}
    denoise, backend_overrides = split_overrides(overrides)
    settings = replace(PocketSphinxSettings(), **backend_overrides)
    cache = Path(__file__).resolve().parent.parent / ".cache" / "tune_asr" / "models"
    models = build_domain_models(engine.vocabularies(), cache, settings.model_settings())
    engine._recognizer = FrontEndRecognizer(PocketSphinxRecognizer(models, settings), make_denoiser(denoise))
    print(f"recognizer overrides: {overrides}", flush=True)


def score_line(r: dict[str, Any], match: Any, answer: Any) -> bool:
    """Whether line ``r`` was answered right (the rules of ``eval_paraphrase.Scorer.paraphrase``)."""
    if r["kind"] == "knowledge":
        return bool(answer.section_id) and any(p.lower() in answer.text.lower() for p in r["answer_any"])
    if r["kind"] == "control":
        want = r.get("slots") or {}
        return bool(match.intent == r["intent"] and all(match.slots.get(k) == v for k, v in want.items()))
    return not match.is_knowledge


def hear(engine: Any, pcm: bytes, state: DialogueState) -> tuple[Any, Any, str]:
    """``(match, answer, transcript)`` of one utterance heard in ``state``."""
    vocabulary = "routine" if state in ROUTINE_STATES else "main"
    transcript = engine.transcribe(pcm, vocabulary)
    match = engine.interpret(transcript.text, transcript.confidence, transcript.alternatives, state)
    match = engine.second_opinion(match, pcm, transcript.confidence)
    answer = engine.new_conversation().handle(match)
    return match, answer, transcript.text


def run_paraphrase(args: argparse.Namespace) -> int:
    """Speak, hear and score the parts ``args.paraphrase``; print the aggregates."""
    _apply_engine_settings(args.engine_set)
    from voice_guide.engine import Engine

    voices = available_voices(tuple(args.voices))
    parts = args.paraphrase.split(",")
    lines = [(name, r) for name in parts for r in records_of(name) if _wanted(r, args)][args.offset :: max(1, args.every)]
    if args.limit:
        lines = lines[: args.limit]
    engine = Engine(cache_dir=None)
    if getattr(args, "override", ""):
        _use_overrides(engine, args.override)
    _ = engine.recognizer
    tally: dict[tuple[str, ...], list[int]] = defaultdict(lambda: [0, 0])
    rows, times_ms = [], []
    for condition in args.conditions:
        for voice in voices:
            for name, r in lines:
                clip = synthesize(r["text"], voice, cache_dir=args.cache / "paraphrase")
                audio = condition_audio(clip, condition, case_seed(voice, condition, f"{name}|{r['id']}"), [])
                state = DialogueState(r["state"]) if r.get("state") else DialogueState.IDLE
                t0 = time.perf_counter()
                match, answer, heard = hear(engine, audio.pcm, state)
                times_ms.append((time.perf_counter() - t0) * 1000)
                ok = score_line(r, match, answer)
                passage = r["kind"] == "ood" and bool(match.is_knowledge)
                for key in ((name, condition, r["kind"]), (name, condition, "all"), (name, condition, voice)):
                    tally[key][0] += ok
                    tally[key][1] += 1
                if passage:
                    tally[(name, condition, "ood_answered")][0] += 1
                held = name in HELD_OUT
                rows.append({"part": name, "condition": condition, "voice": voice, "kind": r["kind"], "ok": ok,
                             "intent": match.intent, **({} if held else {"id": r["id"], "heard": heard})})
                if args.failures and not ok and not held:
                    print(f"MISS {name} {condition} {voice} [{r['kind']}] said {r['text']!r} heard {heard!r} "
                          f"-> {match.intent} {answer.section_id or ''}")
    _print(tally, parts, args.conditions, voices)
    print(f"median hear+answer per utterance {statistics.median(times_ms):.0f} ms over {len(times_ms)}")
    if args.json:
        Path(args.json).write_text(json.dumps({"tally": {"|".join(k): v for k, v in tally.items()}, "rows": rows},
                                              indent=1))
    return 0


def _print(tally: dict[tuple[str, ...], list[int]], parts: list[str], conditions: list[str],
           voices: tuple[str, ...]) -> None:
    for name in parts:
        for condition in conditions:
            figures = []
            for kind in ("all", "knowledge", "control", "ood", *voices):
                ok, n = tally.get((name, condition, kind), [0, 0])
                if n:
                    figures.append(f"{kind} {ok}/{n} ({100 * ok / n:.1f}%)")
            ood_n = tally.get((name, condition, "ood"), [0, 0])[1]
            answered = tally.get((name, condition, "ood_answered"), [0, 0])[0]
            if ood_n:
                figures.append(f"ood wrongly answered {answered}/{ood_n} ({100 * answered / ood_n:.1f}%)")
            print(f"{name} {condition}: " + "; ".join(figures))
