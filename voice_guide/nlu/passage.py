"""Which sentences of a section answer a question: the passage read aloud, and the second place.

Once :mod:`voice_guide.nlu.knowledge` has chosen a topic, its section's sentences are scored with
BM25 on the question's words (the topic's keywords breaking ties), the best one is taken with its
list (an introduction never without its items), the sentence before it when it begins with "this"
or "it", close runners-up, and the sentences after it in its paragraph while the answer is short;
all within a spoken budget of words. The article answers many questions in two places, so the best
sentence of a second section may be read after the passage (:meth:`PassagePicker.second_place`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from voice_guide.content.pack import ContentPack, Section, Unit
from voice_guide.nlu.embedding import TopicMeaning, Vectors
from voice_guide.nlu.normalize import TextNormalizer

MAX_ANSWER_WORDS = 60
"""A spoken answer stays about this short (roughly 25 s at a slow rate); ``more`` continues."""

FILL_WORDS = 45
"""An answer shorter than this (in words) goes on with the next sentences of its paragraph."""

LIST_WITH_ITEMS = True
"""Nineteenth round: a list's introduction taken as a further sentence of the answer comes with as many of its
items as fit, in order (none fits: the introduction alone, as before). Before, "what causes disuse atrophy" read
"use it or lose it" and "Some common reasons for disuse muscle atrophy:" without one of the reasons. The whole list
or nothing was measured first: tuning knowledge 3765 -> 3759 of 3904 (the reasons were no longer read at all), not
kept; the items or nothing lost 2 tuning lines where a second place leaves too little room, not kept
(docs/understanding.md, "Nineteenth round, second part")."""

ALSO_SHARE: float | None = 0.05
"""A second section is read too (:attr:`IntentMatch.also`) when the classifier gives it at least this
share of the chosen section's probability and at least :data:`ALSO_MIN` (None: never). The article
answers many questions in two places and the authors of the paraphrase sets split between them.
Measured (docs/understanding.md, "Eighth round, session 8"), each tuning part cross-fitted: off
1438 of 1,704, 0.6 1456, 0.3 1467, 0.15 1479, 0.05 1485; held-out halves 668 -> 672, 679, 680, 682
of 800; out-of-domain answers and the dev set unchanged; mean answer 39.6 -> 41.7 words."""

ALSO_MIN = 0.1
"""The least classifier probability of the second section (0.05 measured in the fourteenth round: tuning -2)."""

ALSO_MIN_SHORT: float | None = 0.02
"""The least classifier probability of the second section (this alone, not :data:`ALSO_SHARE`) when the first place
is a short answer (fewer than :data:`FILL_WORDS` words: mostly a short FAQ answer read whole), which leaves room for it
(None: :data:`ALSO_MIN` always): "what is it" read from the FAQ goes on with the introduction's "Muscle atrophy is a
condition in which muscles shrink." Sixteenth round (docs/understanding.md): tuning parts cross-fitted +10 knowledge,
none lost; held-out halves +7, none lost; answers 3 words longer on average."""

ALSO_WORDS = 30
"""The most words the second section adds (the whole answer stays within :data:`MAX_ANSWER_WORDS`)."""

ALSO_BACK = 30
"""A second place shorter than this many words is read with the sentences before it in its paragraph (prose only,
within :data:`ALSO_WORDS`; 0: never): the muscle-wasting section's "Synonyms include ..." comes with "Muscle atrophy
is the loss or decrease of muscle mass." after the FAQ's definition. Sixteenth round (docs/understanding.md): tuning
parts cross-fitted +4 knowledge, none lost; held-out halves +2, none lost."""

KEYWORD_WEIGHT = 0.5
"""Weight of the chosen topic's keywords' BM25 score of each sentence against the listener's own
words' (which count 1): the keywords break ties."""

OWN_BEST: float | None = 1.5
"""The sentence the listener's own words score best (BM25, without the topic's keywords) is read too
when its score is at least :data:`OWN_BEST_MIN` and this many times the chosen sentence's own-word
score (None: never): "what happens to your muscles when you exercise a lot" gets "If you have been
active and exercising, your muscles will get larger..." besides the keywords' "use it or lose it".
Eleventh round (docs/understanding.md): tuning parts cross-fitted 2085 -> 2088 of 2,304, held-out
halves 1251 -> 1254 of 1,400, out-of-domain answers unchanged."""

