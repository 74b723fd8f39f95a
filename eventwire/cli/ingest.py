"""`eventwire ingest SOURCES... [--db eventwire.sqlite]`: code documents into the store."""

from __future__ import annotations

import argparse
import sys

from eventwire.cli.coding_options import add_coding_options, coding_options
from eventwire.store.ingest import IngestStats, ingest

DEFAULT_DB = "eventwire.sqlite"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="code documents into a local store, skipping known ones")
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=".jsonl, .txt, .html or a directory"
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    add_coding_options(p)
    p.add_argument(
        "--fetch",
        action="store_true",
        help="allow URLs and feed URLs among the sources (robots.txt is respected)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = coding_options(args)
    show = sys.stderr.isatty()
    stats = ingest(
        args.sources,
        args.db,
        options,
        processes=args.processes,
        batch_size=args.batch_size,
        published=args.published,
        engine=args.engine,
        scheduler=args.scheduler,
        fetch=args.fetch,
        on_stored=report if show else None,
    )
    if show:
        print(file=sys.stderr)
    print(
        f"eventwire: read {stats.read}, stored {stats.stored}, failed {stats.failed}, "
        f"already stored {stats.skipped} -> {args.db}",
        file=sys.stderr,
    )
    if stats.failed and stats.failed == stats.read:
        print("eventwire: every document failed", file=sys.stderr)
        return 1
    return 0


def report(stats: IngestStats) -> None:
    print(
        f"\ringesting: {stats.stored} stored, {stats.failed} failed, {stats.skipped} skipped",
        end="",
        file=sys.stderr,
    )
