"""The thirty-seventh session's merge fixes in ``safety.yaml`` (the lead, after the tune39 refit and the merge
reviews): a farewell that expects to meet again is no timed plan; "and doing well" said last is well now only after a
long-past time; fists or knuckles into a wall on purpose, or wanting it to hurt, is self-harm, while "so it hurts" is
an accident's result. Sentences written for these tests (the reviewers' and the lead's own, not from any set)."""

import pytest

from voice_guide.nlu.state import DialogueState as S


@pytest.mark.parametrize(("text", "kind"), [
    ("goodbye see you tomorrow", "none"),
    ("bye then, talk to you tomorrow", "none"),
    ("goodbye everyone, i won't see you tomorrow", "crisis"),
    ("goodbye, i'll be gone by tomorrow", "crisis"),
    ("she took an overdose as a teenager, she's fifty now and doing really well", "none"),
    ("my son tried to hang himself at 20 but he's 40 now and doing great", "none"),
    ("my daughter tried to kill herself last month, and keeping well", "crisis"),
    ("I self harmed last month but doing good", "crisis"),
    ("she took an overdose an hour ago and doing fine she says", "emergency"),
    ("he keeps smashing his fists into the wall on purpose, he says he wants it to hurt", "crisis"),
    ("he hits his hands against the wall wanting it to hurt", "crisis"),
    ("he bangs his fists on the table on purpose when he wants his tea", "none"),
    ("i banged my knuckles on the cupboard, not on purpose", "none"),
])
def test_the_merge_fixes(understander, text, kind):
    assert understander.safety.assess(text, S.IDLE).kind.value == kind


@pytest.mark.parametrize("text", ["she burnt her hand on the kettle so it hurts", "I hurt her wrist by accident so it hurts now"])
def test_so_it_hurts_is_pain_not_self_harm(understander, text):
    assert (understander.safety.assess(text, S.IDLE).kind.value,
            understander.understand(text, S.ROUTINE_COUNTING).intent) == ("pain", "pain")
