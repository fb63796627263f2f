"""Settled frames: a message whose shape makes a red-flag phrase a lasting, known state (thirty-third session).

The context rules read a phrase in its own clause. Some messages say in another clause that what the phrase names is
old and known: the person has a *good* and a *bad* arm, the limb is in a cast, the question is which exercises suit a
weak side, how fast a strapped leg wastes. "my right side is weak | can i use my good arm to move the bad one" is a
stroke survivor's carer asking about exercises, not a stroke starting now. A frame of ``safety.yaml`` ``settled:``
names the concepts it covers, the phrases of those concepts it may cancel (``phrase``: weakness words, a broken bone;
never a face, speech or breathing) and the shape of the message (``message``, searched in the whole normalised
text). A message with "suddenly" is never settled, nor one with a marker of now (``context.present``) unless the frame
says ``despite_now``; crisis talk never is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety_tense import ONSET
from voice_guide.nlu.safety_text import PatternCompiler
from voice_guide.nlu.safety_types import Hit

SETTLED = "settled"
"""How a hit cancelled by a settled frame names its reason (``Hit.cancelled_by``)."""


@dataclass(frozen=True)
class SettledFrame:
    """One frame: the concepts it covers, the phrases it may cancel, the message's shape."""

    concepts: frozenset[str]
    phrase: re.Pattern[str]
    message: re.Pattern[str]
    despite_now: bool = False
    """The frame holds with a marker of now in the message ("his leg keeps jerking by itself, could that be the
    atrophy": "keeps" is now, the question is about the wasting)."""


@dataclass(frozen=True)
class SettledFrames:
    """The frames of ``safety.yaml`` ``settled:`` (none: nothing is settled)."""

    frames: tuple[SettledFrame, ...] = ()

    @classmethod
    def from_data(cls, data: Any, compiler: PatternCompiler) -> SettledFrames:
        """Build from the ``settled:`` list; a content error (one line) when an entry is malformed."""
        frames = []
        for i, entry in enumerate(data or []):
            where = f"settled[{i}]"
            if not isinstance(entry, Mapping) or not entry.get("concepts") or not entry.get("phrase") \
                    or not entry.get("message"):
                raise ContentError(f"safety.yaml: {where}: needs concepts, phrase and message")
            frames.append(SettledFrame(
                frozenset(str(c) for c in entry["concepts"]),
                compiler.compile(str(entry["phrase"]), f"{where}.phrase"),
                compiler.compile(str(entry["message"]), f"{where}.message"),
                bool(entry.get("despite_now")),
            ))
        return cls(tuple(frames))

    def apply(self, out: list[Hit], whole: str, now: bool) -> list[Hit]:
        """``out`` with each live hit a frame covers cancelled as :data:`SETTLED`; unchanged when the message
        (``whole``) holds an onset word, or a marker of now (``now``) and the frame is not ``despite_now``."""
        if not self.frames or ONSET.search(whole):
            return out
        shaped = [f for f in self.frames if (f.despite_now or not now) and f.message.search(whole)]
        if not shaped:
            return out
        return [Hit(h.concept, h.phrase, h.clause, SETTLED)
                if h.cancelled_by is None and any(h.concept in f.concepts and f.phrase.search(h.phrase) for f in shaped)
                else h for h in out]
