"""A question in the article's question words about another thing: "what causes the tides", "what types of paint
are there".

The words most of the article's topics share ("cause", "type", "treatment", "disease": they weigh little, see
:meth:`~voice_guide.nlu.knowledge.KnowledgeMatcher.weight`) shape a question without saying what it is about. A text
whose only words of the pack are such words, none of them the pack's subject ("muscle atrophy", ``responses.yaml``),
with no pronoun that may stand for the subject ("how do you go about fixing it"), and with a word the pack does not
know that is no everyday word (Zipf under :data:`OTHER_THING_ZIPF`: "tides", "gout") asks about that other thing:
the knowledge matcher gives it no topic. Before this (twenty-seventh round, docs/understanding.md) the classifier,
which knows only the pack's words, read "what causes the tides" as the causes FAQ (0.92 sure).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from voice_guide.lang import Language
from voice_guide.nlu.normalize import FRAME

SPREAD_WEIGHT = 0.5
"""A word of the pack weighing at most this is shared by most topics (a question word of the article)."""

OTHER_THING_ZIPF = 4.8
"""A word the pack does not know and rarer than this in English (Zipf) names a thing of its own."""


def about_another_thing(pairs: list[tuple[str, str]], vocabulary: Collection[str], weight: Callable[[str], float],
                        subject: Collection[str], language: Language) -> bool:
    """Whether the ``(token, word)`` pairs of a question (:meth:`TextNormalizer.word_pairs`) ask the article's question
    words about a thing the pack does not know (see the module's docstring)."""
    if any(word in language.pronouns for _, word in pairs):
        return False
    content = [(t, w) for t, w in pairs if not t.startswith(FRAME)]
    known = [t for t, _ in content if t in vocabulary]
    if not known or any(t in subject or weight(t) > SPREAD_WEIGHT for t in known):
        return False
    return any(t not in vocabulary and 0.0 < language.rarity(w) < OTHER_THING_ZIPF for t, w in content)
