"""The data that flows through the guide: what the caller is asked to do, and one reply.

Recognition results (:class:`~voice_guide.stt.base.Transcript`) and understanding results
(:class:`~voice_guide.nlu.understanding.IntentMatch`) live with their stages; what a front end
receives from a :class:`~voice_guide.engine.Conversation` is defined here, so front ends
depend on ``core`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    """What a front end must do besides speaking a reply."""

    NONE = "none"
    """Only speak."""
    SPEECH_CHANGED = "speech_changed"
    """Rate, volume, voice, verbosity or earcons changed: use the conversation's settings from the next sentence."""
    PAUSE = "pause"
    """Stop speaking now and keep what was left to say, for ``resume``."""
    RESUME = "resume"
    """Say what was left when speech was paused."""
    STOP = "stop"
    """Stop speaking now and forget what was left."""
    EXIT = "exit"
    """End the session."""
    ROUTINE_STARTED = "routine_started"
    """A routine began: the conversation now ticks it (:meth:`~voice_guide.engine.Conversation.tick`)."""
    ROUTINE_ENDED = "routine_ended"
    """The routine in progress ended (finished, stopped, pain or emergency)."""
    LISTENING_MODE = "listening_mode"
    """The listening mode setting changed (always, push to talk, wake phrase)."""
    EMERGENCY = "emergency"
    """An emergency or crisis: cut any speech and say the reply at once."""


class Outcome(StrEnum):
    """How one request went, for logs, tests and the live session's reprompts."""

    ANSWERED = "answered"
    """A knowledge answer or a control reply."""
    SETTING = "setting"
    """A setting changed."""
    ROUTINE = "routine"
    """Handled by the routine in progress."""
    NOT_UNDERSTOOD = "not_understood"
    """Nothing the guide can act on (the fallback reply)."""
    SAFETY = "safety"
    """An emergency, crisis, pain or safety question."""


@dataclass(frozen=True)
class Response:
    """One reply of the guide to one request."""

    text: str
    """Exactly what is spoken (may be empty: say nothing)."""

    intent: str
    """The intent that was understood."""

    confidence: float = 1.0
    """The understanding confidence, 0..1."""

    slots: dict[str, str] = field(default_factory=dict)
    """The intent's slot values."""

    section_id: str | None = None
    """For an answer from the article: the section its sentences come from."""

    section_title: str | None = None
    """That section's heading."""

    action: Action = Action.NONE
    """What the front end must do besides speaking."""

    outcome: Outcome = Outcome.ANSWERED
    """How the request went."""

    routine_lines: tuple[str, ...] = ()
    """Lines the routine in progress spoke in reply (already part of :attr:`text`)."""

    earcons: tuple[str, ...] = ()
    """Earcons (tones) the routine asked for with this reply, in order."""
