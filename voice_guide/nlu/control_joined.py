"""Two commands said in one breath, as a recognizer writes them (no comma between): "where were we
keep going", "ok stop that's enough", "right go back one more time". Typed text with punctuation is
split into clauses by the understanding (``understanding_clauses._clause_control``); a transcript is not.
When the words split into two parts that are each a whole template match, the last part is the
command (as the clauses are read, the last first: "where were we, keep going" is ``resume``), unless
it is a tag or an aside (:data:`NOT_LAST`), which the understanding's clause rules weigh against the
other commands named ("the arm exercises, hold on, okay" starts the arms).
Used by :meth:`voice_guide.nlu.controls.ControlMatcher.exact`, after every other rule found nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

_LOGGER = logging.getLogger(__name__)

Hit = TypeVar("Hit")

JOINED_MAX_WORDS = 8
"""Longer text is not split: two commands said together are short (nineteenth round, own batch:
the joined commands were 3 to 6 words; knowledge questions of 9 words and more are never tried)."""

JOINED_PART_WORDS = 4
"""Each part of at most this many words: a command said after another is short ("keep going",
"that's enough"); longer parts are questions or reports more often than commands."""

JOINED_MIN_WORDS = 2
"""Each part has at least this many words: a word alone is more often the verb of the other part or its
modifier than a command of its own ("stop the whole routine" is stop, "repeat the instructions" repeat,
"the bit before again" previous; tuning parts and own batch)."""

OBJECT_WORDS = frozenset("the a an his her their my our your this that these those it with to for of on in at "
                         "from about some all both".split())
"""A last part starting with one of these is the object of the first ("let's continue with his arm"),
not a command of its own."""

NOT_LAST = frozenset({"yes", "pause"})
"""A last part of these intents is not taken: "okay" is a tag and "hang on" an aside after another
command ("the arm exercises hold on okay"), as ``understanding.CLAUSE_ALTERNATIVES`` says of clauses; and
an answer before a wait is the ``answer_first`` rule's ("no wait a sec")."""


JOINERS = frozenset({"and", "then"})
"""A word that joins two commands said in one breath ("stop there and go back a bit", "pause it then read that
bit again"): dropped between the parts, which are matched as above (twenty-sixth round, own batch: the first
command's cue won, "stop there and go back a bit" was stop)."""


NOT_AFTER = frozenset({"slower", "faster", "louder", "quieter", "brief", "full", "sounds_on", "sounds_off",
                       "change_voice"})
"""Nor after a first part of these: a setting asked for, then "keep going", is the setting ("count slower
keep going" is slower; "keep going" is ``next`` while counting), left to the cues' order as before
(own probe sentences, nineteenth round)."""


WAIT_KEPT = frozenset({("pause", "no")})
"""``(first, last)`` intents where the first part is the command: "no" after a wait is the wait's reason ("no wait not
yet", "hang on not yet" are the authors' pause while a routine waits, as "wait, not yet"; twenty-ninth round, tune30:odd
and own batch: the last part's "not yet" made them the answer no)."""


def last_of_joined(text: str, recognize: Callable[[str], tuple[str, Hit] | None],
                   strip: Callable[[str], str]) -> Hit | None:
    """The command of the last part of ``text`` when ``text`` is two commands said one after the other
    (each part of at least :data:`JOINED_MIN_WORDS` words and a whole match of ``recognize``, which gives
    ``(intent, hit)``, as said or once ``strip`` took its polite words, the last not starting with one of
    :data:`OBJECT_WORDS`; the longer last part tried first; never a last part of :data:`NOT_LAST` nor one after
a first part of :data:`NOT_AFTER`; the first part's command for a pair of :data:`WAIT_KEPT`), or None."""
    def whole(part: str) -> tuple[str, Hit] | None:
        return recognize(part) or recognize(strip(part) or part)

    words = text.split()
    for cut, skip in _cuts(words):
        if words[cut + skip] in OBJECT_WORDS:
            continue
        last = whole(" ".join(words[cut + skip:]))
        first = whole(" ".join(words[:cut])) if last is not None and last[0] not in NOT_LAST else None
        if last is not None and first is not None and first[0] not in NOT_AFTER:
            _LOGGER.debug("joined commands: %r | %r", " ".join(words[:cut]), " ".join(words[cut + skip:]))
            return first[1] if (first[0], last[0]) in WAIT_KEPT else last[1]
    return None


