"""PocketSphinx with a grammar search: a finite-state grammar instead of the n-gram model for a vocabulary.

A grammar pack (:mod:`voice_guide.nlu.grammar`) can be written as a compact finite-state
grammar (:meth:`~voice_guide.nlu.grammar.GrammarMatcher.to_fsg`); decoding against it only lets
sentences of the grammar through, which is what a closed command set wants (the n-gram
model, trained on sample sentences, also lets through word sequences no template allows).
Everything else (dictionary, noise floor, CMN, confidence, n-best) is the n-gram backend's:
this class only replaces the named searches, with their own decoder settings
(:class:`GrammarSearchSettings`). :func:`load_grammar_recognizer` puts the noise front end in
front of it (:data:`GRAMMAR_DENOISE`), as :func:`voice_guide.stt.load_recognizer` does for the
other backends.

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
from dataclasses import dataclass, fields
from pathlib import Path

from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer, make_denoiser
from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary
from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, PocketSphinxSettings
from voice_guide.stt.pocketsphinx.models import DomainModels, build_domain_models

_LOGGER = logging.getLogger(__name__)

GRAMMAR_DENOISE = DenoiseSettings(engine="auto", auto_engine="rnnoise", auto_dbfs=-44.0)
"""The noise front end of the grammar recognizer: RNNoise on utterances whose first 800 ms
have a noise floor above -44 dBFS. Measured on the coffee benchmark's tuning recordings
(docs/real-speech.md): RNNoise took 6 dB kitchen noise from 41 to 79 % and 12 dB from 76 to
81 %, but cost 3 points at 18 dB; -44 dBFS is the median floor of the 15 dB mixes (the
front end's general -38 dBFS left the 12 dB mixes undenoised)."""

FsgSpec = tuple[int, int, list[tuple[int, int, float, "str | None"]]]
"""``(start state, final state, transitions (from, to, probability, word or None))``."""


@dataclass(frozen=True)
class GrammarSearchSettings:
    """Decoder settings of the grammar searches (PocketSphinx reads them when a search is made,
    so they apply to the finite-state grammars only; the n-gram searches keep theirs).
    None keeps the decoder's value. Measured on the coffee benchmark: docs/real-speech.md."""

    lw: float | None = None
    """Language weight: how much the grammar's transition probabilities count against the acoustics."""

    wip: float | None = None
    """Word insertion penalty."""

    pip: float | None = None
    """Phone insertion penalty (stock 1.0)."""

    beam: float | None = None
    """Main pruning beam (stock 1e-48)."""

    wbeam: float | None = None
    """Word-exit beam (stock 7e-29)."""

    pbeam: float | None = None
    """Phone-transition beam (stock 1e-48)."""

    fillprob: float | None = None
    """Probability of a filler (noise) word between two words (stock 1e-8)."""

    silprob: float | None = None
    """Probability of silence between two words (stock 0.005)."""

    def decoder_values(self) -> dict[str, float]:
        """The values to set on the decoder's configuration (those not None)."""
        return {f.name: float(v) for f in fields(self) if (v := getattr(self, f.name)) is not None}


DEFAULT_GRAMMAR_SEARCH = GrammarSearchSettings()
"""What the engine's grammar recognizer uses."""


class GrammarPocketSphinxRecognizer(PocketSphinxRecognizer):
    """A PocketSphinx decoder whose searches named in ``grammars`` decode against finite-state grammars."""

    backend = "pocketsphinx-grammar"

    def __init__(
        self,
        models: DomainModels,
        grammars: Mapping[str, FsgSpec],
        settings: PocketSphinxSettings = PocketSphinxSettings(),
        search: GrammarSearchSettings = DEFAULT_GRAMMAR_SEARCH,
    ) -> None:
        super().__init__(models, settings)
        self.search_settings = search
        """The grammar searches' decoder settings."""
        unknown = sorted(set(grammars) - set(models.lm_paths))
        if unknown:
            raise RecognizerError(f"grammar for unknown vocabularies: {', '.join(unknown)}")
        config = self._decoder.config
        saved = {key: config[key] for key in search.decoder_values()}
        for key, value in search.decoder_values().items():
            config[key] = value
        for name, (start, final, transitions) in grammars.items():
            try:
                arcs = [(a, b, p) if w is None else (a, b, p, w) for a, b, p, w in transitions]  # None: a null arc
                fsg = self._decoder.create_fsg(name, start, final, arcs)
                self._decoder.add_fsg(name, fsg)  # replaces the n-gram search of that name
            except (RuntimeError, ValueError) as err:
                raise RecognizerError(f"PocketSphinx could not load the grammar for {name!r}: {err}") from None
        for key, value in saved.items():
            config[key] = value
        self._activate(self.active_vocabulary)


def load_grammar_recognizer(
    vocabularies: Sequence[DomainVocabulary],
    grammars: Mapping[str, FsgSpec],
    *,
    cache_dir: Path | None = None,
    settings: PocketSphinxSettings = PocketSphinxSettings(),
    search: GrammarSearchSettings = DEFAULT_GRAMMAR_SEARCH,
    denoise: DenoiseSettings | None = None,
) -> FrontEndRecognizer:
    """Build (or find cached) dictionary and models for ``vocabularies`` and a recognizer whose
    searches in ``grammars`` decode against those finite-state grammars, behind the noise front
    end ``denoise`` (default: :data:`GRAMMAR_DENOISE`). Every word of a grammar must be in the
    vocabularies' sentences (the dictionary is built from them). The backend is ``.inner``."""
    models = build_domain_models(vocabularies, cache_dir, settings.model_settings())
    inner = GrammarPocketSphinxRecognizer(models, grammars, settings, search)
    return FrontEndRecognizer(inner, make_denoiser(denoise or GRAMMAR_DENOISE))
