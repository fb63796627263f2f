"""Eighth round: medicines and illnesses the article names are answered, not vetoed.

Every question here is written for these tests (none from the dev set or the paraphrase sets).
"""

import pytest

from voice_guide.content.pack import load_pack
from voice_guide.nlu.understanding import Understander


@pytest.fixture(scope="module")
def und():
    return Understander(load_pack())


@pytest.mark.parametrize("text, intent, section", [
    ("can being on prednisone for ages waste your muscles", "ask_risk_factors", "faq_causes"),
    ("can corticosteroids cause muscle wasting", "ask_risk_factors", "faq_causes"),
    ("does cancer eat away at the muscles", "ask_serious_conditions", "introduction"),
    ("does aids cause muscle wasting", "ask_serious_conditions", "introduction"),
    ("can starving yourself shrink your muscles", "ask_risk_factors", "faq_causes"),
    ("does keeping an arm in a sling make it shrink", "ask_immobilization", "disuse"),
    ("can rheumatoid arthritis cause atrophy", "ask_arthritis", "disuse"),
])
def test_medicines_and_illnesses_the_article_names_are_answered(und, text, intent, section):
    match = und.understand(text)
    assert (match.intent, match.section_id) == (intent, section)
