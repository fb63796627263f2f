"""The live session's own words, from the pack's replies: how to call the guide, reprompts after a miss.

Misses escalate: nothing heard within the listening window after a prompt (or an empty
transcript), or nothing understood, is answered differently each time and more
specifically (with example questions from the pack); after the last miss the guide says
how to call it and goes quiet.
"""

from __future__ import annotations

from enum import StrEnum

from voice_guide.dialogue.guide import Guide
from voice_guide.dialogue.responses import Responses


class Miss(StrEnum):
    """Why a request got no answer."""

    NOTHING_HEARD = "nothing_heard"
    """Nothing said, or an empty transcript."""
    NOT_UNDERSTOOD = "not_understood"
    """Said, but nothing the guide can act on."""


class Prompts:
    """Texts that depend on the listening mode and on the misses so far."""

    def __init__(self, responses: Responses, guide: Guide, wake_phrase: str) -> None:
        self.responses = responses
        self.guide = guide
        self.wake_phrase = wake_phrase

    def _text(self, key: str, **fields: str) -> str:
        return self.responses.text(key, wake_phrase=self.wake_phrase, **fields)

    def how_to_ask(self, mode: str) -> str:
        """Added to the greeting: how to ask in this mode ("" in ``always`` mode)."""
        return self._text(f"live_how_{mode}")

    def help_extra(self, mode: str) -> str:
        """Added to the help reply: how to interrupt, and how to ask in this mode."""
        extra = self._text(f"live_help_{mode}") if mode != "always" else ""
        return " ".join(t for t in (self._text("live_help"), extra) if t)

    def wake_reply(self) -> str:
        """The reply to the wake phrase said alone."""
        return self._text("live_wake_yes")

    def reprompt(self, miss: Miss, misses: int, quiet: bool, mode: str) -> str:
        """The reply to the ``misses``-th miss in a row (``quiet``: the last one before going quiet)."""
        a, b = self.guide.examples()
        if quiet:
            return self._text(f"live_{miss.value}_quiet", how_to_call=self._text(f"live_call_{mode}"))
        key = f"live_{miss.value}" if misses <= 1 else f"live_{miss.value}_again"
        return self._text(key, example_a=a, example_b=b)
