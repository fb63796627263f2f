"""A message that only asks about something in general (twenty-second session).

"is pain and not moving a vicious circle" holds no red-flag phrase, yet the learned net read it as an
emergency (0.91): words of symptoms asked about, not told. A message whose every clause starts as a question,
with nobody in it (no person of the pack's ``person`` field: no I, we, he, she, my mum ...), no pointing at
something here ("is *this* a stroke") and no word of now, asks about the world, not about anyone here: the net's
confirmation question then needs ``learned.asked_at`` and it never gives the emergency reply there
(:meth:`voice_guide.nlu.safety_learned.NetSettings.bars`). The rules' findings are untouched, and so is the net's
crisis bar ("what is the point of going on" is crisis talk asked as a question).

The other way round (thirty-sixth session, second round): a carer's worried question about a named person's sign told
now ("is it normal that his lips have been blue since lunch") is a report; the question does not cancel its phrase
(:func:`worried_report`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

from voice_guide.nlu.safety_clauses import report_after_question

logger = logging.getLogger(__name__)

POINTING = re.compile(r"\b(?:this|these|here)\b")
"""Something pointed at here and now: "is this a stroke", "are these the signs" ask about what is seen."""

NOW = re.compile(r"\b(?:now|suddenly|sudden|again|still|currently|at the moment|today|tonight|this (?:morning|afternoon|evening))\b")
"""Words of now besides the pack's ``context.present``: "what is wrong now" asks about something happening."""

_FILLER = re.compile(r"^(?:(?:um|uh|er|erm|oh|ok|okay|so|well|hi|hey|please|sorry|thanks|thank you) ?)*$")


def asks_in_general(parts: Iterable[str], question_starts: Iterable[re.Pattern[str]],
                    person: re.Pattern[str], present: Iterable[re.Pattern[str]]) -> bool:
    """True when every clause of ``parts`` (normalised text, fillers aside) starts as a question
    (``question_starts``) and runs into no report, and no clause names a ``person``, points at something
    (:data:`POINTING`) or holds a word of now (:data:`NOW`, ``present``)."""
    starts, now = tuple(question_starts), tuple(present)
    said = [p for p in parts if not _FILLER.match(p)]
    if not said:
        return False
    for part in said:
        if not any(q.match(part) for q in starts) or report_after_question(part):
            return False
        if person.search(part) or POINTING.search(part) or NOW.search(part) or any(p.search(part) for p in now):
            return False
    logger.debug("asked in general: %r", said)
    return True


TOLD_NOW = re.compile(
    r"\b(?:is|are|am|keeps|keep|still|now|right now|just|suddenly|can not|cannot|could not|will not|wo not"
    r"|ha(?:s|ve) (?:just |suddenly )?(?:been|gone|got|turned|become|begun|fallen|taken|drunk|hit|cut|\w+ed))\b")
"""A sign told now in a worried question, up to its red-flag phrase (thirty-sixth session, second round): the present
tense or the present perfect ("is still gasping", "has been slurred", "keeps jerking", "can not breathe", "just
collapsed"); never a bare "has", which tells a condition or a habit ("has a seizure disorder", "has a seizure every few
months": the merge review). For a sense verb see :data:`SENSE_NOW`."""

SENSE_NOW = re.compile(r"\b(?:feels|looks|seems|sounds)\b")
"""A sense verb tells a sign now too (thirty-seventh session, tune39:odd: "her tongue feels too big for her mouth?",
"she feels faint?"), but only with no cause or occasion in the few words after the phrase (:data:`SENSE_NOT_NOW`; the review:
"is it normal that she feels dizzy after the exercises", "her face looks puffy from the steroids", "he seems confused
when he first wakes up" ask about a habit)."""

_SENSE_AFTER_WORDS = 6
"""How far after the phrase a cause or an occasion keeps a sense verb from telling now ("looks pale and tired after")."""

