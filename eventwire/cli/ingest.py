"""`eventwire ingest SOURCES... [--db eventwire.sqlite]`: code documents into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.options import Options
from eventwire.store.ingest import IngestStats, ingest

DEFAULT_DB = "eventwire.sqlite"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="code documents into a local store, skipping known ones")
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=".jsonl, .txt, .html or a directory"
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="date for documents that give none")
    p.add_argument("-n", "--processes", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per transaction")
    p.add_argument(
        "--dictionary",
        action="append",
        default=[],
        metavar="FILE.yaml",
        help="an actor dictionary over the built-in one (repeatable)",
    )
    p.add_argument(
        "--fetch",
        action="store_true",
        help="allow URLs and feed URLs among the sources (robots.txt is respected)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local processes, or a Dask cluster (default local)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (default: a local cluster of -n workers)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = Options(dictionaries=tuple(map(Path, args.dictionary)))
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
    return 0


def report(stats: IngestStats) -> None:
    print(
        f"\ringesting: {stats.stored} stored, {stats.failed} failed, {stats.skipped} skipped",
        end="",
        file=sys.stderr,
    )
