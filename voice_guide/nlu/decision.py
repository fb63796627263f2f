"""One joint decision for a knowledge question: answer the matched topic, or do not.

The word matcher, the sentence embeddings and the trained classifier each give a signal of
whether a question is about the article (:class:`KnowledgeSignals`). Earlier rounds turned each
into a rule of its own (a cap here, a lift there); the rules disagreed at the edges and lost right
answers. Here they are combined by one logistic model, fitted on tuning questions and many
near-domain out-of-domain questions (``fit_decision``), whose weights are pack data
(``decision.yaml``). A question is answered when the model's probability that it is about the
article reaches the pack's threshold. Without ``decision.yaml`` (or without the embedding model)
the old confidence threshold decides, unchanged.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path

import numpy as np

from voice_guide.core.errors import ContentError, VoiceGuideError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, load_yaml_file
from voice_guide.nlu.embedding import Vectors

_LOGGER = logging.getLogger(__name__)

DECISION_FILE = "decision.yaml"
"""The pack's fitted decision: ``features`` (names), ``mean``, ``scale``, ``weights`` (one per feature,
then the bias) and ``threshold``."""


@dataclass(frozen=True)
class KnowledgeSignals:
    """What the matchers say about one question and its best topic (all numbers, for the decision)."""

    confidence: float
    """The word matcher's confidence in its topic, after its own rules (0..1)."""

    p_best: float
    """The classifier's highest section probability (the sum of its topics' probabilities)."""

    p_ood: float
    """The classifier's probability of its out-of-domain class."""

    p_section: float
    """The classifier's probability of the matched topic's section (its topics' probabilities summed:
    a question the classifier spreads over three topics of one section is still sure of the section)."""

    sim_topic: float
    """Embedding cosine of the question to the nearest sample of any topic."""

    sim_ood: float
    """Embedding cosine of the question to the nearest out-of-domain sample."""

    sim_margin: float
    """``sim_topic - sim_ood``."""

    known_share: float
    """Share of the question's content words the pack knows (0..1)."""

    evidence: float
    """``log(1 + word evidence)`` of the matched topic (lexicon terms and rare article words count most)."""

    agree: float
    """1 when the classifier's most probable section is the matched topic's section, else 0."""

    def row(self) -> list[float]:
        """The feature values in field order."""
        return [float(v) for v in astuple(self)]


FEATURES = tuple(f.name for f in fields(KnowledgeSignals))
"""Feature names, in the order of :meth:`KnowledgeSignals.row`."""


def signals(confidence: float, probs: Vectors | Sequence[float] | None, meaning: Vectors | Sequence[float] | None,
            topic: int, known_share: float, evidence: float, sections: Sequence[str] | None = None) -> KnowledgeSignals | None:
    """The signals of one match (``topic``: the matched topic's index; ``sections``: each topic's
    section, in the topics' order, None: every topic a section of its own); None without the
    classifier's probabilities or the out-of-domain similarity (one score after the topics)."""
    if probs is None or meaning is None or len(meaning) != len(probs):
        return None
    topics = len(probs) - 1
    of = list(sections) if sections is not None and len(sections) == topics else [str(i) for i in range(topics)]
    totals: dict[str, float] = {}
    for i in range(topics):
        totals[of[i]] = totals.get(of[i], 0.0) + float(probs[i])
    best = max(totals, key=lambda k: totals[k])
    sim_topic = max(float(meaning[i]) for i in range(topics))
    sim_ood = float(meaning[topics])
    return KnowledgeSignals(
        confidence=float(confidence), p_best=totals[best], p_ood=float(probs[topics]),
        p_section=totals[of[topic]], sim_topic=sim_topic, sim_ood=sim_ood, sim_margin=sim_topic - sim_ood,
        known_share=float(known_share), evidence=math.log1p(max(0.0, evidence)), agree=float(best == of[topic]))


