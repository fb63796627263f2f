"""What the safety rules say: the pack's reply texts, filled in for the user's region.

The emergency number and the crisis line come from ``regions:`` in ``safety.yaml`` (the
region from the setting, else :data:`REGION_ENV`; a neutral wording under ``default``). A bad
placeholder in a reply is a content error when the pack loads, never in an emergency.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from voice_guide.core.errors import ContentError
from voice_guide.nlu.safety_types import Concept, FindingKind, SafetyFinding

REGION_ENV = "VOICE_GUIDE_REGION"
"""Environment variable with the user's region (``US``, ``GB``, ``IE``, ``EU`` ...) when none is passed."""

REGION_ALIASES = {"UK": "GB", "USA": "US", "UNITED STATES": "US", "UNITED KINGDOM": "GB", "IRELAND": "IE"}
"""Other spellings of a region code."""


def region_code(region: str | None) -> str | None:
    """The region code of a setting (else of :data:`REGION_ENV`), upper case, aliases resolved; None when unset."""
    code = (region or os.environ.get(REGION_ENV) or "").strip().upper()
    return REGION_ALIASES.get(code, code) or None


class SafetyReplies:
    """The reply texts of ``safety.yaml`` (``replies:``) for one region (``regions:``)."""

    def __init__(self, replies: Mapping[str, Any], regions: Mapping[str, Any], region: str | None) -> None:
        self._replies = {str(k): v for k, v in replies.items()}
        self._regions = regions
        self.region = region_code(region)
        """The region code in use (None: the neutral wording)."""
        self.emergency_answer = self.text("emergency") or (
            "This sounds like an emergency. Call your local emergency number now."
        )
        self.pain_answer = self.text("pain") or (
            "Stop the movement now. Never force a joint. If the pain is severe, call your local emergency number."
        )
        for key in self._replies:  # a bad placeholder fails when the pack loads, not in an emergency
            self.text(key)

    def _region_data(self) -> Mapping[str, Any]:
        regions = self._regions
        return (regions.get(self.region) if self.region else None) or regions.get("default") or {}

    def text(self, key: str) -> str:
        """The reply ``key`` with the region's emergency number and crisis line filled in ("" when absent)."""
        value = self._replies.get(key)
        text = " ".join(str(value or "").split())
        region = self._region_data()
        fill = {"emergency_number": str(region.get("emergency_number") or "your local emergency number"),
                "crisis_line": str(region.get("crisis_line") or "").strip(), "question": "{question}"}
        try:
            return text.format(**fill).strip()
        except (KeyError, IndexError, ValueError, AttributeError):  # unknown name, stray brace, {a.b}
            raise ContentError(f"safety.yaml: replies.{key}: a bad placeholder in {text!r}") from None

    def crisis_line_text(self) -> str:
        """The crisis-line sentence for the region (a neutral one when no region is set)."""
        return " ".join(str(self._region_data().get("crisis_line") or "").split())

    def reply(self, kind: FindingKind) -> str:
        """The reply text for a kind of finding (empty for ``NONE``)."""
        if kind is FindingKind.NONE:
            return ""
        if kind is FindingKind.CONFIRM:
            return self.confirm_question(None)
        return self.text(kind.value)

    def confirm_question(self, concept: Concept | None) -> str:
        """The one short question asked when a runner-up hypothesis sounded like an emergency."""
        question = concept.question if concept is not None and concept.question else self.text("confirm_default_question")
        template = self.text("confirm_emergency") or "Did you say {question}?"
        return template.replace("{question}", question or "that this is an emergency")

    def confirm_reply(self, yes: bool, concept_id: str | None, concept: Concept | None) -> SafetyFinding:
        """The finding for the answer to the confirmation question about ``concept``: on yes
        the emergency (or crisis) reply, on no a short apology (kind ``NONE``)."""
        if not yes:
            return SafetyFinding(FindingKind.NONE, concept_id, self.text("confirm_no"))
        kind = concept.kind if concept is not None and concept.kind in (FindingKind.EMERGENCY, FindingKind.CRISIS) \
            else FindingKind.EMERGENCY
        return SafetyFinding(kind, concept_id, self.reply(kind))
