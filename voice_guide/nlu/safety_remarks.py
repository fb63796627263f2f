"""Calm remarks: talk of interest, comfort or mood said around a command or in answer to the guide's check.

A caregiver says "keep going with that, i'm really interested" after an answer, or "he's wide awake and comfy" at a
routine's safety check. The learned safety net read such remarks as crisis talk (0.82) or asked whether it was an
emergency (0.82), with no word of the rules in them (twenty-third session, second part). ``safety.yaml``'s
``calm_remarks:`` lists whole-clause patterns of such remarks (``patterns``) over a few word lists of its own
(``words``, named in the patterns as ``{name}``); :class:`CalmRemarks` reads them. A remark only counts where no
emergency or crisis phrase of the rules (even a cancelled one), no crisis warning sign and no spoken keyword is in the
message (:meth:`voice_guide.nlu.safety.SafetyRules.calm_remark`); it never cancels a phrase of the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety_text import PatternCompiler

__all__ = ["CalmRemarks", "remark_cut"]

_WORDS = re.compile(r"\{(\w+)\}")

_CONTRAST = "but|though|although|even though|yet|except"
"""Words that set a calm remark against what follows it (:meth:`CalmRemarks.frames`)."""


@dataclass(frozen=True)
class CalmRemarks:
    """The whole-clause patterns of calm remarks (none: no clause is one)."""

    patterns: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_data(cls, data: Any, compiler: PatternCompiler) -> CalmRemarks:
        """Build from the ``calm_remarks:`` mapping of ``safety.yaml`` (``words`` and ``patterns``; absent: none)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ContentError("safety.yaml: calm_remarks: expected a mapping of words and patterns")
        words = {str(k): str(v) for k, v in (data.get("words") or {}).items()}
        sources = [_with_words(str(p), words) for p in data.get("patterns") or []]
        return cls(tuple(compiler.compile_all(sources, "calm_remarks.patterns")))

    def is_remark(self, clause: str) -> bool:
        """True when the normalised clause ``clause`` is a calm remark as a whole ("he is comfortable")."""
        return any(p.fullmatch(clause) for p in self.patterns)

    def frames(self, parts: Iterable[str], norm: str) -> frozenset[str]:
        """The clauses of ``parts`` that are a calm remark set against what follows by a contrast in ``norm`` (the
        normalised text): "he is comfortable but he told me he wants to be gone", "she seems content though she says
        ...". Crisis talk after such a frame is read as the message's only statement (twenty-fourth session; the frame
        of a comma or "and" is not: "he is happy, he says he is ready to go" is a carer's word)."""
        return frozenset(p for p in parts if self.is_remark(p) and re.search(
            rf"(?:^|[|] ){re.escape(p)} (?:[|] )?(?:{_CONTRAST})\b", norm))

    def remarks(self, parts: Iterable[str]) -> bool:
        """True when there is at least one clause in ``parts`` (normalised clauses) and every one is a calm remark."""
        parts = [p for p in parts if p]
        return bool(parts) and bool(self.patterns) and all(
            any(p.fullmatch(part) for p in self.patterns) for part in parts)


def remark_cut(clause: str, is_remark: Callable[[str], bool]) -> list[str]:
    """``clause`` cut in two where one side is a calm remark by ``is_remark`` and the other is not (a transcript has
    no commas: "keep going with that i'm really interested"), the longest remark first; else ``[clause]``."""
    words = clause.split()
    if len(words) < 2 or is_remark(clause):
        return [clause]
    for i in range(1, len(words)):
        for remark, other in ((words[i:], words[:i]), (words[:len(words) - i], words[len(words) - i:])):
            if is_remark(" ".join(remark)):
                return [" ".join(other), " ".join(remark)]
    return [clause]


def _with_words(source: str, words: Mapping[str, str]) -> str:
    """``source`` with each ``{name}`` of ``words`` replaced by its alternatives (other names are left to the
    compiler's fields)."""
    return _WORDS.sub(lambda m: f"(?:{words[m.group(1)]})" if m.group(1) in words else m.group(0), source)
