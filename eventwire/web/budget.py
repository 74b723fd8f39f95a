"""How long a request may keep SQLite busy: a time budget, the client's presence, the server's.

Every read-only connection of a request gets a progress handler that stops its query once the
request's time budget is spent, once the client has gone away, or once the server has been told
to stop. SQLite then raises ``OperationalError: interrupted``, which the app answers as a 400
(a search) or a 503, so that no handler outlives its request and the server stops at once.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STOPPING = threading.Event()  # set when the server is told to stop
BUDGET_SECONDS = 5.0  # the longest a request's queries may run
CHECK_EVERY = 10_000  # SQLite virtual machine steps between two looks at the clock
GONE = "eventwire.gone"  # the scope key of the event set when the client disconnects


class TooSlow(Exception):
    """A request's queries ran past its time budget."""


def interrupted(exc: sqlite3.Error) -> bool:
    """Whether SQLite stopped the query because the progress handler asked it to."""
    return "interrupted" in str(exc)


def limit(conn: sqlite3.Connection, seconds: float, gone: threading.Event | None) -> None:
    """Stop ``conn``'s queries after ``seconds``, or when ``gone`` or :data:`STOPPING` is set."""
    deadline = time.monotonic() + seconds

    def over() -> bool:
        return (
            STOPPING.is_set()
            or (gone is not None and gone.is_set())
            or (time.monotonic() > deadline)
        )

    conn.set_progress_handler(over, CHECK_EVERY)


class Presence:
    """ASGI middleware: a GET request's ``scope[GONE]`` is set when its client disconnects."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        gone = scope[GONE] = threading.Event()
        left = anyio.Event()
        first: Message | None = await receive()  # a GET's (empty) body; then the disconnect

        async def replay() -> Message:
            nonlocal first
            if first is not None:
                message, first = first, None
                return message
            await left.wait()
            return {"type": "http.disconnect"}

        async def watch() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()
            left.set()

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(watch)
            await self.app(scope, replay, send)
            tasks.cancel_scope.cancel()
