"""Grammar intents with slots: a pack's own hassil templates and lists (``grammar.yaml``).

A grammar pack ("order a large latte with oat milk") needs no article: its intents are
hassil sentence templates whose ``{list}`` references become slots, and each intent has
a reply template filled from the slots. :class:`GrammarMatcher` is pure (no recognizer,
no dialogue state):

- :meth:`GrammarMatcher.match` — an exact template match of one text (hassil);
  :meth:`GrammarMatcher.parse` the same, read off the templates' automaton (fast);
- :meth:`GrammarMatcher.match_nbest` — among a recognizer's n-best hypotheses that are
  grammar sentences, the one whose slots the others agree with most; else the best one
  completed when it stops inside a slot value (:meth:`GrammarMatcher.complete`); else the
  slot values spotted in it (longest list values, the intent's required lists present,
  every list at most once);
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
    decoder_bias:             # optional: a value's weight in the decoder grammar (default 1)
      size: {large: 1.5}

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
from voice_guide.nlu.grammar_automaton import Fsg, TemplateAutomaton
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

_MAX_PATHS = 200_000
"""At most this many template expansions for the automaton (a grammar with more is refused)."""

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


def _distinct(hypotheses: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """``hypotheses`` without the repeats of a text (normalized), the first of each kept, in order."""
    seen: set[str] = set()
    out: list[tuple[str, float]] = []
    for text, confidence in hypotheses:
        key = normalize(text)
        if key not in seen:
            seen.add(key)
            out.append((text, confidence))
    return out


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
        self._built: tuple[TemplateAutomaton | None] | None = None
        for list_name, slot_list in self._intents.slot_lists.items():
            pairs = [(normalize(v.text_in.text), str(v.value_out)) for v in getattr(slot_list, "values", [])]
            self._values[list_name] = sorted(pairs, key=lambda p: -len(p[0]))

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
        3. else the slots spotted in the best hypothesis (:meth:`spot`); else None.

        A text given twice counts once, with its first confidence (the engine passes the
        recognizer's transcript and then its n-best list, which starts with that transcript again)."""
        hypotheses = _distinct(hypotheses)
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
        automaton = self._automaton()
        if automaton is None:
            return None
        heard = normalize(text).split()
        tails = automaton.completions(heard, max_words, MAX_COMPLETIONS)
        matches = {(m.intent, tuple(sorted(m.slots.items()))): m
                   for tail in tails if (m := self.parse(" ".join([*heard, *tail]))) is not None}
        if len(matches) != 1:
            return None
        m = next(iter(matches.values()))
        if not all(self._ends_a_value(heard, list(t), m.slots) for t in tails):
            return None
        return IntentMatch(m.intent, COMPLETED_CONFIDENCE, m.slots, text=m.text)

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

    def to_fsg(self, max_paths: int = 200_000, value_weights: bool = True) -> Fsg:
        """The grammar as a compact finite-state grammar for a decoder: ``(start, final,
        transitions)``, each transition ``(from, to, probability, word or None)``.

        Templates are expanded to sequences of words and list references, put in a trie and
        minimized (states with the same futures merged), so shared tails are decoded once;
        each list reference then becomes a small word trie between its two states. At a state
        of the templates every next word or list is equally likely; within a list every value
        is (``value_weights``; else every arc of a state is, which favours values whose first
        words no other value shares), times its :attr:`decoder_bias` weight.
        (A JSGF grammar of the same templates is expanded template by template by
        PocketSphinx: for the coffee pack, over a minute per utterance.)"""
        automaton = self._automaton() if max_paths == _MAX_PATHS else None
        if automaton is None:
            automaton = self._build_automaton(max_paths)  # raises the ContentError that stopped it
        return automaton.to_fsg(value_weights, self.decoder_bias)

    def parse(self, text: str) -> IntentMatch | None:
        """What :meth:`match` gives, read off the templates' automaton instead of hassil (a
        hundred times faster: the n-best list is parsed whole for every utterance); falls back
        to :meth:`match` for grammars the automaton cannot hold (permutations)."""
        automaton = self._automaton()
        if automaton is None:
            return self.match(text)
        words = normalize(text).split()
        found = automaton.parse(words)
        return None if found is None else IntentMatch(found[0], EXACT_CONFIDENCE, found[1], text=" ".join(words))

    def _automaton(self) -> TemplateAutomaton | None:
        """The templates' automaton (built once), None when it cannot hold them."""
        if self._built is None:
            try:
                self._built = (self._build_automaton(_MAX_PATHS),)
            except ContentError as err:
                _LOGGER.info("grammar: no automaton for these templates (%s); hassil parses them", err)
                self._built = (None,)
        return self._built[0]

    def _build_automaton(self, max_paths: int) -> TemplateAutomaton:
        paths = {name: [p for s in i.data[0].sentences for p in self._paths(s.expression, max_paths)]
                 for name, i in self._intents.intents.items()}
        return TemplateAutomaton(paths, self._values)

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