OWN_BEST_MIN = 1.0
"""The least own-word BM25 score of that sentence."""

OWN_BEST_AGAINST_NEXT = True
"""Nineteenth round: the listener's own-word sentence (:data:`OWN_BEST`) must also beat, by that ratio, the own-word
score of the sentences of the chosen one's paragraph ranked next that would be read (at 0.6 of its score). Before,
"can having the flu make you lose muscle" read the arthritis sentences (own word "make") instead of the flu sentence
ranked second. Any runner (not only the paragraph's) was measured first: tuning knowledge 3769 -> 3764 of 3904
(+4 flu, -9 "do muscles get bigger if you exercise" read the treatment sentence), not kept (docs/understanding.md,
"Nineteenth round, second part")."""

FILL_BACK = True
"""A short answer (under :data:`FILL_WORDS`) that its paragraph's next sentences did not fill is read with the
sentences before it in its paragraph (prose only): "Synonyms include muscle wasting ..." comes with "Muscle atrophy
is the loss or decrease of muscle mass." (fourteenth round, docs/understanding.md)."""

BACK_CHAIN: int = 3
"""Twenty-fourth round: a sentence that points back (:meth:`Language.refers_back`) is read with the sentence before
it, and when that one points back too, with the one before it, up to this many sentences back (1: the one before
only, as before). "what causes pathologic atrophy" read "Each of these conditions causes atrophy due to different
processes." first, its "these conditions" two sentences back. Measured in docs/understanding.md,
"Twenty-fourth round"."""

ANSWER_NEVER_BEGINS_BACK = True
"""Twenty-fourth round: an answer never begins with a sentence whose words stand for what the sentence before it said
("Each of these conditions ...") without that sentence: it is added when it fits the word budget (the second place
given up for it, ``knowledge.py``), else the pointing sentence goes too (unless it is the one the answer is for). A
sentence that only goes on from the one before ("For example, ...") is read with it when it fits and may begin an
answer. The second place, read after the answer, is left as it was. Measured with :data:`BACK_CHAIN`
(docs/understanding.md, "Twenty-fourth round")."""

SENTENCE_WEIGHT = 0.0
"""Weight of each sentence's embedding cosine to the question (times the section's best BM25
score) in choosing the passage inside a section (0: BM25 on the words alone)."""


