"""Questions the guide declines on purpose, before any passage is picked by a shared word.

``intents.yaml`` holds ``declines``: per decline intent, regular expressions on the
cleaned text (English rules: lower case, contractions written out, no punctuation):

* ``not_covered``: about the article's subject, but the article does not answer it
  ("is it contagious", "what test shows it");
* ``out_of_scope``: other health topics (other illnesses, the flu's symptoms, diets);
* ``medical_advice``: doses, which medicine to take, stopping a treatment (the same
  intent name as the safety rules use, for packs whose safety rules do not catch it);
* ``unrelated``: requests for another kind of assistant (timers, reminders, music, jokes):
  understood as ``fallback``, whose reply says what the guide can do.

Their reply texts are under ``replies`` in the same file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.lang import Language

DECLINE_INTENTS = ("not_covered", "out_of_scope", "medical_advice", "unrelated")  # NOT_COVERED, OUT_OF_SCOPE below
"""Intents of a deliberate decline, in the order they are checked."""

UNRELATED = "unrelated"
"""The decline that is no intent of its own: the understanding gives ``fallback`` for it."""

NOT_COVERED = "not_covered"
"""The decline of a question the article does not answer."""

OUT_OF_SCOPE = "out_of_scope"
"""The decline of another condition named ("diabetes", "dementia"). With :data:`NOT_COVERED`, the declines a case
told first can lift (never medical advice)."""

CASE_LIFTS = (NOT_COVERED, OUT_OF_SCOPE)
"""The declines a case told first lifts when the article answers its last sentence (:func:`asked_after_case`)."""


class DeclineRules:
    """The pack's decline patterns."""

    def __init__(self, intents_data: dict[str, Any]) -> None:
        raw = (intents_data or {}).get("declines") or {}
        unknown = sorted(set(raw) - set(DECLINE_INTENTS))
        if unknown:
            raise ContentError(f"intents.yaml: declines: unknown intents: {', '.join(unknown)}")
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for name in DECLINE_INTENTS:
            for i, pattern in enumerate(raw.get(name) or []):
                try:
                    self._patterns.append((name, re.compile(str(pattern))))
                except re.error as err:
                    raise ContentError(f"intents.yaml: declines.{name}[{i}]: bad pattern: {err}") from None
        replies = (intents_data or {}).get("replies") or {}
        self.replies: dict[str, str] = {str(k): " ".join(str(v).split()) for k, v in replies.items()}
        """Reply text per intent (``not_covered``, ``out_of_scope``…), from the pack."""

    def match(self, cleaned: str) -> str | None:
        """The decline intent for cleaned text, or None."""
        for name, pattern in self._patterns:
            if pattern.search(cleaned):
                return name
        return None

    def match_asked(self, cleaned: str, language: Language,
                    unwrapped: Callable[[], str | None] | None = None) -> str | None:
        """The decline intent for cleaned text, or for the plain question a fragment stands for ("arthritis
        meaning" is declined as "what is arthritis" is, "flu symptoms" as "symptoms of flu"), or for the question
        inside its wrapper (``unwrapped``: "hello, what is arthritis, thank you"; asked only when the text itself is
        not declined), or None."""
        found = self._match_plain(cleaned, language)
        if found is None and unwrapped is not None:
            question = unwrapped()
            if question is not None and question != cleaned:
                found = self._match_plain(question, language)
        return found

    def _match_plain(self, cleaned: str, language: Language) -> str | None:
        """:meth:`match` of ``cleaned``, then of the plain question it stands for (``Language.plain_question``)."""
        found = self.match(cleaned)
        if found is None:
            plain = language.plain_question(cleaned)
            if plain is not None and plain != cleaned:
                found = self.match(plain)
        return found


_SENTENCE_END = re.compile(r"[.?!;]+")


def asked_after_case(text: str, rules: DeclineRules, language: Language, names_subject: Callable[[str], bool]) -> bool:
    """Whether raw ``text`` tells a case first and then, in its last sentence, asks about the article itself ("My
    daughter has cerebral palsy. Is that the stiffness you mentioned?"; thirty-sixth round): the last sentence points
    at the article or at what the guide said (``Language.points_at_article``), names something of the lexicon
    (``names_subject``) and is not declined itself. Such a text is answered, when the article answers it, instead
    of declined for a condition its case names (:data:`CASE_LIFTS`; never a medical-advice decline; "My
    daughter has cerebral palsy. Does the article cover cerebral palsy?" is still declined)."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2:
        return False
    last = language.normalize(sentences[-1])
    return language.points_at_article(last) and names_subject(last) and rules.match(last) is None
