"""How the server was started, and read-only connections to its store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request

from eventwire.store import open_store
from eventwire.web.budget import BUDGET_SECONDS, GONE, TooSlow, interrupted, limit

MAX_BODY = 1_000_000  # bytes accepted in one POST


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


@contextmanager
def reading(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request, closed when the request is answered.

    Its queries stop when the request's time budget is spent or its client has gone.
    """
    settings = settings_of(request)
    conn = open_store(settings.db, readonly=True)
    limit(conn, settings.budget, request.scope.get(GONE))
    try:
        yield conn
    except sqlite3.OperationalError as exc:
        if interrupted(exc):
            raise TooSlow(f"the request took longer than {settings.budget:g} s") from exc
        raise
    finally:
        conn.close()
