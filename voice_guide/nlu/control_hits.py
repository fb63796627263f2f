"""What the control matcher gives: the hit found in a text (:class:`ControlHit`) and how one dialogue
state shapes the matching (:class:`StatePreference`). Split from :mod:`voice_guide.nlu.controls`
(which re-exports both) to keep that module under the size limit; no behaviour of its own."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class StatePreference:
    """How one dialogue state shapes control matching."""

    prefer: tuple[str, ...] = ()
    """When a sentence matches several intents, the first of these that matched wins."""

    means: dict[str, str] = field(default_factory=dict)
    """Intent -> the intent it stands for in this state; not for an intent of the state's own
    templates, which is what the state means by them (a bare "yeah" while a routine waits is
    ``yes``, though ``yes`` stands for ``ready`` there)."""

    has_templates: bool = False
    """True when the state adds templates of its own."""

    awaited: tuple[str, ...] = ()
    """The answers the state asks for (``yes`` / ``no`` at the safety check, ``ready`` while a routine waits):
    a cue's hit of one of them is vetoed by the learned model's "not a command" only at a higher bar
    (``controls_learned.AWAITED_VETO_BAR``; twenty-fourth round: the refitted model had vetoed "his foot is up on the
    cushion" and "he feels good this morning" at 0.95)."""


@dataclass(frozen=True)
class ControlHit:
    """A control intent found in a text."""

    intent: str
    """The intent, after the state's ``means`` mapping."""

    slots: dict[str, str]
    """Slot values."""

    score: float
    """1.0 for a template match, less for a fuzzy one."""

    how: str = "said"
    """How it was found: ``said`` (a template, the text as said), ``stripped`` (a template, after
    the polite words and fillers were removed), ``clause`` (one clause of several), ``cue``,
    ``fuzzy``, ``learned``, ``asked`` (a question cue in a routine) or ``negated`` (what a negated command stands for: "don't stop" is
    ``resume``)."""

    others: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    """Other intents the same text also named (after the state's ``means``), with their slots,
    in the rules' order: "the complete answer, not the short one" names ``brief`` and ``full``.
    Not compared: the same hit whatever else was named."""
