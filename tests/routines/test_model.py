"""Routine content (the shipped YAML) and the layered loaders, with bad input."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml

from voice_guide.core.errors import ContentError
from voice_guide.routines.loader import ROUTINES_DIR, load_routines, load_routines_yaml, load_sources
from voice_guide.routines.model import DEFAULT_REPETITIONS, MAX_REPETITIONS, MIN_REPETITIONS, Routine, RoutineError, get_routine
from voice_guide.routines.player import PAIN_GUIDANCE_TEXT, SAFETY_CHECK_TEXT, SAFETY_SOURCE_KEYS

RESEARCH_DOC = Path(__file__).resolve().parents[3] / "shared" / "docs" / "prom-and-accessibility-research.md"


@pytest.fixture(scope="module")
def shipped() -> dict[str, Routine]:
    routines, problems = load_routines()
    assert [str(p) for p in problems] == []
    return routines


@pytest.fixture()
def pack(tmp_path: Path) -> Path:
    """A writable copy of the shipped routines folder."""
    folder = tmp_path / "routines"
    shutil.copytree(ROUTINES_DIR, folder)
    return folder


def edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


# --- shipped content ------------------------------------------------------------------------


def test_shipped_routines_load(shipped: dict[str, Routine]) -> None:
    assert sorted(shipped) == ["arms", "full_body", "hands", "legs"]
    for routine in shipped.values():
        assert routine.title and routine.body_region


def test_arms_legs_hands_have_the_steps_the_issue_asks_for(shipped: dict[str, Routine]) -> None:
    assert [s.name for s in shipped["arms"].steps] == [
        "shoulder flexion",
        "shoulder abduction",
        "shoulder rotation",
        "elbow bend and straighten",
        "forearm turn",
        "wrist back and forward",
        "wrist side to side",
        "finger bend and straighten",
        "finger spread",
        "thumb to fingertips",
    ]
    assert [s.name for s in shipped["legs"].steps] == [
        "hip and knee bend",
        "hip out to the side",
        "hip roll",
        "ankle up and down",
        "ankle circles",
        "toes",
    ]
    hand_names = " ".join(s.name for s in shipped["hands"].steps)
    assert "wrist" in hand_names and "finger" in hand_names


def test_full_body_is_arms_then_legs_by_reference(shipped: dict[str, Routine]) -> None:
    full = shipped["full_body"]
    assert full.includes == ("arms", "legs")
    assert full.steps == shipped["arms"].steps + shipped["legs"].steps
    assert [b.label for b in full.blocks()] == ["right arm", "left arm", "right leg", "left leg"]
    raw = yaml.safe_load((ROUTINES_DIR / "full_body.yaml").read_text(encoding="utf-8"))
    assert "steps" not in raw  # not copied


def test_every_step_has_hands_movement_repetitions_and_known_sources(shipped: dict[str, Routine]) -> None:
    sources = load_sources()
    for routine in shipped.values():
        for key in routine.all_source_keys():
            assert key in sources, (routine.id, key)
        for step in routine.steps:
            assert step.hand_placement.strip(), step.name
            assert step.movement.strip(), step.name
            assert MIN_REPETITIONS <= step.repetitions <= MAX_REPETITIONS
            assert step.repetitions == DEFAULT_REPETITIONS
            assert step.source_keys and all(k in sources for k in step.source_keys), step.name
            assert "\n" not in step.caution
            assert 0 <= step.hold_ms <= 30_000 and step.hold_ms % 1000 == 0


def test_default_hold_is_two_seconds_unless_the_step_says_otherwise(shipped: dict[str, Routine]) -> None:
    holds = {s.name: s.hold_ms for r in ("arms", "legs", "hands") for s in shipped[r].steps}
    assert holds["ankle circles"] == 0 and holds["thumb to fingertips"] == 0
    assert all(ms == 2000 for name, ms in holds.items() if name not in ("ankle circles", "thumb to fingertips"))


def test_no_straight_leg_raise_and_no_neck_movement(shipped: dict[str, Routine]) -> None:
    for routine in shipped.values():
        for step in routine.steps:
            text = f"{step.name} {step.hand_placement} {step.movement} {step.caution}".lower()
            assert "neck" not in text, step.name
            assert not re.search(r"straight[- ]leg", text), step.name
            assert "leg raise" not in text, step.name


def test_sources_have_addresses_and_match_the_research_notes() -> None:
    sources = load_sources()
    for source in sources.values():
        assert source.url.startswith(("http://", "https://")), source.key
        assert source.title
    for key in SAFETY_SOURCE_KEYS:
        assert key in sources
    if not RESEARCH_DOC.exists():
        pytest.skip("shared research notes not beside the repository")
    notes = RESEARCH_DOC.read_text(encoding="utf-8")
    listed = set(re.findall(r"^- ([A-Z0-9-]+) ", notes, flags=re.M))
    assert set(sources) <= listed


def test_spoken_safety_lines_are_conservative() -> None:
    for phrase in ("hurts", "strong resistance", "never force", "clinician", "broken bone", "joint infection", "heart attack"):
        assert phrase in SAFETY_CHECK_TEXT
    assert "swollen, warm and tender" in SAFETY_CHECK_TEXT
    for phrase in ("Stop", "do not force", "clinician", "emergency number", "chest pain", "breathless"):
        assert phrase in PAIN_GUIDANCE_TEXT


def test_get_routine_by_id_or_alias(shipped: dict[str, Routine]) -> None:
    assert get_routine(shipped, "arms").id == "arms"
    assert get_routine(shipped, "Arm").id == "arms"
    assert get_routine(shipped, "Full body").id == "full_body"
    assert get_routine(shipped, "full-body").id == "full_body"
    assert get_routine(shipped, "leg").id == "legs"
    assert get_routine(shipped, "wrists").id == "hands"


def test_asking_for_a_routine_that_does_not_exist(shipped: dict[str, Routine]) -> None:
    with pytest.raises(RoutineError) as err:
        get_routine(shipped, "yoga")
    message = str(err.value)
    assert "unknown routine 'yoga'" in message and "arms, full_body, hands, legs" in message
    assert "\n" not in message
    assert isinstance(err.value, ContentError)


# --- bad input: each loader error names the file and the field; the others still load -----


def assert_others_load(routines: dict[str, Routine], *ids: str) -> None:
    for routine_id in ids:
        assert routine_id in routines and routines[routine_id].steps


def test_missing_field_in_one_file(pack: Path) -> None:
    edit_yaml(pack / "legs.yaml", lambda d: d["steps"][1].pop("hand_placement"))
    routines, problems = load_routines(pack)
    messages = [str(p) for p in problems]
    assert "legs.yaml: steps[1].hand_placement: missing" in messages
    assert "legs" not in routines
    # full_body needs legs: reported as its own problem, naming its file and field
    assert any(m.startswith("full_body.yaml: includes[1]: unknown routine 'legs'") for m in messages)
    assert_others_load(routines, "arms", "hands")


@pytest.mark.parametrize("field", ["id", "title", "body_region"])
def test_missing_routine_field(pack: Path, field: str) -> None:
    edit_yaml(pack / "hands.yaml", lambda d: d.pop(field))
    routines, problems = load_routines(pack)
    assert f"hands.yaml: {field}: missing" in [str(p) for p in problems]
    assert_others_load(routines, "arms", "legs", "full_body")


@pytest.mark.parametrize("field", ["name", "movement", "sources"])
def test_missing_step_field(pack: Path, field: str) -> None:
    edit_yaml(pack / "hands.yaml", lambda d: d["steps"][0].pop(field))
    routines, problems = load_routines(pack)
    assert f"hands.yaml: steps[0].{field}: missing" in [str(p) for p in problems]
    assert_others_load(routines, "arms", "legs", "full_body")


def test_full_body_referencing_an_unknown_routine(pack: Path) -> None:
    edit_yaml(pack / "full_body.yaml", lambda d: d.update(includes=["arms", "legz"]))
    routines, problems = load_routines(pack)
    assert len(problems) == 1
    message = str(problems[0])
    assert message.startswith("full_body.yaml: includes[1]: unknown routine 'legz'")
    assert "full_body" not in routines
    assert_others_load(routines, "arms", "legs", "hands")


@pytest.mark.parametrize("value", [2, 11, 0, -5, "five", 5.5, True, None])
def test_repetitions_out_of_range(pack: Path, value) -> None:
    edit_yaml(pack / "arms.yaml", lambda d: d["steps"][2].update(repetitions=value))
    routines, problems = load_routines(pack)
    messages = [str(p) for p in problems]
    assert any(m.startswith("arms.yaml: steps[2].repetitions: must be a whole number from 3 to 10") for m in messages), messages
    assert "arms" not in routines
    assert_others_load(routines, "legs", "hands")


def test_repetitions_at_the_limits_are_fine(pack: Path) -> None:
    edit_yaml(pack / "arms.yaml", lambda d: (d["steps"][0].update(repetitions=3), d["steps"][1].update(repetitions=10)))
    routines, problems = load_routines(pack)
    assert problems == []
    assert [s.repetitions for s in routines["arms"].steps[:2]] == [3, 10]


def test_malformed_yaml(pack: Path) -> None:
    (pack / "legs.yaml").write_text("id: legs\nsteps: [\n  - name: hip\n", encoding="utf-8")
    routines, problems = load_routines(pack)
    legs = [p for p in problems if p.source_name == "legs.yaml"]
    assert len(legs) == 1
    assert re.fullmatch(r"legs\.yaml: line \d+: not valid YAML: .+", str(legs[0])), str(legs[0])
    assert_others_load(routines, "arms", "hands")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", "empty.yaml: the file is empty"),
        ("- just\n- a list\n", "empty.yaml: expected a routine"),
        ("id: x\ntitle: t\nbody_region: r\n", "empty.yaml: steps: give either steps or includes"),
        ("id: x\ntitle: t\nbody_region: r\nincludes: [arms]\nsteps: []\n", "empty.yaml: steps: give either steps or includes"),
        ("id: x\ntitle: t\nbody_region: r\nsteps: []\n", "empty.yaml: steps: must be a non-empty list"),
        ("id: x y\ntitle: t\nbody_region: r\nincludes: [arms]\n", "empty.yaml: id: use letters"),
        ("id: x\ntitle: t\nbody_region: r\nincludes: [x]\n", "empty.yaml: includes: 'x' cannot include itself"),
        ("id: x\ntitle: t\nbody_region: r\ncolour: red\nincludes: [arms]\n", "empty.yaml: colour: unknown field"),
        ("id: x\ntitle: [t]\nbody_region: r\nincludes: [arms]\n", "empty.yaml: title: must be text"),
        ("routines: []\n", "empty.yaml: routines: must be a non-empty list"),
        ("!!python/object/apply:os.system ['echo hi']\n", "empty.yaml: line 1: not valid YAML"),
    ],
)
def test_other_bad_files_give_one_clear_line(pack: Path, text: str, expected: str) -> None:
    (pack / "empty.yaml").write_text(text, encoding="utf-8")
    routines, problems = load_routines(pack)
    messages = [str(p) for p in problems]
    assert len(messages) == 1 and messages[0].startswith(expected), messages
    assert "\n" not in messages[0]
    assert_others_load(routines, "arms", "legs", "hands", "full_body")


@pytest.mark.parametrize(
    "change,expected",
    [
        (lambda s: s.update(hold_seconds=31), "steps[0].hold_seconds: must be a whole number of seconds from 0 to 30"),
        (lambda s: s.update(hold_seconds=-1), "steps[0].hold_seconds: must be a whole number of seconds"),
        (lambda s: s.update(caution="line one\nline two"), "steps[0].caution: must be one line"),
        (lambda s: s.update(sources=[]), "steps[0].sources: must name at least one"),
        (lambda s: s.update(sources=["NOPE"]), "steps[0].sources[0]: unknown source key 'NOPE'"),
        (lambda s: s.update(hand_placment="typo"), "steps[0].hand_placment: unknown field"),
        (lambda s: s.update(hand_placement="   "), "steps[0].hand_placement: missing"),
    ],
)
def test_bad_step_fields(pack: Path, change, expected: str) -> None:
    edit_yaml(pack / "hands.yaml", lambda d: change(d["steps"][0]))
    routines, problems = load_routines(pack)
    messages = [str(p) for p in problems]
    assert len(messages) == 1 and messages[0].startswith(f"hands.yaml: {expected}"), messages
    assert "hands" not in routines
    assert_others_load(routines, "arms", "legs", "full_body")


def test_duplicate_id_in_another_file_is_skipped(pack: Path) -> None:
    shutil.copy(pack / "hands.yaml", pack / "zz_hands_copy.yaml")
    routines, problems = load_routines(pack)
    assert [str(p) for p in problems] == ["zz_hands_copy.yaml: id: 'hands' is already defined in hands.yaml; this one is skipped"]
    assert routines["hands"].source_name == "hands.yaml"


def test_including_a_composite_routine_is_refused(pack: Path) -> None:
    (pack / "twice.yaml").write_text("id: twice\ntitle: t\nbody_region: r\nincludes: [full_body]\n", encoding="utf-8")
    routines, problems = load_routines(pack)
    assert [str(p) for p in problems] == ["twice.yaml: includes[0]: 'full_body' is itself made of other routines; include plain routines only"]
    assert_others_load(routines, "arms", "legs", "hands", "full_body")


def test_missing_sources_file_is_reported_but_routines_load(pack: Path) -> None:
    (pack / "sources.yaml").unlink()
    routines, problems = load_routines(pack)
    assert [str(p) for p in problems] == ["sources.yaml: missing; source keys were not checked"]
    assert sorted(routines) == ["arms", "full_body", "hands", "legs"]


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="routines folder not found"):
        load_routines(tmp_path / "nowhere")


def test_problems_are_logged_as_warnings(pack: Path, caplog: pytest.LogCaptureFixture) -> None:
    (pack / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="voice_guide.routines.model"):
        load_routines(pack)
    assert any("bad.yaml" in r.getMessage() for r in caplog.records)


# --- the pure layers ------------------------------------------------------------------------


def test_from_dict_is_pure_and_names_the_field() -> None:
    good = {
        "id": "one",
        "title": "one exercise",
        "body_region": "arms",
        "steps": [{"name": "a", "hand_placement": "h", "movement": "m", "sources": ["MIA"]}],
    }
    routine = Routine.from_dict(good, "mem")
    step = routine.steps[0]
    assert (step.repetitions, step.hold_ms, step.caution, step.source_keys) == (5, 2000, "", ("MIA",))
    bad = {**good, "steps": [{"name": "a", "movement": "m", "sources": ["MIA"]}]}
    with pytest.raises(RoutineError) as err:
        Routine.from_dict(bad, "mem")
    assert (err.value.problem.source_name, err.value.problem.field) == ("mem", "steps[0].hand_placement")
    with pytest.raises(RoutineError, match="mem: a routine must be a mapping"):
        Routine.from_dict(["x"], "mem")


def test_routine_level_repetitions_is_the_default_for_its_steps() -> None:
    d = {
        "id": "one",
        "title": "t",
        "body_region": "r",
        "repetitions": 8,
        "steps": [{"name": "a", "hand_placement": "h", "movement": "m", "sources": ["MIA"]}],
    }
    assert Routine.from_dict(d, "mem").steps[0].repetitions == 8


def test_load_routines_yaml_reads_a_stream_and_the_list_form() -> None:
    text = """
