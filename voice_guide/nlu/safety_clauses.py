"""Clause boundaries found without punctuation (nineteenth session).

A transcript has no full stops: "is it normal? she's breathing weird" comes as "is it normal shes breathing
weird", one clause whose question start would cancel the report after it. :func:`report_after_question` finds
where a question runs into a report of now about someone (a subject, then a verb of now: a change going on, a
change just made, a state beside a word of now), so that :func:`voice_guide.nlu.safety_text.clauses` can make the
report a clause of its own, as the full stop did. A subordinate report ("is it normal *that* ...", "... *if* he is
...", "how do i know *i am* ...") asks about it and is never split off.
"""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

QUESTION_LEAD = re.compile(
    r"^(?:(?:um|uh|er|erm|so|and|but|oh|ok|okay|sorry|please|quick|hi|hey|well) )*"
    r"(?:is|are|was|were|am|does|do|did|should|shall|could|can|would|will|might|may|how|what|why|where|has|have"
    r"|yall (?:know|reckon|think)|you all (?:know|reckon)|you reckon|(?:anyone|anybody) (?:know|reckon))\b"
)
"""A clause that starts as a question (normalised text)."""

SUBJECT = (
    r"(?:he|she|they|we|i|it|there"
    r"|(?:my|his|her|their|our|the|your) (?!(?:way|time|best|point|reason|idea|thing|question)\b)(?:[a-z]+ ){0,3}?[a-z]+"
    r"|mum|mom|dad|nan|nana|gran|granny|grandma|grandad|grandpa|grandmother|grandfather|the baby)"
)
"""Who or what a report is about: a pronoun, a possessive or definite noun phrase of up to four words, a family word."""

_ADVERBS = r"(?:(?:still|now|just|really|very|so|all|completely|totally|suddenly|not|getting|going) )*"

_CHANGE_MADE = (r"(?:has|have) (?:(?:just|suddenly|now|all of a sudden|gone and) )?(?!had\b|always\b|never\b|been (?!\w+ing\b))"
                r"[a-z]+(?:ed|en|ne|wn|ut|ck|ung|ost|pt|ft|st)\b")
"""A change just made ("has gone grey", "has burst open", "has stopped breathing"; not "has had", "has always been")."""

VERB_NOW = re.compile(
    r"(?:is|are|am) " + _ADVERBS + r"(?!going to\b|doing (?:the|his|her|their|my|it|this|that|well|ok|okay|fine|better)\b)(?:[a-z]{2,}ing|gone|turned)\b"
    r"|" + _CHANGE_MADE +
    r"|(?:just|suddenly) (?:[a-z]+ed|went|fell|took|ate|drank|swallowed|passed out|keeled|stopped|started|collapsed|dropped|lost|hit|cut|broke|got)\b"
    r"|(?:says|said|tells (?:me|us)|told (?:me|us)) (?:that )?(?:his|her|my|their|the) (?:[a-z]+ ){0,2}?[a-z]+ (?:is|are|feels|hurts|has)\b"
    r"|(?:is|are|am|keeps|keep|can not|will not|can barely|can hardly|is not|are not) .*\b"
    r"(?:now|right now|tonight|today|this (?:morning|afternoon|evening)|at the moment|all of a sudden|suddenly|"
    r"an hour ago|(?:\w+ )?minutes ago|since (?:lunch|lunchtime|breakfast|dinner|tea|this morning|an hour ago))\b"
)
"""A verb of now right after the subject: a change going on ("is breathing weird"), a change just made ("has gone
grey", "has burst open", not "has had", "has always been"), an event just now ("just went dead"), or a state told
beside a word of now ("is so muddled tonight")."""

_REPORT = re.compile(r"(?<![a-z])(?=" + SUBJECT + r" (?:" + VERB_NOW.pattern + r")|now (?!(?:and|that|then|on|or|is|days|if|when)\b)[a-z]+ [a-z]+)")
"""Where a report starts: a subject and a verb of now, or "now" and a statement ("why is she talking like that |
now nothing she says makes sense"; not "now and then", "now that ...")."""

