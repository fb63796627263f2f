"""PocketSphinx backend: stock en-us acoustic model, domain language models, one decoder.

The dictionary and language models come from :mod:`.models` (built once, cached); here
one decoder, one acoustic model load, one named search per vocabulary
(``Decoder.add_lm_file``); :meth:`PocketSphinxRecognizer.use` switches with ``activate_search``.
The audio arrives clean: noise suppression is a front-end stage in front of every
backend (:mod:`voice_guide.audio.frontend`).

Per-utterance independence: PocketSphinx's live cepstral mean normalisation (CMN)
carries the mean of the previous utterance into the next one, so the same audio can
decode differently depending on what came before. Here every utterance starts from
the same state: its CMN is estimated from its own first ``cmn_prefix_ms`` of audio
(two feature-only passes over that prefix, solved exactly for the mean -- see
:meth:`PocketSphinxRecognizer._estimate_cmn`), then decoding streams as usual.

What ``confidence`` means here: see :func:`.confidence.confidence_from_features`.
The measurements behind every default are in docs/tuning.md.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import RecognizerBase, Transcript
from voice_guide.stt.pocketsphinx.confidence import (
    FILLER_WORDS,
    FRAME_LENGTH_SAMPLES,
    NBEST_SCORE_SCALE,
    UtteranceFeatures,
    base_word,
    confidence_from_features,
    is_silent,
    log_score,
    speech_frames,
)
from voice_guide.stt.pocketsphinx.models import DomainModels, ModelSettings, model_paths

_LOGGER = logging.getLogger(__name__)

_PROBE_SEARCH = "_voice_guide_cmn_probe"
_PROBE_GRAMMAR = "#JSGF V1.0;\ngrammar probe;\npublic <s> = a;\n"


@dataclass(frozen=True)
class PocketSphinxSettings:
    """Tunable knobs of the PocketSphinx backend (defaults are the measured ones: docs/tuning.md)."""

    background_words: int = 3000
    """How many generic English words (most frequent in the stock LM) form the background."""

    background_weight: float = 0.2
    """Share of the unigram probability given to background words (0 disables them)."""

    lm_order: int = 3
    """n-gram order of the domain models."""

    cmn_prefix_ms: float = 800.0
    """Audio used to estimate each utterance's cepstral mean before decoding starts."""

    speech_above_noise_db: float | None = None
    """The confidence's speech detector also wants a frame this far above the utterance's noise level
    (:func:`.confidence.speech_frames`; None: off)."""

    nbest_size: int = 5
    """How many distinct alternatives to return."""

    language_weight: float = 7.0
    """PocketSphinx ``lw`` (stock 6.5): 7 beat 9 on the dev set, clean and in kitchen noise (docs/recognition.md)."""

    word_insertion_penalty: float = 0.65
    """PocketSphinx ``wip``."""

    noise_floor_lsb: float = 64.0
    """Standard deviation (16-bit steps; 64 is about -54 dBFS) of a fixed, seeded Gaussian
    noise floor added to the decoder's input (0 disables it). Why: synthetic speech has
    digital silence the acoustic model never saw; a microphone-like floor fixes that and
    changes little for real recordings (see :meth:`PocketSphinxRecognizer._condition`)."""

    noise_floor_mode: str = "all"
    """``"all"``: noise on every sample (dither); ``"zeros"``: only on exact-zero samples."""

    remove_noise: bool = False
    """PocketSphinx ``remove_noise``. Off: its estimate carries over between utterances and
    it made no difference with the fixed noise floor."""

    second_pass: bool = False
    """PocketSphinx ``fwdflat``. Off: no accuracy difference, ~70 ms more per 3 s of audio."""

    beam: float | None = None
    """PocketSphinx ``beam`` (None: the stock 1e-48)."""

    word_beam: float | None = None
    """PocketSphinx ``wbeam`` (None: the stock 7e-29)."""

    vtln_warp: float = 1.0
    """Frequency warping factor (PocketSphinx ``warp_type=inverse_linear``); 1.0 is off."""

    topn: int | None = None
    """PocketSphinx ``topn``: Gaussians scored per mixture of the (PTM) acoustic model (None: the stock 4)."""

    mllr_path: str | None = None
    """An MLLR transform of the stock acoustic model's means (PocketSphinx ``mllr``; None: the stock
    model as it is). Built by ``scripts/adapt_acoustic_model.py``; measured in docs/real-speech.md."""

    def model_settings(self) -> ModelSettings:
        """The part that changes the built files."""
        return ModelSettings(self.background_words, self.background_weight, self.lm_order)

    def decoder_extras(self) -> dict[str, object]:
        """Decoder arguments beyond the always-set ones (only those that differ from stock)."""
        extras: dict[str, object] = {}
        if self.beam is not None:
            extras["beam"] = self.beam
        if self.word_beam is not None:
            extras["wbeam"] = self.word_beam
        if self.topn is not None:
            extras["topn"] = self.topn
        if self.mllr_path is not None:
            extras["mllr"] = self.mllr_path
        if self.vtln_warp != 1.0:
            extras["warp_type"] = "inverse_linear"
            extras["warp_params"] = f"{self.vtln_warp:g}"
        return extras


