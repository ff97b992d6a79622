"""The reuse tables (store/schema.py: reuse_tables) read and written on either backend.

Reads go through `store.rows`; writes through the store's own connection, in one
transaction: SQLite's (autocommit, so BEGIN IMMEDIATE … COMMIT) or psycopg's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from hemeroteca.reuse.anchors import Anchors
from hemeroteca.reuse.clusters import Passage, PairMatch
from hemeroteca.store.base import Store
from hemeroteca.store.sqlite import SQLiteStore


class Writer(Protocol):
    def execute(self, statement: str, params: Sequence[Any] = ()) -> None: ...
    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None: ...


@dataclass(frozen=True, slots=True)
class _Cursor:
    cursor: Any
    postgres: bool

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def execute(self, statement: str, params: Sequence[Any] = ()) -> None:
        self.cursor.execute(self._sql(statement), params)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            self.cursor.executemany(self._sql(statement), rows)


@contextmanager
def writing(store: Store) -> Iterator[Writer]:
    """One transaction on the store's connection: all of it is written, or none."""
    connection = store.connection  # type: ignore[attr-defined]
    if isinstance(store, SQLiteStore):
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield _Cursor(cursor, postgres=False)
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
    else:
        with connection.transaction(), connection.cursor() as cursor:
            yield _Cursor(cursor, postgres=True)


@dataclass(frozen=True, slots=True)
class StoredSignature:
    key: str
    anchors: Anchors


def content_hashes(store: Store) -> dict[str, str]:
    return {row["id"]: row["content_hash"] for row in store.rows("SELECT id, content_hash FROM documents ORDER BY id", ())}


def signatures(store: Store) -> dict[str, StoredSignature]:
    rows = store.rows("SELECT document_id, signature_key, anchors FROM reuse_signatures", ())
    return {row["document_id"]: StoredSignature(row["signature_key"], Anchors.from_bytes(bytes(row["anchors"]))) for row in rows}


def pair_matches(store: Store) -> list[PairMatch]:
    rows = store.rows(
        "SELECT first_document, first_start, first_end, second_document, second_start, second_end FROM reuse_pairs", ()
    )
    return sorted(
        PairMatch(
            Passage(row["first_document"], row["first_start"], row["first_end"]),
            Passage(row["second_document"], row["second_start"], row["second_end"]),
        )
        for row in rows
    )


def replace_signatures(writer: Writer, removed: Iterable[str], computed: dict[str, StoredSignature]) -> None:
    writer.executemany("DELETE FROM reuse_signatures WHERE document_id = ?", [(i,) for i in removed])
    writer.executemany("DELETE FROM reuse_signatures WHERE document_id = ?", [(i,) for i in computed])
    writer.executemany(
        "INSERT INTO reuse_signatures (document_id, signature_key, anchors) VALUES (?,?,?)",
        [(i, s.key, s.anchors.to_bytes()) for i, s in computed.items()],
    )


def replace_pairs(
    writer: Writer, documents: Iterable[str], pairs: Iterable[tuple[str, str]], matches: Iterable[PairMatch]
) -> None:
    """Forget every match of `documents` and of `pairs`, then store `matches` (what was found for them)."""
    writer.executemany(
        "DELETE FROM reuse_pairs WHERE first_document = ? OR second_document = ?", [(i, i) for i in documents]
    )
    writer.executemany("DELETE FROM reuse_pairs WHERE first_document = ? AND second_document = ?", list(pairs))
    writer.executemany(
        "INSERT INTO reuse_pairs (first_document, first_start, first_end, second_document, second_start, second_end)"
        " VALUES (?,?,?,?,?,?)",
        [(m.first.document_id, m.first.start, m.first.end, m.second.document_id, m.second.start, m.second.end) for m in matches],
    )