SUBORDINATE = frozenset(
    "that if when whether because cos as than like who which where while until unless once after before "
    "for to of about in on at with and or know tell sure think thought mean means say says said hope wonder "
    "worried worry scared afraid see so".split())
"""The last word of a question lead after which a statement belongs to the question (a content clause, a case, a
relative clause, a preposition's object): "is it normal that he is ...", "how do i know i am ...", "worried she is
...": no split there (nor after a bare "in case": :func:`report_after_question`)."""

_DETERMINERS = frozenset("my his her their our your the a an this".split())
"""Words that start a noun phrase: a subject found after one of them is inside that phrase ("if my | dad is ...")."""

_DONE = re.compile(SUBJECT + " " + _CHANGE_MADE)
"""A report of a change just made (:data:`_CHANGE_MADE`: "he has stopped breathing", "she has gone blue"): after "in
case" still a report."""

_NOW_WORD = re.compile(r"\b(?:now(?! that\b| and then\b)|at the moment|this minute)\b")
"""A word of now in a report after "in case": still a report ("in case he is having a heart attack right now")."""

_OBJECT_AFTER_VERB = re.compile(r"(?:my|his|her|their|our|your|the) ")
_OBJECT_VERBS = frozenset("hit hits cut cuts hurt hurts broke breaks bit bites struck split lost banged bumped knocked "
                          "twisted bashed whacked smacked cracked scraped grazed burned burnt scalded sprained jarred "
                          "trapped caught stubbed wrenched injured bruised".split())
"""A verb of an injury right before a possessive noun phrase: the phrase is the verb's object, not the subject of a
report (forty-first session, tune43:odd: "is it normal that after she hit her head she is having trouble staying awake"
had been cut into "... she hit | her head she is having ...", the head injury's phrase lost)."""

MAX_LEAD_WORDS = 14
"""Words a question may run before the report that follows it (the longest of the tuning misses ran 13: "is it
serious if the blood will not stop after half an hour | it is squirting ...")."""


def report_after_question(clause: str) -> int:
    """Where a report of now starts inside a clause that starts as a question (an index into ``clause``), or 0
    when there is none: the first place after two words or more of the question where a subject and a verb of
    now follow a word that is not :data:`SUBORDINATE`."""
    lead = QUESTION_LEAD.match(clause)
    if lead is None:
        return 0
    for m in _REPORT.finditer(clause, lead.end()):
        before = clause[:m.start()].split()
        if before[-2:] == ["in", "case"] and not _DONE.match(clause, m.start()) and not _NOW_WORD.search(clause, m.start()):
            continue  # "what do i do in case he is having a seizure" asks about a case ("in this case | he has just
            # collapsed" and "in case he has stopped breathing" stay reports: thirty-ninth session's reviews)
        if _OBJECT_AFTER_VERB.match(clause, m.start()) and before[-1] in _OBJECT_VERBS:
            continue  # "is it normal that after she hit | her head she is ...": the verb's object, no new subject
        if 2 <= len(before) <= MAX_LEAD_WORDS and before[-1] not in SUBORDINATE and before[-1] not in _DETERMINERS:
            logger.debug("a report after a question: %r | %r", clause[:m.start()], clause[m.start():])
            return m.start()
    return 0


_NOW_STATEMENT = re.compile(
    r"(?<![a-z])(?<!right )(?<!just )(?<!until )(?<!till )(?<!by )(?<!from )(?<!for )(?<!since )(?<!as )(?<!and )"
    r"(?=now (?:he|she|they|we|i|it|there|his|her|my|their|our|mum|mom|dad|nan|gran|grandma|grandad|grandpa) [a-z]+)"
    r"(?!now \w+ (?:is|are|has|have) (?:gone|dead|passed|died)\b)")
"""Where "now" starts a new statement in the middle of a clause ("last summer she got heatstroke and was really
confused | now she drinks loads"): a comma or a full stop stood there in writing ("and now" is a clause break of
its own, :data:`voice_guide.nlu.safety_text.CLAUSE_BREAKS`). Not "now he is gone": that is "now that" ("she wants
to be with dad now he is gone" is one wish)."""


