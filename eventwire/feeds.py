"""RSS and Atom feeds: each entry becomes a document (its content, or its page when fetched)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

from eventwire import errors
from eventwire.model import DocumentError
from eventwire.readers import InputDocument, ReadItem


def read_feed(data: bytes, label: str) -> Iterator[ReadItem]:
    """The entries of a feed document, in feed order."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = "no feed entries"
        if feed.get("bozo"):
            reason += f" (unreadable feed: {str(feed.get('bozo_exception'))[:120]})"
        yield DocumentError(id=label, error=errors.describe(errors.NO_ENTRIES, reason))
        return
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, 1):
        yield entry_document(entry, f"{label}#{n}", outlet)


def entry_document(entry: dict, fallback_id: str, outlet: str | None) -> ReadItem:
    html = best_content(entry)
    doc_id = entry.get("id") or entry.get("link") or fallback_id
    if not html:
        return DocumentError(
            id=doc_id, error=errors.describe(errors.EMPTY, "feed entry has no content")
        )
    return InputDocument(
        id=doc_id,
        html=html,
        published=entry_date(entry),
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
    )


def best_content(entry: dict) -> str:
    """The fullest text the entry carries: content, then summary, wrapped as HTML."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    text = max(contents, key=len) if contents else entry.get("summary", "")
    return f"<html><body><article>{text}</article></body></html>" if text.strip() else ""


def entry_date(entry: dict) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return date.fromtimestamp(time.mktime(parsed)).isoformat()


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)
