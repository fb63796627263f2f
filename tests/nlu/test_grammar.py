"""Grammar packs: intents with slots from hassil templates and lists, no article needed.

The orders here are written for these tests (the coffee pack is converted from the
speech-to-intent benchmark's grammar; its recordings are not used here).
"""

import json
from pathlib import Path

import pytest

from voice_guide.content.pack import ContentPack, load_pack
from voice_guide.core.errors import ContentError
from voice_guide.engine import QAPipeline
from voice_guide.nlu.grammar import ALT_CONFIDENCE, COMPLETED_CONFIDENCE, GrammarMatcher, normalize
from voice_guide.nlu.understanding import IntentMatch

ROOT = Path(__file__).resolve().parents[2]
COFFEE = ROOT / "tests" / "packs" / "coffee"

TEA = {
    "title": "Tea orders",
    "fallback": "Sorry, no tea for that.",
    "intents": {
        "orderTea": {
            "reply": "Brewing {tea}[ with {extra}].",
            "sentences": ["(I'd like|give me) [a] {tea} [tea] [with {extra}]"],
        },
        "cancel": {"reply": "Cancelled.", "sentences": ["cancel [my order]"]},
    },
    "lists": {"tea": {"values": ["green", "earl grey"]}, "extra": {"values": ["milk", "a slice of lemon"]}},
}


@pytest.fixture(scope="module")
def tea():
    return GrammarMatcher(ContentPack.from_dict(None, grammar=TEA))


@pytest.fixture(scope="module")
def coffee():
    return GrammarMatcher(load_pack(COFFEE))


def test_a_grammar_only_pack_loads_without_an_article():
    pack = ContentPack.from_dict(None, grammar=TEA)
    assert (pack.title, pack.sections, pack.topics, pack.grammar["fallback"]) == ("Tea orders", (), (), "Sorry, no tea for that.")


def test_the_coffee_pack_folder_has_no_article_and_its_grammar():
    pack = load_pack(COFFEE)
    assert not (COFFEE / "article.yaml").exists()
    assert pack.title == "Coffee orders" and pack.sections == ()
    assert sorted(pack.grammar["lists"]) == ["coffeeDrink", "milkAmount", "numberOfShots", "roast", "size", "sugarAmount"]
    assert len(pack.grammar["intents"]["orderDrink"]["sentences"]) == 80


def test_an_article_pack_still_needs_its_sections():
    with pytest.raises(ContentError, match="sections"):
        ContentPack.from_dict({"title": "x"})


def test_exact_match_gives_the_intent_and_every_slot(tea):
    assert tea.match("I'd like a earl grey tea with a slice of lemon") == IntentMatch(
        "orderTea", 1.0, {"tea": "earl grey", "extra": "a slice of lemon"}, text="i'd like a earl grey tea with a slice of lemon")
    assert tea.match("Cancel my order!") == IntentMatch("cancel", 1.0, {}, text="cancel my order")
    assert tea.match("play some music") is None


def test_coffee_orders_with_many_slots(coffee):
    m = coffee.match("may I have a sixteen ounce dark roast triple shot americano with lots of whole milk and a bit of sweetener")
    assert (m.intent, m.slots) == ("orderDrink", {
        "size": "sixteen ounce", "roast": "dark roast", "numberOfShots": "triple shot", "coffeeDrink": "americano",
        "milkAmount": "lots of whole milk", "sugarAmount": "a bit of sweetener"})
    assert coffee.match("give me an iced coffee").slots == {"coffeeDrink": "iced coffee"}


def test_nbest_takes_the_first_hypothesis_the_grammar_accepts(tea):
    m = tea.match_nbest([("I'd like a green tee with melon", 0.7), ("I'd like a green tea with milk", 0.5)])
    assert (m.intent, m.confidence, m.slots) == ("orderTea", ALT_CONFIDENCE, {"tea": "green", "extra": "milk"})


