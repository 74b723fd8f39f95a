"""What the API and the pages show, read from the store with parameterised SQL only.

Every function takes a read-only connection and returns plain dicts and lists, ready to be
sent as JSON or rendered by a template.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from eventwire.corpus.exports import QUERIES, Filters, where
from eventwire.corpus.series import dyad_series, escalation
from eventwire.lexicon import cameo_name
from eventwire.store.status import summarise
from eventwire.web.highlight import document_marks, evidence, segments
from eventwire.web.params import BadRequest, Page
from eventwire.web.search import MARK_CLOSE, MARK_OPEN, fts_query, run_match, snippet_segments

Row = dict[str, Any]

EVENTS_SQL = (
    "SELECT e.event_key AS id, e.doc_key, e.ordinal, d.id AS document, d.title, d.outlet, "
    "d.published, d.url, e.date, e.source_code, e.source_name, e.source_country, "
    "e.target_code, e.target_name, e.target_country, e.cameo, e.root, e.plover, e.goldstein, "
    "e.quad_class, e.certainty, e.attributed_to, e.place, e.place_country, e.lat, e.lon, "
    "e.text, ie.incident_key AS incident "
    "FROM events e JOIN documents d USING (doc_key) "
    "LEFT JOIN incident_events ie ON ie.event_key = e.event_key WHERE NOT e.negated"
)
LEDGER_SQL = (
    "SELECT l.item_key AS id, l.kind, l.from_code, l.to_code, l.what, l.condition, l.status, "
    "l.first_report, l.last_report, "
    "(SELECT json_group_array(json_object('published', published, 'status', status, "
    "'document', doc_key)) FROM (SELECT * FROM ledger_history h "
    " WHERE h.item_key = l.item_key ORDER BY h.published, h.doc_key, h.ordinal)) AS history "
    "FROM ledger_items l WHERE 1"
)
INCIDENT_ORDERS = {
    "date": "i.date DESC, i.incident_key",
    "confidence": "i.confidence DESC, i.outlets DESC, i.incident_key",
    "reports": "i.mentions DESC, i.incident_key",
}


def listing(conn: sqlite3.Connection, sql: str, params: dict[str, Any], page: Page) -> Row:
    """One page of a query's rows, with the total count of rows that match."""
    total = run_match(conn, f"SELECT count(*) FROM ({sql})", params)[0][0]
    found = run_match(conn, f"{sql} LIMIT :limit OFFSET :offset", {**params, **vars(page)})
    rows = [dict(r) for r in found]
    return {"total": total, "limit": page.limit, "offset": page.offset, "rows": rows}


def keyed_listing(conn: sqlite3.Connection, select: str, key: str, keys: str, count: str,
                  order: str, params: dict[str, Any], page: Page) -> Row:  # fmt: skip
    """One page, its keys found first (through an index where one serves) and only their rows
    made in full: a deep page costs an index scan, not every skipped row's joins."""
    total = run_match(conn, count, params)[0][0]
    sql = f"{select} AND {key} IN ({keys} ORDER BY {order} LIMIT :limit OFFSET :offset) "
    found = run_match(conn, f"{sql} ORDER BY {order}", {**params, **vars(page)})
    rows = [dict(r) for r in found]
    return {"total": total, "limit": page.limit, "offset": page.offset, "rows": rows}


def incidents(conn: sqlite3.Connection, f: Filters, page: Page, sort: str = "date") -> Row:
    if sort not in INCIDENT_ORDERS:
        raise BadRequest(f"sort must be one of {', '.join(INCIDENT_ORDERS)}, not {sort!r}")
    conditions, params = where("incidents", f)
    out = keyed_listing(
        conn, QUERIES["incidents"] + conditions, "i.incident_key",
        f"SELECT i.incident_key FROM incidents i WHERE 1{conditions}",
        f"SELECT count(*) FROM incidents i WHERE 1{conditions}",
        INCIDENT_ORDERS[sort], params, page,
    )  # fmt: skip
    for row in out["rows"]:
        row["cameo_name"] = cameo_name(row["cameo"])
    return out


