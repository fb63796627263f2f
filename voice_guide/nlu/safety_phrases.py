"""Phrase-level helpers of the safety rules' reading (split from :mod:`voice_guide.nlu.safety` in the eighteenth
session): clauses that revive a phrase cancelled before them, a sign that goes on, companion and lone signs,
words of death, and the pack's texts that are not patterns."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from voice_guide.nlu.safety_context import ContextRules
from voice_guide.nlu.safety_tense import NOT_USUAL
from voice_guide.nlu.safety_types import Rule

NOW_IT_DOES = re.compile(
    r"^(?:(?:and )?(?:now|but now|today|tonight) )?(?:he|she|i|they|we|it) (?:just |now )?(?:does|do|has|have|is|are|am|did)(?: now| just now)?$")
"""A clause that revives the "never" of the one before ("never had chest pain before, now he does"), or a worry or a
case put ("i'm terrified of her collapsing, she just has"; forty-second session review)."""

JUST_DID_AFTER = re.compile(
    r"\b(?:and|but) (?:now )?(?:he|she|i|they|we|it) (?:just |now |has just |have just )?(?:did|does|has|have)(?: now| just now)?$")
"""The end of a worry's clause that says it has come true ("the thought of him collapsing terrifies me and he just did")."""


NOW_IT_DOES_AFTER = re.compile(
    r"^(?: before| in (?:his|her|my|their) life| ever)? (?:and|but) (?:now |today |tonight |this time )?"
    r"(?:he|she|i|they|we) (?:is|are|am) (?:having|getting) (?:one|it|them|another)(?: now| right now| today| tonight)?$"
    r"|^(?: before| in (?:his|her|my|their) life| ever)? (?:and|but) (?:now|today|tonight) (?:he|she|i|they|we) (?:has|have|does|do)(?: one| it)?$"
    r"|^(?: before| in (?:his|her|my|their) life| ever)? (?:and|but) (?:now |today |tonight |this time |just now )?(?:he|she|i|they|we)"
    r" (?:is|are|am|has|have)(?: just| now| suddenly)*(?: been)? (?:shaking|jerking|twitching|convulsing|fitting|seizing|thrashing"
    r"|clutching|gasping|choking|slurring|collapsed|gone (?:blue|grey|gray|stiff|floppy))\b"
    r"|^(?: before| in (?:his|her|my|their) life| ever)? (?:and|but) (?:(?:now|today|tonight|just now) (?:he|she|i|they|we) (?:has|have)"
    r"|(?:he|she|i|they|we) (?:has|have) just) had (?:one|it|another)\b")
"""The rest of the clause after a phrase under "never" that revives it (sixteenth session: "my son has
never had a fit before and he is having one now"; fortieth session, a first fit told by its signs: "... never had a
seizure before and she has just been shaking on the floor"; forty-second session: "... never had a seizure before and she
has just had one and she is blue round the mouth")."""


ANOTHER_NOW = re.compile(
    r"^(?:(?:and|but|so) )?(?:(?:now|today|tonight|right now|this time) )?(?:he|she|i|they|we) (?:is|are|am) (?:having|getting)"
    r" (?:one|another|another one|it|them)(?: again| now| right now| today| tonight| this minute)*$"
    r"|^(?:(?:and|but|so|now) )?(?:it|the pain|the chest pain|the tightness|the headache|the swelling|the bleeding|the fits?"
    r"|the seizures?|the symptoms|the numbness|the droop) (?:is|are|has|have) (?:come |came |coming )?back\b")
"""A clause that revives an event the clause before told as history (seventeenth session, second round: "he had
a seizure last year | he is having one again"; forty-second session: "last year he had chest pain | it is back now and
crushing")."""


DEATH_WORD = re.compile(r"\b(?:kill\w*|die|dies|died|dying|dead|death|murder\w*|suicid\w*)\b")
"""A word of death or killing: when every one of a message's is inside a figure of speech (``context.idioms``:
"my brother is going to kill me if i miss his birthday"), the net needs ``learned.figure_at`` (seventeenth session)."""


