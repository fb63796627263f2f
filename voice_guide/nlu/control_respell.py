"""Typing slips in a control: a short text read against the templates once its slips are corrected towards the
templates' own words ("stpo", "read the artcle", "pasue" -> "pause"; never a real English word such as "step" or
"cause", see :class:`~voice_guide.nlu.safety_spelling.SpellingFixer`), and a cue word's slip in two words ("breif",
"finshed"). Used by :class:`voice_guide.nlu.controls.ControlMatcher` (split from it in the twenty-ninth round, the
behaviour unchanged)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from voice_guide.nlu.control_hits import ControlHit
from voice_guide.nlu.state import DialogueState

if TYPE_CHECKING:
    from voice_guide.nlu.safety_spelling import SpellingFixer

RESPELL_MAX_WORDS = 4
"""A text of at most this many words (polite words stripped) has its typing slips corrected when no
template matches it as typed (:meth:`ControlMatcher.exact`)."""

RESPELL_CUE_WORDS = 2
"""A text of at most this many words whose corrected form matches no template may still be a cue
word's slip ("breif" is brief, "finshed" is stop)."""

RESPELL_MIN_LETTERS = 4
"""Shorter words are never corrected (``safety_spelling.MIN_WORD_LETTERS``)."""

RESPELLED_SCORE = 0.86
"""Confidence of a template matched once typing slips were corrected (the fuzzy match's bar)."""

Recognize = Callable[[str, DialogueState], ControlHit | None]
"""A whole template match of a text in a state (``ControlMatcher._recognize``), or None."""


class Respeller:
    """The typing slips of a pack's controls, corrected towards ``template_words`` (the words every template, rule and
    list is written with: what a slip may become)."""

    def __init__(self, template_words: frozenset[str], language: str) -> None:
        self.template_words = template_words
        self._language = language
        self._speller: SpellingFixer | None = None
        """Corrects typing slips towards the templates' words (made on first use)."""

    def __getstate__(self) -> dict[str, Any]:
        """As kept in the engine's derived-data cache: without the speller (a cache of bound methods that cannot be
        pickled; made again on first use)."""
        state = dict(self.__dict__)
        state["_speller"] = None
        return state

    def speller(self) -> "SpellingFixer":
        """The speller of typing slips towards the templates' words, made on first use (about 40 ms)."""
        if self._speller is None:
            from voice_guide.lang import get_language
            from voice_guide.nlu.safety_spelling import SpellingFixer

            self._speller = SpellingFixer(self.template_words, language=get_language(self._language))
        return self._speller

    def respelled(self, text: str, state: DialogueState, recognize: Recognize) -> ControlHit | None:
        """The template match of ``text`` with its typing slips corrected ("pasue" -> "pause", "contiune" ->
        "continue"), as ``fuzzy``, or None."""
        fixed = self.speller().fix(text)
        hit = recognize(fixed, state) if fixed != text else None
        return None if hit is None else ControlHit(hit.intent, hit.slots, RESPELLED_SCORE, "fuzzy")

    def short(self, text: str, state: DialogueState, recognize: Recognize,
              cue: Callable[[str, DialogueState], ControlHit | None]) -> ControlHit | None:
        """The template match of a short ``text`` (at most :data:`RESPELL_MAX_WORDS` words) once its typing slips are
        corrected ("stpo", "read the artcle"), found as ``fuzzy``, or in two words a cue word's slip (``cue`` of the
        corrected text); None when every word is already a word of the templates (no slip to correct) or nothing
        matches. Tried with the templates, before the article's answers: a slip of a command is not a question."""
        words = text.split()
        if not words or len(words) > RESPELL_MAX_WORDS or all(
                w in self.template_words or len(w) < RESPELL_MIN_LETTERS for w in words):
            return None
        hit = self.respelled(text, state, recognize)
        if hit is not None or len(words) > RESPELL_CUE_WORDS:
            return hit
        fixed = self.speller().fix(text)
        found = cue(fixed, state) if fixed != text else None  # "breif", "finshed": a cue word's slip
        return None if found is None else ControlHit(found.intent, found.slots, RESPELLED_SCORE, "fuzzy", found.others)
