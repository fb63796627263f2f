"""The forty-ninth session's understanding rules (from the tune51:odd tuning misses; docs/understanding.md, "Forty-ninth
session"): a compliment to the guide and a recipe are declined as unrelated (never the types passage by "kind" or the
serious-conditions passage by "poorly"); taken out of the routine is exit; what health questions are covered is the
list of topics; "muscle entropy" and "muscle apathy" are atrophy misheard; who the answer is for, told after the
question, is left out. Every line here was written for these tests, close to the misses, not copied."""

from __future__ import annotations

import pytest

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("text", "state", "intent"), [
    ("thanks so much, that's very kind of you", S.ANSWERED, "fallback"),
    ("you are ever so kind", S.IDLE, "fallback"),
    ("a recipe for a warming stew for someone who's poorly", S.IDLE, "fallback"),
    ("get me out of this routine please", S.ROUTINE_PAUSED, "exit"),
    ("take us out of the exercises now", S.ROUTINE_COUNTING, "exit"),
    ("what kind of medical questions can you answer", S.IDLE, "list_topics"),
    ("muscle entropy, what's that", S.IDLE, "ask_definition"),
    ("what causes muscle atrophy, my granddaughter wants to know for her homework", S.IDLE, "ask_causes"),
])
def test_the_sessions_understanding_rules(understander, text, state, intent):
    assert understander.understand(text, state).intent == intent


@pytest.mark.parametrize(("text", "intent"), [
    ("that is kind of what i thought, what causes it", "ask_causes"),
    ("what kind of atrophy comes from nerve damage", "ask_type_neurogenic"),
    ("get me out of bed more, would that help her muscles", "ask_bedridden"),
    ("is there a recipe for rebuilding wasted muscles", "ask_rebuild"),
])
def test_their_neighbours_keep_their_meaning(understander, text, intent):
    assert understander.understand(text, S.IDLE).intent == intent
