"""Understanding: text -> intent, with slots, a confidence and, for knowledge, the passage.

Order of checks, safety first:

1. emergency phrases (regular expressions from the pack's ``safety.yaml``);
2. pain phrases ("it hurts"), which stop a routine;
3. control intents, matched exactly with hassil templates (``intents.yaml``);
4. knowledge topics (``topics.yaml``), scored on the pack's words after the synonym
   lexicon (``lexicon.yaml``) has mapped everyday words onto the article's;
5. control intents again, fuzzily (rapidfuzz), for short commands a recognizer garbled;
6. ``fallback`` when nothing is confident enough.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from voice_guide.content.pack import ContentPack, Section, Topic, Unit
from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety import FindingKind, SafetyRules

_LOGGER = logging.getLogger(__name__)

CONTROL_INTENTS = (
    "help", "list_topics", "read_article", "more", "next", "previous", "repeat", "pause",
    "resume", "stop", "slower", "faster", "louder", "quieter", "yes", "no", "exit", "start_routine",
)
"""Built-in intents matched from templates (besides ``emergency``, ``pain`` and ``fallback``)."""

ROUTINE_NAMES = ("arms", "legs", "hands", "full_body")
"""Values of the ``routine`` slot of ``start_routine``."""

DEFAULT_THRESHOLD = 0.5
"""Knowledge answers below this confidence become ``fallback``."""

MAX_ANSWER_WORDS = 60
"""A spoken answer stays about this short (roughly 25 s at a slow rate); ``more`` continues."""

MAX_INPUT_CHARS = 1000
"""Longer input is cut to this many characters before matching (a question is short)."""

_STOPWORDS = frozenset(
    """a an the is are was were be been being am do does did done doing have has had having i you he
    she it we they them him her me us this that these those what which who whom whose when where how
    can could would should will shall may might must of to in on at by for with from about as into
    through during before after above below up down out off over under again then once here there all
    both each few such nor not only own same than too s t don and or but if because until while
    its it's there's ever any no yes whether does doesn't isn't aren't way able""".split()
)

