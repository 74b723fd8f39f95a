"""``POST /api/documents``: code one document and store it, the way ``eventwire ingest`` does.

Writing is off unless the server was started with ``--allow-writes`` and a token; requests
must carry ``Authorization: Bearer TOKEN``. One lock makes this process the store's single
writer; the body is limited in size.
"""

from __future__ import annotations

import hmac
import threading
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from eventwire.model import DocumentError, to_json_dict
from eventwire.readers import InputDocument, parse_document_line
from eventwire.runner import code_batch
from eventwire.store import open_store
from eventwire.store.derive import update
from eventwire.store.ingest import content_hash, stored_options
from eventwire.store.writer import Stored, write_batch
from eventwire.web.params import BadRequest
from eventwire.web.responses import as_json, error
from eventwire.web.settings import Settings, settings_of

WRITE_LOCK = threading.Lock()


def refusal(request: Request, settings: Settings) -> Response | None:
    """Why this request may not write, or None when it may."""
    if not settings.allow_writes or not settings.token:
        return error(403, "writes are disabled; start the server with --allow-writes and a token")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        return error(401, "writing needs the header Authorization: Bearer TOKEN")
    if not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        return error(403, "wrong token")
    return None


async def read_body(request: Request, limit: int) -> InputDocument:
    """The document in the body (a JSON object as in a JSON line), at most ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(limit)
    item = parse_document_line(body, "request")
    if isinstance(item, DocumentError):
        raise BadRequest(item.error)
    return item


class BodyTooLarge(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the body is larger than {limit} bytes")


def store_document(settings: Settings, item: InputDocument) -> tuple[int, dict[str, Any]]:
    """Code and store one document; (HTTP status, answer)."""
    (result,) = code_batch([item], stored_options(None))
    if isinstance(result, DocumentError):
        return 422, to_json_dict(result)
    digest = content_hash(item)
    with WRITE_LOCK:
        conn = open_store(settings.db)
        try:
            known = conn.execute("SELECT doc_key FROM documents WHERE hash = ?", (digest,))
            if (row := known.fetchone()) is not None:
                return 200, {"key": row[0], "stored": False, "result": to_json_dict(result)}
            write_batch(conn, [Stored(digest, "api", result.text or item.text or "", result)])
            update(conn)
            key = conn.execute("SELECT doc_key FROM documents WHERE hash = ?", (digest,))
            return 201, {"key": key.fetchone()[0], "stored": True, "result": to_json_dict(result)}
        finally:
            conn.close()


async def post_document(request: Request) -> Response:
    settings = settings_of(request)
    if (refused := refusal(request, settings)) is not None:
        return refused
    try:
        document = await read_body(request, settings.max_body)
    except BodyTooLarge as exc:
        return error(413, str(exc))
    status, answer = await run_in_threadpool(store_document, settings, document)
    return as_json(answer, status_code=status)
