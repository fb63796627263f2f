"""A grammar pack's templates as one word automaton (used by :mod:`voice_guide.nlu.grammar`).

The templates, expanded to sequences of words and ``{list}`` references and closed by an
``<intent>`` symbol, are put in a trie and minimized (states with the same futures merged), so
shared tails are held once. From it:

- :meth:`TemplateAutomaton.to_fsg` — the finite-state grammar a decoder searches (each list
  reference a small word trie between two states);
- :meth:`TemplateAutomaton.parse` — the intent and slots of a sentence (what hassil finds, a
  hundred times faster: a whole n-best list is parsed for every utterance);
- :meth:`TemplateAutomaton.completions` — the shortest ways to finish a sentence the decoder cut.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Fsg = tuple[int, int, list[tuple[int, int, float, "str | None"]]]
"""``(start state, final state, transitions (from, to, probability, word or None))``."""

_Edges = dict[int, tuple[bool, tuple[tuple[str, int], ...]]]
_Arcs = dict[int, list[tuple[int, "str | None"]]]


class TemplateAutomaton:
    """The minimized automaton of a grammar's template expansions. Pure; build once."""

    def __init__(self, paths: Mapping[str, Sequence[tuple[str, ...]]], values: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        """``paths``: intent -> its templates' expansions (words and ``{list}`` symbols);
        ``values``: list -> ``(spoken phrase, slot value)`` pairs, longest phrase first."""
        self._values = values
        self._value_words = {name: [(tuple(p.split()), v) for p, v in pairs if p] for name, pairs in values.items()}
        children: list[dict[str, int]] = [{}]
        final = [False]
        for intent, intent_paths in paths.items():
            for path in intent_paths:
                node = 0
                for symbol in (*path, f"<{intent}>"):
                    if symbol not in children[node]:
                        children[node][symbol] = len(children)
                        children.append({})
                        final.append(False)
                    node = children[node][symbol]
                final[node] = True
        ids: dict[Any, int] = {}
        state_of: dict[int, int] = {}
        self.edges: _Edges = {}
        """state -> (is final, ((symbol, next state), ...))."""
        for node in reversed(range(len(children))):  # children always come after their parent
            sig = (final[node], tuple(sorted((sym, state_of[c]) for sym, c in children[node].items())))
            state_of[node] = ids.setdefault(sig, len(ids))
            self.edges[state_of[node]] = sig
        self.start = state_of[0]
        """The start state."""
        self._arcs: tuple[_Arcs, int, int] | None = None

    # --- the decoder grammar ---------------------------------------------------------
    def to_fsg(self, value_weights: bool = True, bias: Mapping[str, Mapping[str, float]] | None = None) -> Fsg:
        """The decoder's finite-state grammar. At a state of the templates every next word or
        list is equally likely; within a list every value is (``value_weights``; else every arc
        of a state is), times its ``bias`` weight (list -> phrase -> weight, default 1)."""
        end = len(self.edges)
        counter = [end + 1]
        weights: dict[tuple[int, int, str | None], float] = {}
        for src, (is_final, out) in self.edges.items():
            if is_final:
                weights[(src, end, None)] = 1.0
            for symbol, dst in out:
                if symbol.startswith("<"):  # the end of an intent's templates
                    weights[(src, dst, None)] = weights.get((src, dst, None), 0.0) + 1.0
                elif symbol.startswith("{"):
                    name = symbol[1:-1]
                    self._list_arcs(name, src, dst, weights, counter, value_weights, (bias or {}).get(name, {}))
                else:
                    weights[(src, dst, symbol)] = weights.get((src, dst, symbol), 0.0) + 1.0
        total: dict[int, float] = {}
        for (src, _dst, _w), weight in weights.items():
            total[src] = total.get(src, 0.0) + weight
        transitions = [(src, dst, weights[(src, dst, word)] / total[src], word)
                       for src, dst, word in sorted(weights, key=str)]
        return self.start, end, transitions

    def _list_arcs(self, list_name: str, src: int, dst: int, weights: dict[tuple[int, int, str | None], float],
                   counter: list[int], per_value: bool, bias: Mapping[str, float]) -> None:
        """Word arcs from ``src`` to ``dst`` for every value of a list (a trie of its words).

        ``per_value``: the list reference counts as one choice at ``src`` and every value of it
        is equally likely (an arc weighs the share of the values that pass through it); else
        every arc weighs 1 (a state's arcs are then equally likely, so a value that shares its
        first words with others -- "a lot of milk", "a bit of milk" -- costs more than one
        that does not -- "lots of milk"). ``bias`` tilts the values' shares."""
        values = [(p.split(), float(bias.get(p, 1.0))) for p, _value in self._values.get(list_name, []) if p.split()]
        total = sum(b for _w, b in values)
        trie: dict[tuple[str, ...], int] = {}
        for words, b in values:
            share = b / total
            node = src
            for k, word in enumerate(words):
                if k == len(words) - 1:
                    nxt = dst
                else:
                    key = tuple(words[: k + 1])
                    if key not in trie:
                        trie[key] = counter[0]
                        counter[0] += 1
                    nxt = trie[key]
                arc = (node, nxt, word)
                weights[arc] = weights.get(arc, 0.0) + share if per_value else 1.0
                node = nxt

    # --- reading sentences -------------------------------------------------------------
    def parse(self, words: Sequence[str]) -> tuple[str, dict[str, str]] | None:
        """The intent and slots of the sentence ``words`` (normalized), or None if no template has it."""
        words = tuple(words)
        todo: list[tuple[int, int, tuple[tuple[str, str], ...]]] = [(self.start, 0, ())]
        seen = set()
        while todo:
            item = todo.pop()
            if item in seen:
                continue
            seen.add(item)
            state, pos, slots = item
            for symbol, dst in self.edges[state][1]:
                if symbol.startswith("<"):
                    if pos == len(words) and self.edges[dst][0]:
                        return symbol[1:-1], dict(slots)
                elif symbol.startswith("{"):
                    for phrase, value in self._value_words.get(symbol[1:-1], ()):
                        if words[pos : pos + len(phrase)] == phrase:
                            todo.append((dst, pos + len(phrase), (*slots, (symbol[1:-1], value))))
                elif pos < len(words) and words[pos] == symbol:
                    todo.append((dst, pos + 1, slots))
        return None

    def completions(self, words: Sequence[str], max_words: int, max_completions: int) -> set[tuple[str, ...]]:
        """The shortest word sequences (at most ``max_words``) that make ``words`` a whole
        sentence; empty when ``words`` does not start one, none is that short, or more than
        ``max_completions`` lead through one state (too open to guess)."""
        arcs, start, final = self._fsg_arcs()
        states = _closure({start}, arcs)
        for word in words:
            states = _closure({dst for s in states for dst, w in arcs.get(s, ()) if w == word}, arcs)
            if not states:
                return set()
        frontier: dict[int, set[tuple[str, ...]]] = {s: {()} for s in states}
        for _depth in range(max_words + 1):
            if final in frontier:
                return frontier[final]
            nxt: dict[int, set[tuple[str, ...]]] = {}
            for state, tails in frontier.items():
                for dst, w in arcs.get(state, ()):
                    if w is None:
                        continue
                    for reached in _closure({dst}, arcs):
                        bucket = nxt.setdefault(reached, set())
                        bucket.update(t + (w,) for t in tails)
                        if len(bucket) > max_completions:
                            return set()
            frontier = nxt
        return set()

    def _fsg_arcs(self) -> tuple[_Arcs, int, int]:
        """The decoder grammar as adjacency lists (built once)."""
        if self._arcs is None:
            start, final, transitions = self.to_fsg()
            arcs: _Arcs = {}
            for src, dst, _p, word in transitions:
                arcs.setdefault(src, []).append((dst, word))
            self._arcs = (arcs, start, final)
        return self._arcs


def _closure(states: set[int], arcs: _Arcs) -> set[int]:
    """``states`` and every state reached from them by null arcs."""
    out, todo = set(states), list(states)
    while todo:
        for dst, w in arcs.get(todo.pop(), ()):
            if w is None and dst not in out:
                out.add(dst)
                todo.append(dst)
    return out
