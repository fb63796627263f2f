"""The fortieth session's safety families (from the tune42:odd tuning misses): crisis said indirectly (giving up said
with a farewell, disappointed to be still here, a car's engine running in a shut garage, taking a whole bottle asked
about with whether it would be quick, the most of a medicine "before it kills you" asked for oneself, "want dead" in
Jamaican Creole); a fit just had in water; a first fit told by its signs after "never had a seizure before"; "too much
blood"; a response check with no response, back blows and still stuck, clear fluid from the nose after a knock
to the head, a long lie on the floor, chest pain the spray has not helped (older tuning misses); not seeing why one is
still here, not able to do another one beside wanting it over, wishing to stop
existing; speech written down as said (h-dropped and g-dropped words, a false start said twice: "i dont i dont want to
carry on" is not "i want to carry on"). Each table holds the family's lines and its neighbours (docs/safety.md,
"Fortieth session")."""

from __future__ import annotations

import pytest
from safety_support import alarmed_states, readings

from voice_guide.nlu.safety_text import normalise
from voice_guide.nlu.state import DialogueState as S

RED_FLAGS = [
    ("cant keep going sorry mum love you", "crisis", "crisis"),
    ("i can't go on any more, i love you all", "crisis", "crisis"),
    ("Mi cyaan tek it no more, mi jus waan dead", "crisis", "crisis"),
    ("He's sat in the car with the engine running in the shut garage", "crisis", "crisis"),
    ("she's in the garage with the car running and the door's locked", "crisis", "crisis"),
    ("Every day I wake up disappointed I'm still here", "crisis", "crisis"),
    ("he says he is gutted he is still alive", "crisis", "crisis"),
    ("what happens if you take a whole bottle of your antidepressants, would it be quick", "crisis", "crisis"),
    ("if i swallowed all of my sleeping tablets would it be painless", "emergency", "poisoning_overdose"),  # with the crisis line
    ("what's the most paracetamol you can take before it kills you, asking for me", "crisis", "crisis"),
    ("um sorry um can you just i dont i dont want to carry on", "crisis", "crisis"),
    ("She's had a fit in the bath", "emergency", "seizure"),
    ("he has just had a seizure in the pool", "emergency", "seizure"),
    ("My daughter's never had a seizure before and she's just been shaking on the floor with her eyes rolled up",
     "emergency", "seizure"),
    ("there is too much blood from his foot, the cloth is full already", "emergency", "bleeding"),
    ("my son is bleeding heavily in the game", "emergency", "bleeding"),
    ("she is bleeding a lot in the show", "emergency", "bleeding"),
    ("Me nan's had a tumble, 'it 'er 'ead on the step and she's not makin' any sense", "emergency", "head_injury"),
    ("Nobody needs me now. I can't see why I'm still here.", "crisis", "crisis"),
    ("Eleven years of this pain. I can't do another one. I want it over.", "crisis", "crisis"),
    ("Since the cancer came back I've been wishing I could just stop existing.", "crisis", "crisis"),
    ("she says she wants to stop existing", "crisis", "crisis"),
    ("he's in the garage with the engine running and the door is shut", "crisis", "crisis"),
    ("gutted to still be here", "crisis", "crisis"),
    ("disappointed i was still alive when i woke up", "crisis", "crisis"),
    ("i could not keep going without you", "crisis", "crisis"),
    ("i can not continue with my life", "crisis", "crisis"),
    ("i can't go on without you", "crisis", "crisis"),
    ("i feel like dyin'", "crisis", "crisis"),
    ("cant take it any more sorry mum love you", "crisis", "crisis"),
    ("angry i'm still alive", "crisis", "crisis"),
    ("gutted i'm still here, i was supposed to be gone by now", "crisis", "crisis"),
    ("i can't face another day", "crisis", "crisis"),
    ("he's havin a fit", "emergency", "seizure"),
    ("he's lyin on the floor not movin", "emergency", "collapse"),
    ("i can't keep going any longer", "crisis", "crisis"),
    ("i can't go on in this world", "crisis", "crisis"),
    ("i can't continue living", "crisis", "crisis"),
    ("i can't take another night of this", "crisis", "crisis"),
    ("i can't go on without mum", "crisis", "crisis"),
    ("he went down like he'd been shot and he's not moving", "emergency", "collapse"),
    ("'cause honestly i feel like dyin'", "crisis", "crisis"),
    ("she whacked her heid aff the corner of the cupboard and there's clear stuff coming from her nose", "emergency",
     "head_injury"),
    ("He went down in the supermarket aisle and doesn't respond when I shake his shoulder.", "emergency", "collapse"),
    ("I pinched his shoulder and said his name loudly and nothing, he's just lying there.", "emergency", "collapse"),
    ("Only a bump, I'm not hurt much, but I've been on the kitchen lino two hours and my legs won't let me up.",
     "emergency", "head_injury"),
    ("Lean forward, Mum, lean forward... I've hit her back five times and it's still stuck, what next?", "emergency",
     "choking"),
    ("papa has the tight chest again but this time his spray didn't help and it's been fifteen minutes", "emergency",
     "chest_pain"),
]
"""The families' red flags, idle and while counting."""