def test_runner_ups_that_agree_on_a_slot_outvote_the_first_hypothesis(tea):
    close = [("give me earl grey tea with milk", 0.8), ("give me green tea with milk", 0.78), ("i'd like green tea with milk", 0.76)]
    m = tea.match_nbest(close)
    assert (m.confidence, m.slots, m.text) == (ALT_CONFIDENCE, {"tea": "green", "extra": "milk"}, "give me green tea with milk")
    far = [close[0], ("give me green tea with milk", 0.2), ("i'd like green tea with milk", 0.2)]
    assert tea.match_nbest(far) == IntentMatch("orderTea", 1.0, {"tea": "earl grey", "extra": "milk"}, text="give me earl grey tea with milk")


def test_a_best_hypothesis_cut_inside_a_value_is_completed_from_the_grammar(tea):
    m = tea.match_nbest([("give me green tea with a slice of", 0.7), ("give me green tea with a", 0.5)])
    assert (m.intent, m.confidence, m.slots) == ("orderTea", COMPLETED_CONFIDENCE, {"tea": "green", "extra": "a slice of lemon"})
    assert m.text == "give me green tea with a slice of lemon"
    assert tea.complete("give me earl").slots == {"tea": "earl grey"}


def test_completion_does_not_guess_a_whole_value_or_an_ambiguous_one(tea, coffee):
    assert tea.complete("give me green tea with") is None  # "milk" would be a guess of a whole value
    assert tea.complete("give me") is None
    assert tea.complete("give me coffee") is None  # not the start of a grammar sentence
    assert coffee.complete("can i get a latte with a lot of") is None  # milk, cream, sugar, ...
    assert coffee.complete("can i get a latte with a lot of soy").slots == {"coffeeDrink": "latte", "milkAmount": "a lot of soy milk"}


def test_slot_spotting_rescues_a_garbled_order_but_not_a_stray_word(tea):
    m = tea.match_nbest([("uh I'd like um green tea please", 0.6)])
    assert (m.intent, m.slots) == ("orderTea", {"tea": "green"})
    assert 0.5 <= m.confidence < 1.0
    assert tea.match_nbest([("what is the weather like in green bay today", 0.9)]) is None
    assert tea.spot("green earl grey") is None  # the same slot heard twice with different values


def test_reply_fills_slots_and_drops_fragments_of_missing_ones(tea):
    assert tea.reply(IntentMatch("orderTea", 1.0, {"tea": "green"})) == "Brewing green."
    assert tea.reply(IntentMatch("orderTea", 1.0, {"tea": "green", "extra": "milk"})) == "Brewing green with milk."


def test_the_fast_parse_reads_the_same_intent_and_slots_as_hassil(coffee, tea):
    sentences = coffee.sentences(per_template=3) + ["cancel my order", "give me earl grey tea", "brew a coffee with a"]
    assert [coffee.parse(s) for s in sentences] == [coffee.match(s) for s in sentences]
    assert tea.parse("cancel") == tea.match("cancel") == IntentMatch("cancel", 1.0, {}, text="cancel")
    assert tea.parse("give me earl grey tea with a slice of lemon").slots == {"tea": "earl grey", "extra": "a slice of lemon"}


def test_sample_sentences_are_all_in_the_grammar_and_cover_every_value(coffee):
    sentences = coffee.sentences(per_template=3)
    templated = [s for s in sentences if coffee.match(s) is not None]
    assert len(templated) >= 200
    words = {w for s in sentences for w in s.split()}
    assert {"americano", "sweetener", "ounce", "skim", "i'd"} <= words
    assert sentences == coffee.sentences(per_template=3)  # fixed seed


