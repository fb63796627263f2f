"""Knowledge topics: which thing of the article a question asks about, and which sentences answer it.

Each topic of ``topics.yaml`` is scored on the question's content words (after the lexicon
has mapped everyday words onto the article's), weighted by how rare they are among the
topics, against the topic's own samples and keywords and its section's words, plus, when the
``wordllama`` model is installed, the sentence-embedding similarity of the question to the
topic's samples (:mod:`voice_guide.nlu.embedding`): it helps choose among the topics the words
found, and answers a question of weak word evidence whose meaning is very close to a sample.
The passage is then picked from the section's sentences (:mod:`voice_guide.nlu.passage`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

from voice_guide.content.pack import ContentPack, Topic, Unit
from voice_guide.lang import Language
from voice_guide.nlu.decision import KnowledgeSignals, signals
from voice_guide.nlu.elsewhere import about_another_thing, state_of_another_thing
from voice_guide.nlu.embedding import TopicMeaning, Vectors
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.normalize import FRAME, TextNormalizer
from voice_guide.nlu.passage import ALSO_WORDS, FILL_WORDS, MAX_ANSWER_WORDS, PassagePicker, words_of
from voice_guide.nlu.spelling import SpellingCorrector
from voice_guide.nlu.subject import pack_subject

__all__ = ["MAX_ANSWER_WORDS", "KnowledgeMatcher", "TopicClasses"]

_MIN_EVIDENCE = 0.6
"""Below this evidence (one ordinary word, "play", "put") a question is never answered confidently."""

_TERM_EVIDENCE_EVERYDAY = 0.6
"""Evidence of one of the lexicon's terms that is also an everyday English word ("muscle",
"exercise", "author"): it names the subject of many questions that are not about the article."""

_FIRM_EVIDENCE = 1.2
"""A question with less evidence than this, all of it from everyday words (one everyday term and an ordinary word), that also
holds a content word the topic does not know ("who wrote the lord of the rings", "how many
muscles are in the human hand") is about something else: never answered confidently."""

_UNEXPLAINED_WEIGHT = 0.6
"""The weight of the question's content words unknown to the topic that triggers the rule above."""

_WEAK_CONFIDENCE = 0.2
"""The highest confidence of a match on evidence under :data:`_MIN_EVIDENCE`."""

_W_COVERED, _W_OWN, _W_SIM = 0.25, 0.35, 0.4
"""Weights of a topic's score: share of the question's words the topic's section and samples
know, share its samples know, best cosine similarity to one sample."""

_SAMPLE_ONLY_WEIGHT = 1.0
"""The highest weight of a word only the samples use (not the article, a topic's keywords or the
lexicon's terms): "calves", "think" in one sample must not steer every question holding them."""

_W_EMB = 2.0
"""Weight of the sentence-embedding similarity (above :data:`_EMB_FLOOR`) in choosing the topic
(1.0 -> 2.0 in the fourth round: tune3 +5, tune2 -2, tune unchanged)."""

_EMB_FLOOR = 0.5
"""Embedding similarity below this says nothing about a topic."""

_EMB_RESCUE = 0.75
"""Embedding similarity at which a question of weak word evidence is still answered (see match)."""

_OOD_MARGIN = 0.05
"""A question whose best topic sample is not this much closer in meaning (embedding cosine) than
the nearest of the pack's out-of-domain samples (``out_of_domain_samples`` in ``intents.yaml``)
is not answered confidently. Measured on tune + tune2 with the declines bypassed: 63 -> 38
out-of-domain questions answered, 1 of 604 knowledge questions lost (docs/understanding.md)."""

_OOD_OVERRIDE = 0.95
"""Word evidence this strong (the article's own terms) is answered whatever the meaning says."""

_MEANING_MIN, _MEANING_MARGIN = 0.5, 0.2
"""A question nothing else understood is answered from the topic nearest in meaning when a sample
is this close (cosine) and the out-of-domain samples are this much farther (see meaning_match),
and the question holds at least one word the pack knows. First measured on the fallbacks of
tune + tune2 + tune3 at 0.55: 16 of 62 knowledge questions answered from the right section (5 from
another), 1 of 130 out-of-domain questions answered; 0.5 (with the known-word guard) adds 4 more
knowledge answers at no out-of-domain cost; 0.45 answered "who is the president" (dev)."""

_W_CLF = 2.0
"""Weight of the trained classifier's probability of a topic (:mod:`voice_guide.nlu.classifier`) in
choosing the topic. 1.0 in the fifth round (2.0 measured no better with the classifier of our own
lines); 2.0 in the seventh, with the classifier trained on five authors' tuning parts and with
:data:`_CLF_KNOWN` 0.5: no better or worse, measured honestly (held-out halves 341 -> 342 of 400
knowledge, tuning parts scored with a classifier trained without each 1125 -> 1123 of 1,304,
out-of-domain unchanged); kept with the joint decision fitted on its signals
(docs/understanding.md, "Seventh round")."""

_CLF_REACH = 0.5
"""A topic none of the question's words names is still a candidate at this classifier probability."""

_CLF_CONFIDENT, _CLF_KNOWN = 0.6, 0.5
"""The chosen topic's classifier probability, when at least this (and above out-of-domain's), is a
confidence of its own, for a question of which at least this share of content words the pack knows
(a question in another language, "qué es la atrofia muscular", is not answered). The share was 0.67
until the seventh round (measured together with :data:`_W_CLF`)."""

_CLF_OOD = 0.5
"""At this probability of the out-of-domain class a match is not confident (unless its words are
strong evidence, :data:`_OOD_OVERRIDE`). The curve on tune..tune4:odd is flat from 0.3 to 0.7."""

_CLF_MEANING, _CLF_MEANING_KNOWN = 0.5, 0.5
"""A question nothing else understood is answered from the classifier's topic at this probability
when at least this share of its content words is known to the pack (see meaning_match)."""

_FRAME_WEIGHT = 0.25
_COMMON_WEIGHT = 0.3

SECTION_OWN = True
"""The default of :attr:`KnowledgeMatcher.section_own` (thirteenth round, docs/understanding.md)."""

SECTION_CONFIDENT = False
"""The default of :attr:`KnowledgeMatcher.section_confident` (thirteenth round, measured)."""

SECTION_MEANING = False
"""The default of :attr:`KnowledgeMatcher.section_meaning` (thirteenth round, measured)."""


@dataclass
class _TopicIndex:
    topic: Topic
    samples: list[frozenset[str]]
    keywords: frozenset[str]
    vocabulary: frozenset[str]
    own: frozenset[str]
    norms: list[float] = field(default_factory=list)
    """Length of each sample's weight vector (for the cosine similarity)."""


class TopicClasses(Protocol):
    """A trained classifier of questions into the pack's topics (and, last, out-of-domain)."""

    def classify(self, text: str, tokens: list[str]) -> Vectors | None:
        """One probability per topic in the pack's order, then out-of-domain; None when unknown."""


class KnowledgeMatcher:
    """Knowledge topics: which thing of the article a question asks about, and which sentences answer it."""

    def __init__(self, pack: ContentPack, normalizer: TextNormalizer, semantic: TopicMeaning | None = None,
                 classifier: TopicClasses | None = None) -> None:
        self._pack = pack
        self.semantic = semantic
        """Sentence-embedding similarity to each topic's samples (None: words only)."""
        self.classifier = classifier
        """The trained topic classifier (:mod:`voice_guide.nlu.classifier`; None: not used)."""
        self.passages = PassagePicker(pack, normalizer, semantic)
        """Which sentences of the chosen section (and of a second place) answer the question."""
        self.section_own = SECTION_OWN
        """Whether the confidence's "own words" share counts the words of every topic of the chosen topic's
        section (the section is what is read), not of the chosen topic alone; the topic is chosen as before."""
        self.section_confident = SECTION_CONFIDENT
        """Whether the classifier's probability of the chosen topic's section (its topics' summed), not of the
        topic alone, lifts the confidence at :data:`_CLF_CONFIDENT`."""
        self.section_meaning = SECTION_MEANING
        """Whether :meth:`meaning_match` trusts the classifier's section (its topics' probabilities summed)
        rather than its single topic, reading the section's most probable topic."""
        self._norm = normalizer
        self.other_things = True
        """Whether a question of the article's shared question words about a thing the pack does not know gets no
        topic ("what causes the tides": :mod:`voice_guide.nlu.elsewhere`)."""
        self._subject = frozenset(normalizer.tokens(pack_subject(pack) or ""))
        self._topics: list[_TopicIndex] = []
        section_tokens: dict[str, frozenset[str]] = {}
        for section in pack.sections:
            toks = self.passages.unit_tokens[section.id]
            section_tokens[section.id] = frozenset(t for ts in toks for t in ts) | frozenset(normalizer.tokens(section.title))
        self._common = frozenset(normalizer.stem(w) for w in pack.lexicon.common_words)
        self._terms = frozenset(normalizer.stem(w) for key in pack.lexicon.synonyms for w in self._norm.language.normalize(key).split())
        for topic in pack.topics:
            keywords = frozenset(normalizer.tokens(topic.keywords))
            samples = [frozenset(normalizer.all_tokens(s)) for s in topic.samples] + [keywords]
            own = frozenset().union(*samples)
            vocab = own | section_tokens.get(topic.section_id, frozenset())
            self._topics.append(_TopicIndex(topic, samples, keywords, vocab, own))
        self._section_own: dict[str, frozenset[str]] = {}
        for ti in self._topics:
            self._section_own[ti.topic.section_id] = self._section_own.get(ti.topic.section_id, frozenset()) | ti.own
        n = len(self._topics)
        self._sections = [ti.topic.section_id for ti in self._topics]
        df: dict[str, int] = {}
        for ti in self._topics:
            for t in ti.vocabulary:
                df[t] = df.get(t, 0) + 1
        self._idf = {t: math.log((n + 1) / (c + 0.5)) + 0.1 for t, c in df.items()}
        self.vocabulary = frozenset(df)
        self._article = frozenset().union(*section_tokens.values(), *(ti.keywords for ti in self._topics), self._terms)
        for ti in self._topics:  # sample norms: the weights are fixed once the topics are known
            ti.norms = [math.sqrt(sum(self.weight(t) ** 2 for t in sample)) for sample in ti.samples]
        self.spelling = SpellingCorrector(pack, normalizer.language)
        """Corrects the pack's words misspelled or split in two (:mod:`voice_guide.nlu.spelling`)."""

    def correct_spelling(self, cleaned: str) -> str:
        """See :meth:`SpellingCorrector.correct`."""
        return self.spelling.correct(cleaned)

    def weight(self, token: str) -> float:
        """Importance of a token: its rarity across topics; for a word the guide does not
        know, little for everyday words and more the rarer the word is in English."""
        if token.startswith(FRAME):
            return _FRAME_WEIGHT
        if token in self._common:
            return min(_COMMON_WEIGHT, self._idf.get(token, _COMMON_WEIGHT))
        if token in self._idf:
            if token not in self._article:
                return min(_SAMPLE_ONLY_WEIGHT, self._idf[token])
            return self._idf[token]
        return _unknown_weight(self._norm.language, token)

    def _evidence(self, token: str, word: str) -> float:
        if token in self._common:
            return _COMMON_WEIGHT
        if self._norm.language.rarity(word) < _EVERYDAY_ZIPF:
            return 1.0
        if token in self._terms:
            return _TERM_EVIDENCE_EVERYDAY
        return 0.4

    def match(self, text: str) -> IntentMatch | None:
        """The best topic for ``text`` and its answering sentences, or None when nothing overlaps.

        When :attr:`semantic` gives one score more than there are topics, that last score is the
        similarity to the pack's out-of-domain samples (see :data:`_OOD_MARGIN`)."""
        return self.match_signals(text)[0]

    def match_signals(self, text: str) -> tuple[IntentMatch | None, KnowledgeSignals | None]:
        """As :meth:`match`, with what the matchers said about it (None without the classifier
        or the out-of-domain samples): the input of the joint decision (:mod:`voice_guide.nlu.decision`)."""
        corrected = self.correct_spelling(text)
        pairs = self._norm.word_pairs(corrected)
        words = dict(pairs)
        full = list(dict.fromkeys(t for t, _ in pairs))
        tokens = [t for t in full if not t.startswith(FRAME)]
        if not tokens or self._another_thing(pairs, corrected):
            return None, None
        weights = {t: self.weight(t) for t in full}
        total = sum(weights[t] for t in tokens)
        qnorm = math.sqrt(sum(w * w for w in weights.values()))
        best: tuple[float, float, float, _TopicIndex, float] | None = None
        meaning = self.semantic.scores(text) if self.semantic is not None else None
        probs = self._classes(corrected)
        for index, ti in enumerate(self._topics):
            covered = sum(weights[t] for t in tokens if t in ti.vocabulary) / total
            emb = float(meaning[index]) if meaning is not None else 0.0
            p = float(probs[index]) if probs is not None else 0.0
            if covered == 0 and p < _CLF_REACH:
                continue
            sim = 0.0
            for sample, snorm in zip(ti.samples, ti.norms, strict=True):
                if snorm > 0:
                    dot = sum(weights[t] ** 2 for t in full if t in sample)
                    sim = max(sim, dot / (qnorm * snorm))
            own = sum(weights[t] for t in tokens if t in ti.own) / total
            score = _W_COVERED * covered + _W_OWN * own + _W_SIM * sim
            rank = score + _W_EMB * max(0.0, emb - _EMB_FLOOR) + _W_CLF * p
            if best is None or rank > best[0]:
                best = (rank, score, covered, ti, emb)
        if best is None:
            return None, None
        _, score, covered, ti, emb = best
        own = sum(weights[t] for t in tokens if t in ti.own) / total
        if self.section_own:  # "can a serious infection make muscles waste": its words are the section's
            wider = sum(weights[t] for t in tokens if t in self._section_own[ti.topic.section_id]) / total
            score, own = score + _W_OWN * (wider - own), wider
        # confident only when the question covers the pack's words and touches what the topic is about
        # and only on real evidence: one everyday word ("time") is not a question about the article
        # nor on one ordinary English word the article happens to use ("mild"): a word counts
        # fully when it is one of the lexicon's terms or is rare in everyday English
        kinds = [self._evidence(t, words.get(t, t)) for t in tokens if t in ti.vocabulary]
        evidence = sum(kinds)
        only_everyday = max(kinds, default=0.0) < 1.0  # no word of the article that is rare in English
        confidence = min(1.0, score / 0.7) * min(1.0, covered / 0.65) * min(1.0, own / 0.4) * min(1.0, evidence)
        unexplained = sum(weights[t] for t in tokens if t not in ti.vocabulary and t not in self._common)
        if evidence < _MIN_EVIDENCE or (only_everyday and evidence < _FIRM_EVIDENCE and unexplained >= _UNEXPLAINED_WEIGHT):
            confidence = min(confidence, _WEAK_CONFIDENCE)
        if emb >= _EMB_RESCUE:
            confidence = max(confidence, emb)
        if probs is not None:
            p_topic, p_ood = float(probs[self._topics.index(ti)]), float(probs[-1])
            if self.section_confident:
                p_topic = sum(float(probs[i]) for i, sid in enumerate(self._sections) if sid == ti.topic.section_id)
            if p_topic >= _CLF_CONFIDENT and p_topic > p_ood and self._known_share(tokens) >= _CLF_KNOWN:
                confidence = max(confidence, p_topic)
            if p_ood >= _CLF_OOD and confidence < _OOD_OVERRIDE:
                confidence = min(confidence, _WEAK_CONFIDENCE)
        if meaning is not None and len(meaning) > len(self._topics) and confidence < _OOD_OVERRIDE:
            # nearer in meaning to the pack's own out-of-domain questions than to any topic's samples
            margin = float(meaning[: len(self._topics)].max()) - float(meaning[len(self._topics)])
            if margin < _OOD_MARGIN:
                confidence = min(confidence, _WEAK_CONFIDENCE)
        also = self._also(probs, ti.topic.section_id, tokens, corrected)
        units = self.passage(ti.topic.section_id, tokens, ti.keywords, MAX_ANSWER_WORDS - words_of(also, range(len(also))),
                             question=corrected)
        if also and self.passages.begins_back(units):
            also = ()  # the passage's own sentences first: "Each of these conditions ..." with what they are
            units = self.passage(ti.topic.section_id, tokens, ti.keywords, question=corrected)
        short = self.passages.also_min_short
        if not also and short is not None and words_of(units, range(len(units))) < FILL_WORDS:
            # a short answer (a FAQ read whole) leaves room: a second place from a lower bar
            also = self._also(probs, ti.topic.section_id, tokens, corrected, short,
                              min(ALSO_WORDS, MAX_ANSWER_WORDS - words_of(units, range(len(units)))))
        found = IntentMatch(ti.topic.name, round(confidence, 3), {}, section_id=ti.topic.section_id, units=units, text=text,
                            also=also)
        return found, signals(confidence, probs, meaning, self._topics.index(ti), self._known_share(tokens), evidence,
                              self._sections)

    @property
    def also_share(self) -> float | None:
        """The second place's share (:data:`voice_guide.nlu.passage.ALSO_SHARE`; None: never)."""
        return self.passages.also_share

    @also_share.setter
    def also_share(self, value: float | None) -> None:
        self.passages.also_share = value

    @property
    def sentence_weight(self) -> float:
        """The sentences' embedding weight in choosing the passage (:data:`voice_guide.nlu.passage.SENTENCE_WEIGHT`)."""
        return self.passages.sentence_weight

    @sentence_weight.setter
    def sentence_weight(self, value: float) -> None:
        self.passages.sentence_weight = value

    def _also(self, probs: Vectors | None, section_id: str, tokens: list[str], question: str = "",
              least: float | None = None, max_words: int = ALSO_WORDS) -> tuple[Unit, ...]:
        """The second place (:meth:`PassagePicker.second_place`) by the classifier's probability of each
        section (its topics' summed), each section read with its most probable topic's keywords
        (``least``, ``max_words``: as there)."""
        if probs is None or self.also_share is None:
            return ()
        totals: dict[str, float] = {}
        best: dict[str, int] = {}
        for i, sid in enumerate(self._sections):
            totals[sid] = totals.get(sid, 0.0) + float(probs[i])
            if sid not in best or float(probs[i]) > float(probs[best[sid]]):
                best[sid] = i
        keywords = {sid: self._topics[i].keywords for sid, i in best.items()}
        return self.passages.second_place(totals, section_id, tokens, keywords, question, least, max_words)

    def _sentence_cosines(self, section_id: str, question: str) -> Vectors | None:
        """See :meth:`PassagePicker.sentence_cosines`."""
        return self.passages.sentence_cosines(section_id, question)

    def _another_thing(self, pairs: list[tuple[str, str]], corrected: str) -> bool:
        """Whether the question asks about a thing the pack does not know, in the article's question words or with a
        word of the subject's state said of it (:mod:`voice_guide.nlu.elsewhere`)."""
        return self.other_things and (
            about_another_thing(pairs, self.vocabulary, self.weight, self._subject, self._norm.language)
            or state_of_another_thing(corrected, self._norm, self.vocabulary, self.weight, self._subject))

    def _known_share(self, tokens: list[str]) -> float:
        """The share of the question's content words the pack knows (0 for no words)."""
        return sum(t in self.vocabulary for t in tokens) / len(tokens) if tokens else 0.0

    def _classes(self, corrected: str) -> Vectors | None:
        """The classifier's probabilities for the spelling-corrected text (None without it)."""
        if self.classifier is None:
            return None
        probs = self.classifier.classify(corrected, self._norm.tokens(corrected))
        if probs is None or len(probs) != len(self._topics) + 1:
            return None
        return probs

    def opening(self, text: str) -> IntentMatch | None:
        """The article's first section read from its start, when cleaned ``text`` asks for the opening by name
        (``Language.opening_asked``: "read me the introduction"; thirty-fourth round), else None."""
        first = next((s for s in self._pack.sections if s.kind == "section"), None)
        topic = next((ti.topic for ti in self._topics if first is not None and ti.topic.section_id == first.id), None)
        if topic is None or first is None or not self._norm.language.opening_asked.search(text):
            return None
        units = self.passages.from_start(first.id)
        return IntentMatch(topic.name, 1.0, {}, section_id=first.id, units=units, text=text)

    def meaning_match(self, text: str) -> IntentMatch | None:
        """The topic nearest in meaning to ``text`` (sentence embeddings alone), for a question
        the words could not place ("what sort of things do they use to treat it, roughly"):
        only when a sample is within :data:`_MEANING_MIN` and the topics' samples are
        :data:`_MEANING_MARGIN` nearer than the pack's out-of-domain samples; else None."""
        if self.semantic is None:
            return None
        corrected = self.correct_spelling(text)
        if self._another_thing(self._norm.word_pairs(corrected), corrected):
            return None
        meaning = self.semantic.scores(corrected)
        n = len(self._topics)
        if meaning is None or len(meaning) <= n:
            return None
        best = max(range(n), key=lambda i: float(meaning[i]))
        similarity = float(meaning[best])
        probs = self._classes(corrected)
        tokens = [t for t in self._norm.tokens(corrected) if not t.startswith(FRAME)]
        top, p_top = self._classifier_choice(probs)
        if probs is not None and p_top >= _CLF_MEANING and p_top > float(probs[n]) and self._known_share(tokens) >= _CLF_MEANING_KNOWN:
            best, similarity = top, p_top
        elif similarity < _MEANING_MIN or similarity - float(meaning[n]) < _MEANING_MARGIN:
            return None
        ti = self._topics[best]
        if not any(t in self.vocabulary and t not in self._common for t in tokens):
            return None  # not one word the pack knows: "who is the president" is not about the article
        units = self.passage(ti.topic.section_id, tokens, ti.keywords, question=corrected)
        return IntentMatch(ti.topic.name, round(similarity, 3), {}, section_id=ti.topic.section_id, units=units, text=text)

    def _classifier_choice(self, probs: Vectors | None) -> tuple[int, float]:
        """The classifier's topic and its probability; with :attr:`section_meaning`, the most probable
        topic of the most probable section and that section's probability ((0, 0.0) without it)."""
        if probs is None:
            return 0, 0.0
        n = len(self._topics)
        if not self.section_meaning:
            best = int(probs[:n].argmax())
            return best, float(probs[best])
        totals: dict[str, float] = {}
        for i, sid in enumerate(self._sections):
            totals[sid] = totals.get(sid, 0.0) + float(probs[i])
        section = max(totals, key=lambda k: totals[k])
        best = max((i for i in range(n) if self._sections[i] == section), key=lambda i: float(probs[i]))
        return best, totals[section]

    def evidence(self, text: str, topic: str) -> tuple[float, int]:
        """How strong the evidence of ``text`` for ``topic`` (a topic name) is: the summed
        evidence of its content words the topic knows (1 for a lexicon term or a word rare
        in everyday English, 0.4 for another ordinary word, 0.3 for a common word) and how
        many such words there are. ``(0.0, 0)`` for an unknown topic. Does not change
        :meth:`match`; for callers that weigh an answer against how sure the ears were."""
        ti = next((t for t in self._topics if t.topic.name == topic), None)
        if ti is None:
            return 0.0, 0
        pairs = self._norm.word_pairs(self._norm.language.normalize(text))
        words = dict(pairs)
        tokens = [t for t in dict.fromkeys(t for t, _ in pairs) if not t.startswith(FRAME) and t in ti.vocabulary]
        return round(sum(self._evidence(t, words.get(t, t)) for t in tokens), 3), len(tokens)

    def passage(self, section_id: str, query_tokens: list[str], keywords: frozenset[str] = frozenset(),
                max_words: int = MAX_ANSWER_WORDS, question: str = "") -> tuple[Unit, ...]:
        """See :meth:`PassagePicker.passage`."""
        return self.passages.passage(section_id, query_tokens, keywords, max_words, question=question)


_EVERYDAY_ZIPF = 4.0
"""Words more frequent than this in English (Zipf scale) are everyday words."""


_TYPO_WEIGHT = 0.6
"""Weight of a word unknown to the pack and to English altogether ("geenral", "regluarly"): most
such words are typing slips of ordinary words, not rare words of another subject."""


def _unknown_weight(language: Language, token: str) -> float:
    rarity = language.rarity(token)
    if rarity <= 0.0:
        return _TYPO_WEIGHT
    return min(3.0, max(0.6, (7.0 - rarity) / 1.6))


