"""`eventwire series SOURCE TARGET`: a dyad's events per day or week, and its escalation."""

from __future__ import annotations

import argparse
import json

from eventwire.cli.help import add_command
from eventwire.cli.ingest import DEFAULT_DB
from eventwire.corpus.series import dyad_series, escalation
from eventwire.store.db import read_store


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "series",
        "print a dyad's events and Goldstein score per day or week, with its escalation",
        ("eventwire series USA VEN --db eventwire.sqlite --period week",),
    )
    p.add_argument("source", help="source country or actor code (USA, USAGOV)")
    p.add_argument("target", help="target country or actor code")
    p.add_argument("--period", choices=("day", "week"), default="day", help="the length of a step")
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--json", action="store_true", help="print JSON (default: a table)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with read_store(args.db) as conn:
        source, target = args.source.upper(), args.target.upper()
        points = dyad_series(conn, source, target, args.period)
        daily = points if args.period == "day" else dyad_series(conn, source, target)
    signal = escalation(daily)
    if args.json:
        print(json.dumps({"points": [p._asdict() for p in points], "escalation": signal}))
        return 0
    print(f"{'period':<10} {'events':>6} {'goldstein':>9} {'mean':>6}  quad 1/2/3/4  killed")
    for p in points:
        quads = "/".join(map(str, p.quad))
        mean = "" if p.goldstein_mean is None else f"{p.goldstein_mean:.2f}"
        print(f"{p.period:<10} {p.events:>6} {p.goldstein_sum:>9.1f} {mean:>6}  {quads:<12} "
              f"{p.killed}")  # fmt: skip
    print(f"escalation: {signal_line(signal)}")
    return 0


def signal_line(signal: dict) -> str:
    """The escalation signal in words, or why there is none."""
    if not signal["enough_data"]:
        return signal["reason"]
    state = "ESCALATING" if signal["escalating"] else "steady"
    return (
        f"{state} (z = {signal['z']}, recent mean {signal['recent_mean']}, "
        f"baseline {signal['baseline_mean']}; {signal['events']} events on {signal['days']} days)"
    )
