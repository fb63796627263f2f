"""The stock English model cut down to a vocabulary (the second hearing's general model): read
from PocketSphinx's own trie binary and written as a smaller one, checked against PocketSphinx."""

import itertools

import pytest

pocketsphinx = pytest.importorskip("pocketsphinx")

from voice_guide.core.errors import RecognizerError  # noqa: E402
from voice_guide.stt.pocketsphinx.general_lm import StockBigrams, dictionary_words, write_general_bigrams  # noqa: E402
from voice_guide.stt.pocketsphinx.models import model_paths  # noqa: E402

WORDS = ("can", "i", "have", "a", "large", "coffee", "with", "milk", "please", "my", "dad", "has", "blood", "clot",
         "in", "his", "leg", "call", "an", "ambulance")


def _model(path):
    config = pocketsphinx.Config(hmm=None, lm=None, dict=None, loglevel="FATAL")
    logmath = pocketsphinx.LogMath()
    return pocketsphinx.NGramModel(config, logmath, str(path)), logmath  # keep logmath alive with the model


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("general") / "general.lm.bin"
    counts = write_general_bigrams(model_paths()[2], WORDS, out)
    return out, counts


def test_every_word_and_bigram_of_the_vocabulary_scores_as_in_the_stock_model(small):
    out, counts = small
    stock, _keep1 = _model(model_paths()[2])
    cut, _keep2 = _model(out)
    pairs = list(itertools.product(WORDS, repeat=2))
    assert [cut.prob([w]) for w in WORDS] == [stock.prob([w]) for w in WORDS]
    assert [cut.prob(list(p)) for p in pairs] == [stock.prob(list(p)) for p in pairs]
    assert counts[0] == len(WORDS) + 2  # and <s>, </s>
    assert 0 < counts[1] < len(WORDS) ** 2 + 4 * len(WORDS)


def test_words_outside_the_vocabulary_are_left_out(small):
    out, _counts = small
    cut, _keep = _model(out)
    stock, _keep2 = _model(model_paths()[2])
    assert stock.prob(["zebra"]) > stock.prob(["qqqq"])  # the stock model knows it ...
    assert cut.prob(["zebra"]) == cut.prob(["qqqq"])  # ... the cut one does not
    assert out.stat().st_size < 4 * 65536 + 4000  # the quantisation table and a few hundred bytes


def test_the_stock_reader_keeps_only_bigrams_between_vocabulary_words():
    stock = StockBigrams(model_paths()[2], ["coffee", "milk"])
    assert stock.words == ["</s>", "<s>", "coffee", "milk"]
    pairs = {(stock.words[h], stock.words[w]) for h, w in zip(stock.bigram_history, stock.bigram_word, strict=True)}
    assert ("<s>", "coffee") in pairs and ("coffee", "</s>") in pairs
    assert all(h in stock.words and w in stock.words for h, w in pairs)


def test_a_file_that_is_not_a_trie_model_is_refused(tmp_path):
    bad = tmp_path / "bad.lm.bin"
    bad.write_bytes(b"\\data\\\nngram 1=3\n")
    with pytest.raises(RecognizerError, match="not a PocketSphinx trie"):
        StockBigrams(bad, ["coffee"])
    with pytest.raises(RecognizerError, match="cannot read"):
        StockBigrams(tmp_path / "missing.lm.bin", ["coffee"])


def test_dictionary_words_are_the_base_words_of_every_entry(tmp_path):
    d = tmp_path / "x.dict"
    d.write_text("read R IY D\nread(2) R EH D\nleg L EH G\n\n", encoding="utf-8")
    assert dictionary_words(d) == {"read", "leg"}
