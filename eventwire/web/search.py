"""Full-text search: user input becomes a safe FTS5 query.

By default every word of the input is quoted, so that FTS5 operators and stray quotes in the
input are searched for as words; a trailing ``*`` keeps its prefix meaning. With
``syntax=fts`` the input is passed to FTS5 as written, and a query FTS5 cannot read is
answered with a 400 and FTS5's own message.
"""

from __future__ import annotations

import re
import sqlite3

from eventwire.web.params import BadRequest

WORD = re.compile(r"\w+\*?")
SYNTAXES = ("words", "fts")
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # snippet markers that cannot occur in stored text


def fts_query(query: str, syntax: str = "words") -> str:
    """The MATCH expression for a user's query."""
    if syntax == "fts":
        return query
    words = WORD.findall(query)
    if not words:
        raise BadRequest("the search needs at least one word")
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def run_match(conn: sqlite3.Connection, sql: str, params: dict[str, object]) -> list[sqlite3.Row]:
    """Run a query; when it holds the user's search (``q``), an error there is a 400."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "q" in params:
            raise BadRequest(f"the search query cannot be read: {exc}") from exc
        raise


def snippet_segments(snippet: str) -> list[dict[str, object]]:
    """A snippet with match markers, as text pieces marked ``match`` or not."""
    pieces = []
    for n, part in enumerate(re.split(f"[{MARK_OPEN}{MARK_CLOSE}]", snippet)):
        if part:
            pieces.append({"text": part, "marks": ["match"] if n % 2 else []})
    return pieces
