"""What a listener hears in an export besides the article itself: the introduction, headings, notes.

Every text is a template with ``{name}`` fields. The defaults are generic (they name no
subject and fit any pack); a pack can replace any of them under the ``export`` key of its
``responses.yaml`` (or of ``ContentPack.responses`` when the loader provides it), e.g.::

    export:
      recording_note: "This recording cannot hear you. ..."
      intro_routines: "The routine tracks count each movement ..."

Unknown keys and values that are not text are skipped with a warning, never an error: the
export still works with the default wording.
"""

from __future__ import annotations

import dataclasses
import logging
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from voice_guide.content.pack import ContentPack

_LOGGER = logging.getLogger(__name__)

RESPONSES_FILE = "responses.yaml"
"""The pack file that may hold the export's wording (under the ``export`` key)."""

MAX_RESPONSES_BYTES = 1_000_000
"""Largest ``responses.yaml`` read for the export's wording."""


@dataclass(frozen=True)
class ExportTexts:
    """Templates of the export's own spoken lines (fields in braces are filled in)."""

    intro_guide: str = "This is a spoken guide to the article {title}{byline}."
    """First line of the introduction track. Fields: ``title``, ``byline`` (", by ..." or "")."""

    intro_count: str = "It has {total} tracks. After this introduction come {parts}."
    """Fields: ``total`` (tracks, with the introduction), ``parts`` (what follows, in words)."""

    intro_how: str = (
        "Each track is one part. Use the next and previous buttons of your player to move between tracks, "
        "and pause whenever you like. Every track also has a written transcript with the same name."
    )
    """How to use the tracks."""

    intro_routines: str = (
        "The routine tracks count each movement and hold at a normal pace. "
        "Before each one, listen to the safety check, and stop at once if anything hurts."
    )
    """Said when the export has routine tracks."""

    not_medical_advice: str = (
        "This guide shares general information. It is not medical advice, and it does not replace a clinician."
    )
    """Said in the introduction, and written in every track's comment tag."""

    intro_listing: str = "The tracks are: {listing}"
    """Field: ``listing`` ("Track 2: ... Track 3: ...")."""

    part_sections: str = "{number} parts of the article"
    """Named in the introduction. Field: ``number`` (in words)."""

    part_sections_one: str = "one part of the article"
    """As :attr:`part_sections`, for one section."""

    part_sources: str = "where the article's information comes from"
    """Named in the introduction when the sources have a track."""

    part_faq: str = "{number} common questions with their answers"
    """Named in the introduction. Field: ``number`` (in words)."""

    part_faq_one: str = "one common question with its answer"
    """As :attr:`part_faq`, for one question."""

    part_routines: str = "{number} exercise routines to do with someone, led step by step"
    """Named in the introduction. Field: ``number`` (in words)."""

    part_routines_one: str = "one exercise routine to do with someone, led step by step"
    """As :attr:`part_routines`, for one routine."""

    listing_item: str = "Track {number}: {name}."
    """One entry of :attr:`intro_listing`. Fields: ``number`` (digits), ``name``."""

    section_name: str = "{title}"
    """How the introduction names a section track. Field: ``title``."""

    sources_name: str = "about the article and its sources"
    """How the introduction names the sources track."""

    question_name: str = "the question, {question}"
    """How the introduction names an FAQ track. Field: ``question``."""

    routine_name: str = "the {title}, a routine"
    """How the introduction names a routine track. Field: ``title``."""

    sources_heading: str = "About the article and its sources."
    """First line of the sources track."""

    question_heading: str = "Question: {question}"
    """First line of an FAQ track. Field: ``question``."""

    routine_preamble: str = "{title}, a recorded routine at a normal pace."
    """First line of a routine track. Field: ``title`` (capitalised)."""

    combined_preamble: str = (
        "{title}: {parts}, one after the other, in one session. This track names and counts each step and says "
        "its cautions; how to hold and move for each step is in {tracks}. Listen to those first."
    )
    """First line of a track made of other routines that have tracks of their own.
    Fields: ``title``, ``parts`` ("the arm exercises and the leg exercises"), ``tracks`` ("tracks 5 and 6")."""

    recording_note: str = (
        "This recording cannot hear you. If it is not safe to start, stop the player now. "
        "If anything hurts during the exercises, stop the player and stop the movement at once."
    )
    """Said in routine tracks right after the safety check (the live guide would wait for a yes)."""

    caution: str = "Caution: {caution}"
    """A step's caution, when the player's brief wording leaves it out. Field: ``caution``."""

    @classmethod
    def for_pack(cls, pack: ContentPack, warnings: list[str] | None = None) -> ExportTexts:
        """The defaults, with what the pack's ``export`` responses replace."""
        raw = _pack_export_responses(pack, warnings)
        if not raw:
            return cls()
        names = {f.name for f in dataclasses.fields(cls)}
        changes: dict[str, str] = {}
        for key, value in raw.items():
            if key not in names:
                _note(warnings, f"{RESPONSES_FILE}: export.{key} is not a text the export uses; skipped")
            elif not isinstance(value, str) or not value.strip():
                _note(warnings, f"{RESPONSES_FILE}: export.{key} should be text; the default wording is used")
            elif not _fields_ok(value, getattr(cls(), key)):
                _note(warnings, f"{RESPONSES_FILE}: export.{key} uses a {{field}} it does not have; the default wording is used")
            else:
                changes[key] = " ".join(value.split())
        return dataclasses.replace(cls(), **changes)


def _fields_ok(template: str, default: str) -> bool:
    """True when ``template`` uses only fields the default has, and parses."""
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        allowed = {name for _, name, _, _ in string.Formatter().parse(default) if name}
    except ValueError:
        return False
    return used <= allowed


def _pack_export_responses(pack: ContentPack, warnings: list[str] | None) -> dict[str, Any]:
    responses = getattr(pack, "responses", None)
    if isinstance(responses, dict):
        section = responses.get("export")
        return section if isinstance(section, dict) else {}
    root = pack.root
    path = Path(root) / RESPONSES_FILE if root is not None else None
    if path is None or not path.is_file():
        return {}
    try:
        if path.stat().st_size > MAX_RESPONSES_BYTES:
            _note(warnings, f"{RESPONSES_FILE} is over {MAX_RESPONSES_BYTES // 1000} kB; the export uses its default wording")
            return {}
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        _note(warnings, f"{RESPONSES_FILE} cannot be read ({type(err).__name__}); the export uses its default wording")
        return {}
    section = data.get("export") if isinstance(data, dict) else None
    return section if isinstance(section, dict) else {}


def _note(warnings: list[str] | None, text: str) -> None:
    _LOGGER.warning("%s", text)
    if warnings is not None:
        warnings.append(text)
