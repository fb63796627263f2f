"""Text handling for the safety rules: normalising, clauses and the pattern language (the context rules that read
a phrase's time, negation and frame are in :mod:`voice_guide.nlu.safety_context`).

Patterns in ``safety.yaml`` are regular expressions over normalised text (lower case,
contractions expanded, punctuation removed inside a clause) with two additions:

* ``{field}`` is replaced by the alternatives of the lexical field ``field`` (``fields:``);
* ``~`` is a gap of up to :data:`SHORT_GAP_WORDS` words and ``~~`` of up to
  :data:`LONG_GAP_WORDS` (filler and word-order tolerance: "his chest, um, feels really tight").

Patterns are matched clause by clause; a clause ends at punctuation and at "but",
"and now", "though" ... (:data:`CLAUSE_BREAKS`), so "she had a stroke last year, and now her
face has dropped" is judged on its last clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.lang import fold_accents
from voice_guide.nlu.safety_cache import PatternCache
from voice_guide.nlu.safety_clauses import joined, now_statements, report_after_question, run_on_statements
from voice_guide.nlu.safety_spelling import BARE_CONTRACTIONS

SHORT_GAP_WORDS = 4
"""Words a ``~`` in a pattern may skip."""

LONG_GAP_WORDS = 8
"""Words a ``~~`` in a pattern may skip."""

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

_EXPANSIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        # Fortieth session (tune42:odd): h-dropped speech written down ("'it 'er 'ead on the step"): the apostrophe at a
        # word's start stands for the lost letter; "'it" is "hit" only before another h-dropped word ("'it 'er 'ead"),
        # never a quoted "'it hurts'". G-dropped words ("makin'", "dyin'") are restored by _restore_g below.
        (r"(?<![\w'])'(ead|eads|urt|urts|urting|eart|ospital|elp)\b", r"h\1"),
        (r"(?<![\w'])'it (?='(?:er|is|im|ead)\b)", "hit "),
        (r"(?<![\w'])'(er|is|im)(?= '?(?:ead|head|eart|heart|and|hand|ip|hip)\b)", r"h\1"),
        (r"(?<![\w'])'ip\b", "hip"),
        # Thirty-sixth session, review fixes: Southern US "ain't got no X" is "has no X", never a double negation
        # ("she ain't got no pulse" has no pulse), and "ain't got a X" is "has not got a X"; Scots "nae" is "not"
        # before a verb or an adjective of state ("nae breathing", "nae breathin", "nae well", "nae responsive"); elsewhere the pack's spelling list
        # reads it "no" ("nae pulse").
        (r"\bain'?t got (?=(?:no|nothing|nobody|none|noone|nuttin|nae)\b)", "has "),
        (r"\bain'?t got\b", "has not got"),
        (r"\bnae (?=(?!(?:nothing|something|anything|thing|morning|evening|ceiling|ring|king|wing|sibling|skin|pin|tin"
         r"|bin|chin|shin|coffin|cabin|raisin|violin|robin|muffin|penguin|vitamin|insulin|aspirin|heparin)\b)\w+in[g']?\b"
         r"|(?:well|right|awake|conscious|able|good|bad|sure|there|moving|responding|responsive|alive|breathing|with it"
         r"|himself|herself|themselves)\b)",
         "not "),
        (r"\bod'(?:d|ed)\b|\boded\b|\bo\.d\.?'?d\b", "overdosed"),
        (r"\bod'?ing\b", "overdosing"),
        (r"\b(can'?t|cannot)\b", "can not"),
        (r"\bwon'?t\b", "will not"),
        (r"\b(is|was|does|did|do|has|have|had|could|would|should|are|were|must|need)n'?t\b", r"\1 not"),
        # Thirteenth session: a panicked "why won't he wake up?" / "why can't she breathe?" is a report, not a
        # question about a condition: read it as "he will not wake up" / "she can not breathe".
        (r"\bwhy (can not|will not|is not|are not|does not|do not|has not|have not) (he|she|they|my \w+|mum|mom|dad|grandad|grandpa|grandma|gran|nan|the baby|the patient)\b",
         r"\2 \1"),
        # (Fifty-fourth session, own probe r54: "he's just brought up a mouthful of blood", "he's carried an epipen ever
        # since": more participles read as "has"; never a word that is also an adjective: swollen, tired, choked (upset), drunk, used to.)
        (r"\b(\w+)'s ((?:never |just |already |ever |not |only |now |also )?(?:had|been|got|gone|fallen|taken|swallowed|collapsed|broken|hit|passed|stopped|started|seen|done|met|eaten|lost|woken|forgotten|fainted|thrown|given|cut|burnt|burned|tried|lasted|gone on|brought|carried|vomited|coughed|spat|bled|become|turned|felt|told|slipped|tripped|banged|bumped|knocked|dropped|spilt|spilled|complained|mentioned|developed))\b", r"\1 has \2"),
        (r"\b(he|she|it|there|that|what|who|where|here)'s\b", r"\1 is"),
        # Twenty-fifth session: "tonight's the night" ("tonight is the night", a timing sign), with or without the apostrophe.
        (r"\b(today|tonight|tomorrow)'?s (?=the (?:night|day)\b)", r"\1 is "),
        (r"\b(\w+)'s (?=(?:on the|not|still|lying|stuck|having|going|turning|getting|breathing|bleeding|choking|"
         r"shaking|fitting|struggling|gasping|sweating|slurring|unconscious|unresponsive)\b)", r"\1 is "),
        # (Twenty-first session: an adverb between, as with the apostrophe: "shes never seen me before".)
        (r"\b(he|she)s ((?:never |just |already |ever |not |only |now |also )?(?:had|been|got|fallen|taken|swallowed|collapsed|broken|hit|passed|stopped|started|seen|done|eaten|lost|forgotten|fainted|tried|brought|carried|vomited|coughed|spat|bled|become|turned|slipped|tripped|banged|bumped|knocked|dropped|complained|mentioned))\b", r"\1 has \2"),
        (r"\b(he|she)s\b", r"\1 is"),
        # Forty-sixth session (tune48:odd): Scots "ah" for "I" before a contraction ("ah'm done, ah've had enough").
        (r"\bah'm\b", "i am"),
        (r"\bah'(ve|ll|d)\b", r"i'\1"),
        (r"\b(i'?m)\b", "i am"),
        (r"\b(\w+)'re\b", r"\1 are"),
        (r"\b(\w+)'ve\b", r"\1 have"),
        (r"\b(\w+)'ll\b", r"\1 will"),
        (r"\b(\w+)'d\b", r"\1 would"),
        (r"\b(\w+)'s\b", r"\1"),
        (r"\bive\b", "i have"),
        (r"\bwanna\b", "want to"),
        (r"\bgonna\b", "going to"),
        (r"\bplz\b", "please"),
        (r"\b(what|that|there|here|where|who|how|it)s\b", r"\1 is"),
        (r"\b(they|you)re\b", r"\1 are"),
        (r"\b(is|was|does|did|do|has|have|had|could|would|should|are|were)nt\b", r"\1 not"),
        (r"\b(can not|could not|does not|do not|did not|is not|are not|will not|would not) (?:seem to|seem able to|really|even|quite|actually) ", r"\1 "),
        (r"\bidk\b", "i do not know"),
        (r"\bdunno\b", "do not know"),
        (r"\b(they|you|that|there|who)d\b", r"\1 would"),
        # Twentieth session: contractions a transcript writes without the apostrophe where the bare word is a word
        # of its own ("ill", "id", "hell", "shed"): read as the contraction only before a verb or adverb that the
        # contraction takes ("ill never get better", "id rather not be here", "hell do something", "shed never").
        *BARE_CONTRACTIONS,
        (r"\b(?:out of the blue|out of nowhere|outta nowhere|all of a sudden)\b", "suddenly"),
        # Twelfth session: "me" for "my" before a body part ("terrible pain in me head"), not after a
        # verb that takes "me" as its object ("show me arm exercises").
        (r"(?<!show )(?<!tell )(?<!give )(?<!teach )(?<!send )(?<!read )(?<!remind )(?<!let )(?<!get )(?<!find )"
         r"\bme (?=(?:head|chest|heart|throat|face|lips|tongue|neck|arm|arms|leg|legs|breathing|breath|calf|mouth)\b)",
         "my "),
    )
)

_PUNCT = re.compile(r"[.,;:!?()\"]+")
_DECIMAL = re.compile(r"(\d)\.(\d)")
_NON_WORD = re.compile(r"[^a-z0-9 |]+")

NEW_SUBJECT = frozenset("his her my their he she i they it the there now your our this".split())
"""Words after "and" that start a new statement: a negation before "and" does not reach past them."""

NEW_PREDICATE = frozenset(
    "is are was were has have had will would can could keeps keep seems seem looks look feels feel went gone started then just".split())
"""Words after "and" that start a new predicate: a negation before "and" does not reach past them
(but it does reach a second noun: "denies chest pain and shortness of breath")."""

NEW_STATEMENT_WORDS = NEW_SUBJECT | NEW_PREDICATE
"""Words after "and" that start a new statement (subject or predicate); the spoken rescue reads them too."""

CLAUSE_BREAKS = re.compile(r"\b(?:but|though|although|however|whereas|and now|so now|and then now)\b")
"""Words that start a new clause (besides punctuation)."""


_G_DROPPED = re.compile(r"\b([a-z]{2,}in)'(?![\w'])")
_OPENING_QUOTE = re.compile(r"(?<![\w'])'(?!(?:cause|cos|coz|em|til|till|bout|round|n|twas|tis|ere)\b)(?=[a-z])")


def _restore_g(text: str) -> str:
    """G-dropped words written with the apostrophe read with their "g" ("not makin' any sense", "i feel like dyin'"),
    except a word that closes a quotation opened before it ("he said 'take your insulin'": the reviews of the fortieth
    session; a clipped "'cause" or "'em" opens none)."""
    if "'" not in text:
        return text
    def restore(m: re.Match[str]) -> str:
        opened = len(_OPENING_QUOTE.findall(text, 0, m.start() + 1))
        return m.group(0) if opened % 2 == 1 else m.group(1) + "g"
    return _G_DROPPED.sub(restore, text)


@lru_cache(maxsize=1024)  # a pure function; one message is normalised by many readers (fifty-first session)
def normalise(text: str, fold: bool = True) -> str:
    """Lower case, straight apostrophes, accented letters plain (:func:`~voice_guide.lang.fold_accents`; ``fold=False``: dropped, as the
    learned net's features were built), contractions expanded; punctuation becomes ``|`` (a clause break), other
    symbols a space."""
    text = str(text or "").lower().translate(_APOSTROPHES)
    text = fold_accents(text) if fold else text
    text = re.sub(r"[-/–—_]", " ", text)
    for pattern, repl in _EXPANSIONS:
        text = pattern.sub(repl, text)
    text = _restore_g(text)
    text = _DECIMAL.sub(r"\1 point \2", text)  # "her sugar is 2.1": one reading, not "2 | 1" (fiftieth session)
    text = _PUNCT.sub(" | ", text)
    text = _NON_WORD.sub(" ", text.replace("'", ""))
    return _FALSE_START.sub(r"\1", " ".join(text.split()))


_FALSE_START = re.compile(r"\b((?:[a-z]+ ){1,2}[a-z]+|i|he|she|they|we|it|my|his|her|their|the|a|is|was|has|had|do|does)"
                          r"(?: \1\b)+")
"""A false start of a transcript, two or three words said again ("i do not i do not want to carry on": without it the
second "not" reads as negating the first), or a pronoun, determiner or auxiliary said twice ("she she is"); a single
word of its own said again ("quick quick", "no no", "ow ow") is kept: some phrases are told by it (fortieth session)."""


_URGENT_LEAD = re.compile(
    r"^(?:(?:oh|um|uh|er|erm|please|sorry|quick|quickly|help) )*"
    r"(?:what (?:do|should|can|shall|must) (?:i|we) do(?: now| here)?|what now|how do i help (?:him|her|them)"
    r"|help(?: me| us)?(?: please)?|please help(?: me| us)?|oh (?:my )?god|oh no|quick|hurry"
    r"|(?:can|could|will) (?:you|someone|somebody|anyone) (?:please )?(?:help|come)(?: me| us)?(?: please)?"
    r"|(?:should|shall|do|can|must) (?:i|we) (?:call|ring|phone|get|need) (?:an |the |for )?(?:ambulance|911|999|112|help|paramedics|doctor|someone)"
    r"|(?:do|will) (?:i|we|they|you) need (?:an |the )?(?:ambulance|911|999|112|paramedics|to call \w+)"
    r"|(?:is|could|can|might) (?:this|it|that|he|she|they) (?:be )?(?:having )?(?:a |an )?(?:\w+ ){0,2}?"
    r"(?:stroke|heart attack|seizure|fit|clot|reaction|overdose|emergency|serious|bad))"
    r"(?= (?:he|she|they|i|my|his|her|their|mum|mom|dad|the|it|there|we|our|your)\b)"
)
"""A cry or a question that leads into a report without punctuation ("what do I do she can't
breathe", "is this a stroke her arm just went dead"): the report after it is a clause of its own."""


def clauses(text: str, run_on: bool = False) -> list[str]:
    """The clauses of a normalised text, each without punctuation. ``run_on``: also cut a run-on clause before a
    pronoun and a finite verb (:func:`~voice_guide.nlu.safety_clauses.run_on_statements`, twentieth session: how
    crisis talk is read)."""
    out = []
    parts = []
    for part in CLAUSE_BREAKS.sub("|", text).split("|"):
        part = part.strip()
        m = _URGENT_LEAD.match(part)
        parts.extend([part[:m.end()], part[m.end():]] if m else [part])
        at = report_after_question(parts[-1])  # "is it normal she is breathing weird": no full stop between
        if at:
            parts[-1:] = [parts[-1][:at], parts[-1][at:]]
        parts[-1:] = now_statements(parts[-1]) or parts[-1:]  # "... was really confused | now she drinks loads"
        if run_on:  # "what is the point | i will never get better | i would rather not be here at all"
            parts[-1:] = [p for q in parts[-1:] for p in (run_on_statements(q) or [q])]
    for part in parts:
        part = " ".join(part.split())
        if part:
            out.append(part)
    return joined(out)


def sentence_text(text: str) -> str:
    """A normalised text without its clause marks."""
    return " ".join(text.replace("|", " ").split())


_FIELD = re.compile(r"\{(\w+)\}")
_LONG_GAP = re.compile(r"\s*~~\s*")
_SHORT_GAP = re.compile(r"\s*(?<!\{)~(?!\})\s*")


def _nested(fields: dict[str, str]) -> dict[str, str]:
    """Fields whose text names other fields, expanded (fiftieth session: ``{pop_cry}`` names ``{exercise_cry}``,
    which was left as literal text, so a scream beside a crack never counted). A braced name that is no field stays
    as written; a loop of fields is a content error."""
    out = dict(fields)
    for _ in range(len(out) + 1):
        changed = False
        for name, text in out.items():
            expanded = _FIELD.sub(lambda m: out.get(m.group(1), m.group(0)), text)
            if expanded != text:
                out[name], changed = expanded, True
        if not changed:
            return out
    raise ContentError("safety.yaml: fields name each other in a loop")


class PatternCompiler:
    """Turns the pack's patterns (fields, gaps) into compiled regular expressions."""

    def __init__(self, fields: Mapping[str, str | Iterable[str]], cache: PatternCache | None = None) -> None:
        self._cache = cache if cache is not None else PatternCache(use_file=False)
        self._fields = _nested({
            str(k): "(?:" + (vals if isinstance(vals, str) else "|".join(str(v) for v in vals)) + ")"
            for k, vals in fields.items()
        })

    def expand(self, source: str) -> str:
        """The regular expression text of one pattern."""
        def field(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self._fields:
                raise ContentError(f"safety.yaml: unknown field {{{name}}} in pattern {source!r}")
            return self._fields[name]

        text = source.strip()
        if "{" in text:
            text = _FIELD.sub(field, text)
        if "~" in text:
            text = _LONG_GAP.sub(f"(?: [a-z0-9]+){{0,{LONG_GAP_WORDS}}} ", text)
            text = _SHORT_GAP.sub(f"(?: [a-z0-9]+){{0,{SHORT_GAP_WORDS}}} ", text)
        return text

    def compile(self, source: str, where: str) -> re.Pattern[str]:
        """Compile one pattern, words bounded on both sides."""
        try:
            return self._cache.compile(r"(?<![a-z0-9])(?:" + self.expand(str(source)) + r")(?![a-z0-9])")
        except re.error as err:
            raise ContentError(f"safety.yaml: {where}: bad pattern {source!r}: {err}") from None

    def compile_all(self, sources: Iterable[Any], where: str) -> list[re.Pattern[str]]:
        """Compile a list of patterns."""
        return [self.compile(str(s), f"{where}[{i}]") for i, s in enumerate(sources or [])]
