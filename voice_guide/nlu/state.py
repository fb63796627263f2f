"""Where the conversation is: the dialogue state that shapes what a short utterance means."""

from __future__ import annotations

from enum import StrEnum


class DialogueState(StrEnum):
    """The state of the conversation when the user speaks.

    The same words mean different things in different states: "keep going" resumes a
    paused routine, moves on during a count and asks for more after an answer; "okay"
    is "yes" at the safety check. Each state's preferred intents are data, in the
    pack's ``intents.yaml`` (``state_preferences``)."""

    IDLE = "idle"
    """Nothing is going on: waiting for a question or a command."""

    ANSWERED = "answered"
    """An answer was just given (``more`` can continue it)."""

    READING = "reading"
    """The article is being read section by section."""

    ROUTINE_SAFETY_CHECK = "routine_safety_check"
    """A routine asked its safety question (is the person comfortable, no pain…)."""

    ROUTINE_COUNTING = "routine_counting"
    """A routine step is being counted out."""

    ROUTINE_PAUSED = "routine_paused"
    """A routine is paused."""

    ROUTINE_WAITING = "routine_waiting"
    """A routine waits for the caregiver to say they are ready."""

    CONFIRMING = "confirming"
    """A yes/no question is pending."""

    @property
    def in_routine(self) -> bool:
        """True in the states of a running routine."""
        return self.value.startswith("routine_")
