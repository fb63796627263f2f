"""The article's subject read for a pronoun: "what can be done about it" asked of the guide is about its subject.

A question nothing else answered ("what can be done about it", "are there medicines for it") that names no subject
of its own is tried once more with its first pronoun ("it": the language's
:attr:`~voice_guide.lang.Language.pronouns`) read as the pack's subject (``subject`` in the pack's
``responses.yaml``, the words the guide already uses for it in "You can ask me about {subject}"). The new text
goes through the same knowledge match and joint decision, so nothing is answered that the words and the
decision would not answer when the subject is said: "is it going to rain" stays unanswered, and the declines
and commands had their turn on the words as said.
"""

from __future__ import annotations

import logging
from pathlib import Path

from voice_guide.content.pack import ContentPack
from voice_guide.core.errors import VoiceGuideError
from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, load_yaml_file
from voice_guide.nlu.normalize import TextNormalizer

_LOGGER = logging.getLogger(__name__)

RESPONSES_FILE = "responses.yaml"
"""The pack file whose ``subject`` names what the article is about."""


def pack_subject(pack: ContentPack) -> str | None:
    """The subject the pack's ``responses.yaml`` names ("muscle atrophy"), or None (no file, no subject, unreadable)."""
    root = pack.root
    if root is None or not (Path(root) / RESPONSES_FILE).is_file():
        return None
    try:
        data = load_yaml_file(Path(root) / RESPONSES_FILE, PACK_FILE_LIMIT_BYTES, "pack file")
    except VoiceGuideError as exc:
        _LOGGER.warning("%s not read for the subject (%s)", Path(root) / RESPONSES_FILE, exc)
        return None
    subject = data.get("subject") if isinstance(data, dict) else None
    if not isinstance(subject, str) or not subject.strip() or "{" in subject:
        return None  # a template ("{title_lower}") is no subject of the pack's own
    return " ".join(subject.lower().split())


class SubjectReading:
    """Reads a pronoun of a question as the pack's subject (see the module's docstring)."""

    def __init__(self, subject: str | None, normalizer: TextNormalizer) -> None:
        self.subject = subject
        """The pack's subject (None: never read)."""
        self._normalizer = normalizer
        self._pronouns = frozenset(getattr(normalizer.language, "pronouns", frozenset()))
        self._tokens = frozenset(normalizer.tokens(subject)) if subject else frozenset()

    def retry_text(self, cleaned: str) -> str | None:
        """``cleaned`` with its first pronoun replaced by the subject, or None: no subject, no pronoun, or the text
        already names one of the subject's words (after the lexicon: "waste" is "atrophy")."""
        if self.subject is None or not self._pronouns:
            return None
        words = cleaned.split()
        first = next((i for i, w in enumerate(words) if w in self._pronouns), None)
        if first is None or any(t in self._tokens for t in self._normalizer.tokens(cleaned)):
            return None
        return " ".join([*words[:first], self.subject, *words[first + 1:]])
