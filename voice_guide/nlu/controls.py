"""Control intents: hassil templates from the pack's ``intents.yaml``, shaped by the dialogue state.

``intents.yaml`` holds

* ``intents``: templates that hold in every state;
* ``state_preferences``: per :class:`~voice_guide.nlu.state.DialogueState` value,
  ``templates`` (extra sentences that mean something only there: "set" is ``ready``
  while a routine waits), ``prefer`` (when a sentence matches several intents, the first
  of these wins) and ``means`` (an intent that stands for another there: ``more`` is
  ``next`` while counting);
* ``lists``, ``expansion_rules``, ``skip_words`` and ``polite_prefixes``;
* ``negation``: what a negated command stands for ("don't stop" carries on; :mod:`control_negation`),
  ``answer_first``, ``reasons`` (a request before its reason) and ``elsewhere`` (no command: "pause the tv").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.control_answer_reason import AnswerReason
from voice_guide.nlu.control_aside import Aside
from voice_guide.nlu.control_correction import Correction
from voice_guide.nlu.control_cues import Cues
from voice_guide.nlu.control_gerund import GerundRequest
from voice_guide.nlu.control_hits import ControlHit, StatePreference
from voice_guide.nlu.control_joined import after_remark, last_of_joined
from voice_guide.nlu.control_negation import AnswerFirst, Elsewhere, Negation, ReasonAfter
from voice_guide.nlu.control_polite import PoliteWords
from voice_guide.nlu.control_questions import CUES_IN_QUESTIONS, MAX_QUESTION_CUE_WORDS, looks_like_question
from voice_guide.nlu.control_respell import Respeller
from voice_guide.nlu.control_templates import MAX_SAMPLING_WORK, state_sentences, template_words, template_work
from voice_guide.nlu.control_uninverted import Uninverted
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.state import DialogueState

__all__ = ["CONTROL_INTENTS", "ROUTINE_NAMES", "ControlHit", "ControlMatcher", "StatePreference"]

CONTROL_INTENTS = (
    "help", "list_topics", "read_article", "more", "next", "previous", "repeat", "pause",
    "resume", "stop", "slower", "faster", "louder", "quieter", "yes", "no", "exit", "start_routine",
    "ready", "brief", "full", "sounds_on", "sounds_off", "change_voice",
    "push_to_talk", "always_listen", "wake_word",
)
"""Intents matched from templates (besides ``emergency``, ``pain``, the declines and ``fallback``)."""

ROUTINE_NAMES = ("arms", "legs", "hands", "full_body")
"""Values of the ``routine`` slot of ``start_routine``."""

_CUE_SCORE = 0.8
"""Confidence of a control found from cue words."""


def _sharing_lists(built: Any, base: Any) -> Any:
    """``built`` (a state's own templates) with ``base``'s lists and expansion rules when they are the same
    (parsed from the same data): one copy for every state instead of nine (3 MB; twenty-seventh session)."""
    import pickle

    if base is not None and pickle.dumps((built.slot_lists, built.expansion_rules)) == pickle.dumps(
            (base.slot_lists, base.expansion_rules)):
        built.slot_lists, built.expansion_rules = base.slot_lists, base.expansion_rules
    return built


class ControlMatcher:
    """Control intents: exact hassil templates (per dialogue state) first, then fuzzy matching of short phrases."""

    def __init__(self, intents_data: dict[str, Any], max_samples_per_intent: int = 400) -> None:
        data = intents_data or {}
        base = {name: [str(s) for s in sentences] for name, sentences in (data.get("intents") or {}).items()}
        self._check_names(base, "intents")
        self._lists = data.get("lists") or {}
        self._rules = data.get("expansion_rules") or {}
        self._language = str(data.get("language", "en"))
        self._intents = self._build(base)
        self._by_state: dict[DialogueState, Any] = {}
        self.preferences: dict[DialogueState, StatePreference] = {}
        for key, raw in (data.get("state_preferences") or {}).items():
            try:
                state = DialogueState(str(key))
            except ValueError:
                raise ContentError(f"intents.yaml: state_preferences: unknown state {key!r}") from None
            raw = raw or {}
            extra = {name: [str(s) for s in ss] for name, ss in (raw.get("templates") or {}).items()}
            self._check_names(extra, f"state_preferences.{key}.templates")
            prefer = tuple(str(p) for p in raw.get("prefer") or [])
            means = {str(k): str(v) for k, v in (raw.get("means") or {}).items()}
            self._check_names(dict.fromkeys(prefer + tuple(means) + tuple(means.values()), []), f"state_preferences.{key}")
            awaited = tuple(str(a) for a in raw.get("awaited") or [])
            self._check_names(dict.fromkeys(awaited, []), f"state_preferences.{key}.awaited")
            self.preferences[state] = StatePreference(prefer, means, bool(extra), awaited)
            if extra:
                self._by_state[state] = self._build(extra)
        self._polite = PoliteWords.from_data(data)
        self._cues = Cues(data.get("cues") or {}, CONTROL_INTENTS)
        self._negation = Negation.from_data(data.get("negation"), CONTROL_INTENTS)
        self._answer_rule = AnswerFirst.from_data(data.get("answer_first"), CONTROL_INTENTS)
        self._answer_reason = AnswerReason.from_data(data.get("answer_reasons"), CONTROL_INTENTS)
        self._reason_rule = ReasonAfter.from_data(data.get("reasons"), CONTROL_INTENTS)
        self._correction = Correction.from_data(data.get("corrections"))
        self._gerund = GerundRequest.from_data(data.get("gerund_requests"))
        self._uninverted = Uninverted.from_data(data.get("uninverted"))
        self._aside = Aside.from_data(data.get("asides"))
        self._to_person = Elsewhere.from_data(data.get("to_the_person"), "to_the_person")
        self._elsewhere = Elsewhere.from_data(data.get("elsewhere")).joined(self._to_person)
        self._max_samples = max_samples_per_intent
        self._samples: dict[str, tuple[str, ...]] | None = None
        self._flat: list[tuple[str, str]] = []
        self._flat_texts: list[str] = []
        self._template_words = template_words(data)
        """Every word the templates, rules and lists are written with (what a slip may become)."""
        self._respeller = Respeller(self._template_words, self._language)
        """Typing slips corrected towards those words (its speller made on first use, never pickled)."""

    @property
    def samples(self) -> dict[str, tuple[str, ...]]:
        """Sentences the templates (of every state) produce, per intent, cleaned; made on first use."""
        if self._samples is None:
            from hassil.sample import sample_intents

            per_intent: dict[str, list[str]] = {}
            for name, sentence in sample_intents(self._intents, max_sentences_per_intent=self._max_samples):
                per_intent.setdefault(name, []).append(TextNormalizer.clean(sentence))
            self._samples = {k: tuple(dict.fromkeys(v)) for k, v in per_intent.items()}
            self._flat = [(s, name) for name, ss in self._samples.items() for s in ss]
            self._flat_texts = [s for s, _ in self._flat]
        return self._samples

    @property
    def state_samples(self) -> tuple[str, ...]:
        """Sentences of the state-only templates (for the recognizer's language model)."""
        return tuple(dict.fromkeys(s for intents in self._by_state.values() for s in state_sentences(intents)))

    def sampling_work(self) -> dict[str, int]:
        """Sentences hassil enumerates to sample the templates (see :mod:`control_templates`), counted
        without sampling: ``"intents"`` for the templates of every state, then per state value."""
        out = {"intents": sum(w for w, _, _ in template_work(self._intents))}
        for state, intents in self._by_state.items():
            out[state.value] = sum(w for w, _, _ in template_work(intents))
        return out

    def state_sample_counts(self) -> dict[str, int]:
        """Sentences :attr:`state_samples` takes from each state's own templates (before duplicates
        across states are dropped)."""
        return {state.value: len(set(state_sentences(intents))) for state, intents in self._by_state.items()}

    @staticmethod
    def _check_names(intents: dict[str, Any], where: str) -> None:
        unknown = sorted(set(intents) - set(CONTROL_INTENTS))
        if unknown:
            raise ContentError(f"intents.yaml: {where}: unknown control intents: {', '.join(unknown)}")

    def _build(self, intents: dict[str, list[str]]) -> Any:
        from hassil import Intents

        hassil_dict = {
            "language": self._language,
            "intents": {name: {"data": [{"sentences": sentences}]} for name, sentences in intents.items() if sentences},
            "lists": self._lists,
            "expansion_rules": self._rules,
        }
        try:
            built = Intents.from_dict(hassil_dict)
        except Exception as err:  # hassil raises several kinds for a bad template
            raise ContentError(f"intents.yaml: a template cannot be parsed: {err}") from None
        for work, name, text in template_work(built):
            if work > MAX_SAMPLING_WORK:
                raise ContentError(
                    f"intents.yaml: {name}: the template {text!r} makes hassil enumerate {work:,} sentences to sample it "
                    f"(at most {MAX_SAMPLING_WORK:,}): split it into flat templates, without nested optional groups")
        return _sharing_lists(built, getattr(self, "_intents", None))

    def strip_polite(self, cleaned: str) -> str:
        """Remove leading "could you", "hey guide", "okay"…, trailing "now", "for me"… and the
        skip words ("please", "um"; :mod:`control_polite`)."""
        return self._polite.stripped(cleaned)

    def polite_steps(self, cleaned: str) -> list[str]:
        """``cleaned`` without its skip words, then after each polite word stripped in turn
        (:meth:`control_polite.PoliteWords.steps`), the last being :meth:`strip_polite`'s."""
        return self._polite.steps(cleaned)

    def is_filler(self, cleaned: str) -> bool:
        """True when ``cleaned`` is only a polite word or filler ("right", "okay so", "um")."""
        return self._polite.is_filler(cleaned)

    def to_the_person(self, cleaned: str) -> bool:
        """True when the whole of ``cleaned`` is said to the person helped (``to_the_person``: praise)."""
        return self._to_person.holds(cleaned)

    def exact(self, cleaned: str, state: DialogueState = DialogueState.IDLE) -> ControlHit | None:
        """The template match of ``cleaned`` in ``state`` (score 1.0), or None.

        Tried as said first (a polite word can be the command itself: "okay" is ``yes``,
        "uh huh" is not "huh"), then as each polite word is stripped in turn (:meth:`polite_steps`);
        then as a negated command (:meth:`negated`: "don't stop" is ``resume``; a template that says
        the negation itself comes first: "don't start yet" is ``pause``)."""
        if self._elsewhere.holds(cleaned):  # "turn the telly off", "i like your voice": not the guide's
            return None
        steps = self.polite_steps(cleaned)
        for text in dict.fromkeys((cleaned, *steps)):
            if text:
                hit = self._recognize(text, state)
                if hit is not None:
                    return hit if text == cleaned else replace(hit, how="stripped")
        # a negated cue too in a routine, where the cues come before the article ("no, don't stop, keep counting")
        negation = self._negation_of(cleaned, state, by_cue=state.in_routine)
        if negation is not None:  # "don't change the voice": no command at all (the rule's ``nothing``)
            return None if negation[0] is None else ControlHit(negation[0], {}, negation[1], "negated")
        return (self._corrected(steps, state) or self._answer_first(steps[-1], state)
                or self._before_reason(steps[-1], state) or self._joined(steps[-1], state)
                or self._short_respelled(steps[-1], state) or self._as_command(steps, state)
                or self._inverted(steps[-1], state) or self._after_remark(steps[-1], state) or self._after_aside(cleaned, state))

    def _after_aside(self, cleaned: str, state: DialogueState) -> ControlHit | None:
        """The state's awaited answer after a wait said to someone in the room ("hang on love yes she's settled" at the
        safety check -> ``yes``; the ``asides`` rule, :mod:`control_aside`), found as in the rest; None otherwise."""
        awaited = self.preferences.get(state, StatePreference()).awaited
        return self._aside.answer(self.polite_steps(cleaned)[0], awaited, lambda rest: self.exact(rest, state) or self.cue(rest, state))

    def answer_with_reason(self, text: str, state: DialogueState) -> ControlHit | None:
        """The answer said before what it rests on where the guide asked yes or no ("no she had a fall yesterday" at the
        safety check -> ``no``, found as ``stripped``; the ``answer_reasons`` rule, :mod:`control_answer_reason`); None
        when the rest is a question or another command of its own ("no beeps during this please"). Not one of
        :meth:`exact`'s readings: the understander asks it only once no red flag was found, the learned net's
        included (the review: "no i want to die" at the safety check is crisis talk)."""
        split = self._answer_reason.split(text, state.value)
        if split is None or looks_like_question(split[1]):
            return None
        answer, rest = split
        found = set(self._found(rest, state)[0]) | set(self._cues.find(rest))
        return ControlHit(answer, {}, 1.0, "stripped") if found <= {answer} else None

    def _inverted(self, text: str, state: DialogueState) -> ControlHit | None:
        """The template match of a question said without its inversion, once inverted ("how i hold the arm" -> ``help``;
        the ``uninverted`` rule, :mod:`control_uninverted`), as ``stripped``; None when no reading matches."""
        hits = (self._recognize(r, state) for r in self._uninverted.readings(text))
        return next((replace(h, how="stripped") for h in hits if h is not None), None)

    def _after_remark(self, text: str, state: DialogueState) -> ControlHit | None:
        """The command after a remark and "so" / "now" ("oh he is comfy now so carry on"; :func:`control_joined.after_remark`),
        as ``stripped``; None for a question or when no such command ends the text."""
        def whole(part: str) -> tuple[str, ControlHit] | None:  # never a question after the remark ("... now what do i do")
            return None if looks_like_question(part) else self._whole(state)(part)

        hit = None if looks_like_question(text) else after_remark(text, whole, self.strip_polite)
        return None if hit is None else replace(hit, how="stripped")

    def _as_command(self, steps: list[str], state: DialogueState) -> ControlHit | None:
        """The command of a request asked with its verb in -ing ("would you mind lowering your voice" -> ``quieter``;
        the ``gerund_requests`` rule, :mod:`control_gerund`; the first polite step that is one), as ``stripped``; None when
        no step is one."""
        from voice_guide.lang import get_language

        stem = get_language(self._language).stem
        commands = next((c for c in (self._gerund.commands(t, stem, self._template_words) for t in steps) if c), [])
        for command in commands:
            hit = self.exact(command, state)
            if hit is not None:
                return replace(hit, how="stripped")
        return None

    def _corrected(self, steps: list[str], state: DialogueState) -> ControlHit | None:
        """The command a correction says (the ``corrections`` rule: "no i meant louder not quieter" -> ``louder``):
        a template's match of what is corrected to (as ``stripped``), else its cue (not in a question; as ``cue``),
        else a routine named alone where the rule lets it start one ("no i meant the arms" -> ``start_routine``);
        None when no polite step of the text (:meth:`polite_steps`) is a correction or what follows names no command."""
        rest = next((r for r in map(self._correction.rest, steps) if r is not None), None)
        if rest is None:
            return self._slipped(steps[-1], state)
        negation = self._negation_of(rest, state, by_cue=False)  # "no i said do not stop": resume
        if negation is not None:
            return None if negation[0] is None else ControlHit(negation[0], {}, negation[1], "negated")
        hits = (self._recognize(step, state) for step in dict.fromkeys(self.polite_steps(rest)) if step)
        hit = next((replace(h, how="stripped") for h in hits if h is not None), None)
        if hit is not None:
            return hit
        cued = self._cues.find(rest) if not looks_like_question(rest) else {}
        cued.pop("start_routine", None)  # a routine only when named alone: "muscle atrophy in the legs" is a question
        if cued:
            means = self.preferences.get(state, StatePreference()).means
            name, slots = next(iter(cued.items()))
            return ControlHit(means.get(name, name), slots, _CUE_SCORE, "cue")
        routine = self._cues.routine(rest) if self._correction.names_routine(rest, state.value) else None
        return None if routine is None else ControlHit("start_routine", {"routine": routine}, _CUE_SCORE, "cue")

    def _slipped(self, text: str, state: DialogueState) -> ControlHit | None:
        """The command said after another taken back at once ("next no the one before" -> ``previous``; the ``slip``
        of the ``corrections`` rule): the rest's template match when the first part is one too, as ``stripped``."""
        parts = self._correction.slip_parts(text)
        if parts is None or self._recognize(self.strip_polite(parts[0]) or parts[0], state) is None:
            return None
        hits = (self._recognize(step, state) for step in dict.fromkeys(self.polite_steps(parts[1])) if step)
        return next((replace(h, how="stripped") for h in hits if h is not None), None)

    def _joined(self, text: str, state: DialogueState) -> ControlHit | None:
        """The last of two commands said without a pause, each part a template's match as said or without
        its polite words ("where were we keep going": ``resume``, as ``stripped``; :mod:`control_joined`)."""
        hit = last_of_joined(text, self._whole(state), self.strip_polite) if self._cues.find(text) else None
        return None if hit is None else replace(hit, how="stripped")

    def _whole(self, state: DialogueState) -> Callable[[str], tuple[str, ControlHit] | None]:
        """A part's whole template match in ``state`` as ``(intent, hit)``, for :mod:`control_joined`'s readings."""
        def whole(part: str) -> tuple[str, ControlHit] | None:
            hit = self._recognize(part, state)
            return None if hit is None else (hit.intent, hit)

        return whole

    def _before_reason(self, text: str, state: DialogueState) -> ControlHit | None:
        """The request before a reason (the ``reasons`` rule): a template's match ("louder please i did not
        catch that" -> ``louder``, as ``stripped``) or else a cue's, not in a question ("a bit louder we did
        not catch that", as ``cue``); None when there is no reason at the end or no rule's command before it."""
        rest, commands = self._reason_rule.rest(text), self._reason_rule.commands
        hits = (self._recognize(step, state) for step in dict.fromkeys(self.polite_steps(rest) if rest else ()) if step)
        hit = next((replace(h, how="stripped") for h in hits if h is not None and h.intent in commands), None)
        cued = self._cues.find(rest) if rest and hit is None and not looks_like_question(rest) else {}
        whole = self._cues.find(text) if cued else {}  # a cue the reason's words refuse is none ("shh, not so loud")
        name = next((n for n in cued if n in commands and n in whole and n not in self._reason_rule.template_only), None)
        return hit or (None if name is None else ControlHit(name, {}, _CUE_SCORE, "cue"))

    def _short_respelled(self, text: str, state: DialogueState) -> ControlHit | None:
        """The template match of a short ``text`` once its typing slips are corrected ("stpo", "read the artcle"), or a
        cue word's slip ("breif"), found as ``fuzzy`` (:meth:`control_respell.Respeller.short`); None when none."""
        return self._respeller.short(text, state, self._recognize, self.cue)

    def negated(self, cleaned: str, state: DialogueState = DialogueState.IDLE, by_cue: bool = True) -> ControlHit | None:
        """What a negated command stands for ("don't stop" -> ``resume``, "no, do not continue" ->
        ``stop``; intent as it is, found as ``negated``), or None when ``cleaned`` (after each polite
        word stripped in turn) does not start with a negator followed by a command of the rule's
        ``means``: a template's match of the whole rest (score 1.0) or, with ``by_cue`` (the cue's
        turn, not the templates'), a cue that starts it (the cue score: "do not stop she is fine").
        None too for a negated command of the rule's ``nothing`` (:meth:`refused`)."""
        found = self._negation_of(cleaned, state, by_cue)
        if found is None or found[0] is None:
            return None
        return ControlHit(found[0], {}, found[1], "negated")

    def refused(self, cleaned: str, state: DialogueState = DialogueState.IDLE, by_cue: bool = True) -> bool:
        """True when ``cleaned`` is a negated command that stands for no command ("don't change the voice":
        the negation rule's ``nothing``) or is about something else ("pause the tv": ``elsewhere``): no
        template, cue, fuzzy match or learned model takes it for a command."""
        if self._elsewhere.holds(cleaned):  # "pause the tv", "i like your voice": about something else
            return True
        found = self._negation_of(cleaned, state, by_cue)
        return found is not None and found[0] is None

    def _negation_of(self, cleaned: str, state: DialogueState, by_cue: bool) -> tuple[str | None, float] | None:
        """``(what the negated command stands for, score)`` (None for the rule's ``nothing``), or None
        when ``cleaned`` is no negated command of the rule (see :meth:`negated`)."""
        negation = self._negation
        for text in dict.fromkeys(self.polite_steps(cleaned)):
            rest = negation.rest(text)
            if rest is None:
                continue
            for step in dict.fromkeys(self.polite_steps(rest)):
                found = self._found(step, state)[0] if step else {}
                name = next((n for n in self.preferences.get(state, StatePreference()).prefer if n in found), None)
                name = name or next(iter(found), None)
                if name is not None and (name in negation.means or name in negation.nothing):
                    return negation.means.get(name), 1.0
            name = self._leading_cue(rest) if by_cue else None
            if name is not None:
                return negation.means.get(name), _CUE_SCORE
        return None

    def _answer_first(self, text: str, state: DialogueState, by_cue: bool = False) -> ControlHit | None:
        """The answer of the ``answer_first`` rule ("no give me a minute" while a routine waits ->
        ``no``, found as ``stripped``), or None: ``text`` does not start with its answer word in
        ``state``, or what follows is not one of its commands (a template's match of the whole rest, or
        with ``by_cue`` a cue that starts it: "nah hang on a sec")."""
        rule = self._answer_rule
        rest = rule.rest(text, state.value)
        if rest is None:
            return None
        for step in dict.fromkeys(self.polite_steps(rest)):
            if step and any(name in rule.commands for name in self._found(step, state)[0]):
                return ControlHit(rule.answer, {}, 1.0, "stripped")
        if by_cue and any(name in rule.commands and pattern.match(rest) for name, pattern in self._cues.rules):
            return ControlHit(rule.answer, {}, _CUE_SCORE, "cue")
        return None

    def _leading_cue(self, rest: str) -> str | None:
        """The first command of the negation rule whose cue starts ``rest`` ("stop she is fine" ->
        ``stop``; not "go too fast", whose cue word is not first), or None."""
        for name, pattern in self._cues.rules:
            if name in self._negation.by_cue or name in self._negation.nothing:
                found = pattern.search(rest)
                if found is not None and found.start() == 0:
                    return name
        return None

    def _found(self, text: str, state: DialogueState) -> tuple[dict[str, dict[str, str]], set[str]]:
        """The intents the templates of ``state`` (its own first) and of every state match ``text``
        with, and their slots, as written (no ``means``); and those found by the state's own."""
        from hassil import recognize_all

        found: dict[str, dict[str, str]] = {}
        own: set[str] = set()
        extra = self._by_state.get(state)
        for intents in (extra, self._intents) if extra is not None else (self._intents,):
            for result in recognize_all(text, intents):
                if result.intent.name not in found:
                    found[result.intent.name] = {k: str(v.value) for k, v in result.entities.items()}
                    if intents is extra:
                        own.add(result.intent.name)
        return found, own

    def _recognize(self, text: str, state: DialogueState) -> ControlHit | None:
        found, own = self._found(text, state)
        if not found:
            return None
        pref = self.preferences.get(state, StatePreference())

        def meant(name: str) -> str:
            return name if name in own else pref.means.get(name, name)

        mapped = {meant(name): slots for name, slots in found.items()}
        chosen = next((p for p in pref.prefer if p in mapped), None)
        if chosen is None:
            chosen = meant(next(iter(found)))
        return ControlHit(chosen, mapped[chosen], 1.0)

    def cue(self, cleaned: str, state: DialogueState = DialogueState.IDLE) -> ControlHit | None:
        """The intent of a short utterance from its cue words (``cues`` in ``intents.yaml``), or None; in a
        routine a question cue (``cues.asked``) first, found as ``asked`` (the learned model neither overrules
        nor vetoes it)."""
        if self._elsewhere.holds(cleaned):
            return None
        negation = self._negation_of(cleaned, state, by_cue=True)
        if negation is not None:  # "don't stop, she's fine": not the stop cue's; "don't change the voice": none
            return None if negation[0] is None else ControlHit(negation[0], {}, negation[1], "negated")
        text = self.strip_polite(cleaned) or cleaned
        aside = self._after_aside(cleaned, state)
        if aside is not None:  # "one sec love yes she's comfy" at the safety check: the answer yes
            return aside
        answer = self._answer_first(text, state, by_cue=True)
        if answer is not None:  # "nah hang on a sec" while the guide waits: the answer no
            return answer
        found = (self._cues.find(text) or self._cues.find(self._polite.unprefixed(cleaned))
                 or self._cues.find_in(text, state.value))  # a state's own cues last: "she's settled now" while waiting
        if found and looks_like_question(text):
            # "does sitting make muscles waste faster" is a question, not "faster"
            short = len(text.split()) <= MAX_QUESTION_CUE_WORDS
            found = {name: slots for name, slots in found.items() if short and name in CUES_IN_QUESTIONS}
        asked = next((a for t in (text, *self._uninverted.readings(text)) if (a := self._cues.find_asked(t))), {}) \
            if state.in_routine else {}
        if asked:  # "how should she be sitting for this", "am i bending her knee far enough": the caregiver asks how
            name = next(iter(asked))
            return ControlHit(name, {}, _CUE_SCORE, "asked")
        if not found:
            return None
        means = self.preferences.get(state, StatePreference()).means
        named = {means.get(name, name): slots for name, slots in found.items()}
        name, slots = next(iter(named.items()))  # cues are tried in order: stop and pause first
        others = {k: v for k, v in named.items() if k != name}
        return ControlHit(name, slots, _CUE_SCORE, "cue", others)

    def routine_named(self, cleaned: str) -> str | None:
        """The one routine a text names ("let's do her legs now" -> ``legs``), or None."""
        return self._cues.routine(self.strip_polite(cleaned) or cleaned)

    def fuzzy(self, cleaned: str, state: DialogueState = DialogueState.IDLE,
              min_score: float = 86.0, max_words: int = 6) -> ControlHit | None:
        """The closest control sample for a short phrase, if close enough."""
        from rapidfuzz import fuzz, process

        text = self.strip_polite(cleaned)
        if not text or len(text.split()) > max_words or not self.samples or self.refused(cleaned, state):
            return None
        best = process.extractOne(text, self._flat_texts, scorer=fuzz.ratio)
        if best is None or best[1] < min_score:
            return self._respelled(text, state)
        sample, score, _index = best
        hit = self._recognize(sample, state)
        if hit is None:
            return None
        return ControlHit(hit.intent, hit.slots, round(score / 100.0, 3), "fuzzy")

    def _respelled(self, text: str, state: DialogueState) -> ControlHit | None:
        """The template match of ``text`` with its typing slips corrected (:meth:`control_respell.Respeller.respelled`),
        or None."""
        return self._respeller.respelled(text, state, self._recognize)
