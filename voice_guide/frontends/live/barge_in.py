"""The barge-in policy: what to do about a phrase heard while the guide speaks. Pure: no state, no I/O.

One decision per phrase, from what was understood (the intent), a barge-in word found in
it, the recognizer's confidence, whether the guide is speaking and whether a routine runs:
:attr:`Verdict.CUT` (stop speaking now, then act), :attr:`Verdict.ACT` (act without cutting:
"slower" changes the very next sentence) or :attr:`Verdict.IGNORE` (not a command: the
guide's own voice, or someone talking in the room).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from voice_guide.routines.commands import ROUTINE_INTENTS, command_for

CUT_INTENTS = frozenset({"stop", "pause", "exit", "emergency", "crisis", "confirm_emergency", "pain"})
"""Intents that cut the guide's speech at once when heard over it."""

SETTING_INTENTS = frozenset({"slower", "faster", "louder", "quieter"})
"""Intents that act over the guide's speech without cutting it (the next sentence changes)."""

ALWAYS_HEARD = frozenset({"emergency", "crisis", "confirm_emergency", "pain"})
"""Intents acted on over speech whatever the recognizer's confidence."""

ROUTINE_NO_CUT_COMMANDS = frozenset({"slower", "faster", "help"})
"""Routine commands that let the routine's speech go on."""

KEYWORDS = {
    "stop": "stop", "halt": "stop", "enough": "stop", "quiet": "stop", "hush": "stop", "silence": "stop",
    "cancel": "stop", "pause": "pause", "wait": "pause",
}
"""Words that cut the guide's speech when they are anywhere in a short phrase heard over it
(the recognizer often adds a word from the echo's remains: "read stop", "quit stop you"),
and the intent each stands for."""

KEYWORD_MAX_WORDS = 4
"""Keywords count only in phrases this short."""


class Verdict(StrEnum):
    """What to do about a phrase."""

    CUT = "cut"
    """Stop speaking now, then act on it."""
    ACT = "act"
    """Act on it; speech goes on (or there is none)."""
    IGNORE = "ignore"
    """Leave it alone."""


@dataclass(frozen=True)
class BargeInPolicy:
    """The thresholds of the policy."""

    min_confidence: float = 0.3
    """Recognizer confidence a command over the guide's speech needs."""

    keyword_min_confidence: float = 0.15
    """Enough for a phrase of one or two words holding a barge-in word (a lone "wait" scores low even when heard right)."""


@dataclass(frozen=True)
class Decision:
    """The policy's answer for one phrase."""

    verdict: Verdict
    """Cut, act or ignore."""

    intent: str
    """The intent to act on (a barge-in word found in the phrase wins over what was understood)."""


def barge_in_keyword(text: str) -> str | None:
    """``stop`` or ``pause`` when a short phrase holds one of :data:`KEYWORDS`."""
    words = re.sub(r"[^a-z' ]", " ", text.lower()).split()
    if not words or len(words) > KEYWORD_MAX_WORDS:
        return None
    found = [KEYWORDS[w] for w in words if w in KEYWORDS]
    if not found:
        return None
    return "stop" if "stop" in found else found[0]


def _allowed(routine_running: bool) -> frozenset[str]:
    allowed = CUT_INTENTS | SETTING_INTENTS
    return allowed | frozenset(ROUTINE_INTENTS) if routine_running else allowed


def wants_keyword_check(intent: str, keyword: str | None, confidence: float, routine_running: bool,
                        policy: BargeInPolicy = BargeInPolicy()) -> bool:
    """Whether the keyword spotter should listen to the phrase before the decision: the phrase
    sets heard no command in it (flite awb's "stop" comes out as "go"), or heard ``exit``
    (flite slt's "pause" comes out as "close", which would end the session)."""
    heard_ok = (keyword is not None and confidence >= policy.keyword_min_confidence) or (
        intent in _allowed(routine_running) and confidence >= policy.min_confidence)
    return not heard_ok or (keyword is None and intent == "exit")


def decide(intent: str, keyword: str | None, confidence: float, n_words: int, *, speaking: bool,
           routine_running: bool, policy: BargeInPolicy = BargeInPolicy(), spotted: bool = False) -> Decision:
    """Cut, act or ignore: see the module doc. ``n_words``: words in the phrase. ``spotted``: the
    keyword came from the keyword spotter, asked because the phrase sets heard the phrase poorly
    (:func:`wants_keyword_check`): its word then replaces any command they heard ("stop" heard as
    "stay" would be a pause); only a safety finding stands over it."""
    if not speaking:
        return Decision(Verdict.ACT, intent)
    if keyword is not None and (intent not in CUT_INTENTS or (spotted and intent not in ALWAYS_HEARD)):
        intent = keyword
    floor = policy.min_confidence
    if keyword is not None and n_words <= 2:
        floor = min(floor, policy.keyword_min_confidence)
    if intent not in _allowed(routine_running) or (confidence < floor and intent not in ALWAYS_HEARD):
        return Decision(Verdict.IGNORE, intent)
    if intent in SETTING_INTENTS:
        return Decision(Verdict.ACT, intent)
    command = command_for(intent) if routine_running else None
    if command in ROUTINE_NO_CUT_COMMANDS:
        return Decision(Verdict.ACT, intent)
    return Decision(Verdict.CUT, intent)
