"""Tables derived from the stored events: incidents, the ledger across articles, aggregates.

After each ingestion :func:`update` makes them again for what the new documents touch only:
the incidents of the buckets their events fall in (an actor with what its incidents may
merge with, see :func:`eventwire.corpus.incidents.bucket`), the ledger items of the country
pairs their ledger reports name, and the activity of the actors they mention (the writer has
already added their counts to the other aggregates). Incidents are merged within one bucket
and ledger items within one country pair, so the result is the same as a full
:func:`rebuild`, which a migration that changes the derived tables runs, and which
``derived`` notes how far it went: a run killed before its update is finished by the next.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from eventwire.corpus.incidents import Mention, bucket, merge, summary
from eventwire.corpus.ledger import Report, merge_reports
from eventwire.store.aggregates import rebuild_overview, recount
from eventwire.store.writer import begin, rollback

ACTOR_STATS_SQL = """
INSERT INTO actor_stats (code, name, documents, mentions, events)
WITH codes AS (
    SELECT code, name, doc_key, mentions FROM actors WHERE {actors}
    UNION ALL SELECT source_code, source_name, doc_key, 0 FROM events
        WHERE source_code IS NOT NULL AND NOT negated AND {sources}
    UNION ALL SELECT target_code, target_name, doc_key, 0 FROM events
        WHERE target_code IS NOT NULL AND NOT negated AND {targets}
), named AS MATERIALIZED (
    SELECT code, name, row_number() OVER (PARTITION BY code ORDER BY count(*) DESC, name) AS rank
    FROM codes WHERE name IS NOT NULL GROUP BY code, name
), acting AS MATERIALIZED (
    SELECT code, count(*) AS events FROM (
        SELECT event_key, source_code AS code FROM events
            WHERE NOT negated AND source_code IS NOT NULL AND {sources}
        UNION SELECT event_key, target_code FROM events
            WHERE NOT negated AND target_code IS NOT NULL AND {targets}
    ) GROUP BY code
), per_code AS MATERIALIZED (
    SELECT code, count(DISTINCT doc_key) AS documents, sum(mentions) AS mentions
    FROM codes GROUP BY code
)
SELECT p.code, n.name, p.documents, p.mentions, coalesce(a.events, 0)
FROM per_code p
LEFT JOIN named n ON n.code = p.code AND n.rank = 1
LEFT JOIN acting a ON a.code = p.code
"""
EVERY_ACTOR = {"actors": "1", "sources": "1", "targets": "1"}
# Only the codes in temp.touched_codes (the index on the first three letters finds targets).
TOUCHED_ACTORS = {
    "actors": "code IN temp.touched_codes",
    "sources": "source_code IN temp.touched_codes",
    "targets": "substr(target_code, 1, 3) COLLATE NOCASE IN "
    "(SELECT substr(code, 1, 3) FROM temp.touched_codes) AND target_code IN temp.touched_codes",
}

SOURCE, TARGET = (
    "coalesce(e.source_code, e.source_country)",
    "coalesce(e.target_code, e.target_country)",
)
MENTIONS_SQL = f"""
SELECT e.event_key, e.doc_key, coalesce(d.outlet, d.id) AS outlet, d.published,
       {SOURCE} AS source, {TARGET} AS target,
       e.cameo, e.date, coalesce(e.certainty, 'asserted') AS certainty, e.text,
       e.goldstein, e.quad_class, e.date_source, e.source_name, e.target_name, e.killed, e.wounded
FROM events e JOIN documents d USING (doc_key)
WHERE NOT e.negated AND {SOURCE} IS NOT NULL
"""
REPORTS_SQL = (
    "SELECT l.rowid AS row, l.doc_key, l.ordinal, d.published, l.kind, l.from_code, l.to_code, "
    "coalesce(l.what, '') AS what, l.condition, coalesce(l.status, 'open') AS status "
    "FROM ledger l JOIN documents d USING (doc_key)"
)
PARTIES_SQL = (
    REPORTS_SQL + " WHERE (substr(l.from_code, 1, 3) IS :a AND substr(l.to_code, 1, 3) IS :b) "
    "OR (substr(l.from_code, 1, 3) IS :b AND substr(l.to_code, 1, 3) IS :a)"
)


def rebuild(conn: sqlite3.Connection) -> None:
    """Every derived table made again from the stored rows, in one transaction."""
    in_transaction(conn, rebuild_tables)


def rebuild_tables(conn: sqlite3.Connection) -> None:
    """:func:`rebuild` inside the caller's transaction."""
    rebuild_incidents(conn)
    rebuild_ledger(conn)
    rebuild_aggregates(conn)
    mark_derived(conn)


def update(conn: sqlite3.Connection) -> None:
    """The derived tables made again for the documents stored since they were last made."""
    in_transaction(conn, update_tables)


def update_tables(conn: sqlite3.Connection) -> None:
    first = derived_through(conn) + 1
    update_incidents(conn, first)
    update_ledger(conn, first)
    update_aggregates(conn, first)
    mark_derived(conn)


def in_transaction(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], None]) -> None:
    """``work`` in one write transaction: all of it, or none."""
    begin(conn)
    try:
        work(conn)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise


