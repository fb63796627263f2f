"""The control for the live barge-in tests: without self-voice suppression the guide hears itself.

Kept in its own file, run after tests/frontends/test_live_barge_in.py: after a session that hears
itself, flite kal16's "stop" in a later session of the same process was cut into a shorter
phrase and missed. Traced in the sixth session: espeak-ng pads a trailing silence that depends on
what it said before, so the next session's clips move by tens of milliseconds and the scripted
"stop" overlaps the guide's echo differently (docs/recognition.md, session 5 "State in the
recognizer")."""

from __future__ import annotations

import pytest
from live_support import HAS_FLITE, run_session

from voice_guide.audio.echo import EchoSettings

live = pytest.mark.skipif(not HAS_FLITE, reason="needs flite (bash scripts/setup.sh)")


@live
def test_without_self_voice_suppression_the_guide_would_hear_itself():
    """The control for the session test that the guide ignores its own voice."""
    pytest.importorskip("webrtcvad")
    run = run_session([(9.0, "what is cachexia", "flite:slt")], 24, echo=EchoSettings(enabled=False))
    assert [t for t in run.session.turns if t.during_playback]
