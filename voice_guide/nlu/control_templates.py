"""How many sentences hassil enumerates for a control template, counted without enumerating them.

The control templates of every state are sampled for the recognizer's language model
(:attr:`~voice_guide.nlu.controls.ControlMatcher.samples` and
:attr:`~voice_guide.nlu.controls.ControlMatcher.state_samples`). hassil's sampler takes only the
first sentences of an intent, but it builds every part of a template's sequence whole first
(``itertools.product`` reads its inputs to the end): a template that is one expansion rule, or whose
one part nests optional groups that multiply ("how (do|should|...) (i|we) [...] (hold|move|...)
(<whose> <part>|...) [...]"), is enumerated in full before the first sentence comes out. The tenth
round's ``<how_again>`` was 321 million sentences: the recognizer never became ready.

:func:`sampling_work` is that number of sentences, computed from the template's structure;
:class:`~voice_guide.nlu.controls.ControlMatcher` refuses a template above
:data:`MAX_SAMPLING_WORK` (a :class:`~voice_guide.core.errors.ContentError` naming it) and
reports the work per state (:meth:`~voice_guide.nlu.controls.ControlMatcher.sampling_work`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

STATE_SAMPLES = 40
"""Sentences sampled per intent and state for :attr:`~voice_guide.nlu.controls.ControlMatcher.state_samples`."""

STATE_SAMPLES_OF = {"start_routine": 10}
"""Fewer for these intents: the exercises asked for without a routine named, in idle and after an
answer (nineteenth round; the routines named are sampled from the templates of every state): 10 of
their sentences keep the states' sampled vocabulary under its bound (688 -> 698 sentences, bound 700,
``tests/nlu/test_controls_template_sampling.py``; 40 would make it 728)."""

MAX_SAMPLING_WORK = 50_000
"""Most sentences hassil may enumerate to start sampling one template (the largest shipped one
enumerates a few thousand; the tenth round's ``<how_again>`` 321 million)."""


def expansion_size(expression: Any, slot_lists: dict[str, Any], rules: dict[str, Any]) -> int:
    """Number of sentences ``expression`` expands to (before duplicates are dropped)."""
    from hassil.expression import Alternative, ListReference, Permutation, RuleReference, Sequence, TextChunk

    if isinstance(expression, TextChunk):
        return 1
    if isinstance(expression, Alternative):
        return sum(expansion_size(item, slot_lists, rules) for item in expression.items)
    if isinstance(expression, Permutation):
        return math.factorial(len(expression.items)) * math.prod(
            expansion_size(item, slot_lists, rules) for item in expression.items)
    if isinstance(expression, Sequence):
        return math.prod(expansion_size(item, slot_lists, rules) for item in expression.items)
    if isinstance(expression, RuleReference):
        return expansion_size(rules[expression.rule_name].expression, slot_lists, rules)
    if isinstance(expression, ListReference):
        values = getattr(slot_lists.get(expression.list_name), "values", None) or []
        return sum(expansion_size(v.text_in, slot_lists, rules) for v in values) or 1
    return 1


def sampling_work(expression: Any, slot_lists: dict[str, Any], rules: dict[str, Any]) -> int:
    """Sentences hassil builds to start sampling ``expression``: every part of a sequence (or
    permutation) whole; the branches of an alternative one after another (counted all)."""
    from hassil.expression import Alternative, ListReference, Permutation, RuleReference, Sequence

    if isinstance(expression, (Sequence, Permutation)) and not isinstance(expression, Alternative):
        return sum(expansion_size(item, slot_lists, rules) for item in expression.items)
    if isinstance(expression, Alternative):
        return sum(sampling_work(item, slot_lists, rules) for item in expression.items)
    if isinstance(expression, RuleReference):
        return sampling_work(rules[expression.rule_name].expression, slot_lists, rules)
    if isinstance(expression, ListReference):
        return expansion_size(expression, slot_lists, rules)
    return 1


def template_work(intents: Any) -> list[tuple[int, str, str]]:
    """``(sampling work, intent, template text)`` for every template of a hassil ``Intents``."""
    rows = []
    for name, intent in intents.intents.items():
        for data in intent.data:
            rules = {**intents.expansion_rules, **(data.expansion_rules or {})}
            for sentence in data.sentences:
                rows.append((sampling_work(sentence.expression, intents.slot_lists, rules), name, sentence.text))
    return rows


def template_words(data: dict[str, Any]) -> frozenset[str]:
    """The words of the templates of every state, the expansion rules and the lists in ``data``
    (``intents.yaml``), lower case, letters only (what a typing slip of a command may become)."""
    texts: list[str] = [str(t) for ts in (data.get("intents") or {}).values() for t in ts or []]
    for raw in (data.get("state_preferences") or {}).values():
        texts += [str(t) for ts in ((raw or {}).get("templates") or {}).values() for t in ts or []]
    texts += [str(r) for r in (data.get("expansion_rules") or {}).values()]
    texts += [str(v.get("in", "")) for lst in (data.get("lists") or {}).values() for v in (lst or {}).get("values") or []
              if isinstance(v, dict)]
    return frozenset(w for text in texts for w in re.findall(r"[a-z]+", text.lower()))


def state_sentences(intents: Any) -> list[str]:
    """The cleaned sentences sampled from one state's templates (:data:`STATE_SAMPLES` per intent, or
    :data:`STATE_SAMPLES_OF`'s)."""
    from hassil.sample import sample_intents

    from voice_guide.nlu.normalize import TextNormalizer

    taken: Counter[str] = Counter()
    out = []
    for name, sentence in sample_intents(intents, max_sentences_per_intent=STATE_SAMPLES):
        taken[name] += 1
        if taken[name] <= STATE_SAMPLES_OF.get(name, STATE_SAMPLES):
            out.append(TextNormalizer.clean(sentence))
    return out
