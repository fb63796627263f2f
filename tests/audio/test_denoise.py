"""The streaming noise-suppression front end (voice_guide.audio.denoise) on real engines and audio."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest

from voice_guide.audio.denoise import FRAME_SAMPLES, DenoiseError, Denoiser
from voice_guide.audio.files import AudioClip
from voice_guide.core.errors import RecognizerError
from voice_guide.testing.noise import make_noise, mix

ENGINES = [
    pytest.param("webrtc", marks=pytest.mark.skipif(importlib.util.find_spec("webrtc_noise_gain") is None,
                                                    reason="needs webrtc-noise-gain")),
    pytest.param("rnnoise", marks=pytest.mark.skipif(importlib.util.find_spec("pyrnnoise") is None,
                                                     reason="needs pyrnnoise")),
]

needs_tts = pytest.mark.skipif(shutil.which("flite") is None, reason="needs flite")


@pytest.fixture(scope="module")
def tts_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tts")


@pytest.fixture(scope="module")
def speech(tts_cache) -> AudioClip:
    if shutil.which("flite") is None:
        pytest.skip("needs flite")
    from voice_guide.testing.voices import synthesize, with_silence

    return with_silence(synthesize("what causes muscle atrophy", "flite:slt", cache_dir=tts_cache))


def run(den: Denoiser, pcm: bytes, chunk_samples: int) -> bytes:
    den.reset()
    step = 2 * chunk_samples
    out = b"".join(den.process(pcm[i : i + step]) for i in range(0, len(pcm), step))
    return out + den.flush()


@pytest.mark.parametrize("engine", ENGINES)
def test_same_length_whatever_the_chunking(engine: str) -> None:
    den = Denoiser(engine)
    x = (make_noise("pink", 16000 + 77, seed=3) * 2000).astype("<i2").tobytes()
    outs = [run(den, x, n) for n in (FRAME_SAMPLES, 1024, 37, 5000)]
    assert all(len(o) == len(x) for o in outs)
    assert all(o == outs[0] for o in outs[1:])


@pytest.mark.parametrize("engine", ENGINES)
def test_dry_mix_blends_the_original_back_in_time_aligned(engine: str) -> None:
    x = (make_noise("pink", 16000 + 77, seed=5) * 3000).astype("<i2")
    wet = np.frombuffer(run(Denoiser(engine), x.tobytes(), 1024), dtype="<i2").astype(np.float64)
    outs = [np.frombuffer(run(Denoiser(engine, dry_mix=0.25), x.tobytes(), n), dtype="<i2") for n in (37, 1024)]
    assert np.array_equal(outs[0], outs[1])  # whatever the chunking
    assert np.abs(outs[0] - (0.75 * wet + 0.25 * x)).max() <= 1.0
    with pytest.raises(DenoiseError):
        Denoiser(engine, dry_mix=1.0)


@pytest.mark.parametrize("engine", ENGINES)
def test_reset_forgets_the_previous_utterance(engine: str) -> None:
    den = Denoiser(engine)
    a = (make_noise("white", 8000, seed=1) * 3000).astype("<i2").tobytes()
    b = (make_noise("pink", 8000, seed=2) * 1000).astype("<i2").tobytes()
    first = run(den, b, 480)
    run(den, a, 480)
    assert run(den, b, 480) == first


@pytest.mark.parametrize("engine", ENGINES)
def test_short_and_empty_utterances(engine: str) -> None:
    den = Denoiser(engine)
    den.reset()
    assert den.flush() == b""
    den.reset()
    assert den.process(b"") == b""
    assert den.process(b"\x01") == b""  # an odd byte is ignored
    out = den.process(b"\x00\x10" * 10)
    assert out == b""  # less than a frame: buffered
    assert len(out + den.flush()) == 20


@pytest.mark.parametrize("engine", ENGINES)
def test_steady_noise_is_suppressed(engine: str) -> None:
    den = Denoiser(engine)
    x = (make_noise("white", 3 * 16000, seed=5) * 1000).astype("<i2")
    y = np.frombuffer(run(den, x.tobytes(), 480), dtype="<i2").astype(np.float64)
    settled = slice(16000, None)  # after the engine's noise estimate has settled
    ratio = np.mean(y[settled] ** 2) / np.mean(x[settled].astype(np.float64) ** 2)
    assert ratio < 0.25, ratio


@pytest.mark.parametrize("engine", ENGINES)
def test_speech_is_kept_and_aligned(engine: str, speech: AudioClip) -> None:
    den = Denoiser(engine)
    x = speech.samples().astype(np.float64)
    y = np.frombuffer(run(den, speech.pcm, 1024), dtype="<i2").astype(np.float64)
    assert y.size == x.size
    # Delay removed: the best alignment is within a few samples of zero.
    lags = range(-40, 41)
    n = x.size
    best = max(lags, key=lambda d: float(np.dot(y[max(d, 0) : n + min(d, 0)], x[max(-d, 0) : n - max(d, 0)])))
    assert abs(best) <= 4, best
    assert np.mean(y**2) > 0.5 * np.mean(x**2)


@pytest.mark.parametrize("engine", ENGINES)
def test_noisy_speech_gets_closer_to_clean(engine: str, speech: AudioClip) -> None:
    den = Denoiser(engine)
    clean = speech.samples().astype(np.float64)
    noisy = mix(speech, "white", 5.0, seed=11)
    y = np.frombuffer(run(den, noisy.pcm, 480), dtype="<i2").astype(np.float64)
    # The residual noise where there is no speech (the padding) falls a lot.
    quiet = np.abs(clean) == 0
    before = np.mean((noisy.samples().astype(np.float64) - clean)[quiet] ** 2)
    after = np.mean(y[quiet] ** 2)
    assert after < 0.3 * before, (after, before)


def test_unknown_engine() -> None:
    with pytest.raises(DenoiseError, match="denoise must be one of"):
        Denoiser("krisp")


def test_webrtc_level_checked() -> None:
    if importlib.util.find_spec("webrtc_noise_gain") is None:
        pytest.skip("needs webrtc-noise-gain")
    with pytest.raises(DenoiseError, match="0-4"):
        Denoiser("webrtc", level=7)


# --- in front of the PocketSphinx backend ---------------------------------------------------------


@pytest.fixture(scope="module")
def recognizers(tmp_path_factory):
    """The same PocketSphinx recognizer behind each front end (real engines)."""
    if importlib.util.find_spec("pocketsphinx") is None:
        pytest.skip("needs pocketsphinx")
    from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer, make_denoiser
    from voice_guide.stt import DomainVocabulary
    from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer
    from voice_guide.stt.pocketsphinx.models import build_domain_models

    lexicon = Path(__file__).resolve().parents[2] / "voice_guide" / "packs" / "muscle_atrophy" / "pronunciations.dict"
    sentences = ("what causes muscle atrophy", "what is sarcopenia", "what is disuse atrophy", "repeat that",
                 "next", "stop", "how is muscle atrophy treated")
    inner = PocketSphinxRecognizer(build_domain_models([DomainVocabulary("main", sentences, lexicon)],
                                                       tmp_path_factory.mktemp("m")))
    out = {"none": FrontEndRecognizer(inner, None)}
    for engine in ("webrtc", "rnnoise"):
        try:
            out[engine] = FrontEndRecognizer(inner, make_denoiser(DenoiseSettings(engine)))
        except RecognizerError:
            pass
    return out


def test_front_end_setting_errors() -> None:
    from voice_guide.audio.frontend import DenoiseSettings, make_denoiser

    with pytest.raises(RecognizerError, match="denoise must be one of"):
        make_denoiser(DenoiseSettings("bogus"))
    assert make_denoiser(DenoiseSettings("none")) is None


@needs_tts
@pytest.mark.parametrize("engine", ["webrtc", "rnnoise"])
def test_backend_with_denoise(recognizers, speech: AudioClip, engine: str) -> None:
    if engine not in recognizers:
        pytest.skip(f"{engine} not installed")
    rec = recognizers[engine]
    clean = rec.transcribe(speech.pcm)
    assert clean.text == "what causes muscle atrophy"
    assert clean.duration_ms == pytest.approx(1000.0 * len(speech.pcm) / 2 / 16000)
    # Any chunk size is taken (the front end buffers to its frame), and the same audio
    # gives the same result whatever came before (the front end is reset per utterance).
    noisy = mix(speech, "white", 10.0, seed=4).pcm
    first = rec.transcribe(noisy, samples_per_chunk=333)
    rec.transcribe(mix(speech, "pink", 0.0, seed=9).pcm, samples_per_chunk=1000)
    again = rec.transcribe(noisy, samples_per_chunk=333)
    assert (again.text, again.confidence) == (first.text, first.confidence)


@needs_tts
def test_rnnoise_helps_in_white_noise(recognizers, speech: AudioClip) -> None:
    if "rnnoise" not in recognizers:
        pytest.skip("pyrnnoise not installed")
    noisy = mix(speech, "white", 10.0, seed=4).pcm
    with_front_end = recognizers["rnnoise"].transcribe(noisy)
    assert with_front_end.text == "what causes muscle atrophy"


# --- "auto": denoise only utterances heard in a noisy room ---------------------------------


def test_noise_floor_reads_steady_noise_level_not_speech(speech: AudioClip) -> None:
    from voice_guide.audio.denoise import noise_floor_dbfs

    for kind in ("white", "pink"):
        x = make_noise(kind, 12800, seed=1)
        x = x / np.sqrt(np.mean(x**2)) * 32768 * 10 ** (-40 / 20)
        assert noise_floor_dbfs(x.astype("<i2")) == pytest.approx(-40.0, abs=2.0)
    assert noise_floor_dbfs(np.zeros(12800, dtype="<i2")) == -120.0
    assert noise_floor_dbfs(np.zeros(3, dtype="<i2")) == -120.0
    assert noise_floor_dbfs(speech.samples()[:12800]) < -45.0


@pytest.mark.skipif(importlib.util.find_spec("pyrnnoise") is None, reason="needs pyrnnoise")
def test_auto_passes_clean_and_denoises_noisy(speech: AudioClip) -> None:
    from voice_guide.audio.denoise import AutoDenoiser

    auto = AutoDenoiser("rnnoise", window_samples=12800, threshold_dbfs=-38.0)
    outs = [run(auto, speech.pcm, n) for n in (FRAME_SAMPLES, 333, 5000)]
    assert auto.active is False
    assert all(o == speech.pcm for o in outs)
    noisy = mix(speech, "white", 10.0, seed=11).pcm
    outs = [run(auto, noisy, n) for n in (FRAME_SAMPLES, 333, 20000)]
    assert auto.active is True and auto.floor_dbfs > -38.0
    assert all(o == outs[0] for o in outs) and len(outs[0]) == len(noisy)
    assert outs[0] == run(Denoiser("rnnoise"), noisy, 480)
    # Shorter than the window: decided on what there is, at flush.
    short = noisy[: 2 * 3000]
    assert run(auto, short, 100) == run(Denoiser("rnnoise"), short, 480)
    auto.reset()
    assert auto.flush() == b"" and auto.active is False


@needs_tts
@pytest.mark.skipif(importlib.util.find_spec("pyrnnoise") is None, reason="needs pyrnnoise")
def test_auto_front_end_denoises_only_in_noise(recognizers, speech: AudioClip) -> None:
    """The default stage: clean speech reaches the backend untouched, noisy speech denoised."""
    from voice_guide.audio.frontend import DenoiseSettings, FrontEndRecognizer, make_denoiser

    bare = recognizers["none"]
    auto = FrontEndRecognizer(bare.inner, make_denoiser(DenoiseSettings()))
    clean = auto.transcribe(speech.pcm, samples_per_chunk=480)
    assert auto.denoised is False
    untouched = bare.transcribe(speech.pcm)  # the CMN prefix comes in other chunks: confidence within a hair
    assert clean.text == untouched.text and clean.confidence == pytest.approx(untouched.confidence, abs=0.01)
    noisy = mix(speech, "white", 10.0, seed=4).pcm
    heard = auto.transcribe(noisy, samples_per_chunk=480)
    assert auto.denoised is True
    assert heard.text == "what causes muscle atrophy"
    assert auto.vocabulary_names == ("main",) and auto.active_vocabulary == "main" and auto.backend == "pocketsphinx"