NO_ALARM = [
    "i can't keep going love you do the rest",
    "can't carry on with the arms love you're doing great",
    # (the tune62 refit, 37c3c80: the net reads crisis talk, a strict xfail; arguable: an apology for being here and a
    # promise to get out of the way can be a burden's words; the tune63 refit (53162fd): no alarm again)
    "i'm so sorry i'm still here, i'll get out of your way soon",
    "disappointed i'm still here at work at nine pm",
    "gutted she's still here waiting for the bus",
    "glad i'm still here to see my grandson",
    "what's the most ibuprofen you can take in a day",
    "he's in the garage with the engine running, fixing the car",
    "the car is running fine now, it's in the garage",
    "she had a fit in the bath last year",
    "she's had a fit in the bath before, years ago",
    "he's never had a seizure before and he's fine now",
    "he has never had chest pain before and he is worrying about it",
    "too much blood in the film for me",
    "there's so much blood in that film",
    "i want the wasps dead",
    "Wha' are di signs seh smaddy a get a heart attack",
    "the nurse said 'it is normal to feel tired'",
    "i can't see why she's still here, her shift ended at five",
    "i want it over with so we can have tea",
    "the shop will stop existing next year",
    "i can't face another winter in this cold house",
    "we can't do another one today, she's tired",
    "can't do this weekend sorry love you mum",
    "my car broke down on the motorway and the garage was closed so i missed physio",
    "the car is on the drive because the garage door is locked",
    "if she takes all of her tablets in the morning will it hurt her stomach",
    "fed up he is still here, he was meant to go home hours ago",
    "i'm gutted i'm still here, the bus never came",
    "my son has had a seizure in the bath so now we only do showers",
    "i think she takes too much blood pressure medicine, it makes her dizzy in the morning",
    "i can't face another christmas",
    "ugh i can't face another winter",
    "too much blood in that show for me",
    "so much blood in the series we watched",
    "fed up i am still here, the doctor is running late",
    "fed up i'm still here on hold to the council",
    "gutted i'm still here at the surgery, they're running late",
    "we can't continue without him, he holds the band",
    "i can't go on without you, you count better than me",
    "he doesn't respond when i call his name, he's a bit deaf",
    "she doesn't react when i tap her arm, she's asleep in front of the telly and snoring",
    "she has clear stuff coming from her nose, it's her hay fever",
    "the baby has been on the floor for two hours playing with blocks",
    "she fell last year and was on the floor for two hours, so we got an alarm",
    "i hit her back with the towel and it's still stuck on her jumper",
    "he did his back in and it's still stuck",
    "his angina spray didn't help last week, the gp changed it",
    "the spray didn't help his cough",
    "she didn't choke, it just went down the wrong way and she coughed it up straight away",
    "The striker went down like he'd been shot, total dive.",
    "We're watching Die Hard again tonight, Grandad's choice.",
    "old habits die hard with him",
]
"""Neighbours: no alarm in any state."""


@pytest.mark.parametrize(("text", "intent", "concept"), RED_FLAGS)
def test_the_families_red_flags_are_read(understander, text, intent, concept):
    assert readings(understander, text, (S.IDLE, S.ROUTINE_COUNTING)) == [(intent, {"concept": concept})] * 2


@pytest.mark.parametrize("text", NO_ALARM)
def test_the_families_neighbours_raise_no_alarm(understander, text):
    assert alarmed_states(understander, text) == []


@pytest.mark.parametrize(("said", "read"), [
    ("i dont i dont want to carry on", "i do not want to carry on"),
    ("my dad my dad is not breathing", "my dad is not breathing"),
    ("she she can't breathe", "she can not breathe"),
    ("quick quick he's choking", "quick quick he is choking"),
    ("no no no", "no no no"),
    ("'it 'er 'ead on the step", "hit her head on the step"),
    ("she's not makin' any sense", "she is not making any sense"),
    ("he said 'it hurts'", "he said it hurts"),
    ("i took all my 'insulin'", "i took all my insulin"),
    ("i feel like dyin'", "i feel like dying"),
    ("he said 'take your insulin'", "he said take your insulin"),
])
def test_speech_as_written_down_is_read_as_said(said, read):
    assert normalise(said) == read


@pytest.mark.parametrize("text", [
    "i can't carry on with the arms",
    "we can't go on, she's tired",
    "i cannot continue",
    "i'm not able to continue",
    "we can't do another one today, she's tired",
    "i can't do another set",
    "she can't carry on without a rest",
    "he can't go on without his stick",
    "she can't continue any more today",
])
def test_going_on_said_to_be_impossible_stops_the_routine(understander, text):
    for state in (S.ROUTINE_COUNTING, S.ROUTINE_PAUSED, S.READING):
        assert understander.understand(text, state).intent == "stop"


def test_another_one_said_impossible_while_counting_stops(understander):
    assert [understander.understand("i can't do another one", state).intent
            for state in (S.ROUTINE_COUNTING, S.ROUTINE_PAUSED)] == ["stop", "stop"]
