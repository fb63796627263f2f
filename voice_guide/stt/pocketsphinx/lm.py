"""A small ARPA n-gram language-model builder for domain phrase sets.

The domain corpora here are tiny (a few dozen to a few hundred sentences), so the model
is an interpolated Kneser-Ney trigram (one absolute discount per order, estimated from
count-of-counts) written in the ARPA back-off format that PocketSphinx reads:

* every n-gram seen in the corpus gets its interpolated probability;
* every context gets a back-off weight chosen so that each conditional distribution
  ``P(. | context)`` sums to one over the vocabulary (checked by the tests);
* optionally, a *background* vocabulary (common English words with their generic
  frequencies) is mixed into the unigram distribution with a small weight. Speech that
  is not about the domain can then be decoded as background words instead of being
  forced into a domain sentence, which is what the recognizer's confidence uses.

``<s>`` starts and ``</s>`` ends each sentence; ``<s>`` is a context only (log10
probability -99 in the unigram section, as usual).

:func:`arpa_to_binary` turns the ARPA text into PocketSphinx's binary trie format, which the
decoder loads about twenty times faster (the main domain model: about 15 ms instead of 250 ms,
most of the ready time's recognizer share), with the same decodes.
"""

from __future__ import annotations

import logging
import math
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_LOGGER = logging.getLogger(__name__)

BOS = "<s>"
"""Sentence-start token."""

EOS = "</s>"
"""Sentence-end token."""

_LOG10_ZERO = -99.0
_MIN_BACKOFF_DENOMINATOR = 1e-12


@dataclass
class LanguageModel:
    """An n-gram back-off model held in memory, as written to / read from ARPA text."""

    order: int
    """Highest n-gram order (3 for a trigram model)."""

    log10_probs: list[dict[tuple[str, ...], float]] = field(default_factory=list)
    """Per order (index 0 = unigrams): n-gram -> log10 probability."""

    log10_backoffs: list[dict[tuple[str, ...], float]] = field(default_factory=list)
    """Per order: n-gram (as a context) -> log10 back-off weight."""

    @property
    def vocabulary(self) -> list[str]:
        """All unigrams, ``<s>`` and ``</s>`` included, in model order."""
        return [ngram[0] for ngram in self.log10_probs[0]]

    def log10_prob(self, word: str, context: Sequence[str] = ()) -> float:
        """log10 P(word | context) with back-off (context is truncated to order - 1 words)."""
        context = tuple(context)[-(self.order - 1) :] if self.order > 1 else ()
        backoff = 0.0
        while True:
            ngram = context + (word,)
            probs = self.log10_probs[len(ngram) - 1]
            if ngram in probs:
                return backoff + probs[ngram]
            if not context:
                return _LOG10_ZERO
            backoff += self.log10_backoffs[len(context) - 1].get(context, 0.0)
            context = context[1:]

    def prob(self, word: str, context: Sequence[str] = ()) -> float:
        """P(word | context) as a plain probability."""
        return 10.0 ** self.log10_prob(word, context)

    def to_arpa(self) -> str:
        """The model as ARPA text."""
        lines = ["\\data\\"]
        for n in range(1, self.order + 1):
            lines.append(f"ngram {n}={len(self.log10_probs[n - 1])}")
        for n in range(1, self.order + 1):
            lines.append("")
            lines.append(f"\\{n}-grams:")
            probs = self.log10_probs[n - 1]
            backoffs = self.log10_backoffs[n - 1] if n < self.order else {}
            for ngram in sorted(probs, key=_arpa_sort_key):
                text = " ".join(ngram)
                if n < self.order and ngram in backoffs:
                    lines.append(f"{probs[ngram]:.6f}\t{text}\t{backoffs[ngram]:.6f}")
                else:
                    lines.append(f"{probs[ngram]:.6f}\t{text}")
        lines.append("")
        lines.append("\\end\\")
        lines.append("")
        return "\n".join(lines)

    @classmethod
    def from_arpa(cls, text: str) -> "LanguageModel":
        """Parse ARPA text (as written by :meth:`to_arpa` or another toolkit)."""
        counts: dict[int, int] = {}
        probs: list[dict[tuple[str, ...], float]] = []
        backoffs: list[dict[tuple[str, ...], float]] = []
        section = 0
        for raw in text.splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith("ngram ") and section == 0:
                order_text, _, count_text = line[6:].partition("=")
                counts[int(order_text)] = int(count_text)
                continue
            if line.startswith("\\") and line.endswith("-grams:"):
                section = int(line[1:].split("-", 1)[0])
                while len(probs) < section:
                    probs.append({})
                    backoffs.append({})
                continue
            if line in ("\\data\\", "\\end\\") or section == 0:
                continue
            parts = line.split()
            ngram = tuple(parts[1 : 1 + section])
            probs[section - 1][ngram] = float(parts[0])
            if len(parts) > 1 + section:
                backoffs[section - 1][ngram] = float(parts[1 + section])
        order = max(counts) if counts else len(probs)
        for n, count in counts.items():
            if n <= len(probs) and len(probs[n - 1]) != count:
                raise ValueError(f"ARPA header says {count} {n}-grams, found {len(probs[n - 1])}")
        return cls(order, probs, backoffs)


