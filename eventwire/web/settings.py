"""How the server was started, and read-only connections to its store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request

from eventwire.store import open_store

MAX_BODY = 1_000_000  # bytes accepted in one POST


@dataclass(frozen=True)
class Settings:
    """The store served, and whether (and with which token) it may be written to."""

    db: Path
    allow_writes: bool = False
    token: str | None = None
    max_body: int = MAX_BODY


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


@contextmanager
def reading(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request, closed when the request is answered."""
    conn = open_store(settings_of(request).db, readonly=True)
    try:
        yield conn
    finally:
        conn.close()
