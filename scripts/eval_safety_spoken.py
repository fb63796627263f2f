#!/usr/bin/env python3
"""Score spoken safety: the safety set said by synthetic voices, clean and in kitchen noise.

Each utterance of tests/data/safety/{tune,test}.jsonl is synthesised with each voice
(:mod:`voice_guide.testing.voices`, cached under ``.cache/safety_tts/``), heard clean and
with a window of the real kitchen recording (``/work/shared/eval/noise/kitchen.wav``,
seeded offset) added at ``--snr-db`` (power over the whole clip), and run through one
:class:`~voice_guide.engine.QAPipeline` (recognizer, n-best interpreter, guide) in this
process. Scored:

* emergency and crisis: the reply is the emergency or crisis reply, or the confirmation
  question (``confirm_emergency``) -> "caught"; an article passage is counted apart (must be 0);
* near misses: an emergency, crisis or confirmation reply is a false alarm.

The full run (all utterances x 4 voices x 2 conditions) is slow on a shared machine:
``--per-group N`` takes N utterances of each concept / reason (seeded), e.g.::

    python3 scripts/eval_safety_spoken.py --part test --per-group 4
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import wave
import zlib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from data_parts import FILE_STEMS, id_number, in_half  # noqa: E402,F401  (id_number: for callers of this module)

from voice_guide.audio.files import AudioClip  # noqa: E402
from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.engine import QAPipeline  # noqa: E402
from voice_guide.testing.voices import synthesize, with_silence  # noqa: E402

DATA = ROOT / "tests" / "data" / "safety"
CACHE = ROOT / ".cache" / "safety_tts"
KITCHEN = Path("/work/shared/eval/noise/kitchen.wav")
VOICES = ("espeak:en-us", "flite:slt", "flite:rms", "flite:awb")
CAUGHT = frozenset({"emergency", "crisis", "confirm_emergency"})
CONDITIONS = ("clean", "kitchen", "pink", "babble")
PAD_MS = 300
"""Padding of the pink and babble conditions (as ``scripts/benchmark.py``)."""


def load_rows(part: str, path: Path | None = None) -> list[dict[str, str]]:
    """The rows of one part of the safety set (or of the file ``path``, in the same format: ``--file``)."""
    with open(path or DATA / f"{part}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def half_of(rows: list[dict[str, str]], half: str | None) -> list[dict[str, str]]:
    """The rows of odd or even id (tune5 / tune6: odd tuned on, even held out), all for None."""
    if half is None:
        return rows
    return [r for r in rows if in_half(r["id"], half)]


ARTICLE_SUFFIX = "_article"
"""``--articles``: the suffix of the condition recorded for an article question in a ``--dump`` (``kitchen_article``),
so that ``scripts/tune_interpret.py`` replays it as a near miss of its own condition: a confirmation question or an
alarm there is a false alarm, a passage the answer (nineteenth session: the price of asking about passages)."""


def article_rows(parts: str, every: int) -> list[dict[str, str]]:
    """The knowledge lines of the paraphrase tuning ``parts`` ("tune20:odd,tune19:odd"), every ``every``-th, as rows
    of kind ``article`` (``--articles``); a held-out part is refused (its lines are never heard one by one here)."""
    from eval_paraphrase import HELD_OUT, records_of

    rows: list[dict[str, str]] = []
    for name in parts.split(","):
        if name in HELD_OUT:
            raise SystemExit(f"--articles: {name} is held out")
        rows += [{"id": f"{name}|{r['id']}", "kind": "article", "text": r["text"]}
                 for r in records_of(name) if r["kind"] == "knowledge"]
    return rows[:: max(1, every)]


def front_end_state(recognizer: object) -> dict[str, object]:
    """Whether the noise front end denoised the last utterance, and the noise floor it decided on."""
    den = getattr(recognizer, "denoiser", None)
    if den is None:
        return {"denoised": False}
    floor = getattr(den, "floor_dbfs", None)
    return {"denoised": bool(getattr(den, "active", True)), "floor_dbfs": None if floor is None else round(floor, 1)}


def sample(rows: list[dict[str, str]], per_group: int | None, seed: int) -> list[dict[str, str]]:
    """Up to ``per_group`` rows of each kind + concept/reason (all when None), seeded."""
    if per_group is None:
        return rows
    groups: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[(row["kind"], row.get("concept") or row.get("reason") or "")].append(row)
    rng = random.Random(seed)
    out = []
    for key in sorted(groups):
        members = groups[key][:]
        rng.shuffle(members)
        out.extend(members[:per_group])
    return out


def load_noise(path: Path) -> np.ndarray:
    """The kitchen recording as float samples (16 kHz mono 16-bit expected)."""
    with wave.open(str(path)) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, 16000):
            raise SystemExit(f"{path}: expected 16 kHz mono 16-bit")
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)


def mix_kitchen(clip: AudioClip, noise: np.ndarray, snr_db: float, seed: int) -> AudioClip:
    """``clip`` with a seeded window of ``noise`` at ``snr_db`` (powers over the whole clip)."""
    s = clip.samples().astype(np.float64)
    rng = random.Random(seed)
    start = rng.randrange(0, max(1, noise.size - s.size))
    window = noise[start:start + s.size]
    if window.size < s.size:
        window = np.resize(window, s.size)
    p_s, p_n = float(np.mean(s * s)), float(np.mean(window * window))
    scale = np.sqrt(p_s / 10.0 ** (snr_db / 10.0) / max(p_n, 1e-12))
    mixed = np.clip(np.round(s + scale * window), -32768, 32767).astype("<i2")
    return AudioClip(mixed.tobytes(), clip.sample_rate_hz)


BABBLE_PART = "tune"
"""The paraphrase part whose first :data:`BABBLE_LINES` lines make the babble (``--conditions babble``):
tuning questions about the article, as the synthetic benchmark's babble is other people's questions."""
BABBLE_LINES = 20
BABBLE_VOICES = ("espeak:en-us", "espeak:en-gb+f3")
"""The voices of the babble pool (as ``scripts/benchmark.py``'s)."""


def babble_pool() -> list[AudioClip]:
    """Other people's questions for ``--conditions babble`` (:data:`BABBLE_PART`, two voices)."""
    path = ROOT / "tests" / "data" / "paraphrase" / f"{BABBLE_PART}.jsonl"
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()][:BABBLE_LINES]
    return [synthesize(t, v, cache_dir=CACHE) for t in texts for v in BABBLE_VOICES]


