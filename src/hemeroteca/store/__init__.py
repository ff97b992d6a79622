"""Storage backends behind one interface, chosen by a URL or a file name."""

from __future__ import annotations

from pathlib import Path

from hemeroteca.store.base import Store
from hemeroteca.store.sqlite import SQLiteStore

DEFAULT_DB = "archive.db"


class UnsupportedDatabaseError(ValueError):
    pass


class NoDatabaseError(FileNotFoundError):
    pass


def open_store(url: str = DEFAULT_DB, *, create: bool = True) -> SQLiteStore:
    """`archive.db` or `sqlite:///path` open the embedded SQLite store; `create=False` refuses a missing file."""
    if url.startswith(("postgresql://", "postgres://")):
        raise UnsupportedDatabaseError("PostgreSQL is not available in this version; use a SQLite file")
    path = url.removeprefix("sqlite:///")
    if not create and not Path(path).is_file():
        raise NoDatabaseError(f"no database at {path}")
    return SQLiteStore(path)


__all__ = ["DEFAULT_DB", "Store", "open_store", "NoDatabaseError", "UnsupportedDatabaseError"]
