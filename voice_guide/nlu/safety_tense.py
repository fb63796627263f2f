"""How the safety rules read time and tense in a clause: the statement that holds a phrase, a change going
on now, a state told in the present, the past tense, and the speaker (split from
:mod:`voice_guide.nlu.safety_text` in the eighteenth session; :class:`~voice_guide.nlu.safety_text.ContextRules`
uses them)."""

from __future__ import annotations

import re

AND_NEW_SUBJECT = re.compile(r" and (?=(?:he|she|i|they|we|his|her|my|their|it|there|mum|mom|dad|(?:that|this) (?:is|was) when) )")
"""Where "and" starts a new statement inside a clause: a marker of now counts only in the
statement that holds the phrase ("she bled a lot after her operation last month | and she
is still tired" is history; "she had a stroke last year | and her face is drooping now" is not; "she broke her hip in
2022 | and that is when the wasting started" tells when the past event was)."""

NEVER_AGAIN = re.compile(r"\bnever(?: [a-z]+){0,6} again\b")
"""A "never ... again" (seventeenth session, second round): "again" there tells nothing happened since, no
marker of now ("he broke his ankle two winters back and the calf never filled out again")."""


def statement_start(clause: str, start: int) -> int:
    """Where the statement of ``clause`` that holds the phrase starting at ``start`` begins: after the last "and" +
    new subject before it (0 when there is none)."""
    left = 0
    for before in AND_NEW_SUBJECT.finditer(clause):
        if before.start() < start:
            left = before.end()
    return left


def statement(clause: str, start: int, end: int) -> str:
    """The statement of ``clause`` that holds ``clause[start:end]``: from the last "and" + new
    subject before the phrase to the next one after it."""
    after = AND_NEW_SUBJECT.search(clause, end)
    return clause[statement_start(clause, start):after.start() if after else len(clause)]


PROGRESSIVE = re.compile(
    r"\b(?:is|are|am) (?:still |now |just |really |all |not )?(?!going\b|having\b|doing\b)[a-z]{3,}ing\b|\b(?:has|have) (?:just )?(?:gone|turned|started|become)\b")
"""A change going on now ("her face is swelling", "his lips have gone blue"), not a state ("she is weak")."""

PRESENT_STATE = re.compile(r"\b(?:is|are|am|has gone|have gone|has turned|have turned|keeps|looks|feels)\b")
"""A statement in the present tense."""

WOULD_HAVE = re.compile(r"\b(?:would|could|might) (?:have|of)\b")
"""A wish held back ("if not for the kids i would have ended it years ago"): its time word does not
make crisis talk history."""

WILL_BE = re.compile(r"^(?:i|he|she|they|we) (?:will|is going to|am going to|are going to|going to) be\b")
"""Crisis talk told as a time to come ("he will be gone before easter", twenty-fourth session): a time word after it
("before easter") places what is to come, not a past that makes it history."""

STILL_NOW = re.compile(r"\b(?:is|are) still (?:lying|on the (?:floor|ground)|not (?:moving|responding|awake|breathing|waking)"
                        r"|unconscious|unresponsive|out cold|fitting|bleeding)\b")
"""A later statement of the clause that says the event goes on now ("he fainted at the party | and he is still
lying there"; seventeenth session)."""

CHANGE_NOW = re.compile(r"\b(?:now|again|still|suddenly)\b")
"""Words of a later clause that tell a change now (with a present state: "now she is drowsy")."""

ONSET = re.compile(r"\b(?:suddenly|all of a sudden)\b")
"""How an event began ("out of the blue" is normalised to "suddenly"): in a statement told in the past
with a history marker it says how, not when ("three years ago he had a fit out of the blue")."""

UNIQUE = re.compile(r"\b(?:worst|never had|never felt|never gets?|never has|first ever)\b")
"""Words that make a phrase one event, not a usual state (the chronic rule does not cancel it)."""

NOT_USUAL = re.compile(
    r"\b(?:never|rarely|hardly ever|(?:does|do|did) not (?:usually|normally|ever|really)|not (?:usually|normally)) "
    r"(?:gets?|has|have|had|suffers?|complains?)\b")
