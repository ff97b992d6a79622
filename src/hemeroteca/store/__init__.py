"""Storage backends behind one interface, chosen by a URL or a file name."""

from __future__ import annotations

from hemeroteca.store.base import Store
from hemeroteca.store.sqlite import SQLiteStore

DEFAULT_DB = "archive.db"


class UnsupportedDatabaseError(ValueError):
    pass


def open_store(url: str = DEFAULT_DB) -> SQLiteStore:
    """`archive.db` or `sqlite:///path` open the embedded SQLite store."""
    if url.startswith(("postgresql://", "postgres://")):
        raise UnsupportedDatabaseError("PostgreSQL is not available in this version; use a SQLite file")
    return SQLiteStore(url.removeprefix("sqlite:///"))


__all__ = ["DEFAULT_DB", "Store", "open_store", "UnsupportedDatabaseError"]