@dataclass(frozen=True)
class Decision:
    """A fitted logistic model over :class:`KnowledgeSignals` and its answering threshold."""

    mean: tuple[float, ...]
    """Per-feature mean of the fitting data (features are standardised)."""

    scale: tuple[float, ...]
    """Per-feature standard deviation of the fitting data."""

    weights: tuple[float, ...]
    """One weight per feature, then the bias."""

    threshold: float = 0.5
    """Answer when :meth:`probability` is at least this."""

    def probability(self, s: KnowledgeSignals) -> float:
        """The model's probability that the question is about the article (0..1)."""
        z = self.weights[-1]
        for value, mu, sd, w in zip(s.row(), self.mean, self.scale, self.weights, strict=False):
            z += w * (value - mu) / sd
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def answers(self, s: KnowledgeSignals) -> bool:
        """True when the question is answered."""
        return self.probability(s) >= self.threshold


def fit_decision(rows: Sequence[KnowledgeSignals], about_article: Sequence[bool], l2: float = 1e-2,
                 iterations: int = 3000, learning_rate: float = 0.1, threshold: float = 0.5) -> Decision:
    """A :class:`Decision` fitted by gradient descent (deterministic) on ``rows``, ``about_article``
    saying which are knowledge questions; the two classes weigh the same in total."""
    x = np.asarray([r.row() for r in rows], dtype=np.float64)
    y = np.asarray(about_article, dtype=np.float64)
    if len(x) == 0 or y.min() == y.max():
        raise ValueError("fit_decision needs questions of both kinds")
    mean = x.mean(axis=0)
    scale = np.where(x.std(axis=0) > 1e-3, x.std(axis=0), 1.0)  # a constant feature stays as it is
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    balance = np.where(y == 0, y.sum() / (len(y) - y.sum()), 1.0)
    w = np.zeros(z.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        w -= learning_rate * (z.T @ ((p - y) * balance) / len(y) + l2 * np.r_[w[:-1], 0.0])
    return Decision(tuple(round(float(v), 5) for v in mean), tuple(round(float(v), 5) for v in scale),
                    tuple(round(float(v), 5) for v in w), threshold)


def decision_yaml(decision: Decision, note: str = "") -> str:
    """``decision`` as the text of a pack's ``decision.yaml``."""
    lines = [f"# {line}" for line in note.splitlines()]
    lines.append(f"features: [{', '.join(FEATURES)}]")
    for name in ("mean", "scale", "weights"):
        lines.append(f"{name}: [{', '.join(repr(v) for v in getattr(decision, name))}]")
    lines.append(f"threshold: {decision.threshold}")
    return "\n".join(lines) + "\n"


def load_decision(root: Path | None) -> Decision | None:
    """The pack's fitted decision (``decision.yaml`` in ``root``), or None when it has none or it
    does not fit these features (then the old confidence threshold decides)."""
    if root is None or not (root / DECISION_FILE).is_file():
        return None
    try:
        data = load_yaml_file(root / DECISION_FILE, PACK_FILE_LIMIT_BYTES, "pack file", ContentError)
        if not isinstance(data, dict) or tuple(data.get("features") or ()) != FEATURES:
            raise ContentError("its features are not this version's")
        n = len(FEATURES)
        mean, scale, weights = (tuple(float(v) for v in data[k]) for k in ("mean", "scale", "weights"))
        if len(mean) != n or len(scale) != n or len(weights) != n + 1 or min(scale) <= 0:
            raise ContentError("mean, scale and weights do not match the features")
        threshold = float(data.get("threshold", 0.5))
        if not all(math.isfinite(v) for v in (*mean, *scale, *weights, threshold)):
            raise ContentError("a value is not a finite number")
        return Decision(mean, scale, weights, threshold)
    except (VoiceGuideError, KeyError, TypeError, ValueError) as exc:
        _LOGGER.warning("%s not used (%s): knowledge answers by the confidence threshold", root / DECISION_FILE, exc)
        return None
