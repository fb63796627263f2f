"""The data of the safety rules: what they find (:class:`SafetyFinding`), the taxonomy's
concepts and their rules, and a phrase found in a clause (:class:`Hit`)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass


class FindingKind(enum.Enum):
    """What the safety rules found in a text, most urgent first."""

    EMERGENCY = "emergency"
    CRISIS = "crisis"
    CONFIRM = "confirm_emergency"
    """Only the learned net suspects an emergency: ask the confirmation question (never a red flag by itself)."""
    PAIN = "pain"
    MEDICAL_ADVICE = "medical_advice"
    ABOUT_ME = "about_me"
    NONE = "none"


LEARNED_PHRASE_PREFIX = "learned:"
"""How a finding of the learned net names itself in :attr:`SafetyFinding.phrase` (then its probability)."""


@dataclass(frozen=True)
class SafetyFinding:
    """The safety reading of one text."""

    kind: FindingKind
    """What was found (``NONE`` when nothing)."""

    concept: str | None = None
    """The taxonomy concept (``chest_pain``, ``crisis``, ``pain`` ...), None for ``NONE``."""

    reply: str = ""
    """The text to speak (empty for ``NONE``)."""

    phrase: str = ""
    """The words that matched, normalised."""

    @property
    def intent(self) -> str:
        """The intent name for this finding (``emergency``, ``crisis`` ...; ``none`` for nothing)."""
        return self.kind.value

    @property
    def by_net(self) -> bool:
        """True when only the learned net found it (no rule of ``safety.yaml``)."""
        return self.phrase.startswith(LEARNED_PHRASE_PREFIX)

    @property
    def net_probability(self) -> float | None:
        """The learned net's probability of the kind it found (``learned:0.87``), None for a rule's finding."""
        if not self.by_net:
            return None
        try:
            return float(self.phrase[len(LEARNED_PHRASE_PREFIX):])
        except ValueError:
            return None

    @property
    def is_red_flag(self) -> bool:
        """True for an emergency or a crisis: nothing else may be answered."""
        return self.kind in (FindingKind.EMERGENCY, FindingKind.CRISIS)


@dataclass(frozen=True)
class Rule:
    """One pattern of a concept, with the context it needs."""

    pattern: re.Pattern[str]
    source: str
    """The expanded regular expression (the negation check looks for "not" in it)."""

    with_: tuple[re.Pattern[str], ...] = ()
    """Patterns that must also occur somewhere in the text (any tense), e.g. "spinal injury"."""

    mild: bool = False
    """True when "a bit", "slightly" before or in this phrase makes it not urgent, whatever the
    concept says ("a bit short of breath" but not "a bit blue")."""

    firm: bool = False
    """True when only a negation cancels the phrase: no question, history or hypothetical
    makes "how many pills would it take to not wake up" anything but crisis talk."""

    recent: bool = False
    """True when a recent past ("yesterday", "last night") is still now for this phrase:
    "confused and sleepy after hitting his head yesterday" is a delayed sign of a head injury."""

    alone: bool = False
    """True for a weak sign that stands when it is the whole message ("i have a rope") and
    otherwise only with one of its ``with`` patterns (another sign) somewhere in the text."""

    spoken: bool = True
    """False for a phrase kept out of the recognizer's language model (its sentences would pull common
    words of other packs toward it: "keep myself safe" made a falls pack hear "safer" as "safe for");
    the rule still reads every transcript and typed message."""


@dataclass(frozen=True)
class Concept:
    """A red-flag situation of the taxonomy."""

    id: str
    kind: FindingKind
    label: str
    """Short name for people ("chest pain and heart symptoms")."""

    question: str
    """How the confirmation question names it: "Did you say {question}?"."""

    rules: tuple[Rule, ...]
    mild_matters: bool = False
    """True when "a bit", "slightly" before the phrase makes it not urgent (e.g. confusion)."""

    samples: tuple[str, ...] = ()
    """Phrases for the recognizer's language model."""

    priority: int = 1
    """When several concepts of one kind match, the highest priority names the finding
    (specific situations such as dysreflexia over their generic signs such as a headache)."""

    yields_to_crisis: bool = False
    """True when a phrase of this concept that lies inside a crisis phrase of the same clause is
    that crisis talk, not this emergency ("she prays she won't wake up" is no collapse)."""


@dataclass(frozen=True)
class Hit:
    """A concept phrase found in a clause, and the context rule that cancels it (if any)."""

    concept: str
    phrase: str
    clause: str
    cancelled_by: str | None
    firm: bool = False
    """Found by a firm rule (only a negation cancels it): when it is its whole clause ("should i call an ambulance"),
    the learned net's doubt in context does not reach it (forty-eighth session)."""
