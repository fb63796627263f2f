"""Whether a knowledge match is answered: the joint decision, the confidence threshold and the bars that answer a
match all the same after the commands had their turn (a mixin of :class:`~voice_guide.nlu.understanding.Understander`,
moved out of ``understanding.py`` in the thirty-seventh round with its behaviour unchanged)."""

from __future__ import annotations

from voice_guide.content.pack import ContentPack
from voice_guide.nlu.decision import Decision, KnowledgeSignals
from voice_guide.nlu.match import IntentMatch

DECISION_ALONE: float | None = 0.8
"""A knowledge match below :data:`voice_guide.nlu.understanding.DEFAULT_THRESHOLD` is answered when the joint decision is at least this
sure of it (None: never; measured in the twelfth round, docs/understanding.md)."""

SURE_WORDS: tuple[float, float] | None = (0.1, 0.8)
"""``(most p_ood, least confidence)``: a knowledge match the joint decision vetoes is still answered, after every
command path had its turn, when the classifier gives out-of-domain at most the first and the word matcher is at
least the second sure (None: never). The decision vetoes "explain muscle atrophy to me in a single sentence"
because the classifier spreads it over the definition's three places (fifteenth round, docs/understanding.md)."""

SURE_WORDS_FULL: tuple[float, float] | None = (0.15, 0.99)
"""A second bar of :data:`SURE_WORDS` for a match the word matcher is fully sure of: ``(most p_ood, least
confidence)``. "Can severe infections cause muscle atrophy?" names the pathologic type's own words and the classifier
spreads it over the causes FAQ, the compounding paragraph and the type (p_ood 0.10, just over the first bar), so the
decision vetoes it (thirty-second round, docs/understanding.md; None: off)."""

CLEAR_ARTICLE: tuple[float, float] | None = None
"""``(most p_ood, least decision)``: a knowledge match the joint decision did not answer (vetoed, or words too
weak) is answered, after every command path had its turn, when the classifier gives out-of-domain at most the
first and the joint decision is at least the second sure (None: never). Built in the twentieth round at (0.05, 0.6);
three rounds measured the same trade held out (+3..+7 knowledge for one more out-of-domain answer of 2,100), so it
stays off (docs/understanding.md, "Twentieth" to "Twenty-second round"). Never from the sources or about section
(:data:`_ARTICLE_KINDS`)."""

_ARTICLE_KINDS = frozenset({"section", "faq"})
"""The section kinds :data:`CLEAR_ARTICLE` may answer from (not the sources or the about section)."""


class KnowledgeDecisions:
    """Mixin of :class:`~voice_guide.nlu.understanding.Understander`: needs the attributes annotated here."""

    pack: ContentPack
    threshold: float
    decision: Decision | None
    decision_alone: float | None
    sure_words: tuple[float, float] | None
    sure_words_full: tuple[float, float] | None
    clear_article: tuple[float, float] | None

    def _decide(self, knowledge: IntentMatch | None, signals: KnowledgeSignals | None) -> bool | None:
        """Whether the knowledge match is answered: True or False by the joint decision (when the
        pack has one and the signals are there), else by the confidence threshold, with None
        for "not now, but a question nothing else understands may still be answered by meaning"."""
        if knowledge is None:
            return None
        if self.decision is not None and signals is not None:
            if not self.decision.answers(signals):
                return False  # the joint decision vetoes: not about the article
        return True if knowledge.confidence >= self.threshold else None

    def _sure(self, knowledge: IntentMatch | None, signals: KnowledgeSignals | None) -> bool:
        """Whether a knowledge match of low confidence is answered all the same, after the commands had
        their turn: the joint decision is at least :attr:`decision_alone` sure of it."""
        return (knowledge is not None and self.decision is not None and signals is not None
                and self.decision_alone is not None and self.decision.probability(signals) >= self.decision_alone)

    def _clear_article(self, signals: KnowledgeSignals | None, knowledge: IntentMatch | None = None) -> bool:
        """Whether a knowledge match the joint decision did not answer is answered all the same (:attr:`clear_article`):
        never for a match outside the article's sections and FAQ (the author, the sources: "who wrote the lord of
        the rings" shares only "wrote" with the byline)."""
        if self.clear_article is None or signals is None or self.decision is None:
            return False
        if knowledge is not None and knowledge.section_id and \
                self.pack.section(knowledge.section_id).kind not in _ARTICLE_KINDS:
            return False
        most_ood, least_decision = self.clear_article
        return signals.p_ood <= most_ood and self.decision.probability(signals) >= least_decision

    def _sure_words(self, knowledge: IntentMatch, signals: KnowledgeSignals | None) -> bool:
        """Whether a knowledge match the joint decision vetoed is answered all the same (:attr:`sure_words`, or
        :attr:`sure_words_full` for a match the words are fully sure of)."""
        if signals is None:
            return False
        return any(bar is not None and signals.p_ood <= bar[0] and knowledge.confidence >= bar[1]
                   for bar in (self.sure_words, self.sure_words_full))
