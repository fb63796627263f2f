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
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from voice_guide.audio.denoise import AutoDenoiser, Denoiser
from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer, make_denoiser
from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary, Transcript
from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer, PocketSphinxSettings
from voice_guide.stt.pocketsphinx.confidence import FILLER_WORDS, NBEST_SCORE_SCALE, base_word, log_score
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

    bestpath: bool | None = None
    """PocketSphinx ``bestpath`` for the grammar searches: the best path through the word lattice
    (True, the decoder-wide setting) or the grammar search's own Viterbi result, which ends in
    the grammar's final state whenever a path there survived (False)."""

    nbest_distinct: int = 20
    """How many alternatives that differ in more than "a"/"an" to return (the n-gram backend's 5
    were mostly the best sentence with "a" and "an" swapped; 10 were often half partial paths,
    "... with sweetener and", which crowd the grammar sentences of the consensus out: 20 gained
    2 of 189 tuning runs, lost none, docs/real-speech.md "Tenth round")."""

    nbest_scan: int = 120
    """How many n-best paths to read at most to find them."""

    retry_raw: bool = True
    """Decode the original audio again when the denoised audio gave nothing (:class:`GrammarFrontEnd`)."""

    second_beams: tuple[float, float, float] | None = None
    """``(beam, wbeam, pbeam)`` of a second grammar search over the same utterance, run only when
    the first is unsure (:attr:`second_below`); None: never (docs/real-speech.md, "Twelfth round")."""

    second_below: float = 0.0
    """Decode again with :attr:`second_beams` when the best hypothesis holds less than this share
    of its n-best list's weight (each alternative weighing ``(confidence / best) ** 2``)."""

    def decoder_values(self) -> dict[str, float | bool]:
        """The values to set on the decoder's configuration (those not None)."""
        return {f.name: (bool(v) if f.name == "bestpath" else float(v)) for f in fields(self)
                if f.name not in _NOT_DECODER and (v := getattr(self, f.name)) is not None}


_NOT_DECODER = frozenset({"nbest_distinct", "nbest_scan", "retry_raw", "second_beams", "second_below"})

_SECOND_SUFFIX = "#second"
"""The name of a grammar search's second (wider) search: the vocabulary name plus this."""

DEFAULT_GRAMMAR_SEARCH = GrammarSearchSettings()
"""What the engine's grammar recognizer uses (measured on the coffee benchmark: docs/real-speech.md)."""


