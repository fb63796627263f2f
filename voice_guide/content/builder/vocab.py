"""The pack's words as the recognizer hears them, and their pronunciations (through :mod:`voice_guide.stt`)."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

from voice_guide.content.builder.doc import UNCHECKED_MARK, WORD
from voice_guide.core.errors import VoiceGuideError

_LOGGER = logging.getLogger(__name__)


def pack_vocabulary_words(text: str) -> list[str]:
    """The distinct ASCII words of ``text`` as a recognizer outputs them (numbers spelled out)."""
    try:
        from voice_guide.stt import normalize_words

        words = normalize_words(text)
    except (ImportError, ValueError) as err:  # a digit the number speller cannot read
        _LOGGER.debug("words read without the recognizer's normalizer: %s", err)
        return list(dict.fromkeys(WORD.findall(text.lower().replace("\u2019", "'"))))
    return list(dict.fromkeys(w.lower() for w in words if w.isascii()))


def vocabulary(words: list[str], lexicon: Path | None = None) -> tuple[dict[str, str], list[str], str]:
    """(guessed word -> phones, words with no pronunciation, a note when the check could not be done)."""
    try:
        from voice_guide.stt import pronunciations_for
    except ImportError as err:
        return {}, [], f"pronunciations were not checked: the recognition package is not available ({err})"
    try:
        result = pronunciations_for(words, lexicon)
    except VoiceGuideError as err:
        return {}, [], f"pronunciations were not checked: {err}"
    guessed = {w: result.entries[w][0] for w in result.guessed}
    note = "" if shutil.which("espeak-ng") else "espeak-ng is not installed, so missing pronunciations could not be guessed"
    return guessed, list(result.missing), note


def lexicon_problem(lexicon: Path) -> str:
    """Why ``pronunciations.dict`` cannot be used ("" when it can, or when the check cannot be done)."""
    try:
        from voice_guide.stt import pronunciations_for

        pronunciations_for([], lexicon, guess=False)
    except ImportError:
        return ""
    except VoiceGuideError as err:
        message = str(err)
        return message if str(lexicon) in message else ""  # else the recognizer itself is missing
    return ""


def dict_text(guessed: dict[str, str], checked: Iterable[str] = ()) -> str:
    """``pronunciations.dict``: checked entries kept as they are, then the new guesses, marked unchecked."""
    lines = [
        ";;; Pronunciations for words the PocketSphinx dictionary does not have (CMU format, ARPAbet,",
        ";;; no stress marks). An entry here replaces every stock pronunciation of the word.",
        f";;; Entries ending in '{UNCHECKED_MARK}' were guessed by espeak-ng: listen, fix the phones",
        ";;; if needed, and delete the mark. voice-guide pack check lists the ones still unchecked.",
    ]
    lines += list(checked)
    lines += [f"{word} {phones}  {UNCHECKED_MARK}" for word, phones in sorted(guessed.items())]
    return "\n".join(lines) + "\n"


def previous_pronunciations(out: Path) -> list[str]:
    """Entry lines of the pack's pronunciations.dict that a person checked (no unchecked mark)."""
    try:
        lines = (out / "pronunciations.dict").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [ln for ln in lines if ln.strip() and not ln.startswith((";", "#")) and not ln.rstrip().endswith(UNCHECKED_MARK)]
