"""The listening state: what the session does with a phrase now, and when it stops waiting for one.

:class:`ListeningState` is the state a phrase is heard in (one handler per state in
:class:`~voice_guide.frontends.live.session.LiveSession`); :class:`Attention` holds what
decides it: the listening mode (``always``, ``push_to_talk``, ``wake``), the talk key, the
wake-mode follow-up window, the listening window after a prompt, and the misses in a row
that send the guide quiet (dormant) until it is called again.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class ListeningState(StrEnum):
    """The state a phrase is heard in, highest priority first."""

    SPEAKING = "speaking"
    """The guide is speaking: only commands act (the barge-in policy decides)."""
    WAITING_FOR_KEY = "waiting_for_key"
    """Push to talk, key not pressed: phrases are not listened to."""
    WAITING_FOR_WAKE = "waiting_for_wake"
    """Wake mode, outside a follow-up window: only phrases that start with the wake phrase (or emergencies)."""
    DORMANT = "dormant"
    """Quiet after too many misses: a tone for what is not understood, until called again."""
    LISTENING = "listening"
    """Every phrase is answered."""


class Attention:
    """The listening mode and the timers around it; see the module doc. Times are clock seconds."""

    def __init__(self, mode: str, max_misses: int) -> None:
        self.mode = mode
        """``always``, ``push_to_talk`` or ``wake`` (kept in step with the conversation's setting)."""
        self.max_misses = max_misses
        self.misses = 0
        """Misses in a row."""
        self.dormant = False
        """True after too many misses, until called again."""
        self.key_pressed = False
        """Push to talk: the key was pressed and the next phrase is listened to."""
        self.attention_until_s = float("-inf")
        """Wake mode: until then a phrase needs no wake phrase (inf: until the answer has been spoken)."""
        self.deadline_s: float | None = None
        """When the listening window closes with nothing heard (None: no window)."""
        self.opens_on_idle = False
        """A listening window opens once the guide stops speaking."""
        self.prompted = False
        """The window to open follows a prompt: nothing said within it is a miss."""

    def state(self, during_playback: bool, now_s: float) -> ListeningState:
        """The state a phrase beginning now is heard in."""
        if during_playback:
            return ListeningState.SPEAKING
        if self.mode == "push_to_talk" and not self.key_pressed:
            return ListeningState.WAITING_FOR_KEY
        if self.mode == "wake" and now_s >= self.attention_until_s:
            return ListeningState.WAITING_FOR_WAKE
        return ListeningState.DORMANT if self.dormant else ListeningState.LISTENING

    def called(self) -> bool:
        """The user called the guide (wake phrase, key): attend until answered; True when it was dormant."""
        self.attention_until_s = float("inf")
        was_dormant, self.dormant, self.misses = self.dormant, False, 0
        return was_dormant

    def understood(self) -> bool:
        """Something was understood: misses start again; True when it was dormant."""
        was_dormant, self.dormant, self.misses = self.dormant, False, 0
        return was_dormant

    def missed(self) -> bool:
        """One more miss; True when that many misses send the guide quiet."""
        self.misses += 1
        if self.misses < self.max_misses:
            return False
        self.dormant = True
        self.deadline_s = None
        self.attention_until_s = float("-inf")
        return True

    def open_window(self, prompted: bool) -> None:
        """Listen once the guide has finished speaking (``prompted``: a miss if nothing is said)."""
        self.opens_on_idle = True
        self.prompted = prompted

    def window_opened(self, now_s: float, speech_end_s: float, window_ms: int, routine_running: bool) -> None:
        """The guide stopped speaking at ``speech_end_s`` (-inf: it said nothing aloud): start the window."""
        self.opens_on_idle = False
        if self.prompted and not self.dormant and not routine_running:
            self.deadline_s = max(now_s, speech_end_s) + window_ms / 1000.0

    def window_expired(self, now_s: float) -> bool:
        """True (once) when the window closed with nothing said and it counts as a miss."""
        if self.deadline_s is None or now_s < self.deadline_s:
            return False
        self.deadline_s = None
        if self.mode == "push_to_talk" and not self.key_pressed:
            return False
        self.key_pressed = False
        return True


def match_wake(text: str, wake_phrase: str, alternatives: Iterable[tuple[str, float]] = ()) -> str | None:
    """What follows the wake phrase in ``text`` (``""`` when nothing does), or None without one.

    The recognizer often hears "hey guide" as "a guide", "they guide" or "take guide", so
    the wake phrase counts when its last word (the distinctive one) is among the first
    ``len(phrase) + 1`` words of the transcript or of one of its alternatives.
    """
    wake = wake_phrase.lower().split()
    if not wake:
        return None
    key = wake[-1]
    for hyp in [text] + [a[0] for a in alternatives]:
        words = hyp.lower().split()
        for i, word in enumerate(words[: len(wake) + 1]):
            if word == key:
                return " ".join(text.lower().split()[i + 1 :]) if hyp == text else " ".join(text.split()[len(wake):])
    return None
