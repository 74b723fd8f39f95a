"""Tables derived from the stored events: incidents, the ledger across articles, aggregates.

They are rebuilt in one transaction after each ingestion, so they always match the events.
The aggregates (events per dyad and day, actors' activity) are filled by the statements of the
migration that made their tables, so that a migrated store and a rebuilt one agree.
"""

from __future__ import annotations

import sqlite3

from eventwire.corpus.incidents import Mention, merge, summary
from eventwire.corpus.ledger import Report, merge_reports
from eventwire.store.db import migrations, split_sql
from eventwire.store.writer import begin, rollback

AGGREGATES = ("dyad_days", "actor_stats")
FILL_AGGREGATES = [
    statement
    for version, sql in migrations()
    for statement in split_sql(sql)
    if statement.startswith(tuple(f"INSERT INTO {table} " for table in AGGREGATES))
]

MENTIONS_SQL = """
SELECT e.event_key, e.doc_key, coalesce(d.outlet, d.id) AS outlet, d.published,
       coalesce(e.source_code, e.source_country) AS source,
       coalesce(e.target_code, e.target_country) AS target,
       e.cameo, e.date, coalesce(e.certainty, 'asserted') AS certainty, e.text,
       e.goldstein, e.quad_class
FROM events e JOIN documents d USING (doc_key)
WHERE NOT e.negated AND coalesce(e.source_code, e.source_country) IS NOT NULL
"""


def rebuild(conn: sqlite3.Connection) -> None:
    begin(conn)
    try:
        rebuild_incidents(conn)
        rebuild_ledger(conn)
        rebuild_aggregates(conn)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def rebuild_aggregates(conn: sqlite3.Connection) -> None:
    """Events per dyad and day, and each actor's activity, counted again from the events."""
    for table in AGGREGATES:
        conn.execute(f"DELETE FROM {table}")
    for statement in FILL_AGGREGATES:
        conn.execute(statement)


def rebuild_incidents(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM incident_events")
    conn.execute("DELETE FROM incidents")
    mentions = [Mention(**dict(row)) for row in conn.execute(MENTIONS_SQL)]
    for incident in merge(mentions):
        row = summary(incident)
        cur = conn.execute(
            f"INSERT INTO incidents ({', '.join(row)}, source_country, target_country) "
            f"VALUES ({', '.join('?' * len(row))}, ?, ?)",
            (
                *row.values(),
                (row["source_code"] or "")[:3] or None,
                (row["target_code"] or "")[:3] or None,
            ),
        )
        conn.executemany(
            "INSERT INTO incident_events VALUES (?, ?)",
            [(cur.lastrowid, m.event_key) for m in incident.mentions],
        )


def rebuild_ledger(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM ledger_history")
    conn.execute("DELETE FROM ledger_items")
    rows = conn.execute(
        "SELECT l.doc_key, l.ordinal, d.published, l.kind, l.from_code, l.to_code, "
        "coalesce(l.what, '') AS what, l.condition, coalesce(l.status, 'open') AS status "
        "FROM ledger l JOIN documents d USING (doc_key)"
    )
    for item in merge_reports([Report(**dict(r)) for r in rows]):
        first, last = item.reports[0], item.reports[-1]
        cur = conn.execute(
            "INSERT INTO ledger_items (kind, from_code, to_code, what, condition, status, "
            "first_report, last_report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                first.kind,
                first.from_code,
                first.to_code,
                first.what,
                next((r.condition for r in item.reports if r.condition), None),
                item.status,
                first.published,
                last.published,
            ),
        )
        conn.executemany(
            "INSERT INTO ledger_history VALUES (?, ?, ?, ?, ?)",
            [(cur.lastrowid, r.doc_key, r.ordinal, r.published, r.status) for r in item.reports],
        )
