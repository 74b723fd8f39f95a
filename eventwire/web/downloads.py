"""Downloads of what a page shows, every row of it and not one page, in each format of
`eventwire export`: JSON Lines, CSV, Parquet and GDELT's tab-separated event table.

The rows are those of ``eventwire export`` (the same queries and writers) under the page's
filters; for events, a page's search words narrow them as on the timeline.
"""

from __future__ import annotations

import io
import sqlite3
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from eventwire.corpus.exports import (
    FORMATS,
    QUERIES,
    TABLES,
    Filters,
    where,
    write_csv,
    write_jsonl,
    write_parquet,
)
from eventwire.corpus.gdelt import write_gdelt
from eventwire.web.params import FILTER_NAMES, PAGE_FILTERS, BadRequest
from eventwire.web.queries import search_condition
from eventwire.web.search import run_match

MAX_ROWS = 200_000  # beyond this, `eventwire export` writes the file
MEDIA = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "gdelt": "text/tab-separated-values; charset=utf-8",
}
LABELS = {"jsonl": "JSON Lines", "csv": "CSV", "parquet": "Parquet", "gdelt": "GDELT (TSV)"}
EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet", "gdelt": "tsv"}
READERS = {
    "jsonl": "pd.read_json({url!r}, lines=True, dtype={{'cameo': str, 'root': str}})",
    "csv": "pd.read_csv({url!r}, dtype={{'cameo': str, 'root': str}})",
    "parquet": "pd.read_parquet({url!r})",
    "gdelt": "pd.read_csv({url!r}, sep='\\t', header=None, dtype=str)",
}
KEPT = (*FILTER_NAMES, *PAGE_FILTERS, "q", "syntax")  # the page parameters a download keeps


def formats_of(table: str) -> tuple[str, ...]:
    """The formats a table is written in (GDELT's table holds incidents or events only)."""
    return tuple(f for f in FORMATS if f != "gdelt" or table in ("incidents", "events"))


def export_rows(conn: sqlite3.Connection, table: str, f: Filters, query: str | None,
                syntax: str) -> list[dict[str, Any]]:  # fmt: skip
    """The rows `eventwire export TABLE` writes under the filters, and the search for events."""
    if table not in TABLES:
        raise BadRequest(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    conditions, params = where(table, f)
    if query and table == "events":
        conditions += search_condition(query, syntax, params)
    params["most"] = MAX_ROWS + 1
    found = run_match(conn, f"{QUERIES[table]}{conditions} ORDER BY 1 LIMIT :most", params)
    if len(found) > MAX_ROWS:
        raise BadRequest(f"more than {MAX_ROWS:,} rows; narrow the filters or use eventwire export")
    return [dict(r) for r in found]


def written(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """The rows as a file of the format."""
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "rows.parquet"
            write_parquet(iter(rows), path)
            return path.read_bytes()
    out = io.StringIO()
    {"jsonl": write_jsonl, "csv": write_csv, "gdelt": write_gdelt}[fmt](iter(rows), out)
    return out.getvalue().encode("utf-8")


def links(table: str, params: dict[str, str], base_url: str) -> list[dict[str, str]]:
    """The download links of a page, each with its pandas line."""
    kept = urlencode({k: v for k, v in params.items() if k in KEPT and v})
    out = []
    for fmt in formats_of(table):
        path = f"/api/export/{table}.{fmt}" + (f"?{kept}" if kept else "")
        url = base_url.rstrip("/") + path
        out.append({"format": fmt, "label": LABELS[fmt], "href": path,
                    "pandas": READERS[fmt].format(url=url)})  # fmt: skip
    return out
