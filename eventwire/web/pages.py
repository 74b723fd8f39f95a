"""The dashboard's pages: server-rendered HTML over the same queries as the API.

Each page links to its JSON twin under ``/api``. Templates autoescape everything; the
little JavaScript there is reads data from JSON blocks and writes with ``textContent``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from eventwire.lexicon import cameo_roots
from eventwire.web import queries
from eventwire.web.names import actor_name
from eventwire.web.params import (
    CERTAINTIES,
    LEDGER_KINDS,
    LEDGER_STATUSES,
    choice,
    code,
    filters,
    form_values,
    key,
    page,
    text,
)
from eventwire.web.responses import NotFound
from eventwire.web.search import SYNTAXES
from eventwire.web.settings import reading, settings_of

TEMPLATES = Path(__file__).parent / "templates"
ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
ENVIRONMENT.globals.update(actor_name=actor_name, cameo_roots=cameo_roots)
templates = Jinja2Templates(env=ENVIRONMENT)
NAV = (
    ("/", "Overview"),
    ("/incidents", "Incidents"),
    ("/timeline", "Timeline"),
    ("/actors", "Actors"),
    ("/ledger", "Ledger"),
    ("/documents", "Documents"),
    ("/map", "Map"),
)


def render(
    request: Request, name: str, api: str, status_code: int = 200, **context: Any
) -> Response:
    """A page with the navigation, the filter values asked for, and its JSON twin's URL."""
    query = request.url.query
    return templates.TemplateResponse(
        request,
        name,
        {
            "nav": NAV,
            "api_url": api + (f"?{query}" if query else ""),
            "form": form_values(request.query_params),
            "certainties": CERTAINTIES,
            "writes": settings_of(request).allow_writes,
            **context,
        },
        status_code=status_code,
    )


def problem(request: Request, status_code: int, message: str) -> Response:
    return render(request, "problem.html", "/api/openapi.json", status_code, message=message,
                  status=status_code)  # fmt: skip


def overview(request: Request) -> Response:
    with reading(request) as conn:
        data = queries.overview(conn)
    return render(request, "overview.html", "/api/overview", data=data)


def incidents(request: Request) -> Response:
    q = request.query_params
    sort = text(q, "sort") or "date"
    with reading(request) as conn:
        data = queries.incidents(conn, filters(q), page(q), sort)
    return render(request, "incidents.html", "/api/incidents", data=data, sort=sort)


def incident(request: Request) -> Response:
    number = key(request.path_params)
    with reading(request) as conn:
        found = queries.incident(conn, number)
    if found is None:
        raise NotFound("no such incident")
    return render(request, "incident.html", f"/api/incidents/{number}", incident=found)


def timeline(request: Request) -> Response:
    q = request.query_params
    syntax = choice(q, "syntax", SYNTAXES) or "words"
    with reading(request) as conn:
        data = queries.timeline(conn, filters(q), page(q), text(q, "q"), syntax)
    return render(request, "timeline.html", "/api/timeline", data=data)


def actors(request: Request) -> Response:
    q = request.query_params
    with reading(request) as conn:
        data = queries.actors(conn, text(q, "q"), page(q))
    return render(request, "actors.html", "/api/actors", data=data)


def actor(request: Request) -> Response:
    actor_code = code(request.path_params, "code") or ""
    with reading(request) as conn:
        found = queries.actor(conn, actor_code)
    if found is None:
        raise NotFound(f"no actor {actor_code}")
    return render(request, "actor.html", f"/api/actors/{actor_code}", actor=found)


def ledger(request: Request) -> Response:
    q = request.query_params
    kind, status = choice(q, "kind", LEDGER_KINDS), choice(q, "status", LEDGER_STATUSES)
    with reading(request) as conn:
        data = queries.ledger(conn, filters(q), page(q), kind, status)
    columns = [(k, [r for r in data["rows"] if r["kind"] == k]) for k in LEDGER_KINDS]
    return render(request, "ledger.html", "/api/ledger", data=data,
                  columns=[c for c in columns if c[1]], kinds=LEDGER_KINDS,
                  statuses=LEDGER_STATUSES)  # fmt: skip


def documents(request: Request) -> Response:
    q = request.query_params
    query = text(q, "q")
    with reading(request) as conn:
        if query:
            data = queries.search(conn, query, text(q, "in") or "documents", page(q),
                                  choice(q, "syntax", SYNTAXES) or "words")  # fmt: skip
        else:
            data = queries.documents(conn, filters(q), page(q))
    api = "/api/search" if query else "/api/documents"
    return render(request, "documents.html", api, data=data, query=query)


def document(request: Request) -> Response:
    number = key(request.path_params)
    with reading(request) as conn:
        found = queries.document(conn, number)
    if found is None:
        raise NotFound("no such document")
    return render(request, "document.html", f"/api/documents/{number}", doc=found)


def world_map(request: Request) -> Response:
    with reading(request) as conn:
        points = queries.places(conn, filters(request.query_params))
    return render(request, "map.html", "/api/places", points=points)


def routes() -> list[Route]:
    return [
        Route("/", overview),
        Route("/incidents", incidents),
        Route("/incidents/{key}", incident),
        Route("/timeline", timeline),
        Route("/search", documents),
        Route("/actors", actors),
        Route("/actors/{code}", actor),
        Route("/ledger", ledger),
        Route("/documents", documents),
        Route("/documents/{key}", document),
        Route("/map", world_map),
    ]
