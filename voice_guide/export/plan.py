"""Planning an export: which tracks, in which order, what each says, and what its hash covers.

:func:`plan_tracks` turns a pack into :class:`~voice_guide.export.model.TrackPlan` objects:
an introduction (only for a whole export), each article section, the sources, each FAQ entry,
and each routine (plain routines first, then those made of other routines). A routine made
of routines that have tracks of their own (a full-body routine made of the arm and leg
routines) is played brief, naming and counting each step, so it does not repeat those tracks
word for word; its first line says which tracks hold the full instructions.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from voice_guide.content.pack import ContentPack, Section
from voice_guide.export.model import HEADING_GAP_MS, PARAGRAPH_GAP_MS, ExportError, Segment, TrackPlan
from voice_guide.export.routine_track import play_routine
from voice_guide.export.texts import ExportTexts
from voice_guide.routines.model import Routine
from voice_guide.routines.player import PlayerSettings, number_word

PART_KINDS = {"sections": ("section", "sources"), "faq": ("faq",), "routines": ("routine",)}
"""Track kinds each value of ``only`` makes."""


def safe_file_name(title: str, max_chars: int = 60) -> str:
    """A file-name-safe form of ``title`` on every common file system: ASCII letters, digits,
    spaces and ``-,'()``, at most ``max_chars`` characters, never empty."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace(":", " -").replace("/", "-").replace("&", "and")
    text = re.sub(r"[^A-Za-z0-9 ,'()\-]+", " ", text)
    text = " ".join(text.split()).strip(" .-,")
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0].strip(" .-,") or text[:max_chars]
    return text or "Track"


def plan_tracks(
    pack: ContentPack,
    only: str | None,
    routines: list[Routine],
    texts: ExportTexts,
    player_settings: PlayerSettings,
) -> list[TrackPlan]:
    """Every track of the export, numbered, named and with the script its hash covers."""
    plans: list[TrackPlan] = []
    if only in (None, "sections"):
        plans += _section_plans(pack, texts)
    if only in (None, "faq"):
        plans += _faq_plans(pack, texts)
    if only in (None, "routines"):
        plans += _routine_plans(routines, texts, player_settings)
    if only is None and plans:
        plans.insert(0, TrackPlan("introduction", "introduction", "Introduction", _intro_segments(pack, plans, texts)))
    width = max(2, len(str(len(plans))))
    for n, plan in enumerate(plans, start=1):
        plan.number = n
        plan.stem = f"{n:0{width}d} {safe_file_name(_file_title(plan))}"
    for plan in plans:
        if plan.kind == "routine" and plan.routine is not None and plan.routine.includes:
            plan.preamble = _combined_preamble(plan, plans, texts)
        plan.script = _routine_script(plan, texts) if plan.kind == "routine" else _segments_text(plan.segments)
    return plans


def load_export_routines(
    pack: ContentPack,
    routines_dir: str | os.PathLike[str] | None,
    wanted: Sequence[str] | None,
    warnings: list[str],
) -> list[Routine]:
    """The routines to export: ``wanted`` by id, or all (plain ones first, then composites)."""
    from voice_guide.routines.loader import load_routines
    from voice_guide.routines.model import get_routine

    folder = Path(routines_dir) if routines_dir is not None else pack.routines_dir
    if folder is None:
        if wanted:
            raise ExportError(f"the pack {pack.title!r} has no routines folder")
        return []
    loaded, problems = load_routines(folder)
    warnings.extend(f"routine not exported: {p}" for p in problems)
    if wanted is not None:
        return [get_routine(loaded, name) for name in wanted]
    plain = [r for r in loaded.values() if not r.is_composite]
    composite = [r for r in loaded.values() if r.is_composite]
    return plain + composite


def player_settings_for(settings: PlayerSettings | None, rate_wpm: int) -> PlayerSettings:
    """The routine tracks' settings: ``settings``, or each step's own numbers at ``rate_wpm``."""
    if settings is None:
        return PlayerSettings(speech_words_per_minute=float(rate_wpm))
    if not isinstance(settings, PlayerSettings):
        raise ExportError("routine_settings must be PlayerSettings")
    return settings


