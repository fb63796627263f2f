"""A question after a preamble that says nothing about the article: "hi, i'm a student, what is the definition of
muscle atrophy".

A new listener often says who they are or clears their throat before the question ("I'm a student", "long story,
sorry", "right"), and the preamble's words, none of them the article's, weigh against the question in every signal
of the joint decision (coverage, the classifier's out-of-domain class, the embedding's nearest out-of-domain
sample). A text nothing else answered is tried once more from its first question clause on, when every clause
before it holds no word the pack knows (the knowledge matcher's vocabulary: a story that names the article's
words, "my son's legs got thin, why", is no preamble) and the question part holds no word that points back at what
was said before it (``Language.pointing_words``: "my nan's knuckles are swollen, is that arthritis" asks about the
preamble). The question part goes through the same knowledge match and joint decision as any question.

Twenty-sixth round (docs/understanding.md): tried first as a story read for its article words (the question clause
with the story's known words only): tuning 5 more knowledge rows answered (at most 3 right), out-of-domain answered
+12 ("my eyelid keeps twitching for days, why" read as "keeps twitching days why"); not kept. Measured with the
preamble rule: tuning knowledge 4961 -> 4962/5104, held-out halves 3937 -> 3938/4200 (together with the lexicon's
"firm"), out-of-domain answered unchanged.

Twenty-ninth round: the wrapper too. The thirtieth authors put courtesies around the question, often without
punctuation ("hello sorry my english not so good what is ...", "... thanks", "ta", "if you know", "i hope that makes
sense", "..., anyway sorry i'm rambling, she's asleep upstairs now"). Before the preamble is looked for, the
language's openers (``Language.wrapper_openers``: greetings, apologies, "quick question", "my english is not good",
an age, a role: "i am a home carer") are left out at the start, its closers (``wrapper_closers``) at the end, and a
closing ramble (from ``ramble_starts``: "anyway", "sorry") when it holds no word of the pack rarer than everyday words;
in a text of one clause, the question may begin at an asking word ("what", "how": ``asking_words``) after a preamble
of no pack word ("i drive a taxi in town how do you ..."). A question after something left out at the start still
may hold no word that points back. The result is only a second reading, asked when nothing else answered, and goes
through the joint decision like any question (docs/understanding.md, "Twenty-ninth round").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection

from voice_guide.lang import Language
from voice_guide.nlu.normalize import TextNormalizer

_LOGGER = logging.getLogger(__name__)

_CLAUSE_BREAK = re.compile(r"[,;:.!?]+|\s[-–—]\s")
"""Where a typed text breaks into clauses (the understanding's own clause break)."""

_COMMON_ZIPF = 5.5
"""A closing ramble may hold words of the pack this common in English or more ("now", "time", "sorry": the pack's
vocabulary holds every word of its topic samples), not rarer ones ("bed", "walk")."""

_TOPIC_WORDS = 3
"""How long a clause may be that names a topic alone before a question pointing at it (:meth:`PreambleReading._topic`;
fifty-sixth session, tune60:odd: "hello, my english not so good. muscle atrophy, what is this?")."""

EVERYDAY_PREAMBLE = True
"""Thirty-fourth round: a preamble may hold the pack's everyday words (as common in English as :data:`_COMMON_ZIPF` or
more: "keep", "now", "time"), not rarer ones ("I keep forgetting. what is atrophy again?"; docs/understanding.md)."""


class PreambleReading:
    """Finds the question after a preamble and inside a wrapper (see the module's docstring)."""

    def __init__(self, normalizer: TextNormalizer, vocabulary: Collection[str], language: Language) -> None:
        self._normalizer = normalizer
        self._vocabulary = vocabulary
        self._language = language
        self._pointing = language.pointing_words
        self._question_starts = language.question_starts
        self._asking = language.asking_words
        self._ramble = language.ramble_starts
        self._opener = re.compile(r"^(" + "|".join(language.wrapper_openers) + r")(\s|$)")
        self._closer = re.compile(r"(^|\s)(" + "|".join(language.wrapper_closers) + r")$")
        self.wrappers = True
        """Whether openers, closers and closing rambles are left out too (twenty-ninth round; False: the
        twenty-sixth round's preamble only)."""
        self.everyday_preamble = EVERYDAY_PREAMBLE
        """See :data:`EVERYDAY_PREAMBLE`."""

    def question(self, text: str) -> str | None:
        """The cleaned question without its preamble and wrapper, or None when that is the whole text or the
        text holds no such question (a word of the pack before the question, a word in it that points back at
        what was left out before it)."""
        clauses = [c for c in (self._language.normalize(part) for part in _CLAUSE_BREAK.split(text)) if c]
        whole = " ".join(clauses)
        if self.wrappers:
            clauses = self._unwrapped(clauses)
        if not clauses:
            return None
        first = next((i for i, c in enumerate(clauses) if c.split()[0] in self._question_starts), 0)
        if first == 0 and self.wrappers and clauses[0].split()[0] not in self._question_starts:
            clauses = self._asked_midway(clauses[0]) + clauses[1:]
            first = 1 if len(clauses) > 1 and clauses[1].split()[0] in self._asking else 0
        if first > 0 and self._knows_any(clauses[:first]):
            first = 0  # the preamble stays: it says something of the article
        opened = first > 0 or not whole.startswith(" ".join(clauses))
        if opened and self._points_back(clauses[first:]):
            return None  # "i am a student, what does it do": "it" points back at what was left out
        rest = " ".join(clauses[first:])
        return rest if rest and rest != whole else None

    def _points_back(self, clauses: list[str]) -> bool:
        """Whether a word of ``clauses`` points back (``Language.pointing_words``) at what was left out before them:
        "what does it do" and "is that arthritis" do; in two questions joined by "and", a first that names the article
        and points at nothing gives the second its subject ("what is muscle atrophy and what does it do to you",
        forty-sixth session, tune48:odd; not "what could be causing it", whose "it" is the preamble's). A pointing word
        in the clause after a topic named alone points at that topic (:meth:`_topic`; "hello, my english not so good.
        muscle atrophy, what is this?"; fifty-sixth session, tune60:odd)."""
        words = " ".join(clauses).split()
        joined = next((i for i, w in enumerate(words[:-1]) if w == "and" and words[i + 1] in self._asking), None)
        if joined is not None:
            first = words[:joined]
            if any(self._names_article(w) for w in first) and not any(w in self._pointing for w in first):
                return False
        for at, clause in enumerate(clauses):  # fifty-sixth session: "muscle atrophy, what is this?"
            if any(w in self._pointing for w in clause.split()) and not (at > 0 and self._topic(clauses[at - 1])):
                return True
        return False

    def _topic(self, clause: str) -> bool:
        """Whether ``clause`` is a topic named alone before a question about it (at most :data:`_TOPIC_WORDS` words, one
        naming the article: "muscle atrophy" in "muscle atrophy, what is this?")."""
        words = clause.split()
        return len(words) <= _TOPIC_WORDS and any(self._names_article(w) for w in words)

    def _knows_any(self, clauses: list[str]) -> bool:
        """Whether one of ``clauses`` holds a word of the pack (with :attr:`everyday_preamble`, one less common than
        :data:`_COMMON_ZIPF`: "i keep forgetting" says nothing of the article, "his legs got thin" does)."""
        if self.everyday_preamble:
            return any(self._names_article(w) for c in clauses for w in c.split())
        return any(t in self._vocabulary for c in clauses for t in self._normalizer.tokens(c))

    def _names_article(self, word: str) -> bool:
        """Whether ``word`` is a word of the pack less common than :data:`_COMMON_ZIPF` ("bed", not "now")."""
        return self._language.rarity(word) < _COMMON_ZIPF and any(t in self._vocabulary for t in self._normalizer.tokens(word))

    def _unwrapped(self, clauses: list[str]) -> list[str]:
        """``clauses`` without the openers at their start, the closers at their end and a closing ramble that
        names nothing of the pack ("..., anyway sorry i am rambling, she is asleep upstairs now")."""
        words = " ".join(clauses).split()
        for i in range(3, len(words)):
            if words[i] in self._ramble and not any(self._names_article(w) for w in words[i + 1:]):
                clauses = _cut_words(clauses, i)
                break
        while clauses:
            head = self._opener.match(clauses[0])
            if head is None:
                break
            clauses = [c for c in [clauses[0][head.end():].strip(), *clauses[1:]] if c]
        while clauses:
            tail = self._closer.search(clauses[-1])
            if tail is None:
                break
            clauses = [c for c in [*clauses[:-1], clauses[-1][:tail.start()].strip()] if c]
        return clauses

    def _asked_midway(self, clause: str) -> list[str]:
        """``clause`` cut before its first asking word ("what", "how") after two words or more, when the words
        before it hold no word of the pack ("i volunteer at a care home how do you fix ..."); else ``[clause]``."""
        words = clause.split()
        at = next((i for i, w in enumerate(words) if i >= 2 and w in self._asking), 0)
        if at == 0:
            return [clause]
        return [" ".join(words[:at]), " ".join(words[at:])]


def _cut_words(clauses: list[str], at: int) -> list[str]:
    """The clauses holding the first ``at`` words of ``clauses``, the last one cut short."""
    out: list[str] = []
    left = at
    for clause in clauses:
        words = clause.split()
        if left <= 0:
            break
        out.append(" ".join(words[:left]))
        left -= len(words)
    return out
