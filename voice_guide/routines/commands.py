"""THE map from understood intents to routine player commands (the one place it lives)."""

from __future__ import annotations

INTENT_TO_COMMAND: dict[str, str] = {
    "pause": "pause",
    "resume": "resume",
    "ready": "resume",
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
    "pain": "pain",
    "emergency": "pain",
}
"""Understood intent -> routine player command, while a routine runs."""

ROUTINE_INTENTS = tuple(INTENT_TO_COMMAND)
"""Intents listened for while a routine runs (the routine's phrase set)."""


def command_for(intent: str) -> str | None:
    """The routine command for an understood intent, or None when it is not a routine command."""
    return INTENT_TO_COMMAND.get(intent)
