"""Sending results: JSON by default, CSV for listings, errors as one-line messages."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

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


def as_json(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status_code)


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
