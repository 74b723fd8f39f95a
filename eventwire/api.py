"""The Python front door: the same code path as the command line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from eventwire.errors import EventwireError
from eventwire.model import DocumentError, DocumentResult
from eventwire.options import Options
from eventwire.readers import InputDocument, ReadItem, optional_str
from eventwire.runner import Result, code_batch, code_documents
from eventwire.values import checked_date


def analyze(
    text: str,
    published: str | date | None = None,
    *,
    id: str = "doc",
    options: Options | None = None,
) -> DocumentResult:
    """Code one document in-process.

    ``published`` is a :class:`~datetime.date` or a ``YYYY-MM-DD`` string; any other value is
    refused with :class:`~eventwire.errors.BadValue` (a ``ValueError``), as ``--published`` is
    on the command line. Raises :class:`EventwireError` if the document cannot be coded.
    """
    day = published.isoformat()[:10] if isinstance(published, date) else published
    item = InputDocument(id=id, text=text, published=checked_date(day, "published"))
    (result,) = code_batch([item], options or Options())
    if isinstance(result, DocumentError):
        code, _, message = result.error.partition(" ")
        raise EventwireError(code, message)
    return result


def analyze_many(
    documents: Iterable[str | Mapping[str, object] | InputDocument],
    *,
    options: Options | None = None,
    processes: int = 1,
    batch_size: int = 16,
) -> Iterator[Result]:
    """Code many documents, results in order. A document is a string of text (its id is
    ``doc-N``, N counting from 1), a dict as in a JSON line, or an :class:`InputDocument`."""
    items = (_as_item(d, n) for n, d in enumerate(documents, 1))
    return code_documents(items, options or Options(), processes=processes, batch_size=batch_size)


def _as_item(document: str | Mapping[str, object] | InputDocument, number: int) -> ReadItem:
    if isinstance(document, InputDocument):
        return document
    if isinstance(document, str):
        return InputDocument(id=f"doc-{number}", text=document)
    if not isinstance(document, Mapping):
        kind = type(document).__name__
        reason = f"a document is a string, a dict or an InputDocument, not {kind}"
        return DocumentError(id=f"doc-{number}", error=f"E104 {reason}")
    doc_id = str(document.get("id") or f"doc-{number}")
    text, html = document.get("text"), document.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return DocumentError(id=doc_id, error="E104 no `text` (or `html`) string")
    return InputDocument(
        id=doc_id,
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        published=_iso(document.get("published")),  # type: ignore[arg-type]
        title=optional_str(document.get("title")),
        url=optional_str(document.get("url")),
        outlet=optional_str(document.get("outlet")),
    )


def _iso(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
