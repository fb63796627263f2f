"""Scoring controls by what the guide DOES: intents that act the same in a dialogue state.

A control line of the paraphrase sets is scored strictly by its intent: the author's label must be
the intent understood. In a routine some intents lead to exactly the same action, so a line
understood as the other one is not a miss for the caregiver: the conversation turns an understood
intent into a routine command (``voice_guide.routines.commands.command_for``) and the player acts
on the command in its own state (``voice_guide.routines.player``). :data:`SAME_ACTION` lists, per
dialogue state, the groups of intents whose replies, earcons, player state and progress are the
same in EVERY player state that dialogue state stands for
(``voice_guide.dialogue.conversation._ROUTINE_STATES``; every running state is ``routine_counting``):

``routine_safety_check`` (the player's ``safety_check``)
    ``stop`` = ``exit``: both are the routine command ``stop`` ("stopped before it began");
    ``ready`` = ``yes``: both start the routine (thirteenth round: "we're ready" answers "is it safe
    to start?" as yes does; before it the command ``ready`` got "First, the safety check ...").
``routine_counting`` (``announcing``, ``moving``, ``holding``, ``returning``, ``resting``)
    ``stop`` = ``exit`` (the command ``stop``); ``no`` = ``pause`` (both pause the count).
``routine_paused`` (``paused``, ``waiting_after_question``)
    ``stop`` = ``exit``; ``no`` = ``pause`` (both keep it paused: "still paused"); ``yes`` =
    ``resume`` (paused: both ask for the hands back in place, then ``ready``; after a question:
    both carry on).
``routine_waiting`` (``waiting_for_ready``, ``asking_how_it_went``)
    ``stop`` = ``exit``; ``ready`` = ``yes`` = ``resume`` (waiting: all three carry on; asked how it
    went: all three are the answer, kept as said).

Not in the table, because the code acts differently (``tests/nlu/test_controls_routine_states.py`` shows
each): ``ready`` and ``yes`` while paused (``ready``
carries on, ``yes`` first asks for the hands back in place), ``ready`` and ``yes`` while counting,
``no`` and ``pause`` while waiting (asked how it went, ``no`` skips the question, ``pause`` is kept as
the answer), and every state outside a routine.

``tests/nlu/test_controls_routine_states.py`` drives a real conversation into every player state and
checks each group, so the table cannot drift from the code. ``scripts/eval_paraphrase.py`` prints
both figures (strict intent and same action) with the hook in the module's ``__main__`` help.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

SAME_ACTION: Mapping[str, tuple[frozenset[str], ...]] = MappingProxyType({
    "routine_safety_check": (frozenset({"stop", "exit"}), frozenset({"ready", "yes"})),
    "routine_counting": (frozenset({"stop", "exit"}), frozenset({"no", "pause"})),
    "routine_paused": (frozenset({"stop", "exit"}), frozenset({"no", "pause"}), frozenset({"yes", "resume"})),
    "routine_waiting": (frozenset({"stop", "exit"}), frozenset({"ready", "yes", "resume"})),
})
"""Dialogue state -> groups of intents that lead to exactly the same action there (see the module
docstring; proven by tests/nlu/test_controls_routine_states.py)."""


def same_action(state: str, expected: str, understood: str) -> bool:
    """True when ``understood`` is ``expected`` or does exactly what ``expected`` does in ``state``
    (a dialogue state's value, ``routine_waiting``)."""
    if understood == expected:
        return True
    return any(expected in group and understood in group for group in SAME_ACTION.get(state, ()))


def count_same_action(rows: Iterable[Mapping[str, object]]) -> tuple[int, int]:
    """``(right by intent, right by action)`` of control result rows with ``ok``, ``group`` (the
    state), ``expected`` and ``got`` (the rows of ``eval_paraphrase.Scorer.paraphrase``)."""
    strict = by_action = 0
    for row in rows:
        ok = bool(row.get("ok"))
        strict += ok
        by_action += ok or same_action(str(row.get("group", "")), str(row.get("expected", "")), str(row.get("got", "")))
    return strict, by_action


HOOK = '''In scripts/eval_paraphrase.py:
    from control_equivalence import same_action            # with the other imports from scripts/
    # Scorer.paraphrase, control branch, after row["ok"] = row["ok"] or row["pain_stop"]:
    row["same_action"] = row["ok"] or same_action(r["state"], r["intent"], match.intent)
    # report(), control branch:
    extra += f"; same action {sum(r.get('same_action', r['ok']) for r in rs)}/{len(rs)}"
'''
"""The hook for ``scripts/eval_paraphrase.py`` (another helper's file): two lines and an import."""


def _table() -> str:
    return "\n".join(f"{name:22s} " + "; ".join(" = ".join(sorted(g)) for g in groups)
                     for name, groups in SAME_ACTION.items())


def main(argv: list[str] | None = None) -> int:
    """Print the table and the hook; with ``--templates REF``, compare the pack's control templates with
    REF's (``control_template_diff``): 0 when nothing the templates sample or match changed."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=_table(),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--templates", metavar="REF",
                        help="compare this checkout's control templates (intents.yaml) with a commit's or a file's: "
                             "sampling work per state, sampled sentences, template words, random sentences of every "
                             "template matched by both; prints 'no change' or each difference")
    parser.add_argument("--no-match", action="store_true", help="with --templates: skip the match comparison")
    args = parser.parse_args(argv)
    if not args.templates:
        print(_table())
        print()
        print(HOOK)
        return 0
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    import yaml
    from control_template_diff import PACK_INTENTS, compare, read_ref

    work, diffs = compare(read_ref(args.templates, root),
                          yaml.safe_load((root / PACK_INTENTS).read_text(encoding="utf-8")), matches=not args.no_match)
    print("sampling work (sentences hassil enumerates):", *work, sep="\n  ")
    print("\n".join(diffs) if diffs else "no change")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