def incident(conn: sqlite3.Connection, key: int) -> Row | None:
    """One incident with every report and its highlighted evidence sentence."""
    row = conn.execute(QUERIES["incidents"] + " AND i.incident_key = :key", {"key": key}).fetchone()
    if row is None:
        return None
    reports = conn.execute(
        "SELECT e.event_key AS id, e.doc_key, e.ordinal, d.id AS document, d.title, d.outlet, "
        "d.published, d.url, e.cameo, e.date, e.certainty, e.attributed_to, e.place, "
        "e.source_name, e.target_name, e.text "
        "FROM incident_events ie JOIN events e USING (event_key) JOIN documents d USING (doc_key) "
        "WHERE ie.incident_key = ? ORDER BY d.published, e.event_key",
        (key,),
    ).fetchall()
    return {
        **dict(row),
        "cameo_name": cameo_name(row["cameo"]),
        "reports": with_evidence(conn, [decode(dict(r)) for r in reports]),
    }


def with_evidence(conn: sqlite3.Connection, events: list[Row]) -> list[Row]:
    """Each event gets ``evidence``: its sentence as highlighted pieces."""
    stored: dict[int, tuple[str, dict[str, Any]]] = {}
    for event in events:
        if event["doc_key"] not in stored:
            text, result = conn.execute(
                "SELECT text, result FROM documents WHERE doc_key = ?", (event["doc_key"],)
            ).fetchone()
            stored[event["doc_key"]] = (text, json.loads(result))
        text, result = stored[event["doc_key"]]
        event["cameo_name"] = cameo_name(event["cameo"])
        event["evidence"] = evidence(text, result, event["ordinal"])
    return events


def decode(row: Row) -> Row:
    """JSON held in text columns goes out as JSON."""
    for key in ("attributed_to", "history"):
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


def events(conn: sqlite3.Connection, f: Filters, page: Page, query: str | None = None,
           syntax: str = "words", newest_first: bool = False) -> Row:  # fmt: skip
    """Event mentions, filtered, optionally only those whose evidence matches a search."""
    conditions, params = where("events", f)
    if query:
        conditions += (
            " AND e.event_key IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :q)"
        )
        params["q"] = fts_query(query, syntax)
    way = " DESC" if newest_first else ""
    order = f"coalesce(e.date, d.published){way}, d.published{way}, e.event_key"
    out = keyed_listing(
        conn, EVENTS_SQL + conditions, "e.event_key",
        "SELECT e.event_key FROM events e JOIN documents d USING (doc_key) "
        f"WHERE NOT e.negated{conditions}",
        f"SELECT count(*) FROM events e WHERE NOT e.negated{conditions}",
        order, params, page,
    )  # fmt: skip
    out["rows"] = [decode(r) for r in out["rows"]]
    for row in out["rows"]:
        row["cameo_name"] = cameo_name(row["cameo"])
    return out


def timeline(conn: sqlite3.Connection, f: Filters, page: Page, query: str | None,
             syntax: str = "words") -> Row:  # fmt: skip
    """Events in date order with their evidence, and the dyad's series when one is chosen."""
    out = events(conn, f, page, query, syntax)
    out["rows"] = with_evidence(conn, out["rows"])
    out["series"] = series(conn, *f.dyad) if f.dyad else None
    return out


def series(conn: sqlite3.Connection, source: str, target: str, period: str = "day") -> Row:
    """A dyad's events per period, and the escalation signal over its daily series."""
    points = dyad_series(conn, source, target, period)
    daily = points if period == "day" else dyad_series(conn, source, target, "day")
    return {
        "source": source,
        "target": target,
        "period": period,
        "points": [
            {
                "period": p.period,
                "events": p.events,
                "goldstein_sum": round(p.goldstein_sum, 3),
                "goldstein_mean": round(p.goldstein_mean, 3),
                "quad": list(p.quad),
            }
            for p in points
        ],
        "escalation": escalation(daily),
    }


def dyads(conn: sqlite3.Connection, limit: int = 8) -> list[Row]:
    """The most active country pairs, each with its escalation signal."""
    found = conn.execute(
        "SELECT source_country AS source, target_country AS target, sum(events) AS events, "
        "round(sum(goldstein_sum) / nullif(sum(goldstein_n), 0), 2) AS goldstein_mean, "
        "max(day) AS last_date FROM dyad_days WHERE source_country != target_country "
        "GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?",
        (limit,),
    ).fetchall()
    return [{**dict(r), **series(conn, r["source"], r["target"])} for r in found]


