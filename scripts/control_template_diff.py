"""Whether two versions of the control templates understand the same (``control_equivalence.py --templates``).

A template flattened for its sampling work ("(<whose> <part>|him|her) ..." as two templates, each limb the
template's own parts) must change nothing the guide does with it. :func:`compare` puts two ``intents.yaml``
contents side by side on what the templates feed:

* the sampling work per state (:meth:`~voice_guide.nlu.controls.ControlMatcher.sampling_work`), the one
  figure that should move;
* the sentences sampled from the templates of every state, per intent and in order
  (:attr:`~voice_guide.nlu.controls.ControlMatcher.samples`: the fuzzy match and the control model read them),
  and those of each state (``state_sentences``, the recognizer's language model);
* the words of the templates (what a typing slip is corrected towards);
* what the templates match: :data:`RANDOM_PER_TEMPLATE` random sentences of each template only one version
  has (per state, and of every state), recognised by both versions' templates there, intents (in order) and
  slots compared; and the order of the intents (the first found wins).

Only differences are printed; ``no change`` when there are none.
"""

from __future__ import annotations

import logging
import random
import subprocess
from pathlib import Path
from typing import Any

import yaml

from voice_guide.nlu.control_templates import state_sentences
from voice_guide.nlu.controls import ControlMatcher

_LOGGER = logging.getLogger(__name__)

PACK_INTENTS = "voice_guide/packs/muscle_atrophy/intents.yaml"
"""The file compared, relative to the repository."""

RANDOM_PER_TEMPLATE = 60
"""Random sentences drawn from each template only one version has (a flattened template's sentences are
the union of its new templates': a sentence lost or gained shows up among them)."""


def read_ref(ref: str, root: Path) -> dict[str, Any]:
    """The ``intents.yaml`` of a git commit (``5b7ad1c``) or of a file path."""
    path = Path(ref)
    if path.is_file():
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    text = subprocess.run(["git", "show", f"{ref}:{PACK_INTENTS}"], cwd=root, check=True, capture_output=True,
                          text=True).stdout
    return yaml.safe_load(text)


def _random_text(expression: Any, matcher_intents: Any, rules: dict[str, Any], rng: random.Random) -> str:
    from hassil.expression import Alternative, ListReference, Permutation, RuleReference, Sequence, TextChunk

    def walk(expr: Any) -> str:
        if isinstance(expr, TextChunk):
            return expr.original_text
        if isinstance(expr, Alternative):
            return walk(rng.choice(expr.items))
        if isinstance(expr, Permutation):
            items = list(expr.items)
            rng.shuffle(items)
            return " ".join(walk(i) for i in items)
        if isinstance(expr, Sequence):
            return "".join(walk(i) for i in expr.items)
        if isinstance(expr, RuleReference):
            return walk(rules[expr.rule_name].expression)
        if isinstance(expr, ListReference):
            values = getattr(matcher_intents.slot_lists.get(expr.list_name), "values", None) or []
            return walk(rng.choice(values).text_in) if values else ""
        return ""

    return " ".join(walk(expression).split())


def _signature(expression: Any, intents: Any, rules: dict[str, Any]) -> str:
    """The template's text with the rules and lists it uses (transitively) written out: a template
    whose text stayed but whose rule changed differs."""
    from hassil.expression import Group, ListReference, RuleReference

    used: dict[str, str] = {}

    def walk(expr: Any) -> None:
        if isinstance(expr, Group):
            for item in expr.items:
                walk(item)
        elif isinstance(expr, RuleReference) and f"<{expr.rule_name}>" not in used:
            used[f"<{expr.rule_name}>"] = str(rules[expr.rule_name].text)
            walk(rules[expr.rule_name].expression)
        elif isinstance(expr, ListReference) and f"{{{expr.list_name}}}" not in used:
            values = getattr(intents.slot_lists.get(expr.list_name), "values", None) or []
            used[f"{{{expr.list_name}}}"] = repr([(str(v.text_in), str(v.value_out)) for v in values])
            for value in values:
                walk(value.text_in)

    walk(expression)
    return repr(sorted(used.items()))


