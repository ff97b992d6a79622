"""Ranked full-text search on SQLite: FTS5 with BM25 field weights, facets by GROUP BY.

The FTS5 table folds case and accents (unicode61 remove_diacritics 2) and stems
English (porter). Every user value reaches SQLite as a bound parameter; the
MATCH expression is built only from quoted strings, so no query text is ever
read as FTS5 or SQL syntax.
"""

from __future__ import annotations

import sqlite3

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import name_key, periodical_key, slugify
from hemeroteca.search.query import Query, fold
from hemeroteca.search.results import MARK_END, MARK_START, Hit, SearchResult

FTS_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, subtitle, authors, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- What search filters, ranks and counts by, beside the text: a narrow copy of a few of a document's
-- columns, so that the many rows a common word matches are read from small pages, not from the wide
-- documents rows (with their records) and their issues.
CREATE TABLE IF NOT EXISTS search_fields (
    document_rowid INTEGER PRIMARY KEY,   -- documents.rowid, documents_fts.rowid
    id TEXT NOT NULL,
    date TEXT,                            -- filed under: the issue's date, else published, else written (EDTF)
    periodical_id INTEGER,
    language TEXT,
    title_key TEXT
);
-- The author facet counts matched documents by author from this index alone.
CREATE INDEX IF NOT EXISTS document_authors_document ON document_authors(document_id, author_id);
"""
# Documents stored before search_fields existed get their row when the archive is opened.
BACKFILL = (
    "INSERT INTO search_fields (document_rowid, id, date, periodical_id, language, title_key)"
    " SELECT d.rowid, d.id, COALESCE(NULLIF(i.date, ''), d.published, d.written), d.periodical_id, d.language, d.title_key"
    " FROM documents d LEFT JOIN issues i ON i.id = d.issue_id"
    " WHERE d.rowid NOT IN (SELECT document_rowid FROM search_fields)"
)
# BM25 weights of the FTS columns: title > subtitle and authors > body.
COLUMN_WEIGHTS = (10.0, 4.0, 4.0, 1.0)
SNIPPET_TOKENS = 24
FACET_SIZE = 20

_YEAR = "CAST(substr(f.date, 1, 4) AS INTEGER)"
_FOUR_DIGITS = "f.date GLOB '[0-9][0-9][0-9][0-9]*'"


def index_document(
    cursor: sqlite3.Cursor, rowid: int, document_id: str, texts: tuple[str, str, str, str],
    date: str | None, periodical_id: int | None, language: str | None, title_key: str | None,
) -> None:
    """Make a stored document searchable: its texts (title, subtitle, authors, body) and its search fields."""
    cursor.execute("INSERT INTO documents_fts (rowid, title, subtitle, authors, body) VALUES (?,?,?,?,?)", (rowid, *texts))
    cursor.execute(
        "INSERT INTO search_fields (document_rowid, id, date, periodical_id, language, title_key) VALUES (?,?,?,?,?,?)",
        (rowid, document_id, date, periodical_id, language, title_key),
    )


def unindex_documents(cursor: sqlite3.Cursor, where: str, params: tuple[object, ...]) -> None:
    """Take the documents that `where` selects (in documents) out of the search index, before they are deleted."""
    for table, key in (("documents_fts", "rowid"), ("search_fields", "document_rowid")):
        cursor.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT rowid FROM documents WHERE {where})", params)


def _fts_string(words: tuple[str, ...]) -> str:
    """One FTS5 string (a phrase when several words): quotes doubled, so nothing inside is syntax."""
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: Query) -> str | None:
    """The FTS5 MATCH text for the query's words and phrases (exclusions are applied apart)."""
    parts = [_fts_string((word,)) for word in query.words] + [_fts_string(phrase) for phrase in query.phrases]
    return " AND ".join(parts) if parts else None


