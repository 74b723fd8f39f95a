"""Ingestion: read sources, skip what the store already holds, code the rest, write in batches.

Documents are keyed by the SHA-256 of their text (or HTML), so a re-run adds nothing twice,
and a run killed at any moment is finished by running it again: every batch is written in one
transaction, so the store holds whole batches only.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventwire.fetch import Fetcher, is_url, read_url
from eventwire.model import DocumentError, DocumentResult
from eventwire.options import Options
from eventwire.problems import Problems, problem_lines
from eventwire.readers import InputDocument, ReadItem, read_inputs, without_surrogates
from eventwire.runner import code_documents
from eventwire.store.db import open_store, store_failure
from eventwire.store.derive import update
from eventwire.store.writer import Stored, Written, write_batch


@dataclass
class IngestStats:
    read: int = 0
    skipped: int = 0  # already in the store, or repeated within this run
    stored: int = 0
    failed: int = 0
    problems: Problems = field(default_factory=Problems)  # errors and warnings, by code


def content_hash(item: ReadItem) -> str:
    if isinstance(item, DocumentError):  # its id may be a file name that is not UTF-8
        return hashlib.sha256(f"error:{item.id}".encode("utf-8", "surrogatepass")).hexdigest()
    body = item.text if item.text is not None else item.html or ""
    return hashlib.sha256(body.encode("utf-8", errors="surrogatepass")).hexdigest()


def known_hashes(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT hash FROM documents")}


def ingest(
    sources: Iterable[str],
    db: str | Path,
    options: Options | None = None,
    *,
    processes: int = 1,
    batch_size: int = 16,
    published: str | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    fetch: bool = False,
    lock_timeout: float = 10.0,
    on_stored: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Code every new document of ``sources`` into the store at ``db``."""
    options = stored_options(options)
    conn = open_store(db, timeout=lock_timeout)
    stats = IngestStats()
    fetcher = Fetcher() if fetch else None
    pending: deque[tuple[str, str, str]] = deque()  # (hash, source, text) in coding order
    try:
        fresh = new_items(sources, known_hashes(conn), stats, pending, published, fetcher)
        results = code_documents(fresh, options, processes, batch_size, engine, scheduler)
        batch: list[Stored] = []
        for result in results:
            stats.problems.add(result.id, problem_lines(result))
            digest, source, text = pending.popleft()
            text = result.text if isinstance(result, DocumentResult) and result.text else text
            batch.append(Stored(digest, source, text, result))
            if len(batch) >= batch_size:
                count(stats, write_batch(conn, batch))
                batch = []
                if on_stored:
                    on_stored(stats)
        if batch:
            count(stats, write_batch(conn, batch))
        if on_stored:
            on_stored(stats)
        update(conn)  # also finishes the derived tables of a run killed before this point
    except sqlite3.DatabaseError as exc:  # a full disk, an I/O error: say what SQLite says
        raise store_failure(db, exc) from exc
    finally:
        conn.close()
        if fetcher:
            fetcher.close()
    return stats


def stored_options(options: Options | None) -> Options:
    """The options documents are coded with for the store: their results leave out the text
    the store keeps beside them (except for HTML, whose extracted text they carry anyway)."""
    return replace(options or Options(), keep_text=False)


def count(stats: IngestStats, written: Written) -> None:
    """Count what the store actually took: a document another run stored meanwhile is
    counted as already stored, not as stored by this one."""
    stats.stored += written.stored
    stats.skipped += written.present
    stats.failed += written.failed


def read_source(source: str, fetcher: Fetcher | None) -> Iterator[ReadItem]:
    """Files, directories and feeds; URLs and feed URLs only when fetching is allowed."""
    if not is_url(source):
        yield from read_inputs([source])
    elif fetcher is None:
        yield DocumentError(id=source, error="E100 a URL is only read with --fetch")
    else:
        yield from read_url(source, fetcher)


def new_items(
    sources: Iterable[str],
    known: set[str],
    stats: IngestStats,
    pending: deque[tuple[str, str, str]],
    published: str | None,
    fetcher: Fetcher | None = None,
) -> Iterator[ReadItem]:
    """The documents not yet stored, each noted in ``pending`` as it is handed on."""
    for source in sources:
        label = without_surrogates(source)  # as stored: a path that is not UTF-8 gets U+FFFD
        for item in read_source(source, fetcher):
            stats.read += 1
            digest = content_hash(item)
            if digest in known:
                stats.skipped += 1
                continue
            known.add(digest)
            if isinstance(item, InputDocument) and published:
                item.fallback_published = published
            text = (item.text or "") if isinstance(item, InputDocument) else ""
            pending.append((digest, label, text))
            yield item