def artist(pack: ContentPack) -> str:
    """The artist tag: the article's author and publisher, else its byline, else voice-guide."""
    raw: object = {}
    if pack.root is not None and (pack.root / "article.yaml").is_file():
        try:
            from voice_guide.core.files import PACK_FILE_LIMIT_BYTES, load_yaml_file

            raw = load_yaml_file(pack.root / "article.yaml", PACK_FILE_LIMIT_BYTES, "pack file") or {}
        except Exception:  # the pack loaded already; this is only for the tag
            raw = {}
    fields = raw if isinstance(raw, dict) else {}
    names = [n for n in (str(fields.get(k) or "").strip() for k in ("author", "publisher")) if n]
    if names:
        return ", ".join(dict.fromkeys(names))
    byline = re.sub(r"^(written\s+(by|for)|by)\s+", "", pack.byline.strip(), flags=re.IGNORECASE)
    return byline or "voice-guide"


# --- the tracks of each part ------------------------------------------------------------------


def _section_plans(pack: ContentPack, texts: ExportTexts) -> list[TrackPlan]:
    plans: list[TrackPlan] = []
    for s in pack.sections:
        if s.kind != "section":
            continue
        title = s.title
        if title.strip().lower() == "introduction":  # the guide's own introduction is track 1
            title = "The article's introduction"
        heading = Segment(s.title if s.title[-1:] in ".?!" else s.title + ".", HEADING_GAP_MS)
        plans.append(TrackPlan(f"section:{s.id}", "section", title, [heading] + _blocks_segments(s),
                               spoken_name=texts.section_name.format(title=title)))
    about = _sources_segments(pack, texts)
    if about:
        plans.append(TrackPlan("sources", "sources", texts.sources_heading.rstrip("."), about,
                               spoken_name=texts.sources_name))
    return plans


def _faq_plans(pack: ContentPack, texts: ExportTexts) -> list[TrackPlan]:
    plans: list[TrackPlan] = []
    for s in pack.sections:
        if s.kind != "faq":
            continue
        question = s.title if s.title.endswith("?") else s.title + "?"
        heading = texts.question_heading.format(question=question)
        segments = [Segment(heading, HEADING_GAP_MS)] + _blocks_segments(s)
        plans.append(TrackPlan(f"faq:{s.id}", "faq", f"Question: {question}", segments,
                               spoken_name=texts.question_name.format(question=question)))
    return plans


def _routine_plans(routines: list[Routine], texts: ExportTexts, settings: PlayerSettings) -> list[TrackPlan]:
    plans: list[TrackPlan] = []
    exported = {r.id for r in routines}
    for routine in routines:
        title = _capitalised(routine.title)
        own = settings
        if routine.includes and all(i in exported for i in routine.includes):
            own = dataclasses.replace(settings, verbosity="brief")  # the included tracks hold the details
        plans.append(TrackPlan(f"routine:{routine.id}", "routine", f"Routine: {title}", routine=routine,
                               spoken_name=texts.routine_name.format(title=routine.title),
                               preamble=texts.routine_preamble.format(title=title), player_settings=own))
    return plans


def _combined_preamble(plan: TrackPlan, plans: list[TrackPlan], texts: ExportTexts) -> str:
    """First line of a routine made of routines: which tracks hold each part's full instructions."""
    if plan.routine is None or plan.player_settings is None or plan.player_settings.verbosity != "brief":
        return plan.preamble
    numbers = {p.key: p.number for p in plans}
    by_id = {p.routine.id: p.routine for p in plans if p.routine is not None}
    parts = [f"the {by_id[i].title}" for i in plan.routine.includes if i in by_id]
    tracks = [str(numbers[f"routine:{i}"]) for i in plan.routine.includes if f"routine:{i}" in numbers]
    track_words = ("track " if len(tracks) == 1 else "tracks ") + _join(tracks)
    return texts.combined_preamble.format(title=_capitalised(plan.routine.title), parts=_join(parts), tracks=track_words)