def _filters(query: Query) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    for author in query.authors:
        known = load_default_catalogue().match_author_loosely(author)
        where.append(
            "f.id IN (SELECT da.document_id FROM document_authors da JOIN authors a ON a.id = da.author_id"
            " WHERE a.slug = ? OR a.id IN (SELECT author_id FROM author_aliases WHERE alias_key = ? OR alias_key LIKE ?))"
        )
        key = name_key(author)
        params += [known.slug if known else slugify(author), key, f"% {key}"]  # "cannon" finds "james p cannon"
    for periodical in query.periodicals:
        key = periodical_key(periodical)
        where.append(
            "(f.periodical_id IN (SELECT id FROM periodicals WHERE slug = ? OR name_key = ?)"
            " OR f.periodical_id IN (SELECT periodical_id FROM periodical_names WHERE name_key = ?))"
        )
        params += [periodical, key, key]
    if query.years is not None:
        where.append(f"{_YEAR} BETWEEN ? AND ?")
        params += list(query.years)
    if query.languages:
        where.append(f"f.language IN ({', '.join('?' for _ in query.languages)})")
        params += list(query.languages)
    for excluded in query.excluded:
        where.append("f.document_rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(_fts_string(excluded))
    return where, params


# Tiers above BM25 (whose scores stay well under 100): a known item typed in full wins.
_EXACT_TITLE_BONUS = 200.0
_IN_ORDER_BONUS = 100.0


def _score(query: Query) -> tuple[str, list[object]]:
    """Relevance: the document's exact title typed, then all the words in the order typed, then BM25."""
    bm25 = f"-bm25(documents_fts, {', '.join(map(str, COLUMN_WEIGHTS))})"
    if not query.words or query.phrases:
        return bm25, []
    typed = fold(" ".join(query.words))
    if len(query.words) == 1:
        return f"(CASE WHEN f.title_key = ? THEN {_EXACT_TITLE_BONUS} ELSE 0 END) + {bm25}", [typed]
    return (
        f"(CASE WHEN f.title_key = ? THEN {_EXACT_TITLE_BONUS} ELSE 0 END)"
        f" + (CASE WHEN f.document_rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) THEN {_IN_ORDER_BONUS} ELSE 0 END)"
        f" + {bm25}",
        [typed, _fts_string(query.words)],
    )


_MATCHED_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS matched (document_rowid INTEGER, score REAL, date TEXT, year INTEGER,"
    " periodical_id INTEGER, language TEXT, id TEXT)"
)


def search(connection: sqlite3.Connection, query: Query, *, limit: int = 20, offset: int = 0) -> SearchResult:
    match = match_expression(query)
    where, params = _filters(query)
    if match is not None:
        source = " FROM documents_fts JOIN search_fields f ON f.document_rowid = documents_fts.rowid"
        where.insert(0, "documents_fts MATCH ?")
        score, score_params = _score(query)
        params = [*score_params, match, *params]  # in the order the statement names them: SELECT, then WHERE
    else:
        source = " FROM search_fields f"
        score = "0.0"
    condition = (" WHERE " + " AND ".join(where)) if where else ""
    # One temp table per connection, emptied for each search: creating and dropping it would change the
    # schema, and every prepared statement of the connection would be prepared again.
    connection.execute(_MATCHED_TABLE)
    connection.execute("DELETE FROM temp.matched")
    # Only what ranking and facets need, for every match; titles, names and authors are read for the page alone.
    connection.execute(
        f"INSERT INTO temp.matched SELECT f.document_rowid, {score}, f.date,"
        f" CASE WHEN {_FOUR_DIGITS} THEN {_YEAR} END, f.periodical_id, f.language, f.id"
        f"{source}{condition}",
        params,
    )
    total = connection.execute("SELECT COUNT(*) FROM temp.matched").fetchone()[0]
    rows = connection.execute(
        "SELECT m.*, d.title AS title, p.name AS periodical,"
        " (SELECT group_concat(a.name, char(31)) FROM document_authors da JOIN authors a ON a.id = da.author_id"
        "   WHERE da.document_id = m.id ORDER BY da.position) AS authors"
        " FROM (SELECT * FROM temp.matched ORDER BY score DESC, date, id LIMIT ? OFFSET ?) m"
        " JOIN documents d ON d.rowid = m.document_rowid LEFT JOIN periodicals p ON p.id = m.periodical_id"
        " ORDER BY m.score DESC, m.date, m.id",
        (limit, offset),
    ).fetchall()
    snippets = _snippets(connection, match, [row["document_rowid"] for row in rows]) if match is not None else {}
    hits = [
        Hit(
            id=row["id"], title=row["title"], authors=row["authors"].split("\x1f") if row["authors"] else [],
            periodical=row["periodical"], date=row["date"], language=row["language"],
            snippet=" ".join(snippets.get(row["document_rowid"], "").split()), score=float(row["score"]),
        )
        for row in rows
    ]
    # Counted by id, then named: the top values only are joined to their names.
    facets = {
        "periodical": _facet(
            connection,
            "SELECT p.name, SUM(counted.n) FROM (SELECT periodical_id, COUNT(*) AS n FROM temp.matched"
            " WHERE periodical_id IS NOT NULL GROUP BY 1) counted JOIN periodicals p ON p.id = counted.periodical_id GROUP BY 1",
        ),
        "author": _facet(
            connection,
            "SELECT a.name, SUM(counted.n) FROM (SELECT da.author_id, COUNT(DISTINCT da.document_id) AS n FROM temp.matched m"
            " JOIN document_authors da ON da.document_id = m.id GROUP BY 1) counted JOIN authors a ON a.id = counted.author_id"
            " GROUP BY 1",
        ),
        "decade": _facet(
            connection, "SELECT (year / 10 * 10) || 's', COUNT(*) FROM temp.matched WHERE year IS NOT NULL GROUP BY 1"
        ),
        "year": _facet(connection, "SELECT CAST(year AS TEXT), COUNT(*) FROM temp.matched WHERE year IS NOT NULL GROUP BY 1"),
        "language": _facet(connection, "SELECT language, COUNT(*) FROM temp.matched WHERE language IS NOT NULL GROUP BY 1"),
    }
    connection.execute("DELETE FROM temp.matched")
    return SearchResult(query=query.text, total=total, offset=offset, hits=hits, facets=facets)


def _snippets(connection: sqlite3.Connection, match: str, rowids: list[int]) -> dict[int, str]:
    """Matches in context, for the page of hits only: snippet() reads each document's text."""
    if not rowids:
        return {}
    rows = connection.execute(
        f"SELECT rowid, snippet(documents_fts, 3, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_TOKENS}) FROM documents_fts"
        f" WHERE documents_fts MATCH ? AND rowid IN ({', '.join('?' for _ in rowids)})",
        [match, *rowids],
    )
    return {rowid: snippet for rowid, snippet in rows}


def _facet(connection: sqlite3.Connection, sql: str) -> list[tuple[str, int]]:
    rows = connection.execute(f"{sql} ORDER BY 2 DESC, 1 LIMIT {FACET_SIZE}").fetchall()
    return [(str(value), int(count)) for value, count in rows]