STATE_NOW = re.compile(r"\bto (?:be|look|go|turn|have (?:gone|turned|become|been))\b")
"""A state in the infinitive after "for" and the person (forty-first session, tune43:odd: "is it normal for his calf to be
hot and hard", "for grandma to be so confused and drowsy"): told now like a sense verb, only with no cause or occasion
after the phrase ("is it normal for me to be breathless after the stairs" asks about a habit); an event in the
infinitive ("for him to choke on thin drinks") stays a question."""

SENSE_NOT_NOW = re.compile(
    r"\b(?:after|from|when|whenever|before|during|once|since|first thing|in the mornings?|at night|on (?:the )?(?:stairs|hills?|walks?)"
    r"|climbing|walking|going up|running"
    r"|on (?:(?:his|her|their|my|the|this|that|these|those|a|strong) )?(?:\w+ )?(?:morphine|medication|medicine|meds|tablets|pills"
    r"|painkillers|drugs|steroids|antibiotics|sedatives|opioids|chemo\w*|patch(?:es)?))\b")
"""A cause or an occasion after a sense verb's phrase (:data:`SENSE_NOW`): it tells a habit, not a sign now (forty-first
session, review: a medicine taken, "so confused and drowsy on morphine", asks about a side effect)."""

TIMED_NOW = re.compile(
    r"\b(?:since|still|now|right now|today|tonight|this (?:morning|afternoon|evening)|at the moment|all (?:day|morning|afternoon|evening|night)"
    r"|for (?:the )?(?:last |past )?(?:\w+ ){0,2}(?:seconds?|minutes?|mins?|hours?|hrs?))\b")
"""A time word of now anywhere after the person ("has had a nosebleed for forty minutes", "since lunch", "and she
still can not catch it")."""

NOT_TOLD_NOW = re.compile(
    r"\b(?:someone|somebody|people|anyone|a person|you|was|were|(?<!has )(?<!have )had(?! been)|did"
    r"|if|might|could(?! not)|may|would(?! not)|will(?! not)|ever)\b")
"""What keeps a worried question a question about a condition, up to its red-flag phrase: a general subject (someone,
people, you), a past told in the past tense ("she choked on a grape"; not the present perfect, "she has had a fit
for five minutes") or a case that may come ("if", "might")."""

NOT_NOW_AFTER = re.compile(
    r"\b(?:one day|some ?day|sometime|in (?:the )?future|every|each time|sometimes|often|usually|lately|recently"
    r"|when (?:he|she|they|i) (?:gets?|\w+s)|whenever|has (?:copd|asthma|epilepsy|angina|heart failure|diabetes|dementia"
    r"|parkinson\w*|(?:a |an )?\w+ (?:disorder|disease|condition)))\b")
"""What keeps it a question from the person to a few words after its phrase (the merge reviews): a case that may come
("one day"), a habit ("every few months", "when she drinks", "lately") or a condition the person has ("has copd", "has
a seizure disorder"); never past a new clause ("... is not breathing, could it be his heart" is a report)."""

_CLAUSE_CUT = re.compile(r"\b(?:and|but|so|or|could|can|may|might|if|what|i|is it|should|do|does)\b")
_AFTER_WORDS = 5


def _qualifier(clause: str, end: int) -> str:
    """The words right after a red-flag phrase ending at ``end`` that still qualify it: at most :data:`_AFTER_WORDS`,
    cut at a new clause's first word."""
    rest = clause[end:]
    cut = _CLAUSE_CUT.search(rest)
    return " ".join((rest[:cut.start()] if cut else rest).split()[:_AFTER_WORDS])


