"""Full-text search: user input becomes a safe FTS5 query.

By default every word of the input is quoted, so that FTS5 operators and stray quotes in the
input are searched for as words; a trailing ``*`` keeps its prefix meaning; a word given twice
is searched once. With ``syntax=fts`` the input is passed to FTS5 as written, and a query FTS5
cannot read is answered with a 400 and FTS5's own message.

Either way a query is bounded: at most :data:`MAX_QUERY` characters and :data:`MAX_TERMS`
words (distinct words by default, every word, operators included, with ``syntax=fts``), and the
request's time budget (see :mod:`eventwire.web.budget`); beyond them the answer is a 400 that
says which bound was passed.
"""

from __future__ import annotations

import re
import sqlite3

from eventwire.web.budget import interrupted
from eventwire.web.params import BadRequest

WORD = re.compile(r"\w+\*?")
SYNTAXES = ("words", "fts")
MAX_QUERY = 500  # characters
MAX_TERMS = 32  # distinct words
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # snippet markers that cannot occur in stored text


def fts_query(query: str, syntax: str = "words") -> str:
    """The MATCH expression for a user's query, within the bounds on its size."""
    if len(query) > MAX_QUERY:
        raise BadRequest(f"the search is {len(query)} characters long; at most {MAX_QUERY}")
    if syntax == "fts":  # passed as written: FTS5 works through every word, repeated or not
        if (count := len(WORD.findall(query))) > MAX_TERMS:
            raise BadRequest(f"the search has {count} words; at most {MAX_TERMS}")
        return query
    words = distinct(WORD.findall(query))
    if len(words) > MAX_TERMS:
        raise BadRequest(f"the search has {len(words)} different words; at most {MAX_TERMS}")
    if not words:
        raise BadRequest("the search needs at least one word")
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def distinct(words: list[str]) -> list[str]:
    """Words in their first order, each once (FTS5 matches without regard to case)."""
    first: dict[str, str] = {}
    for word in words:
        first.setdefault(word.casefold(), word)
    return list(first.values())


def run_match(conn: sqlite3.Connection, sql: str, params: dict[str, object]) -> list[sqlite3.Row]:
    """Run a query; when it holds the user's search (``q``), an error there is a 400."""
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        if "q" not in params:
            raise
        if interrupted(exc):
            raise BadRequest(
                "the search took longer than the server allows; use fewer or rarer words"
            ) from exc
        raise BadRequest(f"the search query cannot be read: {exc}") from exc


def snippet_segments(snippet: str) -> list[dict[str, object]]:
    """A snippet with match markers, as text pieces marked ``match`` or not."""
    pieces = []
    for n, part in enumerate(re.split(f"[{MARK_OPEN}{MARK_CLOSE}]", snippet)):
        if part:
            pieces.append({"text": part, "marks": ["match"] if n % 2 else []})
    return pieces
