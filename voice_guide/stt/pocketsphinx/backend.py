"""PocketSphinx backend: stock en-us acoustic model, domain language models, one decoder.

How it is built (:func:`build_domain_models`, cached on disk):

* one pronunciation dictionary holding only the words of every vocabulary plus a small
  generic *background* vocabulary (the ``background_words`` most frequent words of the
  stock en-us language model), pronunciations from the pack lexicon, the stock CMUdict
  or, as a reported guess, espeak-ng (see :mod:`.pronounce`);
* one ARPA trigram per vocabulary (:mod:`.lm`) from its sentences, with the background
  words mixed into the unigrams at ``background_weight``;
* one decoder, one acoustic model load, one named search per vocabulary
  (``Decoder.add_lm_file``); :meth:`use` switches with ``activate_search``.

Per-utterance independence: PocketSphinx's live cepstral mean normalisation (CMN)
carries the mean of the previous utterance into the next one, so the same audio can
decode differently depending on what came before. Here every utterance starts from
the same state: its CMN is estimated from its own first ``cmn_prefix_ms`` of audio
(two feature-only passes over that prefix, solved exactly for the mean -- see
:meth:`PocketSphinxRecognizer._estimate_cmn`), then decoding streams as usual.

What ``confidence`` means here: see :func:`confidence_from_features`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.core.errors import RecognizerError
from voice_guide.stt.base import DomainVocabulary, RecognizerBase, Transcript, check_vocabularies
from voice_guide.stt.pocketsphinx.lm import build_arpa
from voice_guide.stt.pocketsphinx.pronounce import build_pronunciations, read_cmu_lexicon

_LOGGER = logging.getLogger(__name__)

CACHE_FORMAT = "ps-domain-v1"
"""Bumped whenever the files written by :func:`build_domain_models` change meaning."""

_PROBE_SEARCH = "_voice_guide_cmn_probe"
_PROBE_GRAMMAR = "#JSGF V1.0;\ngrammar probe;\npublic <s> = a;\n"

_FILLER_WORDS = frozenset({"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]", "++NOISE++", "<unk>"})


@dataclass(frozen=True)
class PocketSphinxSettings:
    """Tunable knobs of the PocketSphinx backend (defaults are the measured ones)."""

    background_words: int = 3000
    """How many generic English words (most frequent in the stock LM) form the background."""

    background_weight: float = 0.2
    """Share of the unigram probability given to background words (0 disables them)."""

    lm_order: int = 3
    """n-gram order of the domain models."""

    cmn_prefix_ms: float = 800.0
    """Audio used to estimate each utterance's cepstral mean before decoding starts."""

    nbest_size: int = 5
    """How many distinct alternatives to return."""

    language_weight: float = 9.0
    """PocketSphinx ``lw`` (stock 6.5): a stronger domain model helped the synthetic voices (measured)."""

    word_insertion_penalty: float = 0.65
    """PocketSphinx ``wip``."""

    noise_floor_lsb: float = 64.0
    """Standard deviation (in 16-bit steps; 64 is about -54 dBFS) of a fixed, seeded
    Gaussian noise floor added to the decoder's input (0 disables it). See
    :meth:`PocketSphinxRecognizer._condition`.

    Why: the acoustic model was trained on recorded speech, which always has a noise
    floor. Synthetic speech has none (espeak-ng output is ~20 % exact digital zeros, and
    its quiet stretches are far below any microphone's floor), so its log filter-bank
    energies reach values the model never saw. A microphone-like floor fixes that; real
    recordings already sit above it, so it changes little for them. Filling only the
    exact-zero samples was *not* enough (table below): the floor under the speech matters.

    Tuning set (``scripts/tune_asr.py``: 67 topic samples + 3 phrases per control intent +
    25 safety samples, held out of the language model, and 36 self-written out-of-domain
    questions; espeak-ng en-us / en-gb+f3, flite slt [/ rms]; in-domain accuracy / OOD
    false accepts; MIN_ASR_CONFIDENCE 0.3 unless noted):

    ======================================  =====  ======  ======  =====  =====  ======
    variant                                 in     ood_fa  en-us   gb+f3  slt    rms
    ======================================  =====  ======  ======  =====  =====  ======
    no floor (before)                       0.400  0.083   0.31    0.16   0.73   (0.78)
    floor 1 / 4 / 16 LSB (4: 4 voices)      --     --      0.40    0.22   0.77   0.79
    zeros only, 4 / 64 / 256 LSB            0.447  0.120   0.37    0.24   0.73
    floor 8 LSB                             0.524  0.157   0.53    0.32   0.72
    floor 32 LSB                            0.556  0.231   0.57    0.38   0.71
    floor 64 LSB (chosen)                   0.611  0.213   0.64    0.48   0.71
    floor 96 LSB                            0.618  0.222   0.66    0.49   0.71
    floor 128 LSB                           0.602  0.167   0.63    0.50   0.67
    floor 256 LSB                           0.562  0.250   0.59    0.49   0.61
    floor 64 + lw 12 / lw 7                 0.504  0.194 / 0.618  0.213  (no gain)
    floor 64 + background weight 0.1        0.609  0.222   (no gain)
    floor 64 + CMN prefix 1500 ms           0.596  0.213   (no gain)
    floor 64, remove_noise off              0.611  0.213   (same; deterministic)
    floor 64, 4 voices, min conf 0.4        0.628  0.132   0.64    0.43   0.71   0.73
    floor 64, 4 voices, min conf 0.5        0.617  0.083   0.63    0.41   0.71   0.71
    floor 64, 4 voices, min conf 0.6        0.577  0.069   0.56    0.37   0.68   0.69
    floor 96, 4 voices, min conf 0.5        0.600  0.097   0.63    0.44   0.65   0.67
    ======================================  =====  ======  ======  =====  =====  ======
    """

    noise_floor_mode: str = "all"
    """``"all"``: noise on every sample (dither); ``"zeros"``: only on exact-zero samples
    (fills digital silence, leaves real signal untouched)."""

    remove_noise: bool = False
    """PocketSphinx ``remove_noise`` (spectral noise subtraction; the acoustic model's
    ``feat.params`` turns it on and wins over constructor arguments, so it is set after
    loading). Off: its noise estimate carries over from one utterance to the next (the
    same audio scored differently after other audio), and with the fixed noise floor
    it made no difference to accuracy on the tuning set."""

    second_pass: bool = False
    """PocketSphinx ``fwdflat``: a second, flat-lexicon search at the end of the utterance.
    Off: it made no difference to accuracy on the domain models but cost ~70 ms per
    3 s of audio inside finish()."""

    denoise: str = "auto"
    """Noise suppression in front of everything else (see :mod:`voice_guide.audio.denoise`):
    ``"none"``, ``"webrtc"`` (WebRTC NS via webrtc-noise-gain), ``"rnnoise"`` (pyrnnoise)
    or ``"auto"`` (the default: ``denoise_auto_engine`` only on utterances whose first
    ``cmn_prefix_ms`` has a noise floor above ``denoise_auto_dbfs``, decided once before
    decoding starts; passes through, with a warning, when the engine is not installed).
    Applied in the streaming path, before the noise floor and the CMN estimate; only the
    engine's flush (one 10 ms frame or two) runs in finish().

    ``"auto"`` (threshold -38 dBFS; rows of the table below picked per clip by the
    decision, which reproduces the runs exactly: the output is either path's, byte for
    byte): clean 0.806 / 0.083 (0 of 48 clips denoised, and 0 of the 270 clips of the
    larger clean set, so identical to none there), white 20/10/5 0.639 / 0.528 / 0.444,
    pink 20/10/5 0.694 / 0.583 / 0.417, babble 20/10/5 0.556 / 0.222 / 0.111 (17, 48,
    48; 16, 48, 48; 0, 7, 13 of 48 denoised). No latency when off; when on, that of RNNoise.

    Plain RNNoise is not the default: it lifts white/pink noise a lot but costs clean accuracy
    (0.780 -> 0.740 on 59 in-domain x 3 voices, 12 OOD, same OOD false accepts); WebRTC
    keeps clean accuracy but gains less, and neither helps babble.
    ``scripts/tune_noise.py --max-knowledge 12 --max-safety 8 --per-intent 1 --sample 3
    --max-ood 4`` (12 in-domain + 4 OOD sentences held out of the LM, x espeak en-us,
    flite slt, rms; in-domain accuracy / OOD false accepts; small: one clip is 0.028):

    ==========  =============  =============  =============
    condition   none           webrtc (2)     rnnoise
    ==========  =============  =============  =============
    clean       0.806 / 0.083  0.806 / 0.000  0.750 / 0.083
    white 20    0.444 / 0.000  0.611 / 0.083  0.667 / 0.250
    white 10    0.056 / 0.000  0.250 / 0.000  0.528 / 0.250
    white 5     0.000 / 0.000  0.028 / 0.000  0.444 / 0.167
    pink 20     0.556 / 0.000  0.694 / 0.083  0.750 / 0.083
    pink 10     0.083 / 0.000  0.250 / 0.000  0.583 / 0.083
    pink 5      0.000 / 0.000  0.028 / 0.083  0.417 / 0.167
    babble 20   0.556 / 0.250  0.528 / 0.000  0.500 / 0.083
    babble 10   0.250 / 0.000  0.194 / 0.000  0.250 / 0.167
    babble 5    0.139 / 0.167  0.139 / 0.000  0.139 / 0.167
    ==========  =============  =============  =============

    Median finish(): 30.5 / 32.0 / 43.8 ms (loaded machine; RNNoise's flush pushes its
    21.5 ms lag through, and the decoder then has that much more audio to finish)."""

    denoise_level: int = 2
    """WebRTC noise suppression level (1-4; 0 passes the audio through its high-pass only)."""

    denoise_auto_dbfs: float = -38.0
    """``denoise="auto"``: the utterance goes through ``denoise_auto_engine`` when the noise
    floor of its first ``cmn_prefix_ms`` (:func:`voice_guide.audio.denoise.noise_floor_dbfs`)
    is above this. Measured on the tuning clips' first 800 ms: clean at most -41.4 dBFS
    (270 clips), white/pink 20 dB -44..-34, 10 dB -35..-24, 5 dB -29..-19."""

    denoise_auto_engine: str = "rnnoise"
    """The engine ``denoise="auto"`` switches on (``"rnnoise"`` or ``"webrtc"``)."""

    def cache_fields(self) -> dict[str, object]:
        """The settings that change the built files (part of the cache key)."""
        return {
            "background_words": self.background_words,
            "background_weight": self.background_weight,
            "lm_order": self.lm_order,
        }


