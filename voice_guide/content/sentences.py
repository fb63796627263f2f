"""The one sentence splitter: a paragraph of the pack's text into its sentences.

Used to build a pack's sections, to read answers a sentence at a time and to split what is spoken.
Abbreviations such as "U.S." or "e.g." are kept whole.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = ("U.S.", "e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "vs.", "etc.", "St.")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“(0-9])")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as "U.S." whole."""
    text = " ".join(text.split())
    if not text:
        return []
    protected = text
    for i, abbr in enumerate(_ABBREVIATIONS):
        protected = protected.replace(abbr, f"\x00{i}\x00")
    parts = _SENTENCE_END.split(protected)
    out = []
    for part in parts:
        for i, abbr in enumerate(_ABBREVIATIONS):
            part = part.replace(f"\x00{i}\x00", abbr)
        part = part.strip()
        if part:
            out.append(part)
    return out


__all__ = ["split_sentences"]
