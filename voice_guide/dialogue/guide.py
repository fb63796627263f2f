"""Dialogue: an intent becomes an answer, with the state a conversation needs
(what was said last, where reading stopped, what ``more`` continues).

The :class:`Guide` is pure: it neither speaks nor listens. Its :class:`Answer` says
what to speak and which action (slower, exit, start a routine…) the caller performs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from voice_guide.content.pack import ContentPack, Section, Unit, load_pack
from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.understanding import MAX_ANSWER_WORDS, IntentMatch, Understander

_LOGGER = logging.getLogger(__name__)

ROUTINE_TITLES = {"arms": "arm", "legs": "leg", "hands": "hand", "full_body": "full body"}
"""Spoken names of the routines, by slot value."""


@dataclass(frozen=True)
class Answer:
    """What the guide says back, and what it asks the caller to do."""

    text: str
    """Exactly the text that is spoken (may be empty: say nothing)."""

    intent: str
    """The intent that was understood."""

    confidence: float
    """The understanding confidence, 0..1."""

    slots: dict[str, str] = field(default_factory=dict)
    """Slot values of the intent."""

    section_id: str | None = None
    """For an answer from the article: the section its sentences come from."""

    section_title: str | None = None
    """That section's heading."""

    action: str | None = None
    """What the caller should do besides speaking: ``slower``, ``faster``, ``louder``,
    ``quieter``, ``pause``, ``resume``, ``stop``, ``exit``, ``start_routine``, or None."""


@dataclass
class _Reading:
    section_index: int
    """Index into the pack's sections of the section being read."""

    read: set[int]
    """Units of that section already spoken."""