def _templates(intents: Any) -> dict[tuple[str, str], tuple[Any, dict[str, Any]]]:
    """``(intent, template text + rules used) -> (expression, rules)``."""
    out = {}
    for name, intent in intents.intents.items():
        for data in intent.data:
            rules = {**intents.expansion_rules, **(data.expansion_rules or {})}
            for sentence in data.sentences:
                out[(name, f"{sentence.text} {_signature(sentence.expression, intents, rules)}")] = (sentence.expression, rules)
    return out


def _recognized(intents: Any, text: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    from hassil import recognize_all

    found: dict[str, tuple[tuple[str, str], ...]] = {}
    for result in recognize_all(text, intents):
        found.setdefault(result.intent.name, tuple(sorted((k, str(v.value)) for k, v in result.entities.items())))
    return tuple(found.items())


def _intents_differences(where: str, old: Any, new: Any, rng: random.Random) -> list[str]:
    """Random sentences of the templates only one of ``old`` and ``new`` (hassil ``Intents``) has,
    recognised by both; and the intents' order (the first intent found wins)."""
    if old is None or new is None:
        return [] if old is new else [f"{where}: templates only in one version"]
    out = [] if list(old.intents) == list(new.intents) else [f"{where}: intent order {list(old.intents)} -> {list(new.intents)}"]
    before, after = _templates(old), _templates(new)
    for source, keys in ((old, set(before) - set(after)), (new, set(after) - set(before))):
        table = _templates(source)
        for key in sorted(keys):
            expression, rules = table[key]
            for _ in range(RANDOM_PER_TEMPLATE):
                text = _random_text(expression, source, rules, rng)
                a, b = _recognized(old, text), _recognized(new, text)
                if a != b:
                    out.append(f"match {where} ({key[0]}: {key[1].split(' [(')[0]!r}): {text!r}: {a} -> {b}")
    return out


def _match_differences(old: ControlMatcher, new: ControlMatcher) -> list[str]:
    rng = random.Random(23)
    out = _intents_differences("every state", old._intents, new._intents, rng)
    for state in sorted(set(old._by_state) | set(new._by_state), key=lambda s: s.value):
        out += _intents_differences(state.value, old._by_state.get(state), new._by_state.get(state), rng)
    return out


def _sample_differences(old: ControlMatcher, new: ControlMatcher) -> list[str]:
    out = [f"samples {name}: {old.samples.get(name)} -> {new.samples.get(name)}"
           for name in sorted(set(old.samples) | set(new.samples)) if old.samples.get(name) != new.samples.get(name)]
    states = set(old._by_state) | set(new._by_state)
    for state in sorted(states, key=lambda s: s.value):
        before = state_sentences(old._by_state[state]) if state in old._by_state else []
        after = state_sentences(new._by_state[state]) if state in new._by_state else []
        if before != after:
            out.append(f"state samples {state.value}: -{sorted(set(before) - set(after))} "
                       f"+{sorted(set(after) - set(before))} (order or count changed: {len(before)} -> {len(after)})")
    if old.state_samples != new.state_samples:
        out.append(f"state_samples: {len(old.state_samples)} -> {len(new.state_samples)} sentences (order or content)")
    return out


def _states(work: dict[str, int]) -> int:
    return sum(v for k, v in work.items() if k != "intents")


def compare(old_data: dict[str, Any], new_data: dict[str, Any], matches: bool = True) -> tuple[list[str], list[str]]:
    """``(work lines, differences)``: the sampling work old -> new per state, and every difference in
    what the templates sample and match (empty: no change)."""
    old, new = ControlMatcher(old_data), ControlMatcher(new_data)
    w_old, w_new = old.sampling_work(), new.sampling_work()
    work = [f"{k:22s} {w_old.get(k, 0):7,d} -> {w_new.get(k, 0):7,d}" for k in sorted(set(w_old) | set(w_new))]
    work.append(f"{'all states':22s} {_states(w_old):7,d} -> {_states(w_new):7,d}")
    diffs = _sample_differences(old, new)
    if old._template_words != new._template_words:
        diffs.append(f"template words: -{sorted(old._template_words - new._template_words)} "
                     f"+{sorted(new._template_words - old._template_words)}")
    if matches:
        diffs += _match_differences(old, new)
    return work, diffs
