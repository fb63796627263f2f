"""Indirect crisis talk as a small model of warning signs, not as more phrases.

People rarely say "suicide". They say one or two things a clinician would want to ask about:
hopelessness ("I don't see how things will ever get better"), being a burden, others better
off without them, being tired of life, going away ("she's ready to go"), goodbyes and apologies,
affairs put in order or things given away, the means at hand, a low mood. Any single one is
usually ordinary talk; two different ones together are the pattern the warning-sign
guidance describes. So ``safety.yaml`` ``crisis_signs:`` lists sign *families*, each with
cue patterns and a weight, and :class:`CrisisSigns` flags crisis talk when the weights of
the different families found in one message reach the threshold (a family counts once).

A weak cue also counts when it is the whole message, said by the speaker or reported
("she keeps saying she's a nuisance"), and it ends the message: asked with nothing else, the
calm crisis reply is the safe answer ("i don't see how things will ever get better").

Each cue is checked against the context rules like any crisis phrase (negation, a question
about it, history), after idioms are removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety_context import ContextRules
from voice_guide.nlu.safety_text import PatternCompiler

DEFAULT_THRESHOLD = 2
"""Sum of family weights that makes crisis talk when the pack does not say."""

_SPEAKER = re.compile(
    r"\b(?:i|me|my|myself|says|said|keeps saying|kept saying|keeps telling|kept telling|told me|tells me|told us|"
    r"tells us|saying|asking|asks|asked|mentioned|mentions|joked|jokes|texted|messaged|wrote|keeps going on)\b")
"""The speaker's own words, or someone's reported words."""

_TAIL = re.compile(
    r"^(?: (?:any ?more|any longer|much longer|now|at all|for me|for him|for her|really|honestly|lately|these days|all the time|every day|every (?:single )?(?:morning|night|day)|each (?:morning|day)"
    r"|no more|no longer|about (?:everything|anything|it all|life|the future)|with (?:everything|it all|life)"
    r"|on (?:his|her|my) (?:walks?|way home|way back)|for (?:ages|hours)|any of it|all of it|none of it))*$")
"""Words that may follow a cue that ends the message."""

_TEXT_TAIL = re.compile(r"(?: (?:tbh|ngl|to be honest|if i am honest|if i am being honest|fr|for real|lowkey|honestly))+$")
"""Texting hedges that end a clause ("i do not see myself being alive by summer tbh"): read without them."""


def without_tail(clause: str) -> str:
    """``clause`` without the texting hedges that end it (:data:`_TEXT_TAIL`), so that a cue said at the end of
    the message still ends it (thirty-first session)."""
    return _TEXT_TAIL.sub("", clause) or clause


_FILLER = re.compile(r"^(?:(?:um|uh|er|erm|oh|ok|okay|so|well|look|honestly|please|and|but|hi|hey|sorry|just) ?)*$")


@dataclass(frozen=True)
class Sign:
    """One cue pattern of a sign family."""

    family: str
    weight: int
    """What the family adds to the sum (the strongest cue of a family counts)."""

    pattern: re.Pattern[str]
    source: str
    alone: bool = True
    """False for cues that never count alone ("i want the pain to stop" is a pain report)."""

    beside_only: bool = False
    """True for cues that count only beside a cue of another family: never alone, and no sign for the
    learned net's lower bar (``learned.crisis_sign_at``): "she says she's ready" is a carer's word."""

    asked: bool = True
    """False for cues that do not count in a clause asked as a question (``context.question_starts``): a bare
    time at a clause's end ("who is playing in the match tonight") is a plan only when it is told
    (twenty-second session; "the urge to cut is really strong tonight" keeps it)."""

    with_: tuple[re.Pattern[str], ...] = ()
    """When not empty, the cue counts only in a message that also holds one of these words (twenty-fifth session:
    a bare time is a timed plan only beside a word of harm, death, leaving life or a means: "i want to see my
    grandson tonight" is an everyday plan, "i have the pills ready for tonight" is not)."""


