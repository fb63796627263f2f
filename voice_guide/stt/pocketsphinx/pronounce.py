"""Pronunciations for a domain vocabulary: stock CMUdict, pack overrides, espeak-ng guesses.

For each word the source is, in order of precedence:

1. the content pack's lexicon (``pronunciations.dict``, CMU format) -- hand-checked,
   and it *replaces* every stock pronunciation of the word;
2. the stock CMU dictionary shipped with PocketSphinx (all variants, ``word(2)`` ...);
3. a possessive or plural of a known word (``cushing's`` from ``cushing``);
4. espeak-ng's phonemes (``espeak-ng -q -v en-us --ipa``) mapped to ARPAbet -- a guess,
   reported by :attr:`Pronunciations.guessed` and logged, so the pack author can add the
   word to the pack lexicon.

Words that none of these can pronounce (espeak-ng missing, no Latin letters) are listed
in :attr:`Pronunciations.missing` and left out of the dictionary.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from voice_guide.core.errors import RecognizerError

_LOGGER = logging.getLogger(__name__)

ARPABET_PHONES = frozenset(
    "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH "
    "UH UW V W Y Z ZH".split()
)
"""The 39 phones of the PocketSphinx en-us acoustic model (plus SIL, used for silence only)."""

_VARIANT_RE = re.compile(r"^(?P<word>.+?)\((?P<n>\d+)\)$")


@dataclass
class Pronunciations:
    """Pronunciations for a set of words, with where each one came from."""

    entries: dict[str, list[str]] = field(default_factory=dict)
    """word -> space-separated ARPAbet pronunciations, preferred first."""

    from_lexicon: list[str] = field(default_factory=list)
    """Words pronounced by the pack lexicon (override)."""

    guessed: list[str] = field(default_factory=list)
    """Words whose pronunciation was guessed from espeak-ng (not in any dictionary)."""

    derived: list[str] = field(default_factory=list)
    """Words built from a known stem (possessive / plural ``'s``)."""

    missing: list[str] = field(default_factory=list)
    """Words nothing could pronounce; they are left out."""

    def to_dict_text(self) -> str:
        """The entries in PocketSphinx dictionary format (``word(2)`` for variants)."""
        lines = []
        for word in sorted(self.entries):
            for i, phones in enumerate(self.entries[word]):
                name = word if i == 0 else f"{word}({i + 1})"
                lines.append(f"{name} {phones}")
        return "\n".join(lines) + ("\n" if lines else "")


MAX_LEXICON_BYTES = 32 * 1024 * 1024
"""Largest pronunciation dictionary read (the stock one is about 3.5 MB)."""


def read_cmu_lexicon(path: Path, wanted: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Read a CMU-format dictionary: ``word PH PH ...`` and ``word(2) PH ...`` lines.

    Comment lines (``;;;`` or ``#``) and blank lines are skipped; a trailing ``# comment``
    on an entry is dropped. Words are lower-cased. With ``wanted``, only those words are
    kept (fast pruning of the 135k-word stock dictionary). Raises RecognizerError when the
    file is missing or an entry uses a phone the acoustic model does not have.
    """
    keep = None if wanted is None else set(wanted)
    out: dict[str, list[str]] = {}
    try:
        if not Path(path).is_file() or Path(path).stat().st_size > MAX_LEXICON_BYTES:
            raise RecognizerError(f"cannot read pronunciation dictionary {path}: not a regular file under {MAX_LEXICON_BYTES // 2**20} MB")
        handle = open(path, encoding="utf-8")
    except OSError as err:
        raise RecognizerError(f"cannot read pronunciation dictionary {path}: {err.strerror or err}") from None
    with handle:
        for lineno, raw in enumerate(handle, 1):
            line = raw.split("#", 1)[0].strip() if "#" in raw else raw.strip()
            if not line or line.startswith(";;;"):
                continue
            head, _, rest = line.partition(" ")
            word = head.lower()
            match = _VARIANT_RE.match(word)
            if match:
                word = match.group("word")
            if keep is not None and word not in keep:
                continue
            phones = [_strip_stress(p) for p in rest.split()]
            if not phones:
                raise RecognizerError(f"{path}:{lineno}: no phones for {head!r}")
            bad = [p for p in phones if p not in ARPABET_PHONES]
            if bad:
                raise RecognizerError(f"{path}:{lineno}: unknown phone(s) {' '.join(bad)} for {head!r}")
            pron = " ".join(phones)
            prons = out.setdefault(word, [])
            if pron not in prons:
                prons.append(pron)
    return out


def _strip_stress(phone: str) -> str:
    return phone.upper().rstrip("012")


# --- espeak-ng IPA -> ARPAbet ---------------------------------------------------------

_IPA_MULTI = [
    # Longest first; r-coloured vowels and diphthongs before their parts.
    ("ɜːɹ", "ER"), ("ɜː", "ER"), ("ɝ", "ER"), ("ɚɹ", "ER"), ("ɚ", "ER"), ("əɹ", "ER"),
    ("aɪə", "AY ER"), ("aʊə", "AW ER"),
    ("ɑːɹ", "AA R"), ("ɔːɹ", "AO R"), ("oːɹ", "AO R"), ("ɔɹ", "AO R"), ("oɹ", "AO R"),
    ("ɛɹ", "EH R"), ("eəɹ", "EH R"), ("eə", "EH R"), ("ɪɹ", "IH R"), ("ʊɹ", "UH R"),
    # en-us espeak writes two syllables here ("myositis" mɪəsˈaɪɾɪs), not the British diphthongs.
    ("ɪə", "IY AH"), ("ʊə", "UW AH"),
    ("aɪ", "AY"), ("aʊ", "AW"), ("eɪ", "EY"), ("ɔɪ", "OY"), ("oʊ", "OW"), ("əʊ", "OW"),
    ("iə", "IY AH"), ("tʃ", "CH"), ("dʒ", "JH"), ("l̩", "AH L"), ("n̩", "AH N"), ("m̩", "AH M"),
    ("iː", "IY"), ("uː", "UW"), ("ɑː", "AA"), ("ɔː", "AO"), ("ɜ", "ER"), ("oː", "OW"),
]
_IPA_SINGLE = {
    "æ": "AE", "a": "AE", "ɑ": "AA", "ɒ": "AA", "ɔ": "AO", "o": "OW", "ʌ": "AH", "ə": "AH",
    "ɐ": "AH", "ᵻ": "IH", "ɪ": "IH", "i": "IY", "ɛ": "EH", "e": "EH", "ʊ": "UH", "u": "UW",
    "ɨ": "IH", "y": "UW", "ø": "ER", "œ": "ER",
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "g": "G", "ɡ": "G", "f": "F", "v": "V",
    "θ": "TH", "ð": "DH", "s": "S", "z": "Z", "ʃ": "SH", "ʒ": "ZH", "h": "HH", "m": "M",
    "n": "N", "ŋ": "NG", "l": "L", "ɫ": "L", "ɬ": "L", "ɹ": "R", "r": "R", "ɾ": "T", "w": "W",
    "ʍ": "W", "j": "Y", "x": "K", "ç": "HH", "ʔ": "T", "ɲ": "N Y",
}
_IPA_IGNORED = set("ˈˌːˑ.‿͡‍-_ ̃ʰ'") | {"\u0303", "\u0361", "\u200d", "\u02de"}


def ipa_to_arpabet(ipa: str, spelling: str = "") -> list[str]:
    """Map espeak-ng IPA (en-us) to ARPAbet phones without stress.

    A flap (``ɾ``) becomes T, or D when the spelling has a ``d`` and no ``t``. Repeated
    phones (``ɹɹ``) are merged. Unknown symbols are skipped with a debug log line.
    """
    phones: list[str] = []
    i = 0
    text = ipa.strip()
    while i < len(text):
        ch = text[i]
        if ch in _IPA_IGNORED:
            i += 1
            continue
        for ipa_seq, arpa in _IPA_MULTI:
            if text.startswith(ipa_seq, i):
                phones.extend(arpa.split())
                i += len(ipa_seq)
                break
        else:
            single = _IPA_SINGLE.get(ch)
            if single is None:
                _LOGGER.debug("ipa_to_arpabet: skipping %r in %r", ch, ipa)
            else:
                if ch == "ɾ" and "d" in spelling and "t" not in spelling:
                    single = "D"
                phones.extend(single.split())
            i += 1
    merged: list[str] = []
    for p in phones:
        if merged and merged[-1] == p:
            continue
        merged.append(p)
    return merged


def espeak_pronunciations(words: Iterable[str], voice: str = "en-us") -> dict[str, str]:
    """ARPAbet guesses for ``words`` from espeak-ng (one process for all words).

    Returns word -> space-separated phones; words espeak-ng gives nothing usable for are
    absent. Returns {} when espeak-ng is not installed (a warning is logged).
    """
    words = [w for w in dict.fromkeys(words) if any(c.isalpha() for c in w)]
    if not words:
        return {}
    program = shutil.which("espeak-ng")
    if program is None:
        _LOGGER.warning("espeak-ng is not installed: cannot guess pronunciations for %s", ", ".join(words))
        return {}
    text = "".join(f"{w}.\n" for w in words)
    lines = _run_espeak(program, voice, text)
    if lines is None or len(lines) != len(words):
        # Batch output did not line up (a word split in two?): ask one word at a time.
        lines = [" ".join(_run_espeak(program, voice, f"{w}.\n") or []) for w in words]
    out: dict[str, str] = {}
    for word, ipa in zip(words, lines, strict=False):
        phones = ipa_to_arpabet(ipa, word)
        if phones:
            out[word] = " ".join(phones)
    return out


def _run_espeak(program: str, voice: str, text: str) -> list[str] | None:
    try:
        done = subprocess.run(
            [program, "-q", "-v", voice, "--ipa"],
            input=text,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    except (subprocess.SubprocessError, OSError) as err:
        _LOGGER.warning("espeak-ng failed: %s", err)
        return None
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def _derive_possessive(word: str, known: dict[str, list[str]]) -> list[str] | None:
    """``cushing's`` -> ``cushing`` + Z; ``patients'`` -> ``patients``."""
    if word.endswith("'s") and word[:-2] in known:
        out = []
        for pron in known[word[:-2]]:
            last = pron.split()[-1]
            if last in ("S", "Z", "SH", "ZH", "CH", "JH"):
                suffix = "IH Z"
            elif last in ("P", "T", "K", "F", "TH"):
                suffix = "S"
            else:
                suffix = "Z"
            out.append(f"{pron} {suffix}")
        return out
    if word.endswith("'") and word[:-1] in known:
        return list(known[word[:-1]])
    return None


def build_pronunciations(
    words: Iterable[str],
    stock_dict_path: Path,
    lexicon_paths: Iterable[Path | None] = (),
    *,
    use_espeak: bool = True,
) -> Pronunciations:
    """Pronunciations for ``words`` (see the module doc for the order of sources)."""
    wanted = list(dict.fromkeys(w.lower() for w in words if w))
    overrides: dict[str, list[str]] = {}
    for path in lexicon_paths:
        if path is None:
            continue
        for word, prons in read_cmu_lexicon(Path(path)).items():
            merged = overrides.setdefault(word, [])
            merged.extend(p for p in prons if p not in merged)
    stems = {w[:-2] for w in wanted if w.endswith("'s")} | {w[:-1] for w in wanted if w.endswith("'")}
    stock = read_cmu_lexicon(Path(stock_dict_path), set(wanted) | stems)
    known = {**stock, **overrides}

    result = Pronunciations()
    to_guess: list[str] = []
    for word in wanted:
        if word in overrides:
            result.entries[word] = list(overrides[word])
            result.from_lexicon.append(word)
        elif word in stock:
            result.entries[word] = list(stock[word])
        else:
            derived = _derive_possessive(word, known)
            if derived:
                result.entries[word] = derived
                result.derived.append(word)
            else:
                to_guess.append(word)
    guesses = espeak_pronunciations(to_guess) if (to_guess and use_espeak) else {}
    for word in to_guess:
        if word in guesses:
            result.entries[word] = [guesses[word]]
            result.guessed.append(word)
        else:
            result.missing.append(word)
    if result.guessed:
        _LOGGER.info(
            "guessed pronunciations from espeak-ng for %d word(s) (add them to the pack's "
            "pronunciations.dict to fix): %s",
            len(result.guessed),
            ", ".join(f"{w} [{result.entries[w][0]}]" for w in result.guessed),
        )
    if result.missing:
        _LOGGER.warning("no pronunciation for %d word(s), left out: %s", len(result.missing), ", ".join(result.missing))
    return result


def pronunciations(words: Iterable[str], lexicon_paths: Iterable[Path | None] = (), *, use_espeak: bool = True) -> Pronunciations:
    """Pronunciations for ``words`` from the lexicons, the installed stock dictionary and
    (``use_espeak``) espeak-ng guesses; :class:`RecognizerError` when PocketSphinx is missing."""
    from voice_guide.stt.pocketsphinx.models import model_paths

    _, stock_dict, _ = model_paths()
    if not stock_dict.is_file():
        raise RecognizerError(f"the PocketSphinx dictionary is missing: {stock_dict}")
    return build_pronunciations(words, stock_dict, lexicon_paths, use_espeak=use_espeak)
