"""`eventwire timeline RESULTS.jsonl`: a readable crisis timeline in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from eventwire.errors import EventwireError
from eventwire.lexicon import cameo_name
from eventwire.model import ActorRef, DocumentResult

QUADS = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("timeline", help="print the events of result files as a timeline")
    p.add_argument("results", nargs="+", metavar="RESULTS.jsonl")
    p.add_argument("--width", type=int, default=100, help="line width for evidence (default 100)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    rows = []
    for path in args.results:
        rows.extend(timeline_rows(read_results(Path(path))))
    rows.sort(key=lambda r: (r["date"] or "9999", r["doc"]))
    for line in render(rows, args.width):
        print(line)
    print(f"\n{len(rows)} events", file=sys.stderr)
    return 0


def read_results(path: Path) -> list[DocumentResult]:
    """The coded documents of a results file (error lines carry no events); a line that is not
    a result line of `eventwire code` is refused with its place (``path:line``)."""
    try:
        lines = path.read_bytes().decode("utf-8").splitlines()
    except OSError as exc:
        raise EventwireError("E100", f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise EventwireError("E103", f"{path}: invalid UTF-8 at byte {exc.start}") from exc
    results = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not (isinstance(record, dict) and "error" in record):
                results.append(DocumentResult.model_validate(record))
        except (ValueError, RecursionError) as exc:  # ValidationError is a ValueError
            reason = first_problem(exc)
            raise EventwireError(
                "E105", f"{path}:{number} is not a result line of `eventwire code`: {reason}"
            ) from exc
    return results


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