def worried_report(clause: str, end: int, frames: Iterable[re.Pattern[str]]) -> bool:
    """True when ``clause`` starts as a carer's worried question about a named person (``frames``: "is it normal that
    he", "should i be worried that my mum", "does it matter that her calf"), the words from the person to the end of
    the red-flag phrase (``clause[:end]``) tell a sign now (:data:`TOLD_NOW`, or a time word of now after it,
    :data:`TIMED_NOW`) and no general subject, past or case (:data:`NOT_TOLD_NOW`), and neither those words nor the
    few that qualify the phrase tell a habit, a case or a condition (:data:`NOT_NOW_AFTER`): "is it normal that his
    lips have been blue since lunch" is a report; "is it normal that she choked yesterday", "does it matter if he has
    a fit one day", "should i worry that she is having a stroke one day" stay questions."""
    for pattern in frames:
        m = pattern.match(clause)
        if m is None or m.end() >= end:
            continue
        told = clause[m.end():end]
        no_occasion = SENSE_NOT_NOW.search(" ".join(clause[end:].split()[:_SENSE_AFTER_WORDS])) is None
        sense_now = (SENSE_NOW.search(told) is not None or STATE_NOW.search(told) is not None) and no_occasion
        if (TOLD_NOW.search(told) or sense_now or TIMED_NOW.search(clause[m.end():])) and NOT_TOLD_NOW.search(told) is None \
                and NOT_NOW_AFTER.search(f"{told} {_qualifier(clause, end)}") is None:
            return True
    return False


EVENT_FIRST = re.compile(r"\b(?:that|if|whether) (?:after|since|ever since|now that) ")
"""A question's content clause that tells an event first ("is it normal that after she hit her head | she is having
trouble staying awake"): the clause cutter puts the report of now after it in a clause of its own."""


def event_then_report(clause: str, start: int, end: int, after: list[str],
                      why: Callable[[str, int, int], str | None], signs: Iterable[re.Pattern[str]]) -> bool:
    """True when the phrase at ``clause[start:end]``, asked about in a question, is an event told first in it
    (:data:`EVENT_FIRST` before it) that stands read in the event's own words (``why``: the context rules' reason for a
    phrase of a text, None when it stands: not "after he fell last month"), and the clause after it (``after``: that
    clause or nothing) tells a sign now with no habit, case or past (:data:`TOLD_NOW`; not :data:`NOT_NOW_AFTER`,
    :data:`NOT_TOLD_NOW`) and names a sign of illness (``signs``: "trouble staying awake", not "her lunch"): forty-first
    session, tune43:odd and the third review."""
    event = EVENT_FIRST.search(clause, 0, start)
    if event is None or not after or TOLD_NOW.search(after[0]) is None or NOT_NOW_AFTER.search(after[0]) \
            or NOT_TOLD_NOW.search(after[0]) or not any(p.search(after[0]) for p in signs):
        return False
    at = event.start() + len(event.group(0).split()[0]) + 1  # the event's own words, from "after"
    return why(clause[at:], start - at, end - at) is None


NEW_SINCE = re.compile(
    r"^(?:(?:and|but|so|because|cos|only|well) )*(?:it|this|that|the \w+)(?: one)? (?:is|has been|was) (?:all |completely "
    r"|totally |brand |really |very |quite |only )?new(?: (?:since|today|tonight|this (?:morning|afternoon|evening)|as "
    r"of|from|in the last|over the last|within the last|in the past)\b|$)"
    r"|^(?:(?:and|but|so|because|cos|only|well) )*(?:it|this|that) (?:only |just |all )?(?:started|began|came on|happened"
    r"|appeared|kicked in) (?:about |around |maybe |like )?(?:just now|a (?:few|couple of) minutes ago|\w+ minutes? ago"
    r"|(?:an|half an|one) hour ago|\w+ hours? ago|this (?:morning|afternoon|evening)|today|tonight|suddenly|all of a "
    r"sudden|out of (?:nowhere|the blue))\b")
"""A clause right after a question that says what was asked about is new ("is it normal for his mouth to hang lower on
one side when he smiles | it is new since he woke from his nap an hour ago"; fifty-third session, tune39:odd): the
question asks about a sign told now (:func:`new_after_question`)."""

_SOMEONE = re.compile(r"\b(?:his|her|he|she|my|i|me|their|they|mum|mom|mam|dad|nan|gran|grandad|grandma|husband|wife"
                      r"|son|daughter)\b")


def new_after_question(clause: str, after: list[str]) -> bool:
    """True when a question about someone here (``clause``) is followed by a clause (``after``: that clause or
    nothing) that says it is new (:data:`NEW_SINCE`): a worried report, not a question in general."""
    return bool(after) and NEW_SINCE.search(after[0]) is not None and _SOMEONE.search(clause) is not None