class GrammarPocketSphinxRecognizer(PocketSphinxRecognizer):
    """A PocketSphinx decoder whose searches named in ``grammars`` decode against finite-state grammars."""

    backend = "pocketsphinx-grammar"

    def __init__(
        self,
        models: DomainModels,
        grammars: Mapping[str, FsgSpec],
        settings: PocketSphinxSettings = PocketSphinxSettings(),
        search: GrammarSearchSettings = DEFAULT_GRAMMAR_SEARCH,
        bias: Mapping[str, Mapping[str, float]] | None = None,
    ) -> None:
        super().__init__(models, settings)
        self.search_settings = search
        """The grammar searches' decoder settings."""
        self.phrase_weights: dict[tuple[str, ...], float] = {
            tuple(phrase.split()): float(w) for values in (bias or {}).values() for phrase, w in values.items()
            if phrase.split() and float(w) > 0 and float(w) != 1.0}
        """Phrase (words) -> weight that multiplies the confidence of every n-best hypothesis
        saying it (the pack's ``decoder_bias``, see :meth:`_weighed`)."""
        unknown = sorted(set(grammars) - set(models.lm_paths))
        if unknown:
            raise RecognizerError(f"grammar for unknown vocabularies: {', '.join(unknown)}")
        self._add_searches(grammars, search.decoder_values(), "")
        if search.second_beams is not None:
            beam, wbeam, pbeam = search.second_beams
            wide = search.decoder_values() | {"beam": float(beam), "wbeam": float(wbeam), "pbeam": float(pbeam)}
            self._add_searches(grammars, wide, _SECOND_SUFFIX)
        self._second: dict[str, str] = {n: n + _SECOND_SUFFIX for n in grammars} if search.second_beams else {}
        """Vocabulary -> its second (wider) grammar search."""
        self._search_now: str | None = None
        """The search a second pass decodes with (None: the active vocabulary's)."""
        self.decoded_twice = False
        """Whether the last utterance was decoded a second time with the wider search."""
        self._activate(self.active_vocabulary)

    def _add_searches(self, grammars: Mapping[str, FsgSpec], values: Mapping[str, float | bool], suffix: str) -> None:
        """One finite-state grammar search per grammar, named vocabulary + ``suffix``, made with
        the decoder settings ``values`` (PocketSphinx reads them when a search is made)."""
        config = self._decoder.config
        saved = {key: config[key] for key in values}
        for key, value in values.items():
            config[key] = value
        try:
            for name, (start, final, transitions) in grammars.items():
                arcs = [(a, b, p) if w is None else (a, b, p, w) for a, b, p, w in transitions]  # None: a null arc
                fsg = self._decoder.create_fsg(name + suffix, start, final, arcs)
                self._decoder.add_fsg(name + suffix, fsg)  # without suffix: replaces the n-gram search
        except (RuntimeError, ValueError) as err:
            raise RecognizerError(f"PocketSphinx could not load the grammar for {name!r}: {err}") from None
        finally:
            for key, value in saved.items():
                config[key] = value

    def _start(self) -> None:
        self.decoded_twice = False
        super()._start()

    def _estimate_cmn(self, prefix: bytes) -> str | None:
        cmn = super()._estimate_cmn(prefix)  # runs under its probe search, then re-activates the vocabulary's
        if self._search_now is not None:
            self._decoder.activate_search(self._search_now)
        return cmn

    def _finish(self) -> Transcript:
        """The utterance's transcript; decoded again with the wider search when the first is
        unsure (:attr:`GrammarSearchSettings.second_below`), and then the second's if it heard anything."""
        audio = list(self._utterance)
        heard = super()._finish()
        second = self._second.get(self.active_vocabulary)
        if second is None or not audio or not heard.text or nbest_share(heard) >= self.search_settings.second_below:
            return heard
        again = self._decode_with(second, audio)
        self.decoded_twice = True
        return again if again.text else heard

    def _decode_with(self, search: str, audio: list[bytes]) -> Transcript:
        """``audio`` (the utterance as it came in) decoded once more with the search ``search``."""
        super()._start()
        self._search_now = search
        try:
            self._decoder.activate_search(search)
            for pcm in audio:
                self._accept(pcm)
            return super()._finish()
        finally:
            self._search_now = None
            self._decoder.activate_search(self.active_vocabulary)

    def _transcript(self) -> Transcript:
        """The backend's transcript with single spaces (a grammar's null transitions come out of
        the search as empty words when ``bestpath`` is off), its n-best list weighed by
        :attr:`phrase_weights` (:meth:`_weighed`)."""
        heard = super()._transcript()
        text = " ".join(heard.text.split())
        if text != heard.text:
            alternatives = tuple((" ".join(t.split()), c) for t, c in heard.alternatives)
            heard = replace(heard, text=text, alternatives=alternatives)
        return self._weighed(heard)

    def _weighed(self, heard: Transcript) -> Transcript:
        """``heard`` with each alternative's confidence times the weights of the phrases it says,
        re-sorted, scaled so that the first keeps the transcript's confidence; the transcript's
        text becomes the new first. A weight w moves an alternative as much as a path-score gap of
        ``NBEST_SCORE_SCALE * ln(w)`` (the grammar's own transition weights barely move the
        search: the acoustic scores dwarf them). Measured on the coffee benchmark: docs/real-speech.md."""
        if not self.phrase_weights or len(heard.alternatives) < 2:
            return heard
        weighed = [(t, c * self._weight(t)) for t, c in heard.alternatives]
        weighed.sort(key=lambda tc: -tc[1])  # stable: ties keep the decoder's order
        top = max(weighed[0][1], 1e-12)
        alternatives = tuple((t, heard.confidence * c / top) for t, c in weighed)
        return replace(heard, text=alternatives[0][0], alternatives=alternatives)

    def _weight(self, text: str) -> float:
        """The product of the weights of the phrases ``text`` says (whole words)."""
        words = tuple(text.split())
        weight = 1.0
        for phrase, w in self.phrase_weights.items():
            n = len(phrase)
            if any(words[i : i + n] == phrase for i in range(len(words) - n + 1)):
                weight *= w
        return weight

    def _alternatives(self, best_text: str, best_confidence: float) -> tuple[tuple[str, float], ...]:
        """Up to ``nbest_distinct`` alternatives, best first, that differ in more than "a"/"an";
        each with the best hypothesis's confidence times ``exp(-(score gap) / NBEST_SCORE_SCALE)``
        (every word is in the grammar, so the n-gram backend's in-domain factor is 1)."""
        out: list[tuple[str, float]] = [(best_text, best_confidence)]
        seen = {_article_free(best_text)}
        top_score: float | None = None
        try:
            for i, hyp in enumerate(self._decoder.nbest()):
                if i >= self.search_settings.nbest_scan or len(out) >= self.search_settings.nbest_distinct:
                    break
                if hyp is None:
                    continue
                raw = log_score(hyp.score)
                top_score = raw if top_score is None else top_score
                text = " ".join(w for w in (base_word(x) for x in hyp.hypstr.split()) if w not in FILLER_WORDS)
                if not text or _article_free(text) in seen:
                    continue
                seen.add(_article_free(text))
                out.append((text, best_confidence * math.exp(-max(0.0, top_score - raw) / NBEST_SCORE_SCALE)))
        except (RuntimeError, ValueError):
            pass
        return tuple(out)


