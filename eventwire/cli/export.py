"""`eventwire export TABLE --format FORMAT`: incidents, events, attributions or the ledger."""

from __future__ import annotations

import argparse
import sys

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


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export incidents, events, attributions or the ledger")
    p.add_argument("table", choices=TABLES)
    p.add_argument("--format", choices=FORMATS, default="jsonl")
    p.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default {DEFAULT_DB})")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--actor", help="actor code or prefix on either side (VEN, USAGOV)")
    p.add_argument("--country", help="ISO3 country on either side")
    p.add_argument("--dyad", metavar="SOURCE:TARGET", help="source and target codes or prefixes")
    p.add_argument("--root", help="CAMEO root code, e.g. 13")
    p.add_argument("--certainty", help="asserted, confirmed, reported, alleged, ...")
    p.add_argument("--min-sources", type=int, help="incidents reported by at least N outlets")
    p.set_defaults(run=run)


def filters_of(args: argparse.Namespace) -> Filters:
    dyad = None
    if args.dyad:
        source, sep, target = args.dyad.partition(":")
        if not sep or not source or not target:
            raise EventwireError("E005", f"--dyad takes SOURCE:TARGET, not {args.dyad!r}")
        dyad = (source.upper(), target.upper())
    return Filters(
        since=args.since,
        until=args.until,
        actor=args.actor and args.actor.upper(),
        country=args.country and args.country.upper(),
        dyad=dyad,
        root=args.root,
        certainty=args.certainty,
        min_sources=args.min_sources,
    )


def run(args: argparse.Namespace) -> int:
    if args.format == "gdelt" and args.table not in ("incidents", "events"):
        raise EventwireError("E005", "the gdelt format holds incidents or events only")
    if args.format == "parquet" and args.output == "-":
        raise EventwireError("E005", "parquet needs a file: give -o OUT.parquet")
    output = OutputFile(args.output, force=True)  # refused here, before the store is read
    with read_store(args.db) as conn:
        records = rows(conn, args.table, filters_of(args))
        with output.writing(binary=args.format == "parquet") as out:
            if args.format == "parquet":
                count = write_parquet(records, out)
            else:
                count = TEXT_WRITERS[args.format](records, out)
    print(f"eventwire: {count} {args.table} exported", file=sys.stderr)
    return 0


TEXT_WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "gdelt": write_gdelt}
