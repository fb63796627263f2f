"""The stock English language model cut down to one dictionary: its unigrams and bigrams, as a small binary.

The second hearing of suspected utterances (:class:`.keywords.SafetyVerifier`) needs an
unbiased model of English to compare the safety phrases against. The stock en-us model
(``en-us.lm.bin``, a trigram trie of 72,547 words, 2.05 M bigrams and 1.67 M trigrams)
costs about 40 MB of memory in a decoder, although the decoder can only ever use the
few thousand words of its own dictionary. PocketSphinx cannot prune it (its ARPA
writer crashes on the trigrams), so it is read here directly:

* the file is PocketSphinx's trie format (``ngram_model_trie.c``, ``lm_trie.c``): a header,
  the n-gram counts, the quantisation tables (65,536 floats per table), the unigrams
  (prob, back-off, first child), the bit-packed middle orders and the longest order, the
  word strings; a bigram ``w1 w2`` is stored under the unigram of ``w2`` with ``w1`` as its
  (history) word, its probability and back-off as 16-bit codes into the tables;
* :func:`write_general_bigrams` keeps the unigrams of the given words and every bigram
  between two of them, and writes an order-2 trie in the same format (the bigram
  probabilities keep their codes: the stock bigram table becomes the new model's
  table). A bigram the stock model scores is scored exactly the same by the new one;
  only the trigram context is lost.

Over the article pack's dictionary (about 4,400 words): 780 k bigrams, a 3 MB file, about
6 MB in the decoder instead of 40 (docs/recognition.md, "Seventh round: memory").
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import numpy as np

from voice_guide.core.errors import RecognizerError

TRIE_HEADER = b"Trie Language Model"
"""The first bytes of a PocketSphinx trie binary."""

_TABLE_FLOATS = 1 << 16
"""Entries of one quantisation table (16-bit codes)."""

_MIDDLE_QUANT_BITS = 32
"""Bits of a middle-order entry's probability + back-off codes."""

_LONGEST_QUANT_BITS = 16
"""Bits of a longest-order entry's probability code."""

_UNIGRAM = np.dtype([("prob", "<f4"), ("bo", "<f4"), ("next", "<u4")])


def _required_bits(max_value: int) -> int:
    """``bitarr_required_bits``: bits to store values up to ``max_value``."""
    return int(max_value).bit_length()


def _packed_size(entries: int, total_bits: int) -> int:
    """Bytes of a bit-packed order (one extra entry for the last next pointer, 8 bytes of slack)."""
    return ((1 + entries) * total_bits + 7) // 8 + 8


def _read_bits(mem: np.ndarray, bit_offsets: np.ndarray, n_bits: int) -> np.ndarray:
    """The ``n_bits`` (<= 32) field at each bit offset of a little-endian bit array."""
    byte = bit_offsets >> 3
    value = np.zeros(bit_offsets.shape, dtype=np.uint64)
    for k in range(5):  # 5 bytes hold any field of <= 32 bits at a shift of <= 7
        value |= mem[byte + k].astype(np.uint64) << np.uint64(8 * k)
    shift = (bit_offsets & 7).astype(np.uint64)
    return ((value >> shift) & np.uint64((1 << n_bits) - 1)).astype(np.int64)


_CHUNK_ENTRIES = 1 << 14
"""Bigrams decoded or encoded at a time (a multiple of 8, so that every chunk starts on a byte)."""