class PocketSphinxRecognizer(RecognizerBase):
    """A PocketSphinx decoder with one named n-gram search per vocabulary."""

    backend = "pocketsphinx"

    def __init__(self, models: DomainModels, settings: PocketSphinxSettings | None = None) -> None:
        super().__init__(models.lm_paths.keys())
        import pocketsphinx

        self.models = models
        """The dictionary and LM files in use."""
        settings = settings or PocketSphinxSettings()
        self.settings = settings
        """The settings it was built with."""
        hmm, _, _ = model_paths()
        if not hmm.is_dir():
            raise RecognizerError(f"the PocketSphinx acoustic model is missing: {hmm}")
        try:
            self._decoder = pocketsphinx.Decoder(
                hmm=str(hmm),
                dict=str(models.dict_path),
                lm=None,
                lw=settings.language_weight,
                wip=settings.word_insertion_penalty,
                bestpath=True,
                fwdflat=settings.second_pass,
                loglevel="FATAL",
                **settings.decoder_extras(),
            )
            # The acoustic model's feat.params wins over constructor arguments: set it afterwards.
            if bool(self._decoder.config["remove_noise"]) != settings.remove_noise:
                self._decoder.config["remove_noise"] = settings.remove_noise
                self._decoder.reinit_feat()
            for name, path in models.lm_paths.items():
                self._decoder.add_lm_file(name, str(path))
            # A one-word grammar: the cheapest search to run the CMN estimation passes under.
            self._decoder.add_jsgf_string(_PROBE_SEARCH, _PROBE_GRAMMAR)
        except (RuntimeError, ValueError, KeyError) as err:
            raise RecognizerError(f"PocketSphinx could not load the models in {models.directory}: {err}") from None
        self._ceplen = int(self._decoder.config["ceplen"])
        self._initial_cmn = self._decoder.get_cmn()
        self._prefix_samples = int(SAMPLE_RATE_HZ * settings.cmn_prefix_ms / 1000.0)
        self._pending: list[bytes] = []
        self._pending_samples = 0
        self._utterance: list[bytes] = []
        self._decoding = False
        self._position = 0
        self._noise = _noise_table() if settings.noise_floor_lsb > 0 else None
        self.last_features: UtteranceFeatures | None = None
        """The decoder's evidence behind the last transcript (for logging and tuning)."""
        self._activate(self.active_vocabulary)
        if models.guessed_words:
            _LOGGER.info("pronunciations guessed for: %s", ", ".join(models.guessed_words))

    # --- public extras -------------------------------------------------------------

    def guessed_words(self) -> tuple[str, ...]:
        """Words whose pronunciation had to be guessed (espeak-ng), over all vocabularies."""
        return self.models.guessed_words

    def pronunciation(self, word: str) -> str | None:
        """The phones the decoder uses for ``word`` (first variant), or None if unknown."""
        return self._decoder.lookup_word(word)

    # --- engine hooks --------------------------------------------------------------

    def _activate(self, name: str) -> None:
        try:
            self._decoder.activate_search(name)
        except KeyError:
            raise RecognizerError(f"PocketSphinx has no search named {name!r}") from None

    def _start(self) -> None:
        if self._decoding:
            self._decoder.end_utt()
        self._pending = []
        self._pending_samples = 0
        self._utterance = []
        self._decoding = False
        self._position = 0
        self.last_features = None

    def _condition(self, pcm: bytes) -> bytes:
        """The decoder's copy of a chunk: with the noise floor added (when enabled).

        The noise is a fixed table indexed by the sample's position in the utterance, so
        the same audio always gets the same noise, whatever the chunking."""
        start = self._position
        n = len(pcm) // SAMPLE_WIDTH_BYTES
        self._position += n
        if self._noise is None:
            return pcm
        samples = np.frombuffer(pcm, dtype="<i2")
        idx = (start + np.arange(n)) % self._noise.size
        noise = self._noise[idx] * self.settings.noise_floor_lsb
        if self.settings.noise_floor_mode == "zeros":
            noise = np.where(samples == 0, noise, 0.0)
        out = np.clip(np.rint(samples + noise), -32768, 32767).astype("<i2")
        return out.tobytes()

    def _accept(self, pcm: bytes) -> None:
        """The chunk into the noise floor, the CMN prefix and the decoder."""
        self._utterance.append(pcm)
        pcm = self._condition(pcm)
        if self._decoding:
            self._decoder.process_raw(pcm, False, False)
            return
        self._pending.append(pcm)
        self._pending_samples += len(pcm) // SAMPLE_WIDTH_BYTES
        if self._pending_samples >= self._prefix_samples:
            self._begin_decoding()

    def _begin_decoding(self) -> None:
        prefix = b"".join(self._pending)
        self._pending = []
        cmn = self._estimate_cmn(prefix)
        self._decoder.start_utt()
        # Always set it: the live mean left by the previous utterance must not leak in.
        self._decoder.set_cmn(cmn if cmn is not None else self._initial_cmn)
        self._decoding = True
        self._decoder.process_raw(prefix, False, False)

    def _estimate_cmn(self, prefix: bytes) -> str | None:
        """The cepstral mean of ``prefix`` alone, as PocketSphinx's comma-separated string.

        ``set_cmn`` gives the live estimator a prior worth a fixed number of frames W, so
        after n frames with sum S its mean is (W*prior + S) / (W + n). Two feature-only
        passes over the prefix (under a one-word grammar, the cheapest search) with priors
        0 and K*e0 give m0 = S/(W+n) and m1 = m0 + W*K*e0/(W+n),
        hence W+n and S exactly, without knowing W or n (silent frames are skipped by
        PocketSphinx, so n is not simply the frame count).
        """
        if len(prefix) < 2 * FRAME_LENGTH_SAMPLES:
            return None
        d = self._decoder
        d.activate_search(_PROBE_SEARCH)
        zero = ",".join(["0"] * self._ceplen)
        offset = 100.0
        probe = ",".join([str(offset)] + ["0"] * (self._ceplen - 1))
        means = []
        for prior in (zero, probe):
            d.start_utt()
            d.set_cmn(prior)
            d.process_raw(prefix, True, False)
            means.append([float(x) for x in d.get_cmn(True).split(",")])
            d.end_utt()
        d.activate_search(self.active_vocabulary)
        m0, m1 = means
        delta = m1[0] - m0[0]
        if delta <= 0:
            return None
        # delta = W*K/(W+n), so the data's share of the estimate is n/(W+n) = 1 - delta/K
        # and the data's own mean is S/n = m0 / (n/(W+n)).
        share_of_data = 1.0 - delta / offset
        if share_of_data <= 1e-3:
            return None
        mean = [x / share_of_data for x in m0]
        return ",".join(f"{x:.4f}" for x in mean)

    def _finish(self) -> Transcript:
        d = self._decoder
        if not self._decoding:
            if self._pending_samples == 0 or is_silent(b"".join(self._utterance)):
                self._pending = []
                self._utterance = []
                return self._empty()
            self._begin_decoding()
        self._decoding = False
        d.end_utt()
        return self._transcript()

    def _transcript(self) -> Transcript:
        d = self._decoder
        hyp = d.hyp()
        if hyp is None or not hyp.hypstr.strip():
            return self._empty()
        domain = self.models.domain_words[self.active_vocabulary]
        audio = b"".join(self._utterance)
        self._utterance = []
        if is_silent(audio):
            return self._empty()
        speech = speech_frames(audio, above_noise_db=self.settings.speech_above_noise_db)
        words: list[str] = []
        posteriors: list[float] = []
        background_frames = 0
        word_frames = 0
        covered = 0
        for seg in d.seg():
            word = base_word(seg.word)
            if word in FILLER_WORDS or word.startswith("[") or word.startswith("+"):
                continue
            frames = seg.end_frame - seg.start_frame + 1
            words.append(word)
            posteriors.append(max(0.0, min(1.0, seg.prob)))
            word_frames += frames
            covered += int(speech[seg.start_frame : seg.end_frame + 1].sum())
            if word not in domain:
                background_frames += frames
        features = UtteranceFeatures(
            words=tuple(words),
            background_frames=background_frames,
            word_frames=word_frames,
            word_posteriors=tuple(posteriors),
            sentence_posterior=float(hyp.prob),
            n_frames=int(d.n_frames()),
            speech_frames=int(speech.sum()),
            covered_speech_frames=covered,
        )
        self.last_features = features
        confidence = confidence_from_features(features)
        text = " ".join(words)
        alternatives = self._alternatives(text, confidence)
        return Transcript(text, confidence, alternatives, self.backend, self._duration_ms)

    def _alternatives(self, best_text: str, best_confidence: float) -> tuple[tuple[str, float], ...]:
        """Up to ``nbest_size`` distinct texts from the N-best list, best first.

        The best hypothesis keeps its confidence; another one gets
        ``best * exp(-(score gap) / NBEST_SCORE_SCALE) * (share of its words in the domain)**2``,
        the score gap being in PocketSphinx log units (base 1.0001) between the
        N-best path scores.
        """
        out: list[tuple[str, float]] = [(best_text, best_confidence)]
        if self.settings.nbest_size <= 1:
            return tuple(out)
        domain = self.models.domain_words[self.active_vocabulary]
        seen = {best_text}
        top_score: float | None = None
        try:
            for i, hyp in enumerate(self._decoder.nbest()):
                if i >= 4 * self.settings.nbest_size or len(out) >= self.settings.nbest_size:
                    break
                if hyp is None:
                    continue
                raw = log_score(hyp.score)
                if top_score is None:
                    top_score = raw
                words = [base_word(w) for w in hyp.hypstr.split()]
                words = [w for w in words if w not in FILLER_WORDS]
                text = " ".join(words)
                if not text or text in seen:
                    continue
                seen.add(text)
                in_domain = sum(1 for w in words if w in domain) / len(words)
                gap = max(0.0, top_score - raw)
                out.append((text, best_confidence * math.exp(-gap / NBEST_SCORE_SCALE) * in_domain**2))
        except (RuntimeError, ValueError):
            pass
        return tuple(out)


_NOISE_TABLE_SAMPLES = 1 << 16


def _noise_table() -> np.ndarray:
    """A fixed standard-normal noise sequence (seeded; 4.1 s at 16 kHz), built once per process (:mod:`.dither`
    keeps it)."""
    from voice_guide.stt.pocketsphinx.dither import standard_normal

    return standard_normal(20240611, _NOISE_TABLE_SAMPLES)


__all__ = ["NBEST_SCORE_SCALE", "PocketSphinxRecognizer", "PocketSphinxSettings"]
