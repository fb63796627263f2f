"""The evaluation sets' parts: which lines are tuning data and which are held out (one home for the lists).

``tests/data/paraphrase/`` and ``tests/data/safety/`` hold one file per author set: ``tune``, ``tune2``,
``tune3`` (tuning data whole), ``tune4`` ... (split by id: the odd ids are tuning data, the even ids held
out) and ``test`` (held out whole, scored once at the end of a session). A part is named ``stem`` (the whole
file) or ``stem:odd`` / ``stem:even`` (one half). When a new author pair joins (``tests/data/incoming/``),
its stem is added to :data:`SPLIT_STEMS` here and every script follows.

The safety set's ``tune4`` was tuned on whole before the split by halves began, so its held-out halves
start at ``tune5`` (:data:`SAFETY_SPLIT_STEMS`).
"""

from __future__ import annotations

WHOLE_TUNING = ("tune", "tune2", "tune3")
"""The author sets tuned on whole."""

SPLIT_STEMS = ("tune4", "tune5", "tune6", "tune7", "tune8", "tune10", "tune12", "tune13", "tune14", "tune15", "tune16", "tune17", "tune18", "tune19", "tune20", "tune21", "tune22", "tune23", "tune24", "tune25", "tune26", "tune27", "tune28", "tune29", "tune30", "tune31", "tune32", "tune33", "tune34", "tune35", "tune36", "tune37", "tune38", "tune39", "tune40", "tune41", "tune42", "tune43", "tune44", "tune45", "tune46", "tune47", "tune48", "tune49", "tune50", "tune51", "tune52", "tune53", "tune54", "tune56", "tune57", "tune58", "tune59", "tune60", "tune61", "tune62", "tune63")
"""The author sets split by id parity: odd ids tuning data, even ids held out (tune9 and tune11 never arrived;
the safety files of tune53 and tune54 are tuning data whole, :data:`SAFETY_WHOLE_LATE`)."""

SAFETY_WHOLE_LATE = ("tune53", "tune54")
"""Safety sets tuned on whole although they came late: their lines of error were listed by mistake (a scratch copy
of the scripts did not know them as held out) when they were first scored on d785c4b, fiftieth session. The figures
of that first scoring were measured before anything was tuned on them (tests/data/incoming/README.md). Their
paraphrase files are split by id like the others (fifty-first session)."""

SAFETY_SPLIT_STEMS = tuple(stem for stem in SPLIT_STEMS[1:] if stem not in SAFETY_WHOLE_LATE)
"""The safety set's split stems (its ``tune4`` and the late whole sets are tuning data whole)."""

PARAPHRASE_TUNING = WHOLE_TUNING + tuple(f"{stem}:odd" for stem in SPLIT_STEMS)
"""The paraphrase set's tuning parts: what training sets, models and rules may be built from."""

HELD_OUT_HALVES = tuple(f"{stem}:even" for stem in SPLIT_STEMS)
"""The held-out halves (aggregates only; never read line by line, never tuned on)."""

SAFETY_TUNING = (*WHOLE_TUNING, "tune4") + tuple(f"{stem}:odd" for stem in SAFETY_SPLIT_STEMS) + SAFETY_WHOLE_LATE
"""The safety set's tuning parts."""

SAFETY_HELD_OUT = ("test",) + tuple(f"{stem}:even" for stem in SAFETY_SPLIT_STEMS)
"""The safety set's held-out parts: the test part and the even halves."""

FILE_STEMS = (*WHOLE_TUNING, *SPLIT_STEMS, "test")
"""Every file of a set, for a ``--part`` option."""


def id_number(row_id: str) -> int:
    """The number at the end of a row id ("t15p0042" -> 42; 0 when it has none)."""
    digits = row_id[len(row_id.rstrip("0123456789")):]
    return int(digits) if digits else 0


def in_half(row_id: str, half: str | None) -> bool:
    """Whether a row belongs to ``half`` ("odd", "even"; None: the whole file)."""
    if half is None or half == "":
        return True
    if half not in ("odd", "even"):
        raise ValueError(f"a half is odd or even, not {half!r}")
    return id_number(row_id) % 2 == (1 if half == "odd" else 0)


def is_held_out_row(stem: str, row_id: str, split_stems: tuple[str, ...] = SPLIT_STEMS) -> bool:
    """Whether a row of file ``stem`` is held out (the test part, or an even id of a split set; the safety set
    passes :data:`SAFETY_SPLIT_STEMS`, its tune4 being tuning data whole)."""
    return stem == "test" or (stem in split_stems and in_half(row_id, "even"))
