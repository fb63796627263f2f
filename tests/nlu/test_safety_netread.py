"""The learned net's part in a finding (voice_guide/nlu/safety_netread.py): without a net the rules alone decide,
with one the net reads what the rules found nothing in and doubts an emergency only by asking."""

from __future__ import annotations

from voice_guide.content.pack import load_pack
from voice_guide.nlu.safety import FindingKind, SafetyFinding, SafetyRules
from voice_guide.nlu.safety_netread import NetReading
from voice_guide.nlu.understanding import Understander

# Written for this test (not from any evaluation set).
RULES_FIND = "she is not breathing"
RULES_MISS_NET_ASKS = "dad is grey and quiet and says he feels rough"


def test_without_a_net_the_rules_alone_decide() -> None:
    rules = SafetyRules(load_pack(None).safety, region="")
    assert isinstance(rules, NetReading) and rules.net is None
    assert rules.learned(RULES_MISS_NET_ASKS) == SafetyFinding(FindingKind.NONE)
    assert rules.assess(RULES_MISS_NET_ASKS) == SafetyFinding(FindingKind.NONE)
    assert not rules._doubted(RULES_FIND, rules.hits(RULES_FIND))
    assert rules.assess(RULES_FIND).kind is FindingKind.EMERGENCY


def test_with_the_net_a_report_the_rules_miss_is_asked_about_and_a_sure_report_stays() -> None:
    safety = Understander(load_pack()).safety
    assert safety.net is not None
    asked = safety.assess(RULES_MISS_NET_ASKS)
    assert (asked.kind, asked.reply) == (FindingKind.CONFIRM, safety.confirm_question(asked.concept))
    assert not safety._doubted(RULES_FIND, safety.hits(RULES_FIND))
    assert safety.assess(RULES_FIND).kind is FindingKind.EMERGENCY
