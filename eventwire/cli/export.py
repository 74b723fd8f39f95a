"""`eventwire export TABLE --format FORMAT`: incidents, events, attributions or the ledger."""

from __future__ import annotations

import argparse
import sys

from eventwire import errors
from eventwire.cli.help import add_command
from eventwire.cli.ingest import DEFAULT_DB
from eventwire.cli.output import OutputFile
from eventwire.corpus.exports import (
    FORMATS,
    TABLES,
    Filters,
    rows,
    write_csv,
    write_jsonl,
    write_parquet,
)
from eventwire.corpus.gdelt import write_gdelt
from eventwire.errors import EventwireError
from eventwire.store.db import read_store
from eventwire.web.params import CERTAINTIES, FILTER_NAMES, BadRequest, filters
from eventwire.words import counted

TABLE_NOUNS = {
    "incidents": ("incident", "incidents"),
    "events": ("event", "events"),
    "attributions": ("attribution", "attributions"),
    "ledger": ("ledger item", "ledger items"),
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "export",
        "export incidents, events, attributions or the ledger, filtered",
        (
            "eventwire export incidents --format gdelt --min-sources 2 -o incidents.tsv",
            "eventwire export events --dyad USA:VEN --since 2025-11-01 --format csv -o e.csv",
        ),
    )
    p.add_argument("table", choices=TABLES, help="what to export")
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="the file format")
    p.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="from this day on (default: any)")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="up to this day (default: any)")
    p.add_argument(
        "--actor", help="actor code or prefix on either side, VEN, USAGOV (default: any)"
    )
    p.add_argument("--country", help="ISO3 country on either side (default: any)")
    p.add_argument(
        "--dyad", metavar="SOURCE:TARGET", help="source and target codes or prefixes (default: any)"
    )
    p.add_argument("--root", help="CAMEO root code, e.g. 13 (default: any)")
    p.add_argument("--certainty", help=f"one of {', '.join(CERTAINTIES)} (default: any)")
    p.add_argument("--min-sources", help="incidents reported by at least N outlets (default: any)")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace -o if it is an existing file (default: an existing file is refused)",
    )
    p.set_defaults(run=run)


def filters_of(args: argparse.Namespace) -> Filters:
    """The filters, checked as the HTTP API checks them: a bad value stops the run (exit
    status 2) with its one-line reason."""
    given = {name: getattr(args, name) for name in FILTER_NAMES}
    try:
        return filters({name: str(value) for name, value in given.items() if value is not None})
    except BadRequest as exc:
        message = str(exc).replace("_", "-", 1) if str(exc).startswith("min_") else str(exc)
        raise EventwireError(errors.BAD_OPTION, f"--{message}") from exc


def run(args: argparse.Namespace) -> int:
    if args.format == "gdelt" and args.table not in ("incidents", "events"):
        raise EventwireError("E005", "the gdelt format holds incidents or events only")
    if args.format == "parquet" and args.output == "-":
        raise EventwireError("E005", "parquet needs a file: give -o OUT.parquet")
    chosen = filters_of(args)
    output = OutputFile(args.output, args.force)  # refused here, before the store is read
    with read_store(args.db) as conn:
        records = rows(conn, args.table, chosen)
        with output.writing(binary=args.format == "parquet") as out:
            if args.format == "parquet":
                count = write_parquet(records, out)
            else:
                count = TEXT_WRITERS[args.format](records, out)
    print(f"eventwire: {counted(count, *TABLE_NOUNS[args.table])} exported", file=sys.stderr)
    return 0


TEXT_WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "gdelt": write_gdelt}
