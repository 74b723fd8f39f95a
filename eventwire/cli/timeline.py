"""`eventwire timeline RESULTS.jsonl`: a readable crisis timeline in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.lexicon import cameo_name

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


def read_results(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EventwireError("E100", f"cannot read {path}: {exc.strerror}") from exc
    return [json.loads(line) for line in lines if line.strip()]


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
