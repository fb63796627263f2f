"""Sentences for a language model, generated from the regular expressions that recognise them.

The safety rules recognise red flags with regular expressions over words (``safety.yaml``:
patterns built from lexical fields such as ``swallow_bad``: "bleach|antifreeze|weedkiller|...").
Their sample phrases name only a few of those words; a recognizer whose language model has
never seen "antifreeze" or "gibberish" cannot hear them. :func:`sentences_from_patterns`
walks each pattern's parse tree and writes out word strings it matches: one per alternative of
every branch (so every field word appears at least once), the others chosen at random
(seeded by the pattern's text, so that editing one rule does not change the sentences of all
the rules after it), gaps (``(?: [a-z0-9]+){0,4}``) left empty, optional parts taken or not at random.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from re import _constants as _sre_constants  # type: ignore[attr-defined]  # the parser behind re (3.11+)
from re import _parser as _sre_parse  # type: ignore[attr-defined]
from typing import Any

_WORD = re.compile(r"^[a-z][a-z' ]*[a-z]$|^[a-z]$")
_MAX_REPEAT_WORDS = 1


def sentences_from_patterns(patterns: Iterable[str], per_pattern: int = 6, seed: int = 10,
                            is_word: Callable[[str], bool] | None = None) -> list[str]:
    r"""Word strings matched by ``patterns`` (regular-expression texts), ``per_pattern`` random
    ones each plus one for each alternative of the pattern's branches; distinct, in order.

    ``is_word`` drops strings with a word it rejects: a stem whose ``\w*`` suffix was left out
    ("suicid", "convuls") would otherwise enter the language model as a word of its own."""
    out: dict[str, None] = {}
    for pattern in patterns:
        rng = random.Random(f"{seed}:{pattern}")  # per pattern: editing one pattern leaves the others' sentences
        try:
            tree = _sre_parse.parse(pattern)
        except (re.error, RecursionError):
            continue
        for forced in _branch_choices(tree):
            _add(out, _generate(tree, rng, forced), is_word)
        for _ in range(per_pattern):
            _add(out, _generate(tree, rng, {}), is_word)
    return list(out)


def _add(out: dict[str, None], text: str | None, is_word: Callable[[str], bool] | None) -> None:
    if text is None:
        return
    words = " ".join(text.split())
    if not words or not _WORD.match(words):
        return
    if is_word is not None and not all(is_word(w) for w in words.split()):
        return
    out.setdefault(words, None)


def _branch_choices(tree: Any) -> list[dict[int, int]]:
    """One forcing per alternative of each branch in ``tree`` (branch id -> alternative index)."""
    forcings: list[dict[int, int]] = []
    for op, av in _walk(tree):
        if op is _sre_constants.BRANCH:
            forcings.extend({id(av): i} for i in range(len(av[1])))
        elif op is _sre_constants.IN and _in_literals(av):
            forcings.extend({id(av): i} for i in range(len(_in_literals(av))))
    return forcings


def _walk(tree: Any) -> Iterable[tuple[Any, Any]]:
    for op, av in tree:
        yield op, av
        if op is _sre_constants.BRANCH:
            for alt in av[1]:
                yield from _walk(alt)
        elif op is _sre_constants.SUBPATTERN:
            yield from _walk(av[-1])
        elif op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT):
            yield from _walk(av[2])


def _in_literals(av: Any) -> list[str]:
    return [chr(v) for o, v in av if o is _sre_constants.LITERAL]


def _generate(tree: Any, rng: random.Random, forced: dict[int, int]) -> str | None:
    """One string matched by ``tree`` (None when a part cannot be written as words)."""
    parts: list[str] = []
    for op, av in tree:
        if op is _sre_constants.LITERAL:
            parts.append(chr(av))
        elif op is _sre_constants.NOT_LITERAL or op is _sre_constants.ANY:
            return None
        elif op is _sre_constants.IN:
            letters = _in_literals(av)
            if not letters:
                return None  # \w, \d, [a-z0-9]: only ever in gaps and suffixes, skipped there
            parts.append(letters[forced.get(id(av), rng.randrange(len(letters)))])
        elif op is _sre_constants.BRANCH:
            alternatives = av[1]
            choice = forced.get(id(av), rng.randrange(len(alternatives)))
            text = _generate(alternatives[choice], rng, forced)
            if text is None:
                return None
            parts.append(text)
        elif op is _sre_constants.SUBPATTERN:
            text = _generate(av[-1], rng, forced)
            if text is None:
                return None
            parts.append(text)
        elif op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT):
            low, high, body = av
            if low == 0 and (_has_class(body) or not rng.random() < 0.5):
                continue  # a gap, a "\w*" suffix, or an optional part left out
            text = _generate(body, rng, forced)
            if text is None:
                return None
            parts.append(text * max(1, min(low, _MAX_REPEAT_WORDS)))
        elif op in (_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
            continue
        else:
            return None
    return "".join(parts)


def _has_class(tree: Any) -> bool:
    """Whether ``tree`` holds a character class (a gap word, a suffix): left out when optional."""
    return any(op is _sre_constants.IN and not _in_literals(av) or op is _sre_constants.CATEGORY
               for op, av in _walk(tree))


__all__ = ["sentences_from_patterns"]
