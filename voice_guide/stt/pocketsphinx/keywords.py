"""Spotting the barge-in words ("stop", "pause", "wait") in a short phrase heard over the guide.

The recognizer's full phrase sets hear a lone, clipped "stop" badly (flite's awb voice's
"stop" comes out as "go" even in silence), and over the guide's speech only these few
words matter. :class:`KeywordSpotter` is a separate, small PocketSphinx decoder (the
stock acoustic model, a dictionary of just these words; the main recognizer is not
touched) with two searches over the same phrase:

* ``words``: a grammar that can only say one of the barge-in words, between silences;
* ``phones``: a free phone loop (``allphone``), which fits any sound at least as well as a
  real word does.

The word the grammar found counts only when its acoustic score over its own frames is
close to the phone loop's over the same frames (the log-likelihood ratio per frame,
:attr:`KeywordHit.score`, at least :data:`DEFAULT_THRESHOLD`): a real "stop" scores near
the free loop, anything else the grammar is forced onto ("go", "yes", a piece of a
sentence) scores far below it. Measured on isolated words (flite slt/rms/awb/kal16,
espeak en-us and en-gb+f3): stop/pause/wait score -0.11 to +0.07 (all but espeak en-us
"pause" and en-gb "stop" above -0.03), 11 other words and phrases -0.08 to -0.67 (most
below -0.12), except near-homophones ("wake" scores like "wait", "top" and sometimes
"start" like "stop"). A phrase of 1.5 s takes about 50 ms on one core.

The decoder is built once per process (:func:`shared_spotter`) and needs no files of its
own: the pronunciations come from the stock dictionary.
"""

from __future__ import annotations

import logging
import math
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from voice_guide.audio.files import SAMPLE_RATE_HZ, SAMPLE_WIDTH_BYTES
from voice_guide.core.errors import RecognizerError
from voice_guide.stt.pocketsphinx.dither import standard_normal

_LOGGER = logging.getLogger(__name__)

DEFAULT_WORDS = ("stop", "pause", "wait")
"""The words spotted: what the guide tells the listener to say to interrupt it."""

DEFAULT_THRESHOLD = -0.07
"""Least score for a hit: log-likelihood ratio per 10 ms frame against the phone loop, in
hundreds of PocketSphinx's log units (base 1.0001)."""

MIN_WORD_MS = 150
MAX_WORD_MS = 1000
"""A spotted word shorter or longer than these is not one of the words."""

DITHER_LSB = 8.0
"""A fixed, seeded noise floor under the decoder's input (digital silence has no spectrum)."""

_LOG_BASE = math.log(1.0001)
_FRAME_MS = 10


@dataclass(frozen=True)
class KeywordHit:
    """A barge-in word found in a phrase."""

    word: str
    """The word (one of the spotter's words)."""

    score: float
    """Log-likelihood ratio per frame against the free phone loop (0 or more: fits as well as anything)."""

    start_ms: float
    """Start of the word within the audio given."""

    end_ms: float
    """End of the word within the audio given."""

    accepted: bool
    """True when the score and the length say it really is the word."""


def _log(p: float) -> float:
    """A probability from the Python bindings back to PocketSphinx's integer log domain."""
    return math.log(max(p, 1e-300)) / _LOG_BASE / 100.0


