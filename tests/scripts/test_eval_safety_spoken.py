"""eval_safety_spoken.py's row selection: the odd / even halves and the red-flag / near-miss filter."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import eval_safety_spoken as ess  # noqa: E402


def test_halves_split_rows_by_the_number_at_the_end_of_the_id():
    rows = [{"id": "s6s0041", "kind": "emergency"}, {"id": "s6s0042", "kind": "near_miss"}, {"id": "x", "kind": "crisis"}]
    assert ess.half_of(rows, "odd") == [{"id": "s6s0041", "kind": "emergency"}]
    assert ess.half_of(rows, "even") == [{"id": "s6s0042", "kind": "near_miss"}, {"id": "x", "kind": "crisis"}]
    assert ess.half_of(rows, None) == rows
    assert (ess.id_number("s6s0042"), ess.id_number("s5s0107"), ess.id_number("none")) == (42, 107, 0)


def test_the_front_end_state_of_a_recognizer_without_a_denoiser_is_not_denoised():
    class Plain:
        denoiser = None

    class Auto:
        class denoiser:  # noqa: N801 - a stand-in for AutoDenoiser's two fields
            active = True
            floor_dbfs = -33.04

    assert ess.front_end_state(Plain()) == {"denoised": False}
    assert ess.front_end_state(Auto()) == {"denoised": True, "floor_dbfs": -33.0}
