"""Reading input: JSON Lines, text and HTML files, directories of them, standard input.

A reader never gives up on a whole input because of one bad document: a document it cannot
read becomes a :class:`~eventwire.model.DocumentError` in its place, so every document gets a
result line in input order. Only an input that cannot be opened at all raises.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from eventwire import errors
from eventwire.errors import EventwireError
from eventwire.model import DocumentError
from eventwire.words import counted

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
MAX_REPLACED_SHARE = 0.01  # above this share of undecodable bytes a text is refused
UNICODE_BOMS = {codecs.BOM_UTF32_LE: "utf-32", codecs.BOM_UTF32_BE: "utf-32",
              codecs.BOM_UTF16_LE: "utf-16", codecs.BOM_UTF16_BE: "utf-16"}  # fmt: skip
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C1 controls that stand for the Windows-1252 character of the same byte: text decoded as
# Latin-1 gives "Benghazi\x92s" for "Benghazi’s" and "\x93control\x94" for quotes.
WINDOWS_1252 = {
    chr(byte): char
    for byte in range(0x80, 0xA0)
    if (char := bytes([byte]).decode("cp1252", errors="ignore"))
}
C1_CONTROL = re.compile("[" + "".join(sorted(WINDOWS_1252)) + "]")

log = logging.getLogger("eventwire")


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
    fallback_published: str | None = None  # the date to use when neither line nor page has one
    warnings: list[str] = field(default_factory=list)
    text_changed: bool = False  # the text is not byte-for-byte the input (replaced bytes)


ReadItem = InputDocument | DocumentError


def read_inputs(inputs: Iterable[str], stdin: BinaryIO | None = None) -> Iterator[ReadItem]:
    """Every document of every input, in order. ``-`` reads JSON Lines from standard input.

    Raises :class:`EventwireError` (E100) at once, before anything is read, when an input does
    not exist or standard input is closed.
    """
    names = list(inputs)
    for name in names:
        check_input(name, stdin)
    return read_checked(names, stdin)


def check_input(name: str, stdin: BinaryIO | None) -> None:
    """Refuse an input that cannot be read at all."""
    if name == "-":
        if stdin is None and sys.stdin is None:
            raise EventwireError(errors.NO_INPUT, "cannot read standard input: it is closed")
    elif not Path(name).is_dir() and not Path(name).is_file():
        reason = "no such file or directory" if not Path(name).exists() else "not a file"
        raise EventwireError(errors.NO_INPUT, f"cannot read input {name!r}: {reason}")


def read_checked(names: list[str], stdin: BinaryIO | None) -> Iterator[ReadItem]:
    for name in names:
        if name == "-":
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "stdin")
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_directory(path)
        else:
            yield from read_file(path, path.name)


def read_directory(root: Path) -> Iterator[ReadItem]:
    for path in directory_files(root):
        yield from read_file(path, path.relative_to(root).as_posix())


def directory_files(root: Path) -> list[Path]:
    """The news files under ``root``, sorted (see :func:`news_files`). The others are named in
    one warning on the log (W208); a subdirectory that cannot be listed is named in a warning
    (W207) and skipped."""

    def skipped(exc: OSError) -> None:
        where = Path(exc.filename or root)
        name = where.relative_to(root).as_posix() if where != root else str(root)
        reason = f"cannot read directory {name!r}: {exc.strerror}; its files are skipped"
        log.warning(errors.describe(errors.W_UNREADABLE_DIR, reason))

    found, others = news_files(root, skipped)
    if others:
        log.warning(errors.describe(errors.W_NOT_NEWS, not_news_reason(root, others)))
    return found


def news_files(
    root: Path, onerror: Callable[[OSError], None] | None = None
) -> tuple[list[Path], list[Path]]:
    """The files under ``root`` that are read as news (text, HTML, JSON Lines and feeds, by
    their suffixes) and the others (Markdown, data, images), each sorted."""
    found, others = [], []
    for folder, _, names in os.walk(root, onerror=onerror):
        for name in names:
            path = Path(folder, name)
            if path.is_file():
                (found if path.suffix.lower() in READABLE_SUFFIXES else others).append(path)
    return sorted(found), sorted(others)


def not_news_reason(root: Path, others: list[Path]) -> str:
    """The W208 line: how many files of a directory were not read, and the first few."""
    names = [p.relative_to(root).as_posix() for p in others]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    what = "it is not a news file" if len(names) == 1 else "they are not news files"
    return (
        f"skipped {counted(len(names), 'file')} in {str(root)!r}: {what} "
        f"(.txt, .html, .jsonl or a feed): {shown}"
    )


def read_file(path: Path, doc_id: str) -> Iterator[ReadItem]:
    """The documents of one file; a file that cannot be read gets an E100 line in their place
    (after those read before the failure)."""
    try:
        yield from read_file_documents(path, doc_id)
    except OSError as exc:
        reason = f"cannot read {doc_id!r}: {exc.strerror or exc}"
        yield DocumentError(id=doc_id, error=errors.describe(errors.NO_INPUT, reason))


def read_file_documents(path: Path, doc_id: str) -> Iterator[ReadItem]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        reason = "a .json file is not read as documents; give JSON Lines (.jsonl), one per line"
        yield DocumentError(id=doc_id, error=errors.describe(errors.NO_INPUT, reason))
        return
    if suffix in FEED_SUFFIXES:
        from eventwire.feeds import read_feed

        yield from read_feed(path.read_bytes(), doc_id)
        return
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as stream:
            yield from read_jsonl_stream(stream, path.name)
        return
    decoded = decode_text(path.read_bytes(), doc_id)
    if isinstance(decoded, DocumentError):
        yield decoded
    elif suffix in HTML_SUFFIXES:
        yield InputDocument(id=doc_id, html=decoded.text, warnings=decoded.warnings)
    else:
        yield decoded


def decode_text(data: bytes, doc_id: str) -> InputDocument | DocumentError:
    """Bytes to text, refusing binary data and text that is mostly undecodable. UTF-8 is
    expected; UTF-16 and UTF-32 are read when a byte order mark says so."""
    encoding = bom_encoding(data[:4])
    if encoding:
        try:
            return InputDocument(id=doc_id, text=data.decode(encoding))
        except UnicodeDecodeError as exc:
            reason = f"invalid {encoding.upper()} at byte {exc.start}"
            return DocumentError(id=doc_id, error=errors.describe(errors.ENCODING, reason))
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


def bom_encoding(head: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when the bytes begin with that byte order mark."""
    return next((name for bom, name in UNICODE_BOMS.items() if head.startswith(bom)), None)


