"""Safety: emergencies, crisis and pain, recognised before anything else."""

from __future__ import annotations

import re
from typing import Any

from voice_guide.core.errors import ContentError


class SafetyRules:
    """Emergency and pain phrases, checked before anything else."""

    def __init__(self, safety: dict[str, Any]) -> None:
        self.emergency_answer = str((safety.get("emergency") or {}).get("answer") or "").strip() or (
            "This sounds like an emergency. Call your local emergency number now."
        )
        self.pain_answer = str((safety.get("pain") or {}).get("answer") or "").strip() or (
            "Stop the movement now. Never force a joint. If the pain is severe, call your local emergency number."
        )
        self._emergency = self._compile(safety, "emergency")
        self._pain = self._compile(safety, "pain")

    @staticmethod
    def _compile(safety: dict[str, Any], key: str) -> list[re.Pattern[str]]:
        out = []
        for i, pattern in enumerate((safety.get(key) or {}).get("patterns") or []):
            try:
                out.append(re.compile(str(pattern)))
            except re.error as err:
                raise ContentError(f"safety.yaml: {key}.patterns[{i}]: bad pattern: {err}") from None
        return out

    def is_emergency(self, cleaned: str) -> bool:
        """True when cleaned text describes an emergency."""
        return any(p.search(cleaned) for p in self._emergency)

    def is_pain(self, cleaned: str) -> bool:
        """True when cleaned text says the movement hurts."""
        return any(p.search(cleaned) for p in self._pain)