"""A usual state denied ("she never gets headaches and this one ..."): what follows is not chronic."""

FIRST_PERSON = re.compile(r"\b(?:i|myself)\b")
"""The speaker: crisis talk in the first person stands even inside a question."""

SPEAKER = re.compile(r"\b(?:i|me|my|myself|mine|we|us|our)\b")
"""The speaker or their family in any person: crisis talk after a story's frame stands with it."""

PLAYED_ROLE = re.compile(r"\b(?:my|our) (?:character|avatar|sim|sims|hero|player|guy|team|squad|unit|champion)\b")
"""The speaker's role inside a game or a story, no person of the speaker's world ("in the game my character got
poisoned and bled out"; forty-ninth session, tune51:odd): left out before :data:`SPEAKER` is looked for after a frame."""

PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|got|went|came|became|felt|seemed|looked|used to|bled|fell|broke|took|ate|drank|hit|lost"
    r"|began|swelled|swole|kept|caught|threw|struck|woke|froze|ran|gave|blew|shot|burst|sank|slid|spun|bit|stung|shook|tore"
    r"|flew|swam|[a-z]{3,}(?<!e)ed)\b")
"""A verb in the past tense: "after her op she had a swollen calf" tells of then; a fragment
without a verb ("swollen red leg after my op") reports now. Thirty-fifth session, second round (tune33:odd): a few
more irregular past forms ("in the eighties | her face blew up", "his blood pressure shot up")."""


def told_in_past(clause: str, after_event: tuple[re.Pattern[str], ...]) -> bool:
    """True when ``clause``, without its "after the operation" phrase, has a past-tense verb."""
    for pattern in after_event:
        clause = pattern.sub(" ", clause)
    return PAST_VERB.search(clause) is not None


BARE_NO = re.compile(r"(?:no|nope|nah|none|not at all|negative|no (?:he|she) (?:is|has|does) not)")
"""A clause that is only a denial ("chest pain | no"; fifty-third session): the short clause before it names a sign
on a checklist and denies it."""

CHECKLIST_EXTRA_WORDS = 3
"""How many words besides its phrase a clause denied by a bare "no" after it may hold ("is she having a stroke | no")."""

DIAGNOSIS_LABEL = re.compile(
    r"^(?:(?:and|so) )?(?:(?:it was|that was) )?(?:a |an |the )?(?:\w+ ){0,3}?\w+(?: (?:they|the (?:doctors?|hospital|nurses?|"
    r"paramedics|consultant|gp)|a and e) (?:said|called it|say|call it|reckoned|thought|told us|diagnosed it))$"
    r"|^(?:a |an |the )?(?:tia|mini stroke|mi|dvt|pe|cva|delirium|anaphylaxis|panic attack|vasovagal|faint)$")
"""A clause that only names what the event before it was ("tia", "a tia they called it", "post op delirium they called
it"; fifty-fourth session): it goes on telling that event."""

LOST_NOW = re.compile(r"\b(?:can not|could not|will not|can no longer)\b")
"""A later clause's loss of a power told now ("turned out to be a migraine | but now he can not see"): with a word of
:data:`CHANGE_NOW` a change now, like a present state (forty-third session)."""

CAME_BACK = re.compile(r"\b(?:again|back|lately|recently|but now|started to|starting to|creeping in)\b")
"""Words by which crisis talk told as over comes back after it ("... i was fine for years but lately the thoughts are
back"): no history then (`safety_context.ContextRules.long_past_next`)."""

OWN_TIME = re.compile(r"\b(?:ago|now|just|today|tonight|this|earlier|minutes?|mins?|hours?|again|still|since|suddenly"
                      r"|currently|right now|yesterday|last|when|then|after|keeps?|won't|will|can|cannot|is|are|am|has|have)\b")
"""Words by which a clause tells a time of its own, the present or a present perfect ("her face has drooped"): such a
clause does not carry on the history of the clause before it (`safety_context.ContextRules.history_carried`)."""
