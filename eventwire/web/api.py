"""The HTTP API under ``/api``: every listing with filters, pagination, JSON or CSV.

Each endpoint is described once, in :data:`ENDPOINTS`, and both the routes and the OpenAPI
description (``/api/openapi.json``) are made from that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from eventwire.web import codebook, downloads, queries, trends
from eventwire.web.params import (
    LEDGER_KINDS,
    LEDGER_STATUSES,
    BadRequest,
    choice,
    code,
    dyad,
    dyads,
    filters,
    integer,
    key,
    page,
    text,
)
from eventwire.web.responses import NotFound, as_csv, as_json, wants_csv
from eventwire.web.search import SYNTAXES
from eventwire.web.settings import reading
from eventwire.web.writes import post_document

FILTERS = ("since", "until", "actor", "country", "dyad", "root", "certainty", "min_sources",
           "cameo", "place")  # fmt: skip
PAGING = ("limit", "offset", "format")


@dataclass(frozen=True)
class Endpoint:
    """One API route and what its description says about it."""

    path: str
    handler: Callable[[Request], Response]
    summary: str
    params: tuple[str, ...] = ()
    method: str = "GET"
    csv: bool = False  # also served at PATH.csv
    tag: str = "read"
    responses: dict[int, str] = field(default_factory=dict)


def listing(request: Request, data: dict, name: str) -> Response:
    """A listing as JSON, or its rows as CSV."""
    return as_csv(data["rows"], name) if wants_csv(request) else as_json(data)


def get_overview(request: Request) -> Response:
    with reading(request) as conn:
        return as_json(queries.overview(conn))


def get_incidents(request: Request) -> Response:
    q = request.query_params
    with reading(request) as conn:
        data = queries.incidents(conn, filters(q), page(q), text(q, "sort") or "date")
    return listing(request, data, "incidents")


def get_incident(request: Request) -> Response:
    with reading(request) as conn:
        found = queries.incident(conn, key(request.path_params))
    if found is None:
        raise NotFound("no such incident")
    return as_json(found)


def get_events(request: Request) -> Response:
    q = request.query_params
    syntax = choice(q, "syntax", SYNTAXES) or "words"
    with reading(request) as conn:
        data = queries.events(conn, filters(q), page(q), text(q, "q"), syntax)
    return listing(request, data, "events")


def get_timeline(request: Request) -> Response:
    q = request.query_params
    syntax = choice(q, "syntax", SYNTAXES) or "words"
    with reading(request) as conn:
        data = queries.timeline(conn, filters(q), page(q), text(q, "q"), syntax)
    return listing(request, data, "timeline")


def get_actors(request: Request) -> Response:
    q = request.query_params
    with reading(request) as conn:
        data = queries.actors(conn, text(q, "q"), page(q))
    return listing(request, data, "actors")


def get_actor(request: Request) -> Response:
    actor_code = code(request.path_params, "code") or ""
    with reading(request) as conn:
        found = queries.actor(conn, actor_code)
    if found is None:
        raise NotFound(f"no actor {actor_code}")
    return as_json(found)


def get_dyads(request: Request) -> Response:
    limit = integer(request.query_params, "limit", 1, 100) or 20
    with reading(request) as conn:
        rows = queries.dyads(conn, limit)
    if wants_csv(request):
        return as_csv([{k: v for k, v in r.items() if k != "points"} for r in rows], "dyads")
    return as_json({"rows": rows})


def get_series(request: Request) -> Response:
    q = request.query_params
    pair = dyad(q)
    if pair is None:
        raise BadRequest("series needs a dyad, e.g. ?dyad=USA:VEN")
    period = choice(q, "period", ("day", "week")) or "day"
    with reading(request) as conn:
        data = queries.series(conn, *pair, period)
    return as_csv(data["points"], "series") if wants_csv(request) else as_json(data)


def get_ledger(request: Request) -> Response:
    q = request.query_params
    kind = choice(q, "kind", LEDGER_KINDS)
    status = choice(q, "status", LEDGER_STATUSES)
    with reading(request) as conn:
        data = queries.ledger(conn, filters(q), page(q), kind, status)
    return listing(request, data, "ledger")


def get_documents(request: Request) -> Response:
    q = request.query_params
    syntax = choice(q, "syntax", SYNTAXES) or "words"
    with reading(request) as conn:
        data = queries.documents(conn, filters(q), page(q), text(q, "q"), syntax)
    return listing(request, data, "documents")


def get_document(request: Request) -> Response:
    with reading(request) as conn:
        found = queries.document(conn, key(request.path_params))
    if found is None:
        raise NotFound("no such document")
    return as_json(found)


def get_search(request: Request) -> Response:
    q = request.query_params
    query = text(q, "q")
    if query is None:
        raise BadRequest("search needs q, e.g. ?q=ambassador")
    scope = text(q, "in") or "documents"
    syntax = choice(q, "syntax", SYNTAXES) or "words"
    with reading(request) as conn:
        data = queries.search(conn, query, scope, page(q), syntax)
    return listing(request, data, "search")


def get_places(request: Request) -> Response:
    with reading(request) as conn:
        rows = queries.places(conn, filters(request.query_params))
    return as_csv(rows, "places") if wants_csv(request) else as_json({"rows": rows})


def get_codebook(request: Request) -> Response:
    with reading(request) as conn:
        return as_json(codebook.codebook(conn))


def get_lookup(request: Request) -> Response:
    query = text(request.query_params, "q")
    if query is None:
        raise BadRequest("lookup needs q, e.g. ?q=venezuelan government")
    with reading(request) as conn:
        return as_json(codebook.lookup(conn, query))


def type_series(request: Request) -> dict:
    """``/types`` and ``/api/types``: the filtered events per period and root or quad class."""
    q = request.query_params
    period = choice(q, "period", trends.PERIODS) or "day"
    group = choice(q, "by", trends.GROUPS) or "root"
    with reading(request) as conn:
        return trends.type_series(conn, filters(q), period, group)


def get_types(request: Request) -> Response:
    data = type_series(request)
    if not wants_csv(request):
        return as_json(data)
    names = {k["key"]: k["name"] for k in data["keys"]}
    rows = [{"period": p["period"], "start": p["start"], "end": p["end"], data["by"]: key,
             "name": names[key], "events": n}
            for p in data["points"] for key, n in sorted(p["counts"].items())]  # fmt: skip
    return as_csv(rows, "types")


def compared(request: Request) -> dict:
    """``/compare`` and ``/api/compare``: two or three dyads' series."""
    q = request.query_params
    period = choice(q, "period", trends.PERIODS) or "day"
    with reading(request) as conn:
        return trends.compare(conn, dyads(q.getlist("dyad")), period)


