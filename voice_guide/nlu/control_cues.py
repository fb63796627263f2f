"""Cue words of the control intents (``intents.yaml``'s ``cues``): per intent, regular expressions tried
in order on a short text ("stop", "hang on", "a bit slower"), and the routine cues (a trigger word and a
body part: "let's do her legs" starts the legs routine). Used by :class:`~voice_guide.nlu.controls.ControlMatcher`."""

from __future__ import annotations

import re
from typing import Any

from voice_guide.core.errors import ContentError

_WHOLE_ROUTINE = "full_body"
"""The routine that holds the others: named beside them, it is the one meant."""


def compile_pattern(pattern: object, where: str) -> re.Pattern[str]:
    """``pattern`` compiled, or a :class:`ContentError` naming ``where`` in ``intents.yaml``."""
    try:
        return re.compile(str(pattern))
    except re.error as err:
        raise ContentError(f"intents.yaml: {where}: bad pattern: {err}") from None


class Cues:
    """Cue-word rules: intent -> regular expressions, tried in order; and the routine cues."""

    def __init__(self, raw: dict[str, Any], known: tuple[str, ...]) -> None:
        """The rules of ``intents.yaml``'s ``cues`` mapping; ``known``: the control intents."""
        self.max_words = int(raw.get("max_words", 8))
        self.rules: list[tuple[str, re.Pattern[str]]] = []
        for name, patterns in (raw.get("intents") or {}).items():
            if str(name) not in known:
                raise ContentError(f"intents.yaml: cues: unknown control intent {name!r}")
            self.rules.extend((str(name), compile_pattern(p, f"cues.{name}")) for p in patterns or [])
        self.asked: list[tuple[str, re.Pattern[str]]] = []
        for name, patterns in (raw.get("asked") or {}).items():
            if str(name) not in known:
                raise ContentError(f"intents.yaml: cues.asked: unknown control intent {name!r}")
            self.asked.extend((str(name), compile_pattern(p, f"cues.asked.{name}")) for p in patterns or [])
        self.by_state: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for state, intents in (raw.get("states") or {}).items():
            rules = self.by_state.setdefault(str(state), [])
            for name, patterns in (intents or {}).items():
                if str(name) not in known:
                    raise ContentError(f"intents.yaml: cues.states.{state}: unknown control intent {name!r}")
                rules.extend((str(name), compile_pattern(p, f"cues.states.{state}.{name}")) for p in patterns or [])
        routine = raw.get("routine") or {}
        self.trigger = compile_pattern(routine["trigger"], "cues.routine.trigger") if routine.get("trigger") else None
        self.routines = [(str(k), compile_pattern(v, f"cues.routine.{k}")) for k, v in (routine.get("values") or {}).items()]

    def find(self, text: str) -> dict[str, dict[str, str]]:
        """Intents whose cues ``text`` holds, in rule order, with their slots."""
        if not text or len(text.split()) > self.max_words:
            return {}
        found: dict[str, dict[str, str]] = {}
        if self.trigger is not None and self.trigger.search(text):
            named = self.routine(text)
            if named is not None:
                found["start_routine"] = {"routine": named}
        for name, pattern in self.rules:
            if name not in found and pattern.search(text):
                found[name] = {}
        return found

    def find_asked(self, text: str) -> dict[str, dict[str, str]]:
        """Intents whose question cues (``cues.asked``) ``text`` holds, in rule order: questions that are
        commands whatever their length ("am i doing this bit right with his wrist" is help in a routine)."""
        if not text or len(text.split()) > self.max_words:
            return {}
        found: dict[str, dict[str, str]] = {}
        for name, pattern in self.asked:
            if name not in found and pattern.search(text):
                found[name] = {}
        return found

    def find_in(self, text: str, state: str) -> dict[str, dict[str, str]]:
        """Intents whose cues of dialogue state ``state`` (``cues.states``, its value: ``routine_waiting``) ``text``
        holds, in rule order (twenty-fifth round: "she's sitting comfortably now" is ready while a routine waits)."""
        if not text or len(text.split()) > self.max_words:
            return {}
        found: dict[str, dict[str, str]] = {}
        for name, pattern in self.by_state.get(state, ()):
            if name not in found and pattern.search(text):
                found[name] = {}
        return found

    def routine(self, text: str) -> str | None:
        """The one routine ``text`` names by the routine cues' values ("her legs" -> legs), or None;
        the whole body when it is named beside its parts ("everything, arms, legs, the lot") or
        every other routine is named ("arms, legs and hands")."""
        names = [name for name, pattern in self.routines if pattern.search(text)]
        if len(names) == 1:
            return names[0]
        whole = _WHOLE_ROUTINE if _WHOLE_ROUTINE in names else None
        if whole is None and len(names) > 2 and len(names) == len(self.routines) - 1 and any(
                name == _WHOLE_ROUTINE for name, _ in self.routines):
            whole = _WHOLE_ROUTINE
        return whole
