"""Understanding: text (and the dialogue state) -> intent, with slots, a confidence and, for knowledge, the passage.

Order of checks, safety first:

1. emergency phrases, then pain phrases (:class:`~voice_guide.nlu.safety.SafetyRules`);
2. control intents, matched exactly with hassil templates (``intents.yaml``), the
   dialogue state choosing among the intents a sentence can mean
   (:mod:`voice_guide.nlu.controls`);
3. deliberate declines: questions the article does not cover, other health topics,
   medicines and doses (:mod:`voice_guide.nlu.declines`);
4. knowledge topics (``topics.yaml``, :mod:`voice_guide.nlu.knowledge`), in every state;
5. control intents again, fuzzily (rapidfuzz), for short commands a recognizer garbled;
6. the learned control model (:mod:`voice_guide.nlu.controls_learned`), above its probability
   bar and never for a text with the evidence of a question about the article;
   it also has a second opinion on a control found in one clause, by cue words or fuzzily
   (another intent it is sure of, or "not a command" for a cue, or which of several intents
   the cue words named), and a cue it agrees with replaces a knowledge answer with little
   evidence;
7. a question naming no subject, once more with its "it" read as the pack's subject
   (:mod:`voice_guide.nlu.subject`: "what can be done about it");
8. ``fallback`` when nothing is confident enough.

The language rules (normalization, stems, stopwords, word rarity) come from
:mod:`voice_guide.lang`; the sentences given to the recognizer, from
:mod:`voice_guide.nlu.understanding_sentences`; the commands read clause by clause (and those that win over a
finding of the learned safety net alone), from :mod:`voice_guide.nlu.understanding_clauses`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from voice_guide.content.pack import ContentPack
from voice_guide.core.files import user_cache_dir
from voice_guide.lang import get_language
from voice_guide.nlu.classifier import pack_classifier
from voice_guide.nlu.controls import CONTROL_INTENTS, ROUTINE_NAMES, ControlHit, ControlMatcher
from voice_guide.nlu.controls_learned import LearnedControls, load_learned
from voice_guide.nlu.decision import Decision, load_decision
from voice_guide.nlu.declines import CASE_LIFTS, DECLINE_INTENTS, UNRELATED, DeclineRules, asked_after_case
from voice_guide.nlu.embedding import BackgroundTopicSimilarity, model_files
from voice_guide.nlu.knowledge import MAX_ANSWER_WORDS, KnowledgeMatcher
from voice_guide.nlu.match import IntentMatch
from voice_guide.nlu.normalize import TextNormalizer
from voice_guide.nlu.preamble import PreambleReading
from voice_guide.nlu.safety import FindingKind, SafetyRules
from voice_guide.nlu.safety_learned import BackgroundVectors, safety_folder
from voice_guide.nlu.spelling import HYPHEN_JOINS, RUN_TOGETHER
from voice_guide.nlu.state import DialogueState
from voice_guide.nlu.subject import SubjectReading, pack_subject
from voice_guide.nlu.understanding_clauses import (
    MAX_INPUT_CHARS,
    ClauseCommands,
    has_question_clause,
    is_long_question,
    question_clause,
)
from voice_guide.nlu.understanding_decisions import (
    CLEAR_ARTICLE,
    DECISION_ALONE,
    SURE_WORDS,
    SURE_WORDS_FULL,
    KnowledgeDecisions,
)
from voice_guide.nlu.understanding_sentences import RecognizerSentences

__all__ = [
    "CONTROL_INTENTS", "DECLINE_INTENTS", "DEFAULT_THRESHOLD", "MAX_ANSWER_WORDS", "MAX_INPUT_CHARS",
    "ROUTINE_NAMES", "ControlMatcher", "DialogueState", "IntentMatch", "KnowledgeMatcher", "SafetyRules",
    "TextNormalizer", "Understander",
]

_LOGGER = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.3
"""Knowledge answers below this confidence become ``fallback``."""

FIRST_CHOICE = True
"""Try a question of two choices nothing else answered ("is atrophy losing muscle or losing fat", "do you need special
exercises or just any moving") once more as its first choice (:func:`first_choice`), through the joint decision
(thirty-third round, docs/understanding.md)."""

_CHOICE = re.compile(r"^(?P<first>(\S+ ){3,}?\S+) or (?!so\b|not\b|two\b|three\b|more\b|less\b)")
"""The words before the first "or" of a question of two choices (three words or more; not "a week or so", "or not")."""


def first_choice(cleaned: str) -> str | None:
    """The question of cleaned text up to the first of its two choices ("is atrophy losing muscle or losing fat" ->
    "is atrophy losing muscle"), or None (no such "or")."""
    found = _CHOICE.match(cleaned)
    return found.group("first") if found else None


OPENING_ASKED = True
"""Read the article's first section from its start when a text asks for the opening by name ("read me the introduction",
``Language.opening_asked``; thirty-fourth round, docs/understanding.md)."""

UNADDRESSED = True
"""Read a text without a voice assistant's wake word or "okay so" before it and thanks after it ("hey guide, what
causes it, thanks"; ``Language.unaddressed``), after the safety check of the whole text and a command said exactly
(thirty-fifth round, docs/understanding.md)."""

NOTE_LABELS = True
"""Read a text that opens with a note's heading ("Handover: ...", "Night staff note: ...", ``Language.unlabelled``) as
what the note says, after the safety check of the whole text (thirty-third round, docs/understanding.md)."""

SUBJECT_FOR_PRONOUN = True
"""A question nothing else answered that names no subject ("what can be done about it") is tried again with its
pronoun read as the pack's subject (:mod:`voice_guide.nlu.subject`; twenty-third round, docs/understanding.md)."""

