"""Sending results: JSON by default, CSV for listings, errors as one-line messages."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pydantic_core
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from eventwire.corpus.exports import inert
from eventwire.web.params import BadRequest


class NotFound(Exception):
    """The store holds nothing under that key."""


def wants_csv(request: Request) -> bool:
    """``?format=csv`` or a path ending in ``.csv``; any other format is refused."""
    fmt = request.query_params.get("format", "").strip().lower()
    if fmt not in ("", "json", "csv"):
        raise BadRequest(f"format must be json or csv, not {fmt!r}")
    return fmt == "csv" or request.url.path.endswith(".csv")


class FastJSONResponse(JSONResponse):
    """JSON written by pydantic-core's serialiser, several times faster than the json module's
    on large answers. An answer holding a number JSON cannot write (NaN, an infinity) is
    refused as the json module refuses it."""

    def render(self, content: Any) -> bytes:
        body = pydantic_core.to_json(content)
        if b"NaN" in body or b"Infinity" in body:  # maybe a number, maybe words in a text
            return super().render(content)
        return body


def as_json(data: Any, status_code: int = 200) -> JSONResponse:
    return FastJSONResponse(data, status_code=status_code)


def as_csv(rows: list[dict[str, Any]], name: str) -> Response:
    """Rows as CSV; lists and objects in a cell are written as JSON, formulas made inert."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(v) for k, v in row.items()})
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}.csv"'},
    )


def cell(value: Any) -> Any:
    """A CSV cell: lists and objects as JSON, formula-like text made inert."""
    return inert(json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value)


def error(status_code: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status_code}, status_code=status_code)