def mix_condition(clip: AudioClip, cond: str, noise: np.ndarray, pool: list[AudioClip], snr_db: float,
                  seed: int) -> AudioClip:
    """``clip`` heard in ``cond``: clean, kitchen (:func:`mix_kitchen`), pink (steady pink noise over the
    clip and 300 ms either side, as the synthetic benchmark's ``pink10``) or babble (three questions of
    ``pool`` spoken at once, summed and scaled to ``snr_db`` over the speech, as the benchmark's ``babble10``)."""
    if cond == "clean":
        return clip
    if cond == "kitchen":
        return mix_kitchen(clip, noise, snr_db, seed)
    from voice_guide.testing.noise import with_noise_padding

    if cond == "pink":
        return with_noise_padding(clip, PAD_MS, PAD_MS, "pink", snr_db, seed)
    padded = with_noise_padding(clip, PAD_MS, PAD_MS, "silence", 0.0, seed)
    rng = np.random.default_rng(seed)
    n = padded.num_samples
    babble = np.zeros(n)
    for k in rng.choice(len(pool), size=3, replace=False):
        other = pool[int(k)].samples().astype(np.float64)
        babble += np.tile(other, int(np.ceil(n / max(1, other.size))))[:n]
    speech = clip.samples().astype(np.float64)
    babble *= np.sqrt(float(np.mean(speech ** 2)) / ((float(np.mean(babble ** 2)) or 1.0) * 10 ** (snr_db / 10)))
    mixed = padded.samples().astype(np.float64) + babble
    return AudioClip(np.clip(np.round(mixed), -32768, 32767).astype("<i2").tobytes(), clip.sample_rate_hz)


def word_features(recognizer: object) -> dict[str, object]:
    """The decoder's per-word evidence behind the last transcript (PocketSphinx), for replay."""
    features = getattr(getattr(recognizer, "inner", recognizer), "last_features", None)
    if features is None:
        return {}
    return {"words": list(features.words), "word_posteriors": [round(p, 4) for p in features.word_posteriors]}


def _record_transcripts(pipe: QAPipeline) -> list[dict[str, object]]:
    """A list that receives what the pipeline's recognizer heard for each utterance (for ``--dump``)."""
    log: list[dict[str, object]] = []
    rec = pipe.recognizer
    transcribe = rec.transcribe

    def recording(pcm: bytes, *a: object, **k: object) -> object:
        t = transcribe(pcm, *a, **k)
        log.append({"transcript": t.text, "asr_confidence": t.confidence, "alternatives": [list(x) for x in t.alternatives],
                    **word_features(rec)})
        return t

    rec.transcribe = recording
    return log