class KeywordSpotter:
    """A tiny PocketSphinx decoder that tells whether a short phrase is a barge-in word."""

    def __init__(self, words: Iterable[str] = DEFAULT_WORDS, threshold: float = DEFAULT_THRESHOLD) -> None:
        import pocketsphinx

        from voice_guide.stt.pocketsphinx.models import model_paths

        self.words = tuple(dict.fromkeys(w.lower() for w in words))
        self.threshold = threshold
        hmm, stock_dict, _ = model_paths()
        if not hmm.is_dir():
            raise RecognizerError(f"the PocketSphinx acoustic model is missing: {hmm}")
        prons: dict[str, str] = {}
        with open(stock_dict, encoding="utf-8") as handle:
            for line in handle:
                head, _, phones = line.strip().partition(" ")
                if head in self.words and head not in prons:
                    prons[head] = phones.strip()
        missing = [w for w in self.words if w not in prons]
        if missing:
            raise RecognizerError(f"no pronunciation for {', '.join(missing)} in {stock_dict}")
        self._lock = threading.Lock()
        with tempfile.TemporaryDirectory(prefix="vg-kws-") as tmp:
            dict_path = Path(tmp) / "keywords.dict"
            dict_path.write_text("".join(f"{w} {p}\n" for w, p in prons.items()), encoding="utf-8")
            try:
                self._decoder = pocketsphinx.Decoder(hmm=str(hmm), dict=str(dict_path), lm=None,
                                                     bestpath=False, fwdflat=False, loglevel="FATAL")
                grammar = "#JSGF V1.0;\ngrammar keywords;\npublic <keyword> = " + " | ".join(self.words) + ";\n"
                self._decoder.add_jsgf_string("words", grammar)
                self._decoder.add_allphone_file("phones", None)
            except (RuntimeError, ValueError, KeyError) as err:
                raise RecognizerError(f"PocketSphinx could not build the keyword spotter: {err}") from None
        self._dither = standard_normal(11, SAMPLE_RATE_HZ) * DITHER_LSB
        self._initial_cmn = self._decoder.get_cmn()
        """The cepstral mean the decoder starts with: restored before every phrase, so that a
        phrase is spotted the same whatever phrases came before it (live CMN carries over)."""

    def _segments(self, search: str, pcm: bytes) -> list[tuple[str, int, int, float]]:
        d = self._decoder
        d.activate_search(search)
        d.set_cmn(self._initial_cmn)
        d.start_utt()
        d.process_raw(pcm, False, True)  # the whole phrase at once: its own cepstral mean
        d.end_utt()
        return [(s.word, s.start_frame, s.end_frame, _log(s.ascore)) for s in (d.seg() or [])]

    def spot(self, pcm: bytes) -> KeywordHit | None:
        """The barge-in word in ``pcm`` (16 kHz 16-bit mono; a short phrase), or None when there is none at all.

        A returned hit with ``accepted`` False is the grammar's best guess, rejected."""
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH_BYTES], dtype="<i2").astype(np.float64)
        if samples.size < SAMPLE_RATE_HZ * MIN_WORD_MS // 1000:
            return None
        noise = np.resize(self._dither, samples.size)
        audio = np.clip(np.rint(samples + noise), -32768, 32767).astype("<i2").tobytes()
        with self._lock:
            found = [s for s in self._segments("words", audio) if s[0] in self.words]
            if not found:
                return None
            word, start, end, ascore = found[0]
            phones = self._segments("phones", audio)
        loop = 0.0
        for _, p_start, p_end, p_score in phones:
            overlap = min(end, p_end) - max(start, p_start) + 1
            if overlap > 0:
                loop += p_score * overlap / (p_end - p_start + 1)
        frames = end - start + 1
        score = (ascore - loop) / frames
        length_ms = frames * _FRAME_MS
        accepted = score >= self.threshold and MIN_WORD_MS <= length_ms <= MAX_WORD_MS
        return KeywordHit(word, round(score, 2), start * _FRAME_MS, (end + 1) * _FRAME_MS, accepted)


@dataclass(frozen=True)
class SecondDecode:
    """One search of :class:`SafetyVerifier` over an utterance."""

    search: str
    """``general`` (the stock English model) or ``safety`` (red-flag phrases only)."""

    text: str
    """Its best path's words (fillers removed)."""

    score: float
    """Its best path's total score per frame (acoustic and language), hundreds of log units."""

    acoustic: float
    """The acoustic score per frame of that path (words, silences and fillers), hundreds of log units."""

    alternatives: tuple[str, ...] = ()
    """Distinct texts of its n-best list after the best one (up to 4)."""


