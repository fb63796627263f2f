"""A pure state machine that guides a caregiver through a passive range-of-motion routine.

No threads, no sleeping, no I/O: :meth:`RoutinePlayer.handle` takes an event (:class:`Tick`
or :class:`Command`, each stamped with ``now_ms``) and returns what to do as outputs
(:class:`Say`, :class:`Play` and state information). Whoever drives it (see
``voice_guide.routines.runner``) speaks, plays and ticks.

Flow: safety check (``yes`` to begin; the side can be chosen here) -> for each step: announcing
-> repetitions, each ``moving`` ("One.") -> ``holding`` ("Hold." ... "And release.") ->
``returning`` -> ``resting`` ("Next up: ...") -> ... -> ``asking_how_it_went`` (once, skippable)
-> ``finished``. Before the other side, after a pause and after a question the player waits, with
no time limit, for ``ready``. An emergency or crisis wins over everything, pain included: the
routine stops with the emergency message. Pain stops at once in every state.

Timing: one phase change at most per tick, and a new phase is timed from the tick it starts
on, so a ``say`` that blocks while speaking delays the count instead of making it skip.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from voice_guide.routines import events
from voice_guide.routines.commands import COMMAND_NAMES, normalize_command, parse_side
from voice_guide.routines.counting import EARCON_NAMES, estimate_speech_ms, number_word, parse_rating
from voice_guide.routines.events import *  # noqa: F403 - the events and outputs are the player's words too: events.__all__
from voice_guide.routines.events import (
    EXERCISE_STATES,
    MAX_SECONDS_EACH_WAY,
    MIN_SECONDS_EACH_WAY,
    RUNNING_STATES,
    TERMINAL_STATES,
    WAITING_STATES,
    Command,
    Event,
    Output,
    Play,
    PlayerState,
    Say,
    Tick,
    build_plan,
)
from voice_guide.routines.phases import SAFETY_REPROMPT_AFTER_MS, PlayerCore, SafetyClassifier
from voice_guide.routines.texts import shipped_texts

_LOGGER = logging.getLogger(__name__)

PACE_STEP_SECONDS = 1.0
"""How much ``slower`` and ``faster`` change ``seconds_each_way``."""

MAX_NOTE_CHARS = 300
"""Longest note kept from the question at the end."""

HIGH_PAIN_RATING = 7
"""A pain rating from this up is followed by "tell their clinician"."""

_TEXTS = shipped_texts()
SAFETY_LINES_TEXT = " ".join(_TEXTS.say(k) for k in ("safety_intro", "safety_spinal", "safety_chest"))
"""The safety lines the shipped safety check starts with (the side line and the question follow)."""
SAFETY_CHECK_TEXT = SAFETY_LINES_TEXT + " " + _TEXTS.say("safety_question")
"""The shipped safety check without the side line (for other modules that show it)."""
SAFETY_REPROMPT_TEXT = _TEXTS.say("safety_question")
"""Asked again after a question, or after a long silence during the safety check."""
PAIN_GUIDANCE_TEXT = _TEXTS.say("pain_guidance")
"""Spoken at once on pain in any state."""
NOT_STARTING_TEXT = _TEXTS.say("not_starting")
"""Spoken when the caregiver answers ``no`` to the safety check."""
NO_ANSWER_TEXT = _TEXTS.say("no_answer")
"""Spoken for a ``question`` command that came with no answer text."""
UNKNOWN_COMMAND_TEXT = _TEXTS.say("unknown_command")
"""Spoken for a command name the player does not know."""
SAFETY_SOURCE_KEYS = _TEXTS.all_source_keys()
"""Source keys (in the pack's ``sources.yaml``) of the player's texts."""

_CONTRACTIONS = ((re.compile(r"\bcan't\b"), "can not"), (re.compile(r"\bwon't\b"), "will not"), (re.compile(r"n't\b"), " not"))
_NON_WORD = re.compile(r"[^\w\s']+")
_NO_PAIN = re.compile(r"\b(no|without|free of) (pain|soreness)\b|\bnot (sore|painful)\b|\bdid(n't| not) hurt\b|\bpain[- ]free\b")


def clean_heard(text: str) -> str:
    """Heard text as the safety rules expect it: lower case, contractions expanded, no punctuation."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    for pattern, repl in _CONTRACTIONS:
        text = pattern.sub(repl, text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def clean_note(text: str) -> str:
    """A note as kept and printed: control characters (escape sequences too) removed, one line, bounded."""
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    kept = re.sub(r"\[[0-9;?]*[A-Za-z]", " ", kept) if "\x1b" in text else kept
    return " ".join(kept.split())[:MAX_NOTE_CHARS]


class RoutinePlayer(PlayerCore):
    """Plays one routine for one session; see the module docstring for the flow.

    ``start_at_step`` (a plan index, from 0) resumes a session where an earlier one stopped; the
    safety check is still spoken first (with a reminder of the clinician when ``after_pain_stop``).
    ``texts`` are the pack's routine texts; ``safety`` the pack's safety rules. Raises
    :class:`VoiceGuideError` for a step outside the plan, and
    :class:`~voice_guide.routines.model.RoutineError` for an unresolved composite routine.
    """

    def start(self, now_ms: int) -> list[Output]:
        """Speak the safety check (same as the first :class:`Tick`)."""
        return self.handle(Tick(now_ms))

    def handle(self, event: Event) -> list[Output]:
        """Advance on a :class:`Tick` or act on a :class:`Command`; returns the outputs in order.

        The first event of a session also speaks the safety check. A tick moves on at most
        one phase. Commands act at once and never wait for a tick.
        """
        if not isinstance(event, (Tick, Command)):
            raise TypeError(f"expected Tick or Command, not {type(event).__name__}")
        now = int(event.now_ms)
        if now < self._now_ms:
            _LOGGER.debug("clock went back from %d to %d ms; using %d", self._now_ms, now, self._now_ms)
            now = self._now_ms
        self._now_ms = now
        out: list[Output] = []
        if not self._begun:
            self._begun = True
            out.append(Say(self.safety_check_text()))
            self._deadline_ms = now + SAFETY_REPROMPT_AFTER_MS
        if isinstance(event, Tick):
            self._on_tick(now, out)
        else:
            self._on_command(event, now, out)
        if not self.settings.earcons:
            out = [o for o in out if not isinstance(o, Play)]
        return out

    # --- safety first ----------------------------------------------------------------------

    def _heard(self, text: str) -> tuple[bool, bool, bool]:
        """(emergency, crisis, pain) in what was heard."""
        if not text.strip():
            return False, False, False
        cleaned = clean_heard(text)
        rules = self.safety
        crisis_check = getattr(rules, "is_crisis", None)
        crisis = bool(crisis_check(cleaned)) if callable(crisis_check) else False
        emergency = crisis or (rules is not None and bool(rules.is_emergency(cleaned)))
        pain = self.texts.is_pain(text) or (rules is not None and bool(rules.is_pain(cleaned)))
        return emergency, crisis, pain

    def _emergency(self, crisis: bool, out: list[Output]) -> None:
        self._emergency_reported = True
        self._deadline_ms = None
        self._paused_from = None
        answer = ""
        if self.safety is not None:
            answer = str(getattr(self.safety, "crisis_answer" if crisis else "emergency_answer", "") or "")
        if not answer and crisis:
            answer = str(getattr(self.safety, "emergency_answer", "") or "")
        if self._state not in TERMINAL_STATES or self._state == PlayerState.STOPPED:
            self._set_state(PlayerState.STOPPED_FOR_EMERGENCY, out)
        if answer:
            out.append(Say(self.texts.say("emergency_lead")))
            out.append(Say(answer))
        else:
            out.append(Say(self.texts.say("emergency_fallback")))

    def _pain(self, text: str, out: list[Output]) -> None:
        self._pain_reported = True
        self._deadline_ms = None
        if self._state == PlayerState.ASKING_HOW_IT_WENT and text.strip():
            self._how_it_went = clean_note(text)
        if self._state not in (PlayerState.FINISHED, PlayerState.STOPPED_FOR_EMERGENCY):
            self._paused_from = None
            self._set_state(PlayerState.STOPPED_FOR_PAIN, out)
        out.append(Say(self.texts.say("pain_guidance")))

    # --- commands --------------------------------------------------------------------------

    def _on_command(self, command: Command, now: int, out: list[Output]) -> None:
        name = normalize_command(command.name)
        text = command.text or ""
        state = self._state
        emergency, crisis, pain = self._heard(text) if name != "question" else (False, False, False)
        if pain and state == PlayerState.ASKING_HOW_IT_WENT and (parse_rating(text) is not None or _NO_PAIN.search(text.lower())):
            pain = False  # "no pain", "sore, about a 3": an answer to the question, kept as such
        if name == "emergency" or emergency:
            self._emergency(crisis, out)
            return
        if name == "pain" or pain:
            self._pain(text, out)
            return
        if name == "help":
            if state in EXERCISE_STATES:
                self._hold(out)
            out.append(Say(self.help_text()))
        elif name == "question":
            self._question(text, now, out)
        elif name not in COMMAND_NAMES:
            _LOGGER.info("unknown command %r in state %s", command.name, state)
            out.append(Say(self.texts.say("unknown_command")))
        elif state in TERMINAL_STATES:
            if name not in ("yes", "no"):
                out.append(Say(self.help_text()))
        elif name in ("slower", "faster"):
            self._change_pace(name, out)
        elif state == PlayerState.ASKING_HOW_IT_WENT:
            self._how_it_went_answer(name, text, out)
        elif name == "stop":
            self._stop(out)
        elif name == "side":
            self._choose_side(text, out)
        elif state == PlayerState.SAFETY_CHECK:
            self._safety_command(name, now, out)
        else:
            self._routine_command(name, now, out)

    def _routine_command(self, name: str, now: int, out: list[Output]) -> None:
        state = self._state
        if name in ("ready", "yes", "resume"):
            if state == PlayerState.PAUSED and name != "ready":
                self._set_state(PlayerState.WAITING_FOR_READY, out)
                out.append(Say(self.texts.say("resume_ready")))
            elif state in WAITING_STATES:
                self._continue(now, out)
            elif name == "ready" and state == PlayerState.ANNOUNCING:
                self._start_rep(1, now, out)
            elif name == "ready" and state == PlayerState.RESTING:
                self._enter_step(self._index + 1, now, out)
            elif name != "yes":
                out.append(Say(self.texts.say("already_going")))
        elif name in ("no", "pause"):
            if state in RUNNING_STATES:
                self._pause(out)
            else:
                self._set_state(PlayerState.PAUSED, out)
                out.append(Say(self.texts.say("still_paused")))
        elif name == "answer":
            out.append(Say(self.texts.say("unknown_command")))
        else:
            self._move("next" if name == "skip" else name, now, out)

    def _safety_command(self, name: str, now: int, out: list[Output]) -> None:
        question = self.texts.say("safety_question")
        if name in ("yes", "ready"):  # "we're ready" answers "is it safe to start?" as yes does
            self._deadline_ms = None
            out.append(Say(self.texts.say("starting", title=self.routine.title)))
            if self.start_at_step > 0:
                out.append(Say(self.texts.say("picking_up")))
            self._enter_step(self.start_at_step, now, out)
        elif name == "no":
            self._deadline_ms = None
            self._set_state(PlayerState.STOPPED, out)
            out.append(Say(self.texts.say("not_starting")))
        elif name == "repeat":
            out.append(Say(self.safety_check_text()))
        elif name == "pause":
            out.append(Say(self.texts.say("nothing_started", question=question)))
        else:
            out.append(Say(self.texts.say("not_yet_ready", question=question)))

    def _choose_side(self, text: str, out: list[Output]) -> None:
        side = parse_side(text) or ""
        if self._state != PlayerState.SAFETY_CHECK:
            out.append(Say(self.texts.say("side_too_late")))
            return
        if not side:
            out.append(Say(self.help_text()))
            return
        plan = build_plan(self.routine, side)
        labels = {item.side_label for item in self.plan if item.side_label}
        if side != "both" and not any(side in label.split() for label in labels):
            out.append(Say(self.texts.say("side_not_there", side=side, sides=", then ".join(sorted(labels)) or "all")))
        else:
            self._side = side
            self.plan = plan
            self.start_at_step = self._index = self.start_at_step if self.start_at_step < len(plan) else 0
            out.append(Say(self.texts.say("side_set", line=self.side_line())))
        out.append(Say(self.texts.say("safety_question")))

    def _how_it_went_answer(self, name: str, text: str, out: list[Output]) -> None:
        if name in ("skip", "no", "stop", "next") or (not text.strip() and name != "repeat"):
            out.append(Say(self.texts.say("skipped")))
        elif name == "repeat":
            out.append(Say(self.texts.say("how_did_it_go")))
            return
        else:
            rating = parse_rating(text)
            if rating is not None and 0 <= rating <= 10:
                self._pain_rating = rating
                out.append(Say(self.texts.say("rating_noted", rating=rating)))
                if rating >= HIGH_PAIN_RATING:
                    out.append(Say(self.texts.say("high_rating")))
            else:
                self._how_it_went = clean_note(text)
                out.append(Say(self.texts.say("note_noted")))
        self._set_state(PlayerState.FINISHED, out)

    def _stop(self, out: list[Output]) -> None:
        self._deadline_ms = None
        if self._state == PlayerState.SAFETY_CHECK:
            text = self.texts.say("stopped_before")
        else:
            item = self.plan[self._index]
            where = f"{item.side_label}, " if item.side_label else ""
            text = self.texts.say("stopped_at", where=where, number=item.number, count=item.count, name=item.step.name)
        self._paused_from = None
        self._set_state(PlayerState.STOPPED, out)
        out.append(Say(text))

    def _question(self, answer: str, now: int, out: list[Output]) -> None:
        answer = " ".join(answer.split()) or self.texts.say("no_answer")
        state = self._state
        out.append(Say(answer))
        if state in RUNNING_STATES or state in WAITING_STATES:
            if state in RUNNING_STATES:
                self._paused_from = state
                self._deadline_ms = None
            self._set_state(PlayerState.WAITING_AFTER_QUESTION, out)
            out.append(Say(self.texts.say("after_answer")))
        elif state == PlayerState.SAFETY_CHECK:
            out.append(Say(self.texts.say("safety_question")))
            if self._deadline_ms is not None:
                self._deadline_ms = now + SAFETY_REPROMPT_AFTER_MS
        elif state == PlayerState.ASKING_HOW_IT_WENT:
            out.append(Say(self.texts.say("how_did_it_go")))

    def _change_pace(self, name: str, out: list[Output]) -> None:
        delta = PACE_STEP_SECONDS if name == "slower" else -PACE_STEP_SECONDS
        new = min(MAX_SECONDS_EACH_WAY, max(MIN_SECONDS_EACH_WAY, self._seconds_each_way + delta))
        if new == self._seconds_each_way:
            which = "slowest" if name == "slower" else "fastest"
            out.append(Say(self.texts.say("pace_limit", which=which, seconds=f"{new:g}")))
            return
        self._seconds_each_way = new
        out.append(Say(self.texts.say("pace_changed", which=name.capitalize(), seconds=f"{new:g}")))

    def _hold(self, out: list[Output]) -> None:
        """Pause without a word (``pause`` says so; ``help`` with an exercise in hand reads the exercise
        and the choices while the clock waits, so that the count never runs on under the help)."""
        self._paused_from = self._state
        self._deadline_ms = None
        self._set_state(PlayerState.PAUSED, out)

    def _pause(self, out: list[Output]) -> None:
        self._hold(out)
        out.append(Say(self.texts.say("paused")))

    def _continue(self, now: int, out: list[Output]) -> None:
        """``ready`` while waiting: carry on where the wait began."""
        came_from = self._paused_from
        self._paused_from = None
        out.append(Say(self.texts.say("ready_go")))
        if came_from in (PlayerState.MOVING, PlayerState.HOLDING, PlayerState.RETURNING):
            self._start_rep(max(self._rep, 1), now, out, earcon=True)
        elif came_from == PlayerState.RESTING:
            self._go_to_step(self._index + 1, now, out)
        else:
            self._enter_step(self._index, now, out)

    def _move(self, name: str, now: int, out: list[Output]) -> None:
        """``repeat``, ``next`` and ``previous`` from a running or waiting state."""
        context = self._paused_from if self._state in WAITING_STATES else self._state
        self._paused_from = None
        last = len(self.plan) - 1
        if name == "repeat":
            self._enter_step(self._index, now, out, lead=self.texts.say("again"))
        elif name == "next":
            if self._index >= last:
                self._finish(out)
            else:
                self._enter_step(self._index + 1, now, out, lead=self.texts.say("moving_on"))
        elif context == PlayerState.RESTING:  # previous, during a rest: the step just done
            self._enter_step(self._index, now, out, lead=self.texts.say("going_back"))
        elif self._index == 0:
            self._enter_step(0, now, out, lead=self.texts.say("first_again"))
        else:
            self._enter_step(self._index - 1, now, out, lead=self.texts.say("going_back"))


__all__ = [
    "COMMAND_NAMES",
    "EARCON_NAMES",
    "NOT_STARTING_TEXT",
    "NO_ANSWER_TEXT",
    "PAIN_GUIDANCE_TEXT",
    "RoutinePlayer",
    "SAFETY_CHECK_TEXT",
    "SAFETY_LINES_TEXT",
    "SAFETY_REPROMPT_TEXT",
    "SAFETY_SOURCE_KEYS",
    "SafetyClassifier",
    "UNKNOWN_COMMAND_TEXT",
    "clean_heard",
    "clean_note",
    "estimate_speech_ms",
    "number_word",
]
__all__ += events.__all__  # the events and outputs, re-exported: one list, in voice_guide.routines.events