def json_encoding(head: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding of JSON text beginning with ``head`` (RFC 8259: its first
    character is ASCII, so the zero bytes tell the encoding); None for UTF-8."""
    found = json.detect_encoding(head)
    return None if found.startswith("utf-8") else found


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.1


def read_jsonl_stream(stream: BinaryIO, label: str) -> Iterator[ReadItem]:
    for number, raw in enumerate(jsonl_lines(stream), 1):
        if not raw.strip():
            continue
        yield parse_document_line(raw, f"{label}:{number}")


def jsonl_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a JSON Lines stream, as UTF-8. A stream in UTF-16 or UTF-32, told by its
    byte order mark or, as JSON allows, by the zero bytes around its first character, is
    decoded (unreadable code units become U+FFFD)."""
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    encoding = json_encoding(buffered.peek(4)[:4])
    if encoding is None:
        yield from buffered
        return
    text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
    try:
        for line in text:
            yield line.encode("utf-8")
    finally:
        text.detach()  # the caller closes its own stream


def parse_document_line(raw: bytes, where: str) -> ReadItem:
    """One JSON line to a document; the line's place stands in for a missing or unusable id."""
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return DocumentError(
            id=where, error=errors.describe(errors.ENCODING, f"invalid UTF-8 at byte {exc.start}")
        )
    except json.JSONDecodeError as exc:
        return DocumentError(
            id=where, error=errors.describe(errors.BAD_JSON, f"not JSON: {exc.msg}")
        )
    except RecursionError:  # arrays or objects nested thousands deep
        return DocumentError(
            id=where, error=errors.describe(errors.BAD_JSON, "not JSON: nested too deeply")
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


STRING_FIELDS = ("id", "text", "html", "published", "title", "url", "outlet")


def replace_surrogates(item: InputDocument) -> InputDocument:
    """The document with every lone surrogate (a code point no encoding can write) in its
    string fields replaced by U+FFFD, with a W206 warning naming the fields; the document
    itself when it has none. Offsets into the text are unchanged."""
    found = {name: value for name in STRING_FIELDS if (value := getattr(item, name))}
    found = {name: value for name, value in found.items() if LONE_SURROGATE.search(value)}
    if not found:
        return item
    count = sum(len(LONE_SURROGATE.findall(value)) for value in found.values())
    reason = f"{count} lone surrogates replaced by U+FFFD in {', '.join(found)}"
    return replace(
        item,
        **{name: without_surrogates(value) for name, value in found.items()},
        warnings=[*item.warnings, errors.describe(errors.W_SURROGATES, reason)],
        text_changed=item.text_changed or "text" in found,
    )


def repair_windows_1252(item: InputDocument) -> InputDocument:
    """The document with each C1 control of its text that stands for a Windows-1252
    character (U+0092 for a right quote) replaced by that character, with a W209 warning;
    the document itself when it has none. One character replaces one, so offsets into the
    text are unchanged."""
    if not item.text or not C1_CONTROL.search(item.text):
        return item
    count = len(C1_CONTROL.findall(item.text))
    reason = f"{count} C1 controls in the text read as the Windows-1252 characters they stand for"
    return replace(
        item,
        text=C1_CONTROL.sub(lambda m: WINDOWS_1252[m.group()], item.text),
        warnings=[*item.warnings, errors.describe(errors.W_WINDOWS_1252, reason)],
        text_changed=True,
    )


def without_surrogates(value: str) -> str:
    """``value`` with each lone surrogate replaced by U+FFFD."""
    return LONE_SURROGATE.sub("\ufffd", value)
