"""Questions about another thing in the article's words: "what causes the tides", "what types of paint are there",
"my savings are shrinking, what should i do".

The words most of the article's topics share ("cause", "type", "treatment", "disease": they weigh little, see
:meth:`~voice_guide.nlu.knowledge.KnowledgeMatcher.weight`) shape a question without saying what it is about. A text
whose only words of the pack are such words, none of them the pack's subject ("muscle atrophy", ``responses.yaml``),
with no pronoun that may stand for the subject ("how do you go about fixing it"), and with a word the pack does not
know that is no everyday word (Zipf under :data:`OTHER_THING_ZIPF`: "tides", "gout") asks about that other thing:
the knowledge matcher gives it no topic. Before this (twenty-seventh round, docs/understanding.md) the classifier,
which knows only the pack's words, read "what causes the tides" as the causes FAQ (0.92 sure).

The lexicon's everyday words for the subject's state ("wasting", "withering", "shrinking", "flickering") are said of
other things too. A text that says one of them of a named thing the pack does not know (a determiner and words the
pack, the lexicon and the language's body words do not know, then linking words: "my savings are shrinking", "my
phone battery is wasting away"; or the state between them: "my flickering lights"), and whose other words are only
frames and words most topics share, is about that thing (twenty-eighth round: the see-a-doctor passage answered "my
savings are shrinking, what should i do" and "do i need to see someone about my flickering lights").
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from voice_guide.lang import Language
from voice_guide.nlu.normalize import FRAME, TextNormalizer

SPREAD_WEIGHT = 0.5
"""A word of the pack weighing at most this is shared by most topics (a question word of the article)."""

OTHER_THING_ZIPF = 4.8
"""A word the pack does not know and rarer than this in English (Zipf) names a thing of its own."""

THING_WORDS = 3
"""At most this many words name the thing a state is said of ("my phone battery")."""


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


def state_of_another_thing(cleaned: str, normalizer: TextNormalizer, vocabulary: Collection[str],
                           weight: Callable[[str], float], subject: Collection[str]) -> bool:
    """Whether cleaned ``cleaned`` says a lexicon word of the subject's state of a named thing the pack does not know,
    and says nothing else of the pack but frames and shared words (see the module's docstring)."""
    words = cleaned.split()
    if not normalizer.language.determiners.intersection(words):
        return False  # both readings name the thing with a determiner
    spans = normalizer.phrases(cleaned)
    framed = {i for s, e, f in spans if f for i in range(s, e)}
    for start, end, frame in spans:
        if frame or any(normalizer.stem(w) in subject for w in words[start:end]):
            continue  # a frame is no state; "muscles" names the subject itself
        said = _thing_before(words, start, end, normalizer, vocabulary) or _thing_after(words, start, end, normalizer,
                                                                                       vocabulary)
        if said is None:
            continue
        rest = " ".join(w for i, w in enumerate(words) if not (said[0] <= i < said[1] or i in framed))
        if not any(t in subject or (t in vocabulary and weight(t) > SPREAD_WEIGHT) for t in normalizer.tokens(rest)):
            return True
    return False


def _thing_before(words: list[str], start: int, end: int, normalizer: TextNormalizer,
                  vocabulary: Collection[str]) -> tuple[int, int] | None:
    """The words of a named thing and the state at ``start:end`` said of it after linking words ("my savings are
    shrinking"), as ``(first, end)`` word indices; None: no such thing."""
    language = normalizer.language
    i = start - 1
    while i >= 0 and words[i] in language.linking_words:
        i -= 1
    if i == start - 1:
        return None
    named: list[str] = []
    while i >= 0 and words[i] not in language.stopwords | language.determiners and len(named) < THING_WORDS:
        named.append(words[i])
        i -= 1
    if i < 0 or words[i] not in language.determiners or not _unknown_thing(named, normalizer, vocabulary):
        return None
    return i, end


def _thing_after(words: list[str], start: int, end: int, normalizer: TextNormalizer,
                 vocabulary: Collection[str]) -> tuple[int, int] | None:
    """The same for a state before the thing, a participle ("my flickering lights", "our shrinking savings")."""
    language = normalizer.language
    if start == 0 or words[start - 1] not in language.determiners or not language.is_participle(words[end - 1]):
        return None
    named: list[str] = []
    i = end
    while i < len(words) and words[i] not in language.stopwords | language.determiners and len(named) < THING_WORDS:
        named.append(words[i])
        i += 1
    return (start - 1, i) if _unknown_thing(named, normalizer, vocabulary) else None


def _unknown_thing(named: list[str], normalizer: TextNormalizer, vocabulary: Collection[str]) -> bool:
    """Whether ``named`` names a thing: at least one word that is no filler ("my dad is wasting away" is said of a
    person), and none the pack, the lexicon or the language's body words know."""
    own = [w for w in named if not normalizer.is_filler(w)]
    return bool(own) and not any(w in normalizer.language.body_words or normalizer.in_lexicon(w)
                                 or normalizer.stem(w) in vocabulary for w in own)
