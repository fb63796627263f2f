"""PocketSphinx backend against real audio from espeak-ng and flite voices (no mocks)."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import numpy as np
import pytest

from voice_guide.audio.frontend import FrontEndRecognizer
from voice_guide.core.errors import RecognizerError
from voice_guide.stt import DomainVocabulary, Transcript, load_recognizer
from voice_guide.stt.pocketsphinx.backend import PocketSphinxRecognizer
from voice_guide.stt.pocketsphinx.models import build_domain_models
from voice_guide.testing.voices import synthesize, with_silence

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("flite") is None, reason="needs espeak-ng and flite"
)

PACK_LEXICON = Path(__file__).resolve().parents[2] / "voice_guide" / "packs" / "muscle_atrophy" / "pronunciations.dict"

QUESTIONS = (
    "What is muscle atrophy?",
    "Muscle atrophy is the wasting or loss of muscle tissue.",
    "What causes muscle atrophy?",
    "What are the types of muscle atrophy?",
    "There are three types of muscle atrophy: physiologic, pathologic and neurogenic.",
    "What is disuse atrophy?",
    "Disuse atrophy happens when muscles are not used enough.",
    "People who are bedridden or immobilized can lose muscle quickly.",
    "What is neurogenic atrophy?",
    "Neurogenic atrophy is caused by an injury or disease of a nerve that connects to the muscle.",
    "How do you treat neurogenic atrophy?",
    "What is pathologic atrophy?",
    "Pathologic atrophy can be caused by aging, starvation and diseases such as Cushing's disease.",
    "Long term use of corticosteroids can cause muscle wasting.",
    "Can steroids cause muscle wasting?",
    "What is cachexia?",
    "Cachexia is muscle wasting caused by a serious illness such as cancer.",
    "What is sarcopenia?",
    "Sarcopenia is the loss of muscle that comes with aging.",
    "Dermatomyositis and polymyositis are inflammatory muscle diseases.",
    "Spasticity and immobilization can lead to muscle atrophy.",
    "Myostatin is a protein that limits muscle growth.",
    "What are the symptoms of muscle atrophy?",
    "How is muscle atrophy diagnosed?",
    "How is muscle atrophy treated?",
    "Treatment includes exercise, physical therapy and a healthy diet.",
    "Can exercise reverse muscle atrophy?",
    "Electromyostimulation can help keep muscles working.",
    "Can muscle atrophy be prevented?",
    "When should I see a doctor?",
)
COMMANDS = (
    "next", "previous", "repeat", "repeat that", "pause", "resume", "stop", "help", "slower", "faster",
    "louder", "quieter", "yes", "no", "quit", "start arm exercises", "start leg exercises",
    "start hand exercises", "start full body exercises", "go back",
)
MEDICAL = ("cachexia", "dermatomyositis", "polymyositis", "neurogenic", "spasticity", "corticosteroids",
           "immobilization", "immobilized", "sarcopenia", "electromyostimulation")

IN_DOMAIN = ("what causes muscle atrophy", "can steroids cause muscle wasting", "what is sarcopenia",
             "what is disuse atrophy", "start full body exercises", "repeat that", "next")
OUT_OF_DOMAIN = ("what is the weather like tomorrow", "play some jazz music", "tell me a joke about cats",
                 "turn off the kitchen lights")


@pytest.fixture(scope="module")
def tts_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tts")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def vocabularies() -> list[DomainVocabulary]:
    return [
        DomainVocabulary("main", QUESTIONS + COMMANDS, PACK_LEXICON),
        DomainVocabulary("routine", COMMANDS, PACK_LEXICON),
    ]


@pytest.fixture(scope="module")
def recognizer(vocabularies, cache_dir) -> PocketSphinxRecognizer:
    rec = load_recognizer("pocketsphinx", vocabularies, cache_dir=cache_dir)
    # Every backend sits behind the noise front end; the tests below are about the backend.
    assert isinstance(rec, FrontEndRecognizer) and isinstance(rec.inner, PocketSphinxRecognizer)
    assert rec.vocabulary_names == ("main", "routine")
    return rec.inner


def speak(text: str, voice: str, cache: Path) -> bytes:
    return with_silence(synthesize(text, voice, cache_dir=cache)).pcm


def decode(rec, text: str, voice: str, cache: Path) -> Transcript:
    return rec.transcribe(speak(text, voice, cache))


@pytest.mark.parametrize("voice", ["flite:slt", "flite:rms", "espeak:en-us"])
def test_domain_sentences_are_recognized(recognizer, tts_cache, voice: str) -> None:
    recognizer.use("main")
    sentences = ("what causes muscle atrophy", "what is sarcopenia", "what is disuse atrophy",
                 "start full body exercises", "what is pathologic atrophy", "repeat that")
    results = {s: decode(recognizer, s, voice, tts_cache) for s in sentences}
    correct = [s for s, t in results.items() if t.text == s]
    assert len(correct) >= len(sentences) - 1, {s: t.text for s, t in results.items()}
    for s in correct:
        assert results[s].confidence > 0.5, (s, results[s])
        assert results[s].backend == "pocketsphinx"
        assert results[s].duration_ms > 500


def test_medical_terms_have_pronunciations(recognizer) -> None:
    dict_text = recognizer.models.dict_path.read_text()
    for word in MEDICAL:
        assert recognizer.pronunciation(word), word
        assert f"\n{word} " in "\n" + dict_text, word
    assert recognizer.pronunciation("cachexia") == "K AH K EH K S IY AH"
    assert "neurogenic(2) " in dict_text  # pack variants kept
    # "myostatin" is in no dictionary: guessed from espeak-ng and reported.
    assert "myostatin" in recognizer.guessed_words()
    assert recognizer.pronunciation("myostatin")
    # The dictionary is pruned to the vocabulary plus the background words, not all of CMUdict.
    assert len(dict_text.splitlines()) < 10000


def test_medical_question_spoken(recognizer, tts_cache) -> None:
    recognizer.use("main")
    t = decode(recognizer, "how do you treat neurogenic atrophy", "flite:rms", tts_cache)
    assert t.text == "how do you treat neurogenic atrophy"
    assert t.confidence > 0.6


def test_use_switches_phrase_sets(recognizer, tts_cache) -> None:
    try:
        recognizer.use("routine")
        assert recognizer.active_vocabulary == "routine"
        t = decode(recognizer, "start leg exercises", "flite:slt", tts_cache)
        assert t.text == "start leg exercises" and t.confidence > 0.6
        question = decode(recognizer, "what is sarcopenia", "flite:slt", tts_cache)
        assert "sarcopenia" not in question.text  # not in the routine phrase set
        assert question.confidence < 0.5
        recognizer.use("main")
        question = decode(recognizer, "what is sarcopenia", "flite:slt", tts_cache)
        assert question.text == "what is sarcopenia"
        with pytest.raises(RecognizerError, match="unknown vocabulary 'nope'"):
            recognizer.use("nope")
    finally:
        recognizer.use("main")


def test_out_of_domain_speech_gets_low_confidence(recognizer, tts_cache) -> None:
    recognizer.use("main")
    inside, outside = [], []
    for voice in ("flite:slt", "espeak:en-us"):
        inside += [decode(recognizer, s, voice, tts_cache).confidence for s in IN_DOMAIN]
        outside += [decode(recognizer, s, voice, tts_cache).confidence for s in OUT_OF_DOMAIN]
    assert statistics.mean(inside) > statistics.mean(outside) + 0.4, (inside, outside)
    assert sum(c < 0.5 for c in outside) >= len(outside) - 1, outside
    assert statistics.median(inside) > 0.7, inside


def test_same_audio_same_result_whatever_came_before(recognizer, tts_cache) -> None:
    recognizer.use("main")
    audio = speak("can exercise reverse muscle atrophy", "flite:rms", tts_cache)
    first = recognizer.transcribe(audio)
    loud_other = speak("play some jazz music right now please", "espeak:en-gb+f3", tts_cache)
    recognizer.transcribe(loud_other)
    recognizer.transcribe(speak("stop", "espeak:en-us", tts_cache))
    again = recognizer.transcribe(audio)
    assert again.text == first.text
    assert again.confidence == pytest.approx(first.confidence, abs=1e-9)
    # And chunk size does not matter either.
    assert recognizer.transcribe(audio, samples_per_chunk=4000).text == first.text


def test_alternatives_are_an_nbest_list(recognizer, tts_cache) -> None:
    recognizer.use("main")
    t = decode(recognizer, "what is cachexia", "espeak:en-us", tts_cache)
    assert 1 <= len(t.alternatives) <= 5
    assert t.alternatives[0] == (t.text, t.confidence)
    texts = [a for a, _ in t.alternatives]
    assert len(set(texts)) == len(texts)
    assert all(0.0 <= c <= 1.0 for _, c in t.alternatives)


def test_streaming_api(recognizer, tts_cache) -> None:
    recognizer.use("main")
    audio = speak("start arm exercises", "flite:slt", tts_cache)
    recognizer.start()
    for i in range(0, len(audio), 640):  # 20 ms chunks
        recognizer.accept(audio[i : i + 640])
    t = recognizer.finish()
    assert t.text == "start arm exercises"
    with pytest.raises(RecognizerError):
        recognizer.accept(b"\0\0")
    with pytest.raises(RecognizerError):
        recognizer.finish()


_HISS = np.random.default_rng(7).integers(-20, 21, 24000).astype("<i2").tobytes()


@pytest.mark.parametrize("pcm", [b"", b"\0\0" * 16000, b"\0\0" * 100, b"\1", _HISS], ids=["empty", "1s-zeros", "short", "odd-byte", "faint-hiss"])
def test_silence_and_empty_audio(recognizer, pcm: bytes) -> None:
    t = recognizer.transcribe(pcm)
    assert t.text == "" and t.confidence == 0.0
    assert t.alternatives == ()


def test_cache_hit_on_second_load(vocabularies, cache_dir) -> None:
    fresh = cache_dir / "fresh"
    first = build_domain_models(vocabularies, fresh)
    assert not first.cache_hit
    started = time.perf_counter()
    second = build_domain_models(vocabularies, fresh)
    rec = PocketSphinxRecognizer(second)
    elapsed_s = time.perf_counter() - started
    assert second.cache_hit and second.dict_path == first.dict_path
    assert rec.guessed_words() == first.guessed_words
    print(f"cold build {first.build_ms:.0f} ms, cached load {1000 * elapsed_s:.0f} ms")
    # A change in the sentences is a different cache entry.
    changed = [DomainVocabulary("main", vocabularies[0].sentences + ("what is myopathy",), PACK_LEXICON)]
    assert not build_domain_models(changed, fresh).cache_hit


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(RecognizerError, match="empty"):
        load_recognizer("pocketsphinx", [DomainVocabulary("main", ("", "?!"))], cache_dir=tmp_path)
    with pytest.raises(RecognizerError, match="at least one"):
        load_recognizer("pocketsphinx", [], cache_dir=tmp_path)
    with pytest.raises(RecognizerError, match="unknown recognizer backend"):
        load_recognizer("whisper", [DomainVocabulary("main", ("next",))])
    with pytest.raises(RecognizerError, match="not found"):
        load_recognizer("vosk", [DomainVocabulary("main", ("next",))], vosk_model=tmp_path / "nowhere")
    with pytest.raises(RecognizerError, match="not a Vosk model"):
        load_recognizer("vosk", [DomainVocabulary("main", ("next",))], vosk_model=tmp_path)
    for err in (RecognizerError,):
        try:
            load_recognizer("vosk", [DomainVocabulary("main", ("next",))], vosk_model=tmp_path)
        except err as caught:
            assert "\n" not in str(caught)


def test_noise_floor_front_end(recognizer, tts_cache) -> None:
    # Spectral noise subtraction is off (its state leaks across utterances) even though
    # the acoustic model's feat.params turns it on.
    assert recognizer.settings.noise_floor_lsb > 0
    assert not recognizer._decoder.config["remove_noise"]
    # The noise floor is fixed per position in the utterance: same input, same decoder input.
    audio = speak("what is cachexia", "espeak:en-us", tts_cache)
    recognizer.start()
    first = recognizer._condition(audio[:3200]) + recognizer._condition(audio[3200:])
    recognizer.start()
    second = b"".join(recognizer._condition(audio[i : i + 640]) for i in range(0, len(audio), 640))
    recognizer.finish()
    assert first == second and first != audio
    noise = np.frombuffer(first, dtype="<i2").astype(float) - np.frombuffer(audio, dtype="<i2")
    assert 40 < noise.std() < 90
    # Digital silence still counts as silence (the floor is not "speech").
    assert recognizer.transcribe(b"\0\0" * 16000).text == ""


def test_a_damaged_cache_entry_is_rebuilt_with_a_notice(vocabularies, cache_dir, tts_cache, caplog) -> None:
    """A truncated LM in the cache would crash the decoder: it is caught by its checksum and rebuilt."""
    fresh = cache_dir / "damaged"
    first = build_domain_models(vocabularies, fresh)
    lm = first.lm_paths["main"]
    lm.write_bytes(lm.read_bytes()[: lm.stat().st_size // 3])
    caplog.set_level("WARNING", logger="voice_guide.stt.pocketsphinx.models")
    second = build_domain_models(vocabularies, fresh)
    assert not second.cache_hit and second.lm_paths["main"] == lm
    notices = [r.getMessage() for r in caplog.records]
    assert len(notices) == 1 and "damaged" in notices[0] and "rebuilding" in notices[0] and "\n" not in notices[0]
    rec = PocketSphinxRecognizer(second)
    assert rec.transcribe(speak("what is cachexia", "flite:slt", tts_cache)).text == "what is cachexia"
    # A manifest that does not parse is rebuilt too; then the entry is whole again.
    (first.directory / "manifest.json").write_text("{", encoding="utf-8")
    assert not build_domain_models(vocabularies, fresh).cache_hit
    assert build_domain_models(vocabularies, fresh).cache_hit