def test_the_decoder_grammar_accepts_exactly_the_template_sentences(tea):
    start, final, transitions = tea.to_fsg()
    arcs: dict[int, list[tuple[int, str | None]]] = {}
    for src, dst, prob, word in transitions:
        arcs.setdefault(src, []).append((dst, word))
        assert 0.0 < prob <= 1.0

    def accepts(words: list[str], state: int = start) -> bool:
        if state == final:
            return not words
        return any(accepts(words[1:], dst) if word is not None and words and word == words[0]
                   else word is None and accepts(words, dst) for dst, word in arcs.get(state, []))

    for sentence in ("give me earl grey", "i'd like a green tea with a slice of lemon", "cancel my order", "cancel"):
        assert accepts(sentence.split()), sentence
    for sentence in ("give me", "green tea", "cancel my", "give me green with", "give me green with lemon"):
        assert not accepts(sentence.split()), sentence


def _sentence_probability(fsg: tuple[int, int, list[tuple[int, int, float, str | None]]], words: list[str]) -> float:
    start, final, transitions = fsg

    def prob(rest: list[str], state: int) -> float:
        if state == final:
            return 1.0 if not rest else 0.0
        return sum(p * (prob(rest[1:], dst) if word is not None else prob(rest, dst))
                   for src, dst, p, word in transitions
                   if src == state and (word is None or (rest and word == rest[0])))

    return prob(words, start)


def test_the_decoder_grammar_makes_every_value_of_a_list_equally_likely():
    grammar = GrammarMatcher(ContentPack.from_dict(None, grammar={
        "intents": {"order": {"reply": "ok", "sentences": ["with {amount}"]}},
        "lists": {"amount": {"values": ["milk", "lots of milk", "a lot of milk", "a bit of milk"]}},
    }))
    values = ["milk", "lots of milk", "a lot of milk", "a bit of milk"]
    by_value = [_sentence_probability(grammar.to_fsg(), f"with {v}".split()) for v in values]
    assert by_value == pytest.approx([0.25, 0.25, 0.25, 0.25])
    by_arc = [_sentence_probability(grammar.to_fsg(value_weights=False), f"with {v}".split()) for v in values]
    assert by_arc == pytest.approx([1 / 3, 1 / 3, 1 / 6, 1 / 6])  # "a ..." shares its first arc


def test_a_decoder_bias_tilts_a_value_in_the_decoder_grammar_only():
    spec = {"intents": {"order": {"reply": "ok", "sentences": ["a {shots} shot"]}},
            "lists": {"shots": {"values": ["single", "double", "triple"]}}, "decoder_bias": {"shots": {"triple": 2}}}
    grammar = GrammarMatcher(ContentPack.from_dict(None, grammar=spec))
    probs = [_sentence_probability(grammar.to_fsg(), f"a {v} shot".split()) for v in ("single", "double", "triple")]
    assert probs == pytest.approx([0.25, 0.25, 0.5])
    assert grammar.match("a double shot").slots == {"shots": "double"}


def test_the_coffee_decoder_grammar_is_compact(coffee):
    _start, _final, transitions = coffee.to_fsg()
    assert len(transitions) < 3000  # shared tails are decoded once (80 templates x 9 openings)


@pytest.mark.parametrize("bad, message", [
    ({"intents": {}}, "intents"),
    ({"intents": {"x": {"reply": "ok", "sentences": ["say {nothing}"]}}}, "undefined lists"),
    ({"intents": {"x": {"sentences": ["hello"]}}}, "no reply"),
    ({"intents": {"x": {"reply": "ok", "sentences": ["(unclosed"]}}}, "cannot be parsed"),
    ({"intents": {"x": {"reply": "ok", "sentences": ["hi"]}}, "decoder_bias": ["x"]}, "decoder_bias"),
    ({"intents": {"x": {"reply": "ok", "sentences": ["hi"]}}, "decoder_bias": {"l": {"v": 0}}}, "above 0"),
])
def test_bad_grammars_are_one_line_content_errors(bad, message):
    with pytest.raises(ContentError, match=message):
        GrammarMatcher(ContentPack.from_dict(None, grammar={"title": "t", **bad}))


