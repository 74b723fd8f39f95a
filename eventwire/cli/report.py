"""`eventwire report [--db eventwire.sqlite]`: incidents and the ledger, readable in a terminal."""

from __future__ import annotations

import argparse
import json

from eventwire.cli.help import add_command
from eventwire.cli.ingest import DEFAULT_DB
from eventwire.cli.timeline import shorten
from eventwire.corpus.exports import Filters, rows
from eventwire.lexicon import cameo_name
from eventwire.store.db import read_store
from eventwire.words import counted


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "report",
        "print the store's incidents, most corroborated first, and its negotiation ledger",
        ("eventwire report --db eventwire.sqlite --min-sources 2",),
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--limit", type=int, default=15, help="incidents to show (default 15)")
    p.add_argument(
        "--min-sources", type=int, default=1, help="only incidents reported by at least N outlets"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with read_store(args.db) as conn:
        incidents = list(rows(conn, "incidents", Filters(min_sources=args.min_sources)))
        ledger = list(rows(conn, "ledger", Filters()))
    incidents.sort(key=lambda r: (-r["outlets"], -r["mentions"], r["date"] or ""))
    print(f"INCIDENTS ({counted(len(incidents), 'incident')}; most corroborated first)")
    for r in incidents[: args.limit]:
        print(
            f"  {r['date'] or 'undated':<10}  {r['source_code'] or '?'} -> "
            f"{r['target_code'] or '?'}  {shorten(cameo_name(r['cameo']), 40)} [{r['cameo']}]  "
            f"{counted(r['mentions'], 'report')}, {counted(r['outlets'], 'outlet')}, "
            f"confidence {r['confidence']:.2f}"
        )
    print(f"\nNEGOTIATION LEDGER ({counted(len(ledger), 'item')})")
    for item in ledger:
        history = (
            json.loads(item["history"]) if isinstance(item["history"], str) else item["history"]
        )
        steps = " -> ".join(f"{h['status']} ({h['published']})" for h in history)
        print(
            f"  {item['kind']:<9} {item['from_code'] or '?'} -> {item['to_code'] or '?'}: "
            f"{shorten(item['what'] or '', 60)}"
        )
        if item["condition"]:
            print(f"            if: {shorten(item['condition'], 70)}")
        print(f"            status {item['status'].upper()}: {steps}")
    return 0