BETTER_OFF = re.compile(r"\bbetter off\b")
"""The crisis sign "better off": when every one of a message's is inside a figure of speech (``context.idioms``: "i'd
be better off in a bungalow"), the net needs ``learned.figure_at``, as for a word of death (thirty-second session)."""


PERSISTS = re.compile(r"(?:^| )(?:not|never) (?:\w+ )?(?:stop|stops|stopped|stopping|ease|eased|easing|slow|slowed|slowing|let up)(?: \w+)?$")
"""A negated stop just before a sign word: the sign goes on ("it has not stopped bleeding", "never stopped
fitting"), no reassurance (:meth:`SafetyRules.calm_negation`)."""


SHORT_WILL = re.compile(r"\b(she|he)ll (?=(?:kill|hurt|harm|end|do|try|take|jump|cut|overdose|never|not|die|be|go)\b)")
""""shell kill herself", "hell do it": she'll and he'll typed without the apostrophe, before a verb
(sixteenth session, tune17:odd); "a shell", "hell" stay words."""


NOT_PATTERNS = frozenset({"sources", "replies", "regions", "clinician_notice", "spoken_keywords", "spoken_weak_words",
                           "learned", "calm_remarks"})
"""Top-level keys of ``safety.yaml`` whose texts are not patterns (their words are not used for spelling)."""


NOT_PATTERN_KEYS = frozenset({"training_lines"})
"""Keys at any level whose texts are not patterns: a concept's lines for the learned net only."""


CUE_NEGATION_WORDS = 2
"""Words before a companion sign (a pattern's ``with``) in which a negation cue denies it: closer
than a phrase's window ("does not make sense | since lunch" still places the change)."""


WINDOW_CHARS = 400
"""Characters before a companion sign read for its negation cue: far more than :data:`CUE_NEGATION_WORDS` (doubled
after an "or") words of any real sentence need; bounded so that a message of many signs is read in linear time."""


FILLER = re.compile(r"^(?:(?:um|uh|er|erm|oh|ok|okay|so|well|look|listen|honestly|please|just|and|but|hi|hey|sorry) ?)*$")
"""A clause of fillers only: it does not count as another statement for an ``alone`` sign."""


def with_found(rule: Rule, whole: str, context: ContextRules) -> bool:
    """True when a companion sign of ``rule.with_`` stands in ``whole`` and is not itself
    negated ("she bumped her head | she is not sick or drowsy": the denied signs do not make
    the bump a head injury): a negation cue (:attr:`ContextRules.negation`) in the
    :data:`CUE_NEGATION_WORDS` words just before it, or before an "or" there."""
    for pattern in rule.with_:
        for m in pattern.finditer(whole):
            # only the words just before the sign are read: a bounded slice, so a very long message stays linear
            before = whole[max(0, m.start() - WINDOW_CHARS):m.start()].split()
            window = before[-CUE_NEGATION_WORDS:]
            if any(w in ("or", "nor") for w in window):  # "not sick or drowsy"
                window = before[-2 * CUE_NEGATION_WORDS:]
            text = " ".join(window)
            if NOT_USUAL.search(text) or not any(n.search(text) for n in context.negation):
                return True  # ("she never gets headaches and this one ...": a usual state denied)
    return False


def alone(clause: str, parts: list[str]) -> bool:
    """True when ``clause`` is the only statement of the text (other clauses are fillers)."""
    return all(p == clause or FILLER.match(p) for p in parts)


def rules_key(data: Mapping[str, Any]) -> str:
    """A stable text of the rules' data: the name of their compiled-pattern cache file."""
    return json.dumps(data, sort_keys=True, default=str)


def texts(value: Any) -> list[str]:
    """Every string inside a YAML value (mappings, lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Mapping):
        return [t for k, v in value.items() if k not in NOT_PATTERN_KEYS for t in texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in texts(v)]
    return []