@dataclass(frozen=True)
class SignHit:
    """A cue found in a clause and not cancelled by its context."""

    family: str
    weight: int
    phrase: str
    clause: str
    alone: bool
    """True when the cue ends a message that says nothing else, in the speaker's or reported words."""

    beside_only: bool = False
    """The cue's :attr:`Sign.beside_only`."""


class CrisisSigns:
    """The pack's crisis warning-sign families and the rule that combines them."""

    def __init__(self, signs: tuple[Sign, ...], threshold: int = DEFAULT_THRESHOLD) -> None:
        self.signs = signs
        self.threshold = threshold

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None, compiler: PatternCompiler) -> "CrisisSigns":
        """Build from ``crisis_signs:`` (``threshold``, ``families: {name: {weight, alone, patterns}}``); a
        pattern may be a mapping ``{pattern, beside_only: true, asked: false, with: words}`` (:attr:`Sign.beside_only`,
        :attr:`Sign.asked`, :attr:`Sign.with_`)."""
        data = data or {}
        signs = []
        for family, fdata in (data.get("families") or {}).items():
            fdata = fdata or {}
            try:
                weight = int(fdata.get("weight") or 1)
            except (TypeError, ValueError):
                raise ContentError(f"safety.yaml: crisis_signs.families.{family}: weight must be a number") from None
            alone = bool(fdata.get("alone", True))
            for i, item in enumerate(fdata.get("patterns") or []):
                beside = isinstance(item, Mapping) and bool(item.get("beside_only"))
                asked = not isinstance(item, Mapping) or bool(item.get("asked", True))
                src = item.get("pattern") if isinstance(item, Mapping) else item
                where = f"crisis_signs.families.{family}.patterns[{i}]"
                pattern = compiler.compile(str(src), where)
                with_ = tuple(compiler.compile_all([str(item["with"])], f"{where}.with")) \
                    if isinstance(item, Mapping) and item.get("with") else ()
                signs.append(Sign(str(family), weight, pattern, pattern.pattern, alone and not beside, beside, asked,
                                  with_))
        return cls(tuple(signs), int(data.get("threshold") or DEFAULT_THRESHOLD))

    def hits(self, parts: list[str], context: ContextRules,
             frame: Callable[[str], bool] | None = None) -> list[SignHit]:
        """Every cue in the clauses ``parts`` that its context does not cancel. ``frame``: clauses that are only a calm
        frame ("he is comfortable", "she is in a great mood today") and do not count as another statement, so a cue
        said beside one still ends the message (twenty-fourth session: "he is comfortable but he told me he wants to
        be gone"; a sudden calm is itself a warning sign)."""
        statements = [p for p in parts if not _FILLER.match(p) and not (frame is not None and frame(p))]
        whole = " ".join(parts)
        out = []
        for sign in self.signs:
            if sign.with_ and not any(w.search(whole) for w in sign.with_):
                continue  # "i want to see my grandson tonight": a time, and no word of harm beside it
            for clause in parts:
                if not sign.asked and any(q.match(clause) for q in context.question_starts):
                    continue  # "what time is the match on tonight": a time asked about, no plan told
                for m in sign.pattern.finditer(clause):
                    if context.why_not(clause, m.start(), m.end(), sign.source, False, False, crisis=True):
                        continue
                    alone = (sign.alone and len(statements) == 1 and _TAIL.match(clause[m.end():]) is not None
                             and _SPEAKER.search(clause) is not None)
                    out.append(SignHit(sign.family, sign.weight, m.group(0), clause, alone, sign.beside_only))
        return out

    def crisis(self, parts: list[str], context: ContextRules,
               frame: Callable[[str], bool] | None = None) -> SignHit | None:
        """The strongest cue when the signs in ``parts`` add up to crisis talk, else None (``frame``: :meth:`hits`)."""
        found = self.hits(parts, context, frame)
        if not found:
            return None
        best: dict[str, SignHit] = {}
        for hit in found:
            if hit.family not in best or hit.weight > best[hit.family].weight:
                best[hit.family] = hit
        total = sum(h.weight for h in best.values())
        top = max(best.values(), key=lambda h: h.weight)
        if total >= self.threshold or any(h.alone for h in found):
            return top
        return None
