"""PocketSphinx with a grammar search: a finite-state grammar instead of the n-gram model for a vocabulary.

A grammar pack (:mod:`voice_guide.nlu.grammar`) can be written as a compact finite-state
grammar (:meth:`~voice_guide.nlu.grammar.GrammarMatcher.to_fsg`); decoding against it only lets
sentences of the grammar through, which is what a closed command set wants (the n-gram
model, trained on sample sentences, also lets through word sequences no template allows).
Everything else (dictionary, noise floor, denoising, CMN, confidence, n-best) is the
n-gram backend's: this class only replaces the named searches.

The engine (:class:`voice_guide.engine.QAPipeline`) uses it for grammar-only packs with the
``pocketsphinx`` backend. It is not in :mod:`voice_guide.stt.registry` (not our file); to offer
it there as a backend, the registry would add, next to ``"pocketsphinx"``::

    if name == "pocketsphinx-grammar":
        from voice_guide.stt.pocketsphinx.grammar_backend import load_grammar_recognizer
        return load_grammar_recognizer(vocabularies, grammars, cache_dir=cache_dir)

with ``grammars`` (vocabulary name -> ``GrammarMatcher.to_fsg()``) passed by the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary
from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, PocketSphinxSettings
from voice_guide.stt.pocketsphinx.models import DomainModels, build_domain_models

_LOGGER = logging.getLogger(__name__)

FsgSpec = tuple[int, int, list[tuple[int, int, float, "str | None"]]]
"""``(start state, final state, transitions (from, to, probability, word or None))``."""


class GrammarPocketSphinxRecognizer(PocketSphinxRecognizer):
    """A PocketSphinx decoder whose searches named in ``grammars`` decode against finite-state grammars."""

    backend = "pocketsphinx-grammar"

    def __init__(
        self,
        models: DomainModels,
        grammars: Mapping[str, FsgSpec],
        settings: PocketSphinxSettings = PocketSphinxSettings(),
    ) -> None:
        super().__init__(models, settings)
        unknown = sorted(set(grammars) - set(models.lm_paths))
        if unknown:
            raise RecognizerError(f"grammar for unknown vocabularies: {', '.join(unknown)}")
        for name, (start, final, transitions) in grammars.items():
            try:
                arcs = [(a, b, p) if w is None else (a, b, p, w) for a, b, p, w in transitions]  # None: a null arc
                fsg = self._decoder.create_fsg(name, start, final, arcs)
                self._decoder.add_fsg(name, fsg)  # replaces the n-gram search of that name
            except (RuntimeError, ValueError) as err:
                raise RecognizerError(f"PocketSphinx could not load the grammar for {name!r}: {err}") from None
        self._activate(self.active_vocabulary)


def load_grammar_recognizer(
    vocabularies: Sequence[DomainVocabulary],
    grammars: Mapping[str, FsgSpec],
    *,
    cache_dir: Path | None = None,
    settings: PocketSphinxSettings = PocketSphinxSettings(),
) -> GrammarPocketSphinxRecognizer:
    """Build (or find cached) dictionary and models for ``vocabularies`` and a recognizer whose
    searches in ``grammars`` decode against those finite-state grammars. Every word of a grammar must
    be in the vocabularies' sentences (the dictionary is built from them)."""
    models = build_domain_models(vocabularies, cache_dir, settings.model_settings())
    return GrammarPocketSphinxRecognizer(models, grammars, settings)