def get_compare(request: Request) -> Response:
    return as_json(compared(request))


def get_export(request: Request) -> Response:
    q, path = request.query_params, request.path_params
    table = choice(path, "table", downloads.TABLES) or ""
    fmt = choice(path, "file_format", downloads.formats_of(table)) or ""
    syntax = choice(q, "syntax", SYNTAXES) or "words"
    with reading(request) as conn:
        rows = downloads.export_rows(conn, table, filters(q), text(q, "q"), syntax)
    name = f"{table}.{downloads.EXTENSIONS[fmt]}"
    return Response(downloads.written(rows, fmt), media_type=downloads.MEDIA[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


def get_openapi(request: Request) -> Response:
    from eventwire.web.openapi import describe

    return as_json(describe(ENDPOINTS))


ENDPOINTS = (
    Endpoint("/api/overview", get_overview,
             "Counts, the busiest dyads and the best-corroborated incidents"),
    Endpoint("/api/incidents", get_incidents, "Incidents: one happening, many reports",
             (*FILTERS, "sort", *PAGING), csv=True),
    Endpoint("/api/incidents/{key}", get_incident,
             "One incident with every report and its highlighted evidence", ("key",)),
    Endpoint("/api/events", get_events, "Event mentions", (*FILTERS, "q", "syntax", *PAGING),
             csv=True),
    Endpoint("/api/timeline", get_timeline,
             "Events in date order with their evidence, and the dyad's series",
             (*FILTERS, "q", "syntax", *PAGING), csv=True),
    Endpoint("/api/actors", get_actors, "Actors by activity", ("q", *PAGING), csv=True),
    Endpoint("/api/actors/{code}", get_actor,
             "One actor with its counterparts, incidents and ledger items", ("code",)),
    Endpoint("/api/dyads", get_dyads, "The busiest country pairs with their escalation signal",
             ("limit", "format"), csv=True),
    Endpoint("/api/series", get_series, "A dyad's events per day or week, and escalation",
             ("dyad", "period", "format"), csv=True),
    Endpoint("/api/ledger", get_ledger, "Ledger items across articles with their history",
             (*FILTERS, "kind", "status", *PAGING), csv=True),
    Endpoint("/api/documents", get_documents, "Stored documents",
             ("since", "until", "q", "syntax", *PAGING), csv=True),
    Endpoint("/api/documents/{key}", get_document,
             "A document: its text, its stored result and the highlighted text", ("key",)),
    Endpoint("/api/search", get_search, "Full-text search over documents or event evidence",
             ("q", "in", "syntax", *PAGING), csv=True),
    Endpoint("/api/places", get_places, "Where events happened, one point per place",
             (*FILTERS, "format"), csv=True),
    Endpoint("/api/codebook", get_codebook,
             "CAMEO codes (name, Goldstein, quad class, PLOVER, events), roots, quad classes, "
             "country, sector and the store's actor codes"),
    Endpoint("/api/lookup", get_lookup, "Actors and event types whose names match the words",
             ("q",)),
    Endpoint("/api/types", get_types,
             "Filtered events per day or ISO week and per CAMEO root or quad class",
             (*FILTERS, "period", "by", "format"), csv=True),
    Endpoint("/api/compare", get_compare, "Two or three dyads' series side by side",
             ("dyad", "period")),
    Endpoint("/api/export/{table}.{file_format}", get_export,
             "Every row under the filters, as `eventwire export` writes it",
             ("table", "file_format", *FILTERS, "q", "syntax"),
             responses={200: "the file", 400: "a parameter that cannot be read"}),
    Endpoint("/api/documents", post_document,
             "Code a document and store it (only with --allow-writes and a token)",
             method="POST", tag="write",
             responses={201: "stored", 200: "already stored", 401: "no token",
                        403: "writes disabled or wrong token", 413: "body too large"}),
    Endpoint("/api/openapi.json", get_openapi, "This description"),
)  # fmt: skip


def routes() -> list[Route]:
    """Every endpoint, and its ``.csv`` twin where it has one."""
    out = []
    for e in ENDPOINTS:
        out.append(Route(e.path, e.handler, methods=[e.method]))
        if e.csv:
            out.append(Route(e.path + ".csv", e.handler, methods=[e.method]))
    return out
