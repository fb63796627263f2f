"""Dialogue over the article: an understood intent becomes a reply, with the state reading needs
(what was said last, where reading stopped, what ``more`` continues).

The :class:`Guide` is pure: it neither speaks nor listens, and every word it says that is not
the article's comes from the pack (:class:`~voice_guide.dialogue.responses.Responses`).
Settings, routines and safety confirmations are the :class:`~voice_guide.engine.Conversation`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from voice_guide.content.pack import ContentPack, Section, Unit
from voice_guide.core.types import Action, Outcome, Response
from voice_guide.dialogue.responses import Responses
from voice_guide.nlu.understanding import MAX_ANSWER_WORDS, IntentMatch

_LOGGER = logging.getLogger(__name__)

MAX_LIST_ITEMS_FIRST = 4
"""A list's introduction is read with at least this many of its items (the rest after ``more``)."""


@dataclass(frozen=True)
class RoutineName:
    """A routine the pack offers, as the dialogue names it."""

    id: str
    """The routine's id (the ``routine`` slot value): ``arms``."""
    title: str
    """Its spoken title: "arm exercises"."""


@dataclass
class _Reading:
    section_index: int
    """Index into the pack's sections of the section being read."""

    read: set[int]
    """Units of that section already spoken."""


class Guide:
    """A conversation about one content pack's article. Build once per conversation."""

    def __init__(self, pack: ContentPack, responses: Responses | None = None,
                 routines: Sequence[RoutineName] = (), verbosity: str = "full") -> None:
        self.pack = pack
        self.responses = responses or Responses.for_pack(pack.root, pack.title)
        self.routines = tuple(routines)
        self.verbosity = verbosity
        self.interactive = True
        """False for one-shot answers (``ask``): no "say more" a listener cannot act on."""
        self._last: Response | None = None
        self._reading: _Reading | None = None
        self._example_turn = 0

    def reset(self) -> None:
        """Forget the conversation so far."""
        self._last = None
        self._reading = None

    @property
    def last(self) -> Response | None:
        """The last reply worth repeating (answers, help, lists: never an acknowledgement)."""
        return self._last

    def remember(self, response: Response) -> None:
        """Keep ``response`` as the one ``repeat`` says again."""
        if response.text:
            self._last = response

    def say(self, key: str, intent: str, match: IntentMatch | None = None, action: Action = Action.NONE,
            outcome: Outcome = Outcome.ANSWERED, **fields: str) -> Response:
        """A reply from the pack's texts."""
        confidence = match.confidence if match is not None else 1.0
        slots = dict(match.slots) if match is not None else {}
        return Response(self.responses.text(key, **fields), intent, confidence, slots, action=action, outcome=outcome)

    # ------------------------------------------------------------------
    def answer(self, match: IntentMatch) -> Response:
        """Answer an understood intent that is about the article (or the fallback)."""
        if match.is_knowledge:
            response = self._knowledge(match)
        else:
            handler = getattr(self, f"_on_{match.intent}", None)
            response = handler(match) if handler is not None else self._on_fallback(match)
        if response.intent in ("more", "next", "previous", "read_article", "help", "list_topics", "resume") or match.is_knowledge:
            self.remember(response)
        return response

    # --- knowledge -----------------------------------------------------
    def _knowledge(self, match: IntentMatch) -> Response:
        section = self.pack.section(match.section_id or "")
        units = _complete_lists(section, sorted(match.units, key=lambda u: u.index))
        self._reading = _Reading(self._section_index(section.id), {u.index for u in units})
        also = _without_stray_introductions(self.pack, match.also)  # the same answer from another section
        text = " ".join(u.text for u in (*units, *also))
        if self.interactive and self.verbosity == "full" and len(self._reading.read) < len(section.units):
            text += " " + self.responses.text("say_more_rest")
        return Response(text, match.intent, match.confidence, dict(match.slots), section.id, section.title)

    def _section_index(self, section_id: str) -> int:
        return next(i for i, s in enumerate(self.pack.sections) if s.id == section_id)

    def _continue(self, match: IntentMatch, announce_title: bool = False) -> Response:
        reading = self._reading
        if reading is None:
            return self.say("more_nothing", match.intent, match)
        section = self.pack.sections[reading.section_index]
        remaining = [u for u in section.units if u.index not in reading.read]
        chunk = _complete_lists(section, _take(remaining))
        reading.read |= {u.index for u in chunk}
        parts = [_heading(section) + "."] if announce_title else []
        parts.extend(u.text for u in chunk)
        left = len(section.units) - len(reading.read)
        if self.interactive and self.verbosity == "full":
            if left:
                parts.append(self.responses.text("say_more_continue"))
            elif reading.section_index + 1 < len(self.pack.sections):
                parts.append(self.responses.text("end_of_part"))
            else:
                parts.append(self.responses.text("end_of_article"))
        return Response(" ".join(parts), match.intent, match.confidence, {}, section.id, section.title)

    # --- reading controls ----------------------------------------------
    def _on_more(self, match: IntentMatch) -> Response:
        if self._reading is None:
            return self.say("more_nothing", "more", match)
        section = self.pack.sections[self._reading.section_index]
        if len(self._reading.read) >= len(section.units):
            return self._move(match, +1)
        return self._continue(match)

    def _on_read_article(self, match: IntentMatch) -> Response:
        self._reading = _Reading(0, set())
        answer = self._continue(match, announce_title=True)
        intro = f"{self.pack.title}. {self.pack.byline}." if self.pack.byline else f"{self.pack.title}."
        return replace(answer, text=f"{intro} {answer.text}", intent="read_article")

    def _on_next(self, match: IntentMatch) -> Response:
        return self._move(match, +1)

    def _on_previous(self, match: IntentMatch) -> Response:
        return self._move(match, -1)

    def _move(self, match: IntentMatch, step: int) -> Response:
        current = self._reading.section_index if self._reading is not None else -1
        target = current + step
        if target < 0:
            return self.say("first_part", match.intent, match)
        if target >= len(self.pack.sections):
            return self.say("last_part", match.intent, match)
        self._reading = _Reading(target, set())
        return self._continue(match, announce_title=True)

    def _on_repeat(self, match: IntentMatch) -> Response:
        if self._last is None:
            return self.say("repeat_nothing", "repeat", match)
        return replace(self._last, intent="repeat", confidence=match.confidence, action=Action.NONE)

    def _on_resume(self, match: IntentMatch) -> Response:
        if self._reading is not None:
            section = self.pack.sections[self._reading.section_index]
            if len(self._reading.read) < len(section.units):
                return replace(self._continue(match), intent="resume", action=Action.RESUME)
        return self.say("resumed", "resume", match, action=Action.RESUME)

    def _on_pause(self, match: IntentMatch) -> Response:
        return self.say("paused", "pause", match, action=Action.PAUSE)

    def _on_stop(self, match: IntentMatch) -> Response:
        return self.say("stopped", "stop", match, action=Action.STOP)

    def _on_yes(self, match: IntentMatch) -> Response:
        last = self._last.text if self._last is not None else ""
        endings = (self.responses.text("say_more_rest"), self.responses.text("say_more_continue"))
        if last and any(e and last.endswith(e) for e in endings):
            return replace(self._on_more(match), intent="yes")
        return self.say("yes_idle", "yes", match)

    def _on_no(self, match: IntentMatch) -> Response:
        return self.say("no", "no", match)

    def _on_exit(self, match: IntentMatch) -> Response:
        return self.say("goodbye", "exit", match, action=Action.EXIT)

    # --- what the guide offers -----------------------------------------
    def _on_help(self, match: IntentMatch) -> Response:
        a, b = self.examples()
        routine_help = self.responses.text("help_routines", first_routine=self.routines[0].title.split()[0]) + " " if self.routines else ""
        return self.say("help", "help", match, example_a=a, example_b=b, routine_help=routine_help)

    def _on_list_topics(self, match: IntentMatch) -> Response:
        titles = "; ".join(_heading(s) for s in self.pack.reading_sections)
        text = self.responses.text("list_topics", topics=titles)
        if self.routines:
            text += " " + self.responses.text("list_topics_routines", routines=self.routine_list())
        return Response(text, "list_topics", match.confidence)

    def _on_fallback(self, match: IntentMatch) -> Response:
        a, b = self.examples()
        return self.say("fallback", "fallback", match, outcome=Outcome.NOT_UNDERSTOOD, example_a=a, example_b=b)

    def routine_list(self) -> str:
        """The routines, as a spoken list: "arm exercises, leg exercises or hand exercises"."""
        titles = [r.title for r in self.routines]
        if len(titles) <= 1:
            return "".join(titles)
        return ", ".join(titles[:-1]) + " or " + titles[-1]

    def examples(self) -> tuple[str, str]:
        """Two example questions, taken in turn from the pack's FAQ and topic samples."""
        pool = [s.title.rstrip("?") for s in self.pack.sections if s.kind == "faq"]
        pool += [t.samples[0] for t in self.pack.topics if t.samples]
        pool = list(dict.fromkeys(pool)) or self.responses.items("no_examples") or ["help"]
        i = self._example_turn % len(pool)
        self._example_turn += 2
        a = pool[i]
        b = pool[(i + 1) % len(pool)]
        return (a[0].lower() + a[1:], b[0].lower() + b[1:])


