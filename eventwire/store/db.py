"""Opening the store: migrations, and clear refusals of corrupt, locked or newer stores.

Readers open the store read-only. Where SQLite could not create the write-ahead log's index
beside a store that has no log (a read-only file or folder), they open it as immutable: no
writer can be at work there. Writers refuse a store they may not write before touching it, so
that no unwritable ``-wal`` or ``-shm`` file is left behind.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import quote

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
DERIVED_VERSION = 8  # the latest migration that changes the derived tables, made as it runs


def open_store(
    path: str | Path, *, readonly: bool = False, timeout: float = 10.0, check: bool = False
) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the store at ``path``.

    With ``check``, SQLite's ``quick_check`` must find the store intact, so that a damaged
    store is refused at once rather than halfway through a command.
    """
    path = Path(path)
    if readonly and not path.exists():
        raise EventwireError(STORE_ERROR, f"no store at {path}")
    if path.exists() and not path.is_file():  # SQLite would wait on a FIFO, log beside a device
        raise EventwireError(STORE_ERROR, f"{path} is not a store: not a regular file")
    if not readonly:
        refuse_unwritable(path)
    try:
        conn = sqlite3.connect(store_uri(path, readonly), uri=True, timeout=timeout,
                               isolation_level=None)  # fmt: skip
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if check:
            verify(conn, path)
    except sqlite3.DatabaseError as exc:
        raise store_failure(path, exc) from exc
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


def store_uri(path: Path, readonly: bool) -> str:
    """The SQLite URI: read-only for readers, immutable where no log can be created."""
    uri = f"file:{quote(os.fsencode(path))}"  # the file name's bytes, UTF-8 or not
    if not readonly:
        return uri
    return uri + ("?mode=ro&immutable=1" if unloggable(path) else "?mode=ro")


def unloggable(path: Path) -> bool:
    """A store without a write-ahead log whose file or folder this process may not write."""
    if Path(f"{path}-wal").exists():
        return False
    return not (writable(path) and writable(path.parent))


def writable(path: Path) -> bool:
    """Whether this process (its effective user, where the system tells) may write ``path``."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


def refuse_unwritable(path: Path) -> None:
    """Refuse, before SQLite creates any file, a store this process cannot write."""
    folder = path.parent
    if not folder.is_dir():
        raise EventwireError(STORE_ERROR, f"cannot create {path}: no folder {folder}")
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and not writable(file):
            raise EventwireError(STORE_ERROR, f"{file} is read-only; writing the store needs "
                                 "write permission on it")  # fmt: skip
    if not writable(folder):
        raise EventwireError(STORE_ERROR, f"the folder {folder} is read-only; writing the store "
                             "needs to create its -wal and -shm files there")  # fmt: skip


def verify(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a store whose pages SQLite's ``quick_check`` finds damaged."""
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        conn.close()
        raise EventwireError(STORE_ERROR, f"{path} is damaged ({'; '.join(problems)}); "
                             "restore it from a copy or ingest again into a new store")  # fmt: skip


def store_failure(path: str | Path, exc: sqlite3.DatabaseError) -> EventwireError:
    """The E300 error for SQLite's ``exc``, naming what went wrong as SQLite says it."""
    name = getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY")):
        return EventwireError(STORE_ERROR, f"cannot write {path}: {exc}; the store keeps what "
                              "was written before")  # fmt: skip
    return EventwireError(STORE_ERROR, f"{path} is not a usable eventwire store: {exc}")


@contextmanager
def store_errors(path: str | Path) -> Iterator[None]:
    """Turn any SQLite error raised inside the block into an E300 error."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise store_failure(path, exc) from exc


@contextmanager
def read_store(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A checked read-only connection; any SQLite error while it is used is an E300 error."""
    conn = open_store(path, readonly=True, check=True)
    try:
        with store_errors(path):
            yield conn
    finally:
        conn.close()


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Apply every migration newer than ``current``, each in its own transaction."""
    for version, sql in migrations():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in split_sql(sql):
                conn.execute(statement)
            if version == DERIVED_VERSION:
                from eventwire.store.derive import rebuild_tables

                rebuild_tables(conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK") if conn.in_transaction else None
            raise EventwireError(STORE_ERROR, f"migration {version} failed: {exc}") from exc


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside statements in our scripts)."""
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
