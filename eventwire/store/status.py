"""A summary of what a store holds."""

from __future__ import annotations

import sqlite3
from typing import Any


def summarise(conn: sqlite3.Connection) -> dict[str, Any]:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    first, last = conn.execute("SELECT min(published), max(published) FROM documents").fetchone()
    dyads = conn.execute(
        "SELECT source_country, target_country, sum(events) AS n FROM dyad_days "
        "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 5"
    ).fetchall()
    return {
        "documents": one("SELECT count(*) FROM documents"),
        "errors": one("SELECT count(*) FROM errors"),
        "events": one("SELECT count(*) FROM events WHERE NOT negated"),
        "attributions": one("SELECT count(*) FROM attributions"),
        "ledger_items": one("SELECT count(*) FROM ledger"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM documents"),
        "published": [first, last],
        "top_dyads": [f"{s}->{t}: {n}" for s, t, n in dyads],
    }
