"""The OpenAPI 3.1 description of the API, made from the endpoint list in ``api.py``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from eventwire import __version__
from eventwire.corpus.exports import FORMATS, TABLES
from eventwire.web.params import CERTAINTIES, LEDGER_KINDS, LEDGER_STATUSES, MAX_LIMIT

PARAMETERS: dict[str, tuple[dict[str, Any], str]] = {
    "since": ({"type": "string", "format": "date"}, "From this date (YYYY-MM-DD), inclusive"),
    "until": ({"type": "string", "format": "date"}, "Up to this date, inclusive"),
    "actor": ({"type": "string"}, "Actor code or prefix on either side: VEN, USAGOV"),
    "country": ({"type": "string"}, "ISO 3166 alpha-3 country on either side"),
    "dyad": ({"type": "string", "pattern": "^[A-Z0-9]+:[A-Z0-9]+$"},
             "SOURCE:TARGET codes or prefixes, e.g. USA:VEN"),
    "root": ({"type": "string"}, "CAMEO root code, e.g. 13"),
    "certainty": ({"type": "string", "enum": list(CERTAINTIES)}, "Certainty of the report"),
    "min_sources": ({"type": "integer", "minimum": 1}, "Incidents reported by at least N outlets"),
    "limit": ({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50},
              "Rows per page"),
    "offset": ({"type": "integer", "minimum": 0, "default": 0}, "Rows to skip"),
    "format": ({"type": "string", "enum": ["json", "csv"], "default": "json"},
               "json, or csv (also: add .csv to the path)"),
    "sort": ({"type": "string", "enum": ["date", "corroborated", "confidence", "reports"]},
             "Order of incidents"),
    "q": ({"type": "string"}, "Words to search for (FTS5 syntax with syntax=fts)"),
    "syntax": ({"type": "string", "enum": ["words", "fts"], "default": "words"},
               "words: every word is searched as written; fts: the query is FTS5 syntax"),
    "in": ({"type": "string", "enum": ["documents", "evidence"]}, "What to search"),
    "period": ({"type": "string", "enum": ["day", "week"], "default": "day"}, "Bucket size"),
    "kind": ({"type": "string", "enum": list(LEDGER_KINDS)}, "Kind of ledger item"),
    "status": ({"type": "string", "enum": list(LEDGER_STATUSES)}, "Status of ledger item"),
    "key": ({"type": "integer"}, "The key the store gives it"),
    "code": ({"type": "string"}, "Actor code, e.g. VENGOV"),
    "cameo": ({"type": "string", "pattern": "^[0-9]{2,4}$"},
              "CAMEO event code or its prefix, e.g. 112"),
    "place": ({"type": "string", "maxLength": 200}, "Events at this place (its name)"),
    "by": ({"type": "string", "enum": ["root", "quad"], "default": "root"},
           "Count by CAMEO root or by quad class"),
    "table": ({"type": "string", "enum": list(TABLES)}, "What to download"),
    "file_format": ({"type": "string", "enum": list(FORMATS)},
                    "The file format (gdelt: incidents and events only)"),
}  # fmt: skip

DOCUMENT_BODY = {
    "type": "object",
    "required": ["text"],
    "properties": {
        name: {"type": "string"} for name in ("id", "text", "published", "title", "url", "outlet")
    },
}


class Described(Protocol):
    path: str
    summary: str
    params: tuple[str, ...]
    method: str
    tag: str
    responses: dict[int, str]


def parameter(name: str, path: str) -> dict[str, Any]:
    schema, description = PARAMETERS[name]
    where = "path" if "{" + name + "}" in path else "query"
    return {"name": name, "in": where, "required": where == "path", "schema": schema,
            "description": description}  # fmt: skip


def operation(e: Described) -> dict[str, Any]:
    responses = {str(k): {"description": v} for k, v in e.responses.items()} or {
        "200": {"description": "JSON (or CSV with format=csv)"},
    }
    responses.setdefault("400", {"description": "a parameter that cannot be read"})
    op: dict[str, Any] = {
        "summary": e.summary,
        "tags": [e.tag],
        "parameters": [parameter(p, e.path) for p in e.params],
        "responses": responses,
    }
    if e.method == "POST":
        op["requestBody"] = {"content": {"application/json": {"schema": DOCUMENT_BODY}}}
        op["security"] = [{"bearer": []}]
    return op


def describe(endpoints: Iterable[Described]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for e in endpoints:
        paths.setdefault(e.path, {})[e.method.lower()] = operation(e)
    return {
        "openapi": "3.1.0",
        "info": {"title": "eventwire", "version": __version__,
                 "description": "Sourced political event data from a local eventwire store."},
        "paths": paths,
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }  # fmt: skip
