"""Negated commands: "don't stop" is not ``stop`` (it carries on), "do not continue" is not ``resume``.

``intents.yaml``'s ``negation`` holds

* ``negator``: a regular expression matched at the start of the cleaned text ("do not", "no do not",
  "never"; the polite words are stripped first, so "please don't" and "okay, don't" are negators too);
* ``means``: a negated command -> the intent it stands for, taken as it is in every state (not through
  a state's ``means``: "carry on" while counting is ``resume``, "we are already going", never ``next``);
* ``by_cue``: the listed commands whose cue may start the rest (the imperatives: stop, pause...);
* ``nothing``: the commands whose negation stands for no command at all ("don't change the voice",
  "no need to turn the sounds off": nothing to do, so no control intent; the text goes on to the
  article and the fallback like any text that is no command, and no cue or model takes it).

Only a command that FOLLOWS the negator is negated: the rest of the text is a template's match as a whole
("don't stop counting") or starts with the cue of a command of ``by_cue`` ("don't stop, she's fine"). So

* "no stop" is still ``stop`` (no negator: "no" is an interjection there);
* "stop, don't go on" is ``stop`` (a negation covers its own clause: the whole text does not start with
  one, and the clause "stop" wins over the negated "don't go on", which is ``stop`` too);
* "don't go so fast" or "do not rush" is left to the templates and cues (no listed command follows),
  and "don't start yet" while waiting too (``ready`` is not listed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from voice_guide.core.errors import ContentError


@dataclass(frozen=True)
class Negation:
    """The negation rule of a pack (``intents.yaml``'s ``negation``)."""

    negator: re.Pattern[str] | None = None
    """Matched at the start of a cleaned text: what negates the command after it (None: no rule)."""

    means: dict[str, str] = field(default_factory=dict)
    """A negated command -> the intent it stands for ("stop" -> "resume"); a command not listed is
    not negated by this rule."""

    by_cue: frozenset[str] = frozenset()
    """The listed commands whose cue may start the rest ("don't stop, she's fine"); the others only by a
    template's match of the whole rest (the slower cue "go so fast" is a complaint: "don't go so fast"
    is slower, not negated)."""

    nothing: frozenset[str] = frozenset()
    """Commands whose negation is no command at all ("don't change the voice"): a setting left as it is
    has no intent. Negated by a template's match of the whole rest or by a cue that starts it."""

    @classmethod
    def from_data(cls, raw: Any, known: tuple[str, ...]) -> Negation:
        """The rule from ``intents.yaml``'s ``negation`` mapping; ``known``: the control intents."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("negator"), str):
            raise ContentError("intents.yaml: negation: a mapping with a negator pattern (text) and means")
        try:
            negator = re.compile(raw["negator"])
        except re.error as err:
            raise ContentError(f"intents.yaml: negation.negator: bad pattern: {err}") from None
        means = {str(k): str(v) for k, v in (raw.get("means") or {}).items()}
        unknown = sorted(n for n in (*means, *means.values()) if n not in known)
        if unknown:
            raise ContentError(f"intents.yaml: negation.means: unknown control intents: {', '.join(unknown)}")
        by_cue = frozenset(str(n) for n in raw.get("by_cue") or [])
        if not by_cue <= set(means):
            raise ContentError(f"intents.yaml: negation.by_cue: not in means: {', '.join(sorted(by_cue - set(means)))}")
        nothing = frozenset(str(n) for n in raw.get("nothing") or [])
        unknown = sorted(n for n in nothing if n not in known)
        if unknown:
            raise ContentError(f"intents.yaml: negation.nothing: unknown control intents: {', '.join(unknown)}")
        if nothing & set(means):
            raise ContentError(f"intents.yaml: negation.nothing: also in means: {', '.join(sorted(nothing & set(means)))}")
        return cls(negator, means, by_cue, nothing)

    def rest(self, text: str) -> str | None:
        """What follows a negator at the start of ``text`` ("do not stop counting" -> "stop counting"),
        or None when ``text`` does not start with one (or nothing follows it)."""
        found = self.negator.match(text) if self.negator is not None else None
        if found is None:
            return None
        return text[found.end():].strip() or None


@dataclass(frozen=True)
class AnswerFirst:
    """An answer word before a command (``intents.yaml``'s ``answer_first``): "no, give me a minute"
    while a routine waits is the answer ``no`` (the wait follows from it), not ``pause``."""

    lead: re.Pattern[str] | None = None
    """Matched at the start of a cleaned text: the answer word ("no", "nah", "not yet"); None: no rule."""

    answer: str = "no"
    """The intent the text stands for."""

    commands: frozenset[str] = frozenset()
    """The commands that may follow the answer word (a template's match of the rest, or a cue that
    starts it); any other command after it is itself ("no, stop" is stop)."""

    states: frozenset[str] = frozenset()
    """The dialogue states (values) where the rule holds: where the guide waits for an answer."""

    lead_in: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """Dialogue state (value) -> the lead there, instead of :attr:`lead` (twenty-third round: while a routine
    waits, "not yet, hang on" is the authors' pause; "no, give me a minute" stays no)."""

    @classmethod
    def from_data(cls, raw: Any, known: tuple[str, ...]) -> AnswerFirst:
        """The rule from ``intents.yaml``'s ``answer_first`` mapping; ``known``: the control intents."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("lead"), str):
            raise ContentError("intents.yaml: answer_first: a mapping with a lead pattern (text), answer, commands")
        try:
            lead = re.compile(raw["lead"])
        except re.error as err:
            raise ContentError(f"intents.yaml: answer_first.lead: bad pattern: {err}") from None
        answer = str(raw.get("answer", "no"))
        commands = frozenset(str(n) for n in raw.get("commands") or [])
        unknown = sorted(n for n in (answer, *commands) if n not in known)
        if unknown:
            raise ContentError(f"intents.yaml: answer_first: unknown control intents: {', '.join(unknown)}")
        lead_in = {}
        for state, pattern in (raw.get("lead_in") or {}).items():
            try:
                lead_in[str(state)] = re.compile(str(pattern))
            except re.error as err:
                raise ContentError(f"intents.yaml: answer_first.lead_in.{state}: bad pattern: {err}") from None
        return cls(lead, answer, commands, frozenset(str(s) for s in raw.get("states") or []), lead_in)

    def rest(self, text: str, state: str) -> str | None:
        """What follows the answer word at the start of ``text`` in dialogue ``state`` ("no give me a
        minute" -> "give me a minute"), or None (no rule there, no answer word, nothing after it)."""
        lead = self.lead_in.get(state, self.lead)
        found = lead.match(text) if lead is not None and state in self.states else None
        if found is None:
            return None
        return text[found.end():].strip() or None


@dataclass(frozen=True)
class ReasonAfter:
    """A request followed by its reason (``intents.yaml``'s ``reasons``): "louder please, I didn't
    catch that" is ``louder`` (the reason alone, "I didn't catch that", is still ``repeat``); "slow
    down, I can't keep up" is ``slower``."""

    tail: re.Pattern[str] | None = None
    """Matched at the end of a cleaned text: the reason ("i did not catch that"); None: no rule."""

    commands: frozenset[str] = frozenset()
    """The commands a reason may follow (a template's match of the rest); any other is not taken."""

    template_only: frozenset[str] = frozenset()
    """Of :attr:`commands`, those taken only from a template's match of the rest, never from a cue (repeat: its cue word
    "again" is anywhere in a safety line)."""

    @classmethod
    def from_data(cls, raw: Any, known: tuple[str, ...]) -> ReasonAfter:
        """The rule from ``intents.yaml``'s ``reasons`` mapping; ``known``: the control intents."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not isinstance(raw.get("patterns"), list) or not raw["patterns"]:
            raise ContentError("intents.yaml: reasons: a mapping with patterns (a list of texts) and commands")
        try:
            tail = re.compile(r"\s+(?:" + "|".join(f"(?:{p})" for p in raw["patterns"]) + r")$")
        except re.error as err:
            raise ContentError(f"intents.yaml: reasons.patterns: bad pattern: {err}") from None
        commands = frozenset(str(n) for n in raw.get("commands") or [])
        unknown = sorted(n for n in commands if n not in known)
        if unknown:
            raise ContentError(f"intents.yaml: reasons: unknown control intents: {', '.join(unknown)}")
        return cls(tail, commands, frozenset(str(n) for n in raw.get("template_only") or []) & commands)

    def rest(self, text: str) -> str | None:
        """What comes before the reason at the end of ``text`` ("louder i did not catch that" ->
        "louder"), or None (no rule, no reason at its end, nothing before it)."""
        found = self.tail.search(text) if self.tail is not None else None
        if found is None:
            return None
        return text[: found.start()].strip() or None


@dataclass(frozen=True)
class Elsewhere:
    """Words about something other than the guide (``intents.yaml``'s ``elsewhere``): a device's own
    command ("turn the telly off", "pause the tv", "skip this song") or a compliment ("i like your
    voice") is no command of the guide's: no template, cue, fuzzy match or learned model takes it."""

    pattern: re.Pattern[str] | None = None
    """Searched in a cleaned text; None: no rule."""

    @classmethod
    def from_data(cls, raw: Any, key: str = "elsewhere") -> Elsewhere:
        """The rule from ``intents.yaml``'s ``elsewhere`` (or ``key``) list of regular expressions (on the cleaned text)."""
        if not raw:
            return cls()
        if not isinstance(raw, list):
            raise ContentError(f"intents.yaml: {key}: a list of patterns (texts)")
        try:
            return cls(re.compile("|".join(f"(?:{p})" for p in raw)))
        except re.error as err:
            raise ContentError(f"intents.yaml: {key}: bad pattern: {err}") from None

    def joined(self, other: Elsewhere) -> Elsewhere:
        """A rule that holds where either this one or ``other`` holds."""
        if self.pattern is None or other.pattern is None:
            return other if self.pattern is None else self
        return Elsewhere(re.compile(f"(?:{self.pattern.pattern})|(?:{other.pattern.pattern})"))

    def holds(self, text: str) -> bool:
        """True when ``text`` is about something other than the guide."""
        return self.pattern is not None and self.pattern.search(text) is not None