@dataclass(frozen=True)
class DomainModels:
    """The files built for a set of vocabularies, and what building them found."""

    directory: Path
    """Cache folder holding the files."""

    dict_path: Path
    """The pruned pronunciation dictionary (all vocabularies + background words)."""

    lm_paths: dict[str, Path]
    """Vocabulary name -> ARPA file."""

    domain_words: dict[str, frozenset[str]]
    """Vocabulary name -> its own words (anything else decoded is a background word)."""

    guessed_words: tuple[str, ...]
    """Words whose pronunciation was guessed from espeak-ng."""

    missing_words: tuple[str, ...]
    """Words nothing could pronounce (left out of the models)."""

    cache_hit: bool
    """True when the files were found in the cache, False when built now."""

    build_ms: float
    """Time spent finding or building the files, in milliseconds."""


def model_paths() -> tuple[Path, Path, Path]:
    """(acoustic model dir, stock dictionary, stock LM) of the installed pocketsphinx package."""
    try:
        import pocketsphinx
    except ImportError:
        raise RecognizerError("pocketsphinx is not installed (pip install pocketsphinx)") from None
    root = Path(pocketsphinx.get_model_path()) / "en-us"
    return root / "en-us", root / "cmudict-en-us.dict", root / "en-us.lm.bin"


