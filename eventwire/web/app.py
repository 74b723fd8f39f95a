"""The Starlette application: API, pages, static files, security headers and error answers."""

from __future__ import annotations

from pathlib import Path

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
from eventwire.web import api, pages
from eventwire.web.cache import ResponseCache
from eventwire.web.params import BadRequest
from eventwire.web.responses import NotFound, error
from eventwire.web.settings import MAX_BODY, Settings

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


def on_bad_request(request: Request, exc: Exception) -> Response:
    if wants_page(request):
        return pages.problem(request, 400, str(exc))
    return error(400, str(exc))


def on_not_found(request: Request, exc: Exception) -> Response:
    if wants_page(request):
        return pages.problem(request, 404, str(exc) or "not found")
    return error(404, str(exc) or "not found")


def on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if wants_page(request):
        return pages.problem(request, exc.status_code, exc.detail)
    return error(exc.status_code, exc.detail)


def on_store_error(request: Request, exc: Exception) -> Response:
    if wants_page(request):
        return pages.problem(request, 503, str(exc))
    return error(503, str(exc))


def create_app(
    db: str | Path, *, allow_writes: bool = False, token: str | None = None,
    max_body: int = MAX_BODY,
) -> Starlette:  # fmt: skip
    """The app serving the store at ``db``; refuses a missing or unusable store at once."""
    if allow_writes and not token:
        raise EventwireError("E005", "--allow-writes needs a token (--token or EVENTWIRE_TOKEN)")
    open_store(db, readonly=True).close()
    app = Starlette(
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
        },
    )
    app.add_middleware(ResponseCache, db=Path(db))
    app.add_middleware(SecurityHeaders)
    app.state.settings = Settings(Path(db), allow_writes, token, max_body)
    return app
