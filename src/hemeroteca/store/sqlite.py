"""The embedded default: the whole archive in one SQLite file.

WAL journal, one transaction per batch (and a savepoint per document when one is refused): a killed
ingest leaves a database that opens, passes integrity_check, and holds only
whole documents; the files table remembers what is stored so the next run
resumes.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.model import AuthorRef, CatalogueLinks
from hemeroteca.catalogue.names import free_slug, name_key, periodical_key, slugify
from hemeroteca.record import Record, record_from_json
from hemeroteca.search.query import Query
from hemeroteca.search.results import SearchResult
from hemeroteca.store import sqlite_search
from hemeroteca.store.sqlite_facets import SearchColumnsCache
from hemeroteca.store.sqlite_search import BACKFILL, FTS_SCHEMA
from hemeroteca.store.base import DocumentSummary, FailedFile, PreparedFile, SkippedFile
from hemeroteca.store.schema import SQLITE_TYPES, attribution_tables, catalogue_tables, document_tables, reuse_tables

SCHEMA_VERSION = 1


class _RefusedDocument(Exception):
    """The database refused a document of the batch being written."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # Ingest writes from one worker thread at a time; the connection is never shared concurrently.
        self.connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA journal_mode=WAL")
        # NORMAL with WAL never corrupts on a crash; it may only lose the last commits.
        self.connection.execute("PRAGMA synchronous=NORMAL")
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.executescript(
            catalogue_tables(SQLITE_TYPES)
            + document_tables(SQLITE_TYPES)
            + attribution_tables(SQLITE_TYPES)
            + reuse_tables(SQLITE_TYPES)
            + "CREATE INDEX IF NOT EXISTS documents_title_key ON documents(title_key);"
            + FTS_SCHEMA
        )
        counts = "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM search_fields)"
        if len(set(self.connection.execute(counts).fetchone())) > 1:
            self.connection.execute(BACKFILL)
        self.connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._search_columns = SearchColumnsCache()

    # -- writing -------------------------------------------------------------

    def stored_hashes(self) -> dict[str, str]:
        rows = self.connection.execute("SELECT path, content_hash FROM files WHERE status IN ('stored', 'skipped')")
        return {row["path"]: row["content_hash"] for row in rows}

    def write_batch(self, items: list[PreparedFile | FailedFile | SkippedFile]) -> list[FailedFile]:
        try:
            return self._write(items, per_document=False)
        except _RefusedDocument:
            # Written again, each document in a savepoint, so that only the one refused fails. Savepoints are
            # not the rule because releasing one makes FTS5 write its pending terms out: a third of the store's time.
            return self._write(items, per_document=True)
        finally:
            self._search_columns.clear()

    def _write(self, items: list[PreparedFile | FailedFile | SkippedFile], *, per_document: bool) -> list[FailedFile]:
        """One transaction for the batch; `per_document`: a document the database refuses is marked failed, else
        the transaction is rolled back and _RefusedDocument raised."""
        storage_failures: list[FailedFile] = []
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            for item in items:
                if isinstance(item, FailedFile):
                    self._mark_failed(cursor, item)
                elif isinstance(item, SkippedFile):
                    self._mark_skipped(cursor, item)
                elif per_document:
                    storage_failures.extend(self._put_or_refuse(cursor, item))
                else:
                    try:
                        self._put(cursor, item)
                    except sqlite3.Error as error:
                        raise _RefusedDocument from error
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        return storage_failures

    def _put_or_refuse(self, cursor: sqlite3.Cursor, item: PreparedFile) -> list[FailedFile]:
        cursor.execute("SAVEPOINT document")
        try:
            self._put(cursor, item)
            return []
        except sqlite3.Error as error:
            cursor.execute("ROLLBACK TO document")
            failure = FailedFile(item.path, item.content_hash, item.size, f"storage: {error}")
            self._mark_failed(cursor, failure)
            return [failure]
        finally:
            cursor.execute("RELEASE document")

    def _mark_failed(self, cursor: sqlite3.Cursor, item: FailedFile) -> None:
        self._note_file(cursor, item.path, item.content_hash, item.size, None, item.error, "failed")

    def _mark_skipped(self, cursor: sqlite3.Cursor, item: SkippedFile) -> None:
        # A page an older version stored as a document (before it was known for a redirect) is taken out.
        sqlite_search.unindex_documents(cursor, "path = ?", (item.path,))
        cursor.execute("DELETE FROM documents WHERE path = ?", (item.path,))
        self._note_file(cursor, item.path, item.content_hash, item.size, None, item.reason, "skipped")

    @staticmethod
    def _note_file(
        cursor: sqlite3.Cursor, path: str, content_hash: str, size: int, document_id: str | None, error: str | None,
        status: str,
    ) -> None:
        """Remember a file's content and fate: stored as a document, failed or skipped with a reason."""
        cursor.execute(
            "INSERT INTO files (path, content_hash, size, document_id, status, error, seen_at) VALUES (?,?,?,?,?,?,?)"
            " ON CONFLICT(path) DO UPDATE SET content_hash=excluded.content_hash, size=excluded.size,"
            " document_id=excluded.document_id, status=excluded.status, error=excluded.error, seen_at=excluded.seen_at",
            (path, content_hash, size, document_id, status, error, _now()),
        )

    def _put(self, cursor: sqlite3.Cursor, item: PreparedFile) -> None:
        row, links = item.row, item.row.links
        periodical_id = self._periodical_id(cursor, links) if links.periodical else None
        issue_id = self._issue_id(cursor, periodical_id, links) if periodical_id is not None and links.issue else None
        sqlite_search.unindex_documents(cursor, "id = ? OR path = ?", (item.document_id, item.path))
        cursor.execute("DELETE FROM documents WHERE id = ? OR path = ?", (item.document_id, item.path))
        # Another file that held this id is no longer stored: a later run must read it again.
        cursor.execute("DELETE FROM files WHERE document_id = ? AND path != ?", (item.document_id, item.path))
        cursor.execute(
            "INSERT INTO documents (id, path, content_hash, form, encoding, title, title_key, language, written, published,"
            " last_updated, issue_id, periodical_id, pages, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                item.document_id, item.path, item.content_hash, item.form, item.encoding, row.title, row.title_key,
                row.language, row.written, row.published, row.last_updated, issue_id, periodical_id, links.pages,
                row.record_json, _now(),
            ),
        )
        sqlite_search.index_document(
            cursor, int(cursor.lastrowid or 0), item.document_id,
            (row.title or "", row.subtitle or "", row.author_names, row.body),
            row.filed_date, periodical_id, row.language, row.title_key,
        )
        for position, author in enumerate(links.authors):
            author_id = self._author_id(cursor, author)
            cursor.execute(
                "INSERT INTO document_authors (document_id, position, author_id, role, printed_as) VALUES (?,?,?,?,?)",
                (item.document_id, position, author_id, author.role, author.printed_as),
            )
        cursor.executemany(
            "INSERT INTO credits (document_id, position, role, name, for_archive, date) VALUES (?,?,?,?,?,?)",
            [(item.document_id, position, c.role, c.name, c.for_archive, c.date) for position, c in enumerate(row.credits)],
        )
        self._note_file(cursor, item.path, item.content_hash, item.size, item.document_id, None, "stored")

    def _periodical_id(self, cursor: sqlite3.Cursor, links: CatalogueLinks) -> int:
        ref = links.periodical
        assert ref is not None
        row = cursor.execute("SELECT periodical_id FROM periodical_names WHERE name_key = ?", (ref.key,)).fetchone()
        if row is None:
            row = cursor.execute("SELECT id AS periodical_id FROM periodicals WHERE name_key = ?", (ref.key,)).fetchone()
        if row is not None:
            return int(row["periodical_id"])
        slug = self._free_slug(cursor, "periodicals", ref.slug)
        cursor.execute(
            "INSERT INTO periodicals (slug, name, full_name, mia_href, name_key) VALUES (?,?,?,?,?)",
            (slug, ref.name, ref.full_name, ref.href, ref.key),
        )
        periodical_id = int(cursor.lastrowid or 0)
        cursor.execute("INSERT OR IGNORE INTO periodical_names (name_key, periodical_id, name) VALUES (?,?,?)", (ref.key, periodical_id, ref.name))
        return periodical_id

    def _issue_id(self, cursor: sqlite3.Cursor, periodical_id: int, links: CatalogueLinks) -> int:
        issue = links.issue
        assert issue is not None
        cursor.execute(
            "INSERT INTO volumes (periodical_id, number, raw) VALUES (?,?,?) ON CONFLICT(periodical_id, number) DO NOTHING",
            (periodical_id, issue.volume, issue.volume_raw),
        )
        volume_id = cursor.execute(
            "SELECT id FROM volumes WHERE periodical_id = ? AND number = ?", (periodical_id, issue.volume)
        ).fetchone()["id"]
        cursor.execute(
            "INSERT INTO issues (periodical_id, volume_id, number, date, date_raw) VALUES (?,?,?,?,?)"
            " ON CONFLICT(volume_id, number, date) DO NOTHING",
            (periodical_id, volume_id, issue.number, issue.date, issue.date_raw),
        )
        return int(
            cursor.execute(
                "SELECT id FROM issues WHERE volume_id = ? AND number = ? AND date = ?", (volume_id, issue.number, issue.date)
            ).fetchone()["id"]
        )

    def _author_id(self, cursor: sqlite3.Cursor, author: AuthorRef) -> int:
        row = cursor.execute("SELECT id FROM authors WHERE slug = ?", (author.slug,)).fetchone()
        if row is None:
            key = name_key(author.name)
            row = cursor.execute("SELECT author_id AS id FROM author_aliases WHERE alias_key = ?", (key,)).fetchone()
        if row is not None:
            author_id = int(row["id"])
        else:
            cursor.execute(
                "INSERT INTO authors (slug, name, sort_name, mia_href) VALUES (?,?,?,?)",
                (self._free_slug(cursor, "authors", author.slug), author.name, author.sort_name, author.href),
            )
            author_id = int(cursor.lastrowid or 0)
        cursor.executemany(
            "INSERT OR IGNORE INTO author_aliases (author_id, alias, alias_key, kind) VALUES (?,?,?,?)",
            [(author_id, alias, name_key(alias), kind) for alias, kind in author.names()],
        )
        return author_id

    @staticmethod
    def _free_slug(cursor: sqlite3.Cursor, table: str, slug: str) -> str:
        exists = f"SELECT 1 FROM {table} WHERE slug = ?"
        return free_slug(slug, lambda candidate: cursor.execute(exists, (candidate,)).fetchone() is not None)

    def record_claim(
        self, *, document_id: str, person: str, status: str, evidence_document_id: str | None,
        evidence_text: str | None, recorded_by: str,
    ) -> None:
        cursor = self.connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            # The same claim recorded again replaces the old one: its note, who recorded it and when.
            cursor.execute(
                "DELETE FROM attribution_claims WHERE document_id = ? AND person = ? AND status = ? AND evidence_document_id IS ?",
                (document_id, person, status, evidence_document_id),
            )
            cursor.execute(
                "INSERT INTO attribution_claims (document_id, person, status, evidence_document_id, evidence_text, recorded_by,"
                " recorded_at) VALUES (?,?,?,?,?,?,?)",
                (document_id, person, status, evidence_document_id, evidence_text, recorded_by, _now()),
            )
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise

    # -- reading -------------------------------------------------------------

    def get_record(self, id_or_path: str) -> tuple[str, Record] | None:
        row = self.connection.execute(
            "SELECT id, record FROM documents WHERE id = ? OR path = ? LIMIT 1", (id_or_path, id_or_path)
        ).fetchone()
        if row is None:
            return None
        return row["id"], record_from_json(json.loads(row["record"]))

    def list_documents(self, periodical: str | None = None, author: str | None = None) -> list[DocumentSummary]:
        where: list[str] = []
        params: list[str] = []
        if periodical:
            where.append(
                "(p.slug = ? OR p.name_key = ? OR d.periodical_id IN (SELECT periodical_id FROM periodical_names WHERE name_key = ?))"
            )
            params += [periodical, periodical_key(periodical), periodical_key(periodical)]
        if author:
            where.append(
                "d.id IN (SELECT da.document_id FROM document_authors da JOIN authors a ON a.id = da.author_id"
                " WHERE a.slug = ? OR a.id IN (SELECT author_id FROM author_aliases WHERE alias_key = ? OR alias_key LIKE ?))"
            )
            known = load_default_catalogue().match_author_loosely(author)
            # "trotsky" finds "leon trotsky", as the search's author: filter does.
            params += [known.slug if known else slugify(author), name_key(author), f"% {name_key(author)}"]
        sql = (
            "SELECT d.id, d.title, d.path, p.name AS periodical, COALESCE(i.date, d.published, d.written) AS date,"
            " (SELECT group_concat(a.name, '\x1f') FROM document_authors da JOIN authors a ON a.id = da.author_id"
            "   WHERE da.document_id = d.id ORDER BY da.position) AS authors"
            " FROM documents d LEFT JOIN periodicals p ON p.id = d.periodical_id LEFT JOIN issues i ON i.id = d.issue_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY p.name, date, d.id"
        )
        return [
            DocumentSummary(
                id=row["id"], title=row["title"], path=row["path"], periodical=row["periodical"],
                date=row["date"] or None, authors=row["authors"].split("\x1f") if row["authors"] else [],
            )
            for row in self.connection.execute(sql, params)
        ]

    def search(self, query: Query, *, limit: int = 20, offset: int = 0) -> SearchResult:
        return sqlite_search.search(self.connection, self._search_columns.get(self.connection), query, limit=limit, offset=offset)

    def failures(self) -> list[tuple[str, str]]:
        return [(row["path"], row["error"]) for row in self.connection.execute("SELECT path, error FROM files WHERE status = 'failed' ORDER BY path")]

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.connection.execute(statement, params)]

    def count_documents(self) -> int:
        return int(self.connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def optimize(self) -> None:
        self.connection.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
        sqlite_search.make_champion_lists(self.connection)
        self.connection.execute("PRAGMA optimize")

    def close(self) -> None:
        self.connection.close()
