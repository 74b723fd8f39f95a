"""`eventwire code INPUT... -o OUT.jsonl`: documents in, document results out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator

from eventwire.cli.coding_options import add_coding_options, coding_options
from eventwire.cli.output import OutputFile
from eventwire.readers import InputDocument, ReadItem, read_inputs
from eventwire.runner import code_documents, result_line


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("code", help="code documents into document results (JSON Lines)")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".jsonl, .txt, .html, a directory, or - for stdin",
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT.jsonl",
        help="where the results go (- for stdout)",
    )
    add_coding_options(p)
    p.add_argument("--force", action="store_true", help="overwrite OUT if it is an existing file")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    items = with_default_date(read_inputs(args.inputs), args.published)
    results = OutputFile(args.output, args.force)  # refused here, before any coding
    lines = code_documents(
        items,
        coding_options(args),
        args.processes,
        args.batch_size,
        args.engine,
        args.scheduler,
        finish=result_line,
    )
    stats = write_results(lines, results, not args.no_progress)
    print(
        f"eventwire: {stats['ok']} coded, {stats['failed']} failed -> {args.output}",
        file=sys.stderr,
    )
    if stats["ok"] == 0 and stats["failed"] > 0:
        print("eventwire: every document failed", file=sys.stderr)
        return 1
    return 0


def with_default_date(items: Iterable[ReadItem], published: str | None) -> Iterator[ReadItem]:
    for item in items:
        if published and isinstance(item, InputDocument) and not item.published:
            item.published = published
        yield item


def write_results(
    lines: Iterable[tuple[bool, str]], results: OutputFile, progress: bool
) -> dict[str, int]:
    """Write result lines as they come; OUT is replaced only when all of them are written."""
    from tqdm import tqdm

    stats = {"ok": 0, "failed": 0}
    show = progress and sys.stderr.isatty()
    results.open()
    try:
        for ok, line in tqdm(lines, desc="coding", unit="doc", disable=not show, file=sys.stderr):
            stats["ok" if ok else "failed"] += 1
            results.write(line + "\n")
        results.commit()
    except BaseException:
        results.discard()
        raise
    return stats
