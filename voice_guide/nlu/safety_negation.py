"""The negation window of the safety rules' context: which words before a red-flag phrase may negate it.

Split from :mod:`voice_guide.nlu.safety_context` in the fifty-sixth session (no change of behaviour; that module was
over 500 lines): a negation cue of ``context.negation`` negates a phrase only from inside the phrase's own run-on
statement, never past a reason ("because") or a new subject after "and", and a condition's negation ("if i can not walk
again | i ...") does not reach the crisis talk after it.
"""

from __future__ import annotations

import re

from voice_guide.nlu import safety_clauses
from voice_guide.nlu.safety_text import NEW_PREDICATE, NEW_SUBJECT

CAUSE = frozenset("because cos coz cause".split())
"""Words that start a reason: a negation before them does not reach past them."""

CONDITION_SUBJECTS = frozenset("i he she they we".split())


def after_negated_condition(before: list[str]) -> bool:
    """True when the words before a phrase are a condition ("if" ... a negation) and then the phrase's own subject:
    "if i can not walk again | i" (thirty-second session). The negation is the condition's; it does not reach the
    main clause's crisis talk, which the phrase's own "not" may still negate ("... i do not want to die")."""
    opener = next((i for i, w in enumerate(before[:3]) if w in ("if", "unless")), None)  # "and if", "honestly if"
    if opener is None or len(before) < opener + 4 or before[-1] not in CONDITION_SUBJECTS:
        return False
    return any(w in ("not", "never", "no") for w in before[opener + 2:-1])


COPULAS = frozenset("is are was were am be been has have had do does did".split())
"""Words after which a "not" inside a phrase negates it ("his calf is not swollen")."""


def statement_words(clause: str, start: int) -> int:
    """How many words of ``clause`` before ``start`` belong to the run-on statement the phrase at ``start`` is in
    (:func:`~voice_guide.nlu.safety_clauses.run_on_statements`): a negation never reaches back past the start of a new
    statement (twenty-fourth session: "he is not awake i can not wake him" with no comma; "i do not think he is
    choking" is one statement and stays negated)."""
    at = 0
    for piece in safety_clauses.run_on_statements(clause):
        found = clause.find(piece, at)
        if found > start:
            break
        at = found
    return len(clause[at:start].split())




def window(clause: str, start: int, end: int, window_words: int, crisis: bool) -> str:
    """The words before ``clause[start:end]`` where a negation cue negates it: at most ``window_words`` words (twice as
    many after an "or": "denies chest pain or shortness of breath") of the phrase's own statement, cut after a reason
    or a new subject after "and"; none after a negated condition for crisis talk."""
    before = clause[:start].split()
    own = statement_words(clause, start)
    words = before[len(before) - min(own, window_words):]
    if any(w in ("or", "nor") for w in words):  # "denies chest pain or shortness of breath"
        words = before[len(before) - min(own, 2 * window_words):]
    following = words + clause[start:end].split()[:1]
    for i in range(len(words) - 1, -1, -1):  # "can't swallow and her face is droopy": a new subject
        follower = following[i + 1]
        if words[i] in CAUSE:  # "told me not to worry | because soon it will all be over"
            words = words[i + 1:]
            break
        if words[i] == "and" and (follower in NEW_SUBJECT or follower in NEW_PREDICATE or follower.endswith("ing")):
            words = words[i + 1:]  # "not really there and will not respond", "not breathing and turning blue"
            break
    if clause[start:end].split()[:1] in (["not"], ["no"]):  # "not moving now | not answering me": a list of signs
        for i in range(len(words) - 2, -1, -1):  # that are themselves negations (fifty-eighth session, tune62:odd)
            if words[i] == "not" and words[i + 1].endswith("ing"):
                words = words[i + 2:]
                break
    if crisis and after_negated_condition(before):  # "if i can not walk again | i do not want to be here"
        words = []
    return " ".join(words)


def negated_inside(inside: str, pattern_src: str) -> bool:
    """Whether the phrase ``inside`` holds its own negation and still matches ``pattern_src`` without it ("face is not
    drooping", "rash ... no swelling"; twenty-third session): "not" counts only after a copula (:data:`COPULAS`)."""
    words = inside.split()
    if not any(w in ("never", "nor", "no") or (w == "not" and i > 0 and words[i - 1] in COPULAS)
               for i, w in enumerate(words)):
        return False
    without = " ".join(w for w in words if w not in ("not", "never", "nor", "no"))
    return re.search(pattern_src, without) is not None
