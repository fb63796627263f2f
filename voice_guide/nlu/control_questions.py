"""Whether a control's text starts like a question, and which cues a question may still give ("what did you say" is
repeat; "does sitting make muscles waste faster" is no faster). Used by :class:`voice_guide.nlu.controls.ControlMatcher`
(split from it in the twenty-ninth round, the behaviour unchanged)."""

from __future__ import annotations

QUESTION_WORDS = frozenset("is are does do did will would should what why how when where who which".split())
"""A text starting with one of these starts like a question (but see :func:`looks_like_question`)."""

CUES_IN_QUESTIONS = frozenset((
    "repeat", "help", "list_topics", "more", "previous", "brief", "full", "change_voice", "sounds_on",
    "sounds_off", "louder", "quieter",
))
"""Cue intents also taken from a question ("what did you say", "is there another voice"); other
cues ("faster", "stop", a routine) are not taken from text that starts like a question."""

MAX_QUESTION_CUE_WORDS = 6
"""A longer text that starts like a question gives no cue at all ("what is the best ... stop again")."""

MODALS = frozenset("can could may might".split())
"""A text starting with one of these asks a question unless it asks the guide or the speakers to do
something (:data:`ASKED`)."""

ASKED = frozenset("i we you u us".split())

DETERMINERS = frozenset("the a an his her my their your our some all both it that this those these".split())


def looks_like_question(text: str) -> bool:
    """True when ``text`` starts like a question ("does it...", "is there...", "can atrophy skip a
    generation"), not like a command ("do the leg ones", "do his arms", "can we skip this one")."""
    words = text.split()
    if len(words) > 1 and words[0] in MODALS:
        return words[1] not in ASKED
    if not words or words[0] not in QUESTION_WORDS:
        return False
    # "do not rush", "do the leg ones": commands (a negated command is the negation rule's first)
    return not (words[0] == "do" and len(words) > 1 and (words[1] in DETERMINERS or words[1] == "not"))