class SafetyVerifier:
    """A second decoder for utterances the interpreter suspects of a red flag (issue 10 item 4).

    The main language model holds thousands of generated red-flag phrases so that a spoken
    emergency can be heard at all; garbled speech of another domain then drifts into them
    ("may i have a mo so weak read convulsions"). This decoder hears the same (denoised) audio
    again with two searches over the main model's dictionary:

    * ``general``: the stock English language model of PocketSphinx (no red-flag bias);
    * ``safety``: a small model of the safety phrases only.

    What it is good for is measured in docs/spoken-rejection.md.
    """

    def __init__(self, dict_path: Path, safety_sentences: Callable[[], Iterable[str]], language_weight: float = 7.0,
                 arpa_cache: Path | None = None, general_lm: Path | None = None) -> None:
        """``safety_sentences`` is called only when ``arpa_cache`` (the safety model's file) does not exist yet:
        generating the phrases costs seconds and about 40 MB.

        ``general_lm`` is the general model's file: when it does not exist, it is made there (the
        stock model's unigrams and bigrams over this dictionary's words, :mod:`.general_lm`: about
        6 MB in the decoder where the whole stock model takes 40); None makes it in a temporary
        folder. Passing the stock ``en-us.lm.bin`` itself uses the whole stock model (as before)."""
        import pocketsphinx

        from voice_guide.core.files import write_atomic_text
        from voice_guide.stt.pocketsphinx.general_lm import dictionary_words, write_general_bigrams
        from voice_guide.stt.pocketsphinx.lm import build_arpa
        from voice_guide.stt.pocketsphinx.models import model_paths

        hmm, _, stock_lm = model_paths()
        self._lock = threading.Lock()
        with tempfile.TemporaryDirectory(prefix="vg-verify-") as tmp:
            arpa = arpa_cache if arpa_cache is not None else Path(tmp) / "safety.arpa"
            if not arpa.is_file():
                sentences = [s.split() for s in dict.fromkeys(safety_sentences()) if s.strip()]
                write_atomic_text(arpa, build_arpa(sentences))
            general = general_lm if general_lm is not None else Path(tmp) / "general.lm.bin"
            if not general.is_file():
                write_general_bigrams(stock_lm, dictionary_words(dict_path), general)
            try:
                self._decoder = pocketsphinx.Decoder(hmm=str(hmm), dict=str(dict_path), lm=None, lw=language_weight,
                                                     bestpath=True, fwdflat=False, loglevel="FATAL")
                self._decoder.add_lm_file("general", str(general))
                self._decoder.add_lm_file("safety", str(arpa))
            except (RuntimeError, ValueError, KeyError) as err:
                raise RecognizerError(f"PocketSphinx could not build the safety verifier: {err}") from None
        self._dither = standard_normal(13, SAMPLE_RATE_HZ) * 64.0

    def _search(self, name: str, audio: bytes) -> SecondDecode:
        d = self._decoder
        d.activate_search(name)
        d.start_utt()
        d.process_raw(audio, False, True)
        d.end_utt()
        hyp = d.hyp()
        frames = max(1, int(d.n_frames()))
        segs = list(d.seg() or [])
        words = [w for w in (s.word for s in segs) if not w.startswith(("<", "[", "+"))]
        words = [w[: w.rindex("(")] if w.endswith(")") and "(" in w else w for w in words]
        text = " ".join(words)
        alternatives: list[str] = []
        try:
            for i, alt in enumerate(d.nbest()):
                if i >= 20 or len(alternatives) >= 4:
                    break
                alt_words = [w for w in (alt.hypstr or "").split() if not w.startswith(("<", "[", "+"))]
                alt_text = " ".join(alt_words)
                if alt_text and alt_text != text and alt_text not in alternatives:
                    alternatives.append(alt_text)
        except (RuntimeError, ValueError):
            pass
        total = _log(hyp.score) if hyp is not None else -1e9
        acoustic = sum(_log(s.ascore) for s in segs)
        return SecondDecode(name, text, round(total / frames, 3), round(acoustic / frames, 3), tuple(alternatives))

    def decode(self, pcm: bytes) -> dict[str, SecondDecode]:
        """Both searches over one utterance (16 kHz 16-bit mono, as the main decoder heard it)."""
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH_BYTES], dtype="<i2").astype(np.float64)
        noise = np.resize(self._dither, samples.size)
        audio = np.clip(np.rint(samples + noise), -32768, 32767).astype("<i2").tobytes()
        with self._lock:
            return {name: self._search(name, audio) for name in ("general", "safety")}


RED_FLAG_CONCEPT_KEYPHRASES: dict[str, dict[str, float]] = {
    "breathing": {"can't breathe": 1e-10, "not breathing": 1e-10, "gasping": 1e-10, "blue lips": 1e-10},
    "choking": {"choking": 1e-5},
    "chest_pain": {"heart attack": 1e-20},
    "collapse": {"collapsed": 1e-10, "unconscious": 1e-20, "passed out": 1e-10, "won't wake up": 1e-20,
                 "not responding": 1e-30},
    "seizure": {"seizure": 1e-5},
    "stroke": {"stroke": 1e-2, "drooping": 1e-2},
    "poisoning_overdose": {"overdose": 1e-10, "poison": 1e-10},
    "allergy": {"anaphylaxis": 1e-30},
    "head_injury": {"hit his head": 1e-10, "hit her head": 1e-10},
    "call_for_help": {"emergency": 1e-30},
    "crisis": {"kill myself": 1e-30, "want to die": 1e-10, "end my life": 1e-10},
}
"""Red-flag key phrases per concept of the safety taxonomy for :class:`RedFlagSpotter`, with their detection
thresholds (PocketSphinx keyphrase search: lower spots more): the core words of the pack's ``spoken_keywords``
and ``spoken_weak_words`` (safety.yaml) that the stock dictionary spells, not taken from any test line. Each
threshold is the loosest of 1e-2, 1e-5, 1e-10, 1e-20, 1e-30 at which the phrase was spotted in no declined tuning
utterance that is not a red flag of its concept (kitchen 10 dB, 4 synthetic voices: tune21:odd and tune20:odd,
red flags and near misses; 100 tuning article questions; 256 real coffee orders through the article pack); a phrase
spotted there even at 1e-2 is left out ("breathe", "breathing", "wheezing", "chest", "chest pain", "throat",
"bleeding", "blood", "fitting", "fainted", "slurring", "pills", "swallowed", "bleach", "allergic", "swelling",
"fallen", "ambulance", "suicide"). So chosen, it spotted none of the 7 tuning red flags declined in the kitchen
either. Twentieth session (docs/spoken-rejection.md, "Twentieth round")."""