PREAMBLE_QUESTION = True
"""A question nothing else answered is tried again from its first question clause on, when what comes before holds no
word of the pack (:mod:`voice_guide.nlu.preamble`; twenty-sixth round, docs/understanding.md)."""


_CUE_MAX_EVIDENCE = 2.0
"""Cue words are not used when the text holds this much evidence of a question about the article
(two of the article's terms: "does not moving make muscles waste quicker")."""

CUE_OVER_KNOWLEDGE: float | None = 0.5
"""The default of :attr:`Understander.cue_over_knowledge`: "keep going with that answer" is
``more`` when the cue and the model agree, not a passage picked by one word (measured in
``scripts/eval_controls_learned.py``, docs/understanding.md, "Eighth round: controls")."""

CLAUSE_ALTERNATIVES: frozenset[str] = frozenset({"yes", "pause"})
"""The default of :attr:`Understander.clause_alternatives`: a "yeah" or "okay" clause is a tag, and
a "hang on" clause an aside, not the command, when cue words in the text name another one the
model finds more probable ("the hand ones please, hang on, ok go")
(measured in ``scripts/eval_controls_learned.py``, docs/understanding.md, "Ninth round: controls")."""

COMMANDS_ONLY_NO_VETO = True
"""The default of :attr:`Understander.commands_only_no_veto` (same measurement)."""

COMMANDS_OVER_NET = True
"""Ninth session: no red-flag line of any safety set (tuning, held out, test, the ninth author's)
that only the net flags is a text of commands only in any state; 4 control lines of the paraphrase
sets were ("and then? keep going" read as crisis at 0.89)."""

COMMANDS_OVER_NET_LEARNED: float | None = 0.9
"""Tenth session: the learned control model's bar at which a text it reads as a command of the
state wins over a finding of the learned safety net alone ("help me out here, i've no idea what
i'm meant to say to it" was crisis at 0.89); None: off. Over every line of the safety sets that the
net alone flags (tuning and held out, in any state) the model's best command is at most 0.72 sure;
over the paraphrase sets' control and out-of-domain lines the net flags, 3 of 4 are at least 0.94."""

COMMANDS_WITH_REMARKS = True
"""Twenty-third session, second part: for :data:`COMMANDS_OVER_NET`, a clause that is a calm remark of interest,
comfort or mood (``safety.yaml`` ``calm_remarks:``, no word of the rules' lexicons in the message) counts as a filler
beside the commands: "keep going with that, i'm really interested" after an answer is ``more``, not the net's crisis
reply (0.82). Measured in tests/data/safety/README.md, "Twenty-third round, second part"."""


