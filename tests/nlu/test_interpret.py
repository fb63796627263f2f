"""QAPipeline.interpret: how a transcript, the recognizer's confidence and its n-best list
become one meaning. Transcripts, alternatives and confidences are built by hand (no
recognizer is loaded); the sentences are written for these tests."""

import pytest

from voice_guide.nlu import interpret as pipeline_module
from voice_guide.nlu import interpret_commands as commands
from voice_guide.nlu import interpret_safety
from voice_guide.nlu.state import DialogueState


def test_an_exact_short_command_is_taken_at_a_low_recognizer_confidence(pipe):
    low = (commands.MIN_CONTROL_ASR_CONFIDENCE + pipeline_module.MIN_ASR_CONFIDENCE) / 2
    assert low < pipeline_module.MIN_ASR_CONFIDENCE
    assert pipe.interpret("yes please", low).intent == "yes"
    assert pipe.interpret("stop", low).intent == "stop"
    assert pipe.interpret("go back", low).intent == "previous"


def test_a_command_below_the_control_bar_is_not_acted_on(pipe):
    m = pipe.interpret("stop", commands.MIN_CONTROL_ASR_CONFIDENCE / 2)
    assert m.intent == "fallback"


def test_a_free_question_at_a_low_recognizer_confidence_is_not_answered(pipe):
    low = (commands.MIN_CONTROL_ASR_CONFIDENCE + pipeline_module.MIN_ASR_CONFIDENCE) / 2
    m = pipe.interpret("what causes muscle atrophy", low)
    assert m.intent == "fallback" and m.section_id is None


def test_a_clear_question_heard_clearly_is_answered(pipe):
    m = pipe.interpret("what causes muscle atrophy", 0.9)
    assert m.is_knowledge and m.section_id == pipe.understander.understand("what causes muscle atrophy").section_id


def test_a_question_with_several_article_words_is_answered_at_a_mediocre_confidence(pipe):
    m = pipe.interpret("can muscle wasting be reversed", 0.6)
    assert m.is_knowledge


def test_one_everyday_word_at_a_mediocre_confidence_is_not_an_answer(pipe):
    # typed, "can he fix it" maps onto a treatment topic through the single word "fix"
    assert pipe.understander.understand("can he fix it").is_knowledge
    m = pipe.interpret("can he fix it", 0.55)
    assert m.intent == "fallback" and m.section_id is None


def test_one_everyday_word_heard_very_clearly_is_still_answered(pipe):
    assert pipe.interpret("can he fix it", 0.95).is_knowledge


def test_an_exact_command_in_the_n_best_list_beats_a_garbled_best_hypothesis(pipe):
    alternatives = (("says at again", 0.5), ("say that again", 0.35), ("stay at a gain", 0.3))
    m = pipe.interpret("says at again", 0.5, alternatives)
    assert m.intent == "repeat"


def test_a_confident_answer_is_not_replaced_by_a_command_in_the_n_best_list(pipe):
    alternatives = (("what causes muscle atrophy", 0.9), ("stop", 0.4))
    m = pipe.interpret("what causes muscle atrophy", 0.9, alternatives)
    assert m.is_knowledge


def test_an_emergency_in_the_third_alternative_is_confirmed_with_one_question(pipe):
    alternatives = (("he is not breeding", 0.4), ("he is not bleeding", 0.3), ("he is not breathing", 0.2))
    m = pipe.interpret("he is not breeding", 0.4, alternatives)
    assert (m.intent, m.slots) == (
        "confirm_emergency", {"concept": "breathing", "kind": "emergency", "heard": "he is not breathing"}
    )


def test_an_emergency_in_the_best_hypothesis_is_never_dropped(pipe):
    m = pipe.interpret("call an ambulance", 0.9)
    assert (m.intent, m.slots) == ("emergency", {"concept": "call_for_help"})
    # heard, but barely: one short question instead of an alarm raised on garbled speech
    low = pipe.interpret("call an ambulance", 0.02)
    assert (low.intent, low.slots["concept"], low.slots["kind"]) == ("confirm_emergency", "call_for_help", "emergency")
    assert pipe.interpret("what is atrophy", 0.02, (("call an ambulance", 0.2),)).intent == "confirm_emergency"
    # a runner-up the recognizer itself barely believes is not asked about (real people's garbled coffee orders)
    assert pipe.interpret("what is atrophy", 0.02, (("call an ambulance", 0.05),)).intent == "fallback"


