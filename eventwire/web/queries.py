"""What the API and the pages show, read from the store with parameterised SQL only.

Every function takes a read-only connection and returns plain dicts and lists, ready to be
sent as JSON or rendered by a template.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from typing import Any

from eventwire.corpus.exports import QUERIES, Filters, where
from eventwire.corpus.series import busiest_dyads, series_answer
from eventwire.lexicon import cameo_name, codes_named
from eventwire.store.aggregates import overview_dyads, total
from eventwire.store.status import summarise
from eventwire.web.highlight import document_marks, evidence, segments
from eventwire.web.params import BadRequest, Page
from eventwire.web.people import people
from eventwire.web.search import (
    MARK_CLOSE,
    MARK_OPEN,
    WORD,
    fts_query,
    run_match,
    snippet_segments,
)

Row = dict[str, Any]
RECENT_DAYS = 30  # the overview's incidents are those of the store's last month
BEST_INCIDENTS = 10

EVENTS_SQL = (
    "SELECT e.event_key AS id, e.doc_key, e.ordinal, d.id AS document, d.title, d.outlet, "
    "d.published, d.url, e.date, e.source_code, e.source_name, e.source_country, "
    "e.target_code, e.target_name, e.target_country, e.cameo, e.root, e.plover, e.goldstein, "
    "e.quad_class, e.certainty, e.attributed_to, e.place, e.place_country, e.lat, e.lon, "
    "e.killed, e.wounded, "
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
    "corroborated": "i.outlets DESC, i.confidence DESC, i.date DESC, i.incident_key",
}


def listing(conn: sqlite3.Connection, sql: str, count: str, params: dict[str, Any],
            page: Page) -> Row:  # fmt: skip
    """One page of a query's rows, with the total that ``count`` finds."""
    total = run_match(conn, count, params)[0][0]
    found = run_match(conn, f"{sql} LIMIT :limit OFFSET :offset", {**params, **vars(page)})
    rows = [dict(r) for r in found]
    return {"total": total, "limit": page.limit, "offset": page.offset, "rows": rows}


def keyed_listing(conn: sqlite3.Connection, select: str, key: str, keys: str, count: str,
                  order: str, params: dict[str, Any], page: Page) -> Row:  # fmt: skip
    """One page, its keys found first by ``keys`` (a query of ``:limit`` keys from ``:offset``,
    through an index where one serves) and only their rows made in full by ``select`` (which
    needs no filter: the keys are the page): a deep page costs an index scan, not every skipped
    row's joins."""
    total = run_match(conn, count, params)[0][0]
    sql = f"{select} AND {key} IN ({keys}) ORDER BY {order}"
    found = run_match(conn, sql, {**params, **vars(page)})
    rows = [dict(r) for r in found]
    return {"total": total, "limit": page.limit, "offset": page.offset, "rows": rows}


def ranked_listing(conn: sqlite3.Connection, select: str, fts: str, key: str,
                   params: dict[str, Any], page: Page) -> Row:  # fmt: skip
    """One page of full-text matches in bm25 order, then by key. The matches are ranked once,
    for their keys alone; the page's rows (snippets, joins) are then made for those keys only,
    and put in their rank order (``key`` is the column that holds the match's rowid)."""
    total = run_match(conn, f"SELECT count(*) FROM {fts} WHERE {fts} MATCH :q", params)[0][0]
    ranked = run_match(
        conn, page_of(f"SELECT rowid FROM {fts} WHERE {fts} MATCH :q", f"bm25({fts}), rowid"),
        {**params, **vars(page)},
    )  # fmt: skip
    rank = {r[0]: n for n, r in enumerate(ranked)}
    found = run_match(
        conn, f"{select} AND {fts}.rowid IN (SELECT value FROM json_each(:keys))",
        {**params, "keys": json.dumps(list(rank))},
    )  # fmt: skip
    rows = sorted((dict(r) for r in found), key=lambda r: rank[r[key]])
    return {"total": total, "limit": page.limit, "offset": page.offset, "rows": rows}


def counted(name: str, table: str, conditions: str) -> str:
    """The query of a listing's total: the store's kept count when nothing is filtered."""
    if conditions:
        return f"SELECT count(*) FROM {table} WHERE 1{conditions}"
    return f"SELECT coalesce(max(n), 0) FROM totals WHERE name = '{name}'"


def page_of(keys: str, order: str) -> str:
    """The keys of one page of ``keys`` in the listing ``order``."""
    return f"{keys} ORDER BY {order} LIMIT :limit OFFSET :offset"