_CONTRACTIONS = [
    (re.compile(r"\b(can)'?t\b"), r"\1 not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"\b(what|that|it|she|he|there|here|who|where|how)'s\b"), r"\1 is"),
    (re.compile(r"\b(\w+)'s\b"), r"\1"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'m\b"), r"\1 am"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(\w+)'d\b"), r"\1 would"),
]
_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_FRAME = "~"
_FRAME_WEIGHT = 0.25
_COMMON_WEIGHT = 0.3


@dataclass(frozen=True)
class IntentMatch:
    """What a piece of text means to the guide."""

    intent: str
    """Intent name: a control intent, a knowledge topic (``ask_…``), ``emergency``, ``pain`` or ``fallback``."""

    confidence: float
    """0..1; knowledge below the threshold is turned into ``fallback``."""

    slots: dict[str, str] = field(default_factory=dict)
    """Slot values, e.g. ``{"routine": "arms"}``."""

    section_id: str | None = None
    """For knowledge: the section that answers."""

    units: tuple[Unit, ...] = ()
    """For knowledge: the sentences that answer, in article order."""

    text: str = ""
    """The input text as matched (after clean-up)."""

    @property
    def is_knowledge(self) -> bool:
        """True when this match answers from the article."""
        return self.section_id is not None


class TextNormalizer:
    """Lower-cases, expands contractions, maps synonyms onto the article's words, stems."""

    def __init__(self, synonyms: dict[str, tuple[str, ...]], filler: Iterable[str]) -> None:
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer("english")
        pairs: list[tuple[str, str]] = []
        for canonical, phrases in synonyms.items():
            for phrase in phrases:
                pairs.append((self.clean(phrase), canonical))
        pairs.sort(key=lambda p: -len(p[0]))
        self._canonical = {phrase: canonical for phrase, canonical in pairs if phrase}
        self._synonym_re = (
            re.compile(r"\b(" + "|".join(re.escape(p) for p, _ in pairs if p) + r")\b") if pairs else None
        )
        filler_phrases = sorted({self.clean(f) for f in filler if f.strip()}, key=len, reverse=True)
        self._filler_multi = [f for f in filler_phrases if " " in f]
        self._filler = frozenset(f for f in filler_phrases if " " not in f)

    @staticmethod
    def clean(text: str) -> str:
        """Lower-case, straight apostrophes, contractions expanded, punctuation removed."""
        text = text.lower().replace("’", "'").replace("‘", "'")
        text = re.sub(r"[-/–—]", " ", text)
        for pattern, repl in _CONTRACTIONS:
            text = pattern.sub(repl, text)
        text = _NON_WORD.sub(" ", text).replace("'", " ")
        return " ".join(text.split())

    def canonical_text(self, text: str) -> str:
        """Cleaned text with synonyms replaced by the article's words."""
        text = self.clean(text)
        if self._synonym_re is not None:
            text = self._synonym_re.sub(lambda m: self._canonical[m.group(1)], text)
        return text

    def tokens(self, text: str) -> list[str]:
        """Content-word stems of ``text``, in order, duplicates kept."""
        return [t for t in self.all_tokens(text) if not t.startswith(_FRAME)]

    def all_tokens(self, text: str) -> list[str]:
        """Stems of every word but filler; stopwords come marked with a leading ``~``
        (they shape a question: "what is" against "how do you treat")."""
        return [stem for stem, _ in self.word_pairs(text)]

    def word_pairs(self, text: str) -> list[tuple[str, str]]:
        """``(token, word)`` for every word but filler: the token as :meth:`all_tokens` gives
        it, and the (canonical) word it came from."""
        text = self.canonical_text(text)
        for phrase in self._filler_multi:
            text = re.sub(rf"\b{re.escape(phrase)}\b", " ", text)
        out = []
        for w in text.split():
            if w in self._filler:
                continue
            out.append((_FRAME + w if w in _STOPWORDS else self.stem(w), w))
        return out

    def stem(self, word: str) -> str:
        """Snowball stem of one word."""
        return _stem_cached(self._stemmer, word)


@lru_cache(maxsize=8192)
def _stem_cached(stemmer: Any, word: str) -> str:
    return stemmer.stemWord(word)


class ControlMatcher:
    """Built-in control intents: exact hassil templates first, then fuzzy matching of short phrases."""

    def __init__(self, intents_data: dict[str, Any], max_samples_per_intent: int = 400) -> None:
        from hassil import Intents
        from hassil.sample import sample_intents

        data = intents_data or {}
        hassil_dict = {
            "language": data.get("language", "en"),
            "intents": {
                name: {"data": [{"sentences": [str(s) for s in sentences]}]}
                for name, sentences in (data.get("intents") or {}).items()
            },
            "lists": data.get("lists") or {},
            "expansion_rules": data.get("expansion_rules") or {},
        }
        unknown = sorted(set(hassil_dict["intents"]) - set(CONTROL_INTENTS))
        if unknown:
            raise ContentError(f"intents.yaml: unknown control intents: {', '.join(unknown)}")
        try:
            self._intents = Intents.from_dict(hassil_dict)
        except Exception as err:  # hassil raises several kinds for a bad template
            raise ContentError(f"intents.yaml: a template cannot be parsed: {err}") from None
        self._skip_words = [str(w) for w in data.get("skip_words") or []]
        self._prefixes = sorted((TextNormalizer.clean(p) for p in data.get("polite_prefixes") or []), key=len, reverse=True)
        per_intent: dict[str, list[str]] = {}
        for name, sentence in sample_intents(self._intents, max_sentences_per_intent=max_samples_per_intent):
            per_intent.setdefault(name, []).append(TextNormalizer.clean(sentence))
        self.samples: dict[str, tuple[str, ...]] = {k: tuple(dict.fromkeys(v)) for k, v in per_intent.items()}
        self._flat = [(s, name) for name, ss in self.samples.items() for s in ss]

    def strip_polite(self, cleaned: str) -> str:
        """Remove leading "could you", "hey guide"… and trailing "please"."""
        changed = True
        while changed:
            changed = False
            for p in self._prefixes:
                if cleaned.startswith(p + " "):
                    cleaned = cleaned[len(p) + 1 :]
                    changed = True
        for w in self._skip_words:
            cleaned = re.sub(rf"\b{re.escape(TextNormalizer.clean(w))}\b", " ", cleaned)
        return " ".join(cleaned.split())

    def exact(self, cleaned: str) -> IntentMatch | None:
        """An exact template match (confidence 1.0), or None."""
        from hassil import recognize

        text = self.strip_polite(cleaned)
        if not text:
            return None
        result = recognize(text, self._intents)
        if result is None:
            return None
        slots = {k: str(v.value) for k, v in result.entities.items()}
        return IntentMatch(result.intent.name, 1.0, slots, text=cleaned)

    def fuzzy(self, cleaned: str, min_score: float = 86.0, max_words: int = 6) -> IntentMatch | None:
        """The closest control sample for a short phrase, if close enough."""
        from rapidfuzz import fuzz, process

        text = self.strip_polite(cleaned)
        if not text or len(text.split()) > max_words or not self._flat:
            return None
        best = process.extractOne(text, [s for s, _ in self._flat], scorer=fuzz.ratio)
        if best is None or best[1] < min_score:
            return None
        sample, score, index = best
        name = self._flat[index][1]
        exact = self.exact(sample)
        slots = exact.slots if exact is not None else {}
        return IntentMatch(name, round(score / 100.0, 3), slots, text=cleaned)


@dataclass
class _TopicIndex:
    topic: Topic
    samples: list[frozenset[str]]
    keywords: frozenset[str]
    vocabulary: frozenset[str]
    own: frozenset[str]


class KnowledgeMatcher:
    """Knowledge topics: which thing of the article a question asks about, and which sentences answer it."""

    def __init__(self, pack: ContentPack, normalizer: TextNormalizer) -> None:
        from rank_bm25 import BM25Okapi

        self._pack = pack
        self._norm = normalizer
        self._topics: list[_TopicIndex] = []
        section_tokens: dict[str, frozenset[str]] = {}
        self._unit_tokens: dict[str, list[list[str]]] = {}
        self._bm25: dict[str, Any] = {}
        for section in pack.sections:
            toks = [normalizer.tokens(u.text) for u in section.units]
            self._unit_tokens[section.id] = toks
            section_tokens[section.id] = frozenset(t for ts in toks for t in ts) | frozenset(normalizer.tokens(section.title))
            self._bm25[section.id] = BM25Okapi([ts or ["_"] for ts in toks])
        self._common = frozenset(normalizer.stem(w) for w in pack.lexicon.common_words)
        self._terms = frozenset(normalizer.stem(w) for key in pack.lexicon.synonyms for w in TextNormalizer.clean(key).split())
        for topic in pack.topics:
            keywords = frozenset(normalizer.tokens(topic.keywords))
            samples = [frozenset(normalizer.all_tokens(s)) for s in topic.samples] + [keywords]
            own = frozenset().union(*samples)
            vocab = own | section_tokens.get(topic.section_id, frozenset())
            self._topics.append(_TopicIndex(topic, samples, keywords, vocab, own))
        n = len(self._topics)
        df: dict[str, int] = {}
        for ti in self._topics:
            for t in ti.vocabulary:
                df[t] = df.get(t, 0) + 1
        self._idf = {t: math.log((n + 1) / (c + 0.5)) + 0.1 for t, c in df.items()}
        self.vocabulary = frozenset(df)

    def weight(self, token: str) -> float:
        """Importance of a token: its rarity across topics; for a word the guide does not
        know, little for everyday words and more the rarer the word is in English."""
        if token.startswith(_FRAME):
            return _FRAME_WEIGHT
        if token in self._common:
            return min(_COMMON_WEIGHT, self._idf.get(token, _COMMON_WEIGHT))
        if token in self._idf:
            return self._idf[token]
        return _unknown_weight(token)

    def _evidence(self, token: str, word: str) -> float:
        if token in self._common:
            return _COMMON_WEIGHT
        if token in self._terms or _zipf(word) < _EVERYDAY_ZIPF:
            return 1.0
        return 0.4

    def match(self, text: str) -> IntentMatch | None:
        """The best topic for ``text`` and its answering sentences, or None when nothing overlaps."""
        pairs = self._norm.word_pairs(text)
        words = dict(pairs)
        full = list(dict.fromkeys(t for t, _ in pairs))
        tokens = [t for t in full if not t.startswith(_FRAME)]
        if not tokens:
            return None
        weights = {t: self.weight(t) for t in full}
        total = sum(weights[t] for t in tokens)
        qnorm = math.sqrt(sum(w * w for w in weights.values()))
        best: tuple[float, float, _TopicIndex] | None = None
        for ti in self._topics:
            covered = sum(weights[t] for t in tokens if t in ti.vocabulary) / total
            if covered == 0:
                continue
            sim = 0.0
            for sample in ti.samples:
                if not sample:
                    continue
                dot = sum(weights[t] ** 2 for t in full if t in sample)
                snorm = math.sqrt(sum(self.weight(t) ** 2 for t in sample))
                sim = max(sim, dot / (qnorm * snorm))
            own = sum(weights[t] for t in tokens if t in ti.own) / total
            score = 0.25 * covered + 0.35 * own + 0.4 * sim
            if best is None or score > best[0]:
                best = (score, covered, ti)
        if best is None:
            return None
        score, covered, ti = best
        own = sum(weights[t] for t in tokens if t in ti.own) / total
        # confident only when the question covers the pack's words and touches what the topic is about
        # and only on real evidence: one everyday word ("time") is not a question about the article
        # nor on one ordinary English word the article happens to use ("mild"): a word counts
        # fully when it is one of the lexicon's terms or is rare in everyday English
        evidence = sum(self._evidence(t, words.get(t, t)) for t in tokens if t in ti.vocabulary)
        confidence = min(1.0, score / 0.7) * min(1.0, covered / 0.65) * min(1.0, own / 0.4) * min(1.0, evidence)
        units = self.passage(ti.topic.section_id, tokens, ti.keywords)
        return IntentMatch(
            ti.topic.name,
            round(confidence, 3),
            {},
            section_id=ti.topic.section_id,
            units=units,
            text=text,
        )

    def evidence(self, text: str, topic: str) -> tuple[float, int]:
        """How strong the evidence of ``text`` for ``topic`` (a topic name) is: the summed
        evidence of its content words the topic knows (1 for a lexicon term or a word rare
        in everyday English, 0.4 for another ordinary word, 0.3 for a common word) and how
        many such words there are. ``(0.0, 0)`` for an unknown topic. Does not change
        :meth:`match`; for callers that weigh an answer against how sure the ears were."""
        ti = next((t for t in self._topics if t.topic.name == topic), None)
        if ti is None:
            return 0.0, 0
        pairs = self._norm.word_pairs(TextNormalizer.clean(text))
        words = dict(pairs)
        tokens = [t for t in dict.fromkeys(t for t, _ in pairs) if not t.startswith(_FRAME) and t in ti.vocabulary]
        return round(sum(self._evidence(t, words.get(t, t)) for t in tokens), 3), len(tokens)

    def passage(self, section_id: str, query_tokens: list[str], keywords: frozenset[str] = frozenset(),
                max_words: int = MAX_ANSWER_WORDS) -> tuple[Unit, ...]:
        """The most relevant sentences of a section for these tokens, in article order."""
        section = self._pack.section(section_id)
        if section.kind in ("sources", "about", "faq") and _words(section.units, range(len(section.units))) <= max_words:
            return section.units  # a short FAQ answer or the source list is read whole
        bm25 = self._bm25[section_id]
        n = len(section.units)
        user = list(query_tokens)
        user_scores = bm25.get_scores(user) if user else [0.0] * n
        kw_scores = bm25.get_scores(sorted(keywords)) if keywords else [0.0] * n
        # the listener's own words count most; the topic's keywords break ties
        scores = [float(u) + 0.5 * float(k) for u, k in zip(user_scores, kw_scores, strict=False)]
        if n <= 2:
            return _within_budget(section, list(range(n)), max_words)
        order = sorted(range(len(section.units)), key=lambda i: (-scores[i], i))
        top = order[0]
        chosen = {top}
        units = section.units
        if units[top].list_intro:
            chosen |= {u.index for u in units if u.block == units[top].block}
        if units[top].item >= 0:
            chosen |= {u.index for u in units if u.item == units[top].item}
        if _is_anaphoric(units[top].text) and top > 0:
            chosen.add(top - 1)
        for i in order[1:3]:
            if scores[i] >= 0.6 * scores[top] and scores[i] > 0 and _words(units, chosen | {i}) <= max_words:
                chosen.add(i)
        if _words(units, chosen) < 15 and top + 1 < len(units) and not units[top + 1].list_intro:
            chosen.add(top + 1)
        return _within_budget(section, sorted(chosen), max_words, keep=top)


def _words(units: tuple[Unit, ...], idx: Iterable[int]) -> int:
    return sum(len(units[i].text.split()) for i in idx)


def _within_budget(section: Section, idx: list[int], max_words: int, keep: int | None = None) -> tuple[Unit, ...]:
    units = section.units
    chosen = list(idx)
    while len(chosen) > 1 and _words(units, chosen) > max_words:
        # drop the unit farthest from the one that matters most
        anchor = keep if keep is not None else chosen[0]
        far = max(chosen, key=lambda i: (abs(i - anchor), i))
        if far == anchor:
            break
        chosen.remove(far)
    return tuple(units[i] for i in sorted(chosen))


def _is_anaphoric(text: str) -> bool:
    return bool(re.match(r"^(for example|this|these|it|they|that|and|each of these|such)\b", text.lower()))


_EVERYDAY_ZIPF = 4.0
"""Words more frequent than this in English (Zipf scale) are everyday words."""


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 3.0
    return zipf_frequency(word, "en")


@lru_cache(maxsize=4096)
def _unknown_weight(token: str) -> float:
    return min(3.0, max(0.6, (7.0 - _zipf(token)) / 1.6))


class Understander:
    """Text to :class:`IntentMatch` for one content pack. Build once, reuse for every input."""

    def __init__(self, pack: ContentPack, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.pack = pack
        self.threshold = threshold
        self.normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler)
        self.safety = SafetyRules(pack.safety)
        self.controls = ControlMatcher(pack.intents)
        self.knowledge = KnowledgeMatcher(pack, self.normalizer)
        _unknown_weight("voiceguidewarmup")  # load the word-frequency table now, not on the first question

    def understand(self, text: str) -> IntentMatch:
        """The meaning of ``text``. Never raises for any string input."""
        if not isinstance(text, str):
            text = str(text or "")
        text = text[:MAX_INPUT_CHARS]
        cleaned = TextNormalizer.clean(text)
        if not cleaned:
            return IntentMatch("fallback", 0.0, text="")
        finding = self.safety.assess(text)  # emergency, crisis, pain, medical advice, about me: before anything else
        if finding.kind is not FindingKind.NONE:
            return IntentMatch(finding.intent, 1.0, {"concept": finding.concept or ""}, text=cleaned)
        exact = self.controls.exact(cleaned)
        if exact is not None:
            return exact
        knowledge = self.knowledge.match(cleaned)
        if knowledge is not None and knowledge.confidence >= self.threshold:
            return knowledge
        fuzzy = self.controls.fuzzy(cleaned)
        if fuzzy is not None:
            return fuzzy
        confidence = knowledge.confidence if knowledge is not None else 0.0
        return IntentMatch("fallback", round(confidence, 3), text=cleaned)

    def control_exact(self, text: str) -> IntentMatch | None:
        """The exact control-template match of ``text`` (hassil, after polite words are
        stripped), or None; no safety, knowledge or fuzzy matching. For callers that trust
        the tight control grammar more than free questions (e.g. at a low recognizer
        confidence)."""
        if not isinstance(text, str):
            text = str(text or "")
        cleaned = TextNormalizer.clean(text[:MAX_INPUT_CHARS])
        return self.controls.exact(cleaned) if cleaned else None

    def is_emergency(self, text: str) -> bool:
        """True when ``text`` describes an emergency (the safety rules, as :meth:`understand` checks first)."""
        if not isinstance(text, str):
            text = str(text or "")
        cleaned = TextNormalizer.clean(text[:MAX_INPUT_CHARS])
        return bool(cleaned) and self.safety.is_emergency(text)

    def is_pain(self, text: str) -> bool:
        """True when ``text`` says a movement hurts (the safety rules, as :meth:`understand` checks them)."""
        if not isinstance(text, str):
            text = str(text or "")
        cleaned = TextNormalizer.clean(text[:MAX_INPUT_CHARS])
        return bool(cleaned) and self.safety.is_pain(text)

    def knowledge_evidence(self, text: str, topic: str) -> tuple[float, int]:
        """How strong the evidence of ``text`` for the knowledge topic ``topic`` is:
        ``(summed evidence, number of content words)``, see :meth:`KnowledgeMatcher.evidence`."""
        if not isinstance(text, str):
            text = str(text or "")
        return self.knowledge.evidence(text[:MAX_INPUT_CHARS], topic)

    def language_sentences(self) -> list[str]:
        """Sentences for the recognizer's domain language model: control phrases, topic
        samples, FAQ questions and the article's own sentences, cleaned."""
        out: list[str] = []
        for samples in self.controls.samples.values():
            out.extend(samples)
        for topic in self.pack.topics:
            out.extend(TextNormalizer.clean(s) for s in topic.samples)
        for section in self.pack.sections:
            if section.kind in ("section", "faq"):
                out.extend(TextNormalizer.clean(u.text) for u in section.units)
        out.extend(self.safety_sentences())
        out.extend(TextNormalizer.clean(str(p)) for p in self.pack.intents.get("live_phrases") or [])
        out.extend(self.synonym_sentences(out))
        return [s for s in dict.fromkeys(out) if s]

    def synonym_sentences(self, sentences: list[str], per_phrase: int = 2) -> list[str]:
        """Sentences that put the lexicon's everyday words in context, so the recognizer can
        hear "steroids" or "plaster": each synonym replaces its canonical word in up to
        ``per_phrase`` of ``sentences`` (or stands alone when no sentence has that word)."""
        out: list[str] = []
        for canonical, phrases in self.pack.lexicon.synonyms.items():
            target = TextNormalizer.clean(canonical)
            pattern = re.compile(rf"\b{re.escape(target)}\b")
            hosts = [s for s in sentences if pattern.search(s) and len(s.split()) <= 12][:per_phrase]
            for phrase in phrases:
                phrase = TextNormalizer.clean(phrase)
                if not phrase:
                    continue
                out.extend(pattern.sub(phrase, h, count=1) for h in hosts)
                if not hosts:
                    out.append(phrase)
        return out

    def safety_sentences(self) -> list[str]:
        """The pack's sample emergency, crisis, pain and advice phrases (every safety concept), cleaned."""
        return [TextNormalizer.clean(s) for s in self.safety.samples()]

    def command_sentences(self, intents: Iterable[str]) -> list[str]:
        """Control phrases of the given intents only (the smaller phrase set of a routine)."""
        wanted = set(intents)
        out = [s for name, ss in self.controls.samples.items() if name in wanted for s in ss]
        out += [TextNormalizer.clean(str(p)) for p in self.pack.intents.get("live_phrases") or []]
        return list(dict.fromkeys(out + self.safety_sentences()))
