"""Options shared by the commands that code documents (`code`, `ingest`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire import errors
from eventwire.errors import EventwireError
from eventwire.options import Options


def add_coding_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        help="the date of documents whose line or page gives none (default: none, and W203)",
    )
    p.add_argument("-n", "--processes", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--batch-size", type=int, default=16, help="documents per batch (default 16)")
    p.add_argument(
        "--max-chars", type=int, default=Options.max_chars, help="longest document coded"
    )
    p.add_argument(
        "--dictionary",
        action="append",
        default=[],
        metavar="FILE.yaml",
        help="an actor dictionary over the built-in one (repeatable; default: none)",
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


def coding_options(args: argparse.Namespace) -> Options:
    """Check the shared options and build the Options they ask for."""
    if args.processes < 1 or args.batch_size < 1:
        raise EventwireError("E005", "--processes and --batch-size must be at least 1")
    for path in args.dictionary:
        if not Path(path).is_file():
            raise EventwireError("E004", f"cannot read dictionary {path!r}: no such file")
        check_dictionary(Path(path))
    return Options(
        max_chars=args.max_chars,
        dictionaries=tuple(map(Path, args.dictionary)),
        keep_text=not getattr(args, "no_text", False),
    )


def check_dictionary(path: Path) -> None:
    """Read a user dictionary before any coding, so that one that cannot be used stops the run
    with its one-line reason, rather than failing every document inside the coding."""
    from eventwire.actors.dictionaries import read_dictionary

    try:
        read_dictionary(path)
    except UnicodeDecodeError as exc:
        reason = f"{path}: invalid UTF-8 at byte {exc.start}"
        raise EventwireError(errors.BAD_DICTIONARY, reason) from exc
    except EventwireError as exc:  # YAML's messages run over several lines
        raise EventwireError(exc.code, " ".join(exc.message.split())) from exc