RECORD_DIRECT_BELOW = 0.9
""":func:`record_second_hearings`: alarms heard with less recognizer confidence than this are heard again
(above ``VERIFY_DIRECT_BELOW``, for replays of that bar), though the guide hears them only below it."""


def record_second_hearings(pipe: QAPipeline) -> dict[str, object]:
    """A dict that receives the second hearing of each utterance (``second``, for replay with
    ``scripts/tune_interpret.py``): every utterance but an alarm heard with confidence
    (:data:`RECORD_DIRECT_BELOW`) is heard again, passages included, whether or not the
    interpreter's constants use it."""
    from voice_guide.nlu.interpret_verify import SecondHearing
    from voice_guide.stt.pocketsphinx import keywords

    engine = pipe.engine
    box: dict[str, object] = {}

    def second_opinion(match: object, pcm: bytes, asr_confidence: float = 1.0, state: object = None) -> object:
        box.clear()
        m: Any = match
        if m.intent in ("emergency", "crisis") and asr_confidence >= RECORD_DIRECT_BELOW:
            return m  # passages are heard again in any room (VERIFY_KNOWLEDGE replays), though the guide needs noise
        with engine._lock:
            heard = keywords.hear_again(engine.recognizer, engine._safety_phrases, pcm)
        if heard is None:
            return m
        box["second"] = {"general": {"text": heard[0][0], "alternatives": list(heard[0][1:]), "score": 0.0},
                         "safety": {"text": heard[1], "score": heard[2]}, "noisy": heard[3],
                         "floor_dbfs": heard[4] if len(heard) > 4 else None}
        if not engine.interpreter.wants_second_opinion(m, asr_confidence, heard[4] if len(heard) > 4 else None):
            return m
        return engine.interpreter.second_opinion(m, SecondHearing(*heard), asr_confidence, state if state is not None else None)

    engine.second_opinion = second_opinion  # type: ignore[method-assign]
    return box


def hear_raw(pipe: QAPipeline, clip: AudioClip, label: str, heard_log: list[dict[str, object]],
             second_log: dict[str, object]) -> dict[str, object]:
    """What the pipeline makes of ``clip`` with the noise front end off (``--raw-too``; also
    ``bench_real_speech.py --raw-too``)."""
    rec: Any = pipe.recognizer
    denoiser = getattr(rec, "denoiser", None)
    heard_log.clear()
    second_log.clear()
    pipe.start_over()
    rec.denoiser = None
    try:
        res = pipe.ask_clip(clip, label)
    finally:
        rec.denoiser = denoiser
        pipe.start_over()
    return {"intent": res.intent, "section": res.section, "slots": res.slots, **(heard_log[-1] if heard_log else {}),
            "transcript": res.transcript or "", "asr_confidence": res.asr_confidence or 0.0, **second_log}


def use_recognizer_lines(path: Path | None, weights: str | None) -> None:
    """Build the recognizer from another ``recognizer_sentences.yaml`` (``path``) and/or other list
    weights (``weights``: "red_flag=2,near_miss=1"), for a measurement (``--recognizer-lines``,
    ``--line-weights``); the engine's fingerprint takes both in, so a model built so is cached apart."""
    import hashlib

    from voice_guide import engine as engine_module

    if weights:
        for item in weights.split(","):
            name, _, value = item.partition("=")
            engine_module.RECOGNIZER_LINE_WEIGHTS[name.strip()] = int(value)
    if path is None:
        return
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lines = {str(k): [str(s) for s in v or []] for k, v in data.items()}
    fingerprint, own_lines = engine_module.Engine._fingerprint_sources, engine_module.Engine._recognizer_lines
    extra = hashlib.sha256(path.read_bytes()).hexdigest()
    default_root = load_pack(None).root  # only the default pack's lines are replaced (not the coffee pack's)

    def fingerprint_with_lines(self: Any) -> str:
        if self.pack.root != default_root:
            return fingerprint(self)
        return hashlib.sha256((fingerprint(self) + extra).encode("ascii")).hexdigest()

    def recognizer_lines(self: Any) -> dict[str, list[str]]:
        return lines if self.pack.root == default_root else own_lines(self)

    engine_module.Engine._recognizer_lines = recognizer_lines  # type: ignore[method-assign]
    engine_module.Engine._fingerprint_sources = fingerprint_with_lines  # type: ignore[method-assign]


