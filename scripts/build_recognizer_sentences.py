#!/usr/bin/env python3
"""Write the pack's ``recognizer_sentences.yaml``: how people ask, for the recognizer's language model.

The lines are the paraphrase sets' tuning parts only (``data_parts.PARAPHRASE_TUNING``: ``tune``, ``tune2``,
``tune3`` and the odd ids of the split sets, thirteen independent authors): knowledge questions, control lines and
out-of-domain lines, each kind in its own list. Never a test part, a held-out half
(``data_parts.HELD_OUT_HALVES``) or the shared dev set: a line within a fuzzy
ratio of 85 of one of those is dropped (compared only, never written or printed). A line with a
word rarer than Zipf 1.5 in English that the pack's own sentences do not use (a misspelling such
as "atrofy") is dropped too: the recognizer would learn a guessed pronunciation for it.
The engine adds the lists to the "main" vocabulary's sentences (``voice_guide/engine.py``,
``RECOGNIZER_LINE_WEIGHTS``).

Two more lists come from the safety set's tuning parts (``--safety-sets``: ``tune``, ``tune2``,
``tune3`` and the odd ids of the split sets, ``tune4`` included; a line within fuzzy ratio 85 of a held-out safety
line is dropped, ``scripts/fit_safety_model.py``'s guard and tune4's even ids): ``red_flag`` (the emergency and crisis reports, so that a spoken red flag said in everyday words
can be heard) and ``near_miss`` (questions about conditions, histories, negations, idioms). A list the
engine gives no weight is not used.

    python3 scripts/build_recognizer_sentences.py [--sets tune,tune2,...] [--safety-sets tune,...] [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_training_sets import HELD_OUT_PARTS, TUNING_PARTS, _key, _too_close, guarded_keys  # noqa: E402
from data_parts import PARAPHRASE_TUNING, SPLIT_STEMS  # noqa: E402
from eval_paraphrase import records_of  # noqa: E402

from voice_guide.content.pack import load_pack  # noqa: E402
from voice_guide.core.files import write_atomic_text  # noqa: E402
from voice_guide.engine import RECOGNIZER_LINES_FILE, Engine  # noqa: E402
from voice_guide.lang.en import ENGLISH  # noqa: E402
from voice_guide.stt.base import normalize_words  # noqa: E402

MIN_RARE_WORD_ZIPF = 1.5
"""A word of a line rarer than this (wordfreq Zipf) and unknown to the pack's sentences drops the line."""

KINDS = {"knowledge": "knowledge", "control": "control", "ood": "out_of_domain"}
"""Record kind -> list name in the file."""

SAFETY_KINDS = {1: "red_flag", 2: "red_flag", 0: "near_miss"}
"""Safety line label (``fit_safety_model.LABEL``: near miss, emergency, crisis) -> list name in the file."""


def build(sets: list[str], safety_sets: tuple[str, ...] = ()) -> tuple[dict[str, list[str]], dict[str, int]]:
    """``(list name -> lines, tallies)`` from the paraphrase tuning parts ``sets`` and the safety
    tuning parts ``safety_sets``."""
    if any(s in HELD_OUT_PARTS or s.startswith("test") or ":" not in s and s in SPLIT_STEMS
           for s in sets):
        raise SystemExit("only tuning parts may be used")
    engine = Engine(load_pack())
    known_words = {w for s in engine.understander.language_sentences() for w in normalize_words(s)}
    guarded = guarded_keys()
    out: dict[str, list[str]] = {name: [] for name in (*KINDS.values(), *dict.fromkeys(SAFETY_KINDS.values()))}
    seen: set[str] = set()
    tally = {"kept": 0, "dropped_close": 0, "dropped_rare_word": 0, "duplicate": 0}
    candidates = [(KINDS[r["kind"]], r["text"]) for name in sets for r in records_of(name)]
    candidates += [(SAFETY_KINDS[line.label], line.text) for line in _safety_lines(safety_sets)]
    for kind, raw in candidates:
        text = " ".join(raw.split())
        key = _key(text)
        if key in seen:
            tally["duplicate"] += 1
            continue
        seen.add(key)
        if any(w not in known_words and ENGLISH.rarity(w) < MIN_RARE_WORD_ZIPF for w in normalize_words(text)):
            tally["dropped_rare_word"] += 1
            continue
        if _too_close(text, guarded):
            tally["dropped_close"] += 1
            continue
        out[kind].append(text)
        tally["kept"] += 1
    return out, tally


SAFETY_TUNING = PARAPHRASE_TUNING
"""The safety set's tuning parts read here: stricter than ``data_parts.SAFETY_TUNING`` (tune4's even ids are left out too)."""


def _safety_lines(parts: tuple[str, ...]) -> list[Any]:
    """The safety set's lines of the tuning ``parts``, none within fuzzy ratio 85 of a held-out safety line
    (``fit_safety_model``'s guard, and tune4's even ids)."""
    if not parts:
        return []
    from fit_safety_model import _key as safety_key
    from fit_safety_model import _near_held_out, _read_part
    from rapidfuzz import fuzz, process

    if any(p not in SAFETY_TUNING for p in parts):
        raise SystemExit(f"only the safety tuning parts may be used: {', '.join(SAFETY_TUNING)}")
    guarded = [safety_key(line.text) for line in _read_part("tune4:even")]
    return [line for p in parts for line in _read_part(p) if not _near_held_out(line.text)
            and process.extractOne(safety_key(line.text), guarded, scorer=fuzz.ratio, score_cutoff=85.0) is None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(TUNING_PARTS), help="tuning parts to take lines from")
    parser.add_argument("--safety-sets", default=",".join(SAFETY_TUNING),
                        help="safety tuning parts for the red_flag and near_miss lists ('' for none)")
    parser.add_argument("--out", type=Path, help=f"where to write (default: the pack's {RECOGNIZER_LINES_FILE})")
    args = parser.parse_args(argv)
    sets = args.sets.split(",")
    safety_sets = tuple(s for s in args.safety_sets.split(",") if s)
    lines, tally = build(sets, safety_sets)
    header = (f"# Sentences for the recognizer's language model: how people ask, written by independent authors\n"
              f"# (the paraphrase sets' tuning parts {', '.join(sets)}, tests/data/paraphrase/;\n"
              f"# red_flag and near_miss: the safety set's tuning parts {', '.join(safety_sets) or 'none'}, tests/data/safety/).\n"
              f"# Built by scripts/build_recognizer_sentences.py (rebuild it, do not edit). Never lines of a test\n"
              f"# part, a held-out half or the shared dev set (lines within fuzzy ratio 85 of those dropped), nor\n"
              f"# lines with a rare word the pack does not use. Used only by the recognizer (engine.vocabularies).\n")
    body = yaml.safe_dump(lines, sort_keys=False, allow_unicode=True, width=200)
    out = args.out or (load_pack().root or Path(".")) / RECOGNIZER_LINES_FILE
    write_atomic_text(out, header + body)
    print(f"written {out}: {tally}, {({k: len(v) for k, v in lines.items()})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
