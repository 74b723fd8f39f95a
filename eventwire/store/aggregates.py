"""Aggregates of the stored documents, kept by the writer and counted again by a rebuild.

Each statement adds the rows its ``{scope}`` selects to the aggregates: the writer runs them for
the documents of each batch it stores (scope ``doc_key >= :first``), in the batch's
transaction, so the aggregates always match the documents; a rebuild empties the tables and
runs them over every row (scope ``1``). Counts are added, so the order in which documents
arrive does not matter. (A ``+`` before a column keeps SQLite from reading a batch through an
index of all the events, in the order of its groups, rather than by its documents' keys.)
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from typing import Any

import pydantic_core

from eventwire.corpus.incidents import happened_sql
from eventwire.corpus.series import busiest_dyads

TABLES = ("dyad_days", "dyad_totals", "event_days", "totals", "outlet_documents")

# Events that took place, per country pair and day, with Goldstein sums and quad classes.
DYAD_DAYS = """
INSERT INTO dyad_days (source_country, target_country, day, events, goldstein_sum, goldstein_n,
                       quad1, quad2, quad3, quad4)
SELECT source_country, target_country, date, count(*), coalesce(sum(goldstein), 0),
       count(goldstein), sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3),
       sum(quad_class = 4)
FROM events
WHERE NOT negated AND {happened} AND +source_country IS NOT NULL
      AND +target_country IS NOT NULL AND {scope}
GROUP BY +source_country, +target_country, +date
ON CONFLICT (source_country, target_country, coalesce(day, '')) DO UPDATE SET
    events = events + excluded.events,
    goldstein_sum = goldstein_sum + excluded.goldstein_sum,
    goldstein_n = goldstein_n + excluded.goldstein_n,
    quad1 = coalesce(quad1 + excluded.quad1, quad1, excluded.quad1),
    quad2 = coalesce(quad2 + excluded.quad2, quad2, excluded.quad2),
    quad3 = coalesce(quad3 + excluded.quad3, quad3, excluded.quad3),
    quad4 = coalesce(quad4 + excluded.quad4, quad4, excluded.quad4)
"""

# The same events per country pair, those dated to the day (as a series counts them); the last
# day is the latest date among them.
DYAD_TOTALS = """
INSERT INTO dyad_totals (source_country, target_country, events, goldstein_sum, goldstein_n,
                         last_day)
SELECT source_country, target_country, count(*), coalesce(sum(goldstein), 0), count(goldstein),
       max(date)
FROM events
WHERE NOT negated AND {happened} AND +source_country IS NOT NULL
      AND +target_country IS NOT NULL AND length(date) = 10 AND {scope}
GROUP BY +source_country, +target_country
ON CONFLICT (source_country, target_country) DO UPDATE SET
    events = events + excluded.events,
    goldstein_sum = goldstein_sum + excluded.goldstein_sum,
    goldstein_n = goldstein_n + excluded.goldstein_n,
    last_day = coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day)
"""

# Events that are not negated, per first three letters of the codes and day.
EVENT_DAYS = """
INSERT INTO event_days (source3, target3, day, events)
SELECT substr(source_code, 1, 3), substr(target_code, 1, 3), date, count(*)
FROM events WHERE NOT negated AND {scope}
GROUP BY 1, 2, 3
ON CONFLICT (coalesce(source3, ''), coalesce(target3, ''), coalesce(day, '')) DO UPDATE SET
    events = events + excluded.events
"""

TOTALS = """
INSERT INTO totals (name, n)
SELECT 'documents', count(*) FROM documents WHERE {scope}
UNION ALL SELECT 'events', count(*) FROM events WHERE NOT negated AND {scope}
UNION ALL SELECT 'attributions', count(*) FROM attributions WHERE {scope}
UNION ALL SELECT 'ledger', count(*) FROM ledger WHERE {scope}
ON CONFLICT (name) DO UPDATE SET n = n + excluded.n
"""

OUTLETS = """
INSERT INTO outlet_documents (outlet, documents)
SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL AND {scope} GROUP BY outlet
ON CONFLICT (outlet) DO UPDATE SET documents = documents + excluded.documents
"""

STATEMENTS = (DYAD_DAYS, DYAD_TOTALS, EVENT_DAYS, TOTALS, OUTLETS)


@lru_cache(maxsize=4)
def statements(scope: str) -> tuple[str, ...]:
    return tuple(s.format(scope=scope, happened=happened_sql()) for s in STATEMENTS)


def add(conn: sqlite3.Connection, scope: str, params: dict[str, object]) -> None:
    """Add the rows ``scope`` selects to every aggregate."""
    for statement in statements(scope):
        conn.execute(statement, params)


def add_documents(conn: sqlite3.Connection, first: int) -> None:
    """Add the documents stored with keys from ``first`` up (their events, attributions and
    ledger reports)."""
    add(conn, "doc_key >= :first", {"first": first})


def recount(conn: sqlite3.Connection) -> None:
    """Count every aggregate again from the stored rows, and the incidents (which only a
    rebuild writes)."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    add(conn, "1", {})
    conn.execute("INSERT INTO totals (name, n) SELECT 'incidents', count(*) FROM incidents")


def total(conn: sqlite3.Connection, name: str) -> int:
    """A count kept in ``totals``: documents, events (not negated), attributions, ledger
    (reports) or incidents."""
    row = conn.execute("SELECT n FROM totals WHERE name = ?", (name,)).fetchone()
    return row[0] if row else 0


def rebuild_overview(conn: sqlite3.Connection) -> None:
    """The overview's busiest country pairs with their series, made again (as JSON) from the
    aggregates: a rebuild, not a request, pays for them."""
    conn.execute("DELETE FROM overview_dyads")
    conn.executemany(
        "INSERT INTO overview_dyads (rank, dyad) VALUES (?, ?)",
        [(n, json.dumps(d, ensure_ascii=False)) for n, d in enumerate(busiest_dyads(conn))],
    )


def overview_dyads(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The overview's busiest country pairs as the last rebuild made them (read with
    pydantic-core's JSON reader, twice as fast as the json module's, to the same values)."""
    rows = conn.execute("SELECT dyad FROM overview_dyads ORDER BY rank").fetchall()
    return [pydantic_core.from_json(dyad) for (dyad,) in rows]
