"""A summary of what a store holds."""

from __future__ import annotations

import sqlite3
from typing import Any

from eventwire.store.aggregates import total


def summarise(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of what the store holds, most read from the totals the writer keeps."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    dyads = conn.execute(
        "SELECT source_country, target_country, events FROM dyad_totals "
        "ORDER BY events DESC, 1, 2 LIMIT 5"
    ).fetchall()
    return {
        "documents": total(conn, "documents"),
        "errors": one("SELECT count(*) FROM errors"),
        "events": total(conn, "events"),
        "attributions": total(conn, "attributions"),
        "ledger_items": one("SELECT count(*) FROM ledger_items"),  # as `report` lists them
        "ledger_reports": total(conn, "ledger"),  # mentions of them, over all documents
        "outlets": one("SELECT count(*) FROM outlet_documents"),
        "published": [  # each read from the end of the index of dates
            one("SELECT min(published) FROM documents"),
            one("SELECT max(published) FROM documents"),
        ],
        "top_dyads": [f"{s}->{t}: {n}" for s, t, n in dyads],
    }
