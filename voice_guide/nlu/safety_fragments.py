"""A telegraphic report read whole: "My leg. Swollen. Red. Hot." tells one thing in pieces.

The rules read a text clause by clause, so a sign told in fragments of a word or two ("Fell. Hit head. Sleepy.") holds
no phrase in any one clause. :func:`fragments_joined` joins each run of three or more short fragments into one
statement. The guide only ever *asks* about what the joined text holds (the confirmation question, which still names the
emergency number), and only when the rules found nothing in the text as written: joining first and reading the joined
clause instead (the forty-eighth session's first version) lost 22 real emergencies to a history or cause fragment
pulled into the sign's clause and raised 115 false alarms in the session's review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Protocol

from voice_guide.nlu.embedding import Vectors
from voice_guide.nlu.safety_types import Hit


class EmergencyNet(Protocol):
    """The learned net's class probabilities of a text (none, emergency, crisis), or None."""

    def probabilities(self, text: str) -> Vectors | None: ...

FRAGMENT_MAX_WORDS = 3
"""The longest piece that counts as a fragment of a telegraphic report."""

MIN_RUN = 3
"""How many fragments in a row make a telegraphic report."""

_BREAKS = re.compile(r"\s*[.!?;,\n]+\s*")

_DENIAL = re.compile(r"\b(?:no|not|nope|never|nothing|none|without|nobody|fine|ok|okay|normal|better|gone|stopped|"
                     r"doesn't|isn't|wasn't|didn't|hasn't|aren't|doesnt|isnt|wasnt|didnt|hasnt|arent)\b", re.IGNORECASE)
"""A word that denies, settles or ends a sign: a run with one stays as written ("not dizzy. chest pain. bad.")."""


CONCEPT_NEEDS = {"blood_clot": re.compile(r"\b(?:swell\w*|swollen|puff\w*|bigger|fatter|twice the size)\b")}
"""What a joined phrase of a concept must hold to count: a clot only with its swelling (a leg "red" and "hot" in
pieces is as often a sauna, a sunburn or a good session: the review's fragment lines)."""


FRAGMENT_EMERGENCY_AT = 0.35
"""The learned net's emergency probability a joined report must reach as well (the net reads the words, not the
stops between them): on the review's lines the fragments of real emergencies scored 0.38 to 0.87, harmless logs and
lists 0.03 to 0.44 (a gym log's "chest heavy", a wasp sting's "arm swollen"); 11 of 14 such logs stay quiet."""


def fragment_hit(text: str, hits: Callable[[str], Iterable[Hit]], is_emergency: Callable[[str], bool],
                 net: EmergencyNet | None) -> Hit | None:
    """The first live emergency hit the rules (``hits``) find in ``text`` with its fragments joined, when one counts
    (:func:`counts`) and the net (when there is one) gives the text at least :data:`FRAGMENT_EMERGENCY_AT`; else None."""
    joined = fragments_joined(text)
    if joined is None:
        return None
    hit = next((h for h in hits(joined) if h.cancelled_by is None and is_emergency(h.concept)
                and counts(h.concept, h.phrase)), None)
    probs = None if hit is None or net is None else net.probabilities(text)
    if hit is None or (probs is not None and float(probs[1]) < FRAGMENT_EMERGENCY_AT):
        return None
    return hit


def counts(concept: str, phrase: str) -> bool:
    """True when a phrase of ``concept`` found in joined fragments counts (:data:`CONCEPT_NEEDS`)."""
    need = CONCEPT_NEEDS.get(concept)
    return need is None or need.search(phrase) is not None


def fragments_joined(text: str) -> str | None:
    """``text`` with each run of :data:`MIN_RUN` or more fragments of at most :data:`FRAGMENT_MAX_WORDS` words joined
    by spaces ("My leg. Swollen. Red. Hot. Since the cast came off." -> "My leg Swollen Red Hot. Since the cast came
    off."), or None when it has no such run (or one with a denial in it)."""
    parts = [p for p in _BREAKS.split(text) if p.strip()]
    out: list[str] = []
    joined = False
    i = 0
    while i < len(parts):
        j = i
        while j < len(parts) and len(parts[j].split()) <= FRAGMENT_MAX_WORDS and not _DENIAL.search(parts[j]):
            j += 1
        if j - i >= MIN_RUN:
            out.append(" ".join(parts[i:j]))
            joined, i = True, j
        else:
            out.append(parts[i])
            i += 1
    return ". ".join(out) + "." if joined else None