def _heading(section: Section) -> str:
    if section.kind == "faq":
        return f"Question: {section.title}"
    return section.title


def _take(units: list[Unit], max_words: int = MAX_ANSWER_WORDS) -> list[Unit]:
    out: list[Unit] = []
    words = 0
    for u in units:
        n = len(u.text.split())
        if out and words + n > max_words:
            break
        out.append(u)
        words += n
    return out


def _without_stray_introductions(pack: ContentPack, units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The units of another section read beside an answer, less any list introduction whose first item is not
    among them: "There are three main types:" followed by the third type alone promises a list it does not read."""
    chosen = {(u.section_id, u.index) for u in units}
    out = []
    for u in units:
        if u.list_intro:
            items = [x for x in pack.section(u.section_id).units if x.block == u.block and x.index > u.index]
            if items and (u.section_id, items[0].index) not in chosen:
                continue
        out.append(u)
    return tuple(out)


def _complete_lists(section: Section, units: list[Unit]) -> list[Unit]:
    """Units in reading order, where a list's introduction is never read without its items.

    An answer that would end on a list's introduction (a line ending in a colon) gets the
    list's first :data:`MAX_LIST_ITEMS_FIRST` items; ``more`` reads the rest.
    """
    chosen = {u.index for u in units}
    for u in units:
        if not u.list_intro:
            continue
        items = [x for x in section.units if x.block == u.block and x.index > u.index]
        first_items = {x.item if x.item >= 0 else x.index for x in items}
        keep = sorted(first_items)[:MAX_LIST_ITEMS_FIRST]
        if not any(x.index in chosen for x in items):
            chosen |= {x.index for x in items if (x.item if x.item >= 0 else x.index) in keep}
    return [u for u in section.units if u.index in chosen]