def default_cache_dir() -> Path:
    """``platformdirs.user_cache_dir("voice-guide")``."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("voice-guide"))


def background_vocabulary(count: int, stock_dict: Path, stock_lm: Path) -> dict[str, float]:
    """The ``count`` most frequent plain words of the stock en-us LM -> unigram probability.

    Only lower-case alphabetic words (apostrophes allowed) that the stock dictionary can
    pronounce are taken.
    """
    if count <= 0:
        return {}
    import pocketsphinx

    words = []
    with open(stock_dict, encoding="utf-8") as handle:
        for line in handle:
            head = line.split(" ", 1)[0]
            if "(" in head:
                continue
            if head.replace("'", "").isalpha() and head.isascii() and not head.startswith("'"):
                words.append(head)
    config = pocketsphinx.Config(hmm=None, lm=None, dict=None, loglevel="FATAL")
    logmath = pocketsphinx.LogMath()
    try:
        lm = pocketsphinx.NGramModel(config, logmath, str(stock_lm))
    except (ValueError, RuntimeError) as err:
        raise RecognizerError(f"cannot read the stock language model {stock_lm}: {err}") from None
    scored = []
    floor = logmath.get_zero() // 2
    for word in words:
        score = lm.prob([word])
        if score > floor:
            scored.append((score, word))
    scored.sort(reverse=True)
    return {word: logmath.exp(score) for score, word in scored[:count]}


def _file_digest(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as err:
        raise RecognizerError(f"cannot read lexicon {path}: {err.strerror or err}") from None


def _cache_key(vocabularies: Sequence[DomainVocabulary], settings: PocketSphinxSettings, stock_dict: Path) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ps_version = version("pocketsphinx")
    except PackageNotFoundError:
        ps_version = "?"
    stat = stock_dict.stat()
    payload = {
        "format": CACHE_FORMAT,
        "pocketsphinx": ps_version,
        "stock_dict": [str(stock_dict), stat.st_size, int(stat.st_mtime)],
        "settings": settings.cache_fields(),
        "vocabularies": [
            {"name": v.name, "sentences": list(v.sentences), "lexicon": _file_digest(v.lexicon_path)}
            for v in vocabularies
        ],
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def build_domain_models(
    vocabularies: Sequence[DomainVocabulary],
    cache_dir: Path | None = None,
    settings: PocketSphinxSettings = PocketSphinxSettings(),
) -> DomainModels:
    """Find (or build and cache) the dictionary and language models for ``vocabularies``."""
    started = time.perf_counter()
    check_vocabularies(vocabularies)
    _, stock_dict, stock_lm = model_paths()
    cache_root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = _cache_key(vocabularies, settings, stock_dict)
    target = cache_root / "pocketsphinx" / key[:24]
    manifest_path = target / "manifest.json"
    domain_words = {v.name: frozenset(v.words()) for v in vocabularies}
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            models = DomainModels(
                directory=target,
                dict_path=target / manifest["dict"],
                lm_paths={name: target / file for name, file in manifest["lms"].items()},
                domain_words=domain_words,
                guessed_words=tuple(manifest["guessed"]),
                missing_words=tuple(manifest["missing"]),
                cache_hit=True,
                build_ms=1000.0 * (time.perf_counter() - started),
            )
            if models.dict_path.is_file() and all(p.is_file() for p in models.lm_paths.values()):
                _LOGGER.debug("domain models found in cache %s", target)
                return models
        except (OSError, ValueError, KeyError) as err:
            _LOGGER.warning("ignoring unreadable cache entry %s: %s", target, err)

    all_words: dict[str, None] = {}
    for v in vocabularies:
        for word in v.words():
            all_words.setdefault(word, None)
    lexicons = list(dict.fromkeys(v.lexicon_path for v in vocabularies if v.lexicon_path is not None))
    pron = build_pronunciations(all_words, stock_dict, lexicons)
    background = background_vocabulary(settings.background_words, stock_dict, stock_lm)
    stock_bg = read_cmu_lexicon(stock_dict, set(background) - set(pron.entries))
    background = {w: p for w, p in background.items() if w in pron.entries or w in stock_bg}
    for word, prons in stock_bg.items():
        pron.entries[word] = prons
    pronounceable = set(pron.entries)

    cache_root.mkdir(parents=True, exist_ok=True)
    (cache_root / "pocketsphinx").mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key[:24]}.", dir=cache_root / "pocketsphinx"))
    try:
        (tmp / "domain.dict").write_text(pron.to_dict_text(), encoding="utf-8")
        lm_files: dict[str, str] = {}
        for index, v in enumerate(vocabularies):
            sentences = [[w for w in s if w in pronounceable] for s in v.tokenized()]
            arpa = build_arpa(
                [s for s in sentences if s],
                order=settings.lm_order,
                background=background,
                background_weight=settings.background_weight,
            )
            file = f"lm{index}.arpa"
            (tmp / file).write_text(arpa, encoding="utf-8")
            lm_files[v.name] = file
        manifest = {
            "format": CACHE_FORMAT,
            "dict": "domain.dict",
            "lms": lm_files,
            "guessed": pron.guessed,
            "missing": pron.missing,
            "from_lexicon": pron.from_lexicon,
            "background_words": len(background),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        try:
            os.replace(tmp, target)
        except OSError:
            # Another process built the same entry first (target exists and is not empty).
            if not (target / "manifest.json").is_file():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return DomainModels(
        directory=target,
        dict_path=target / "domain.dict",
        lm_paths={name: target / file for name, file in lm_files.items()},
        domain_words=domain_words,
        guessed_words=tuple(pron.guessed),
        missing_words=tuple(pron.missing),
        cache_hit=False,
        build_ms=1000.0 * (time.perf_counter() - started),
    )


@dataclass(frozen=True)
class UtteranceFeatures:
    """What the decoder said about one utterance, used to compute the confidence."""

    words: tuple[str, ...]
    """Hypothesis words (fillers removed, pronunciation variants folded)."""

    background_frames: int
    """Frames covered by words that are not in the active vocabulary."""

    word_frames: int
    """Frames covered by any word (fillers and silence excluded)."""

    word_posteriors: tuple[float, ...]
    """Lattice posterior of each hypothesis word (0..1)."""

    sentence_posterior: float
    """Posterior of the best path (``hyp().prob``)."""

    n_frames: int
    """Frames decoded."""

    speech_frames: int
    """Frames whose energy says speech (see :func:`speech_frames`)."""

    covered_speech_frames: int
    """Speech frames that fall inside a recognised word (not silence or filler)."""

    extra: dict[str, float] = field(default_factory=dict)
    """Anything else worth logging."""


def confidence_from_features(f: UtteranceFeatures) -> float:
    """Confidence in [0, 1] for one PocketSphinx utterance.

    ``domain_share**2 * coverage**2 * sqrt(mean_word_posterior)``, where

    * ``domain_share``: fraction of the word frames decoded as words of the active
      vocabulary. The language model also holds a few thousand common English words
      at a small weight; speech about something else decodes to them ("play some just
      music"), speech about the domain almost never does.
    * ``coverage``: fraction of the frames that an energy detector calls speech which
      lie inside recognised words. When the domain model cannot explain the audio,
      PocketSphinx tends to swallow whole stretches of speech as silence or filler.
    * ``mean_word_posterior``: the lattice posterior of each hypothesis word (bestpath),
      averaged: low when close alternatives compete (a shaky decode).

    Measured (language weight 9, 3000 background words at weight 0.2) on 20 in-domain
    questions/commands and 15 unrelated requests ("play some jazz music", "turn off the
    kitchen lights", ...), each spoken by espeak-ng en-us, en-gb+f3 and flite slt, rms:
    correctly recognised in-domain utterances average 0.89 (median 0.94), out-of-domain
    ones 0.13 (median 0.07, 3 of 60 above 0.5); ranking AUC correct-in-domain vs
    out-of-domain 0.995, all in-domain (right or wrong) vs out-of-domain 0.93.
    Misrecognised in-domain utterances average about 0.4: the caller should ask again.
    """
    if not f.words or f.word_frames <= 0:
        return 0.0
    domain_share = max(0.0, 1.0 - f.background_frames / f.word_frames)
    coverage = min(1.0, f.covered_speech_frames / f.speech_frames) if f.speech_frames > 0 else 0.0
    posteriors = [min(1.0, max(0.0, p)) for p in f.word_posteriors] or [0.0]
    mean_posterior = sum(posteriors) / len(posteriors)
    return max(0.0, min(1.0, domain_share**2 * coverage**2 * math.sqrt(mean_posterior)))


class PocketSphinxRecognizer(RecognizerBase):
    """A PocketSphinx decoder with one named n-gram search per vocabulary."""

    backend = "pocketsphinx"

    def __init__(self, models: DomainModels, settings: PocketSphinxSettings = PocketSphinxSettings()) -> None:
        super().__init__(models.lm_paths.keys())
        import pocketsphinx

        self.models = models
        """The dictionary and LM files in use."""
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
        self._denoiser = None
        if settings.denoise != "none":
            from voice_guide.audio.denoise import DenoiseError, Denoiser

            try:
                if settings.denoise == "auto":
                    from voice_guide.audio.denoise import AutoDenoiser

                    # Decided on the CMN prefix: it is buffered before decoding anyway.
                    self._denoiser = AutoDenoiser(settings.denoise_auto_engine, settings.denoise_level,
                                                  max(self._prefix_samples, 1), settings.denoise_auto_dbfs)
                else:
                    self._denoiser = Denoiser(settings.denoise, settings.denoise_level)
            except DenoiseError as err:
                if settings.denoise != "auto":
                    raise RecognizerError(str(err)) from None
                _LOGGER.warning("denoise 'auto' passes the audio through: %s", err)
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
        if self._denoiser is not None:
            self._denoiser.reset()

    def _condition(self, pcm: bytes) -> bytes:
        """The decoder's copy of a chunk: with the noise floor added (when enabled).

        The noise is a fixed table indexed by the sample's position in the utterance, so
        the same audio always gets the same noise, whatever the chunking."""
        start = self._position
        n = len(pcm) // SAMPLE_WIDTH_BYTES
        self._position += n
        if self._noise is None:
            return pcm
        import numpy as np

        samples = np.frombuffer(pcm, dtype="<i2")
        idx = (start + np.arange(n)) % self._noise.size
        noise = self._noise[idx] * self.settings.noise_floor_lsb
        if self.settings.noise_floor_mode == "zeros":
            noise = np.where(samples == 0, noise, 0.0)
        out = np.clip(np.rint(samples + noise), -32768, 32767).astype("<i2")
        return out.tobytes()

    def _accept(self, pcm: bytes) -> None:
        if self._denoiser is not None:
            pcm = self._denoiser.process(pcm)
            if not pcm:
                return
        self._feed(pcm)

    def _feed(self, pcm: bytes) -> None:
        """The (denoised) chunk into the noise floor, the CMN prefix and the decoder."""
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
        if len(prefix) < 2 * 410:
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
        if self._denoiser is not None:
            tail = self._denoiser.flush()
            if tail:
                self._feed(tail)
        if not self._decoding:
            if self._pending_samples == 0 or _is_silent(b"".join(self._utterance)):
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
        if _is_silent(audio):
            return self._empty()
        speech = speech_frames(audio)
        words: list[str] = []
        posteriors: list[float] = []
        background_frames = 0
        word_frames = 0
        covered = 0
        for seg in d.seg():
            word = _base_word(seg.word)
            if word in _FILLER_WORDS or word.startswith("[") or word.startswith("+"):
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
                raw = _log_score(hyp.score)
                if top_score is None:
                    top_score = raw
                words = [_base_word(w) for w in hyp.hypstr.split()]
                words = [w for w in words if w not in _FILLER_WORDS]
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


NBEST_SCORE_SCALE = 500.0
"""N-best path-score gap (log base 1.0001) that lowers an alternative's confidence by e."""

_LOG_BASE = math.log(1.0001)


def _log_score(linear: float) -> float:
    """PocketSphinx's Python layer returns exp'd scores; back to log base 1.0001."""
    if linear <= 0.0:
        return -1e12
    return math.log(linear) / _LOG_BASE


def _base_word(word: str) -> str:
    if word.endswith(")") and "(" in word:
        return word[: word.rindex("(")]
    return word


_NOISE_TABLE_SAMPLES = 1 << 16
_NOISE_TABLE = None


def _noise_table():
    """A fixed standard-normal noise sequence (seeded; 4.1 s at 16 kHz), built once."""
    global _NOISE_TABLE
    if _NOISE_TABLE is None:
        import numpy as np

        _NOISE_TABLE = np.random.default_rng(20240611).standard_normal(_NOISE_TABLE_SAMPLES)
    return _NOISE_TABLE


FRAME_SHIFT_SAMPLES = 160
"""PocketSphinx's 10 ms frame step at 16 kHz."""

FRAME_LENGTH_SAMPLES = 410
"""PocketSphinx's 25.6 ms analysis window at 16 kHz."""


def speech_frames(pcm: bytes, floor_dbfs: float = -55.0, below_peak_db: float = 35.0):
    """Boolean per PocketSphinx frame: is its energy within ``below_peak_db`` of the loudest
    frame (and above ``floor_dbfs``)? A crude energy detector, enough to tell how much of
    the speech the hypothesis words cover."""
    import numpy as np

    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2").astype(np.float64) / 32768.0
    if samples.size < FRAME_LENGTH_SAMPLES:
        return np.zeros(0, dtype=bool)
    n = 1 + (samples.size - FRAME_LENGTH_SAMPLES) // FRAME_SHIFT_SAMPLES
    idx = np.arange(FRAME_LENGTH_SAMPLES)[None, :] + FRAME_SHIFT_SAMPLES * np.arange(n)[:, None]
    power = np.mean(samples[idx] ** 2, axis=1)
    db = 10.0 * np.log10(power + 1e-12)
    threshold = max(floor_dbfs, float(db.max()) - below_peak_db)
    return db > threshold


def _is_silent(pcm: bytes) -> bool:
    import numpy as np

    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
    return samples.size == 0 or int(np.max(np.abs(samples.astype(np.int32)))) < 64
