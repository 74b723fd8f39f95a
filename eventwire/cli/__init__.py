"""The `eventwire` command: one module per subcommand, each a thin wrapper over a function."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from eventwire import __version__
from eventwire.cli import code, export, ingest, report, schema, series, serve, status, timeline
from eventwire.cli import dict as dict_command
from eventwire.cli.output import guarded_stdout
from eventwire.errors import EventwireError

COMMANDS = (code, ingest, status, report, export, series, timeline, schema, dict_command, serve)
EXAMPLES = """examples:
  eventwire code examples/corpus.jsonl -o results.jsonl
  eventwire ingest examples/ --db eventwire.sqlite
  eventwire serve --db eventwire.sqlite

`eventwire COMMAND --help` describes a command, its options with their defaults, and examples."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Sourced political event data from news text.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


class StderrHandler(logging.StreamHandler):
    """Log lines to whatever ``sys.stderr`` is when they are written, as ``eventwire: ...``."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(logging.Formatter("eventwire: %(message)s"))

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def configure_log() -> None:
    """Warnings and errors of the ``eventwire`` logger go to stderr (once per process)."""
    logger = logging.getLogger("eventwire")
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        logger.addHandler(StderrHandler())
        logger.setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stderr is None:  # closed: print(file=None) would mix its messages into the output
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    args = build_parser().parse_args(argv)
    configure_log()
    try:
        if args.command == "serve":  # its output is one line of log, not its work
            return int(args.run(args) or 0)
        with guarded_stdout():
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
