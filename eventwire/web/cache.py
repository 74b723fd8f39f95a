"""A response cache for GET requests, valid for as long as the store does not change.

The store changes only when something writes to it (an ingestion, or a POST when writes are
allowed); every write touches the database file or its write-ahead log. The cache keys each
response by method, path and query, and drops everything when the files' sizes or modification
times change, so a reader never sees an answer older than the store. It holds at most
:data:`MAX_ENTRIES` answers and :data:`MAX_BYTES` bytes of bodies, dropping the least recently
used first.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRIES = 512
MAX_BODY = 1_000_000  # larger answers are not kept
MAX_BYTES = 32_000_000  # all the bodies kept, together


def store_version(db: Path) -> tuple:
    """What changes whenever the store does: sizes and modification times of its files."""
    stamps = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{db}{suffix}")
            stamps.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            stamps.append(None)
    return tuple(stamps)


class ResponseCache:
    """ASGI middleware keeping whole GET responses (status, headers, body) in memory."""

    def __init__(self, app: ASGIApp, db: Path) -> None:
        self.app = app
        self.db = db
        self.version: tuple = ()
        self.entries: OrderedDict[bytes, tuple[int, list[Message]]] = OrderedDict()
        self.size = 0  # bytes of the bodies kept

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        version = store_version(self.db)
        if version != self.version:
            self.entries.clear()
            self.size = 0
            self.version = version
        key = scope["path"].encode() + b"?" + scope.get("query_string", b"")
        if key in self.entries:
            self.entries.move_to_end(key)
            for message in self.entries[key][1]:
                await send(message)
            return
        await self.app(scope, receive, self.recording(key, version, send))

    def recording(self, key: bytes, version: tuple, send: Send) -> Send:
        messages: list[Message] = []
        size = 0

        async def send_and_keep(message: Message) -> None:
            nonlocal size
            messages.append(message)
            size += len(message.get("body", b""))
            await send(message)
            done = message["type"] == "http.response.body" and not message.get("more_body")
            if done and self.keepable(messages, size, version):
                self.keep(key, size, messages)

        return send_and_keep

    def keep(self, key: bytes, size: int, messages: list[Message]) -> None:
        """Keep an answer, dropping the least recently used ones beyond the bounds."""
        if key in self.entries:
            self.size -= self.entries.pop(key)[0]
        self.entries[key] = (size, messages)
        self.size += size
        while len(self.entries) > MAX_ENTRIES or self.size > MAX_BYTES:
            self.size -= self.entries.popitem(last=False)[1][0]

    def keepable(self, messages: list[Message], size: int, version: tuple) -> bool:
        start = messages[0]
        return start.get("status") == 200 and size <= MAX_BODY and version == self.version
