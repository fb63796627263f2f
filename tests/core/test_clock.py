"""The one clock abstraction."""

import time

from voice_guide.core.clock import FastForwardClock, RealClock, VirtualClock


def test_virtual_clock_moves_only_when_slept_on():
    clock = VirtualClock(5.0)
    time.sleep(0.01)
    assert clock.now() == 5.0 and clock() == 5.0 and clock.monotonic() == 5.0
    clock.sleep(2.5)
    clock.sleep(-1)
    assert clock.now_s == 7.5


def test_fast_forward_clock_counts_processing_time_too():
    clock = FastForwardClock()
    clock.sleep(10)
    time.sleep(0.02)
    assert 10.015 < clock.now() < 11


def test_real_clock_is_monotonic():
    clock = RealClock()
    a = clock.now()
    clock.sleep(0.001)
    assert clock.now() > a
