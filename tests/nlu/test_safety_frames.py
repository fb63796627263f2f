"""The frames that put a red-flag phrase out of the here and now (voice_guide/nlu/safety_frames.py), with small frames
built inline: each governs only the words after it up to a report told now (small bounds built inline too)."""

from __future__ import annotations

import re

import pytest

from voice_guide.nlu.safety_frames import FrameBounds, carry_case, case_put, framed, quoted, unquote_sources
from voice_guide.nlu.safety_types import Hit

NEWS = (re.compile(r"\bthe (?:news|radio|tv) (?:said|says)\b"),)
STORY = (re.compile(r"^in the film\b"),)
SONG = (re.compile(r"\bsong goes\b"),)
CASES = (re.compile(r"\bif (?:\w+ ){1,5}ever\b"),)
BOUNDS = FrameBounds(report_now=(re.compile(r"\b(?:he|she|i|dad|mum) (?:is|has|just)\b|\b(?:grandad|mum|dad)\b"),),
                     next_event=(re.compile(r"\b(?:and|then|but)\b"),))


def at(text: str, phrase: str) -> int:
    """Where ``phrase`` starts in ``text`` (its last occurrence)."""
    return text.rindex(phrase)


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("the news said a footballer collapsed", "collapsed", True),
    ("the news said it will snow and then grandad collapsed", "collapsed", False),
    ("the tv says stay in dad is not breathing", "not breathing", False),
    ("the radio said snow grandad collapsed", "collapsed", False),
    ("he collapsed and the news said nothing", "collapsed", False),
    ("the news said a man collapsed and i collapsed too", "collapsed", False),
])
def test_the_news_governs_only_its_own_statement(text, phrase, expected):
    assert framed(text, at(text, phrase), NEWS, scoped=True, bounds=BOUNDS) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("in the film the hero collapsed and his friend collapsed", True),
    ("in the film i collapsed", False),
])
def test_a_story_governs_the_whole_clause_but_never_the_speaker(text, expected):
    assert framed(text, at(text, "collapsed"), STORY, scoped=False, bounds=BOUNDS) is expected


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("the song goes i can not breathe without you", "can not breathe", True),
    ("the song goes on and on and then she can not breathe", "can not breathe", False),
])
def test_a_song_quotes_only_the_words_right_after_it(text, phrase, expected):
    assert quoted(text, at(text, phrase), SONG) is expected


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("if mum ever starts choking what do i do", "choking", True),
    ("if mum ever chokes what do i do she is choking now", "choking now", False),
    ("if the sore on his shin ever started bleeding a lot", "bleeding a lot", True),
    ("he is choking and if mum ever sees this", "choking", False),
])
def test_a_case_put_governs_the_words_after_it_up_to_a_report(text, phrase, expected):
    assert case_put(text, at(text, phrase), CASES, BOUNDS) is expected


@pytest.mark.parametrize(("between", "reported", "next_starts"), [
    (" stay in dad is not breathing", True, False),
    (" snow grandad", True, False),
    (" it is going to snow and then", False, True),
    (" a footballer", False, False),
    (" a man in town", False, False),
])
def test_the_packs_bounds(rules, between, reported, next_starts):
    """The shipped pack's bounds (``context.report_now``, ``context.next_event``), as the frames read them."""
    bounds = rules.context.bounds
    assert (bounds.reported(between), bounds.next_starts(between)) == (reported, next_starts)


SOURCE = re.compile(r"\b(?:the leaflet says|poster at the surgery)(?=[\s:,]*[\"\u201c\u2018'])", re.IGNORECASE)


@pytest.mark.parametrize(("text", "expected"), [
    ('The leaflet says "face drooping, call 999". Does that apply?', 'The leaflet says "a quote". Does that apply?'),
    ("Poster at the surgery: 'Chest pain? Don't wait.' What counts?", "Poster at the surgery: 'a quote' What counts?"),
    ("the leaflet says 'don't wait if it's chest pain' ok", "the leaflet says 'a quote' ok"),
    ("\u201cChest pain\u201d, the leaflet says \u201cdon't wait\u201d", "\u201cChest pain\u201d, the leaflet says \u201ca quote\u201d"),
    ('my husband said "I can\'t breathe"', 'my husband said "I can\'t breathe"'),
    ('the leaflet says chest pain is serious', 'the leaflet says chest pain is serious'),
    ('the leaflet says "chest pain and never closes', 'the leaflet says "chest pain and never closes'),
])
def test_a_sources_quotation_is_set_aside(text, expected):
    assert unquote_sources(text, SOURCE) == expected


def test_no_source_leaves_the_text():
    assert unquote_sources('the leaflet says "chest pain"', None) == 'the leaflet says "chest pain"'


@pytest.mark.parametrize(("text", "expected"), [
    ('The leaflet says "face drooping, arm weakness, call 999". Does that apply in the exercises?', "none"),
    ("Our nurse wrote on the whiteboard: 'worst headache ever, ring 999'. Should I pin it up?", "none"),
    ('My husband said "I can\'t breathe" and now he is grey', "emergency"),
    ('The doctor said "he is having a stroke", should I stop?', "emergency"),
])
def test_the_packs_quotation_sources(rules, text, expected):
    """The shipped pack's ``context.quote_source``: a leaflet's or a teacher's quotation is no report; a person's
    words said now are."""
    assert rules.assess(text).kind.value == expected


def _hit(concept: str, clause: str, cancelled_by: str | None = None) -> Hit:
    return Hit(concept, clause.split()[-1], clause, cancelled_by)


_EMERGENCY = {"seizure", "call_for_help", "choking"}.__contains__
_NO_NOW = re.compile(r"\bnow\b").search


@pytest.mark.parametrize(("parts", "hits", "expected"), [
    # a question about the case put right before it: carried into the case
    (["if he ever has a fit", "do i call 999"],
     [_hit("seizure", "if he ever has a fit", "hypothetical"), _hit("call_for_help", "do i call 999")],
     ["hypothetical", "hypothetical"]),
    # a case put with no red-flag phrase of its own
    (["if she ever gets stuck in the bath", "should i call 999"], [_hit("call_for_help", "should i call 999")],
     ["hypothetical"]),
    # a word of now in the question: it stands
    (["if he ever has a fit", "do i call 999 now"],
     [_hit("seizure", "if he ever has a fit", "hypothetical"), _hit("call_for_help", "do i call 999 now")],
     ["hypothetical", None]),
    # a live phrase elsewhere in the message: nothing is carried
    (["if he ever has a fit", "do i call 999", "she is choking"],
     [_hit("seizure", "if he ever has a fit", "hypothetical"), _hit("call_for_help", "do i call 999"),
      _hit("choking", "she is choking")],
     ["hypothetical", None, None]),
    # no case before the question
    (["she had a fit", "do i call 999"], [_hit("seizure", "she had a fit"), _hit("call_for_help", "do i call 999")],
     [None, None]),
    # the question is not right after the case
    (["if he ever has a fit", "he is fine", "do i call 999"],
     [_hit("seizure", "if he ever has a fit", "hypothetical"), _hit("call_for_help", "do i call 999")],
     ["hypothetical", None]),
])
def test_a_question_about_the_case_put_before_it_is_part_of_the_case(parts, hits, expected):
    out = carry_case(hits, parts, _EMERGENCY, lambda c: _NO_NOW(c) is not None, lambda c: CASES[0].search(c) is not None
                     or c.startswith("if "))
    assert [h.cancelled_by for h in out] == expected
