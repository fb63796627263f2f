"""The sources section: the source list, or the publisher's note beside it when the question asks about checking.

The questions here are written for these tests.
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


def _answer(und, text):
    m = und.understand(text)
    return m.section_id, [u.text[:20] for u in m.units]


LIST = ["This article cites 2", "1. U.S. National Lib", "2. Adams V. Electrom"]
NOTE = ["Verywell Health uses", "Read our editorial p"]


@pytest.mark.parametrize("text, expected", [
    ("is the article peer reviewed", NOTE),
    ("has anyone checked the facts in this", NOTE),
    ("how trustworthy is this site", NOTE),
    ("what are the references", LIST),
    ("which studies does it cite", LIST),
    ("where do the facts come from", LIST),
])
def test_a_question_about_checking_gets_the_note_any_other_the_list(und, text, expected):
    assert _answer(und, text) == ("sources", expected)
