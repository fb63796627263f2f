"""The listening state and its timers (pure), and the wake phrase matcher."""

from __future__ import annotations

import math

from voice_guide.frontends.live.listening import Attention, ListeningState, match_wake


def test_the_state_a_phrase_is_heard_in_follows_the_mode_and_the_timers():
    a = Attention("always", max_misses=3)
    assert a.state(False, 0.0) is ListeningState.LISTENING
    assert a.state(True, 0.0) is ListeningState.SPEAKING
    ptt = Attention("push_to_talk", 3)
    assert ptt.state(False, 0.0) is ListeningState.WAITING_FOR_KEY
    ptt.key_pressed = True
    assert ptt.state(False, 0.0) is ListeningState.LISTENING
    wake = Attention("wake", 3)
    assert wake.state(False, 5.0) is ListeningState.WAITING_FOR_WAKE
    wake.attention_until_s = 10.0  # a follow-up window
    assert wake.state(False, 5.0) is ListeningState.LISTENING
    assert wake.state(False, 10.0) is ListeningState.WAITING_FOR_WAKE


def test_misses_send_the_guide_quiet_and_being_called_or_understood_wakes_it():
    a = Attention("always", max_misses=3)
    assert [a.missed(), a.missed(), a.missed()] == [False, False, True]
    assert a.dormant and a.state(False, 0.0) is ListeningState.DORMANT
    assert a.understood() is True and not a.dormant and a.misses == 0
    a.missed(), a.missed(), a.missed()
    assert a.called() is True and a.attention_until_s == math.inf and a.state(False, 0.0) is ListeningState.LISTENING


def test_the_listening_window_starts_when_speech_ends_or_now_when_nothing_was_said_aloud():
    a = Attention("always", 3)
    a.open_window(prompted=True)
    a.window_opened(now_s=5.0, speech_end_s=7.0, window_ms=8000, routine_running=False)
    assert a.deadline_s == 15.0 and not a.opens_on_idle
    assert not a.window_expired(14.9) and a.window_expired(15.0) and not a.window_expired(16.0)
    # a sink that cannot play: nothing was ever said aloud (-inf), the window starts now
    a.open_window(prompted=True)
    a.window_opened(now_s=5.0, speech_end_s=-math.inf, window_ms=8000, routine_running=False)
    assert a.deadline_s == 13.0
    # no window in a routine, nor when the guide is quiet, nor without a prompt
    for routine, prompted in ((True, True), (False, False)):
        b = Attention("always", 3)
        b.open_window(prompted)
        b.window_opened(0.0, 1.0, 8000, routine)
        assert b.deadline_s is None


def test_a_window_in_push_to_talk_counts_only_after_the_key():
    a = Attention("push_to_talk", 3)
    a.deadline_s = 1.0
    assert not a.window_expired(2.0)
    a.deadline_s, a.key_pressed = 1.0, True
    assert a.window_expired(2.0) and not a.key_pressed


def test_wake_phrase_matching():
    assert match_wake("a guide what is cachexia", "hey guide") == "what is cachexia"
    assert match_wake("take guide", "hey guide") == ""
    assert match_wake("what is cachexia", "hey guide") is None
    assert match_wake("take i'd what is it", "hey guide", [("take guide what is it", 0.5)]) == "what is it"
    assert match_wake("what is the guide about", "hey guide") is None
