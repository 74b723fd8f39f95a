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

from eventwire.lexicon import cameo_codes, cameo_name, cameo_roots
from eventwire.web import charts, codebook, downloads, queries, worldmap
from eventwire.web.api import compared, type_series
from eventwire.web.names import actor_name, dyad_name
from eventwire.web.params import (
    CERTAINTIES,
    LEDGER_KINDS,
    LEDGER_STATUSES,
    choice,
    code,
    filters,
    form_values,
    integer,
    key,
    number,
    page,
    text,
)
from eventwire.web.responses import NotFound
from eventwire.web.search import SYNTAXES
from eventwire.web.settings import reading, settings_of
from eventwire.words import counted, noun

TEMPLATES = Path(__file__).parent / "templates"
ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
ENVIRONMENT.globals.update(actor_name=actor_name, dyad_name=dyad_name, cameo_roots=cameo_roots,
                           cameo_codes=cameo_codes, cameo_name=cameo_name,
                           counted=counted, noun=noun)  # fmt: skip
templates = Jinja2Templates(env=ENVIRONMENT)
NAV = (
    ("/", "Overview"),
    ("/incidents", "Incidents"),
    ("/timeline", "Timeline"),
    ("/types", "Event types"),
    ("/compare", "Compare"),
    ("/actors", "Actors"),
    ("/ledger", "Ledger"),
    ("/documents", "Documents"),
    ("/map", "Map"),
    ("/codebook", "Codebook"),
)


def render(
    request: Request, name: str, api: str, status_code: int = 200, **context: Any
) -> Response:
    """A page with the navigation, the filter values asked for, its JSON twin's URL and, for a
    page of rows, its downloads (``table``)."""
    query = request.url.query
    table = context.pop("table", None)
    if table:
        context["downloads"] = downloads.links(table, dict(request.query_params),
                                               str(request.base_url))  # fmt: skip
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
        choices = codebook.pickers(conn)
    return render(request, "incidents.html", "/api/incidents", data=data, sort=sort,
                  table="incidents", pickers=choices)  # fmt: skip


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
        choices = codebook.pickers(conn)
    return render(request, "timeline.html", "/api/timeline", data=data, table="events",
                  pickers=choices)  # fmt: skip


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
        choices = codebook.pickers(conn)
    columns = [(k, [r for r in data["rows"] if r["kind"] == k]) for k in LEDGER_KINDS]
    return render(request, "ledger.html", "/api/ledger", data=data,
                  columns=[c for c in columns if c[1]], kinds=LEDGER_KINDS,
                  statuses=LEDGER_STATUSES, table="ledger", pickers=choices)  # fmt: skip


def documents(request: Request) -> Response:
    q = request.query_params
    query = text(q, "q")
    with reading(request) as conn:
        if query:
            data = queries.search(conn, query, text(q, "in") or "documents", page(q),
                                  choice(q, "syntax", SYNTAXES) or "words")  # fmt: skip
        else:
            data = queries.documents(conn, filters(q), page(q))
        found = codebook.lookup(conn, query) if query else None
    api = "/api/search" if query else "/api/documents"
    return render(request, "documents.html", api, data=data, query=query, found=found)


def document(request: Request) -> Response:
    number = key(request.path_params)
    with reading(request) as conn:
        found = queries.document(conn, number)
    if found is None:
        raise NotFound("no such document")
    return render(request, "document.html", f"/api/documents/{number}", doc=found)


def map_view(request: Request) -> worldmap.View | None:
    """The view asked for (``lon``, ``lat``, ``zoom``), or None to fit the points."""
    q = request.query_params
    zoom = integer(q, "zoom", 1, worldmap.ZOOMS[-1])
    if zoom is None:
        return None
    lon, lat = number(q, "lon", -180, 180) or 0.0, number(q, "lat", -90, 90) or 0.0
    return worldmap.View(lon, lat, zoom)


def world_map(request: Request) -> Response:
    with reading(request) as conn:
        points = queries.places(conn, filters(request.query_params))
        choices = codebook.pickers(conn)
    drawn = worldmap.world_map(points, map_view(request), page_filters(request))
    return render(request, "map.html", "/api/places", points=points, map=drawn, table="events",
                  pickers=choices)  # fmt: skip


def page_filters(request: Request) -> dict[str, str]:
    """The filters given to the page, for its links."""
    values = form_values(request.query_params)
    return {k: v for k, v in values.items() if v and k in downloads.KEPT}


WINDOW_VIEWS = (("/timeline", "Timeline"), ("/incidents", "Incidents"), ("/map", "Map"),
                ("/ledger", "Ledger"))  # the views a window picked on /types opens  # fmt: skip


def window_links(base: dict[str, str]) -> list[dict[str, str]]:
    """Links to the other views with the page's filters and window (``since``, ``until``)."""
    return [{"path": path, "name": name, "href": charts.link(path, base)}
            for path, name in WINDOW_VIEWS]  # fmt: skip


def types(request: Request) -> Response:
    data = type_series(request)
    with reading(request) as conn:
        choices = codebook.pickers(conn)
    base = page_filters(request)
    chart = charts.stacked_bars(data, base)
    return render(request, "types.html", "/api/types", data=data, chart=chart, table="events",
                  pickers=choices, views=window_links(base))  # fmt: skip


def compare(request: Request) -> Response:
    given = request.query_params.getlist("dyad")
    data = compared(request) if any(v.strip() for v in given) else None
    charts_of = {v: charts.lines(data, v) for v in ("events", "goldstein_mean")} if data else {}
    with reading(request) as conn:
        choices = codebook.pickers(conn)
    return render(request, "compare.html", "/api/compare", data=data, charts=charts_of,
                  given=[*given, "", "", ""][:3], pickers=choices)  # fmt: skip


def codebook_page(request: Request) -> Response:
    with reading(request) as conn:
        data = codebook.codebook(conn)
    return render(request, "codebook.html", "/api/codebook", data=data)


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
        Route("/types", types),
        Route("/compare", compare),
        Route("/codebook", codebook_page),
    ]