RED_FLAG_KEYPHRASES: dict[str, float] = {
    phrase: threshold for phrases in RED_FLAG_CONCEPT_KEYPHRASES.values() for phrase, threshold in phrases.items()}
"""Every key phrase of :data:`RED_FLAG_CONCEPT_KEYPHRASES` and its threshold (a phrase is of one concept)."""


def keyphrase_concept(phrase: str) -> str | None:
    """The concept of the safety taxonomy a key phrase of :data:`RED_FLAG_CONCEPT_KEYPHRASES` belongs to, or None."""
    return next((c for c, phrases in RED_FLAG_CONCEPT_KEYPHRASES.items() if phrase in phrases), None)


class RedFlagSpotter:
    """Red-flag key phrases spotted in an utterance by a PocketSphinx keyphrase search (the stock acoustic
    model and dictionary; the main recognizer is not touched). Measured in docs/spoken-rejection.md."""

    def __init__(self, phrases: dict[str, float] | None = None, levels: tuple[float, ...] = ()) -> None:
        """``phrases``: key phrase -> threshold (default :data:`RED_FLAG_KEYPHRASES`); ``levels`` (for tuning):
        one more search per threshold with every phrase at it (:meth:`spot_levels`)."""
        import pocketsphinx

        from voice_guide.stt.pocketsphinx.models import model_paths

        hmm, stock_dict, _ = model_paths()
        self.phrases = dict(RED_FLAG_KEYPHRASES if phrases is None else phrases)
        self.levels = tuple(levels)
        self._lock = threading.Lock()
        searches = {"redflags": self.phrases, **{f"{t:.0e}": dict.fromkeys(self.phrases, t) for t in self.levels}}
        with tempfile.TemporaryDirectory(prefix="vg-redkws-") as tmp:
            try:
                self._decoder = pocketsphinx.Decoder(hmm=str(hmm), dict=str(stock_dict), lm=None, loglevel="FATAL")
                for name, thresholds in searches.items():
                    keyfile = Path(tmp) / f"{name}.txt"
                    keyfile.write_text("".join(f"{p} /{t:.0e}/\n" for p, t in thresholds.items()), encoding="utf-8")
                    self._decoder.add_kws(name, str(keyfile))
            except (RuntimeError, ValueError, KeyError) as err:
                raise RecognizerError(f"PocketSphinx could not build the red-flag spotter: {err}") from None
        self._dither = standard_normal(17, SAMPLE_RATE_HZ) * 64.0

    def _spot(self, search: str, audio: bytes) -> tuple[str, ...]:
        d = self._decoder
        d.activate_search(search)
        d.start_utt()
        d.process_raw(audio, False, True)
        d.end_utt()
        return tuple(dict.fromkeys(w for w in (s.word.strip() for s in (d.seg() or [])) if w))

    def _audio(self, pcm: bytes) -> bytes:
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH_BYTES], dtype="<i2").astype(np.float64)
        return np.clip(np.rint(samples + np.resize(self._dither, samples.size)), -32768, 32767).astype("<i2").tobytes()

    def spot(self, pcm: bytes) -> tuple[str, ...]:
        """The key phrases spotted in ``pcm`` (16 kHz 16-bit mono), in order, each once."""
        audio = self._audio(pcm)
        with self._lock:
            return self._spot("redflags", audio)

    def spot_levels(self, pcm: bytes) -> dict[str, tuple[str, ...]]:
        """The key phrases spotted in ``pcm`` with every phrase at each threshold of ``levels`` ("1e-20" -> phrases)."""
        audio = self._audio(pcm)
        with self._lock:
            return {f"{t:.0e}": self._spot(f"{t:.0e}", audio) for t in self.levels}