class PassagePicker:
    """The sentences of a section that answer a question (BM25 over each section's sentences)."""

    def __init__(self, pack: ContentPack, normalizer: TextNormalizer, semantic: TopicMeaning | None = None) -> None:
        from rank_bm25 import BM25Okapi

        self._pack = pack
        self._language = normalizer.language  # kept whole, not its bound method: the engine cache pickles this
        self.semantic = semantic
        """Sentence embeddings for :attr:`sentence_weight` (None: words only)."""
        self.also_share = ALSO_SHARE
        """See :data:`ALSO_SHARE`."""
        self.also_min = ALSO_MIN
        """See :data:`ALSO_MIN`."""
        self.also_min_short = ALSO_MIN_SHORT
        """See :data:`ALSO_MIN_SHORT`."""
        self.sentence_weight = SENTENCE_WEIGHT
        """See :data:`SENTENCE_WEIGHT`."""
        self.keyword_weight = KEYWORD_WEIGHT
        """See :data:`KEYWORD_WEIGHT`."""
        self.own_best = OWN_BEST
        """See :data:`OWN_BEST`."""
        self.fill_back = FILL_BACK
        """See :data:`FILL_BACK`."""
        self.also_back = ALSO_BACK
        """See :data:`ALSO_BACK`."""
        self.unit_tokens: dict[str, list[list[str]]] = {}
        """Content-word stems of each sentence, per section id."""
        self._bm25 = {}
        for section in pack.sections:
            toks = [normalizer.tokens(u.text) for u in section.units]
            self.unit_tokens[section.id] = toks
            self._bm25[section.id] = BM25Okapi([ts or ["_"] for ts in toks])
        self._unit_vectors: dict[str, Vectors] = {}
        self._note_cues = frozenset(self._language.stem(w) for cue in pack.note_cues
                                    for w in self._language.normalize(cue).split())
        """Stems of the words that ask for a section's aside (:meth:`_main_or_aside`), stemmed once here."""

    def refers_back(self, sentence: str, connectives: bool = True) -> bool:
        """Whether ``sentence`` begins by pointing back (the language's rule, :meth:`Language.refers_back`)."""
        return self._language.refers_back(sentence, connectives)

    def begins_back(self, units: tuple[Unit, ...]) -> bool:
        """Whether a passage begins with a sentence that points back at one it left out ("Each of these conditions
        ...", "For example, ..."; always False when :data:`ANSWER_NEVER_BEGINS_BACK` is off)."""
        return ANSWER_NEVER_BEGINS_BACK and bool(units) and units[0].index > 0 and self.refers_back(units[0].text)

    def second_place(self, totals: dict[str, float], section_id: str, tokens: list[str],
                     keywords: dict[str, frozenset[str]], question: str = "", least: float | None = None,
                     max_words: int = ALSO_WORDS) -> tuple[Unit, ...]:
        """The passage of the section the classifier puts next to ``section_id`` (``totals``: its
        probability per section; ``keywords``: the keywords of each section's most probable topic)
        when it is nearly as probable (:data:`ALSO_SHARE`) and at least :data:`ALSO_MIN` (``least``: at least that alone):
        the definition is in the introduction and the FAQ, each type in the list of types and in its own
        section; at most ``max_words``."""
        if self.also_share is None:
            return ()
        others = [(p, sid) for sid, p in totals.items()
                  if sid != section_id and self._pack.section(sid).kind in ("section", "faq")]
        if not others:
            return ()
        p2, sid = max(others)
        bar = max(self.also_min, self.also_share * totals.get(section_id, 0.0)) if least is None else least
        if p2 < bar:
            return ()
        units = self.passage(sid, tokens, keywords.get(sid, frozenset()), max_words, fill_words=0, question=question,
                             back_words=self.also_back)
        with_items = {u.block for u in units if not u.list_intro}
        if any(u.list_intro and u.block not in with_items for u in units):
            return ()  # never a list's introduction without its items
        return units

    def sentence_cosines(self, section_id: str, question: str) -> Vectors | None:
        """Embedding cosine of ``question`` to each sentence of the section (None: off or no model)."""
        embedder = getattr(self.semantic, "embedder", None) if self.sentence_weight and question else None
        if embedder is None:
            return None
        vectors = self._unit_vectors.get(section_id)
        if vectors is None:
            vectors = embedder.embed([u.text for u in self._pack.section(section_id).units])
            self._unit_vectors[section_id] = vectors
        result: Vectors = vectors @ embedder.embed_one(question)
        return result

    def passage(self, section_id: str, query_tokens: list[str], keywords: frozenset[str] = frozenset(),
                max_words: int = MAX_ANSWER_WORDS, fill_words: int = FILL_WORDS, question: str = "",
                back_words: int | None = None) -> tuple[Unit, ...]:
        """The most relevant sentences of a section for these tokens, in article order; an answer of
        fewer than ``fill_words`` goes on with the sentences after it, then (:data:`FILL_BACK`) with those
        before it while under ``back_words`` (None: ``fill_words``)."""
        section = self._pack.section(section_id)
        if section.kind in ("sources", "about", "faq") and words_of(section.units, range(len(section.units))) <= max_words:
            return section.units  # a short FAQ answer or the source list is read whole
        if any(u.aside for u in section.units):
            return self._main_or_aside(section, question or " ".join(query_tokens))
        bm25 = self._bm25[section_id]
        n = len(section.units)
        user = list(query_tokens)
        user_scores = bm25.get_scores(user) if user else [0.0] * n
        kw_scores = bm25.get_scores(sorted(keywords)) if keywords else [0.0] * n
        # the listener's own words count most; the topic's keywords break ties
        scores = [float(u) + self.keyword_weight * float(k) for u, k in zip(user_scores, kw_scores, strict=False)]
        cosines = self.sentence_cosines(section_id, question)
        if cosines is not None:
            scale = max(1.0, max(scores))
            scores = [sc + self.sentence_weight * scale * float(c) for sc, c in zip(scores, cosines, strict=False)]
        if n <= 2:
            return _within_budget(section, list(range(n)), max_words, refers_back=self.refers_back)
        order = sorted(range(len(section.units)), key=lambda i: (-scores[i], i))
        top = order[0]
        units = section.units
        chosen = _with_context(units, top, self.refers_back)
        runners = [i for i in order[1:3] if scores[i] >= 0.6 * scores[top] and scores[i] > 0
                   and units[i].block == units[top].block] if OWN_BEST_AGAINST_NEXT else []
        chosen |= self._own_best(section, [float(u) for u in user_scores], top, chosen, max_words, runners)
        for i in order[1:3]:
            more = _intro_with_items(units, i, chosen, max_words) if LIST_WITH_ITEMS and units[i].list_intro else {i}
            if scores[i] >= 0.6 * scores[top] and scores[i] > 0 and words_of(units, chosen | more) <= max_words:
                chosen |= more
        nxt = max(chosen) + 1  # a short answer goes on with the sentences after it in its paragraph
        while (nxt < len(units) and words_of(units, chosen) < fill_words and not units[nxt].list_intro
               and (units[nxt].block == units[top].block or len(chosen) == 1)
               and words_of(units, chosen | {nxt}) <= max_words):
            chosen.add(nxt)
            nxt += 1
        back = fill_words if back_words is None else back_words
        if self.fill_back and back > 0:  # then with the sentences before it in its paragraph ("Muscle atrophy is the loss ...")
            chosen |= _lead_in(units, chosen, top, back, max_words)
        return _within_budget(section, sorted(chosen), max_words, keep=top, refers_back=self.refers_back)


    def from_start(self, section_id: str, max_words: int = MAX_ANSWER_WORDS) -> tuple[Unit, ...]:
        """The first sentences of a section, within ``max_words`` (a list's introduction with its first items)."""
        section = self._pack.section(section_id)
        chosen: set[int] = set()
        for i, unit in enumerate(section.units):
            more = _intro_with_items(section.units, i, chosen, max_words) if LIST_WITH_ITEMS and unit.list_intro else {i}
            if chosen and words_of(section.units, chosen | more) > max_words:
                break
            chosen |= more
        return tuple(section.units[i] for i in sorted(chosen))

    def _main_or_aside(self, section: Section, question: str) -> tuple[Unit, ...]:
        """A section with a note beside it (:attr:`Unit.aside`, the publisher's words on its sources after the
        source list) too long to read whole: the note when the question has one of the pack's words for it
        (:attr:`ContentPack.note_cues`: "is it peer reviewed", "how do they fact check"), else the rest ("what are
        the sources"). The question's own words, not the lexicon's (which maps "reliable" to "sources")."""
        wanted = any(self._language.stem(w) in self._note_cues for w in self._language.normalize(question).split())
        return tuple(u for u in section.units if u.aside == wanted)

    def _own_best(self, section: Section, own: list[float], top: int, chosen: set[int], max_words: int,
                  runners: list[int] | None = None) -> set[int]:
        """The sentence the listener's own words point to (:data:`OWN_BEST`), with its list item or
        list, when it is clearly better on those words than the chosen one (and than the ``runners``,
        :data:`OWN_BEST_AGAINST_NEXT`) and fits; else nothing."""
        if self.own_best is None or not own:
            return set()
        best = max(range(len(own)), key=lambda i: (own[i], -i))
        against = max([own[top]] + [own[i] for i in runners or []])
        if best in chosen or own[best] < OWN_BEST_MIN or own[best] < self.own_best * against:
            return set()
        units = section.units
        more = _with_context(units, best, self.refers_back)
        return more if words_of(units, chosen | more) <= max_words else set()


