"""Everyday control talk in every dialogue state: a batch of my own probes (fourth round, written
before the templates that now cover them; 72 of 82 were understood before).

Every sentence here is written for these tests (none from the dev set or the paraphrase sets).
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.state import DialogueState as S
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


@pytest.mark.parametrize("text, state, intent, routine", [
    ('how am i meant to use this thing', S.IDLE, 'help', ''),
    ('what sort of things can i say to you', S.IDLE, 'help', ''),
    ('what questions can you answer', S.IDLE, 'list_topics', ''),
    ('lets get going with my wifes arms', S.IDLE, 'start_routine', 'arms'),
    ('time to do dads legs', S.IDLE, 'start_routine', 'legs'),
    ('could we work on her fingers and wrists', S.IDLE, 'start_routine', 'hands'),
    ('the whole body routine please', S.IDLE, 'start_routine', 'full_body'),
    ('just read me the lot from the top', S.IDLE, 'read_article', ''),
    ('thats all from me goodbye', S.IDLE, 'exit', ''),
    ('i cant hear you very well', S.IDLE, 'louder', ''),
    ('you are a bit loud', S.IDLE, 'quieter', ''),
    ('slow down a touch', S.IDLE, 'slower', ''),
    ('you can go a bit quicker', S.IDLE, 'faster', ''),
    ('no more beeps please', S.IDLE, 'sounds_off', ''),
    ('can i have a different voice', S.IDLE, 'change_voice', ''),
    ('go on then what else', S.ANSWERED, 'more', ''),
    ('keep going with that', S.ANSWERED, 'more', ''),
    ('say that one more time', S.ANSWERED, 'repeat', ''),
    ('sorry i missed that', S.ANSWERED, 'repeat', ''),
    ('come again', S.ANSWERED, 'repeat', ''),
    ('just the short version from now on', S.ANSWERED, 'brief', ''),
    ('give me the long answers', S.ANSWERED, 'full', ''),
    ('thats enough thanks', S.ANSWERED, 'stop', ''),
    ('speak up a bit', S.ANSWERED, 'louder', ''),
    ('whoa slow down', S.ANSWERED, 'slower', ''),
    ('hold it there', S.READING, 'pause', ''),
    ('give me a second', S.READING, 'pause', ''),
    ('stop reading', S.READING, 'stop', ''),
    ('skip this bit', S.READING, 'next', ''),
    ('move on to the next part', S.READING, 'next', ''),
    ('go back a section', S.READING, 'previous', ''),
    ('read that bit again', S.READING, 'repeat', ''),
    ('youre reading too fast', S.READING, 'slower', ''),
    ('not so loud', S.READING, 'quieter', ''),
    ('read faster', S.READING, 'faster', ''),
    ('hang on a sec', S.ROUTINE_COUNTING, 'pause', ''),
    ('wait wait', S.ROUTINE_COUNTING, 'pause', ''),
    ('stop stop', S.ROUTINE_COUNTING, 'stop', ''),
    ('count slower', S.ROUTINE_COUNTING, 'slower', ''),
    ('count a bit quicker', S.ROUTINE_COUNTING, 'faster', ''),
    ('next one please', S.ROUTINE_COUNTING, 'next', ''),
    ('lets move on to the next exercise', S.ROUTINE_COUNTING, 'next', ''),
    ('what did you say', S.ROUTINE_COUNTING, 'repeat', ''),
    ('i cant hear the counting', S.ROUTINE_COUNTING, 'louder', ''),
    ('softer please', S.ROUTINE_COUNTING, 'quieter', ''),
    ('ok carry on', S.ROUTINE_PAUSED, 'resume', ''),
    ('lets keep going', S.ROUTINE_PAUSED, 'resume', ''),
    ('back to it', S.ROUTINE_PAUSED, 'resume', ''),
    ('start counting again', S.ROUTINE_PAUSED, 'resume', ''),
    ('lets call it a day', S.ROUTINE_PAUSED, 'stop', ''),
    ('thats it for today goodbye', S.ROUTINE_PAUSED, 'exit', ''),
    ('what was i supposed to do', S.ROUTINE_PAUSED, 'repeat', ''),
    ('no more for now', S.ROUTINE_PAUSED, 'stop', ''),
    ('ok im in position', S.ROUTINE_WAITING, 'ready', ''),
    ('got her arm ready', S.ROUTINE_WAITING, 'ready', ''),
    ('all set go ahead', S.ROUTINE_WAITING, 'ready', ''),
    ('ready when you are', S.ROUTINE_WAITING, 'ready', ''),
    ('skip that one', S.ROUTINE_WAITING, 'next', ''),
    ('can we go back to the last one', S.ROUTINE_WAITING, 'previous', ''),
    ('explain that again', S.ROUTINE_WAITING, 'repeat', ''),
    ('give me a minute to get her comfy', S.ROUTINE_WAITING, 'pause', ''),
    ('lets stop there', S.ROUTINE_WAITING, 'stop', ''),
    ('yes shes fine', S.ROUTINE_SAFETY_CHECK, 'yes', ''),
    ('yeah all good', S.ROUTINE_SAFETY_CHECK, 'yes', ''),
    ('yep her doctor said its fine', S.ROUTINE_SAFETY_CHECK, 'yes', ''),
    ('sure go ahead', S.ROUTINE_SAFETY_CHECK, 'yes', ''),
    ('no not today', S.ROUTINE_SAFETY_CHECK, 'no', ''),
    ('im not sure actually', S.ROUTINE_SAFETY_CHECK, 'no', ''),
    ('nope', S.ROUTINE_SAFETY_CHECK, 'no', ''),
    ('sorry what was the question', S.ROUTINE_SAFETY_CHECK, 'repeat', ''),
    ('what are you asking me', S.ROUTINE_SAFETY_CHECK, 'help', ''),
    ('forget it lets not', S.ROUTINE_SAFETY_CHECK, 'stop', ''),
    ('now lets exercise his legs', S.ANSWERED, 'start_routine', 'legs'),
    ('arm exercises for my husband', S.IDLE, 'start_routine', 'arms'),
    ('next question', S.ANSWERED, 'next', ''),
    ('go back', S.IDLE, 'previous', ''),
    ('what do i say now', S.ANSWERED, 'help', ''),
    ('turn the beeps back on', S.IDLE, 'sounds_on', ''),
    ('hold on', S.IDLE, 'pause', ''),
    ('carry on reading', S.READING, 'resume', ''),
    ('once more please', S.ROUTINE_COUNTING, 'repeat', ''),
])
def test_everyday_control_talk_in_its_state(und, text, state, intent, routine):
    match = und.understand(text, state)
    assert (match.intent, match.slots.get("routine", "")) == (intent, routine)

