"""`eventwire status [--db eventwire.sqlite]`: what the store holds."""

from __future__ import annotations

import argparse
import json

from eventwire.cli.help import add_command
from eventwire.cli.ingest import DEFAULT_DB
from eventwire.store.db import read_store
from eventwire.store.status import summarise


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "status", "summarise what a store holds", ("eventwire status --db eventwire.sqlite",)
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--json", action="store_true", help="print JSON (default: a table)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with read_store(args.db) as conn:
        summary = summarise(conn)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for key, value in summary.items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            print(f"{key.replace('_', ' '):>14}: {shown}")
    return 0