def now_statements(clause: str) -> list[str]:
    """``clause`` cut before every "now" that starts a new statement in its middle (:data:`_NOW_STATEMENT`)."""
    cuts = [m.start() for m in _NOW_STATEMENT.finditer(clause) if m.start() > 0]
    bounds = [0, *cuts, len(clause)]
    return [clause[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if clause[a:b].strip()]


_STATEMENT_VERB = (
    r"(?:am|is|are|was|were|will|would|have|has|had|can|could|do not|does not|did not|just|keep|keeps|kept|saw|"
    r"feel|felt|want|wants|wanted|need|needs|never|really|mean|means|know|knew|found|think|thought|wish|wishes|"
    r"hate|hates|look|looked|tried|try|tries|left|went|cried|said|says|told|keep|texted|sent|wrote)"
)

_RUN_ON = re.compile(r"(?<![a-z])(?=(?:i|he|she|they|we|nothing|nobody|no one|noone|everything|everyone|everybody) "
                     + _STATEMENT_VERB + r"\b)")
"""Where a new statement may start in a transcript's run-on clause: a pronoun subject and a finite verb (twenty-first
session: an indefinite one too, "what is the use | nothing is ever going to get better")."""

_NOT_BEFORE_STATEMENT = SUBORDINATE | _DETERMINERS | frozenset(
    "what how why whether which who whom whose even then now just also said says saying told tell tells telling "
    "think thinks thought hope hopes wish wishes wished feel feels felt guess bet suppose reckon believe promise "
    "promised realise realised realize realized notice noticed heard hear found find me us him her them you "
    "everyone everybody anyone someone nobody not never or but is was are were am be been do does did can could "
    "will would should must may might has have had time times way ways moment thing things one ones reason place bit case "
    "sorry glad sad disappointed gutted upset angry annoyed cross surprised shocked relieved happy pleased proud devastated"
    .split())
"""Last words of the statement before after which a pronoun and a verb still belong to it (a content clause,
reported words, an object, an auxiliary, a noun that takes a relative clause without "that": "the last time i would
speak to him", "no way i can carry on"); fortieth session, an adjective of feeling and its content clause without
"that" ("disappointed i am still here")."""

_FINITE = re.compile(
    r"\b(?:am|is|are|was|were|will|would|has|have|had|can|could|do|does|did|not|keep|keeps|kept|want|wants|feel|"
    r"feels|felt|hate|hates|went|said|says|told|[a-z]+ed)\b")
"""A verb in the statement before the cut: a time or a noun phrase alone ("two winters ago | she was ...", "the
reaction | she had ...") is no statement of its own."""

_LEADS = frozenset(
    "when if after before since because cos once while as although though unless until till whenever whether".split())
"""First words of a subordinate clause: a fronted time or condition ("when i was a student | i went through ...")
belongs to the statement after it and is never cut off it."""

_REPORTING = re.compile(
    r"\b(?:told|tells|tell|telling|said|says|saying|asked|asks|texted|messaged|wrote|writes|promised|promises|warned|"
    r"reminded|swore|swears|admitted|admits|explained|mentioned|knows|knew|thinks|thought|reckons)\b")
"""A verb of saying or knowing near the end of the statement before: what follows is the words said ("she told her
friend | she will not be around ..." is one report)."""

REPORTED_WORDS = 4
"""How near the end of the statement before a verb of :data:`_REPORTING` keeps the words after it in it."""

MIN_RUN_ON_WORDS = 3
"""Words a statement must have before a run-on statement is cut off it ("what is the point | i will never ..."). With
the cut (crisis talk only), stripped tuning parts (apostrophes dropped): crisis 644 -> 648/650, emergencies and near
misses unchanged. Cutting every concept's clauses as well (first try, before the guards on fronted clauses and
reported words) found 4 emergencies more but lost one and a crisis line and flagged 4 near misses more: not kept."""


def run_on_statements(clause: str) -> list[str]:
    """``clause`` cut before every pronoun and finite verb that starts a new statement after a statement of at
    least :data:`MIN_RUN_ON_WORDS` words (twentieth session: "what is the point i will never get better i would
    rather not be here at all" as written with full stops); never after a word of :data:`_NOT_BEFORE_STATEMENT`."""
    cuts = []
    last = 0
    for m in _RUN_ON.finditer(clause):
        before = clause[last:m.start()].split()
        if len(before) >= MIN_RUN_ON_WORDS and before[-1] not in _NOT_BEFORE_STATEMENT and before[0] not in _LEADS \
                and not before[-1].endswith("ing") and _FINITE.search(" ".join(before)) \
                and not _REPORTING.search(" ".join(before[-REPORTED_WORDS:])):
            cuts.append(m.start())
            last = m.start()
    bounds = [0, *cuts, len(clause)]
    return [clause[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if clause[a:b].strip()]


_BACK_REFERENCE = re.compile(r"\b(?:it|that|this|them|those|these|ones?|same|like this|like that|the swelling|the pain)\b")
"""Words of a later statement that point back at the phrase's event ("his ankle is swollen | he has had it for
years"): its time words then tell of that event."""

_TOLD_NOW = re.compile(r"\b(?:is|are|am|has gone|have gone|has turned|have turned|has swollen|has swelled|looks|feels)\b")
"""A statement told in the present: a report of now (not "she fell and hit her head | she was in bed for weeks")."""


def own_time_scope(clause: str, start: int, end: int) -> int:
    """Where the time words that may cancel the phrase ``clause[start:end]`` end (an index into ``clause``): the end
    of its run-on statement (:func:`run_on_statements`) when that statement is told in the present and no later
    statement points back at it, else the clause's end (twenty-second session: "my mums leg has gone red and swollen
    and hot | she has been poorly for weeks" is no usual state of the leg; a known miss of the twenty-first round)."""
    offset = 0
    for piece in run_on_statements(clause):
        at = clause.find(piece, offset)
        stop = at + len(piece)
        if at <= start < stop:
            rest = clause[stop:]
            if stop >= len(clause) or end > stop or not _TOLD_NOW.search(piece) or _BACK_REFERENCE.search(rest):
                return len(clause)
            logger.debug("time words of a later statement left out: %r | %r", piece, rest)
            return stop
        offset = stop
    return len(clause)



_A_TIME = (
    r"(?:(?:a (?:while|good while|few (?:weeks|months|years)|couple of (?:weeks|months|years)|month|year)"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|\d+) (?:weeks|months|years)|(?:some|many|several)"
    r" (?:weeks|months|years)) (?:ago|back)|last (?:month|year|summer|winter|christmas)"
    r"|(?:maybe|about|around|roughly) (?:\w+ ){1,2}(?:weeks|months|years)(?: ago| back)?)")
_TIME_ONLY = re.compile(rf"^(?:(?:and|but|so|well|um|oh|er) )*{_A_TIME}(?: {_A_TIME})*$")
"""A clause that is only a time told before its event ("a while ago | maybe three weeks | he got a bee sting"): it
belongs to the clause after it (forty-second session). Weeks ago or more only: "yesterday | she took all her tablets"
stays a report (a recent time is now for an overdose)."""

_DANGLING_NEGATION = re.compile(
    r"\b(?:did not|does not|do not|is not|was not|has not|have not|had not|not)(?: (?:complaining of|think|seen|noticed|got))?$")
"""A clause cut off right after its negation by an aside ("she did not | and i checked her over twice | bang her
head")."""

_ASIDE = re.compile(
    r"^(?:(?:and|but) )?(?:(?:i|we|the (?:nurse|doctor|gp|carer)|he|she|mum|dad|(?:his|her|my) \w+) (?:\w+ ){0,2}"
    r"(?:checked|asked|agreed|looked|said|says|think|thought|know|knew|made sure|double checked)\b(?: \w+){0,5}"
    r"|apart from(?: \w+){1,5}|except(?: for)?(?: \w+){1,5}|as far as (?:i|we) (?:know|can tell|can see)"
    r"|thank (?:god|goodness)|to be fair|honestly|touch wood)$")
"""An aside between a negation and what it denies ("and the nurse agreed", "apart from her usual aches")."""


_FAR_NEGATION = re.compile(r"\b(?:did not|does not|do not|is not|was not|has not|have not|had not|has never|have never"
                           r"|had never|never once|not once|nothing)$")
"""A negation cut off by a longer interruption of one or two clauses (:data:`_DENIED_GOES_ON`; forty-third session)."""

_DENIED_GOES_ON = re.compile(r"^(?:had|been|say|said|mentioned|mention|complained|complain|shown|showed|got|gone|like"
                             r"|any|anything|a single)\b")
"""The words that go on a denial after an interruption ("she has not | as far as i can tell after watching her all
weekend | been slurring her words", "she did not | when she was moving her arms this morning | say anything about a
crushing feeling in her chest", "nothing | honestly | not through the night | like a tight chest"): a verb form or a
word of none that needs the subject before the interruption."""

_OWN_SUBJECT = re.compile(r"^(?:he|she|i|they|we|it|there|his|her|my|their|our|mum|mom|dad|the \w+|(?:nan|gran|grandad|grandma)) ")
"""A clause after an aside that starts a statement of its own ("she did not | i know | she has cut her wrists"): the
negation before the aside does not reach it (forty-second session, third review)."""

_CLAUSE_NOW = re.compile(r"\b(?:is|are|am|keeps|keep|now|still|has just|have just|right now)\b")
"""A clause told now: a time long past before it does not join it ("a couple of months back | my baby is choking")."""


JOINED_MAX_WORDS = 30
"""The longest clause a join may make (a message of many asides stays many short clauses: the fourth review's 300
asides had taken 17 s)."""


def joined(parts: list[str]) -> list[str]:
    """``parts`` with a clause that is only a time joined to the clause after it ("a while ago | he got a bee sting" ->
    "a while ago he got a bee sting"), and a negation cut off by an aside joined to what it denies, the aside dropped
    ("he is not complaining of | and i asked him straight out | any pain in the chest" -> "he is not complaining of any
    pain in the chest"; forty-second session, own batch 42b). Never a time before a clause told now, never an aside
    before a statement with its own subject."""
    out: list[str] = []
    i, part = 0, parts[0] if parts else ""
    while i < len(parts):
        after = parts[i + 1:i + 3]
        if len(after) == 2 and len(part.split()) + len(after[1].split()) <= JOINED_MAX_WORDS and (
                _DANGLING_NEGATION.search(part) and _ASIDE.match(after[0]) and not _OWN_SUBJECT.match(after[1])):
            part, i = f"{part} {after[1]}", i + 2
            continue
        far = _far_denial(part, parts[i + 1:i + 4])
        if far:
            out.extend((*parts[i + 1:i + far], f"{part} {parts[i + far]}"))  # the interruption first, as said
            i += far + 1
            part = parts[i] if i < len(parts) else ""
            continue
        if after and len(part.split()) + len(after[0].split()) <= JOINED_MAX_WORDS and (
                _TIME_ONLY.match(part) and not _CLAUSE_NOW.search(after[0])):
            part, i = f"{part} {after[0]}", i + 1
            continue
        out.append(part)
        i += 1
        part = parts[i] if i < len(parts) else ""
    return out


def _far_denial(part: str, after: list[str]) -> int:
    """How many clauses on from ``part`` (a clause ending in a negation, :data:`_FAR_NEGATION`) the denial goes on, past
    an interruption of one or two clauses kept as clauses of their own before the joined one, so that the clause after
    the denial is still the one said after it (:data:`_DENIED_GOES_ON`), or 0."""
    if not _FAR_NEGATION.search(part):
        return 0
    for k in (2, 3):
        if len(after) >= k and _DENIED_GOES_ON.match(after[k - 1]) and not _OWN_SUBJECT.match(after[k - 1]) and (
                len(part.split()) + len(after[k - 1].split()) <= JOINED_MAX_WORDS):
            return k
    return 0