def use_front_end(pipe: QAPipeline, dry_mix: float | None = None, engine: str | None = None,
                  floor_dbfs: float | None = None) -> None:
    """Put a front end other than the default in front of ``pipe``'s recognizer (a measurement; the main
    decode and the second hearing both use it): ``dry_mix`` of the original audio mixed back after
    denoising (``--dry-mix``), another ``engine`` (``--denoise``: "rnnoise" denoises every utterance),
    another noise floor above which ``"auto"`` denoises (``--denoise-floor``). None keeps the default."""
    from voice_guide.audio.frontend import DenoiseSettings, make_denoiser

    default = DenoiseSettings()
    settings = DenoiseSettings(engine=default.engine if engine is None else engine,
                               auto_dbfs=default.auto_dbfs if floor_dbfs is None else floor_dbfs,
                               dry_mix=default.dry_mix if dry_mix is None else dry_mix)
    rec: Any = pipe.recognizer
    rec.denoiser = make_denoiser(settings)


def use_nbest(pipe: QAPipeline, depth: int) -> None:
    """Let ``pipe``'s recognizer return ``depth`` distinct hypotheses and its interpreter look at as many
    (``--nbest``, a measurement; ``PocketSphinxSettings.nbest_size`` and ``interpret.NBEST_DEPTH``, 5 by default).
    The first five hypotheses are the default's whenever the default's scan found five: a dump made so replays the
    default depth with ``tune_interpret.py --param NBEST_DEPTH=5``."""
    from dataclasses import replace

    from voice_guide.nlu import interpret as interpret_module

    rec: Any = getattr(pipe.recognizer, "inner", pipe.recognizer)
    rec.settings = replace(rec.settings, nbest_size=depth)
    interpret_module.NBEST_DEPTH = depth


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=FILE_STEMS, default="tune")
    ap.add_argument("--voices", nargs="+", default=list(VOICES))
    ap.add_argument("--conditions", nargs="+", default=["clean", "kitchen"], choices=CONDITIONS,
                    help="kitchen: the kitchen recording; pink, babble: as the synthetic benchmark's (babble of tuning questions)")
    ap.add_argument("--snr-db", type=float, default=10.0)
    ap.add_argument("--half", choices=("odd", "even"), default=None,
                    help="only rows of odd or even id (tune5, tune6: odd is tuning data, even is held out)")
    ap.add_argument("--only", choices=("red_flag", "near_miss"), default=None,
                    help="only the emergencies and crisis talk, or only the near misses")
    ap.add_argument("--raw-too", action="store_true",
                    help="with --dump: also hear each utterance with the noise front end off (field raw), for diagnosis")
    ap.add_argument("--articles", default=None, metavar="PARTS",
                    help="speak the knowledge lines of these paraphrase tuning parts instead (tune20:odd,...), every "
                         "--every-th; dumped as near misses of condition COND_article (a passage is right, a question wrong)")
    ap.add_argument("--file", type=Path, default=None,
                    help="speak the rows of this JSON Lines file (the safety set's format: id, kind, concept, text; a "
                         "field part selects with --file-part) instead of --part: a batch of one's own phrasings")
    ap.add_argument("--file-part", default=None, help="--file: only rows whose field part is this")
    ap.add_argument("--every", type=int, default=1, help="--articles: every Nth knowledge line")
    ap.add_argument("--per-group", type=int, default=None, help="utterances per concept/reason (default: all)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--show", action="store_true", help="list every miss, passage and false alarm")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write what was heard (transcript, confidence, n-best) per utterance as JSON Lines, for replay")
    ap.add_argument("--recognizer-lines", type=Path, default=None,
                    help="build the recognizer from this recognizer_sentences.yaml instead of the pack's (a measurement)")
    ap.add_argument("--line-weights", default=None, metavar="LIST=N,...",
                    help="weights of the recognizer line lists (e.g. red_flag=2,near_miss=1; engine.RECOGNIZER_LINE_WEIGHTS)")
    ap.add_argument("--dry-mix", type=float, default=None,
                    help="share of the original audio mixed back after the noise front end (a measurement; "
                         "DenoiseSettings.dry_mix, 0 by default)")
    ap.add_argument("--denoise", choices=("auto", "rnnoise", "webrtc", "none"), default=None,
                    help="the front end's engine (a measurement; DenoiseSettings.engine, auto by default)")
    ap.add_argument("--denoise-floor", type=float, default=None, metavar="DBFS",
                    help="auto: denoise above this noise floor (a measurement; DenoiseSettings.auto_dbfs, -38)")
    ap.add_argument("--nbest", type=int, default=None, metavar="N",
                    help="hypotheses the recognizer returns and the interpreter reads (a measurement; 5 by default)")
    args = ap.parse_args()
    use_recognizer_lines(args.recognizer_lines, args.line_weights)

    rows = (article_rows(args.articles, args.every) if args.articles
            else sample(half_of(load_rows(args.part, args.file), args.half), args.per_group, args.seed))
    if args.file_part is not None:
        rows = [r for r in rows if r.get("part") == args.file_part]
    if args.only is not None:
        rows = [r for r in rows if (r["kind"] in ("emergency", "crisis")) == (args.only == "red_flag")]
    pipe = QAPipeline(load_pack(None))
    if (args.dry_mix, args.denoise, args.denoise_floor) != (None, None, None):
        use_front_end(pipe, args.dry_mix, args.denoise, args.denoise_floor)
    if args.nbest is not None:
        use_nbest(pipe, args.nbest)
    heard_log = _record_transcripts(pipe)
    second_log = record_second_hearings(pipe) if args.dump else {}
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    noise = load_noise(KITCHEN) if "kitchen" in args.conditions else np.zeros(0)
    pool = babble_pool() if "babble" in args.conditions else []
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    lines = []
    t0 = time.time()
    for i, row in enumerate(rows):
        for voice in args.voices:
            clip = with_silence(synthesize(row["text"], voice, cache_dir=CACHE))
            for cond in args.conditions:
                seed = zlib.crc32(f"{row['id']}:{voice}".encode()) & 0xFFFF
                heard = mix_condition(clip, cond, noise, pool, args.snr_db, seed)
                heard_log.clear()
                second_log.clear()
                pipe.start_over()  # a pending safety question must not make the next utterance its answer
                res = pipe.ask_clip(heard, row["id"])
                kind = "red_flag" if row["kind"] in ("emergency", "crisis") else "near_miss"
                if dump is not None:
                    label = cond + ARTICLE_SUFFIX if row["kind"] == "article" else cond
                    record = {"id": row["id"], "set": kind, "voice": voice, "condition": label,
                              "text": row["text"], "intent": res.intent, "section": res.section,
                              **(heard_log[-1] if heard_log else {"transcript": ""}), **second_log,
                              **front_end_state(pipe.recognizer)}
                    if args.raw_too and record.get("denoised"):  # clean audio is not denoised: raw is the same
                        record["raw"] = hear_raw(pipe, heard, row["id"], heard_log, second_log)
                    dump.write(json.dumps(record) + "\n")
                c = counts[(kind, cond)]
                c["n"] += 1
                c["caught"] += res.intent in CAUGHT
                c["confirm"] += res.intent == "confirm_emergency"
                c["passage"] += res.section is not None
                bad = (kind == "red_flag" and (res.intent not in CAUGHT or res.section is not None)) or (
                    kind == "near_miss" and res.intent in CAUGHT)
                if bad:
                    lines.append(f"{kind:<9} {cond:<7} {voice:<13} {res.intent:<17} {row['text']!r} heard {res.transcript!r}")
        if (i + 1) % 20 == 0:
            print(f"... {i + 1}/{len(rows)} utterances, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    print(f"part {args.part}: {len(rows)} utterances x {len(args.voices)} voices ({', '.join(args.voices)})"
          f" x {len(args.conditions)} conditions; noise at {args.snr_db:g} dB; {time.time() - t0:.0f} s")
    print(f"{'set':<10} {'condition':<9} {'n':>5} {'caught':>7} {'rate':>7} {'of which confirm':>17} {'passages':>9}")
    for (kind, cond), c in sorted(counts.items()):
        rate = 100 * c["caught"] / c["n"] if c["n"] else 0.0
        label = "false alarm" if kind == "near_miss" else ""
        print(f"{kind:<10} {cond:<9} {c['n']:>5} {c['caught']:>7} {rate:>6.1f}% {c['confirm']:>17} {c['passage']:>9} {label}")
    if args.show:
        print("\n".join(lines))
    if dump is not None:
        dump.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