def test_normalize_keeps_apostrophes_and_drops_punctuation():
    assert normalize("  I’d LIKE, a Latte! ") == "i'd like a latte"


def test_ask_text_returns_the_slots_and_the_pack_reply():
    pipeline = QAPipeline(load_pack(COFFEE))
    got = pipeline.ask_text("can I get a large latte with some soy milk").to_dict()
    del got["latency_ms"]
    assert got == {"input": "can I get a large latte with some soy milk", "transcript": None, "asr_confidence": None,
                   "intent": "orderDrink", "slots": {"size": "large", "coffeeDrink": "latte", "milkAmount": "some soy milk"},
                   "confidence": 1.0, "section": None, "answer": "Ordering large latte with some soy milk."}
    assert pipeline.ask_text("what is the capital of France").answer == "Sorry, I did not catch that order."
    json.dumps(got)


def test_safety_comes_before_the_grammar():
    pack = ContentPack.from_dict(None, grammar=TEA, safety=load_pack().safety)
    pipeline = QAPipeline(pack)
    assert (pipeline.ask_text("I can not breathe, give me green tea").intent, pipeline.ask_text("give me green tea").intent) == (
        "emergency", "orderTea")


REAL = Path("/work/shared/eval/real-speech")


@pytest.mark.skipif(not (REAL / "labels.json").exists(), reason="the real-speech recordings are not here")
def test_a_grammar_only_pack_decodes_a_real_order_against_its_grammar(tmp_path):
    from voice_guide.stt.pocketsphinx.grammar_backend import GrammarPocketSphinxRecognizer

    pipeline = QAPipeline(load_pack(COFFEE), cache_dir=tmp_path)
    result = pipeline.ask_audio(REAL / "audio" / "01a50d1b-ed05-4708-b076-5387ea170058.flac")
    assert isinstance(pipeline.recognizer.inner, GrammarPocketSphinxRecognizer)  # behind the noise front end
    assert (result.intent, result.slots, result.answer) == (
        "orderDrink", {"numberOfShots": "single shot", "coffeeDrink": "mocha", "milkAmount": "soy milk"},
        "Ordering single shot mocha with soy milk.")
    assert pipeline.engine.grammar is not None and pipeline.engine.grammar.match(result.transcript) is not None


def test_an_order_the_grammar_takes_is_not_heard_a_second_time(monkeypatch):
    """The second hearing (a second decode, ~0.5 s) is for declined or suspected speech: a spoken
    order the coffee grammar accepts is answered without it; a declined recording still gets it."""
    from voice_guide.testing.voices import available_voices, synthesize

    if not available_voices(("flite:slt",)):
        pytest.skip("needs flite (bash scripts/setup.sh)")
    pipe = QAPipeline(load_pack(COFFEE))
    heard_again: list[str] = []
    real = pipe.engine.second_opinion
    monkeypatch.setattr(pipe.engine, "second_opinion", lambda match, pcm, conf=1.0, state=None: heard_again.append(match.intent) or real(match, pcm, conf, state))
    order = pipe.ask_clip(synthesize("give me an iced coffee", "flite:slt"))
    assert (order.intent, order.slots, heard_again) == ("orderDrink", {"coffeeDrink": "iced coffee"}, [])
    pipe.start_over()
    other = pipe.ask_clip(synthesize("how old is the queen of england", "flite:slt"))
    assert (other.intent, heard_again) == ("fallback", ["fallback"])


def test_a_hypothesis_given_twice_votes_once(tea):
    close = [("give me earl grey tea with milk", 0.8), ("give me green tea with milk", 0.78), ("i'd like green tea with milk", 0.76)]
    once = tea.match_nbest(close)
    assert tea.match_nbest([close[0], *close]) == once  # the engine's transcript, then its n-best list
    assert once == IntentMatch("orderTea", ALT_CONFIDENCE, {"tea": "green", "extra": "milk"}, text="give me green tea with milk")