def overview(conn: sqlite3.Connection) -> Row:
    """The front page: what the store holds, the busiest dyads, the latest incidents."""
    statuses = conn.execute(
        "SELECT status, count(*) AS n FROM ledger_items GROUP BY 1 ORDER BY n DESC, 1"
    ).fetchall()
    return {
        "summary": summarise(conn),
        "incidents": conn.execute("SELECT count(*) FROM incidents").fetchone()[0],
        "dyads": dyads(conn),
        "latest_incidents": incidents(conn, Filters(), Page(limit=10))["rows"],
        "ledger_status": {r["status"]: r["n"] for r in statuses},
    }


ACTOR_CODES = """
SELECT code, name, documents, mentions, events FROM actor_stats
WHERE (:q IS NULL OR code LIKE :q OR name LIKE :name) AND (:code IS NULL OR code = :code)
ORDER BY events DESC, documents DESC, code
"""  # actor_stats is rebuilt with the incidents after each ingestion


def actors(conn: sqlite3.Connection, query: str | None, page: Page) -> Row:
    """Actors by activity; ``query`` is a code prefix or a part of a name."""
    params = {"q": query and query.upper() + "%", "name": query and f"%{query}%", "code": None}
    return listing(conn, ACTOR_CODES, params, page)


def actor(conn: sqlite3.Connection, code: str) -> Row | None:
    """One actor: its names, its counterparts, its incidents and its ledger items."""
    found = conn.execute(ACTOR_CODES, {"q": None, "name": None, "code": code}).fetchone()
    if found is None:
        return None
    names = conn.execute(
        "SELECT name, sum(mentions) AS mentions, count(*) AS documents FROM actors "
        "WHERE code = ? GROUP BY name ORDER BY mentions DESC, name",
        (code,),
    ).fetchall()
    ledger_rows = ledger(conn, Filters(actor=code), Page(limit=100))["rows"]
    return {
        **dict(found),
        "names": [dict(r) for r in names],
        "counterparts": counterparts(conn, code),
        "incidents": incidents(conn, Filters(actor=code), Page(limit=20))["rows"],
        "ledger": ledger_rows,
    }


def counterparts(conn: sqlite3.Connection, code: str) -> list[Row]:
    """Who the actor acts on and who acts on it, with counts and mean Goldstein."""
    found = conn.execute(
        "SELECT other, max(name) AS name, sum(outgoing) AS as_source, "
        "count(*) - sum(outgoing) AS as_target, count(*) AS events, "
        "round(avg(goldstein), 2) AS goldstein_mean FROM ("
        " SELECT target_code AS other, target_name AS name, 1 AS outgoing, goldstein "
        " FROM events WHERE source_code = :c AND NOT negated"
        " UNION ALL SELECT source_code, source_name, 0, goldstein "
        " FROM events WHERE target_code = :c AND NOT negated) "
        "WHERE other IS NOT NULL GROUP BY other ORDER BY events DESC, other",
        {"c": code},
    ).fetchall()
    return [dict(r) for r in found]


def ledger(conn: sqlite3.Connection, f: Filters, page: Page, kind: str | None = None,
           status: str | None = None) -> Row:  # fmt: skip
    """Ledger items across articles, each with its status history."""
    conditions, params = where("ledger", f)
    if kind:
        conditions += " AND l.kind = :kind"
        params["kind"] = kind
    if status:
        conditions += " AND l.status = :status"
        params["status"] = status
    sql = LEDGER_SQL + conditions + " ORDER BY l.last_report DESC, l.item_key"
    out = listing(conn, sql, params, page)
    out["rows"] = [decode(r) for r in out["rows"]]
    return out


DOCUMENTS_SQL = (
    "SELECT d.doc_key AS key, d.id, d.title, d.outlet, d.published, d.url, "
    "(SELECT count(*) FROM events e WHERE e.doc_key = d.doc_key AND NOT e.negated) AS events, "
    "(SELECT count(*) FROM attributions a WHERE a.doc_key = d.doc_key) AS attributions "
    "FROM documents d WHERE 1"
)