class Understander(ClauseCommands, KnowledgeDecisions, RecognizerSentences):
    """Text to :class:`IntentMatch` for one content pack. Build once, reuse for every input."""

    def __init__(self, pack: ContentPack, threshold: float = DEFAULT_THRESHOLD, embeddings: bool = True) -> None:
        self.pack = pack
        self.threshold = threshold
        self.language = get_language(str(pack.intents.get("language", "en")))
        self.normalizer = TextNormalizer(pack.lexicon.synonyms, pack.lexicon.filler, self.language)
        self.safety = SafetyRules(pack.safety)
        self.controls = ControlMatcher(pack.intents)
        self.declines = DeclineRules(pack.intents)
        semantic = _topic_similarity(pack, self.normalizer) if embeddings else None
        if semantic is not None:  # the learned safety net under the rules reads the same sentence vectors
            self.safety.use_net(safety_folder(pack), BackgroundVectors(semantic))
        self.knowledge = KnowledgeMatcher(pack, self.normalizer, semantic, classifier=semantic)
        self.decision: Decision | None = load_decision(pack.root) if semantic is not None else None
        """The joint answer-or-not decision of knowledge questions (None: the confidence threshold)."""
        self.decision_alone: float | None = DECISION_ALONE
        """Answer a match of low confidence when the joint decision is at least this sure (None: never)."""
        self.sure_words: tuple[float, float] | None = SURE_WORDS
        """See :data:`SURE_WORDS`."""
        self.sure_words_full: tuple[float, float] | None = SURE_WORDS_FULL
        """See :data:`SURE_WORDS_FULL`."""
        self.clear_article: tuple[float, float] | None = CLEAR_ARTICLE
        """See :data:`CLEAR_ARTICLE`."""
        self.subject_reading: SubjectReading | None = (
            SubjectReading(pack_subject(pack), self.normalizer) if SUBJECT_FOR_PRONOUN else None)
        """Reads "it" of a question nothing else answered as the article's subject (None: never)."""
        self.preamble: PreambleReading | None = (
            PreambleReading(self.normalizer, self.knowledge.vocabulary, self.language) if PREAMBLE_QUESTION else None)
        """Reads the question after a preamble of no article word ("hi, i'm a student, what is ..."; None: never)."""
        self.declines_corrected = True
        """Whether the declines read the spelling-corrected text too (thirty-third round; they read the text as typed
        first, whose guards name the article's words as the pack spells them)."""
        self.first_choice = FIRST_CHOICE
        """See :data:`FIRST_CHOICE`."""
        self.note_labels = NOTE_LABELS
        """See :data:`NOTE_LABELS`."""
        self.hyphen_joins = HYPHEN_JOINS
        """See :data:`voice_guide.nlu.spelling.HYPHEN_JOINS`."""
        self.opening_asked = OPENING_ASKED
        """See :data:`OPENING_ASKED`."""
        self.run_together = RUN_TOGETHER
        """See :data:`voice_guide.nlu.spelling.RUN_TOGETHER`."""
        self.unaddressed = UNADDRESSED
        """See :data:`UNADDRESSED`."""
        self.learned_controls: LearnedControls | None = (
            load_learned(pack.root, BackgroundVectors(semantic), self.controls) if semantic is not None else None)
        """The learned control model, tried where the templates, cues and topics found nothing (None: off)."""
        self.learned_before_fuzzy = False
        """Try the learned control model before the fuzzy template match (measured, not the default)."""
        self.learned_over_knowledge: float | None = None
        """The bar at which the learned model's command replaces an answered knowledge match with
        little evidence (None: never; measured, not the default)."""
        self.clause_last_first = True
        """A command in the last clause wins over one in an earlier clause ("no wait, go on")."""
        self.clause_alternatives: frozenset[str] = CLAUSE_ALTERNATIVES
        """Intents of one clause that the learned model may trade for another intent cue words
        name in the whole text (:meth:`_clause_hit`)."""
        self.commands_only_no_veto = COMMANDS_ONLY_NO_VETO
        """When every clause is a command ("sorry i'm lost, help, what do i do"), a question
        clause among them does not make the text a question about the article."""
        self.commands_over_net = COMMANDS_OVER_NET
        """Whether a text of device commands only wins over a finding of the learned safety net
        alone (:meth:`_commands_over_net`; the rules' findings always win)."""
        self.commands_over_net_learned = COMMANDS_OVER_NET_LEARNED
        """The learned control model's bar for the same (None: templates only)."""
        self.commands_with_remarks = COMMANDS_WITH_REMARKS
        """See :data:`COMMANDS_WITH_REMARKS`."""
        self.cue_over_knowledge: float | None = CUE_OVER_KNOWLEDGE
        """The bar at which a cue the learned model agrees with replaces an answered knowledge
        match with little evidence ("keep going with that answer"; None: never)."""
        # load the word-frequency table, the fuzzy matcher and hassil's recognizer now, not on the first question
        self.knowledge.correct_spelling("voiceguidewarmup")
        self.controls.exact("voice guide warm up")

    def understand(self, text: str, state: DialogueState = DialogueState.IDLE) -> IntentMatch:
        """The meaning of ``text`` said in dialogue ``state``. Never raises for any string input."""
        return self._understand(text, state, self.unaddressed)

    def _understand(self, text: str, state: DialogueState, unaddress: bool) -> IntentMatch:
        """:meth:`understand`, with ``unaddress``: reading ``text`` without an assistant's habits (:data:`UNADDRESSED`)."""
        cleaned = self._clean(text)
        if not cleaned:
            return IntentMatch("fallback", 0.0, text="")
        finding = self.safety.assess(text, state)  # emergency, crisis, pain, medical advice, about me: before anything else
        if finding.kind is not FindingKind.NONE and not self._commands_over_net(finding, text, state):
            return IntentMatch(finding.intent, 1.0, {"concept": finding.concept or ""}, text=cleaned)
        body = self.language.unlabelled(text) if self.note_labels else None
        if body is not None:  # "Handover: Mr Patel has been in bed ...": what the note says, without its heading
            return self.understand(body, state)
        joined = self.knowledge.spelling.hyphens_joined(text) if self.hyphen_joins and isinstance(text, str) else text
        if joined != text:  # "muscle at-trophy", "polymyo-something": the pack's word the writer meant
            return self.understand(joined, state)
        split = self.knowledge.spelling.run_together_split(text) if self.run_together and isinstance(text, str) else text
        if split != text:  # "whatis muscleatrophy": the words typed with a space left out
            return self.understand(split, state)
        exact = self._checked(self.controls.exact(cleaned, state), cleaned, state)
        if exact is not None:
            return _control(exact, cleaned)
        reason = self.controls.answer_with_reason(cleaned, state)
        if reason is not None:  # "no she had a fall yesterday" at the safety check, once no red flag was found
            return _control(reason, cleaned)
        bare = self.language.unaddressed(text) if unaddress and isinstance(text, str) else None
        if bare is not None:  # "hey guide, what causes it? thanks": the question without the assistant's habits
            return self._unaddressed(text, bare, state)
        # "not so loud, she has a headache", "dad, lie back, okay start the leg exercises":
        # a command first (outside a routine only when no other clause is a question)
        clause = self._clause_hit(text, cleaned, state, questions_veto=not state.in_routine)
        if clause is not None:
            return _control(clause, cleaned)
        decline = self.declines.match_asked(cleaned, self.language, self._unwrapped(text)) or self._declined_corrected(cleaned)
        if decline in CASE_LIFTS and isinstance(text, str) and asked_after_case(text, self.declines, self.language,
                                                                                self.normalizer.names_subject):
            answered = self._meaning(text, cleaned, state)  # "My son has cerebral palsy. Is that the stiffness you
            if answered.section_id:  # mentioned?": the article's question, when the article answers it
                return answered
        if decline == UNRELATED:
            return IntentMatch("fallback", 0.0, text=cleaned)  # not for this guide: say what it can do
        if decline is not None:
            return IntentMatch(decline, 1.0, text=cleaned)
        return self._meaning(text, cleaned, state)

    def _meaning(self, text: str, cleaned: str, state: DialogueState) -> IntentMatch:
        """What ``text`` (``cleaned``: its normalised words) asks or commands once no safety finding, rewrite, exact
        command or decline has answered: a routine's cue, the article's opening, a passage, a command said around a
        question, the learned and fuzzy commands, then the retries (its subject, its question after a preamble)."""
        if state.in_routine:  # in a routine, "wait her arm is stuck" is a command before a question
            cue = self._checked(self.controls.cue(cleaned, state), cleaned, state)
            if cue is not None:
                return _control(cue, cleaned)
        opening = self.knowledge.opening(cleaned) if self.opening_asked else None
        if opening is not None:  # "read me the introduction": the article's opening, from its first sentence
            return opening
        knowledge, signals = self.knowledge.match_signals(cleaned)
        decided = self._decide(knowledge, signals)
        if knowledge is not None and decided:
            command = self._learned(cleaned, state, knowledge, self.learned_over_knowledge) or self._agreed(text, cleaned, state, knowledge)
            return _control(command, cleaned) if command is not None else knowledge
        clause = self._clause_hit(text, cleaned, state)
        if clause is not None and not state.in_routine and has_question_clause(text):
            # "what causes it, quick summary": the question is what was asked, the rest is how
            meaning = self.knowledge.meaning_match(cleaned) or (self._asked_alone(text) if clause.intent == "start_routine" else None)
            if meaning is not None:
                return meaning
        if clause is None and not is_long_question(cleaned) and (
                knowledge is None or self.knowledge.evidence(cleaned, knowledge.intent)[0] < _CUE_MAX_EVIDENCE):
            clause = self._checked(self.controls.cue(cleaned, state), cleaned, state)  # not for a question about the article
        if clause is not None:
            return _control(clause, cleaned)
        learned = self._learned(cleaned, state, knowledge) if self.learned_before_fuzzy else None
        fuzzy = learned or self._checked(self.controls.fuzzy(cleaned, state), cleaned, state)
        if fuzzy is not None:
            return _control(fuzzy, cleaned)
        meaning = self.knowledge.meaning_match(cleaned) if decided is None else None
        if meaning is not None:  # no shared words, but the same meaning as a topic
            return meaning
        learned = self._learned(cleaned, state, knowledge) if not self.learned_before_fuzzy else None
        if learned is not None:
            return _control(learned, cleaned)
        if decided is None and knowledge is not None and self._sure(knowledge, signals):
            return knowledge  # the words are weak, but every signal together is sure
        if decided is False and knowledge is not None and self._sure_words(knowledge, signals):
            return knowledge  # vetoed, but the words are sure and the classifier does not put it outside
        if not decided and knowledge is not None and self._clear_article(signals, knowledge):
            return knowledge  # the classifier puts it inside the article and the decision leans to answer
        retried = self._retry(self.subject_reading.retry_text(cleaned) if self.subject_reading else None, cleaned) or \
            self._retry(self.preamble.question(text) if self.preamble else None, cleaned) or \
            self._retry(first_choice(cleaned) if self.first_choice else None, cleaned)
        if retried is not None:  # "what can be done about it" of the guide's subject; "hi, i'm a student, what is ...";
            return retried  # "is atrophy losing muscle or losing fat": its first choice
        confidence = knowledge.confidence if knowledge is not None else 0.0
        return IntentMatch("fallback", round(confidence, 3), text=cleaned)

    def _unaddressed(self, text: str, bare: str, state: DialogueState) -> IntentMatch:
        """The meaning of ``bare`` (``text`` without a wake word or thanks), unless ``text`` as written is a command
        or a decline ("hey guide, um, can we do all of it? arms and legs" starts a routine, "guide, what's in your
        article, the headings?" lists the topics: the wake word is left out to keep "guide" and "hey" from pulling a
        passage, not to lose a command)."""
        written = self._understand(text, state, unaddress=False)
        if not written.section_id and written.intent != "fallback":
            return written
        return self.understand(bare, state)

    def _declined_corrected(self, cleaned: str) -> str | None:
        """The decline of ``cleaned`` with its spelling corrected, when that differs ("is sarcopinia the same as
        atrophy"; :attr:`declines_corrected`; None: not declined, or off). Only ever adds a decline: a pack word
        the correction makes of a word it does not know ("sciatica" -> "critical") must not lift one."""
        if not self.declines_corrected:
            return None
        corrected = self.knowledge.correct_spelling(cleaned)
        return self.declines.match_asked(corrected, self.language) if corrected != cleaned else None

    def _unwrapped(self, text: str) -> Callable[[], str | None] | None:
        """The question of ``text`` without its preamble and wrapper, asked when needed (None: no such reading)."""
        preamble = self.preamble
        return None if preamble is None else (lambda: preamble.question(text))

    def _retry(self, retry: str | None, cleaned: str) -> IntentMatch | None:
        """The knowledge answer of ``retry`` (``cleaned`` read another way: its pronoun as the article's subject,
        :mod:`voice_guide.nlu.subject`; its question without a preamble, :mod:`voice_guide.nlu.preamble`), when the
        joint decision answers it (None: no other reading, or not answered)."""
        if retry is None:
            return None
        knowledge, signals = self.knowledge.match_signals(retry)
        if knowledge is None or not self._decide(knowledge, signals):
            return None
        return replace(knowledge, text=cleaned)

    def _learned(self, cleaned: str, state: DialogueState, knowledge: IntentMatch | None,
                 bar: float | None = 0.0) -> ControlHit | None:
        """The learned control model's intent (at least ``bar`` sure, besides the model's own bar),
        or None (no model, no bar, or a text with the evidence of a question about the article:
        "does not moving make muscles waste quicker")."""
        if self.learned_controls is None or bar is None:
            return None
        if knowledge is not None and self.knowledge.evidence(cleaned, knowledge.intent)[0] >= _CUE_MAX_EVIDENCE:
            return None
        hit = self.learned_controls.predict(cleaned, state)
        return hit if hit is not None and hit.score >= bar else None

    def _agreed(self, text: str, cleaned: str, state: DialogueState, knowledge: IntentMatch) -> ControlHit | None:
        """The cue's command, when the learned model is at least :attr:`cue_over_knowledge` sure of
        it too and the text is not a question about the article, nor holds one ("sorry i missed
        it, what did it say about casts"; None: no, or off)."""
        bar, model = self.cue_over_knowledge, self.learned_controls
        if bar is None or model is None or is_long_question(cleaned) or has_question_clause(str(text)) \
                or self.knowledge.evidence(cleaned, knowledge.intent)[0] >= _CUE_MAX_EVIDENCE:
            return None
        return model.confirmed(self._checked(self.controls.cue(cleaned, state), cleaned, state), cleaned, state, bar)

    def _asked_alone(self, text: str) -> IntentMatch | None:
        """The question clause read alone when the joint decision answers it, asked beside a routine's start ("her
        legs need exercising, what causes the wasting": the causes, not the legs routine; thirty-sixth session; not
        beside a command about the answer: "too long, what's the short answer" stays brief)."""
        asked = question_clause(str(text))
        if asked is None:
            return None
        knowledge, signals = self.knowledge.match_signals(self._clean(asked))
        return knowledge if knowledge is not None and self._decide(knowledge, signals) else None

    def reply(self, intent: str) -> str:
        """The pack's reply text for a decline intent (``not_covered``, ``out_of_scope``…), or ""."""
        return self.declines.replies.get(intent, "")

    def control_exact(self, text: str, state: DialogueState = DialogueState.IDLE) -> IntentMatch | None:
        """The exact control-template match of ``text`` in ``state`` (hassil, after polite words
        are stripped), or None; no safety, knowledge or fuzzy matching. For callers that trust
        the tight control grammar more than free questions (e.g. at a low recognizer
        confidence)."""
        cleaned = self._clean(text)
        hit = self.controls.exact(cleaned, state) if cleaned else None
        return _control(hit, cleaned) if hit is not None else None

    def is_emergency(self, text: str) -> bool:
        """True when ``text`` describes an emergency (the safety rules, as :meth:`understand` checks first)."""
        cleaned = self._clean(text)
        return bool(cleaned) and self.safety.is_emergency(str(text))

    def is_pain(self, text: str) -> bool:
        """True when ``text`` says a movement hurts (the safety rules, as :meth:`understand` checks them)."""
        cleaned = self._clean(text)
        return bool(cleaned) and self.safety.is_pain(str(text))

    def knowledge_evidence(self, text: str, topic: str) -> tuple[float, int]:
        """How strong the evidence of ``text`` for the knowledge topic ``topic`` is:
        ``(summed evidence, number of content words)``, see :meth:`KnowledgeMatcher.evidence`."""
        if not isinstance(text, str):
            text = str(text or "")
        return self.knowledge.evidence(text[:MAX_INPUT_CHARS], topic)


def _topic_similarity(pack: ContentPack, normalizer: TextNormalizer) -> BackgroundTopicSimilarity | None:
    """Sentence-embedding similarity to the pack's topics (and, last, to its out-of-domain
    samples), loaded in the background; None
    for a pack without topics or when the model is not installed."""
    if not pack.topics or model_files() is None:
        return None
    groups = [list(topic.samples) for topic in pack.topics]
    negatives = [str(s) for s in pack.intents.get("out_of_domain_samples") or []]
    if negatives:  # one more group, after the topics: the pack's own out-of-domain questions
        groups.append(negatives)
    return BackgroundTopicSimilarity(groups, user_cache_dir(), partial(pack_classifier, pack, normalizer))


def _control(hit: ControlHit, cleaned: str) -> IntentMatch:
    return IntentMatch(hit.intent, hit.score, dict(hit.slots), text=cleaned)