def derived_through(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT n FROM derived WHERE name = 'documents'").fetchone()
    return row[0] if row else 0


def mark_derived(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO derived (name, n) SELECT 'documents', coalesce(max(doc_key), 0) "
        "FROM documents WHERE 1 ON CONFLICT (name) DO UPDATE SET n = excluded.n"
    )


def rebuild_aggregates(conn: sqlite3.Connection) -> None:
    """The aggregates the writer keeps (see :mod:`eventwire.store.aggregates`) and each actor's
    activity, counted again from the stored rows."""
    recount(conn)
    conn.execute("DELETE FROM actor_stats")
    conn.execute(ACTOR_STATS_SQL.format(**EVERY_ACTOR))
    rebuild_overview(conn)


def update_aggregates(conn: sqlite3.Connection, first: int) -> None:
    """The activity of the actors documents from ``first`` up name, the count of incidents
    and the overview; the writer has added the rest."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched_codes (code TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM temp.touched_codes")
    conn.execute(
        "INSERT OR IGNORE INTO temp.touched_codes SELECT code FROM actors WHERE doc_key >= :f "
        "UNION SELECT source_code FROM events WHERE doc_key >= :f AND source_code IS NOT NULL "
        "UNION SELECT target_code FROM events WHERE doc_key >= :f AND target_code IS NOT NULL",
        {"f": first},
    )
    conn.execute("DELETE FROM actor_stats WHERE code IN temp.touched_codes")
    conn.execute(ACTOR_STATS_SQL.format(**TOUCHED_ACTORS))
    conn.execute(
        "INSERT INTO totals (name, n) SELECT 'incidents', count(*) FROM incidents WHERE 1 "
        "ON CONFLICT (name) DO UPDATE SET n = excluded.n"
    )
    rebuild_overview(conn)


def rebuild_incidents(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM incident_events")
    conn.execute("DELETE FROM incidents")
    write_incidents(conn, [Mention(**dict(row)) for row in conn.execute(MENTIONS_SQL)])


def update_incidents(conn: sqlite3.Connection, first: int) -> None:
    """The incidents of every bucket (an actor and what it may merge with) that events of
    documents from ``first`` up fall in, merged again from all the bucket's events."""
    new = conn.execute(MENTIONS_SQL + "AND e.doc_key >= ?", (first,))
    mentions: list[Mention] = []
    for name in sorted({bucket(Mention(**dict(row))) for row in new}):
        conn.execute("DELETE FROM incidents WHERE bucket = ?", (name,))
        mentions += bucket_mentions(conn, name)
    write_incidents(conn, mentions)


def bucket_mentions(conn: sqlite3.Connection, name: str) -> list[Mention]:
    """The events of one bucket: those whose source, or for a symmetric code whose target,
    is of the bucket's country (the indexes on the two actors find them), kept when their
    bucket is this one."""
    bounds = (name[:3], name[:3] + "~")  # every code that starts with the country's three letters
    found = [
        Mention(**dict(row))
        for side in (SOURCE, TARGET)
        for row in conn.execute(MENTIONS_SQL + f"AND {side} >= ? AND {side} < ?", bounds)
    ]
    return list({m.event_key: m for m in found if bucket(m) == name}.values())


def write_incidents(conn: sqlite3.Connection, mentions: list[Mention]) -> None:
    for incident in merge(mentions):
        row = summary(incident)
        conn.execute(
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
            [(row["incident_key"], m.event_key) for m in incident.mentions],
        )


def rebuild_ledger(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM ledger_history")
    conn.execute("DELETE FROM ledger_items")
    write_ledger(conn, list(conn.execute(REPORTS_SQL)))


def update_ledger(conn: sqlite3.Connection, first: int) -> None:
    """The ledger items of every country pair that ledger reports of documents from ``first``
    up name, merged again from all the pair's reports."""
    touched = {
        tuple(sorted((a or "", b or "")))
        for a, b in conn.execute(
            "SELECT DISTINCT substr(from_code, 1, 3), substr(to_code, 1, 3) FROM ledger "
            "WHERE doc_key >= ?",
            (first,),
        )
    }
    rows: list[sqlite3.Row] = []
    for a, b in sorted(touched):
        found = conn.execute(PARTIES_SQL, {"a": a or None, "b": b or None}).fetchall()
        drop_items(conn, ((r["doc_key"], r["ordinal"]) for r in found))
        rows += found
    write_ledger(conn, rows)


def drop_items(conn: sqlite3.Connection, reports: Iterable[tuple[int, int]]) -> None:
    """The ledger items that hold any of these reports, with their histories."""
    conn.executemany(
        "DELETE FROM ledger_items WHERE item_key IN "
        "(SELECT item_key FROM ledger_history WHERE doc_key = ? AND ordinal = ?)",
        list(reports),
    )


def write_ledger(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> None:
    """The items merged from the reports (rows of REPORTS_SQL), one country pair at a time
    (an item's reports share their parties); an item's key is the smallest row of its reports
    in the ledger table, so that it stays the same when the ledger is made again."""
    row_of = {(r["doc_key"], r["ordinal"]): r["row"] for r in rows}
    by_parties: dict[tuple[str, str], list[Report]] = {}
    for r in rows:
        fields = dict(r)
        del fields["row"]
        report = Report(**fields)
        by_parties.setdefault(parties(report), []).append(report)
    for group in by_parties.values():
        write_items(conn, group, row_of)


def parties(r: Report) -> tuple[str, str]:
    """The unordered pair of the report's countries."""
    a, b = (r.from_code or "")[:3], (r.to_code or "")[:3]
    return (a, b) if a <= b else (b, a)


def write_items(
    conn: sqlite3.Connection, reports: list[Report], row_of: dict[tuple[int, int], int]
) -> None:
    for item in merge_reports(reports):
        first, last = item.reports[0], item.reports[-1]
        key = min(row_of[r.doc_key, r.ordinal] for r in item.reports)
        conn.execute(
            "INSERT INTO ledger_items (item_key, kind, from_code, to_code, what, condition, "
            "status, first_report, last_report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
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
            [(key, r.doc_key, r.ordinal, r.published, r.status) for r in item.reports],
        )
