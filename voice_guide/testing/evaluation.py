"""Scoring rules shared by the evaluation and benchmark scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from voice_guide.core.errors import VoiceGuideError
from voice_guide.nlu.interpret import CONFIRM_EMERGENCY


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """Read a question set: JSON Lines with ``id``, ``kind``, ``text`` and ``expect``."""
    p = Path(path)
    if not p.exists():
        raise VoiceGuideError(f"{p}: no such question set")
    cases = []
    for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as err:
            raise VoiceGuideError(f"{p}:{n}: not JSON: {err.msg}") from None
        if not isinstance(case, dict) or not {"id", "kind", "text", "expect"} <= set(case):
            raise VoiceGuideError(f"{p}:{n}: a case needs id, kind, text and expect")
        cases.append(case)
    return cases


def score_case(case: dict[str, Any], answer: Any) -> bool:
    """True when ``answer`` (with ``intent``, ``slots`` and ``text``) meets the case's expectation.

    An emergency case is also caught by the spoken safety question (:data:`CONFIRM_EMERGENCY`:
    "Did you say ...? If this is an emergency, call ..."), as issue 12 counts it."""
    expect = case.get("expect") or {}
    kind = case.get("kind")
    text = (getattr(answer, "text", "") or "").lower()
    intent = getattr(answer, "intent", "")
    if kind == "emergency" and intent == CONFIRM_EMERGENCY:
        return True
    if "intent" in expect and intent != expect["intent"]:
        return False
    if "slot" in expect:
        name, value = expect["slot"]
        got = str((getattr(answer, "slots", {}) or {}).get(name, ""))
        if value.lower() not in got.lower():
            return False
    if "answer_any" in expect:
        if kind == "knowledge" and (intent in ("fallback", "emergency") or not getattr(answer, "section_id", None)):
            return False
        if not any(p.lower() in text for p in expect["answer_any"]):
            return False
    return True


def summarize(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals per kind, overall accuracy, false-accept and false-reject rates."""
    by_kind: dict[str, list[int]] = {}
    for r in results:
        ok_n = by_kind.setdefault(r["kind"], [0, 0])
        ok_n[0] += int(r["ok"])
        ok_n[1] += 1
    total = len(results)
    passed = sum(int(r["ok"]) for r in results)
    ood = [r for r in results if r["kind"] == "ood"]
    in_domain = [r for r in results if r["kind"] in ("knowledge", "control")]
    return {
        "total": total,
        "passed": passed,
        "accuracy": passed / total if total else 0.0,
        "by_kind": {k: tuple(v) for k, v in by_kind.items()},
        "ood_wrongly_answered": (sum(r["intent"] != "fallback" for r in ood) / len(ood)) if ood else 0.0,
        "in_domain_wrongly_rejected": (sum(r["intent"] == "fallback" for r in in_domain) / len(in_domain)) if in_domain else 0.0,
    }
