"""Writing document results into the store: one transaction per batch, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from eventwire.model import DocumentError, DocumentResult


@dataclass(frozen=True)
class Stored:
    """A result and what the store needs besides it."""

    hash: str
    source: str
    text: str
    result: DocumentResult | DocumentError


def write_batch(conn: sqlite3.Connection, batch: list[Stored]) -> None:
    """Write a batch atomically: a kill at any moment leaves either all of it or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for item in batch:
            if isinstance(item.result, DocumentError):
                write_error(conn, item)
            else:
                write_document(conn, item, item.result)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def write_error(conn: sqlite3.Connection, item: Stored) -> None:
    assert isinstance(item.result, DocumentError)
    conn.execute(
        "INSERT OR REPLACE INTO errors (hash, id, source, error) VALUES (?, ?, ?, ?)",
        (item.hash, item.result.id, item.source, item.result.error),
    )


def write_document(conn: sqlite3.Connection, item: Stored, r: DocumentResult) -> None:
    row = conn.execute(
        "INSERT INTO documents (hash, id, outlet, url, title, published, text, result, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING doc_key",
        (
            item.hash,
            r.id,
            r.outlet,
            r.url,
            r.title,
            r.published,
            item.text,
            r.model_dump_json(by_alias=True),
            item.source,
        ),
    ).fetchone()
    if row is None:
        return  # the same text is already stored
    key = row[0]
    conn.execute("DELETE FROM errors WHERE hash = ?", (item.hash,))
    conn.execute(
        "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
        (key, r.title or "", item.text),
    )
    for n, event in enumerate(r.events):
        write_event(conn, key, n, event)
    conn.executemany(
        "INSERT INTO attributions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                key,
                n,
                a.source.text if a.source else None,
                a.source.code if a.source else None,
                a.cue.text if a.cue else None,
                a.content.text,
                a.kind,
                a.certainty,
            )
            for n, a in enumerate(r.attributions)
        ],
    )
    conn.executemany(
        "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (key, n, i.kind, i.from_, i.to, i.what, i.condition, i.status, i.date)
            for n, i in enumerate(r.ledger)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO actors VALUES (?, ?, ?, ?)",
        [(key, a.name, a.code, len(a.mentions)) for a in r.actors],
    )


def write_event(conn: sqlite3.Connection, key: int, n: int, e) -> None:  # e: model.Event
    src, tgt, loc = e.source, e.target, e.location
    cur = conn.execute(
        "INSERT INTO events (doc_key, ordinal, source_code, source_country, source_sector, "
        "source_name, target_code, target_country, target_sector, target_name, cameo, root, "
        "plover, goldstein, quad_class, date, date_source, certainty, negated, attributed_to, "
        "place, place_country, lat, lon, span_start, span_end, text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            n,
            src.code if src else None,
            src.country if src else None,
            src.sector if src else None,
            (src.name or src.text) if src else None,
            tgt.code if tgt else None,
            tgt.country if tgt else None,
            tgt.sector if tgt else None,
            (tgt.name or tgt.text) if tgt else None,
            e.cameo,
            e.cameo[:2],
            e.plover,
            e.goldstein,
            e.quad_class,
            e.date,
            e.date_source,
            e.certainty,
            int(e.negated),
            json.dumps(e.attributed_to, ensure_ascii=False),
            loc.name if loc else None,
            loc.country if loc else None,
            loc.lat if loc else None,
            loc.lon if loc else None,
            e.span[0],
            e.span[1],
            e.text,
        ),
    )
    conn.execute("INSERT INTO evidence_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, e.text))