def incidents(conn: sqlite3.Connection, f: Filters, page: Page, sort: str = "date") -> Row:
    if sort not in INCIDENT_ORDERS:
        raise BadRequest(f"sort must be one of {', '.join(INCIDENT_ORDERS)}, not {sort!r}")
    conditions, params = where("incidents", f)
    out = keyed_listing(
        conn, QUERIES["incidents"], "i.incident_key",
        page_of(f"SELECT i.incident_key FROM incidents i WHERE 1{conditions}",
                INCIDENT_ORDERS[sort]),
        counted("incidents", "incidents i", conditions), INCIDENT_ORDERS[sort], params, page,
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


def search_condition(query: str, syntax: str, params: dict[str, Any]) -> str:
    """The condition on events (``e``) of a search: words in the evidence, or in the name of
    the event's CAMEO code."""
    params["q"] = fts_query(query, syntax)
    params["named"] = json.dumps(codes_named(WORD.findall(query)) if syntax == "words" else [])
    return (
        " AND (e.event_key IN (SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :q)"
        " OR e.cameo IN (SELECT value FROM json_each(:named)))"
    )


def events(conn: sqlite3.Connection, f: Filters, page: Page, query: str | None = None,
           syntax: str = "words", newest_first: bool = False) -> Row:  # fmt: skip
    """Event mentions, filtered, optionally only those whose evidence matches a search."""
    conditions, params = where("events", f)
    if query:
        conditions += search_condition(query, syntax, params)
    way = " DESC" if newest_first else ""
    order = f"coalesce(e.date, e.published){way}, e.published{way}, e.event_key"
    conditions += pair_conditions(f, params)
    in_order = not (query or newest_first)  # the listing order of the indexes
    out = keyed_listing(
        conn, EVENTS_SQL, "e.event_key",
        event_keys(f, conditions, params, order, in_order),
        (None if query else counted_events(f)) or
        f"SELECT count(*) FROM events e WHERE NOT e.negated{conditions}",
        order, params, page,
    )  # fmt: skip
    out["rows"] = [decode(r) for r in out["rows"]]
    for row in out["rows"]:
        row["cameo_name"] = cameo_name(row["cameo"])
    return out


def pair_conditions(f: Filters, params: dict[str, Any]) -> str:
    """For a dyad of codes of three letters or more: the condition on their first three letters
    that it implies, which the pair index answers (the dyad's own condition stays)."""
    if not f.dyad or min(len(code) for code in f.dyad) < 3:
        return ""
    params["pair_source"], params["pair_target"] = f.dyad[0][:3], f.dyad[1][:3]
    return (
        " AND substr(e.source_code, 1, 3) = :pair_source COLLATE NOCASE"
        " AND substr(e.target_code, 1, 3) = :pair_target COLLATE NOCASE"
    )


def event_keys(f: Filters, conditions: str, params: dict[str, Any], order: str,
               in_order: bool) -> str:  # fmt: skip
    """The query of a page's event keys. A country, or an actor of three letters or more, on
    either side is read from the two indexes of first letters, merged in the listing order; a
    dyad from the pair index (see :func:`pair_conditions`); anything else is sorted."""
    either = f.country or (f.actor if f.actor and len(f.actor) >= 3 else None)
    if not in_order or "pair_source" in params or either is None:
        return page_of(f"SELECT e.event_key FROM events e WHERE NOT e.negated{conditions}", order)
    params["either"] = either[:3]
    arms = [
        "SELECT coalesce(e.date, e.published) AS day, e.published AS published, "
        f"e.event_key AS key FROM events e WHERE NOT e.negated "
        f"AND substr(e.{side}_code, 1, 3) = :either COLLATE NOCASE{conditions}"
        for side in ("source", "target")
    ]
    return f"SELECT key FROM ({page_of(' UNION '.join(arms), '1, 2, 3')})"


def counted_events(f: Filters) -> str | None:
    """The query that totals the events the filters select from the per-day aggregates, where
    the filters are ones those answer (dates, a country, a dyad of countries)."""
    if f.actor or f.root or f.certainty or f.cameo or f.place:
        return None
    if f.dyad and {len(c) for c in f.dyad} != {3}:
        return None
    sql = "SELECT coalesce(sum(events), 0) FROM event_days WHERE 1"
    if f.since:
        sql += " AND day >= :since"
    if f.until:
        sql += " AND substr(day, 1, 10) <= :until"
    if f.country:
        sql += (
            " AND ((source3 = :country COLLATE NOCASE AND source3 = :country)"
            " OR (target3 = :country COLLATE NOCASE AND target3 = :country))"
        )
    if f.dyad:
        sql += " AND source3 = :pair_source COLLATE NOCASE"
        sql += " AND target3 = :pair_target COLLATE NOCASE"
    return sql


def timeline(conn: sqlite3.Connection, f: Filters, page: Page, query: str | None,
             syntax: str = "words") -> Row:  # fmt: skip
    """Events in date order with their evidence, and the dyad's series when one is chosen."""
    out = events(conn, f, page, query, syntax)
    out["rows"] = with_evidence(conn, out["rows"])
    out["series"] = series(conn, *f.dyad) if f.dyad else None
    return out


def series(conn: sqlite3.Connection, source: str, target: str, period: str = "day") -> Row:
    """A dyad's events per period, and the escalation signal over its daily series."""
    return series_answer(conn, source, target, period)


def dyads(conn: sqlite3.Connection, limit: int = 8) -> list[Row]:
    """The most active country pairs, each with its escalation signal."""
    return busiest_dyads(conn, limit)


def recent_start(conn: sqlite3.Connection, days: int | None = None) -> str | None:
    """The first of the last ``days`` days (:data:`RECENT_DAYS`) up to the newest dated
    incident, or None."""
    days = days or RECENT_DAYS
    newest = conn.execute("SELECT max(date) FROM incidents WHERE length(date) = 10").fetchone()[0]
    try:
        return (date.fromisoformat(newest) - timedelta(days=days - 1)).isoformat()
    except (TypeError, ValueError):  # no dated incident, or a date the calendar lacks
        return None


def overview(conn: sqlite3.Connection) -> Row:
    """The front page: what the store holds, the best-corroborated recent incidents (most
    outlets first, over the last :data:`RECENT_DAYS` days of the store) and the busiest
    dyads."""
    statuses = conn.execute(
        "SELECT status, count(*) AS n FROM ledger_items GROUP BY 1 ORDER BY n DESC, 1"
    ).fetchall()
    since = recent_start(conn)
    best = incidents(conn, Filters(since=since), Page(limit=BEST_INCIDENTS), "corroborated")
    return {
        "summary": summarise(conn),
        "incidents": total(conn, "incidents"),
        "dyads": overview_dyads(conn),
        "best_incidents": best["rows"],
        "best_since": since,
        "recent_days": RECENT_DAYS,
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
    return listing(conn, ACTOR_CODES, f"SELECT count(*) FROM ({ACTOR_CODES})", params, page)


def actor(conn: sqlite3.Connection, code: str) -> Row | None:
    """One actor: its names, the people the dictionaries give its code with their dated roles,
    its counterparts, its incidents and its ledger items."""
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
        "people": people(code, [r["name"] for r in names]),
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
    order = "l.last_report DESC, l.item_key"
    out = keyed_listing(
        conn, LEDGER_SQL, "l.item_key",
        page_of(f"SELECT l.item_key FROM ledger_items l WHERE 1{conditions}", order),
        f"SELECT count(*) FROM ledger_items l WHERE 1{conditions}", order, params, page,
    )  # fmt: skip
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
    order = "d.published DESC, d.doc_key"
    return keyed_listing(
        conn, DOCUMENTS_SQL, "d.doc_key",
        page_of(f"SELECT d.doc_key FROM documents d WHERE 1{conditions}", order),
        counted("documents", "documents d", conditions), order, params, page,
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
    fts = "documents_fts" if scope == "documents" else "evidence_fts"
    if scope == "documents":
        select = (
            "SELECT d.doc_key AS key, d.id, d.title, d.outlet, d.published, "
            "snippet(documents_fts, 1, :o, :c, '…', 16) AS snippet "
            "FROM documents_fts JOIN documents d ON d.doc_key = documents_fts.rowid "
            "WHERE documents_fts MATCH :q"
        )
    else:
        select = (
            "SELECT e.event_key AS id, e.doc_key AS key, d.id, d.title, d.outlet, d.published, "
            "e.date, e.source_code, e.target_code, e.cameo, ie.incident_key AS incident, "
            "snippet(evidence_fts, 0, :o, :c, '…', 24) AS snippet "
            "FROM evidence_fts JOIN events e ON e.event_key = evidence_fts.rowid "
            "JOIN documents d USING (doc_key) "
            "LEFT JOIN incident_events ie ON ie.event_key = e.event_key "
            "WHERE evidence_fts MATCH :q"
        )
    out = ranked_listing(conn, select, fts, "key" if scope == "documents" else "id", params, page)
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
