"""`eventwire timeline RESULTS.jsonl`: a readable crisis timeline in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from eventwire import errors
from eventwire.cli.help import add_command
from eventwire.corpus.exports import Filters, rows
from eventwire.errors import EventwireError
from eventwire.lexicon import cameo_name
from eventwire.model import ActorRef, DocumentResult
from eventwire.store.db import read_store
from eventwire.words import counted

QUADS = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "timeline",
        "print the events of result files or of a store as a dated timeline",
        ("eventwire timeline results.jsonl", "eventwire timeline eventwire.sqlite"),
    )
    p.add_argument(
        "results",
        nargs="+",
        metavar="RESULTS",
        help="result files of `eventwire code`, or stores of `eventwire ingest`",
    )
    p.add_argument("--width", type=int, default=100, help="line width for evidence (default 100)")
    p.set_defaults(run=run)


SQLITE_HEADER = b"SQLite format 3\x00"


def run(args: argparse.Namespace) -> int:
    rows = []
    for name in args.results:
        rows.extend(rows_of(Path(name)))
    rows.sort(key=lambda r: (r["date"] or "9999", r["doc"]))
    for line in render(rows, args.width):
        print(line)
    print(f"\n{counted(len(rows), 'event')}", file=sys.stderr)
    return 0


def rows_of(path: Path) -> list[dict]:
    """The timeline rows of a result file or of a store."""
    if is_store(path):
        with read_store(path) as conn:
            return [store_row(r) for r in rows(conn, "events", Filters())]
    return timeline_rows(read_results(path))


def is_store(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as exc:
        raise EventwireError(errors.NO_INPUT, f"cannot read {path}: {exc.strerror}") from exc


def read_results(path: Path) -> list[DocumentResult]:
    """The coded documents of a results file (error lines carry no events). A file that holds
    none (documents not yet coded, or not JSON Lines at all) is refused with what to do
    instead; a later line that is not a result line of `eventwire code`, with its place
    (``path:line``)."""
    try:
        lines = path.read_bytes().decode("utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(errors.NO_INPUT, f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise EventwireError("E103", f"{path}: invalid UTF-8 at byte {exc.start}") from exc
    results = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            if not results:
                raise not_results(path, f"line {number} is not JSON") from exc
            raise not_a_result_line(path, number, exc) from exc
        if isinstance(record, dict) and "id" in record and not {"events", "error"} & set(record):
            raise EventwireError(
                errors.NO_INPUT,
                f"{path} holds documents, not results: code them first, with "
                f"`eventwire code {path} -o results.jsonl`",
            )
        if isinstance(record, dict) and "error" in record:
            continue
        try:
            results.append(DocumentResult.model_validate(record))
        except (ValueError, RecursionError) as exc:  # ValidationError is a ValueError
            raise not_a_result_line(path, number, exc) from exc
    return results


def not_results(path: Path, why: str) -> EventwireError:
    return EventwireError(
        errors.NO_INPUT,
        f"{path} is not a result file of `eventwire code` nor a store: {why}",
    )


def not_a_result_line(path: Path, number: int, exc: Exception) -> EventwireError:
    reason = first_problem(exc)
    return EventwireError(
        "E105", f"{path}:{number} is not a result line of `eventwire code`: {reason}"
    )


def store_row(r: dict) -> dict:
    """A timeline row of an event the store holds."""
    return {
        "date": r["date"],
        "doc": r["outlet"] or r["document"],
        "source": store_actor(r["source_name"], r["source_code"]),
        "target": store_actor(r["target_name"], r["target_code"]),
        "code": r["cameo"],
        "what": cameo_name(r["cameo"]),
        "quad": QUADS.get(r["quad_class"] or 0, ""),
        "certainty": r["certainty"] or "",
        "text": r["text"] or "",
    }


def store_actor(name: str | None, code: str | None) -> str:
    return "?" if not (name or code) else f"{name or code} ({code or '?'})"


def first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        problem = exc.errors()[0]
        return f"{'.'.join(map(str, problem['loc'])) or 'the line'}: {problem['msg']}"
    return "not JSON" if not isinstance(exc, RecursionError) else "nested too deeply"


def timeline_rows(results: list[DocumentResult]) -> list[dict]:
    rows = []
    for result in results:
        for e in result.events:
            if e.negated:
                continue
            rows.append(
                {
                    "date": e.date,
                    "doc": result.outlet or result.id,
                    "source": actor_label(e.source),
                    "target": actor_label(e.target),
                    "code": e.cameo,
                    "what": e.cameo_name or cameo_name(e.cameo),
                    "quad": QUADS.get(e.quad_class or 0, ""),
                    "certainty": e.certainty or "",
                    "text": e.text or "",
                }
            )
    return rows


def actor_label(actor: ActorRef | None) -> str:
    if not actor:
        return "?"
    return f"{actor.name or actor.text} ({actor.code or '?'})"


def render(rows: list[dict], width: int) -> list[str]:
    lines, last = [], None
    for r in rows:
        if r["date"] != last:
            lines.append(f"\n== {r['date'] or 'undated'} ==")
            last = r["date"]
        how = f"[{r['code']}, {r['quad']}, {r['certainty']}]"
        lines.append(f"  {r['source']} -> {r['target']}: {r['what']} {how}")
        lines.append(f'      "{shorten(r["text"], width - 10)}"  ({r["doc"]})')
    return lines


def shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
