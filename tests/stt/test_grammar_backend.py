"""The grammar-search PocketSphinx recognizer: its own decoder settings, its noise front end, a real decode."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer
from voice_guide.content.pack import ContentPack
from voice_guide.nlu.grammar import GrammarMatcher
from voice_guide.stt import DomainVocabulary
from voice_guide.stt.pocketsphinx.grammar_backend import (
    GrammarFrontEnd,
    GrammarPocketSphinxRecognizer,
    GrammarSearchSettings,
    _article_free,
    load_grammar_recognizer,
    nbest_share,
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


def test_alternatives_that_differ_only_in_a_or_an_count_once():
    assert _article_free("give me an earl grey tea") == _article_free("give me a earl grey tea") == "give me a earl grey tea"


class _Silencer:
    """A noise stage that takes everything away (what RNNoise does to some quiet voices)."""

    def reset(self) -> None:
        pass

    def process(self, pcm: bytes) -> bytes:
        return bytes(len(pcm))

    def flush(self) -> bytes:
        return b""


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_an_utterance_the_noise_stage_emptied_is_decoded_again_from_the_original_audio(tea, tmp_path):
    from voice_guide.testing.voices import synthesize, with_silence

    inner = _load(tea, tmp_path).inner
    clip = with_silence(synthesize("give me a green tea with milk", "espeak:en-us"))
    rec = GrammarFrontEnd(inner, _Silencer())  # type: ignore[arg-type]
    assert (rec.transcribe(clip.pcm).text, rec.retried) == ("give me a green tea with milk", True)
    no_retry = GrammarFrontEnd(inner, _Silencer(), retry_raw=False)  # type: ignore[arg-type]
    assert (no_retry.transcribe(clip.pcm).text, no_retry.retried) == ("", False)


def test_a_pack_weight_on_a_value_reorders_the_n_best_and_keeps_the_confidence(tea, tmp_path):
    from voice_guide.stt.base import Transcript

    rec = _load(tea, tmp_path, bias={"tea": {"earl grey": 1.65, "black": 1.0}}).inner
    assert rec.phrase_weights == {("earl", "grey"): 1.65}  # weight 1 is no weight
    heard = Transcript("give me a green tea", 0.8, (("give me a green tea", 0.8), ("give me a earl grey tea", 0.6),
                                                  ("give me a black tea", 0.3)))
    weighed = rec._weighed(heard)
    assert weighed.text == "give me a earl grey tea"
    assert weighed.confidence == 0.8
    assert [t for t, _c in weighed.alternatives] == ["give me a earl grey tea", "give me a green tea", "give me a black tea"]
    assert [round(c, 4) for _t, c in weighed.alternatives] == [0.8, round(0.8 * 0.8 / 0.99, 4), round(0.3 * 0.8 / 0.99, 4)]
    assert rec._weighed(replace(heard, alternatives=heard.alternatives[:1])) == replace(heard, alternatives=heard.alternatives[:1])
    assert _load(tea, tmp_path).inner._weighed(heard) == heard  # no bias: untouched


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_a_weight_on_a_value_no_alternative_says_changes_nothing_in_a_real_decode(tea, tmp_path):
    from voice_guide.testing.voices import synthesize, with_silence

    clip = with_silence(synthesize("give me a green tea with milk", "espeak:en-us"))
    plain = _load(tea, tmp_path).transcribe(clip.pcm)
    weighed = _load(tea, tmp_path, bias={"tea": {"black": 1.65}}).transcribe(clip.pcm)
    assert weighed == plain
    assert plain.text == "give me a green tea with milk"


def test_the_share_of_the_best_hypothesis_falls_with_close_runner_ups():
    from voice_guide.stt.base import Transcript

    assert nbest_share(Transcript("a", 0.8, (("a", 0.8),))) == 1.0
    assert nbest_share(Transcript("a", 0.8, (("a", 0.8), ("b", 0.8)))) == 0.5
    assert round(nbest_share(Transcript("a", 0.8, (("a", 0.8), ("b", 0.4), ("c", 0.4)))), 4) == round(1 / 1.5, 4)
    assert nbest_share(Transcript("a", 0.8, ())) == 1.0
    assert nbest_share(Transcript("", 0.0, ())) == 0.0


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_an_unsure_utterance_is_decoded_again_with_the_wider_search_and_a_sure_one_is_not(tea, tmp_path):
    from voice_guide.testing.voices import synthesize, with_silence

    clip = with_silence(synthesize("give me a green tea with milk", "espeak:en-us"))
    plain = _load(tea, tmp_path, denoise=DenoiseSettings(engine="none"))
    always = _load(tea, tmp_path, denoise=DenoiseSettings(engine="none"),
                   search=GrammarSearchSettings(second_beams=(1e-64, 1e-40, 1e-64), second_below=1.01))
    never = _load(tea, tmp_path, denoise=DenoiseSettings(engine="none"),
                  search=GrammarSearchSettings(second_beams=(1e-64, 1e-40, 1e-64), second_below=0.0))
    first = plain.transcribe(clip.pcm)
    again = always.transcribe(clip.pcm)
    assert (first.text, again.text, always.inner.decoded_twice) == (
        "give me a green tea with milk", "give me a green tea with milk", True)
    assert (never.transcribe(clip.pcm), never.inner.decoded_twice) == (first, False)
    assert always.transcribe(clip.pcm) == again  # the vocabulary's own search is active again after a second pass
    assert always.inner._decoder.current_search() == "main"


def _mllr_file(path, bias_c0: float):
    """A global MLLR transform (1 class, 3 streams of 13): identity, ``bias_c0`` added to c0's means."""
    lines = ["1", "3"]
    for stream in range(3):
        lines.append("13")
        lines += [" ".join("1.0" if i == j else "0.0" for j in range(13)) for i in range(13)]
        lines.append(" ".join([str(bias_c0 if stream == 0 else 0.0)] + ["0.0"] * 12))
        lines.append(" ".join(["1.0"] * 13))
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng")
def test_an_mllr_transform_is_loaded_with_the_model_and_changes_the_acoustic_scores(tea, tmp_path):
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxSettings
    from voice_guide.testing.voices import synthesize, with_silence

    clip = with_silence(synthesize("give me a green tea with milk", "espeak:en-us"))
    plain = _load(tea, tmp_path, denoise=DenoiseSettings(engine="none"))
    identity = _load(tea, tmp_path, denoise=DenoiseSettings(engine="none"),
                     settings=PocketSphinxSettings(mllr_path=str(_mllr_file(tmp_path / "identity", 0.0))))
    shifted = _load(tea, tmp_path, denoise=DenoiseSettings(engine="none"),
                    settings=PocketSphinxSettings(mllr_path=str(_mllr_file(tmp_path / "shifted", 3.0))))
    scores = []
    for rec in (plain, identity, shifted):
        assert rec.transcribe(clip.pcm).text == "give me a green tea with milk"
        scores.append(rec.inner._decoder.hyp().score)
    assert identity.inner._decoder.config["mllr"] == str(tmp_path / "identity")
    assert scores[0] == scores[1]  # the identity transform changes nothing
    assert scores[2] != scores[0]  # moved means: the same path scores differently


def test_a_missing_mllr_transform_is_a_one_line_recognizer_error(tea, tmp_path):
    from voice_guide.core.errors import RecognizerError
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxSettings

    with pytest.raises(RecognizerError, match="could not load the models"):
        _load(tea, tmp_path, settings=PocketSphinxSettings(mllr_path=str(tmp_path / "none")))
