"""THE one map from understood intents (and a few plain typed words) to routine player commands.

Every front end that drives a :class:`~voice_guide.routines.player.RoutinePlayer` (the ``routine``
command, the live voice session, the engine's routine phrase set) uses :data:`ROUTINE_COMMANDS`
and :func:`command_for`; no other table of routine commands should exist.

Safety first: ``emergency`` and ``crisis`` map to the ``emergency`` command (the routine stops with
the emergency message, never the pain message); ``pain`` maps to ``pain``.
"""

from __future__ import annotations

import re
from types import MappingProxyType

COMMAND_NAMES = (
    "pause",
    "resume",
    "ready",
    "repeat",
    "next",
    "previous",
    "slower",
    "faster",
    "stop",
    "help",
    "yes",
    "no",
    "skip",
    "pain",
    "emergency",
    "question",
    "side",
    "answer",
)
"""Every command the player understands.

``ready``: the caregiver is in place (after a change of side, a pause or a question);
``skip``: pass over the question at the end; ``side``: choose a side before starting (the
text says which); ``answer``: a reply to the question at the end (pain rating or note)."""

ROUTINE_COMMANDS = MappingProxyType(
    {
        "pause": "pause",
        "resume": "resume",
        "ready": "ready",
        "repeat": "repeat",
        "next": "next",
        "previous": "previous",
        "slower": "slower",
        "faster": "faster",
        "stop": "stop",
        "exit": "stop",
        "help": "help",
        "yes": "yes",
        "no": "no",
        "skip": "skip",
        "pain": "pain",
        "emergency": "emergency",
        "crisis": "emergency",
    }
)
"""Understood intent -> routine player command, while a routine runs. The intents are those of
``voice_guide.nlu.understanding`` (``louder``/``quieter`` are speech settings, not routine commands)."""

ROUTINE_INTENTS = tuple(ROUTINE_COMMANDS)
"""The intents listened for while a routine runs (the smaller phrase set of the recognizer)."""

TEXT_ALIASES = MappingProxyType(
    {
        "continue": "resume",
        "go on": "resume",
        "carry on": "resume",
        "ready": "ready",
        "i am ready": "ready",
        "i'm ready": "ready",
        "we are ready": "ready",
        "ok ready": "ready",
        "okay ready": "ready",
        "again": "repeat",
        "start over": "repeat",
        "back": "previous",
        "go back": "previous",
        "cancel": "stop",
        "quit": "stop",
        "skip it": "skip",
        "no thanks": "skip",
        "hurts": "pain",
        "it hurts": "pain",
    }
)
"""Plain typed or spoken words taken as a command when no intent matched (lower case, one space)."""

_SIDE_WORDS = re.compile(r"\b(left|right|both)\b")
_SIDE_CONTEXT = re.compile(r"\b(only|just|side|sides|arm|arms|leg|legs|hand|hands|one)\b")


def normalize_command(name: str) -> str:
    """``"Go_on "`` -> ``"resume"``: a command name, an intent or a plain word, as the player's command name."""
    key = " ".join(str(name or "").lower().replace("_", " ").split())
    if key in ROUTINE_COMMANDS:
        return ROUTINE_COMMANDS[key]
    return TEXT_ALIASES.get(key, key)


def command_for(intent: str, text: str = "") -> str | None:
    """The routine command for an understood ``intent`` (or, failing that, the typed ``text``); ``None``: not a command.

    A side choice (``"only her right arm"``, ``"both sides"``) is the ``side`` command.
    """
    if intent in ROUTINE_COMMANDS:
        return ROUTINE_COMMANDS[intent]
    key = " ".join(text.lower().strip(" .!?").split())
    if key in TEXT_ALIASES:
        return TEXT_ALIASES[key]
    if key in COMMAND_NAMES and key not in ("question", "answer", "side"):
        return key
    if parse_side(key) is not None:
        return "side"
    return None


def parse_side(text: str) -> str | None:
    """``"only her right arm"`` -> ``"right"``, ``"both sides"`` -> ``"both"``; ``None`` when no side is named.

    A bare ``left``/``right``/``both`` counts; otherwise a word such as only, side or arm must go with it.
    """
    words = " ".join(text.lower().split())
    found = _SIDE_WORDS.findall(words)
    if len(set(found)) != 1:
        return None
    if words.strip(" .!?") in ("left", "right", "both") or _SIDE_CONTEXT.search(words):
        return found[0]
    return None


__all__ = ["COMMAND_NAMES", "ROUTINE_COMMANDS", "ROUTINE_INTENTS", "TEXT_ALIASES", "command_for", "normalize_command", "parse_side"]
