"""The `eventwire` command: one module per subcommand, each a thin wrapper over a function."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from eventwire import __version__
from eventwire.cli import code, export, ingest, report, schema, series, serve, status, timeline
from eventwire.cli import dict as dict_command
from eventwire.errors import EventwireError

COMMANDS = (code, ingest, status, report, export, series, timeline, schema, dict_command, serve)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire", description="Sourced political event data from news text."
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except EventwireError as exc:
        print(f"eventwire: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
