"""`eventwire timeline RESULTS.jsonl`: a readable crisis timeline in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire import errors
from eventwire.cli.help import add_command
from eventwire.corpus.exports import Filters, rows
from eventwire.errors import EventwireError
from eventwire.lexicon import cameo_name
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


def read_results(path: Path) -> list[dict]:
    """The result lines of a file; a file that holds none (documents not yet coded, or not
    JSON Lines at all) is refused with what to do instead."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError(errors.NO_INPUT, f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise not_results(path, "it is not UTF-8 text") from exc
    results = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise not_results(path, f"line {number} is not JSON") from exc
        if not isinstance(record, dict) or "id" not in record:
            raise not_results(path, f"line {number} is not a result line")
        if "events" not in record and "error" not in record:
            raise EventwireError(
                errors.NO_INPUT,
                f"{path} holds documents, not results: code them first, with "
                f"`eventwire code {path} -o results.jsonl`",
            )
        results.append(record)
    return results


def not_results(path: Path, why: str) -> EventwireError:
    return EventwireError(
        errors.NO_INPUT,
        f"{path} is not a result file of `eventwire code` nor a store: {why}",
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


def timeline_rows(results: list[dict]) -> list[dict]:
    rows = []
    for result in results:
        for e in result.get("events", []):
            if e.get("negated"):
                continue
            rows.append(
                {
                    "date": e.get("date"),
                    "doc": result.get("outlet") or result["id"],
                    "source": actor_label(e.get("source")),
                    "target": actor_label(e.get("target")),
                    "code": e["cameo"],
                    "what": e.get("cameo_name") or cameo_name(e["cameo"]),
                    "quad": QUADS.get(e.get("quad_class") or 0, ""),
                    "certainty": e.get("certainty", ""),
                    "text": e.get("text", ""),
                }
            )
    return rows


def actor_label(actor: dict | None) -> str:
    if not actor:
        return "?"
    return f"{actor.get('name') or actor.get('text')} ({actor.get('code') or '?'})"


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
