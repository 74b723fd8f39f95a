"""The local store: SQLite in WAL mode, one writer, read-only readers, versioned migrations."""

from eventwire.store.db import SCHEMA_VERSION, open_store

__all__ = ["SCHEMA_VERSION", "open_store"]
