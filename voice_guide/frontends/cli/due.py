"""``due``: what is due today from the caregiver's plan; ``--plan`` sets it ("arms twice a day").

Meant to be called by a system timer or a Home Assistant automation: no daemon runs. The exit
code is 0 in every case; ``--json`` gives the items for machines.
"""

from __future__ import annotations

import argparse
from typing import Any

from voice_guide.frontends.cli.common import Parents, load_pack_arg, notice


def register(sub: Any, parents: Parents) -> None:
    """Add the command's parser to ``sub``."""
    p = sub.add_parser("due", parents=[parents.common], help="what is due today from the routine plan (set it with --plan)")
    p.add_argument("--plan", metavar="TEXT", help="set how often a routine is done, e.g. \"arms twice a day\"")
    p.add_argument("--clear", metavar="ROUTINE", help="take a routine out of the plan")
    p.add_argument("--json", action="store_true", help="JSON for machines")
    p.set_defaults(func=_cmd_due)


def _cmd_due(args: argparse.Namespace) -> int:
    from voice_guide.routines.loader import load_routines
    from voice_guide.routines.log_read import read_events, sessions_from_events
    from voice_guide.routines.model import get_routine
    from voice_guide.routines.schedule import due_today, format_due_text, parse_plan_text, read_plan, write_plan
    from voice_guide.routines.texts import load_texts

    pack = load_pack_arg(args)
    routines, _problems = load_routines(pack.routines_dir)
    texts = load_texts(pack.routines_dir)
    plan = read_plan()
    if args.plan:
        routine_id, times = parse_plan_text(args.plan, routines)
        plan[routine_id] = times
        write_plan(plan)
        print(texts.say("plan_set", title=routines[routine_id].title, times=_times(times)))
    if args.clear:
        routine = get_routine(routines, args.clear)
        plan.pop(routine.id, None)
        write_plan(plan)
        print(texts.say("plan_cleared", title=routine.title))
    items = due_today(plan, sessions_from_events(read_events(on_skip=notice)), routines)
    if args.json:
        import json

        print(json.dumps([{"routine": i.routine_id, "title": i.title, "planned": i.planned, "done": i.done, "left": i.left} for i in items], indent=2))
    else:
        print(format_due_text(items, texts))
    return 0


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")
