"""What every storage backend offers, whatever it runs on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from hemeroteca.record import Record
from hemeroteca.search.query import Query
from hemeroteca.search.results import SearchResult
from hemeroteca.store.rows import DocumentRow


class NoDatabaseError(FileNotFoundError):
    """A command that only reads was given a database that does not exist (or holds no archive)."""


class DatabaseUnavailableError(ConnectionError):
    """The database server cannot be reached or refuses us; the message is one line."""


@dataclass(frozen=True, slots=True)
class DocumentFile:
    """A file read as a document."""

    path: str  # absolute path of the file
    document_id: str
    content_hash: str
    size: int
    form: str
    encoding: str


@dataclass(frozen=True, slots=True)
class IngestedFile(DocumentFile):
    """A file read into a record."""

    record: Record


@dataclass(frozen=True, slots=True)
class PreparedFile(DocumentFile):
    """A file read into a record, made into what a store writes (store.rows)."""

    row: DocumentRow


@dataclass(frozen=True, slots=True)
class FailedFile:
    path: str
    content_hash: str
    size: int
    error: str


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A file that is no document (a redirect page): remembered, so that a re-run does not read it again."""

    path: str
    content_hash: str
    size: int
    reason: str


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    authors: list[str]
    periodical: str | None
    date: str | None
    path: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "authors": self.authors, "periodical": self.periodical, "date": self.date, "path": self.path}


class Store(Protocol):
    def stored_hashes(self) -> dict[str, str]:
        """Content hash of every file stored whole, by path."""

    def write_batch(self, items: list[PreparedFile | FailedFile | SkippedFile]) -> list[FailedFile]:
        """Store a batch in one transaction, every document whole; return documents the store refused."""

    def record_claim(
        self, *, document_id: str, person: str, status: str, evidence_document_id: str | None,
        evidence_text: str | None, recorded_by: str,
    ) -> None:
        """Record that a person's authorship of a document is denied, disputed or attributed (by the evidence document).

        The same claim (document, person, status, evidence document) recorded again replaces the old one.
        Callers check the claim first (attribution.record_claim): the store writes what it is given.
        """

    def get_record(self, id_or_path: str) -> tuple[str, Record] | None:
        """(id, record) by document id or by the file's path."""

    def list_documents(self, periodical: str | None = None, author: str | None = None) -> list[DocumentSummary]: ...

    def search(self, query: Query, *, limit: int = 20, offset: int = 0) -> SearchResult:
        """Ranked hits for the query, with facet counts over all that match."""

    def failures(self) -> list[tuple[str, str]]:
        """(path, reason) of every file whose last ingest failed."""

    def rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only statement written for every backend (store.browse), `?` placeholders."""

    def count_documents(self) -> int: ...

    def optimize(self) -> None:
        """After a bulk load: merge the search index, refresh the planner's statistics (and on SQLite the champion lists)."""

    def close(self) -> None: ...
