"""The sentences an :class:`~voice_guide.nlu.understanding.Understander` gives the recognizer's language models.

Split out of ``understanding.py`` in the twenty-fourth round (no change of behaviour): the control phrases, topic
samples, the article's own sentences, the safety phrases and the lexicon's everyday words put in context, from which
``engine.py`` and ``scripts/build_recognizer_sentences.py`` build the domain vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from voice_guide.content.pack import ContentPack
from voice_guide.lang import Language
from voice_guide.nlu.controls import ControlMatcher
from voice_guide.nlu.normalize import FRAME_PHRASE, TextNormalizer
from voice_guide.nlu.safety import SafetyRules

__all__ = ["RecognizerSentences"]


class RecognizerSentences:
    """Mixin of :class:`~voice_guide.nlu.understanding.Understander`: needs ``pack``, ``controls``, ``safety`` and ``language``."""

    pack: ContentPack
    controls: ControlMatcher
    safety: SafetyRules
    language: Language

    def language_sentences(self) -> list[str]:
        """Sentences for the recognizer's domain language model: control phrases, topic
        samples, FAQ questions and the article's own sentences, cleaned."""
        out: list[str] = []
        for samples in self.controls.samples.values():
            out.extend(samples)
        out.extend(self.controls.state_samples)
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
        ``per_phrase`` of ``sentences`` (or stands alone when no sentence has that word); a question frame
        (:data:`~voice_guide.nlu.normalize.FRAME_PHRASE`: "what should i do") and a phrase of the language's function
        words only ("do about", "because of") stand alone."""
        out: list[str] = []
        for canonical, phrases in self.pack.lexicon.synonyms.items():
            target = TextNormalizer.clean(canonical)
            pattern = re.compile(rf"\b{re.escape(target)}\b")
            hosts = [s for s in sentences if pattern.search(s) and len(s.split()) <= 12][:per_phrase]
            for phrase in phrases:
                frame = phrase.strip().startswith(FRAME_PHRASE)
                phrase = TextNormalizer.clean(phrase)
                if not phrase:
                    continue
                # a question frame or a phrase of function words only in the canonical word's place is no sentence
                # ("talk to your what should i do", "what is the do about for muscle wasting"): it stands alone
                alone = frame or all(w in self.language.stopwords for w in phrase.split())
                if not alone:
                    out.extend(pattern.sub(phrase, h, count=1) for h in hosts)
                if alone or not hosts:
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