def _lead_in(units: tuple[Unit, ...], chosen: set[int], top: int, fill_words: int, max_words: int) -> set[int]:
    """The sentences just before the passage in the chosen sentence's paragraph (prose, not a list), nearest
    first, while the answer is shorter than ``fill_words`` and within ``max_words``."""
    out: set[int] = set()
    prev = min(chosen) - 1
    while (prev >= 0 and words_of(units, chosen | out) < fill_words and units[prev].block == units[top].block
           and units[prev].item < 0 and not units[prev].list_intro and words_of(units, chosen | out | {prev}) <= max_words):
        out.add(prev)
        prev -= 1
    return out


def _intro_with_items(units: tuple[Unit, ...], i: int, chosen: set[int], max_words: int) -> set[int]:
    """List introduction ``i`` with its first whole items while the answer stays within ``max_words``
    (alone when not even its first item fits, as before: measured, dropping it then lost 2 tuning lines)."""
    out = {i}
    items = sorted({u.item for u in units if u.block == units[i].block and u.item >= 0})
    for item in items:
        more = {u.index for u in units if u.item == item}
        if words_of(units, chosen | out | more) > max_words:
            break
        out |= more
    return out


def _with_context(units: tuple[Unit, ...], i: int, refers_back: Callable[..., bool]) -> set[int]:
    """Sentence ``i`` with what it cannot be read without: its whole list when it introduces one,
    the rest of its list item, and the sentence before when it starts by pointing back (and the one
    before that while each points back, :data:`BACK_CHAIN`)."""
    out = {i}
    if units[i].list_intro:
        out |= {u.index for u in units if u.block == units[i].block}
    if units[i].item >= 0:
        out |= {u.index for u in units if u.item == units[i].item}
    return out | _back_chain(units, i, refers_back)