def _blocks_segments(section: Section) -> list[Segment]:
    blocks: dict[int, list[str]] = {}
    for unit in section.units:
        blocks.setdefault(unit.block, []).append(unit.text)
    return [Segment(" ".join(texts), PARAGRAPH_GAP_MS) for texts in blocks.values()]


def _sources_segments(pack: ContentPack, texts: ExportTexts) -> list[Segment]:
    segments: list[Segment] = []
    for kind in ("about", "sources"):
        for s in pack.sections:
            if s.kind == kind:
                segments += [Segment(u.text, PARAGRAPH_GAP_MS) for u in s.units]
    if segments:
        segments.insert(0, Segment(texts.sources_heading, HEADING_GAP_MS))
    return segments


def _intro_segments(pack: ContentPack, plans: list[TrackPlan], texts: ExportTexts) -> list[Segment]:
    counts = {k: sum(1 for p in plans if p.kind == k) for k in ("section", "faq", "routine", "sources")}
    parts = []
    if counts["section"]:
        parts.append(_counted(counts["section"], texts.part_sections_one, texts.part_sections))
    if counts["sources"]:
        parts.append(texts.part_sources)
    if counts["faq"]:
        parts.append(_counted(counts["faq"], texts.part_faq_one, texts.part_faq))
    if counts["routine"]:
        parts.append(_counted(counts["routine"], texts.part_routines_one, texts.part_routines))
    byline = pack.byline.strip().rstrip(".")
    if byline:
        byline = ", " + (byline[0].lower() + byline[1:] if re.match(r"(By|Written)\b", byline) else byline)
    segments = [
        Segment(texts.intro_guide.format(title=pack.title, byline=byline), PARAGRAPH_GAP_MS),
        Segment(texts.intro_count.format(total=len(plans) + 1, parts=_join(parts)), PARAGRAPH_GAP_MS),
        Segment(texts.intro_how, PARAGRAPH_GAP_MS),
    ]
    if counts["routine"]:
        segments.append(Segment(texts.intro_routines, PARAGRAPH_GAP_MS))
    segments.append(Segment(texts.not_medical_advice, PARAGRAPH_GAP_MS))
    listing = " ".join(_listing_item(texts, i, p.spoken_name) for i, p in enumerate(plans, start=2))
    segments.append(Segment(texts.intro_listing.format(listing=listing), PARAGRAPH_GAP_MS))
    return segments


def _listing_item(texts: ExportTexts, number: int, name: str) -> str:
    name = name.rstrip(".")
    item = texts.listing_item.format(number=number, name=name)
    return item.replace("?.", "?") if name.endswith("?") else item


def _file_title(plan: TrackPlan) -> str:
    if plan.kind == "faq":
        return "Question - " + plan.title.split(":", 1)[1].strip().rstrip("?")
    if plan.kind == "routine":
        return "Routine - " + plan.title.split(":", 1)[1].strip()
    return plan.title


def _segments_text(segments: list[Segment]) -> str:
    """What the hash of a spoken track covers: its lines and the pauses after them."""
    return "\n".join(f"{s.text} [{s.gap_after_ms} ms]" for s in segments)


def _routine_script(plan: TrackPlan, texts: ExportTexts) -> str:
    """The routine's spoken lines and earcons in order, without timing: what the hash covers."""
    from voice_guide.core.clock import VirtualClock

    lines: list[str] = []
    clock = VirtualClock()
    play_routine(plan, texts, lines.append, lambda name: lines.append(f"(sound: {name})"), clock.monotonic, clock.sleep)
    settings = dataclasses.asdict(plan.player_settings) if plan.player_settings is not None else {}
    return "\n".join(lines) + "\n" + json.dumps(settings, sort_keys=True)


def _counted(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.format(number=number_word(n))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    if len(parts) == 2:
        return f"{parts[0]} and {parts[1]}"
    return ", ".join(parts[:-1]) + ", and " + parts[-1]