_SHARED: KeywordSpotter | None = None
_SHARED_LOCK = threading.Lock()


_VERIFIERS: dict[str, SafetyVerifier] = {}
_RED_FLAG_SPOTTER: list[RedFlagSpotter] = []

SPOT_RED_FLAGS = 0.0
"""1: :func:`hear_again` also spots the key phrases of :data:`RED_FLAG_CONCEPT_KEYPHRASES` in the (denoised)
audio (:class:`RedFlagSpotter`, built once per process) and gives them as a sixth item
(:attr:`~voice_guide.nlu.interpret_verify.SecondHearing.spotted`, used by
:data:`~voice_guide.nlu.interpret_rescue.RESCUE_SPOTTED`); 0 (kept): off, five items, no time added. The
search takes about 0.3 s per 4 s of speech on the shared machine (twentieth session, docs/spoken-rejection.md,
"Twentieth round")."""


def red_flag_spotter() -> RedFlagSpotter:
    """The process's one red-flag spotter with the default key phrases (built on first use)."""
    with _SHARED_LOCK:
        if not _RED_FLAG_SPOTTER:
            _RED_FLAG_SPOTTER.append(RedFlagSpotter())
        return _RED_FLAG_SPOTTER[0]


def hear_again(recognizer: object, safety_sentences: Callable[[], list[str]],
               pcm: bytes, front_end: bool = True) -> tuple[Any, ...] | None:
    """The utterance ``pcm`` heard again by the process's :class:`SafetyVerifier` for ``recognizer``'s
    dictionary (built on first use from ``safety_sentences()``), behind the recognizer's own noise
    front end: (the unbiased reading and its runner-ups, the safety-only reading, the safety
    reading's score minus the unbiased one's, per frame, whether the front end denoised it: a noisy
    room, and the noise floor it measured in dBFS or None). None when ``recognizer`` is not PocketSphinx. ``front_end=False`` hears the raw audio
    (the front end off; the last item is then False): the raw-audio hearing of speech the front
    end denoised (:data:`voice_guide.nlu.interpret_rescue.RAW_HEARING`). With :data:`SPOT_RED_FLAGS` a sixth item:
    the red-flag key phrases spotted in the audio heard."""
    inner = getattr(recognizer, "inner", recognizer)
    models = getattr(inner, "models", None)
    if models is None:
        return None
    key = str(models.dict_path)
    with _SHARED_LOCK:
        if key not in _VERIFIERS:  # the safety model is kept beside the recognizer's cached models
            arpa = models.directory.parent / f"{models.directory.name}.safety-verify.arpa"
            general = models.directory.parent / f"{models.directory.name}.general-verify.lm.bin"
            _VERIFIERS[key] = SafetyVerifier(models.dict_path, safety_sentences, arpa_cache=arpa, general_lm=general)
        verifier = _VERIFIERS[key]
    denoiser = getattr(recognizer, "denoiser", None) if front_end else None
    noisy, floor = False, None
    if denoiser is not None:
        from voice_guide.audio.files import iter_chunks

        denoiser.reset()
        pcm = b"".join(denoiser.process(chunk) for chunk in iter_chunks(pcm, 1024)) + denoiser.flush()
        noisy = bool(getattr(denoiser, "active", True))
        measured = getattr(denoiser, "floor_dbfs", None)
        floor = None if measured is None else round(float(measured), 1)
    heard = verifier.decode(pcm)
    general, safety = heard["general"], heard["safety"]
    if SPOT_RED_FLAGS:
        spotted = red_flag_spotter().spot(pcm)
        return (general.text, *general.alternatives), safety.text, safety.score - general.score, noisy, floor, spotted
    return (general.text, *general.alternatives), safety.text, safety.score - general.score, noisy, floor


def shared_spotter() -> KeywordSpotter:
    """The process's one keyword spotter with the default words (built on first use)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = KeywordSpotter()
        return _SHARED


__all__ = ["DEFAULT_THRESHOLD", "DEFAULT_WORDS", "RED_FLAG_CONCEPT_KEYPHRASES", "RED_FLAG_KEYPHRASES", "KeywordHit", "KeywordSpotter", "RedFlagSpotter",
           "SafetyVerifier", "SecondDecode",
           "SPOT_RED_FLAGS", "hear_again", "keyphrase_concept", "red_flag_spotter", "shared_spotter"]
