"""Opening the store: migrations, and clear refusals of corrupt, locked or newer stores."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from eventwire.errors import EventwireError

STORE_ERROR = "E300"


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped in the package, in order."""
    folder = resources.files("eventwire.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]


def open_store(
    path: str | Path, *, readonly: bool = False, timeout: float = 10.0
) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the store at ``path``."""
    path = Path(path)
    if readonly and not path.exists():
        raise EventwireError(STORE_ERROR, f"no store at {path}")
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise EventwireError(STORE_ERROR, f"{path} is not a usable eventwire store: {exc}") from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise EventwireError(
            STORE_ERROR,
            f"{path} has schema version {version}, newer than this eventwire ({SCHEMA_VERSION}); "
            "upgrade eventwire",
        )
    if version < SCHEMA_VERSION:
        if readonly:
            raise EventwireError(STORE_ERROR, f"{path} needs migrating; open it once for writing")
        migrate(conn, version)
    return conn


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Apply every migration newer than ``current``, each in its own transaction."""
    for version, sql in migrations():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in split_sql(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK") if conn.in_transaction else None
            raise EventwireError(STORE_ERROR, f"migration {version} failed: {exc}") from exc


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside statements in our scripts)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
