"""Building the red-flag taxonomy's concepts from ``safety.yaml`` (``concepts:``, ``pain:``,
``spoken_keywords:`` ...): each pattern compiled with its context flags (see :class:`Rule`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety_text import PatternCompiler
from voice_guide.nlu.safety_types import Concept, FindingKind, Rule


def build_concept(compiler: PatternCompiler, cid: str, cdata: Mapping[str, Any]) -> Concept:
    """The concept ``cid`` of its YAML mapping; a content error (one line) when malformed."""
    where = f"concepts.{cid}"
    try:
        kind = FindingKind(str(cdata.get("kind") or "emergency"))
    except ValueError:
        raise ContentError(f"safety.yaml: {where}: unknown kind {cdata.get('kind')!r}") from None
    rules = []
    for i, entry in enumerate(cdata.get("patterns") or []):
        firm = mild = recent = alone = False
        spoken = True
        if isinstance(entry, Mapping):
            src = str(entry.get("pattern") or "")
            with_ = tuple(compiler.compile_all(_as_list(entry.get("with")), f"{where}.patterns[{i}].with"))
            firm, mild, recent = bool(entry.get("firm")), bool(entry.get("mild")), bool(entry.get("recent"))
            alone = bool(entry.get("alone"))
            spoken = bool(entry.get("spoken", True))
        else:
            src, with_ = str(entry), ()
        pattern = compiler.compile(src, f"{where}.patterns[{i}]")
        rules.append(Rule(pattern, pattern.pattern, with_, mild, firm, recent, alone, spoken))
    if not rules:
        raise ContentError(f"safety.yaml: {where}: no patterns")
    return Concept(
        id=cid, kind=kind, label=str(cdata.get("label") or cid.replace("_", " ")),
        question=str(cdata.get("question") or "").strip(), rules=tuple(rules),
        mild_matters=bool(cdata.get("mild_matters")),
        samples=tuple(str(s) for s in cdata.get("samples") or []),
        priority=int(cdata.get("priority") or 1),
        yields_to_crisis=bool(cdata.get("yields_to_crisis")),
    )


def word_concepts(compiler: PatternCompiler, concepts: Mapping[str, Concept], data: Mapping[str, Any],
                  key: str) -> dict[str, Concept]:
    """The single red-flag words of ``data[key]`` (``spoken_keywords`` ...), one concept each,
    of the kind of the taxonomy concept they name."""
    out = {}
    for cid, pats in (data.get(key) or {}).items():
        base = concepts.get(str(cid))
        if base is None:
            raise ContentError(f"safety.yaml: {key}: unknown concept {cid!r}")
        out[str(cid)] = build_concept(compiler, str(cid), {"kind": base.kind.value, "patterns": pats})
    return out


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