routines:
  - id: one
    title: first
    body_region: arms
    steps:
      - {name: a, hand_placement: h, movement: m, sources: [MIA]}
  - id: two
    title: second
    body_region: legs
    includes: [one]
"""
    routines = load_routines_yaml(io.StringIO(text), "two.yaml")
    assert [r.id for r in routines] == ["one", "two"]
    assert routines[1].is_composite and routines[1].parts == ()
    resolved = routines[1].resolved({"one": routines[0]})
    assert resolved.steps == routines[0].steps
    with pytest.raises(RoutineError, match=r"two\.yaml: routines\[1\]\.steps\[0\]\.hand_placement: missing"):
        load_routines_yaml(io.StringIO(text.replace("    includes: [one]\n", "    steps:\n      - {name: a, movement: m, sources: [MIA]}\n")), "two.yaml")
    with pytest.raises(RoutineError, match=r"routines\[1\]\.id: 'one' is used twice"):
        load_routines_yaml(io.StringIO(text.replace("id: two", "id: one").replace("includes: [one]", "includes: [three]")), "two.yaml")


def test_unresolved_include_via_resolved_names_the_unknown_id() -> None:
    composite = Routine.from_dict({"id": "c", "title": "t", "body_region": "r", "includes": ["nope"]}, "c.yaml")
    with pytest.raises(RoutineError, match=r"c\.yaml: includes\[0\]: unknown routine 'nope'"):
        composite.resolved({})
