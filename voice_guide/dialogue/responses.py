"""The guide's own words: every reply text that is not the article's, from the pack.

A pack's ``responses.yaml`` is laid over the defaults for its language
(``voice_guide/packs/defaults/responses-<language>.yaml``). Texts are format strings with
named fields; a field the caller does not give is left as it is, never an error.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.core.files import load_yaml_file

_LOGGER = logging.getLogger(__name__)

DEFAULTS_DIR = Path(__file__).resolve().parents[1] / "packs" / "defaults"
"""Where the default replies of each language live."""

MAX_RESPONSES_BYTES = 256 * 1024
"""A responses file larger than this is refused (it is a few kilobytes)."""


class _Keep(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Responses:
    """Reply texts by key, with the pack's fields filled in."""

    def __init__(self, texts: Mapping[str, Any], fields: Mapping[str, Any] | None = None) -> None:
        self._texts = dict(texts)
        self._fields: dict[str, Any] = dict(fields or {})

    @classmethod
    def for_pack(cls, root: Path | None, title: str, language: str = "en") -> Responses:
        """The replies of the pack in ``root`` (defaults only when it has no file)."""
        pack_texts = _read(root / "responses.yaml") if root is not None else {}
        language = str(pack_texts.get("language") or language)
        texts = _read(DEFAULTS_DIR / f"responses-{language}.yaml")
        if not texts:
            texts = _read(DEFAULTS_DIR / "responses-en.yaml")
        texts.update(pack_texts)
        fields = {"title": title, "title_lower": title[:1].lower() + title[1:]}
        out = cls(texts, fields)
        out._fields["subject"] = out.text("subject")
        return out

    @property
    def language(self) -> str:
        """The language of the replies (a BCP 47 tag such as ``en``)."""
        return str(self._texts.get("language") or "en")

    def has(self, key: str) -> bool:
        """True when there is a text for ``key``."""
        return key in self._texts

    def text(self, key: str, **fields: Any) -> str:
        """The reply ``key`` with its fields filled in ("" when there is none)."""
        raw = self._texts.get(key)
        if raw is None:
            _LOGGER.debug("no reply text %r", key)
            return ""
        return string.Formatter().vformat(str(raw), (), _Keep({**self._fields, **fields})).strip()

    def items(self, key: str) -> list[str]:
        """A list of texts (example questions, demo questions); [] when there is none."""
        raw = self._texts.get(key)
        return [str(x) for x in raw] if isinstance(raw, list) else []


def _read(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = load_yaml_file(path, MAX_RESPONSES_BYTES, "responses file", ContentError)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping of reply names to texts")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str) or (isinstance(value, list) and all(isinstance(x, str) for x in value)):
            out[str(key)] = value
        else:
            _LOGGER.warning("%s: %s: expected a text or a list of texts; skipped", path.name, key)
    return out
