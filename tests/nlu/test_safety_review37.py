"""The thirty-seventh safety round's review findings (docs/safety.md "Thirty-seventh round, review fixes"): each
reviewer sentence and a variant or two of our own, read whole by the pipeline's safety check in the idle state."""

from __future__ import annotations

import pytest

from voice_guide.engine import QAPipeline
from voice_guide.nlu.safety import SafetyRules
from voice_guide.nlu.state import DialogueState as S

NONE = ("none", None)


@pytest.fixture(scope="module")
def safety() -> SafetyRules:
    return QAPipeline().understander.safety


def finding(safety: SafetyRules, text: str) -> tuple[str, str | None]:
    result = safety.assess(text, S.IDLE)
    return result.kind.value, result.concept


@pytest.mark.parametrize("text, expected", [
    # 1. A person near a machine who goes blue or grey is no screen idiom.
    ("she dropped her phone and went blue", ("emergency", "breathing")),
    ("he answered the phone and went grey", ("emergency", "breathing")),
    ("grandad was on the computer and went grey and clammy", ("emergency", "breathing")),
    ("he was watching tv and went grey and floppy", ("emergency", "breathing")),
    ("he was on the phone to his brother and went blue", ("emergency", "breathing")),
    ("the laptop screen went blue again", NONE),
    # 2. Blue or purple as a mood, anger, a costume or food.
    ("my mum is a bit blue since dad died", NONE),
    ("dad is purple with rage about the parking ticket", NONE),
    ("my son is blue for the school play", NONE),
    ("she is purple from eating blackberries", NONE),
    ("my husband is a bit blue this week", NONE),
    ("my daughter is blue for the football team", NONE),
    ("our baby is blue and floppy", ("emergency", "breathing")),
    ("her lips are blue", ("emergency", "breathing")),
    # 3. Not seeing how someone can go on with a task or a way of living.
    ("i don't see how he can carry on working with his back like this", NONE),
    ("i don't see how we can keep going at this rate with the bills", NONE),
    ("i don't see how he can keep living in that flat", NONE),
    ("i don't see why i should go on", ("crisis", "crisis")),
    # 4. A head held in grief or in a temper; a sudden scream stays a sudden headache.
    ("she held her head in her hands and cried when she heard the diagnosis", NONE),
    ("he held his head and cried after the funeral", NONE),
    ("dad yelled and held his head when the referee gave the penalty", NONE),
    ("he held his head in his hands and wept at the news", NONE),
    ("she suddenly screamed and held her head", ("emergency", "headache")),
    ("she suddenly cried out and grabbed her head", ("emergency", "headache")),
    # 5. One after another: coughing fits, stretches, questions, history.
    ("she had a coughing fit and then another one right after", NONE),
    ("we did one stretch and then another one right after, the new splint fits well", NONE),
    ("can you have one seizure after another with muscle atrophy", NONE),
    ("what should i do if she has one seizure after another", NONE),
    ("she had a fit last year and then a second one straight after", NONE),
    ("he had a sneezing fit and another one straight after", NONE),
    ("she is having one seizure after another and not waking up in between", ("emergency", "seizure")),
    ("he had one fit and then a second one straight after and never woke up between them", ("emergency", "seizure")),
    ("what should i do if she has one seizure after another without waking up in between", NONE),
    # 6. A sip, a swig or a mouthful of a drink or a prescribed medicine.
    ("she took a sip from her water bottle after the exercises", NONE),
    # (the net alone had asked the confirmation question since the tune42 refit, c0466bb; no question since the tune48
    # refit, 7f9837c)
    ("he gulped down the whole bottle of lemonade", NONE),
    ("she took a mouthful of the liquid medicine the gp gave her", NONE),
    ("he took a gulp from the bottle of squash", NONE),
    ("he swallowed bleach", ("emergency", "poisoning_overdose")),
    # 7. Another language: a past told, a habit.
    ("nana ko dil ka daura pada tha, ab theek hain", NONE),
    ("mi abuelo tenia dolor de pecho la semana pasada, ya esta bien", NONE),
    ("mi abuela no puede respirar bien cuando camina mucho", NONE),
    ("mi abuela tenia dolor de pecho el mes pasado", NONE),
    # 8. A sense verb in a worried question about a habit.
    ("is it normal that her face looks puffy from the steroids", NONE),
    ("is it normal that she feels dizzy after the exercises", NONE),
    ("is it normal that she looks pale and tired after physio", NONE),
    ("should i worry that he seems confused when he first wakes up", NONE),
    ("is it normal that he looks tired after the stretches", NONE),
    # 9. Drowsy once is a nap, not carbon monoxide.
    ("the heating came on and she got nice and drowsy and had a nap", NONE),
    ("the boiler came on and she got drowsy and dozed off", NONE),
    ("the heater came on and we all have headaches and feel sick", ("emergency", "poisoning_overdose")),
    # 10. A cry on moving a stiff joint, a fall only feared: pain, not a fall.
    ("she cries out when i move her arm, her shoulder is stiff, it's made her worried about a fall", ("pain", "pain")),
    ("she fell off the bed and screams when i move her leg", ("emergency", "head_injury")),
    # 11. Past the dose where a medicine helps is no overdose.
    ("she's past the dose where the tablets still help her sleep", ("medical_advice", "medical_advice")),
    ("he's taken way over the daily limit of paracetamol", ("emergency", "poisoning_overdose")),
    # 12. A risk that is there right now, a role played before the real thing.
    ("the nurse said there's a real danger of him choking right now, he's gone red and can't cough",
     ("emergency", "choking")),
    ("she was playing the one who choked and then really started choking", ("emergency", "choking")),
    ("she pretended to be the one who choked in the first aid class", NONE),
    ("there is a risk of her choking now that she is weaker", NONE),
])
def test_review_sentence(safety: SafetyRules, text: str, expected: tuple[str, str | None]) -> None:
    assert finding(safety, text) == expected


@pytest.mark.parametrize("text", [
    "i don't see how she can live on her own anymore",
    "he took a swig from his water bottle and carried on",
])
def test_the_rules_find_nothing_live(safety: SafetyRules, text: str) -> None:
    assert [h for h in safety.hits(text) if h.cancelled_by is None] == []


@pytest.mark.xfail(reason="the learned net alone (crisis 0.93, emergency 0.90; the same on 70e8c9c): the lead's refit",
                   strict=False)
@pytest.mark.parametrize("text", [
    "i don't see how she can live on her own anymore",
    "he took a swig from his water bottle and carried on",
])
def test_the_net_finds_nothing_either(safety: SafetyRules, text: str) -> None:
    assert finding(safety, text) == NONE
