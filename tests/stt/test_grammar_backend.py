"""The grammar-search PocketSphinx recognizer: its own decoder settings, its noise front end, a real decode."""

from __future__ import annotations

import shutil

import pytest

from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer
from voice_guide.content.pack import ContentPack
from voice_guide.nlu.grammar import GrammarMatcher
from voice_guide.stt import DomainVocabulary
from voice_guide.stt.pocketsphinx.grammar_backend import (
    GrammarPocketSphinxRecognizer,
    GrammarSearchSettings,
    load_grammar_recognizer,
)

TEA = {
    "title": "Tea orders",
    "intents": {"orderTea": {"reply": "Brewing {tea}.", "sentences": ["(i'd like|give me) [a] {tea} tea [with {extra}]"]}},
    "lists": {"tea": {"values": ["green", "earl grey", "black"]}, "extra": {"values": ["milk", "a slice of lemon"]}},
}


@pytest.fixture(scope="module")
def tea() -> GrammarMatcher:
    return GrammarMatcher(ContentPack.from_dict(None, grammar=TEA))


def _load(tea: GrammarMatcher, tmp_path, **kwargs):
    vocabularies = [DomainVocabulary("main", tuple(tea.sentences(per_template=20)))]
    return load_grammar_recognizer(vocabularies, {"main": tea.to_fsg()}, cache_dir=tmp_path, **kwargs)


def test_search_settings_set_only_what_is_given():
    assert GrammarSearchSettings().decoder_values() == {}
    assert GrammarSearchSettings(lw=3, fillprob=0.01).decoder_values() == {"lw": 3.0, "fillprob": 0.01}


def test_grammar_settings_apply_to_the_grammar_search_only_and_the_front_end_is_chosen(tea, tmp_path):
    rec = _load(tea, tmp_path, search=GrammarSearchSettings(lw=2.5), denoise=DenoiseSettings(engine="none"))
    assert isinstance(rec, FrontEndRecognizer) and isinstance(rec.inner, GrammarPocketSphinxRecognizer)
    assert rec.denoiser is None
    assert rec.inner.search_settings.lw == 2.5
    assert float(rec.inner._decoder.config["lw"]) == rec.inner.settings.language_weight  # restored after the grammar


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_a_spoken_order_decodes_to_a_grammar_sentence(tea, tmp_path):
    from voice_guide.testing.voices import synthesize, with_silence

    rec = _load(tea, tmp_path)
    clip = with_silence(synthesize("I'd like a green tea with a slice of lemon", "espeak:en-us"))
    heard = rec.transcribe(clip.pcm)
    assert heard.text == "i'd like a green tea with a slice of lemon"
    assert tea.match(heard.text) is not None
