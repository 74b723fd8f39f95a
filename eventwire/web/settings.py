"""How the server was started, and the read-only connections to its store."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request

from eventwire.store import open_store
from eventwire.web.budget import BUDGET_SECONDS, GONE, TooSlow, interrupted, limit

MAX_BODY = 1_000_000  # bytes accepted in one POST
# Threads that answer requests in one process. Two keep a core busy, SQLite working while
# Python waits; more only take turns at the interpreter and the cores, and every request waits
# longer (more processes, with --workers, use more cores).
READ_THREADS = 2
CACHE_KIB = 32_768  # SQLite's page cache of each kept connection
HELD = threading.local()  # each worker thread's read-only connection, kept between requests


@dataclass(frozen=True)
class Settings:
    """The store served, and whether (and with which token) it may be written to."""

    db: Path
    allow_writes: bool = False
    token: str | None = None
    max_body: int = MAX_BODY
    budget: float = BUDGET_SECONDS  # seconds the queries of one request may run


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def held_connection(db: Path) -> sqlite3.Connection:
    """This thread's read-only connection to the store, opened once and kept, so that a request
    does not pay for opening it and reading the schema. It is opened again when ``db`` names
    another file than it was opened on (a store moved into its place)."""
    identity = (str(db), inode(db))
    held = getattr(HELD, "connection", None)
    if held is not None and held[0] == identity:
        return held[1]
    forget_connection()
    conn = open_store(db, readonly=True)
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    for table in ("documents_fts", "evidence_fts"):  # connected now, not within a time budget
        conn.execute(f"SELECT rowid FROM {table} WHERE 0").fetchall()
    HELD.connection = (identity, conn)
    return conn


def inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None  # opening it says so


def forget_connection() -> None:
    """Close this thread's kept connection, if it has one."""
    held = getattr(HELD, "connection", None)
    HELD.connection = None
    if held is not None:
        held[1].close()


@contextmanager
def reading(request: Request) -> Iterator[sqlite3.Connection]:
    """This thread's read-only connection, for one request.

    Its queries stop when the request's time budget is spent or its client has gone. After an
    error from SQLite other than that stop, the connection is closed, not kept.
    """
    settings = settings_of(request)
    conn = held_connection(settings.db)
    limit(conn, settings.budget, request.scope.get(GONE))
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        if interrupted(exc):
            raise TooSlow(f"the request took longer than {settings.budget:g} s") from exc
        forget_connection()
        raise
    except sqlite3.DatabaseError:
        forget_connection()
        raise
    finally:
        if getattr(HELD, "connection", None) is not None:
            conn.set_progress_handler(None, 0)
