"""Grammar intents with slots: a pack's own hassil templates and lists (``grammar.yaml``).

A grammar pack ("order a large latte with oat milk") needs no article: its intents are
hassil sentence templates whose ``{list}`` references become slots, and each intent has
a reply template filled from the slots. :class:`GrammarMatcher` is pure (no recognizer,
no dialogue state):

- :meth:`GrammarMatcher.match` — an exact template match of one text (hassil);
- :meth:`GrammarMatcher.match_nbest` — the first exact match among a recognizer's n-best
  hypotheses, else the slot values spotted in the best one (longest list values, the
  intent's required lists present, every list at most once);
- :meth:`GrammarMatcher.reply` — the intent's reply with its slots filled in;
- :meth:`GrammarMatcher.sentences` — sample sentences for the recognizer's language model;
- :meth:`GrammarMatcher.to_fsg` — the same grammar as a compact finite-state grammar, for a
  grammar-search decoder.

``grammar.yaml``::

    title: Coffee orders
    language: en
    fallback: Sorry, I did not catch that order.
    intents:
      orderDrink:
        reply: "Ordering {size} {coffeeDrink}[ with {milkAmount}]."
        sentences: ["(can I get|give me) (a|an) [{size}] {coffeeDrink}[ with {milkAmount}]"]
    lists:
      size: {values: [small, large]}

In a reply, ``{slot}`` is the slot's value and ``[...]`` a fragment that is left out
when a slot it names was not heard.
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass
from typing import Any

from voice_guide.content.pack import ContentPack
from voice_guide.core.errors import ContentError
from voice_guide.nlu.understanding import IntentMatch

_LOGGER = logging.getLogger(__name__)

EXACT_CONFIDENCE = 1.0
"""Confidence of an exact template match of the best hypothesis."""

ALT_CONFIDENCE = 0.9
"""Confidence of an exact template match found among the runner-up hypotheses."""

COMPLETED_CONFIDENCE = 0.8
"""Confidence of a best hypothesis completed to a grammar sentence (:meth:`GrammarMatcher.complete`)."""

MAX_COMPLETIONS = 64
"""More different completions than this at one state: too open to guess."""

CONSENSUS_POWER = 2.0
"""How fast a runner-up's say in the slot consensus falls with its score gap: its confidence over
the best one's, to this power (the runner-ups' confidences are ``exp(-gap / 500)`` of the best's,
so 2 halves the weight every 173 PocketSphinx log units). Tuned on the coffee benchmark's tuning
recordings: 1 to 4 gave the same, 0 (all equal) and 8 less (docs/real-speech.md)."""

MIN_SPOTTED_COVERAGE = 0.5
"""Slot spotting needs the slot values and the templates' own words ("can", "i", "with")
to make up at least this share of the transcript's words (so "coffee" alone inside a
long, garbled sentence is not an order)."""

_WORD = re.compile(r"[a-z0-9']+")
_FRAGMENT = re.compile(r"\[([^\[\]]*)\]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def normalize(text: str) -> str:
    """Lower-case words (apostrophes kept), single spaces: how templates and transcripts are compared."""
    return " ".join(_WORD.findall(str(text or "").lower().replace("’", "'")))


@dataclass(frozen=True)
class GrammarIntent:
    """One intent of a grammar pack."""

    name: str
    """Intent name, e.g. ``orderDrink``."""

    reply: str
    """Reply template: ``{slot}`` placeholders, ``[...]`` fragments dropped when a slot is missing."""

    lists: frozenset[str]
    """Names of the lists (slots) its templates use."""

    required: frozenset[str]
    """Lists used by every one of its templates (a spotted match must have them)."""


class GrammarMatcher:
    """Text (or an n-best list) to a grammar intent with slots, for one pack. Pure; build once."""

    def __init__(self, pack: ContentPack) -> None:
        from hassil import Intents

        data = pack.grammar or {}
        raw_intents = data.get("intents") or {}
        if not isinstance(raw_intents, dict) or not raw_intents:
            raise ContentError("grammar.yaml: 'intents' must map intent names to sentences and a reply")
        hassil_dict = {
            "language": str(data.get("language") or "en"),
            "intents": {
                name: {"data": [{"sentences": [str(s) for s in (spec or {}).get("sentences") or []]}]}
                for name, spec in raw_intents.items()
            },
            "lists": data.get("lists") or {},
        }
        try:
            self._intents = Intents.from_dict(hassil_dict)
            for parsed in self._intents.intents.values():  # templates are parsed on first use
                _ = [d.sentences for d in parsed.data]
        except Exception as err:  # hassil raises several kinds for a bad template
            raise ContentError(f"grammar.yaml: a template cannot be parsed: {err}") from None
        self.decoder_bias: dict[str, dict[str, float]] = self._bias(data.get("decoder_bias"))
        """``list -> value -> weight`` (default 1) of a value in the decoder grammar (``decoder_bias:``
        in grammar.yaml): a value the acoustic model is measured to lose to a neighbour can be
        given more weight. Recognition only; matching ignores it."""
        self.fallback_reply = str(data.get("fallback") or "").strip()
        """What is said when nothing in the grammar was heard (empty: the pack has none)."""
        self.intents: dict[str, GrammarIntent] = {}
        """The pack's grammar intents, by name."""
        for name, spec in raw_intents.items():
            per_template = [self._list_names(s.expression) for s in self._intents.intents[name].data[0].sentences]
            if not per_template:
                raise ContentError(f"grammar.yaml: intent {name!r} has no sentences")
            missing = set().union(*per_template) - set(self._intents.slot_lists)
            if missing:
                raise ContentError(f"grammar.yaml: intent {name!r} uses undefined lists: {', '.join(sorted(missing))}")
            reply = str((spec or {}).get("reply") or "").strip()
            if not reply:
                raise ContentError(f"grammar.yaml: intent {name!r} has no reply")
            required = [self._required_lists(s.expression) for s in self._intents.intents[name].data[0].sentences]
            self.intents[name] = GrammarIntent(
                name, reply, frozenset().union(*per_template), frozenset.intersection(*map(frozenset, required))
            )
        self._template_words = frozenset(
            w for i in self._intents.intents.values() for s in i.data[0].sentences for w in self._literal_words(s.expression)
        )
        self._values: dict[str, list[tuple[str, str]]] = {}
        self._arcs: tuple[dict[int, list[tuple[int, str | None]]], int, int] | None = None
        self._graph: tuple[int, dict[int, tuple[bool, tuple[tuple[str, int], ...]]]] | None = None
        for list_name, slot_list in self._intents.slot_lists.items():
            pairs = [(normalize(v.text_in.text), str(v.value_out)) for v in getattr(slot_list, "values", [])]
            self._values[list_name] = sorted(pairs, key=lambda p: -len(p[0]))
        self._value_words = {name: [(tuple(phrase.split()), value) for phrase, value in pairs if phrase]
                             for name, pairs in self._values.items()}

    @staticmethod
    def _bias(raw: Any) -> dict[str, dict[str, float]]:
        if raw is None:
            return {}
        try:
            bias = {str(name): {normalize(v): float(w) for v, w in values.items()} for name, values in raw.items()}
        except (AttributeError, TypeError, ValueError):
            raise ContentError("grammar.yaml: 'decoder_bias' must map lists to {value: weight}") from None
        if any(w <= 0 for values in bias.values() for w in values.values()):
            raise ContentError("grammar.yaml: a 'decoder_bias' weight must be above 0")
        return bias

    # --- matching ----------------------------------------------------------------
    def match(self, text: str) -> IntentMatch | None:
        """The exact template match of ``text`` (confidence 1.0), or None."""
        from hassil import recognize

        cleaned = normalize(text)
        if not cleaned:
            return None
        result = recognize(cleaned, self._intents)
        if result is None:
            return None
        slots = {k: str(v.value).strip() for k, v in result.entities.items()}
        return IntentMatch(result.intent.name, EXACT_CONFIDENCE, slots, text=cleaned)

    def match_nbest(self, hypotheses: list[tuple[str, float]]) -> IntentMatch | None:
        """The intent and slots heard in ``(text, confidence)`` hypotheses (best first):

        1. among the hypotheses that are whole grammar sentences, the one whose slots agree
           most with the others' (:meth:`_consensus`), if the best hypothesis is one of them or
           a runner-up is (then with :data:`ALT_CONFIDENCE`);
        2. else the best hypothesis completed to a grammar sentence (:meth:`complete`);
        3. else the slots spotted in the best hypothesis (:meth:`spot`); else None."""
        best = hypotheses[0][0] if hypotheses else ""
        exact = [(m, conf) for text, conf in hypotheses if (m := self.parse(text)) is not None]
        if exact:
            chosen = self._consensus(exact, hypotheses[0][1])
            if chosen.text == normalize(best):
                return chosen
            return IntentMatch(chosen.intent, ALT_CONFIDENCE, chosen.slots, text=chosen.text)
        completed = self.complete(best)
        if completed is not None:
            return completed
        return self.spot(best) if best else None

    @staticmethod
    def _consensus(matches: list[tuple[IntentMatch, float]], best_confidence: float) -> IntentMatch:
        """The match with the most expected agreement, slot by slot, with the others (each
        weighing ``(confidence / best_confidence) ** CONSENSUS_POWER``): a slot value that many
        close runner-ups share beats one that only the first has (minimum Bayes risk on slots)."""
        top = max(best_confidence, 1e-9)
        weighted = [(m, (max(c, 0.0) / top) ** CONSENSUS_POWER) for m, c in matches]
        names = set().union(*(m.slots for m, _w in weighted)) | {"<intent>"}

        def value(m: IntentMatch, name: str) -> str | None:
            return m.intent if name == "<intent>" else m.slots.get(name)

        def agreement(m: IntentMatch) -> float:
            return sum(w for n in names for o, w in weighted if value(o, n) == value(m, n))

        return max(weighted, key=lambda mw: (round(agreement(mw[0]), 9), mw[1]))[0]

    def complete(self, text: str, max_words: int = 3) -> IntentMatch | None:
        """When ``text`` is the start of a grammar sentence that stops inside a slot value (the
        decoder lost every path to the grammar's end, e.g. "... with lots of brown" for "... lots
        of brown sugar" with the last word masked by noise), the sentence its shortest completions
        make (at most ``max_words`` more words), if they all mean the same (intent and slots) and
        only finish that value; else None (a guessed whole value is no better than a fallback)."""
        arcs, start, final = self._fsg_arcs()
        states = self._closure({start}, arcs)
        for word in normalize(text).split():
            states = self._closure({dst for s in states for dst, w in arcs.get(s, ()) if w == word}, arcs)
            if not states:
                return None
        frontier: dict[int, set[tuple[str, ...]]] = {s: {()} for s in states}
        for _depth in range(max_words + 1):
            if final in frontier:
                matches = {(m.intent, tuple(sorted(m.slots.items()))): m
                           for tail in frontier[final] if (m := self.parse(f"{text} {' '.join(tail)}")) is not None}
                if len(matches) != 1:
                    return None
                m = next(iter(matches.values()))
                if not all(self._ends_a_value(normalize(text).split(), list(t), m.slots) for t in frontier[final]):
                    return None
                return IntentMatch(m.intent, COMPLETED_CONFIDENCE, m.slots, text=m.text)
            nxt: dict[int, set[tuple[str, ...]]] = {}
            for state, tails in frontier.items():
                for dst, w in arcs.get(state, ()):
                    if w is None:
                        continue
                    for reached in self._closure({dst}, arcs):
                        bucket = nxt.setdefault(reached, set())
                        bucket.update(t + (w,) for t in tails)
                        if len(bucket) > MAX_COMPLETIONS:
                            return None
            frontier = nxt
        return None

    def _ends_a_value(self, heard: list[str], tail: list[str], slots: dict[str, str]) -> bool:
        """Whether ``tail`` only finishes a slot value that ``heard`` began ("lots of brown" +
        "sugar"), rather than adding words of its own (a whole value, a template word)."""
        for name, value in slots.items():
            for phrase, out in self._values.get(name, []):
                words = phrase.split()
                if out == value and len(words) > len(tail) and words[-len(tail):] == tail \
                        and heard[len(heard) - len(words) + len(tail):] == words[: -len(tail)]:
                    return True
        return False

    def _fsg_arcs(self) -> tuple[dict[int, list[tuple[int, str | None]]], int, int]:
        """The decoder grammar as adjacency lists (built once)."""
        if self._arcs is None:
            start, final, transitions = self.to_fsg()
            arcs: dict[int, list[tuple[int, str | None]]] = {}
            for src, dst, _p, word in transitions:
                arcs.setdefault(src, []).append((dst, word))
            self._arcs = (arcs, start, final)
        return self._arcs

    @staticmethod
    def _closure(states: set[int], arcs: dict[int, list[tuple[int, str | None]]]) -> set[int]:
        """``states`` and every state reached from them by null arcs."""
        out, todo = set(states), list(states)
        while todo:
            for dst, w in arcs.get(todo.pop(), ()):
                if w is None and dst not in out:
                    out.add(dst)
                    todo.append(dst)
        return out

    def spot(self, text: str) -> IntentMatch | None:
        """Slot values found in ``text`` (longest first, no overlaps), as the intent whose
        required lists they fill; None when no intent fits or they cover too little of it."""
        words = normalize(text).split()
        if not words:
            return None
        best: IntentMatch | None = None
        for intent in self.intents.values():
            slots, used = self._spot_lists(words, intent.lists)
            if slots is None or not intent.required <= set(slots):
                continue
            coverage = sum(1 for w, u in zip(words, used, strict=True) if u or w in self._template_words) / len(words)
            if coverage < MIN_SPOTTED_COVERAGE:
                continue
            candidate = IntentMatch(intent.name, round(coverage, 3), slots, text=" ".join(words))
            if best is None or candidate.confidence > best.confidence:
                best = candidate
        return best

    def _spot_lists(self, words: list[str], lists: frozenset[str]) -> tuple[dict[str, str] | None, list[bool]]:
        """Slots from the longest list values first, each word used once, and which words they
        used; None for the slots when a list is heard twice with different values."""
        candidates = [
            (len(phrase.split()), name, phrase, value)
            for name in lists for phrase, value in self._values.get(name, []) if phrase
        ]
        candidates.sort(key=lambda c: -c[0])
        used = [False] * len(words)
        slots: dict[str, str] = {}
        for n, name, phrase, value in candidates:
            target = phrase.split()
            for start in range(len(words) - n + 1):
                if words[start : start + n] != target or any(used[start : start + n]):
                    continue
                if name in slots and slots[name] != value:
                    return None, used
                slots[name] = value
                for k in range(start, start + n):
                    used[k] = True
        return slots, used

    # --- replies -----------------------------------------------------------------
    def reply(self, match: IntentMatch) -> str:
        """The intent's reply template filled with the match's slots."""
        template = self.intents[match.intent].reply

        def fragment(m: re.Match[str]) -> str:
            names = _PLACEHOLDER.findall(m.group(1))
            return m.group(1) if all(match.slots.get(n) for n in names) else ""

        text = _FRAGMENT.sub(fragment, template)
        text = _PLACEHOLDER.sub(lambda m: match.slots.get(m.group(1), ""), text)
        return re.sub(r"\s+([.,!?])", r"\1", " ".join(text.split()))

    # --- for the recognizer --------------------------------------------------------
    def sentences(self, per_template: int = 40, seed: int = 1) -> list[str]:
        """Random sample sentences, ``per_template`` from each template (fixed seed), every
        list value at least once: the recognizer's language-model text for this grammar."""
        rng = random.Random(seed)
        out: list[str] = []
        for intent in self._intents.intents.values():
            for sentence in intent.data[0].sentences:
                for _ in range(per_template):
                    out.append(normalize(self._sample(sentence.expression, rng)))
        for pairs in self._values.values():
            out.extend(phrase for phrase, _value in pairs)
        return [s for s in dict.fromkeys(out) if s]

    def _sample(self, expr: Any, rng: random.Random) -> str:
        from hassil.expression import Alternative, ListReference, Permutation, Sequence, TextChunk

        if isinstance(expr, TextChunk):
            return expr.text
        if isinstance(expr, ListReference):
            pairs = self._values.get(expr.list_name) or [("", "")]
            return " " + rng.choice(pairs)[0] + " "
        if isinstance(expr, Alternative):
            return self._sample(rng.choice(expr.items), rng)
        if isinstance(expr, Permutation):
            items = list(expr.items)
            rng.shuffle(items)
            return " ".join(self._sample(i, rng) for i in items)
        if isinstance(expr, Sequence):
            return "".join(self._sample(i, rng) for i in expr.items)
        raise ContentError(f"grammar.yaml: unsupported template part {type(expr).__name__}")

    def to_fsg(self, max_paths: int = 200_000, value_weights: bool = True) -> tuple[int, int, list[tuple[int, int, float, str | None]]]:
        """The grammar as a compact finite-state grammar for a decoder: ``(start, final,
        transitions)``, each transition ``(from, to, probability, word or None)``.

        Templates are expanded to sequences of words and list references, put in a trie and
        minimized (states with the same futures merged), so shared tails are decoded once;
        each list reference then becomes a small word trie between its two states. At a state
        of the templates every next word or list is equally likely; within a list every value
        is (``value_weights``; else every arc of a state is, which favours values whose first
        words no other value shares).
        (A JSGF grammar of the same templates is expanded template by template by
        PocketSphinx: for the coffee pack, over a minute per utterance.)"""
        start, edges = self._symbol_graph(max_paths)
        end = len(edges)
        counter = [end + 1]
        weights: dict[tuple[int, int, str | None], float] = {}
        for src, (is_final, out) in edges.items():
            if is_final:
                weights[(src, end, None)] = 1.0
            for symbol, dst in out:
                if symbol.startswith("<"):  # the end of an intent's templates
                    weights[(src, dst, None)] = weights.get((src, dst, None), 0.0) + 1.0
                elif symbol.startswith("{"):
                    self._list_arcs(symbol[1:-1], src, dst, weights, counter, per_value=value_weights)
                else:
                    weights[(src, dst, symbol)] = weights.get((src, dst, symbol), 0.0) + 1.0
        total: dict[int, float] = {}
        for (src, _dst, _w), weight in weights.items():
            total[src] = total.get(src, 0.0) + weight
        transitions = [(src, dst, weights[(src, dst, word)] / total[src], word)
                       for src, dst, word in sorted(weights, key=str)]
        return start, end, transitions

    def _symbol_graph(self, max_paths: int = 200_000) -> tuple[int, dict[int, tuple[bool, tuple[tuple[str, int], ...]]]]:
        """The templates as a minimized automaton over words, ``{list}`` references and a last
        ``<intent>`` symbol: ``(start, state -> (is final, ((symbol, next state), ...)))``. Built
        once for the default ``max_paths``."""
        if self._graph is not None and max_paths == 200_000:
            return self._graph
        paths = [p + (f"<{name}>",) for name, i in self._intents.intents.items()
                 for s in i.data[0].sentences for p in self._paths(s.expression, max_paths)]
        children: list[dict[str, int]] = [{}]
        final = [False]
        for path in paths:
            node = 0
            for symbol in path:
                if symbol not in children[node]:
                    children[node][symbol] = len(children)
                    children.append({})
                    final.append(False)
                node = children[node][symbol]
            final[node] = True
        ids: dict[Any, int] = {}
        state_of: dict[int, int] = {}
        edges: dict[int, tuple[bool, tuple[tuple[str, int], ...]]] = {}
        for node in reversed(range(len(children))):  # children always come after their parent
            sig = (final[node], tuple(sorted((sym, state_of[c]) for sym, c in children[node].items())))
            state_of[node] = ids.setdefault(sig, len(ids))
            edges[state_of[node]] = sig
        graph = (state_of[0], edges)
        if max_paths == 200_000:
            self._graph = graph
        return graph

    def parse(self, text: str) -> IntentMatch | None:
        """What :meth:`match` gives, read off the templates' automaton instead of hassil (a
        hundred times faster: the n-best list is parsed whole for every utterance); falls back
        to :meth:`match` for grammars the automaton cannot hold (permutations)."""
        try:
            start, edges = self._symbol_graph()
        except ContentError:
            return self.match(text)
        words = tuple(normalize(text).split())
        todo: list[tuple[int, int, tuple[tuple[str, str], ...]]] = [(start, 0, ())]
        seen = set()
        while todo:
            item = todo.pop()
            if item in seen:
                continue
            seen.add(item)
            state, pos, slots = item
            for symbol, dst in edges[state][1]:
                if symbol.startswith("<"):
                    if pos == len(words) and edges[dst][0]:
                        return IntentMatch(symbol[1:-1], EXACT_CONFIDENCE, dict(slots), text=" ".join(words))
                elif symbol.startswith("{"):
                    for phrase, value in self._value_words.get(symbol[1:-1], ()):
                        if words[pos : pos + len(phrase)] == phrase:
                            todo.append((dst, pos + len(phrase), (*slots, (symbol[1:-1], value))))
                elif pos < len(words) and words[pos] == symbol:
                    todo.append((dst, pos + 1, slots))
        return None

    def _list_arcs(self, list_name: str, src: int, dst: int, weights: dict[tuple[int, int, str | None], float],
                   counter: list[int], *, per_value: bool) -> None:
        """Word arcs from ``src`` to ``dst`` for every value of a list (a trie of its words).

        ``per_value``: the list reference counts as one choice at ``src`` and every value of it
        is equally likely (an arc weighs the share of the values that pass through it); else
        every arc weighs 1 (a state's arcs are then equally likely, so a value that shares its
        first words with others -- "a lot of milk", "a bit of milk" -- costs more than one
        that does not -- "lots of milk"). :attr:`decoder_bias` tilts the values' shares."""
        bias = self.decoder_bias.get(list_name, {})
        values = [(phrase.split(), float(bias.get(phrase, 1.0))) for phrase, _value in self._values.get(list_name, []) if phrase.split()]
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

    def _paths(self, expr: Any, limit: int) -> list[tuple[str, ...]]:
        """Every sequence of words and ``{list}`` symbols ``expr`` allows."""
        from hassil.expression import Alternative, ListReference, Permutation, Sequence, TextChunk

        if isinstance(expr, TextChunk):
            return [tuple(normalize(expr.text).split())]
        if isinstance(expr, ListReference):
            return [("{" + expr.list_name + "}",)]
        if isinstance(expr, Alternative):
            out = [p for item in expr.items for p in self._paths(item, limit)]
            return list(dict.fromkeys(out + ([()] if expr.is_optional else [])))
        if isinstance(expr, Permutation):
            raise ContentError("grammar.yaml: permutations are not supported in a decoder grammar")
        if isinstance(expr, Sequence):
            acc: list[tuple[str, ...]] = [()]
            for item in expr.items:
                acc = [a + b for a in acc for b in self._paths(item, limit)]
                if len(acc) > limit:
                    raise ContentError(f"grammar.yaml: more than {limit} template expansions for a decoder grammar")
            return acc
        raise ContentError(f"grammar.yaml: unsupported template part {type(expr).__name__}")

    @staticmethod
    def _literal_words(expr: Any) -> set[str]:
        from hassil.expression import Group, TextChunk

        if isinstance(expr, TextChunk):
            return set(normalize(expr.text).split())
        if isinstance(expr, Group):
            return set().union(*(GrammarMatcher._literal_words(i) for i in expr.items)) if expr.items else set()
        return set()

    @staticmethod
    def _required_lists(expr: Any) -> set[str]:
        """The lists every sentence of ``expr`` uses (not those in optional parts or in only some alternatives)."""
        from hassil.expression import Alternative, Group, ListReference

        if isinstance(expr, ListReference):
            return {expr.list_name}
        if isinstance(expr, Alternative):
            if expr.is_optional or not expr.items:
                return set()
            return set.intersection(*(GrammarMatcher._required_lists(i) for i in expr.items))
        if isinstance(expr, Group):
            return set().union(*(GrammarMatcher._required_lists(i) for i in expr.items)) if expr.items else set()
        return set()

    @staticmethod
    def _list_names(expr: Any) -> set[str]:
        from hassil.expression import Group, ListReference

        if isinstance(expr, ListReference):
            return {expr.list_name}
        if isinstance(expr, Group):
            return set().union(*(GrammarMatcher._list_names(i) for i in expr.items)) if expr.items else set()
        return set()

