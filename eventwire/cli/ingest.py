"""`eventwire ingest SOURCES... [--db eventwire.sqlite]`: code documents into the store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from eventwire.cli.code import print_problems
from eventwire.cli.coding_options import add_coding_options, coding_options
from eventwire.cli.help import add_command
from eventwire.cli.progress import bar, count_documents, on_terminal
from eventwire.store.ingest import IngestStats, ingest
from eventwire.values import checked_date

if TYPE_CHECKING:
    from tqdm import tqdm

DEFAULT_DB = "eventwire.sqlite"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "ingest",
        "code documents into a local store, skipping those it holds",
        (
            "eventwire ingest examples/ --db eventwire.sqlite",
            "eventwire ingest https://example.org/feed.xml --fetch --db eventwire.sqlite",
        ),
    )
    p.add_argument(
        "sources", nargs="+", metavar="SOURCE", help=".jsonl, .txt, .html or a directory"
    )
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    add_coding_options(p)
    p.add_argument(
        "--fetch",
        action="store_true",
        help="allow URLs and feed URLs among the sources, robots.txt respected (default: a URL "
        "is refused with E100)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    options = coding_options(args)
    published = checked_date(args.published, "--published")
    show = on_terminal()
    total = count_documents(args.sources) if show else None
    with bar("ingesting", total, show) as progress:
        stats = ingest(
            args.sources,
            args.db,
            options,
            processes=args.processes,
            batch_size=args.batch_size,
            published=published,
            engine=args.engine,
            scheduler=args.scheduler,
            fetch=args.fetch,
            on_stored=lambda stats: show_progress(progress, stats),
        )
    print_problems(stats.problems)
    print(f"eventwire: {counts(stats)} -> {args.db}", file=sys.stderr)
    if stats.failed and stats.failed == stats.read:
        print("eventwire: every document failed", file=sys.stderr)
        return 1
    return 0


def counts(stats: IngestStats) -> str:
    """The counts of a run, in the same words on the progress bar and in the summary."""
    return (
        f"read {stats.read:,}, stored {stats.stored:,}, failed {stats.failed:,}, "
        f"already stored {stats.skipped:,}"
    )


def show_progress(progress: tqdm, stats: IngestStats) -> None:
    """Move the bar to the documents done so far, with the run's counts beside it."""
    progress.update(stats.stored + stats.failed + stats.skipped - progress.n)
    progress.set_postfix_str(counts(stats), refresh=True)