def nbest_share(heard: Transcript) -> float:
    """The share of the n-best list's weight that its first hypothesis holds, each alternative
    weighing ``(confidence / best confidence) ** 2`` (1.0 for a single hypothesis, 0.0 for none):
    low when close runner-ups say something else."""
    if not heard.alternatives:
        return 1.0 if heard.text else 0.0
    top = max(heard.alternatives[0][1], 1e-12)
    return 1.0 / sum((max(c, 0.0) / top) ** 2 for _t, c in heard.alternatives)


def _article_free(text: str) -> str:
    """``text`` with "an" read as "a" (the grammar allows both before every word)."""
    return " ".join("a" if w == "an" else w for w in text.split())


class GrammarFrontEnd(FrontEndRecognizer):
    """The noise front end of the grammar recognizer, with one retry: when the denoised
    utterance decodes to nothing, the original audio is decoded once more (RNNoise can take
    so much of a quiet voice that the grammar search keeps no path at all). The original audio
    of the utterance is kept for that (32 kB a second)."""

    def __init__(self, inner: GrammarPocketSphinxRecognizer, denoiser: Denoiser | AutoDenoiser | None, retry_raw: bool = True) -> None:
        super().__init__(inner, denoiser)
        self.retry_raw = retry_raw
        """Whether an empty denoised result is decoded again from the original audio."""
        self.retried = False
        """Whether the last utterance was decoded a second time."""
        self._raw: list[bytes] = []

    def start(self) -> None:
        self._raw = []
        self.retried = False
        super().start()

    def accept(self, pcm: bytes) -> None:
        if self.retry_raw and self.denoiser is not None:
            self._raw.append(pcm[: len(pcm) - len(pcm) % 2])
        super().accept(pcm)

    def finish(self) -> Transcript:
        heard = super().finish()
        raw, self._raw = self._raw, []
        if heard.text or not raw or self.denoised is False:
            return heard
        self.retried = True
        self.inner.start()
        for k in range(0, len(raw), 64):
            self.inner.accept(b"".join(raw[k : k + 64]))
        return self.inner.finish()


def load_grammar_recognizer(
    vocabularies: Sequence[DomainVocabulary],
    grammars: Mapping[str, FsgSpec],
    *,
    cache_dir: Path | None = None,
    settings: PocketSphinxSettings = PocketSphinxSettings(),
    search: GrammarSearchSettings = DEFAULT_GRAMMAR_SEARCH,
    denoise: DenoiseSettings | None = None,
    bias: Mapping[str, Mapping[str, float]] | None = None,
) -> FrontEndRecognizer:
    """Build (or find cached) dictionary and models for ``vocabularies`` and a recognizer whose
    searches in ``grammars`` decode against those finite-state grammars, behind the noise front
    end ``denoise`` (default: :data:`GRAMMAR_DENOISE`). Every word of a grammar must be in the
    vocabularies' sentences (the dictionary is built from them); ``bias`` is the pack's
    ``decoder_bias`` (list -> value -> weight), also applied to the n-best list. The backend is ``.inner``."""
    models = build_domain_models(vocabularies, cache_dir, settings.model_settings())
    inner = GrammarPocketSphinxRecognizer(models, grammars, settings, search, bias)
    return GrammarFrontEnd(inner, make_denoiser(denoise or GRAMMAR_DENOISE), retry_raw=search.retry_raw)
