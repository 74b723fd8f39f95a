"""Writing document results into the store: one transaction per batch, all or nothing."""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass

from eventwire import errors
from eventwire.errors import EventwireError
from eventwire.model import DocumentError, DocumentResult, Event
from eventwire.readers import without_surrogates
from eventwire.store.aggregates import add_documents
from eventwire.store.db import STORE_ERROR

log = logging.getLogger("eventwire")


@dataclass(frozen=True)
class Stored:
    """A result and what the store needs besides it."""

    hash: str
    source: str
    text: str
    result: DocumentResult | DocumentError


@dataclass
class Written:
    """What a batch did to the store."""

    stored: int = 0  # new documents
    present: int = 0  # documents already stored (by another run meanwhile)
    failed: int = 0  # errors recorded, those of documents that could not be written included


def write_batch(conn: sqlite3.Connection, batch: list[Stored]) -> Written:
    """Write a batch atomically: a kill at any moment leaves either all of it or none. The
    aggregates get the batch's documents in the same transaction."""
    written = Written()
    begin(conn)
    try:
        first = conn.execute("SELECT coalesce(max(doc_key), 0) + 1 FROM documents").fetchone()[0]
        for item in batch:
            write_item(conn, item, written)
        add_documents(conn, first)  # new documents get keys from the largest one up
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return written


def write_item(conn: sqlite3.Connection, item: Stored, written: Written) -> None:
    """One result, in a savepoint of its own: a document that cannot be written (a bug, or
    data the store refuses) is recorded in the errors table instead, and the batch goes on."""
    if isinstance(item.result, DocumentError):
        write_error(conn, item)
        written.failed += 1
        return
    conn.execute("SAVEPOINT document")
    try:
        new = write_document(conn, item, item.result)
    except Exception as exc:
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.IntegrityError):
            raise  # the store itself failed (disk, lock, corruption): the batch is undone
        conn.execute("ROLLBACK TO document")
        conn.execute("RELEASE document")
        write_error(conn, unwritable(item, exc))
        written.failed += 1
        return
    conn.execute("RELEASE document")
    if new:
        written.stored += 1
    else:
        written.present += 1


def unwritable(item: Stored, exc: Exception) -> Stored:
    """The E199 error that takes the place of a document the store could not take."""
    doc_id = without_surrogates(item.result.id)
    reason = f"storing failed: {exc!r}"[:300]
    log.error(errors.describe(errors.INTERNAL, f"internal error in document {doc_id!r}: {reason}"))
    error = DocumentError(
        id=doc_id, error=errors.describe(errors.INTERNAL, f"internal error: {reason}")
    )
    return Stored(item.hash, without_surrogates(item.source), "", error)


def begin(conn: sqlite3.Connection) -> None:
    """Start the write transaction, or say clearly that another writer holds the store."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise EventwireError(
            STORE_ERROR, "the store is locked by another writer; try again when it has finished"
        ) from exc


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back what is left: SQLite has already undone a transaction a full disk broke."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def write_error(conn: sqlite3.Connection, item: Stored) -> None:
    assert isinstance(item.result, DocumentError)
    conn.execute(
        "INSERT OR REPLACE INTO errors (hash, id, source, error) VALUES (?, ?, ?, ?)",
        (item.hash, item.result.id, item.source, item.result.error),
    )


def write_document(conn: sqlite3.Connection, item: Stored, r: DocumentResult) -> bool:
    """Write one document and everything found in it; False when its text is already stored."""
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
        return False  # the same text is already stored
    key = row[0]
    conn.execute("DELETE FROM errors WHERE hash = ?", (item.hash,))
    conn.execute(
        "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
        (key, r.title or "", item.text),
    )
    write_events(conn, key, r.events)
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
    return True


def event_row(key: int, n: int, e: Event) -> dict[str, object]:
    """The events-table columns of one event (``published`` is read from its document)."""
    src, tgt, loc = e.source, e.target, e.location
    return {
        "doc_key": key, "ordinal": n,
        "source_code": src and src.code, "source_country": src and src.country,
        "source_sector": src and src.sector, "source_name": src and (src.name or src.text),
        "target_code": tgt and tgt.code, "target_country": tgt and tgt.country,
        "target_sector": tgt and tgt.sector, "target_name": tgt and (tgt.name or tgt.text),
        "cameo": e.cameo, "root": e.cameo[:2], "plover": e.plover, "goldstein": e.goldstein,
        "quad_class": e.quad_class, "date": e.date, "date_source": e.date_source,
        "certainty": e.certainty, "negated": int(e.negated),
        "attributed_to": json.dumps(e.attributed_to, ensure_ascii=False),
        "place": loc and loc.name, "place_country": loc and loc.country,
        "place_kind": loc and loc.kind, "lat": loc and loc.lat, "lon": loc and loc.lon,
        "killed": e.casualties and e.casualties.killed,
        "wounded": e.casualties and e.casualties.wounded,
        "span_start": e.span[0], "span_end": e.span[1], "text": e.text,
    }  # fmt: skip


EVENT_COLUMNS = (
    "doc_key", "ordinal", "source_code", "source_country", "source_sector", "source_name",
    "target_code", "target_country", "target_sector", "target_name", "cameo", "root", "plover",
    "goldstein", "quad_class", "date", "date_source", "certainty", "negated", "attributed_to",
    "place", "place_country", "place_kind", "lat", "lon", "killed", "wounded", "span_start",
    "span_end", "text",
)  # fmt: skip
INSERT_EVENT = (
    f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}, published) "
    f"VALUES ({', '.join(':' + c for c in EVENT_COLUMNS)}, "
    "(SELECT published FROM documents WHERE doc_key = :doc_key))"
)


def write_events(conn: sqlite3.Connection, key: int, events: list[Event]) -> None:
    """All events of a document in one statement, then their evidence into the FTS index."""
    if not events:
        return
    conn.executemany(INSERT_EVENT, [event_row(key, n, e) for n, e in enumerate(events)])
    conn.execute(
        "INSERT INTO evidence_fts (rowid, text) SELECT event_key, text FROM events "
        "WHERE doc_key = ?",
        (key,),
    )
