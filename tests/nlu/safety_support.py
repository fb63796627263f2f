"""Shared by the safety tests of this folder (the ``rules`` fixture is in conftest.py)."""

from __future__ import annotations

from voice_guide.nlu.safety import SafetyRules


def found(rules: SafetyRules, text: str) -> tuple[str, str | None]:
    """What ``rules`` make of ``text``: the finding's kind and concept."""
    finding = rules.assess(text)
    return finding.kind.value, finding.concept