def _arpa_sort_key(ngram: tuple[str, ...]) -> tuple:
    return ngram


def _discount(count_of_counts: Mapping[int, int]) -> float:
    """Absolute discount D = n1 / (n1 + 2 n2), kept within [0.3, 0.9] for tiny corpora."""
    n1 = count_of_counts.get(1, 0)
    n2 = count_of_counts.get(2, 0)
    if n1 + 2 * n2 == 0:
        return 0.7
    return min(0.9, max(0.3, n1 / (n1 + 2 * n2)))


def build_language_model(
    sentences: Iterable[Sequence[str]],
    *,
    order: int = 3,
    background: Mapping[str, float] | None = None,
    background_weight: float = 0.0,
) -> LanguageModel:
    """Build an interpolated Kneser-Ney back-off model from tokenised sentences.

    ``sentences`` are lists of words without ``<s>``/``</s>``. ``background`` maps extra
    words to (unnormalised) frequencies; ``background_weight`` (0..1) is the share of the
    unigram distribution given to them (domain words that also appear in the background
    keep both shares). Raises ValueError when there is no sentence at all.
    """
    if order < 1:
        raise ValueError("order must be at least 1")
    if not 0.0 <= background_weight < 1.0:
        raise ValueError("background_weight must be in [0, 1)")
    corpus = [[BOS, *s, EOS] for s in sentences if s]
    if not corpus:
        raise ValueError("no sentences to build a language model from")

    kn = _kneser_ney_counts(_raw_counts(corpus, order), order)
    domain_vocab = sorted({w for sent in corpus for w in sent if w != BOS})
    bg = _background_shares(background, background_weight)
    vocab = sorted(set(domain_vocab) | set(bg))

    probs: list[dict[tuple[str, ...], float]] = [dict() for _ in range(order)]
    backoffs: list[dict[tuple[str, ...], float]] = [dict() for _ in range(order)]
    probs[0].update(_unigram_log10(kn[0], vocab, bg, background_weight if bg else 0.0))
    # The model so far gives the lower-order probabilities for interpolation and back-off.
    lm = LanguageModel(order, probs, backoffs)
    for n in range(2, order + 1):
        _add_order(lm, kn[n - 1], probs[n - 1], backoffs[n - 2])
    # Contexts never followed at the next order need no weight (back-off weight 1).
    _LOGGER.debug(
        "built %d-gram model: %s n-grams, %d domain words, %d background words",
        order,
        "/".join(str(len(p)) for p in probs),
        len(domain_vocab),
        len(set(bg) - set(domain_vocab)),
    )
    return lm


def _raw_counts(corpus: list[list[str]], order: int) -> list[dict[tuple[str, ...], int]]:
    """The n-gram counts of each order 1..``order`` (``<s>`` alone is not a unigram)."""
    raw: list[dict[tuple[str, ...], int]] = [defaultdict(int) for _ in range(order)]
    for sent in corpus:
        for n in range(1, order + 1):
            for i in range(len(sent) - n + 1):
                ngram = tuple(sent[i : i + n])
                if n == 1 and ngram[0] == BOS:
                    continue
                raw[n - 1][ngram] += 1
    return raw


def _kneser_ney_counts(raw: list[dict[tuple[str, ...], int]], order: int) -> list[dict[tuple[str, ...], int]]:
    """Kneser-Ney counts: the highest order and n-grams starting with ``<s>`` keep raw counts,
    lower orders use continuation counts N1+(. w1..wn)."""
    kn: list[dict[tuple[str, ...], int]] = [dict() for _ in range(order)]
    kn[order - 1] = dict(raw[order - 1])
    for n in range(order - 1, 0, -1):
        continuation: dict[tuple[str, ...], int] = defaultdict(int)
        for ngram in raw[n]:  # (n+1)-grams
            continuation[ngram[1:]] += 1
        kn[n - 1] = {ngram: c if ngram[0] == BOS else continuation.get(ngram, c) for ngram, c in raw[n - 1].items()}
    return kn


