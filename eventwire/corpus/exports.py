"""Exports of the store: incidents, events, attributions and the ledger, filtered.

Formats: JSON Lines, CSV, Parquet, and `gdelt` (incidents and events only): the GDELT 2.0
event table's 61 tab-separated columns, filled where eventwire has the value (see
docs/gdelt-mapping.md).

Rows join by stable ids: an event's ``incident_id`` is the ``id`` of its incident, and
``document_id`` the document's own id; incidents and ledger items list their documents' ids. A
date is the first day of what the text gives (``date_precision``: day, month or year), so that
a column holds one kind of value; ``date_source`` says whether the text gave it or the
article's publication date stands in. ``in_series`` marks the events that the dyad series
and tables count. In CSV every text cell is quoted and numbers are not, so that a reader told
to keep quoted cells as text keeps CAMEO codes as "040", not 40 (the README shows how with
pandas).

In CSV, a text cell that a spreadsheet would run as a formula (one beginning with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a single quote before it, as OWASP
recommends against CSV injection; numbers, negative ones included, are written as numbers.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from eventwire.corpus.incidents import happened_sql

TABLES = ("incidents", "events", "attributions", "ledger")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def day_of(column: str) -> str:
    """SQL for the first day a date of any precision stands for ("2025-11" is 2025-11-01)."""
    return (
        f"CASE length({column}) WHEN 10 THEN {column} WHEN 7 THEN {column} || '-01' "
        f"WHEN 4 THEN {column} || '-01-01' END"
    )


def precision_of(column: str) -> str:
    return f"CASE length({column}) WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END"


DOCUMENT_IDS = (
    "(SELECT json_group_array(id) FROM (SELECT DISTINCT d.id FROM incident_events ie "
    "JOIN events e USING (event_key) JOIN documents d USING (doc_key) "
    "WHERE ie.incident_key = i.incident_key ORDER BY d.published, d.id)) AS document_ids"
)
QUERIES = {
    "events": (
        "SELECT e.event_key AS id, ie.incident_key AS incident_id, d.id AS document_id, "
        f"d.outlet, d.published, d.url, {day_of('e.date')} AS date, "
        f"{precision_of('e.date')} AS date_precision, e.date_source, "
        "e.source_code, e.source_name, e.source_country, e.target_code, e.target_name, "
        "e.target_country, e.cameo, e.root, e.plover, e.goldstein, e.quad_class, e.certainty, "
        "e.attributed_to, e.place, e.place_country, e.place_kind, e.lat, e.lon, e.killed, "
        f"e.wounded, (length(e.date) = 10 AND {happened_sql('e.')}) AS in_series, e.text "
        "FROM events e JOIN documents d USING (doc_key) "
        "LEFT JOIN incident_events ie ON ie.event_key = e.event_key WHERE NOT e.negated"
    ),
    "incidents": (
        f"SELECT i.incident_key AS id, {day_of('i.date')} AS date, i.date_precision, i.status, "
        "i.source_code, i.source_name, i.source_country, i.target_code, i.target_name, "
        "i.target_country, i.cameo, i.root, i.goldstein, i.quad_class, i.certainty, "
        "i.confidence, i.mentions, i.articles, i.outlets, i.first_report, i.last_report, "
        f"i.killed, i.wounded, {DOCUMENT_IDS}, "
        "pe.place, pe.place_country, pe.place_kind, pe.lat, pe.lon, pd.url "
        "FROM incidents i "
        "LEFT JOIN events pe ON pe.event_key = ("  # the first report, one with a place if any
        "  SELECT e.event_key FROM incident_events ie JOIN events e USING (event_key)"
        "  WHERE ie.incident_key = i.incident_key ORDER BY e.place IS NULL, e.event_key LIMIT 1) "
        "LEFT JOIN documents pd ON pd.doc_key = pe.doc_key WHERE 1"
    ),
    "attributions": (
        "SELECT d.id AS document_id, d.outlet, d.published, a.ordinal, a.source, a.source_code, "
        "a.cue, a.content, a.kind, a.certainty "
        "FROM attributions a JOIN documents d USING (doc_key) WHERE 1"
    ),
    "ledger": (
        "SELECT l.item_key AS id, l.kind, l.from_code, l.to_code, l.what, l.condition, l.status, "
        "l.first_report, l.last_report, "
        "(SELECT json_group_array(json_object('published', h.published, 'status', h.status, "
        "'document_id', d.id)) FROM (SELECT * FROM ledger_history WHERE item_key = l.item_key "
        "ORDER BY published, doc_key, ordinal) h JOIN documents d USING (doc_key)) AS history, "
        "(SELECT json_group_array(id) FROM (SELECT DISTINCT d.id FROM ledger_history h "
        "JOIN documents d USING (doc_key) WHERE h.item_key = l.item_key "
        "ORDER BY d.published, d.id)) AS document_ids "
        "FROM ledger_items l WHERE 1"
    ),
}


@dataclass(frozen=True)
class Filters:
    """Which rows to export. Every filter is optional."""

    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    actor: str | None = None  # an actor code or its prefix, on either side: "VEN", "USAGOV"
    country: str | None = None  # ISO3 on either side
    dyad: tuple[str, str] | None = None  # source, target (country or code prefixes)
    root: str | None = None  # CAMEO root, "13"
    certainty: str | None = None
    min_sources: int | None = None  # incidents: at least this many outlets
    cameo: str | None = None  # a CAMEO code or its prefix, "112", "0872"
    place: str | None = None  # events: the name of the place where they happened


def where(table: str, f: Filters) -> tuple[str, dict[str, Any]]:
    """SQL conditions and parameters for the filters that apply to the table."""
    alias = {"events": "e", "incidents": "i", "attributions": "a", "ledger": "l"}[table]
    src, tgt = {
        "ledger": ("l.from_code", "l.to_code"),
        "attributions": ("a.source_code", "NULL"),
    }.get(table, (f"{alias}.source_code", f"{alias}.target_code"))
    day = {
        "events": "e.date",
        "incidents": "i.date",
        "attributions": "d.published",
        "ledger": "l.last_report",
    }[table]
    parts, params = [], {}
    if f.since:
        parts.append(f"{day} >= :since")
        params["since"] = f.since
    if f.until:
        parts.append(f"substr({day}, 1, 10) <= :until")
        params["until"] = f.until
    if f.actor:
        parts.append(f"({src} LIKE :actor OR {tgt} LIKE :actor)")
        params["actor"] = f.actor + "%"
    if f.country:
        parts.append(f"(substr({src}, 1, 3) = :country OR substr({tgt}, 1, 3) = :country)")
        params["country"] = f.country
    if f.dyad:
        parts.append(f"({src} LIKE :dsrc AND {tgt} LIKE :dtgt)")
        params["dsrc"], params["dtgt"] = f.dyad[0] + "%", f.dyad[1] + "%"
    if f.root and table in ("events", "incidents"):
        parts.append(f"{alias}.root = :root")
        params["root"] = f.root.zfill(2)
    if f.cameo and table in ("events", "incidents"):
        parts.append(f"{alias}.cameo LIKE :cameo")
        params["cameo"] = f.cameo + "%"
    if f.place and table == "events":
        parts.append("e.place = :place")
        params["place"] = f.place
    if f.certainty and table in ("events", "incidents", "attributions"):
        parts.append(f"{alias}.certainty = :certainty")
        params["certainty"] = f.certainty
    if f.min_sources and table == "incidents":
        parts.append("i.outlets >= :min_sources")
        params["min_sources"] = f.min_sources
    return "".join(f" AND {p}" for p in parts), params


def rows(conn: sqlite3.Connection, table: str, f: Filters) -> Iterator[dict[str, Any]]:
    if table not in QUERIES:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    conditions, params = where(table, f)
    order = " ORDER BY 1"
    for row in conn.execute(QUERIES[table] + conditions + order, params):
        yield dict(row)


def write_jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(decoded(record), ensure_ascii=False) + "\n")
        count += 1
    return count


def decoded(record: dict[str, Any]) -> dict[str, Any]:
    """JSON held in text columns goes out as JSON."""
    for key in ("attributed_to", "history", "document_ids"):
        if isinstance(record.get(key), str):
            record[key] = json.loads(record[key])
    if "in_series" in record and record["in_series"] is not None:
        record["in_series"] = bool(record["in_series"])
    return record


def write_csv(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    writer: csv.DictWriter | None = None
    count = 0
    for record in records:
        count += 1
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(record), lineterminator="\r\n",
                                    quoting=csv.QUOTE_NONNUMERIC)  # fmt: skip
            writer.writeheader()
        writer.writerow({k: inert(v) for k, v in record.items()})
    return count


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: formula-like text gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_parquet(records: Iterator[dict[str, Any]], out: Path | BinaryIO) -> int:
    """Records as a Parquet file. Given a path, pyarrow removes the file when writing fails
    (a device or FIFO too), so the command line passes an open stream instead."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(list(records))
    pq.write_table(table, out)
    return table.num_rows
