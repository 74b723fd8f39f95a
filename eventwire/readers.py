"""Reading input: JSON Lines, text and HTML files, directories of them, standard input.

A reader never gives up on a whole input because of one bad document: a document it cannot
read becomes a :class:`~eventwire.model.DocumentError` in its place, so every document gets a
result line in input order. Only an input that cannot be opened at all raises.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import EventwireError
from eventwire.model import DocumentError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_REPLACED_SHARE = 0.01  # above this share of undecodable bytes a text is refused


@dataclass
class InputDocument:
    """A document as read, before any checks of its text."""

    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    warnings: list[str] = field(default_factory=list)
    text_changed: bool = False  # the text is not byte-for-byte the input (replaced bytes)


ReadItem = InputDocument | DocumentError


def read_inputs(inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Every document of every input, in order. ``-`` reads JSON Lines from standard input."""
    for name in inputs:
        if name == "-":
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "stdin")
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_directory(path)
        elif path.is_file():
            yield from read_file(path, path.name)
        else:
            raise EventwireError("E100", f"cannot read input {name!r}: no such file or directory")


def read_directory(root: Path) -> Iterator[ReadItem]:
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES
    )
    for path in files:
        yield from read_file(path, path.relative_to(root).as_posix())


def read_file(path: Path, doc_id: str) -> Iterator[ReadItem]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        reason = "a .json file is not read as documents; give JSON Lines (.jsonl), one per line"
        yield DocumentError(id=doc_id, error=errors.describe("E100", reason))
        return
    if suffix in FEED_SUFFIXES:
        from eventwire.feeds import read_feed

        yield from read_feed(path.read_bytes(), doc_id)
        return
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as stream:
            yield from read_jsonl_stream(stream, path.name)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield DocumentError(
            id=doc_id, error=errors.describe("E100", f"cannot read: {exc.strerror}")
        )
        return
    decoded = decode_text(data, doc_id)
    if isinstance(decoded, DocumentError):
        yield decoded
    elif suffix in HTML_SUFFIXES:
        yield InputDocument(id=doc_id, html=decoded.text, warnings=decoded.warnings)
    else:
        yield decoded


def decode_text(data: bytes, doc_id: str) -> InputDocument | DocumentError:
    """Bytes to text, refusing binary data and text that is mostly undecodable."""
    if looks_binary(data):
        return DocumentError(
            id=doc_id, error=errors.describe(errors.BINARY, "binary data, not text")
        )
    try:
        return InputDocument(id=doc_id, text=data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > MAX_REPLACED_SHARE * max(len(data), 1):
            reason = f"invalid UTF-8 at byte {exc.start} ({bad} undecodable bytes)"
            return DocumentError(id=doc_id, error=errors.describe(errors.ENCODING, reason))
        warning = errors.describe(errors.W_REPLACED, f"{bad} undecodable bytes replaced by U+FFFD")
        return InputDocument(id=doc_id, text=text, warnings=[warning], text_changed=True)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.1


def read_jsonl_stream(stream: BinaryIO, label: str) -> Iterator[ReadItem]:
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        yield parse_document_line(raw, f"{label}:{number}")


def parse_document_line(raw: bytes, where: str) -> ReadItem:
    """One JSON line to a document; the line's place stands in for a missing or unusable id."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return DocumentError(
            id=where, error=errors.describe(errors.ENCODING, f"invalid UTF-8 at byte {exc.start}")
        )
    except json.JSONDecodeError as exc:
        return DocumentError(
            id=where, error=errors.describe(errors.BAD_JSON, f"not JSON: {exc.msg}")
        )
    if not isinstance(record, dict):
        return DocumentError(
            id=where, error=errors.describe(errors.BAD_JSON, "a JSON line must be an object")
        )
    doc_id = record.get("id")
    doc_id = str(doc_id) if isinstance(doc_id, str | int) and str(doc_id) else where
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return DocumentError(
            id=doc_id, error=errors.describe(errors.NO_TEXT_FIELD, "no `text` (or `html`) string")
        )
    return InputDocument(
        id=doc_id,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        published=optional_str(record.get("published")),
        title=optional_str(record.get("title")),
        url=optional_str(record.get("url")),
        outlet=optional_str(record.get("outlet")),
    )


def optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
