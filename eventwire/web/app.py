"""The Starlette application: API, pages, static files, security headers and error answers."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.errors import EventwireError
from eventwire.store import open_store
from eventwire.store.db import store_failure
from eventwire.web import api, pages
from eventwire.web.budget import BUDGET_SECONDS, Presence, TooSlow
from eventwire.web.cache import ResponseCache
from eventwire.web.hosts import HostCheck, HostRule
from eventwire.web.params import BadRequest
from eventwire.web.responses import NotFound, error
from eventwire.web.settings import MAX_BODY, READ_THREADS, Settings, settings_of

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    """Adds the Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def problem(request: Request, status_code: int, message: str) -> Response:
    """An error answer: a page for pages, a JSON object for the API."""
    if wants_page(request):
        return pages.problem(request, status_code, message)
    return error(status_code, message)


def on_bad_request(request: Request, exc: Exception) -> Response:
    return problem(request, 400, str(exc))


def on_not_found(request: Request, exc: Exception) -> Response:
    return problem(request, 404, str(exc) or "not found")


def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return problem(request, exc.status_code, exc.detail)


def on_store_error(request: Request, exc: Exception) -> Response:
    return problem(request, 503, str(exc))


def on_database_error(request: Request, exc: Exception) -> Response:
    """SQLite failed under a request (a store damaged since the start): a 503 with E300."""
    assert isinstance(exc, sqlite3.DatabaseError)
    return problem(request, 503, str(store_failure(settings_of(request).db, exc)))


def on_too_slow(request: Request, exc: Exception) -> Response:
    return problem(request, 503, f"{exc}; narrow it with filters or a smaller page")


def on_server_error(request: Request, exc: Exception) -> Response:
    """A bug: the same problem answer, with the security headers it would otherwise miss."""
    try:
        response = problem(request, 500, "internal error; the server log has the details")
    except Exception:  # the page itself cannot be made: plain JSON still can
        response = error(500, "internal error; the server log has the details")
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


@asynccontextmanager
async def few_threads(app: Starlette) -> AsyncIterator[None]:
    """The requests' queries run in at most :data:`READ_THREADS` threads of this process."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = READ_THREADS
    yield


def create_app(
    db: str | Path, *, allow_writes: bool = False, token: str | None = None,
    max_body: int = MAX_BODY, hosts: HostRule | None = None, budget: float = BUDGET_SECONDS,
) -> Starlette:  # fmt: skip
    """The app serving the store at ``db``; refuses a missing, damaged or unusable store at once.

    ``hosts`` is the rule for ``Host`` headers (``eventwire serve`` always gives one); ``budget``
    the seconds the queries of one request may run.
    """
    if allow_writes and not token:
        raise EventwireError("E005", "--allow-writes needs a token (--token or EVENTWIRE_TOKEN)")
    open_store(db, readonly=True, check=True).close()
    app = Starlette(
        lifespan=few_threads,
        routes=[
            *api.routes(),
            *pages.routes(),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={
            BadRequest: on_bad_request,
            NotFound: on_not_found,
            HTTPException: on_http,
            EventwireError: on_store_error,
            TooSlow: on_too_slow,
            sqlite3.DatabaseError: on_database_error,
            Exception: on_server_error,
        },
    )
    app.add_middleware(Presence)
    app.add_middleware(ResponseCache, db=Path(db))
    app.add_middleware(HostCheck, rule=hosts, refuse=problem)
    app.add_middleware(SecurityHeaders)
    app.state.settings = Settings(Path(db), allow_writes, token, max_body, budget)
    return app