def documents(conn: sqlite3.Connection, f: Filters, page: Page, query: str | None = None,
              syntax: str = "words") -> Row:  # fmt: skip
    """Stored documents, newest first; with a query, those whose title or text match it."""
    conditions, params = "", {}
    if f.since:
        conditions += " AND d.published >= :since"
        params["since"] = f.since
    if f.until:
        conditions += " AND substr(d.published, 1, 10) <= :until"
        params["until"] = f.until
    if query:
        conditions += (
            " AND d.doc_key IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q)"
        )
        params["q"] = fts_query(query, syntax)
    return keyed_listing(
        conn, DOCUMENTS_SQL + conditions, "d.doc_key",
        f"SELECT d.doc_key FROM documents d WHERE 1{conditions}",
        f"SELECT count(*) FROM documents d WHERE 1{conditions}",
        "d.published DESC, d.doc_key", params, page,
    )  # fmt: skip


def document(conn: sqlite3.Connection, key: int) -> Row | None:
    """A stored document: its text, its result as stored, and the text cut for highlighting."""
    row = conn.execute(
        "SELECT doc_key AS key, id, title, outlet, published, url, source, ingested_at, text, "
        "result FROM documents WHERE doc_key = ?",
        (key,),
    ).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["result"] = json.loads(out["result"])
    out["segments"] = segments(out["text"], document_marks(out["result"]))
    incident_keys = conn.execute(
        "SELECT e.ordinal, ie.incident_key FROM events e JOIN incident_events ie USING (event_key) "
        "WHERE e.doc_key = ?",
        (key,),
    ).fetchall()
    out["incidents"] = {str(o): k for o, k in incident_keys}
    return out


def search(conn: sqlite3.Connection, query: str, scope: str, page: Page,
           syntax: str = "words") -> Row:  # fmt: skip
    """Full-text search over documents (title and text) or over event evidence."""
    if scope not in ("documents", "evidence"):
        raise BadRequest(f"in must be documents or evidence, not {scope!r}")
    params = {"q": fts_query(query, syntax), "o": MARK_OPEN, "c": MARK_CLOSE}
    if scope == "documents":
        sql = (
            "SELECT d.doc_key AS key, d.id, d.title, d.outlet, d.published, "
            "snippet(documents_fts, 1, :o, :c, '…', 16) AS snippet "
            "FROM documents_fts JOIN documents d ON d.doc_key = documents_fts.rowid "
            "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts), d.doc_key"
        )
    else:
        sql = (
            "SELECT e.event_key AS id, e.doc_key AS key, d.id, d.title, d.outlet, d.published, "
            "e.date, e.source_code, e.target_code, e.cameo, ie.incident_key AS incident, "
            "snippet(evidence_fts, 0, :o, :c, '…', 24) AS snippet "
            "FROM evidence_fts JOIN events e ON e.event_key = evidence_fts.rowid "
            "JOIN documents d USING (doc_key) "
            "LEFT JOIN incident_events ie ON ie.event_key = e.event_key "
            "WHERE evidence_fts MATCH :q ORDER BY bm25(evidence_fts), e.event_key"
        )
    out = listing(conn, sql, params, page)
    for row in out["rows"]:
        row["snippet"] = snippet_segments(row["snippet"] or "")
    return {"query": query, "in": scope, **out}


def places(conn: sqlite3.Connection, f: Filters) -> list[Row]:
    """Where events happened: one point per place, with its count of events."""
    conditions, params = where("events", f)
    found = conn.execute(
        "SELECT e.place AS name, e.place_country AS country, round(e.lat, 3) AS lat, "
        "round(e.lon, 3) AS lon, count(*) AS events, min(e.date) AS first, max(e.date) AS last "
        "FROM events e JOIN documents d USING (doc_key) "
        f"WHERE NOT e.negated AND e.lat IS NOT NULL AND e.lon IS NOT NULL{conditions} "
        "GROUP BY 1, 2, 3, 4 ORDER BY events DESC, name",
        params,
    ).fetchall()
    return [dict(r) for r in found]
