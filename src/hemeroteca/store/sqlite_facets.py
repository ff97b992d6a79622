"""Filters and facet counts over every match, from the search fields held in memory.

A common word matches half a large archive; joining each match to its row to
filter and count it costs a B-tree seek a match. Here the few columns search
filters and counts by are read once into arrays indexed by rowid, and a search
filters and counts its matches with array operations. The arrays are read
again when the archive changes: another connection's commit changes
`PRAGMA data_version`; the store drops them after its own writes.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hemeroteca.search.results import FACET_SIZE

Rowids = npt.NDArray[np.int64]
_NONE = -1
_FOUR_DIGITS = "date GLOB '[0-9][0-9][0-9][0-9]*'"


def rowid_array(text: str | None) -> Rowids:
    """Rowids from a group_concat() of integers: one string crosses from SQLite, not a row each."""
    if not text:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")  # text mode: ten times faster than splitting


def concatenated(connection: sqlite3.Connection, sql: str, params: Iterable[object] = ()) -> Rowids:
    """The rowids a `SELECT group_concat(…)` statement returns, as an array."""
    return rowid_array(connection.execute(sql, tuple(params)).fetchone()[0])


def _column(connection: sqlite3.Connection, expression: str, size: int) -> npt.NDArray[np.int64]:
    """An integer column of search_fields, NULL as -1, indexed by rowid."""
    values = np.full(size, _NONE, dtype=np.int64)
    row = connection.execute(
        f"SELECT group_concat(document_rowid), group_concat(COALESCE({expression}, {_NONE})) FROM search_fields"
    ).fetchone()
    values[rowid_array(row[0])] = rowid_array(row[1])
    return values


@dataclass(frozen=True)
class SearchColumns:
    documents: Rowids  # every stored document's rowid, ascending
    year: npt.NDArray[np.int64]  # by rowid; -1: no four-digit year
    periodical: npt.NDArray[np.int64]  # by rowid; -1: none
    language: npt.NDArray[np.int64]  # by rowid: index into languages; -1: none
    languages: list[str]
    reading_order: npt.NDArray[np.int64]  # by rowid: position by date, then id (the order of unranked results)
    author_documents: Rowids  # one (document, author) pair an index, each pair once
    author_ids: npt.NDArray[np.int64]
    periodical_names: dict[int, str]
    author_names: dict[int, str]

    @classmethod
    def read(cls, connection: sqlite3.Connection) -> SearchColumns:
        size = int(connection.execute("SELECT COALESCE(MAX(document_rowid), 0) + 1 FROM search_fields").fetchone()[0])
        languages = [row[0] for row in connection.execute("SELECT DISTINCT language FROM search_fields WHERE language IS NOT NULL ORDER BY 1")]
        language_case = " ".join(f"WHEN ? THEN {code}" for code in range(len(languages)))
        language = np.full(size, _NONE, dtype=np.int64)
        if languages:
            row = connection.execute(
                f"SELECT group_concat(document_rowid), group_concat(CASE language {language_case} END)"
                " FROM search_fields WHERE language IS NOT NULL",
                languages,
            ).fetchone()
            language[rowid_array(row[0])] = rowid_array(row[1])
        ordered = concatenated(connection, "SELECT group_concat(document_rowid) FROM (SELECT document_rowid FROM search_fields ORDER BY date, id)")
        reading_order = np.zeros(size, dtype=np.int64)
        reading_order[ordered] = np.arange(len(ordered))
        pairs = connection.execute(
            "SELECT group_concat(document_rowid), group_concat(author_id) FROM (SELECT DISTINCT d.rowid AS document_rowid, da.author_id"
            " FROM document_authors da JOIN documents d ON d.id = da.document_id)"
        ).fetchone()
        return cls(
            documents=np.sort(ordered),
            year=_column(connection, f"CASE WHEN {_FOUR_DIGITS} THEN CAST(substr(date, 1, 4) AS INTEGER) END", size),
            periodical=_column(connection, "periodical_id", size),
            language=language,
            languages=languages,
            reading_order=reading_order,
            author_documents=rowid_array(pairs[0]),
            author_ids=rowid_array(pairs[1]),
            periodical_names={row[0]: row[1] for row in connection.execute("SELECT id, name FROM periodicals")},
            author_names={row[0]: row[1] for row in connection.execute("SELECT id, name FROM authors")},
        )

    def known(self, rowids: Rowids) -> Rowids:
        """The rowids that name a document these columns hold (one stored since they were read is left out)."""
        return rowids[(rowids >= 0) & (rowids < len(self.year))]

    def within_years(self, rowids: Rowids, first: int, last: int) -> Rowids:
        years = self.year[rowids]
        return rowids[(years >= first) & (years <= last)]

    def in_languages(self, rowids: Rowids, languages: Iterable[str]) -> Rowids:
        codes = [self.languages.index(language) for language in languages if language in self.languages]
        return rowids[np.isin(self.language[rowids], codes)]

    def in_periodicals(self, rowids: Rowids, periodical_ids: Iterable[int]) -> Rowids:
        return rowids[np.isin(self.periodical[rowids], list(periodical_ids))]

    def in_reading_order(self, rowids: Rowids) -> Rowids:
        return rowids[np.argsort(self.reading_order[rowids], kind="stable")]

    def facets(self, rowids: Rowids) -> dict[str, list[tuple[str, int]]]:
        """Counts of the matched documents by periodical, author, decade, year and language: the commonest first."""
        selected = np.zeros(len(self.year), dtype=bool)
        selected[rowids] = True
        years = self.year[rowids]
        years = years[years != _NONE]
        periodicals = self.periodical[rowids]
        languages = self.language[rowids]
        return {
            "periodical": _named(np.bincount(periodicals[periodicals != _NONE]), self.periodical_names.get),
            "author": _named(np.bincount(self.author_ids[selected[self.author_documents]]), self.author_names.get),
            "decade": _named(np.bincount(years // 10), lambda decade: f"{decade * 10}s"),
            "year": _named(np.bincount(years), str),
            "language": _named(np.bincount(languages[languages != _NONE]), self.languages.__getitem__),
        }


def _named(counts: npt.NDArray[np.int64], name_of: Callable[[int], str | None]) -> list[tuple[str, int]]:
    """Counts by id summed by name (two periodicals or authors may share one), the top FACET_SIZE by count, then name."""
    by_name: dict[str, int] = defaultdict(int)
    for value in np.flatnonzero(counts).tolist():
        if (name := name_of(value)) is not None:
            by_name[name] += int(counts[value])
    return sorted(by_name.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]


class SearchColumnsCache:
    """One store's SearchColumns, read again when another connection has committed or after `clear()`."""

    def __init__(self) -> None:
        self._columns: SearchColumns | None = None
        self._data_version: int | None = None

    def get(self, connection: sqlite3.Connection) -> SearchColumns:
        data_version = int(connection.execute("PRAGMA data_version").fetchone()[0])
        if self._columns is None or data_version != self._data_version:
            self._columns, self._data_version = SearchColumns.read(connection), data_version
        return self._columns

    def clear(self) -> None:
        self._columns = None
