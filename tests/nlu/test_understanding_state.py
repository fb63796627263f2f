"""Understanding in a dialogue state, the new control intents, and the deliberate declines.

Every sentence here is written for these tests (none from the dev set or the paraphrase sets).
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.core.errors import ContentError
from voice_guide.nlu.controls import ControlMatcher
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


@pytest.mark.parametrize("text, state, intent", [
    ("keep going", S.ROUTINE_PAUSED, "resume"),
    ("keep going", S.ROUTINE_COUNTING, "next"),
    ("keep going", S.ANSWERED, "more"),
    ("okay", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("okay", S.CONFIRMING, "yes"),
    ("we're all set", S.ROUTINE_WAITING, "ready"),
    ("ready", S.ROUTINE_PAUSED, "ready"),
    ("go", S.ROUTINE_WAITING, "ready"),
    ("she's comfortable", S.ROUTINE_SAFETY_CHECK, "yes"),
    ("he isn't settled", S.ROUTINE_SAFETY_CHECK, "no"),
    ("which count was that", S.ROUTINE_COUNTING, "repeat"),
])
def test_the_state_decides_what_a_short_utterance_means(und, text, state, intent):
    assert und.understand(text, state).intent == intent


def test_state_only_templates_do_not_hold_elsewhere(und):
    assert und.understand("go", S.ROUTINE_WAITING).intent == "ready"
    assert und.understand("go", S.IDLE).intent != "ready"
    assert und.understand("set", S.IDLE).intent != "ready"


@pytest.mark.parametrize("state", list(S))
def test_a_knowledge_question_is_answered_in_every_state(und, state):
    m = und.understand("can steroids make muscles waste away", state)
    assert (m.intent, m.section_id) == ("ask_risk_factors", "faq_causes")


@pytest.mark.parametrize("text, state, intent, slots", [
    ("um, okay, carry on then", S.ROUTINE_PAUSED, "resume", {}),
    ("hang on a sec", S.ROUTINE_COUNTING, "pause", {}),
    ("sorry, once more", S.ANSWERED, "repeat", {}),
    ("what was that?", S.READING, "repeat", {}),
    ("let's do her legs now", S.IDLE, "start_routine", {"routine": "legs"}),
    ("can we exercise my husband's legs", S.IDLE, "start_routine", {"routine": "legs"}),
    ("the hand ones please", S.ANSWERED, "start_routine", {"routine": "hands"}),
    ("could we stretch his arms", S.IDLE, "start_routine", {"routine": "arms"}),
    ("hold on, his wrist is caught", S.ROUTINE_COUNTING, "pause", {}),
    ("brief answers please", S.IDLE, "brief", {}),
    ("give me the full answers", S.IDLE, "full", {}),
    ("beeps off", S.ROUTINE_COUNTING, "sounds_off", {}),
    ("turn the sounds back on", S.IDLE, "sounds_on", {}),
    ("could I try another voice", S.READING, "change_voice", {}),
    ("push to talk", S.IDLE, "push_to_talk", {}),
    ("you're too loud", S.READING, "quieter", {}),
])
def test_everyday_control_talk(und, text, state, intent, slots):
    m = und.understand(text, state)
    assert (m.intent, m.slots) == (intent, slots)
    assert m.section_id is None


@pytest.mark.parametrize("text, intent", [
    ("can you catch muscle atrophy from someone", "not_covered"),
    ("is muscle wasting passed down in families, is it genetic", "not_covered"),
    ("which scan shows muscle atrophy", "not_covered"),
    ("what are the symptoms of the flu", "out_of_scope"),
    ("how do you get rid of a migraine", "out_of_scope"),
    ("is a keto diet healthy", "out_of_scope"),
    ("how many milligrams of prednisone should he take", "medical_advice"),
    ("should she come off her steroids", "medical_advice"),
])
def test_near_domain_questions_are_declined_not_answered_by_a_shared_word(und, text, intent):
    m = und.understand(text)
    assert (m.intent, m.section_id) == (intent, None)
    assert und.reply(intent)


def test_every_decline_has_a_reply_in_the_pack(und):
    for intent in ("not_covered", "out_of_scope", "medical_advice"):
        assert und.reply(intent).endswith(".")


def test_a_misspelt_question_is_understood(und):
    m = und.understand("what causes musle atrofy")
    assert m.section_id == "faq_causes"


def test_unknown_state_in_the_preference_table_is_a_content_error():
    with pytest.raises(ContentError, match="unknown state"):
        ControlMatcher({"intents": {"yes": ["yes"]}, "state_preferences": {"dancing": {"prefer": ["yes"]}}})


def test_unknown_intent_in_the_preference_table_is_a_content_error():
    with pytest.raises(ContentError, match="unknown control intents"):
        ControlMatcher({"intents": {"yes": ["yes"]}, "state_preferences": {"idle": {"means": {"yes": "jump"}}}})


@pytest.mark.parametrize("text, state, intent", [
    ("whoa, far too quick for her", S.ROUTINE_COUNTING, "slower"),
    ("could you get rid of those beeping noises", S.IDLE, "sounds_off"),
    ("hang fire a second", S.ROUTINE_COUNTING, "pause"),
    ("right, off we go", S.ROUTINE_PAUSED, "resume"),
    ("she's ready again", S.ROUTINE_PAUSED, "ready"),
])
def test_cue_words_catch_commands_no_template_has(und, text, state, intent):
    assert und.understand(text, state).intent == intent


def test_a_long_question_with_a_command_word_is_still_a_question(und):
    assert und.understand("is it a vicious circle when sore joints make you stop moving").intent != "stop"
    m = und.understand("does joint pain make you stop moving and get weaker")
    assert (m.intent, m.section_id) == ("ask_arthritis", "disuse")


def test_state_only_sentences_reach_the_recognizer_vocabulary(und):
    sentences = set(und.language_sentences())
    assert {"set", "all good"} <= sentences


def test_a_pack_without_states_or_cues_still_understands_commands():
    pack = load_pack()
    intents = {k: v for k, v in pack.intents.items() if k not in ("state_preferences", "cues", "declines")}
    matcher = ControlMatcher(intents)
    hit = matcher.exact("keep going", S.ROUTINE_PAUSED)
    assert hit is not None and hit.intent == "resume"
    assert matcher.cue("far too quick", S.IDLE) is None


@pytest.mark.parametrize("text, state, intent, slots", [
    ("mm hmm", S.ROUTINE_SAFETY_CHECK, "yes", {}),               # said as is, not stripped to "hmm"
    ("i don't think so", S.ROUTINE_SAFETY_CHECK, "no", {}),
    ("he's in position now", S.ROUTINE_WAITING, "ready", {}),
    ("ok i've got his wrist", S.ROUTINE_WAITING, "ready", {}),
    ("whenever you are", S.ROUTINE_WAITING, "ready", {}),
    ("how do we do this step again", S.ROUTINE_WAITING, "repeat", {}),
    ("too loud, the baby is sleeping", S.ROUTINE_COUNTING, "quieter", {}),  # a command clause before anything else
    ("mute the beeping while you count", S.ROUTINE_COUNTING, "sounds_off", {}),
    ("switch over to my wife's hands now", S.ROUTINE_PAUSED, "start_routine", {"routine": "hands"}),
    ("begin the arm stretches for dad", S.IDLE, "start_routine", {"routine": "arms"}),
    ("top to toe please", S.IDLE, "start_routine", {"routine": "full_body"}),
    ("turn the app off for today", S.ROUTINE_PAUSED, "exit", {}),
    ("sum it up in one line", S.ANSWERED, "brief", {}),
    ("i want all the details for this one", S.ROUTINE_COUNTING, "full", {}),
    ("what else can i ask you about", S.ANSWERED, "list_topics", {}),
    ("what can i say while you are reading", S.READING, "help", {}),
    ("read the whole article out loud", S.IDLE, "read_article", {}),
])
def test_everyday_control_talk_round_three(und, text, state, intent, slots):
    m = und.understand(text, state)
    assert (m.intent, {k: m.slots[k] for k in slots}) == (intent, slots)


@pytest.mark.parametrize("text, intent", [
    ("should we hire a pedal bike for his legs", "not_covered"),
    ("is exercising in a pool better for wasted muscles", "not_covered"),
    ("is morning or evening better for her stretches", "not_covered"),
    ("my neck is killing me what do i do", "out_of_scope"),
    ("what helps a tummy bug", "out_of_scope"),
    ("how long can she keep taking prednisolone", "medical_advice"),
])
def test_near_domain_declines_round_three(und, text, intent):
    assert und.understand(text).intent == intent


@pytest.mark.parametrize("text", ["set a timer for five minutes", "play some music please", "tell me a funny joke"])
def test_requests_for_another_kind_of_assistant_are_a_fallback_not_a_passage(und, text):
    m = und.understand(text)
    assert (m.intent, m.section_id) == ("fallback", None)


@pytest.mark.parametrize("text, intent", [
    ("can the physio visit us at home", "not_covered"),
    ("what does a district nurse do", "not_covered"),
    ("does wasting affect your memory", "not_covered"),
    ("what causes peripheral neuropathy", "out_of_scope"),
    ("what should i do if my dad has a fall", "out_of_scope"),
    ("could his hiv medicine be doing this", "medical_advice"),
])
def test_more_near_domain_declines(und, text, intent):
    assert und.understand(text).intent == intent


@pytest.mark.parametrize("text, section", [
    ("can steroids make your muscles waste", "faq_causes"),
    ("what categories does muscle wasting fall into", "muscle_wasting"),
    ("do the old get muscle loss from getting older", "faq_causes"),
])
def test_the_new_declines_leave_the_articles_questions_alone(und, text, section):
    assert und.understand(text).section_id == section
