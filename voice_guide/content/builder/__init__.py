"""Content packs from other articles: :func:`build_pack` makes one, :func:`check_pack` finds problems.

:func:`build_pack` reads an article saved as plain text, Markdown or an HTML page and writes a
pack folder that :func:`~voice_guide.content.pack.load_pack` reads:

* ``article.yaml``: title, byline, licence line, sections (from Markdown ``#`` headings, HTML
  ``h1``-``h3``, or, in plain text, short lines without final punctuation that are followed by
  a paragraph), bulleted lists with their introductory line, the FAQ (a "Frequently Asked
  Questions" heading followed by questions ending in "?"), the sources (a "Sources" or
  "References" heading), and ``omitted``: every piece of text left out, with the reason.
  From an HTML page, scripts, styles, navigation, page header and footer, asides, forms,
  hidden elements and common boilerplate (share, subscribe, cookie, advert blocks) are dropped.
* ``topics.yaml``: one topic per section, with at least :data:`MIN_SAMPLES_PER_SECTION` sample
  questions made from the section's own words ("what is <heading>", "tell me about <key
  phrase>"), plus topics for the sources and the author. Samples are lower case words only,
  so they serve as the recognizer's domain vocabulary as they are.
* ``lexicon.yaml``: the everyday filler and common words of the shipped pack (they are about
  how people ask, not about the article) and a few generic synonyms.
* ``intents.yaml``: copied from the shipped pack (control commands). No ``safety.yaml``: the
  pack uses the shared emergency and pain rules (``packs/defaults/safety.yaml``) unless one is
  added to the folder.
* ``pronunciations.dict``: words missing from the PocketSphinx dictionary, with pronunciations
  guessed by espeak-ng through :func:`voice_guide.stt.pronunciations_for`. Every guess is marked
  ``# unchecked``: a person should listen to it, fix it if needed, and delete the mark.
* ``source.<ext>``: a copy of the input, for the record.

Modules: :mod:`.read` (bytes to text), :mod:`.text` (plain text and Markdown), :mod:`.htmlpage`,
:mod:`.structure` (blocks to an article), :mod:`.topics`, :mod:`.build` (writing the pack) and
:mod:`.check` (:func:`check_pack`).

Limits: inputs over :data:`MAX_INPUT_BYTES` are refused (a book chapter is too long for a
spoken guide: split it into articles); at most :data:`MAX_SECTIONS` sections are kept, and
the report says which were dropped. Encodings: a byte-order mark, then UTF-8, then an HTML
``<meta charset>``, then Windows-1252 when it reads as mostly English text, then
``charset_normalizer`` when installed, then Latin-1.
"""

from voice_guide.content.builder.build import build_pack
from voice_guide.content.builder.check import check_pack
from voice_guide.content.builder.doc import (
    FORMATS,
    MAX_INPUT_BYTES,
    MAX_SAMPLES_PER_SECTION,
    MAX_SECTIONS,
    MIN_SAMPLES_PER_SECTION,
    UNCHECKED_MARK,
    PackBuildError,
    PackReport,
)
from voice_guide.content.builder.read import decode_text, detect_format

__all__ = [
    "FORMATS",
    "MAX_INPUT_BYTES",
    "MAX_SAMPLES_PER_SECTION",
    "MAX_SECTIONS",
    "MIN_SAMPLES_PER_SECTION",
    "PackBuildError",
    "PackReport",
    "UNCHECKED_MARK",
    "build_pack",
    "check_pack",
    "decode_text",
    "detect_format",
]