def test_pain_words_in_speech_stop_a_routine_and_nothing_else(pipe):
    from voice_guide.nlu.state import DialogueState

    assert pipe.interpret("it hurts", 0.8, (), DialogueState.ROUTINE_COUNTING).intent == "pain"
    assert pipe.interpret("twelve ouch", 0.8).intent == "fallback"


def test_a_misheard_emergency_is_never_answered_with_a_passage(pipe):
    # the best hypothesis would be a confident knowledge answer; a runner-up is choking
    alternatives = (("what is dumping syndrome", 0.9), ("she is choking", 0.3))
    m = pipe.interpret("what is dumping syndrome", 0.9, alternatives)
    assert (m.intent, m.section_id) == ("confirm_emergency", None)
    assert m.slots["concept"] == "choking"


def test_a_crisis_in_a_runner_up_is_confirmed_too(pipe):
    m = pipe.interpret("i want to and my life", 0.5, (("i want to end my life", 0.3),))
    assert (m.intent, m.slots["kind"], m.slots["concept"]) == ("confirm_emergency", "crisis", "crisis")


def test_a_crisis_in_the_best_hypothesis_is_answered_at_once(pipe):
    m = pipe.interpret("my son says he wants to die", 0.6)
    assert (m.intent, m.slots) == ("crisis", {"concept": "crisis"})


def test_a_spotted_keyword_phrase_is_checked_for_red_flags(pipe):
    m = pipe.interpreter.interpret("what is the weather", 0.6, (), keywords=("not breathing",))
    assert (m.intent, m.slots["concept"]) == ("confirm_emergency", "breathing")
    assert pipe.interpreter.interpret("what is the weather", 0.6, (), keywords=("stop",)).intent != "confirm_emergency"


def test_a_near_miss_in_the_n_best_list_raises_no_question(pipe):
    alternatives = (("can a stroke cause muscle loss", 0.8), ("can a stroke cause muscle loss now", 0.4))
    assert pipe.interpret("can a stroke cause muscle loss", 0.8, alternatives).intent != "confirm_emergency"


def test_empty_and_silent_transcripts_fall_back(pipe):
    assert pipe.interpret("", 0.0).intent == "fallback"
    assert pipe.interpret("   ", 0.9).intent == "fallback"


@pytest.mark.parametrize("text", ["what causes muscle atrophy", "can he fix it", "stop", "tell me a joke"])
def test_typed_questions_do_not_go_through_the_recognizer_checks(pipe, text):
    pipe.guide.reset()
    r = pipe.ask_text(text)
    m = pipe.understander.understand(text)
    assert (r.intent, r.section) == (m.intent, m.section_id)


def test_knowledge_evidence_counts_article_words(pipe):
    u = pipe.understander
    strong, n_strong = u.knowledge_evidence("what causes muscle atrophy", u.understand("what causes muscle atrophy").intent)
    weak, n_weak = u.knowledge_evidence("can he fix it", u.understand("can he fix it").intent)
    assert strong > weak > 0 and n_strong > n_weak >= 1
    assert u.knowledge_evidence("what causes muscle atrophy", "no_such_topic") == (0.0, 0)


def test_speech_not_understood_with_a_weak_red_flag_word_asks_instead_of_the_fallback(pipe):
    m = pipe.interpret("my husband include limited like a chest", 0.4)
    assert (m.intent, m.slots["concept"]) == ("confirm_emergency", "chest_pain")
    assert pipe.interpret("my husband include limited like a kettle", 0.4).intent == "fallback"


def test_a_red_flag_heard_only_half_well_is_asked_about_not_answered(pipe):
    half = (commands.MIN_CONTROL_ASR_CONFIDENCE + interpret_safety.MIN_DIRECT_ALARM_ASR_CONFIDENCE) / 2
    m = pipe.interpret("my son says he wants to die", max(half, 0.5))
    assert (m.intent, m.slots["kind"], m.slots["concept"]) == ("confirm_emergency", "crisis", "crisis")
    assert pipe.interpret("my son says he wants to die", interpret_safety.MIN_DIRECT_ALARM_ASR_CONFIDENCE).intent == "crisis"


def test_a_long_utterance_taken_loosely_for_help_with_a_red_flag_word_asks(pipe):
    m = pipe.interpret("please help my wife arms look desperate empty can hardly stand", 0.6)
    assert (m.intent, m.slots["concept"]) == ("confirm_emergency", "call_for_help")
    assert pipe.interpret("please help", 0.6).intent == "help"  # the short command stays a command