def _cuts(words: list[str]) -> list[tuple[int, int]]:
    """``(cut, skip)`` for every split of ``words`` into two parts of :data:`JOINED_MIN_WORDS` to
    :data:`JOINED_PART_WORDS` words (the longer last part first): first with nothing between them (``skip``
    0, as before the twenty-sixth round), then with one :data:`JOINERS` word between them (``skip`` 1); at most
    :data:`JOINED_MAX_WORDS` words besides the joiner."""
    cuts = []
    for skip in (0, 1):
        n = len(words) - skip
        if not 2 * JOINED_MIN_WORDS <= n <= JOINED_MAX_WORDS:
            continue
        for cut in range(max(JOINED_MIN_WORDS, n - JOINED_PART_WORDS), min(JOINED_PART_WORDS, n - JOINED_MIN_WORDS) + 1):
            if not skip or words[cut] in JOINERS:
                cuts.append((cut, skip))
    return cuts


REMARK_JOINERS = frozenset({"so", "now"})
"""A word between a remark and the command it leads to, said without a comma ("oh he's comfy enough now so carry on",
"right she's lying down now so start counting", "is good now you can start"; twenty-eighth round, own batch: the
remark's words took a cue, "comfy enough now" was stop, or nothing was found)."""

NOT_BEFORE_SO = frozenset("is are am was were s be been being not feel feels felt look looks seem seems get gets got "
                          "and or if".split())
"""Before "so" these make it a degree ("she is so tired", "it feels so stiff") or a conjunction's ("and so on"), not
the remark's end."""

REMARK_MAX_WORDS = 14
"""Longer text is not read as a remark and a command."""

REMARK_COMMANDS = frozenset({"resume", "ready", "yes", "no", "next", "stop", "pause"})
"""The commands a remark leads to: the answer and what the routine does next ("so carry on", "now you can start", "so
skip it"). Never help or repeat: a question after a remark is no command of this rule ("she's having a seizure right now
what do i do"; "ringing in my ears now and again": the safety set's lines, which an exact command would keep from the
learned safety net's alarm)."""

NOT_FIRST = frozenset("and or but then".split())
"""The words after the joiner never start with these ("now and again", "so and so")."""


def after_remark(text: str, recognize: Callable[[str], tuple[str, Hit] | None],
                 strip: Callable[[str], str]) -> Hit | None:
    """The command said after a remark and a :data:`REMARK_JOINERS` word, when the words after the joiner (at least
    :data:`JOINED_MIN_WORDS`, at most :data:`JOINED_PART_WORDS` + 2) are a whole match of ``recognize`` as said or once
    ``strip`` took their polite words, and the remark before it is at least :data:`JOINED_MIN_WORDS` words; the last
    joiner first, its command one of :data:`REMARK_COMMANDS`; None when there is no such cut. The remark's own words
    are not read (it may hold a cue: "comfy enough")."""
    words = text.split()
    if len(words) > REMARK_MAX_WORDS:
        return None
    for cut in range(len(words) - JOINED_MIN_WORDS - 1, JOINED_MIN_WORDS - 1, -1):
        joiner, last = words[cut], words[cut + 1:]
        if joiner not in REMARK_JOINERS or len(last) > JOINED_PART_WORDS + 2 or last[0] in OBJECT_WORDS | NOT_FIRST:
            continue
        if joiner == "so" and words[cut - 1] in NOT_BEFORE_SO:
            continue
        part = " ".join(last)
        found = recognize(part) or recognize(strip(part) or part)
        if found is not None and found[0] in REMARK_COMMANDS:
            _LOGGER.debug("a remark and a command: %r | %r", " ".join(words[:cut]), part)
            return found[1]
    return None
