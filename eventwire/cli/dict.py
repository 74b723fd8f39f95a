"""`eventwire dict`: work with actor dictionaries.

eventwire dict import PETRARCH_FILE... -o OUT.yaml   convert PETRARCH/TABARI dictionaries
eventwire dict check DICT.yaml...                     read user dictionaries and report
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventwire.actors.dictionaries import (
    ImportReport,
    dump_dictionary,
    import_petrarch,
    read_dictionary,
)
from eventwire.actors.kb import load_kb
from eventwire.cli.help import add_command
from eventwire.cli.output import OutputFile
from eventwire.errors import EventwireError
from eventwire.words import counted


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "dict",
        "convert and check actor dictionaries",
        (
            "eventwire dict import Phoenix.Countries.actors.txt -o countries.yaml",
            "eventwire dict check countries.yaml",
        ),
    )
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    imp = add_command(
        actions,
        "import",
        "convert PETRARCH/TABARI actor and agent dictionaries into YAML",
        ("eventwire dict import Phoenix.Countries.actors.txt agents.txt -o mine.yaml",),
    )
    imp.add_argument("files", nargs="+", metavar="PETRARCH_FILE", help="dictionary files")
    imp.add_argument(
        "-o", "--output", required=True, metavar="OUT.yaml", help="the YAML dictionary to write"
    )
    imp.add_argument(
        "--quiet",
        action="store_true",
        help="do not list skipped lines (default: each is listed on stderr)",
    )
    imp.set_defaults(run=run_import)
    check = add_command(
        actions,
        "check",
        "read YAML dictionaries and report what they hold",
        ("eventwire dict check mine.yaml",),
    )
    check.add_argument("files", nargs="+", metavar="DICT.yaml", help="YAML dictionaries")
    check.set_defaults(run=run_check)


def run_import(args: argparse.Namespace) -> int:
    report = ImportReport()
    for name in args.files:
        if not Path(name).is_file():
            raise EventwireError("E100", f"cannot read {name}: no such file")
    output = OutputFile(args.output, force=True)  # refused here, before the import
    data = import_petrarch([Path(f) for f in args.files], report)
    with output.writing() as out:
        out.write(dump_dictionary(data))
    if not args.quiet:
        for error in report.errors:
            print(error, file=sys.stderr)
    print(
        f"{counted(report.actors, 'actor entry', 'actor entries')} and "
        f"{counted(report.agents, 'agent entry', 'agent entries')} written to {args.output}; "
        f"{counted(len(report.errors), 'problem')} skipped",
        file=sys.stderr,
    )
    return 0 if report.actors or report.agents else 1


def run_check(args: argparse.Namespace) -> int:
    for name in args.files:
        parsed = read_dictionary(Path(name))
        print(
            f"{name}: {counted(len(parsed.entries), 'entry', 'entries')}, "
            f"{counted(len(parsed.aliases), 'alias', 'aliases')}, "
            f"{counted(len(parsed.agents), 'agent word')}, {counted(len(parsed.remove), 'removal')}"
        )
    kb = load_kb([Path(f) for f in args.files])
    print(
        f"knowledge base with these dictionaries: {counted(len(kb.entries), 'entry', 'entries')}, "
        f"{counted(len(kb.agents), 'agent word')}"
    )
    return 0