def _with_antecedent(units: tuple[Unit, ...], chosen: list[int], keep: int | None, max_words: int,
                     refers_back: Callable[..., bool]) -> list[int]:
    """``chosen`` (sorted) beginning with no sentence that points back without what it points to ("Each of these
    conditions ..."): with the sentences it points back to (:func:`_back_chain`) when they fit ``max_words``, else
    without it (not when it is ``keep``, the sentence the answer is for, or the only one)."""
    while chosen[0] > 0 and refers_back(units[chosen[0]].text):
        whole = sorted(_back_chain(units, chosen[0], refers_back) | set(chosen))
        if words_of(units, whole) <= max_words:
            return whole
        if len(chosen) == 1 or chosen[0] == keep or not refers_back(units[chosen[0]].text, False):
            return chosen  # "For example, dumping syndrome ..." may begin an answer; "Each of these ..." may not
        chosen = chosen[1:]
    return chosen


def _back_chain(units: tuple[Unit, ...], i: int, refers_back: Callable[..., bool]) -> set[int]:
    """Sentence ``i`` and the sentences before it that it points back to, each pointing back in turn
    (at most :data:`BACK_CHAIN` back)."""
    out, j = {i}, i
    while j > 0 and i - j < BACK_CHAIN and refers_back(units[j].text):
        j -= 1
        out.add(j)
    return out


def words_of(units: tuple[Unit, ...], idx: Iterable[int]) -> int:
    """The number of words of ``units[i]`` for ``i`` in ``idx``."""
    return sum(len(units[i].text.split()) for i in idx)


def _within_budget(section: Section, idx: list[int], max_words: int, keep: int | None = None,
                   refers_back: Callable[..., bool] | None = None) -> tuple[Unit, ...]:
    """``units[i]`` for ``i`` in ``idx`` within ``max_words`` (the farthest from ``keep`` dropped first), never
    beginning with a sentence that points back without the one before it (:data:`ANSWER_NEVER_BEGINS_BACK`)."""
    units = section.units
    chosen = sorted(idx)
    anchor = keep if keep is not None else chosen[0]
    needed = _back_chain(units, anchor, refers_back) if ANSWER_NEVER_BEGINS_BACK and refers_back is not None else {anchor}
    while len(chosen) > 1 and words_of(units, chosen) > max_words:
        # drop the unit farthest from the one that matters most (what it points back to last)
        far = max(chosen, key=lambda i: (i not in needed, abs(i - anchor), i))
        if far == anchor:
            break
        chosen.remove(far)
    if ANSWER_NEVER_BEGINS_BACK and refers_back is not None:
        chosen = _with_antecedent(units, chosen, keep, max_words, refers_back)
    return tuple(units[i] for i in chosen)