class Guide:
    """A conversation about one content pack. Build once; ``respond`` per utterance."""

    def __init__(self, pack: ContentPack, understander: Understander | None = None, verbosity: str = "full") -> None:
        self.pack = pack
        self.understander = understander or Understander(pack)
        self.verbosity = verbosity
        self._last: Answer | None = None
        self._reading: _Reading | None = None
        self._paused = False
        self._example_turn = 0

    @classmethod
    def load(cls, pack_dir: str | Path | None = None) -> "Guide":
        """A guide for the pack in ``pack_dir`` (the shipped article when None)."""
        return cls(load_pack(pack_dir))

    def reset(self) -> None:
        """Forget the conversation so far."""
        self._last = None
        self._reading = None
        self._paused = False

    # ------------------------------------------------------------------
    def respond(self, text: str) -> Answer:
        """Understand ``text`` and answer it."""
        return self.answer(self.understander.understand(text))

    def answer(self, match: IntentMatch) -> Answer:
        """Answer an already-understood intent."""
        handler = getattr(self, f"_on_{match.intent}", None)
        if match.is_knowledge:
            answer = self._knowledge(match)
        elif handler is not None:
            answer = handler(match)
        else:
            answer = self._on_fallback(match)
        if answer.intent not in ("repeat",) and answer.text:
            self._last = answer
        return answer

    # --- knowledge -----------------------------------------------------
    def _knowledge(self, match: IntentMatch) -> Answer:
        section = self.pack.section(match.section_id or "")
        self._reading = _Reading(self._section_index(section.id), {u.index for u in match.units})
        text = " ".join(u.text for u in match.units)
        if self.verbosity == "full" and len(self._reading.read) < len(section.units):
            text += " Say more to hear the rest."
        return Answer(text, match.intent, match.confidence, dict(match.slots), section.id, section.title)

    def _section_index(self, section_id: str) -> int:
        return next(i for i, s in enumerate(self.pack.sections) if s.id == section_id)

    def _continue(self, match: IntentMatch, announce_title: bool = False) -> Answer:
        reading = self._reading
        assert reading is not None  # internal state, never user input
        section = self.pack.sections[reading.section_index]
        remaining = [u for u in section.units if u.index not in reading.read]
        chunk = _take(remaining)
        reading.read |= {u.index for u in chunk}
        parts = []
        if announce_title:
            parts.append(_heading(section) + ".")
        parts.extend(u.text for u in chunk)
        left = len(section.units) - len(reading.read)
        if self.verbosity == "full":
            if left:
                parts.append("Say more to continue.")
            elif reading.section_index + 1 < len(self._readable()):
                parts.append("That is the end of this part. Say next for the next part.")
            else:
                parts.append("That is the end of the article.")
        return Answer(" ".join(parts), match.intent, match.confidence, {}, section.id, section.title)

    def _readable(self) -> tuple[Section, ...]:
        return self.pack.sections

    # --- controls ------------------------------------------------------
    def _on_more(self, match: IntentMatch) -> Answer:
        if self._reading is None:
            return Answer("There is nothing to continue yet. Ask a question, or say read the article.", "more", match.confidence)
        section = self.pack.sections[self._reading.section_index]
        if len(self._reading.read) >= len(section.units):
            return self._move(match, +1)
        return self._continue(match)

    def _on_read_article(self, match: IntentMatch) -> Answer:
        self._reading = _Reading(0, set())
        answer = self._continue(match, announce_title=True)
        intro = f"{self.pack.title}. {self.pack.byline}." if self.pack.byline else f"{self.pack.title}."
        return Answer(f"{intro} {answer.text}", "read_article", match.confidence, {}, answer.section_id, answer.section_title)

    def _on_next(self, match: IntentMatch) -> Answer:
        return self._move(match, +1)

    def _on_previous(self, match: IntentMatch) -> Answer:
        return self._move(match, -1)

    def _move(self, match: IntentMatch, step: int) -> Answer:
        current = self._reading.section_index if self._reading is not None else -1
        target = current + step
        if target < 0:
            return Answer("This is the first part of the article.", match.intent, match.confidence)
        if target >= len(self.pack.sections):
            return Answer("That was the last part of the article. Say read the article to start again.", match.intent, match.confidence)
        self._reading = _Reading(target, set())
        return self._continue(match, announce_title=True)

    def _on_repeat(self, match: IntentMatch) -> Answer:
        if self._last is None:
            return Answer("I have not said anything yet. Ask me a question about muscle atrophy.", "repeat", match.confidence)
        last = self._last
        return Answer(last.text, "repeat", match.confidence, dict(last.slots), last.section_id, last.section_title)

    def _on_help(self, match: IntentMatch) -> Answer:
        a, b = self._examples()
        text = (
            f"You can ask me about {self.pack.title.lower()}, for example: {a}? Or: {b}? "
            "You can also say: list topics, read the article, more, next, previous, repeat, "
            "slower, faster, louder, quieter, start arm exercises, or quit."
        )
        return Answer(text, "help", match.confidence)

    def _on_list_topics(self, match: IntentMatch) -> Answer:
        titles = [_heading(s) for s in self.pack.sections if s.kind in ("section", "faq")]
        text = "I can tell you about: " + "; ".join(titles) + ". I can also guide passive exercises for arms, legs, hands or the full body."
        return Answer(text, "list_topics", match.confidence)

    def _on_pause(self, match: IntentMatch) -> Answer:
        self._paused = True
        return Answer("Paused. Say resume when you are ready.", "pause", match.confidence, action="pause")

    def _on_resume(self, match: IntentMatch) -> Answer:
        self._paused = False
        if self._reading is not None:
            section = self.pack.sections[self._reading.section_index]
            if len(self._reading.read) < len(section.units):
                answer = self._continue(match)
                return Answer(answer.text, "resume", match.confidence, {}, answer.section_id, answer.section_title, action="resume")
        return Answer("Ready. Ask me a question.", "resume", match.confidence, action="resume")

    def _on_stop(self, match: IntentMatch) -> Answer:
        return Answer("Stopped.", "stop", match.confidence, action="stop")

    def _on_slower(self, match: IntentMatch) -> Answer:
        return Answer("Slower.", "slower", match.confidence, action="slower")

    def _on_faster(self, match: IntentMatch) -> Answer:
        return Answer("Faster.", "faster", match.confidence, action="faster")

    def _on_louder(self, match: IntentMatch) -> Answer:
        return Answer("Louder.", "louder", match.confidence, action="louder")

    def _on_quieter(self, match: IntentMatch) -> Answer:
        return Answer("Quieter.", "quieter", match.confidence, action="quieter")

    def _on_yes(self, match: IntentMatch) -> Answer:
        if self._reading is not None and self._last is not None and self._last.text.endswith("continue.") or (
            self._last is not None and self._last.text.endswith("hear the rest.")
        ):
            answer = self._on_more(match)
            return Answer(answer.text, "yes", match.confidence, {}, answer.section_id, answer.section_title)
        return Answer("Okay. Ask me a question whenever you like.", "yes", match.confidence)

    def _on_no(self, match: IntentMatch) -> Answer:
        return Answer("Okay.", "no", match.confidence)

    def _on_exit(self, match: IntentMatch) -> Answer:
        return Answer("Goodbye.", "exit", match.confidence, action="exit")

    def _on_start_routine(self, match: IntentMatch) -> Answer:
        routine = match.slots.get("routine", "")
        name = ROUTINE_TITLES.get(routine)
        if name is None:
            return Answer("Which exercises: arms, legs, hands, or full body?", "start_routine", match.confidence, dict(match.slots))
        return Answer(f"Starting the {name} exercises.", "start_routine", match.confidence, dict(match.slots), action="start_routine")

    def _on_emergency(self, match: IntentMatch) -> Answer:
        return Answer(self.understander.safety.emergency_answer, "emergency", match.confidence)

    def _on_pain(self, match: IntentMatch) -> Answer:
        return Answer(self.understander.safety.pain_answer, "pain", match.confidence, action="stop")

    # --- safety (crisis, confirmation, advice boundary): texts from the pack's safety.yaml ---
    def _on_crisis(self, match: IntentMatch) -> Answer:
        text = self.understander.safety.reply(FindingKind.CRISIS)
        return Answer(text, "crisis", match.confidence, dict(match.slots))

    def _on_confirm_emergency(self, match: IntentMatch) -> Answer:
        """One short question; the caller listens for yes/no (``SafetyRules.confirm_reply``)."""
        text = self.understander.safety.confirm_question(match.slots.get("concept"))
        return Answer(text, "confirm_emergency", match.confidence, dict(match.slots))

    def _on_medical_advice(self, match: IntentMatch) -> Answer:
        return Answer(self.understander.safety.reply(FindingKind.MEDICAL_ADVICE), "medical_advice", match.confidence)

    def _on_about_me(self, match: IntentMatch) -> Answer:
        return Answer(self.understander.safety.reply(FindingKind.ABOUT_ME), "about_me", match.confidence)

    def _on_fallback(self, match: IntentMatch) -> Answer:
        a, b = self._examples()
        text = (
            f"Sorry, I can only answer questions about {self.pack.title.lower()}. "
            f"You could ask: {a}? Or: {b}?"
        )
        return Answer(text, "fallback", match.confidence)

    def _examples(self) -> tuple[str, str]:
        """Two example questions, taken in turn from the pack's FAQ and topic samples."""
        pool = [s.title.rstrip("?") for s in self.pack.sections if s.kind == "faq"]
        pool += [t.samples[0] for t in self.pack.topics if t.samples]
        pool = list(dict.fromkeys(pool))
        if not pool:
            return ("what is this article about", "who wrote it")
        i = self._example_turn % len(pool)
        self._example_turn += 2
        a = pool[i]
        b = pool[(i + 1) % len(pool)] if len(pool) > 1 else pool[0]
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
