"""Counting for the ear: number words for repetitions, "hold ... and release" for holds.

Repetitions are counted "One." "Two." ... "Five, last one."; a hold never uses numbers, so the
two cannot be confused. How the seconds of a hold are marked is the counting style
(:class:`~voice_guide.routines.events.CountingStyle`): "hold" said again each second, a soft tick,
or silence.
"""

from __future__ import annotations

import re

from voice_guide.routines.events import CountingStyle, Output, Play, Say
from voice_guide.routines.texts import RoutineTexts

TICK_EARCON = "tick"
"""The soft tick of the ``ticks`` counting style."""

EARCON_NAMES = ("start", "hold", "release", "rest", "end", TICK_EARCON)
"""Earcons the player asks for: start of a step's movement, hold, release, rest, end, and the hold tick."""

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_RATING = re.compile(r"\b(10|[0-9]|zero|none|nothing|one|two|three|four|five|six|seven|eight|nine|ten)\b")


def number_word(n: int) -> str:
    """0 to 99 as English words, for counting aloud (``21`` -> ``twenty-one``); other numbers as digits."""
    if 0 <= n < 20:
        return _ONES[n]
    if 20 <= n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    return str(n)


def estimate_speech_ms(texts: list[str] | str, words_per_minute: float) -> int:
    """Roughly how long speaking ``texts`` takes, in milliseconds."""
    if isinstance(texts, str):
        texts = [texts]
    words = sum(len(t.split()) for t in texts)
    return int(words * 60_000 / words_per_minute)


def rep_outputs(texts: RoutineTexts, rep: int, reps: int) -> list[Output]:
    """What is said at the start of repetition ``rep`` of ``reps``."""
    word = number_word(rep).capitalize()
    key = "last_rep" if rep == reps and reps > 1 else "rep"
    return [Say(texts.say(key, number=word))]


def hold_start_outputs(texts: RoutineTexts) -> list[Output]:
    """The start of a hold, in every style: the hold tone and "Hold."."""
    return [Play("hold"), Say(texts.say("hold"))]


def hold_second_outputs(texts: RoutineTexts, style: str, earcons: bool) -> list[Output]:
    """Each further second of a hold: "hold." again, a soft tick, or nothing."""
    if style == CountingStyle.QUIET:
        return []
    if style == CountingStyle.TICKS and earcons:
        return [Play(TICK_EARCON)]
    return [Say(texts.say("hold_again"))]


def release_outputs(texts: RoutineTexts) -> list[Output]:
    """The end of a hold: the release tone and "And release."."""
    return [Play("release"), Say(texts.say("release"))]


def parse_rating(text: str) -> int | None:
    """A pain rating 0-10 in ``text`` (``"about a 3"``, ``"no pain, zero"``, ``"10"``); ``None`` when there is none.

    Only a short answer counts as a rating (at most six words); a longer one is a note.
    """
    words = text.lower().replace("/", " ").split()
    if not words or len(words) > 6:
        return None
    found = _RATING.findall(" ".join(words))
    if len(found) != 1:
        return None
    word = found[0]
    if word.isdigit():
        return int(word)
    if word in ("none", "nothing"):
        return 0 if len(words) <= 2 else None
    return _ONES.index(word)


__all__ = [
    "EARCON_NAMES",
    "TICK_EARCON",
    "estimate_speech_ms",
    "hold_second_outputs",
    "hold_start_outputs",
    "number_word",
    "parse_rating",
    "release_outputs",
    "rep_outputs",
]
