"""The result of understanding: :class:`IntentMatch`."""

from __future__ import annotations

from dataclasses import dataclass, field

from voice_guide.content.pack import Unit


@dataclass(frozen=True)
class IntentMatch:
    """What a piece of text means to the guide."""

    intent: str
    """Intent name: a control intent, a knowledge topic (``ask_…``), ``emergency``, ``pain`` or ``fallback``."""

    confidence: float
    """0..1; knowledge below the threshold is turned into ``fallback``."""

    slots: dict[str, str] = field(default_factory=dict)
    """Slot values, e.g. ``{"routine": "arms"}``."""

    section_id: str | None = None
    """For knowledge: the section that answers."""

    units: tuple[Unit, ...] = ()
    """For knowledge: the sentences that answer, in article order."""

    text: str = ""
    """The input text as matched (after clean-up)."""

    also: tuple[Unit, ...] = ()
    """For knowledge: sentences of another section that answer the question too (the article says
    it in two places and the question does not say which), read after :attr:`units`."""

    @property
    def is_knowledge(self) -> bool:
        """True when this match answers from the article."""
        return self.section_id is not None
