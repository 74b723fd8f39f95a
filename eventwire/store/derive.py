"""Tables derived from the stored events: incidents, the ledger across articles, aggregates.

They are rebuilt in one transaction after each ingestion, so they always match the events.
The aggregates (events per dyad and day, totals, actors' activity, the overview's busiest dyads)
are also filled right after the migration that makes their tables, so that a migrated store and
a rebuilt one agree; the counts are also kept by the writer as it stores each batch.
"""

from __future__ import annotations

import sqlite3

from eventwire.corpus.incidents import Mention, merge, summary
from eventwire.corpus.ledger import Report, merge_reports
from eventwire.store.aggregates import rebuild_overview, recount
from eventwire.store.writer import begin, rollback

ACTOR_STATS_SQL = """
INSERT INTO actor_stats (code, name, documents, mentions, events)
WITH codes AS (
    SELECT code, name, doc_key, mentions FROM actors
    UNION ALL SELECT source_code, source_name, doc_key, 0 FROM events
        WHERE source_code IS NOT NULL AND NOT negated
    UNION ALL SELECT target_code, target_name, doc_key, 0 FROM events
        WHERE target_code IS NOT NULL AND NOT negated
), named AS (
    SELECT code, name, row_number() OVER (PARTITION BY code ORDER BY count(*) DESC, name) AS rank
    FROM codes WHERE name IS NOT NULL GROUP BY code, name
), acting AS (
    SELECT code, count(*) AS events FROM (
        SELECT event_key, source_code AS code FROM events
            WHERE NOT negated AND source_code IS NOT NULL
        UNION SELECT event_key, target_code FROM events
            WHERE NOT negated AND target_code IS NOT NULL
    ) GROUP BY code
)
SELECT c.code, n.name, count(DISTINCT c.doc_key), sum(c.mentions), coalesce(a.events, 0)
FROM codes c
LEFT JOIN named n ON n.code = c.code AND n.rank = 1
LEFT JOIN acting a ON a.code = c.code
GROUP BY c.code
"""

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
    """The aggregates the writer keeps (see :mod:`eventwire.store.aggregates`) and each actor's
    activity, counted again from the stored rows."""
    recount(conn)
    conn.execute("DELETE FROM actor_stats")
    conn.execute(ACTOR_STATS_SQL)
    rebuild_overview(conn)


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
