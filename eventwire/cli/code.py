"""`eventwire code INPUT... -o OUT.jsonl`: documents in, document results out."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from eventwire import errors
from eventwire.cli.coding_options import add_coding_options, coding_options
from eventwire.cli.help import add_command
from eventwire.cli.progress import bar, count_documents, on_terminal
from eventwire.errors import EventwireError
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
    results = ResultsFile(args.output, args.force)  # refused here, before any coding
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
    entries: Iterable[Entry], results: ResultsFile, progress: tqdm
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


class ResultsFile:
    """Where result lines go. A regular file is written as OUT.part and renamed onto OUT at
    the end; standard output, character devices (``/dev/null``) and FIFOs are written
    directly and never renamed over. Unusable outputs are refused when this is made."""

    def __init__(self, output: str, force: bool) -> None:
        self.stream: TextIO | None = None
        if output == "-":
            if sys.stdout is None:
                raise cannot_write("standard output", "it is closed")
            self.path, self.part, self.name = None, None, "standard output"
            return
        self.path, self.name = Path(output), output
        kind = file_kind(self.path)
        if kind == "missing" and not self.path.parent.is_dir():
            raise cannot_write(output, f"no such directory {str(self.path.parent)!r}")
        if kind == "directory":
            raise cannot_write(output, "it is a directory")
        if kind == "other":
            raise cannot_write(output, "not a regular file, character device or FIFO")
        if kind == "regular" and not force:
            raise EventwireError(
                errors.OUTPUT_EXISTS, f"{output} exists; use --force to overwrite it"
            )
        direct = kind == "special"
        self.part = None if direct else self.path.with_name(self.path.name + ".part")

    def open(self) -> None:
        if self.path is None:
            self.stream = sys.stdout
            return
        try:
            self.stream = (self.part or self.path).open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise cannot_write(self.name, exc.strerror or str(exc)) from exc

    def write(self, text: str) -> None:
        assert self.stream is not None
        try:
            self.stream.write(text)
        except OSError as exc:
            self.fail(exc)

    def commit(self) -> None:
        """Flush and close; move OUT.part onto OUT when the target is absent or regular."""
        assert self.stream is not None
        try:
            self.stream.flush()
            if self.stream is not sys.stdout:
                self.stream.close()
        except OSError as exc:
            self.fail(exc)
        self.move_into_place()

    def write_with(self, write: Callable[[Path], int]) -> int:
        """Write through a function of a path (a format a library writes, such as Parquet),
        then move the result into place; its count of rows."""
        if self.path is None:
            raise cannot_write(self.name, "this format needs a file")
        try:
            count = write(self.part or self.path)
        except OSError as exc:
            self.discard()
            raise cannot_write(self.name, exc.strerror or str(exc)) from exc
        except BaseException:
            self.discard()
            raise
        self.move_into_place()
        return count

    def move_into_place(self) -> None:
        """Move OUT.part onto OUT when the target is absent or regular."""
        if self.part is None or self.path is None:
            return
        if file_kind(self.path) not in ("missing", "regular"):
            raise cannot_write(self.name, "it is no longer a regular file; not replaced")
        try:
            os.replace(self.part, self.path)
        except OSError as exc:
            self.fail(exc)

    def discard(self) -> None:
        """Close without keeping anything: OUT.part is removed, OUT stays as it was."""
        if self.stream is not None and self.stream is not sys.stdout:
            with contextlib.suppress(OSError):  # the error that brought us here is the one to tell
                self.stream.close()
        if self.part is not None:
            self.part.unlink(missing_ok=True)

    def fail(self, exc: OSError) -> NoReturn:
        """Raise the one-line error for a failed write (a reader that went away from standard
        output, as with ``| head``, is left to stop the run quietly)."""
        if self.stream is sys.stdout:
            silence_stdout()
            if isinstance(exc, BrokenPipeError):
                raise exc
        raise cannot_write(self.name, exc.strerror or str(exc)) from exc


def file_kind(path: Path) -> str:
    """missing, regular, directory, special (character device or FIFO) or other."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "other"
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISDIR(mode):
        return "directory"
    return "special" if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) else "other"


def cannot_write(name: str, reason: str) -> EventwireError:
    return EventwireError(errors.OUTPUT, f"cannot write {name}: {reason}")


def silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what
    could not be written does not fail again on the way out."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