class StockBigrams:
    """The unigrams and bigrams of a PocketSphinx trie binary of order 3 or more, between
    the words of a vocabulary. Read in chunks: about 10 MB of memory for the stock model."""

    def __init__(self, path: Path, vocabulary: Iterable[str]) -> None:
        try:
            with open(path, "rb") as handle:
                self._read(handle, path, set(vocabulary) | {"<s>", "</s>"})
        except OSError as err:
            raise RecognizerError(f"cannot read the stock language model {path}: {err}") from None
        except (struct.error, ValueError) as err:
            raise RecognizerError(f"{path} is not a PocketSphinx trie language model: {err}") from None

    def _read(self, handle: BinaryIO, path: Path, wanted: set[str]) -> None:
        if handle.read(len(TRIE_HEADER)) != TRIE_HEADER:
            raise RecognizerError(f"{path} is not a PocketSphinx trie language model")
        order = handle.read(1)[0]
        if order < 3:
            raise RecognizerError(f"{path}: a trigram model or higher was expected, not order {order}")
        counts = struct.unpack(f"<{order}I", handle.read(4 * order))
        handle.read(4)  # a dummy int (once the quantisation type)
        tables = np.frombuffer(handle.read(4 * (2 * (order - 2) + 1) * _TABLE_FLOATS), "<f4")
        self.bigram_prob_table = tables[:_TABLE_FLOATS].copy()
        """Log probability of each 16-bit bigram code (PocketSphinx log base 1.0001)."""
        unigrams = np.frombuffer(handle.read(_UNIGRAM.itemsize * (counts[0] + 1)), _UNIGRAM)
        middle_at = handle.tell()
        word_bits = _required_bits(counts[0])
        total_bits = word_bits + _MIDDLE_QUANT_BITS + _required_bits(counts[2])
        ngram_bytes = sum(
            _packed_size(counts[i - 1], word_bits + _MIDDLE_QUANT_BITS + _required_bits(counts[i]))
            for i in range(2, order)) + _packed_size(counts[-1], word_bits + _LONGEST_QUANT_BITS)
        handle.seek(middle_at + ngram_bytes)
        (n_chars,) = struct.unpack("<i", handle.read(4))
        words = handle.read(n_chars).split(b"\0")[: counts[0]]
        if len(words) != counts[0]:
            raise RecognizerError(f"{path}: {len(words)} word strings for {counts[0]} unigrams")
        self.keep_word = np.array([w.decode("utf-8", "replace") in wanted for w in words], dtype=bool)
        """Per stock unigram: whether it is one of the vocabulary's words."""
        self.words = [w.decode("utf-8", "replace") for w, k in zip(words, self.keep_word, strict=True) if k]
        """The kept unigram strings, in model order."""
        self.unigram_prob = unigrams["prob"][: counts[0]][self.keep_word].copy()
        """Log probability of each kept unigram."""
        self.unigram_backoff = unigrams["bo"][: counts[0]][self.keep_word].copy()
        """Log back-off weight of each kept unigram as a context."""
        starts = unigrams["next"].astype(np.int64)
        n_bigrams = int(starts[-1])  # the stated count can be a few higher (slots reserved, never filled)
        if not 0 <= n_bigrams <= counts[1] or np.any(np.diff(starts) < 0):
            raise RecognizerError(f"{path}: the unigrams point at {n_bigrams} bigrams, of {counts[1]}")
        new_id = (np.cumsum(self.keep_word) - 1).astype(np.int32 if self.keep_word.sum() >= 1 << 16 else np.uint16)
        kept: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for first in range(0, n_bigrams, _CHUNK_ENTRIES):
            n = min(_CHUNK_ENTRIES, n_bigrams - first)
            handle.seek(middle_at + first * total_bits // 8)
            mem = np.frombuffer(handle.read((n * total_bits + 7) // 8 + 8).ljust((n * total_bits + 7) // 8 + 8, b"\0"),
                                np.uint8)
            offsets = np.arange(n, dtype=np.int64) * total_bits
            history = _read_bits(mem, offsets, word_bits)
            predicted = np.searchsorted(starts, np.arange(first, first + n), side="right") - 1
            keep = self.keep_word[history] & self.keep_word[predicted]
            codes = _read_bits(mem, offsets[keep] + word_bits, _MIDDLE_QUANT_BITS) >> 16
            kept.append((new_id[predicted[keep]], new_id[history[keep]], codes.astype(np.uint16)))
        self.bigram_word = np.concatenate([k[0] for k in kept] or [np.zeros(0, np.int32)])
        """Per kept bigram: the second (predicted) word's new index; sorted by it."""
        self.bigram_history = np.concatenate([k[1] for k in kept] or [np.zeros(0, np.int32)])
        """Per kept bigram: the first word's new index."""
        self.bigram_prob_code = np.concatenate([k[2] for k in kept] or [np.zeros(0, np.uint16)])
        """Per kept bigram: the probability's code in :attr:`bigram_prob_table`."""


def write_general_bigrams(stock_lm: Path, words: Iterable[str], out: Path) -> tuple[int, int]:
    """An order-2 trie binary at ``out`` with the stock model's unigrams of ``words`` (and
    ``<s>``, ``</s>``) and every stock bigram between two of them. Returns (unigrams, bigrams)."""
    stock = StockBigrams(stock_lm, words)
    n_words = len(stock.words)
    unigrams = np.zeros(n_words + 1, dtype=_UNIGRAM)
    unigrams["prob"][:n_words] = stock.unigram_prob
    unigrams["bo"][:n_words] = stock.unigram_backoff
    unigrams["next"] = np.concatenate([[0], np.cumsum(np.bincount(stock.bigram_word, minlength=n_words))])
    word_bits = _required_bits(n_words)
    total_bits = word_bits + _LONGEST_QUANT_BITS
    n_bigrams = int(stock.bigram_word.size)
    strings = b"".join(w.encode("utf-8") + b"\0" for w in stock.words)

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as f:
            f.write(TRIE_HEADER + bytes([2]) + struct.pack("<2Ii", n_words, n_bigrams, 1))
            f.write(stock.bigram_prob_table.astype("<f4").tobytes())
            f.write(unigrams.tobytes())
            written = 0
            for i in range(0, n_bigrams, _CHUNK_ENTRIES):
                chunk = _pack_entries(stock.bigram_history[i : i + _CHUNK_ENTRIES], word_bits,
                                      stock.bigram_prob_code[i : i + _CHUNK_ENTRIES], _LONGEST_QUANT_BITS)
                f.write(chunk)
                written += len(chunk)
            f.write(b"\0" * (_packed_size(n_bigrams, total_bits) - written))
            f.write(struct.pack("<i", len(strings)) + strings)

    from voice_guide.core.files import write_atomic_with

    write_atomic_with(out, write)
    return n_words, n_bigrams


def dictionary_words(dict_path: Path) -> set[str]:
    """The words of a PocketSphinx dictionary (variants such as ``read(2)`` as their base word)."""
    words = set()
    with open(dict_path, encoding="utf-8") as handle:
        for line in handle:
            head = line.split(maxsplit=1)[0] if line.strip() else ""
            if head.endswith(")") and "(" in head:
                head = head[: head.rindex("(")]
            if head:
                words.add(head)
    return words


def _pack_entries(first: np.ndarray, first_bits: int, second: np.ndarray, second_bits: int) -> bytes:
    """Entries of two fields, bit-packed little-endian one after the other (as ``bitarr`` writes them);
    a whole number of bytes when the number of entries is a multiple of 8."""
    bits = np.empty((first.size, first_bits + second_bits), dtype=np.uint8)
    bits[:, :first_bits] = (first.astype(np.int64)[:, None] >> np.arange(first_bits)) & 1
    bits[:, first_bits:] = (second.astype(np.int64)[:, None] >> np.arange(second_bits)) & 1
    return np.packbits(bits.ravel(), bitorder="little").tobytes()


__all__ = ["StockBigrams", "TRIE_HEADER", "dictionary_words", "write_general_bigrams"]
