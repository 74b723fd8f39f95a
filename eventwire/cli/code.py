"""`eventwire code INPUT... -o OUT.jsonl`: documents in, document results out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from eventwire.cli.coding_options import add_coding_options, coding_options
from eventwire.cli.help import add_command
from eventwire.cli.output import OutputFile
from eventwire.cli.progress import bar, count_documents, on_terminal
from eventwire.problems import Problems, problem_lines
from eventwire.readers import InputDocument, ReadItem, read_inputs
from eventwire.runner import Result, code_documents, result_line
from eventwire.values import checked_date

if TYPE_CHECKING:
    from tqdm import tqdm


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "code",
        "code documents into document results, one JSON line each",
        (
            "eventwire code examples/corpus.jsonl -o results.jsonl",
            "eventwire code articles/ -o results.jsonl --published 2025-12-01 -n 2 --force",
        ),
    )
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
    p.add_argument(
        "--force",
        action="store_true",
        help="replace OUT if it is an existing file (default: an existing OUT is refused)",
    )
    p.add_argument(
        "--no-text",
        action="store_true",
        help="leave the document text out of the results (default: each result carries the "
        "text its offsets index)",
    )
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (default: a bar when stderr is a terminal)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    published = checked_date(args.published, "--published")
    items = with_default_date(read_inputs(args.inputs), published)
    results = OutputFile(args.output, args.force)  # refused here, before any coding
    lines = code_documents(
        items,
        coding_options(args),
        args.processes,
        args.batch_size,
        args.engine,
        args.scheduler,
        finish=result_entry,
    )
    show = not args.no_progress and on_terminal()
    total = count_documents(args.inputs) if show else None
    stats, problems = write_results(lines, results, bar("coding", total, show))
    print_problems(problems)
    print(
        f"eventwire: {stats['ok']:,} coded, {stats['failed']:,} failed -> {args.output}",
        file=sys.stderr,
    )
    if stats["ok"] == 0 and stats["failed"] > 0:
        print("eventwire: every document failed", file=sys.stderr)
        return 1
    return 0


Entry = tuple[bool, str, str, tuple[str, ...]]


def result_entry(result: Result) -> Entry:
    """Whether the document was coded, its result line, its id and its problems (run where
    the document is coded)."""
    ok, line = result_line(result)
    return ok, line, result.id, problem_lines(result)


def print_problems(problems: Problems) -> None:
    """The documents' errors and warnings by code, on stderr."""
    for line in problems.summary():
        print(f"eventwire: {line}", file=sys.stderr)


def with_default_date(items: Iterable[ReadItem], published: str | None) -> Iterator[ReadItem]:
    """Documents with ``published`` as the date to use when neither they nor their page give
    one."""
    for item in items:
        if published and isinstance(item, InputDocument):
            item.fallback_published = published
        yield item


def write_results(
    entries: Iterable[Entry], results: OutputFile, progress: tqdm
) -> tuple[dict[str, int], Problems]:
    """Write result lines as they come; OUT is replaced only when all of them are written."""
    stats, problems = {"ok": 0, "failed": 0}, Problems()
    results.open()
    try:
        with progress:
            for ok, line, doc_id, lines in entries:
                stats["ok" if ok else "failed"] += 1
                problems.add(doc_id, lines)
                results.write(line + "\n")
                progress.update()
        results.commit()
    except BaseException:
        results.discard()
        raise
    return stats, problems