def test_a_decline_heard_poorly_with_a_red_flag_word_asks_but_a_clear_one_stands(pipe):
    low = interpret_safety.WEAK_ALARM_OVER_DECLINE - 0.05
    m = pipe.interpret("my granddad some the floor and can fatal his fingers", low)
    assert (m.intent, m.slots["concept"]) == ("confirm_emergency", "head_injury")
    assert pipe.interpret("my dad has the flu and a chest infection", 0.9).intent == "out_of_scope"
    assert pipe.interpret("what dose of pills should my mum take", low).intent == "medical_advice"


def test_a_bar_for_commands_found_loosely_in_long_utterances_leaves_short_commands_alone(pipe, monkeypatch):
    monkeypatch.setattr(commands, "MIN_LOOSE_CONTROL_COVERAGE", 0.0)
    monkeypatch.setattr(commands, "IDLE_NEEDS_CONTEXT", 0.0)  # sixteenth session: a loose resume in idle is declined
    assert pipe.interpret("make the white row slow go on", 0.45).intent == "resume"  # the default: off
    monkeypatch.setattr(commands, "MIN_LONG_LOOSE_CONTROL_ASR_CONFIDENCE", 0.55)
    assert pipe.interpret("make the white row slow go on", 0.45).intent == "fallback"
    assert pipe.interpret("make the white row slow go on", 0.6).intent == "resume"
    assert pipe.interpret("go on", 0.45).intent == "more"
    paused = DialogueState.ROUTINE_PAUSED  # in a routine the bar does not apply
    assert pipe.engine.interpret("okay we can carry on with the next one now", 0.45, state=paused).intent == "resume"


def test_a_yes_or_no_found_loosely_in_speech_needs_a_question(pipe):
    interpret = pipe.engine.interpret
    assert interpret("yeah what day", 0.66).intent == "fallback"  # nothing was asked
    assert interpret("nope the temperature", 0.7).intent == "fallback"
    assert interpret("yes please", 0.66).intent == "yes"  # a template, said as it is
    assert interpret("no", 0.5).intent == "no"
    assert interpret("yeah what day", 0.66, state=DialogueState.CONFIRMING).intent == "yes"
    assert interpret("yeah what day", 0.66, state=DialogueState.ROUTINE_SAFETY_CHECK).intent == "yes"


def test_a_command_found_in_a_long_utterance_of_other_words_is_declined_outside_a_routine(pipe):
    interpret = pipe.engine.interpret
    garbled = "resume all eyes coffee way thicker frame"  # 3 of 7 words are command words or stopwords
    assert pipe.engine.interpreter.control_coverage(garbled) < commands.MIN_LOOSE_CONTROL_COVERAGE
    assert interpret(garbled, 0.57).intent == "fallback"
    assert interpret(garbled, 0.57, state=DialogueState.READING).intent == "fallback"
    assert interpret(garbled, 0.57, state=DialogueState.ROUTINE_PAUSED).intent == "resume"
    assert interpret("could you read the whole thing out loud", 0.6).intent == "read_article"
    assert interpret("start the full body routine", 0.5).slots == {"routine": "full_body"}
    assert pipe.engine.interpreter.control_coverage("") == 0.0


def test_a_poorly_heard_knowledge_answer_that_reads_as_a_red_flag_is_asked_about_not_read(pipe, monkeypatch):
    monkeypatch.setattr(interpret_safety, "WEAK_ALARM_OVER_KNOWLEDGE", 0.7)
    monkeypatch.setattr(interpret_safety, "KNOWLEDGE_SUSPECTED_AT", 0.3)
    # a question cue cancels the weak word "jerking" ("... mint | she's jerking" is a report of now since the
    # nineteenth session's clause cut, safety_clauses.report_after_question, and an emergency)
    # (the tune46 refit, d1f1cb6: the learned net reads "can a machine move mint is she jerking" 0.292, under
    # KNOWLEDGE_SUSPECTED_AT (0.302 before the refit), and its passage is read, never asked about; "movement" misheard
    # as "move her mint" instead: the same passage, the weak word cancelled alike, the net 0.339 (0.350 before the refit))
    garbled = "can a machine move her mint is she jerking"
    m = pipe.interpret(garbled, 0.6)
    assert (m.intent, m.slots["heard"], m.text) == ("confirm_emergency", garbled, garbled)
    assert pipe.interpret(garbled, 0.75).is_knowledge  # heard clearly: the passage stands
    assert pipe.interpret("how do i do passive stretches for her legs", 0.6).is_knowledge
    monkeypatch.setattr(interpret_safety, "KNOWLEDGE_SUSPECTED_AT", 1.1)
    assert pipe.interpret(garbled, 0.6).is_knowledge
