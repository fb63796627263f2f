"""One user's conversation with the guide: the same for typed chat, the live session, ``ask`` and the server.

A :class:`Conversation` holds what one user's exchange needs (what was said last, where
reading stopped, the routine in progress, a pending safety question, the speech settings)
over a shared :class:`~voice_guide.engine.Engine` that holds the models. Every front end
goes through :meth:`Conversation.handle_text` (typed) or :meth:`Conversation.handle_transcript`
(spoken): each request is interpreted once, safety first, and answered with a
:class:`~voice_guide.core.types.Response`. A routine in progress moves on with
:meth:`Conversation.tick`.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Protocol

from voice_guide.content.sentences import split_sentences
from voice_guide.core.errors import SpeechError
from voice_guide.core.types import Action, Outcome, Response
from voice_guide.dialogue.guide import Guide
from voice_guide.nlu.safety import FindingKind
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.understanding import IntentMatch
from voice_guide.routines.commands import command_for
from voice_guide.tts.settings import MAX_RATE_WPM, MAX_VOLUME, MIN_RATE_WPM, MIN_VOLUME, SpeechSettings

if TYPE_CHECKING:
    from voice_guide.dialogue.routine_bridge import RoutineBridge
    from voice_guide.engine import Engine

_LOGGER = logging.getLogger(__name__)

VOICE_CHOICES: tuple[str | None, ...] = (None, "en-us+f3", "en-gb", "en-us+m3")
"""Voices "change the voice" cycles through (None: the engine's default)."""

SPEECH_INTENTS = ("slower", "faster", "louder", "quieter", "brief", "full", "sounds_on", "sounds_off", "change_voice")
"""Intents that change how the guide speaks."""

LISTENING_INTENTS = {"always_listen": "always", "push_to_talk": "push_to_talk", "wake_word": "wake"}
"""Intents that change the listening mode, and the mode."""

SAFETY_INTENTS = ("emergency", "crisis")
"""Intents that win over everything, in every state."""

DECLINE_INTENTS = ("not_covered", "out_of_scope", "medical_advice")
"""Questions the guide declines helpfully (the article does not cover it; another health topic; medicines)."""

_ROUTINE_STATES = {
    "safety_check": DialogueState.ROUTINE_SAFETY_CHECK,
    "paused": DialogueState.ROUTINE_PAUSED,
    "waiting_after_question": DialogueState.ROUTINE_PAUSED,
    "waiting_for_ready": DialogueState.ROUTINE_WAITING,
    "asking_how_it_went": DialogueState.ROUTINE_WAITING,
}
"""Routine player states that shape understanding; every other running state is counting."""


class SettingsSink(Protocol):
    """Where changed settings are kept (:class:`~voice_guide.config.ConfigStore`)."""

    def update(self, **changes: object) -> object:
        """Apply and save ``changes``."""
        ...


class Conversation:
    """One user's state over a shared engine. Not thread-safe: one per user or connection."""

    def __init__(self, engine: Engine, speech: SpeechSettings | None = None, listening_mode: str = "always",
                 store: SettingsSink | None = None, interactive: bool = True) -> None:
        self.engine = engine
        self.speech = speech or SpeechSettings()
        """How replies are spoken now (rate, volume, voice, verbosity, earcons)."""
        self.listening_mode = listening_mode
        """``always``, ``push_to_talk`` or ``wake``."""
        self.store = store
        self.guide = Guide(engine.pack, engine.responses, engine.routine_names, verbosity=self.speech.verbosity)
        self.guide.interactive = interactive
        self.routine: RoutineBridge | None = None
        """The routine in progress, if any."""
        self.pending_safety: IntentMatch | None = None
        """A safety question asked ("Did you say someone can't breathe?") waiting for yes or no."""

    def reset(self) -> None:
        """Forget what was said (the settings stay): a new exchange, as for each ``ask`` input."""
        self.guide.reset()
        self.routine = None
        self.pending_safety = None

    # --- entry points ----------------------------------------------------
    def handle_text(self, text: str, now_s: float = 0.0) -> Response:
        """Answer typed text (understood in the conversation's state)."""
        match = self.engine.understand(text, self.dialogue_state)
        return self.grammar_answer(match, [(text, 1.0)]) or self.handle(match, now_s)

    def handle_transcript(self, text: str, confidence: float, alternatives: tuple[tuple[str, float], ...] = (),
                          now_s: float = 0.0) -> Response:
        """Answer what the recognizer heard (its n-best list is weighed once, safety first)."""
        match = self.engine.interpret(text, confidence, alternatives, self.dialogue_state)
        return self.grammar_answer(match, [(text, confidence), *alternatives]) or self.handle(match, now_s)

    def grammar_answer(self, match: IntentMatch, hypotheses: list[tuple[str, float]]) -> Response | None:
        """For a pack with grammar intents (slots), after safety: the grammar's reply with the slots
        heard, or the pack's fallback when it has no article; None when the guide answers instead."""
        grammar = self.engine.grammar
        if grammar is None or match.intent in (*SAFETY_INTENTS, "pain", "confirm_emergency"):
            return None
        heard = grammar.match_nbest([(t, c) for t, c in hypotheses if t])
        if heard is not None:
            return Response(grammar.reply(heard), heard.intent, heard.confidence, dict(heard.slots))
        if not self.engine.pack.sections and grammar.fallback_reply:
            return Response(grammar.fallback_reply, "fallback", 0.0, outcome=Outcome.NOT_UNDERSTOOD)
        return None

    def handle(self, match: IntentMatch, now_s: float = 0.0) -> Response:
        """Answer an understood request."""
        if match.intent in SAFETY_INTENTS or match.intent == "pain":
            return self._safety(match, now_s)
        if self.pending_safety is not None:
            pending, self.pending_safety = self.pending_safety, None
            if match.intent in ("yes", "no"):
                return self._confirmed(pending, match, now_s)
        if match.intent == "confirm_emergency":
            return self._ask_to_confirm(match)
        if match.intent == "about_me":
            text = self.engine.understander.safety.reply(FindingKind.ABOUT_ME)
            return Response(text, "about_me", match.confidence, outcome=Outcome.ANSWERED)
        if match.intent in SPEECH_INTENTS:
            return self._speech(match)
        if match.intent in LISTENING_INTENTS:
            return self._listening(match)
        if self.routine is not None:
            return self._in_routine(match, now_s)
        if match.intent == "start_routine":
            return self._start_routine(match, now_s)
        if match.intent in DECLINE_INTENTS:
            return self._decline(match)
        return self._guide_answer(match)

    def tick(self, now_s: float) -> Response | None:
        """Move the routine in progress on; its lines, or None when there is nothing to say."""
        if self.routine is None:
            return None
        response = self.routine.tick(now_s)
        if response is None:
            self._end_routine_if_over()
            return None
        return self._after_routine(response)

    # --- state -------------------------------------------------------------
    @property
    def dialogue_state(self) -> DialogueState:
        """Where the conversation is, for understanding: the same words mean different things in different states."""
        if self.pending_safety is not None:
            return DialogueState.CONFIRMING
        if self.routine is not None:
            return _ROUTINE_STATES.get(self.routine.state, DialogueState.ROUTINE_COUNTING)
        return DialogueState.ANSWERED if self.guide.last is not None else DialogueState.IDLE

    @property
    def state(self) -> str:
        """Where the conversation is: ``idle``, ``answered``, ``confirming`` or the routine's state."""
        if self.pending_safety is not None:
            return "confirming"
        if self.routine is not None:
            return f"routine_{self.routine.state}"
        return "answered" if self.guide.last is not None else "idle"

    def greeting(self) -> str:
        """What the guide says first, with the clinician notice when the pack has one."""
        return " ".join(t for t in (self.engine.responses.text("greeting"), self.clinician_notice()) if t)

    def clinician_notice(self) -> str:
        """One sentence: the guide does not replace their clinician (from the pack's safety rules)."""
        return self.engine.understander.safety.clinician_notice or self.engine.responses.text("clinician_notice")

    # --- parts -------------------------------------------------------------
    def _guide_answer(self, match: IntentMatch) -> Response:
        response = self.guide.answer(match)
        if match.intent == "help" and self.clinician_notice():
            response = dataclasses.replace(response, text=f"{response.text} {self.clinician_notice()}")
        if response.section_id and self.speech.verbosity == "brief":
            response = dataclasses.replace(response, text=split_sentences(response.text)[0])
        return response

    def _decline(self, match: IntentMatch) -> Response:
        responses = self.engine.responses
        if match.intent == "medical_advice":
            text = self.engine.understander.safety.reply(FindingKind.MEDICAL_ADVICE)
        else:
            text = responses.text(match.intent) if responses.has(match.intent) else self.engine.understander.reply(match.intent)
        # Reported as the fallback family (the guide declines), with the kind of decline as a slot.
        return Response(text or responses.text("fallback"), "fallback", match.confidence, {**match.slots, "decline": match.intent},
                        outcome=Outcome.SAFETY if match.intent == "medical_advice" else Outcome.NOT_UNDERSTOOD)

    def _ask_to_confirm(self, match: IntentMatch) -> Response:
        """One short question when only a runner-up or a keyword sounded like an emergency."""
        self.pending_safety = match
        text = self.engine.understander.safety.confirm_question(match.slots.get("concept"))
        return Response(text, match.intent, match.confidence, dict(match.slots), outcome=Outcome.SAFETY)

    def _confirmed(self, pending: IntentMatch, answer: IntentMatch, now_s: float) -> Response:
        """The answer to the confirmation question: yes is the emergency (or crisis); no, a short apology."""
        finding = self.engine.understander.safety.confirm_reply(answer.intent == "yes", pending.slots.get("concept"))
        if finding.kind is FindingKind.NONE:
            return Response(finding.reply, "no", answer.confidence, dict(pending.slots), outcome=Outcome.SAFETY)
        intent = "crisis" if finding.kind is FindingKind.CRISIS else "emergency"
        return self._safety(dataclasses.replace(pending, intent=intent), now_s)

    def _safety(self, match: IntentMatch, now_s: float) -> Response:
        self.pending_safety = None
        safety = self.engine.understander.safety
        if match.intent == "crisis":
            text = safety.reply(FindingKind.CRISIS)
        elif match.intent == "pain":
            text = safety.pain_answer
        else:
            text = safety.emergency_answer
        lines: tuple[str, ...] = ()
        if self.routine is not None:
            routine_response = self.routine.command("pain" if match.intent == "pain" else "emergency", match.text, now_s, match)
            lines = routine_response.routine_lines
            self.routine = None if self.routine.is_over else self.routine
        if match.intent == "pain" and lines:
            text = " ".join(lines)  # the routine's own pain guidance
        elif lines and match.intent == "crisis":
            text = safety.reply(FindingKind.CRISIS)  # the crisis reply, whatever the routine said
        action = Action.EMERGENCY if match.intent != "pain" else Action.STOP
        return Response(text, match.intent, match.confidence, dict(match.slots), action=action, outcome=Outcome.SAFETY,
                        routine_lines=lines)

    def _speech(self, match: IntentMatch) -> Response:
        old = self.speech
        intent = match.intent
        key, fields = intent, {}
        try:
            if intent in ("slower", "faster", "louder", "quieter"):
                new = getattr(old, intent)()
                limits = {"slower": ("rate_wpm", MIN_RATE_WPM, "slowest"), "faster": ("rate_wpm", MAX_RATE_WPM, "fastest"),
                          "louder": ("volume", MAX_VOLUME, "loudest"), "quieter": ("volume", MIN_VOLUME, "quietest")}
                attr, limit, limit_key = limits[intent]
                if getattr(old, attr) == limit or getattr(new, attr) == getattr(old, attr):
                    key = limit_key
                fields["rate"] = str(new.rate_wpm)
            elif intent in ("brief", "full"):
                new = dataclasses.replace(old, verbosity=intent)
                self.guide.verbosity = intent
            elif intent in ("sounds_on", "sounds_off"):
                new = dataclasses.replace(old, earcons=intent == "sounds_on")
            else:
                i = VOICE_CHOICES.index(old.voice) if old.voice in VOICE_CHOICES else 0
                new, key = dataclasses.replace(old, voice=VOICE_CHOICES[(i + 1) % len(VOICE_CHOICES)]), "voice_changed"
        except SpeechError as err:
            _LOGGER.warning("speech setting not changed: %s", err)
            new = old
        self.speech = new
        if self.store is not None and new != old:
            self.store.update(speech=new)
        return self.guide.say(key, intent, match, action=Action.SPEECH_CHANGED, outcome=Outcome.SETTING, **fields)

    def _listening(self, match: IntentMatch) -> Response:
        self.listening_mode = LISTENING_INTENTS[match.intent]
        if self.store is not None:
            self.store.update(listening_mode=self.listening_mode)
        return self.guide.say(match.intent, match.intent, match, action=Action.LISTENING_MODE, outcome=Outcome.SETTING,
                              wake_phrase=self.engine.wake_phrase)

    def _start_routine(self, match: IntentMatch, now_s: float) -> Response:
        names = {r.id: r for r in self.engine.routine_names}
        wanted = match.slots.get("routine", "")
        if not names:
            return self.guide.say("no_routines", "start_routine", match)
        if not wanted:
            return self.guide.say("which_routine", "start_routine", match, routines=self.guide.routine_list())
        if wanted not in names:
            return self.guide.say("unknown_routine", "start_routine", match, routine=wanted, routines=self.guide.routine_list())
        from voice_guide.dialogue.routine_bridge import RoutineBridge  # the player: imported when a routine starts (ready time)

        self.routine = RoutineBridge(self.engine.routine(wanted), self.speech, now_s, texts=self.engine.routine_texts,
                                     safety=self.engine.understander.safety, side=match.slots.get("side", "both"))
        first = self.routine.start(now_s)
        intro = self.engine.responses.text("start_routine", routine=names[wanted].title)
        notice = self.clinician_notice()
        text = " ".join(t for t in (intro, notice, first.text) if t)
        return Response(text, "start_routine", match.confidence, dict(match.slots), action=Action.ROUTINE_STARTED,
                        outcome=Outcome.ROUTINE, routine_lines=first.routine_lines, earcons=first.earcons)

    def _in_routine(self, match: IntentMatch, now_s: float) -> Response:
        assert self.routine is not None  # checked by the caller; internal state
        command = command_for(match.intent, match.text)
        if self.routine.wants_answer and command not in ("skip", "stop", "no", "pain", "emergency", "help"):
            return self._after_routine(self.routine.command("answer", match.text, now_s, match))
        if match.is_knowledge:
            answer = self._guide_answer(match)
            return self._after_routine(self.routine.command("question", answer.text, now_s, match))
        if command is None:
            return self.guide.say("routine_unknown", match.intent, match, outcome=Outcome.NOT_UNDERSTOOD) if \
                self.engine.responses.has("routine_unknown") else self.routine.unknown(match)
        return self._after_routine(self.routine.command(command, match.text, now_s, match))

    def _after_routine(self, response: Response) -> Response:
        if self._end_routine_if_over():
            response = dataclasses.replace(response, action=Action.ROUTINE_ENDED)
        return response

    def _end_routine_if_over(self) -> bool:
        if self.routine is not None and self.routine.is_over:
            self.routine = None
            return True
        return False