def _background_shares(background: Mapping[str, float] | None, weight: float) -> dict[str, float]:
    """The background words' normalised frequencies (empty when there is no background share)."""
    if not background or weight <= 0.0:
        return {}
    total = sum(v for v in background.values() if v > 0)
    if total <= 0:
        return {}
    return {w: v / total for w, v in background.items() if v > 0 and w not in (BOS, EOS)}


def _unigram_log10(
    counts: Mapping[tuple[str, ...], int], vocab: list[str], bg: Mapping[str, float], weight: float
) -> dict[tuple[str, ...], float]:
    """Unigrams: the KN distribution over domain words mixed with the background (``weight`` its share).

    Every domain word has a unigram count >= 1 > d1, so the domain part sums to one."""
    d1 = _discount(_count_of_counts(counts))
    uni_total = sum(counts.values())
    uniform_share = d1 * len(counts) / uni_total / len(counts)
    out: dict[tuple[str, ...], float] = {}
    for w in vocab:
        c = counts.get((w,), 0)
        p_dom = max(c - d1, 0.0) / uni_total + uniform_share if c else 0.0
        p = (1.0 - weight) * p_dom + weight * bg.get(w, 0.0)
        out[(w,)] = math.log10(p) if p > 0 else _LOG10_ZERO
    out[(BOS,)] = _LOG10_ZERO
    return out


def _add_order(
    lm: LanguageModel,
    counts: Mapping[tuple[str, ...], int],
    probs: dict[tuple[str, ...], float],
    backoffs: dict[tuple[str, ...], float],
) -> None:
    """One order's interpolated probabilities (into ``probs``) and its contexts' back-off weights
    (into ``backoffs``, the dictionary of the order below), read against the lower orders of ``lm``."""
    dn = _discount(_count_of_counts(counts))
    by_context: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for ngram, c in counts.items():
        by_context[ngram[:-1]].append((ngram[-1], c))
    for context, followers in by_context.items():
        total = sum(c for _, c in followers)
        gamma = dn * len(followers) / total
        for w, c in followers:
            lower = 10.0 ** lm.log10_prob(w, context[1:])
            probs[context + (w,)] = math.log10(max(c - dn, 0.0) / total + gamma * lower)
    for context, followers in by_context.items():
        seen_p = sum(10.0 ** probs[context + (w,)] for w, _ in followers)
        seen_lower = sum(10.0 ** lm.log10_prob(w, context[1:]) for w, _ in followers)
        numerator = max(1.0 - seen_p, 0.0)
        denominator = max(1.0 - seen_lower, _MIN_BACKOFF_DENOMINATOR)
        backoffs[context] = _LOG10_ZERO if numerator <= 0.0 else math.log10(numerator / denominator)


def _count_of_counts(counts: Mapping[tuple[str, ...], int]) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for c in counts.values():
        out[c] += 1
    return out


def build_arpa(
    sentences: Iterable[Sequence[str]],
    *,
    order: int = 3,
    background: Mapping[str, float] | None = None,
    background_weight: float = 0.0,
) -> str:
    """:func:`build_language_model` written as ARPA text."""
    return build_language_model(
        sentences, order=order, background=background, background_weight=background_weight
    ).to_arpa()


def arpa_to_binary(arpa: str) -> bytes:
    """ARPA text -> the bytes of the same model in PocketSphinx's binary trie format (``.lm.bin``),
    read by PocketSphinx itself; decodes with either file are the same (tests/stt/test_lm.py)."""
    import pocketsphinx

    config = pocketsphinx.Config(hmm=None, lm=None, dict=None, loglevel="FATAL")
    with tempfile.TemporaryDirectory(prefix="vg-lm-") as tmp:
        source, target = Path(tmp) / "model.arpa", Path(tmp) / "model.lm.bin"
        source.write_text(arpa, encoding="utf-8")
        model = pocketsphinx.NGramModel(config, pocketsphinx.LogMath(), str(source))
        model.write(str(target), pocketsphinx.NGramModel.str_to_type("bin"))
        return target.read_bytes()
