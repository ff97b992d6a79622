"""Storage backends behind one interface, chosen by a URL or a file name.

`archive.db` or `sqlite:///path/archive.db`: the embedded SQLite store (the default).
`postgresql://user:password@host:port/database` (or `postgres://…`): the PostgreSQL store.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hemeroteca.store.base import DatabaseUnavailableError, NoDatabaseError, Store
from hemeroteca.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from hemeroteca.store.postgres import PostgresStore

DEFAULT_DB = "archive.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


class UnsupportedDatabaseError(ValueError):
    pass


def is_postgres_url(url: str) -> bool:
    return url.startswith(POSTGRES_SCHEMES)


def display_name(url: str) -> str:
    """The database as it may be printed: a PostgreSQL URL without its password."""
    if is_postgres_url(url):
        from hemeroteca.store.postgres import redact

        return redact(url)
    return url


def open_store(url: str = DEFAULT_DB, *, create: bool = True) -> SQLiteStore | PostgresStore:
    """Open the store the URL names; `create=False` (commands that only read) refuses a missing archive.

    SQLite: `create=False` refuses a missing file instead of creating an empty one.
    PostgreSQL: the database must exist (the server's owner creates it); `create=True` creates
    the archive's tables in it when absent, `create=False` refuses a database without them.
    Either refusal is a NoDatabaseError; a server that cannot be reached a DatabaseUnavailableError.
    """
    if is_postgres_url(url):
        from hemeroteca.store.postgres import PostgresStore  # psycopg is loaded only for a PostgreSQL URL

        return PostgresStore(url, create=create)
    scheme = _SCHEME.match(url)
    if scheme and scheme[1] != "sqlite":
        raise UnsupportedDatabaseError(f"unknown kind of database {scheme[0]}; give a SQLite file or a postgresql:// URL")
    path = url.removeprefix("sqlite:///")
    if not create and not Path(path).is_file():
        raise NoDatabaseError(f"no database at {path}")
    return SQLiteStore(path)


__all__ = [
    "DEFAULT_DB", "Store", "open_store", "display_name", "is_postgres_url",
    "NoDatabaseError", "DatabaseUnavailableError", "UnsupportedDatabaseError",
]
