"""Ranked full-text search on SQLite: FTS5 with BM25 field weights.

The FTS5 table folds case and accents (unicode61 remove_diacritics 2) and stems
English (porter). Every user value reaches SQLite as a bound parameter; the
MATCH expression is built only from quoted strings, so no query text is ever
read as FTS5 or SQL syntax. The matches' rowids come out of FTS5 once; filters
and facet counts run on them in memory (sqlite_facets), and a common word's
matches are ranked from its champion list (sqlite_champions).
"""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import name_key, periodical_key, slugify
from hemeroteca.search.query import Query, fold
from hemeroteca.search.results import MARK_END, MARK_START, Hit, SearchResult
from hemeroteca.store import sqlite_champions
from hemeroteca.store.sqlite_facets import Rowids, SearchColumns, concatenated

TOKENIZE = "porter unicode61 remove_diacritics 2"
FTS_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, subtitle, authors, body,
    tokenize = '{TOKENIZE}'
);
"""
FTS_SCHEMA = FTS_TABLE + """
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
-- A page of hits reads its authors, and the author facet its pairs, from this index alone.
CREATE INDEX IF NOT EXISTS document_authors_document ON document_authors(document_id, author_id);
""" + sqlite_champions.SCHEMA
# Documents stored before search_fields existed get their row when the archive is opened.
BACKFILL = (
    "INSERT INTO search_fields (document_rowid, id, date, periodical_id, language, title_key)"
    " SELECT d.rowid, d.id, COALESCE(NULLIF(i.date, ''), d.published, d.written), d.periodical_id, d.language, d.title_key"
    " FROM documents d LEFT JOIN issues i ON i.id = d.issue_id"
    " WHERE d.rowid NOT IN (SELECT document_rowid FROM search_fields)"
)
# BM25 weights of the FTS columns: title > subtitle and authors > body.
COLUMN_WEIGHTS = (10.0, 4.0, 4.0, 1.0)
_BM25 = f"bm25(documents_fts, {', '.join(map(str, COLUMN_WEIGHTS))})"  # lower is better
SNIPPET_TOKENS = 24
# Past this many documents to rank, a common word's champion list is ranked in their place.
RANKED_IN_FULL = 2_000


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
    # Row by row: FTS5 finds a row by `rowid = ?`, but would scan the whole index for `rowid IN (SELECT …)`.
    rowids = [(row[0],) for row in cursor.execute(f"SELECT rowid FROM documents WHERE {where}", params)]
    for table, key in (("documents_fts", "rowid"), ("search_fields", "document_rowid")):
        cursor.executemany(f"DELETE FROM {table} WHERE {key} = ?", rowids)


def _fts_string(words: tuple[str, ...]) -> str:
    """One FTS5 string (a phrase when several words): quotes doubled, so nothing inside is syntax."""
    return '"' + " ".join(words).replace('"', '""') + '"'


def match_expression(query: Query) -> str | None:
    """The FTS5 MATCH text for the query's words and phrases (exclusions are applied apart)."""
    parts = [_fts_string((word,)) for word in query.words] + [_fts_string(phrase) for phrase in query.phrases]
    return " AND ".join(parts) if parts else None


# Tiers above BM25 (whose scores stay well under 100): a known item typed in full wins.
_EXACT_TITLE_BONUS = 200.0
_IN_ORDER_BONUS = 100.0


def _score(query: Query, in_order: Rowids) -> tuple[str, list[object]]:
    """Relevance: the document's exact title typed, then all the words in the order typed (the documents
    `in_order`), then BM25."""
    bm25 = f"-{_BM25}"
    if not query.words or query.phrases:
        return bm25, []
    typed = fold(" ".join(query.words))
    if len(query.words) == 1:
        return f"(CASE WHEN f.title_key = ? THEN {_EXACT_TITLE_BONUS} ELSE 0 END) + {bm25}", [typed]
    return (
        f"(CASE WHEN f.title_key = ? THEN {_EXACT_TITLE_BONUS} ELSE 0 END)"
        f" + (CASE WHEN f.document_rowid IN (SELECT value FROM json_each(?)) THEN {_IN_ORDER_BONUS} ELSE 0 END)"
        f" + {bm25}",
        [typed, json.dumps(in_order.tolist())],
    )


def search(connection: sqlite3.Connection, columns: SearchColumns, query: Query, *, limit: int = 20, offset: int = 0) -> SearchResult:
    match = match_expression(query)
    if match is None:
        selected = _filtered(connection, columns, query, columns.documents)
        page = [(rowid, 0.0) for rowid in columns.in_reading_order(selected)[offset : offset + limit].tolist()]
    else:
        matched = columns.known(_matching(connection, match))
        selected = _filtered(connection, columns, query, matched)
        page = _ranked(connection, query, match, selected, every_match=len(selected) == len(matched), limit=limit, offset=offset)
    return SearchResult(
        query=query.text, total=len(selected), offset=offset, hits=_hits(connection, match, page), facets=columns.facets(selected)
    )


def _matching(connection: sqlite3.Connection, match: str) -> Rowids:
    return concatenated(connection, "SELECT group_concat(rowid) FROM documents_fts WHERE documents_fts MATCH ?", (match,))


def _filtered(connection: sqlite3.Connection, columns: SearchColumns, query: Query, rowids: Rowids) -> Rowids:
    """The documents among `rowids` that pass the query's filters and exclusions."""
    if query.years is not None:
        rowids = columns.within_years(rowids, *query.years)
    if query.languages:
        rowids = columns.in_languages(rowids, query.languages)
    for periodical in query.periodicals:
        key = periodical_key(periodical)
        named = connection.execute(
            "SELECT id FROM periodicals WHERE slug = ? OR name_key = ? UNION SELECT periodical_id FROM periodical_names WHERE name_key = ?",
            (periodical, key, key),
        )
        rowids = columns.in_periodicals(rowids, [row[0] for row in named])
    for author in query.authors:
        known = load_default_catalogue().match_author_loosely(author)
        key = name_key(author)
        theirs = concatenated(
            connection,
            "SELECT group_concat(rowid) FROM documents WHERE id IN (SELECT da.document_id FROM document_authors da"
            " JOIN authors a ON a.id = da.author_id"
            " WHERE a.slug = ? OR a.id IN (SELECT author_id FROM author_aliases WHERE alias_key = ? OR alias_key LIKE ?))",
            (known.slug if known else slugify(author), key, f"% {key}"),  # "cannon" finds "james p cannon"
        )
        rowids = rowids[np.isin(rowids, theirs)]
    for excluded in query.excluded:
        rowids = rowids[~np.isin(rowids, _matching(connection, _fts_string(excluded)))]
    return rowids


def _ranked(
    connection: sqlite3.Connection, query: Query, match: str, selected: Rowids, *, every_match: bool, limit: int, offset: int
) -> list[tuple[int, float]]:
    """(rowid, score) of the page of best documents among `selected`, ranked by _score.

    Only a pool of them is ranked when it surely holds the page: the documents with the words in the order
    typed, when there are enough of them (_score puts them first); and out of more than RANKED_IN_FULL,
    those on the query's champion lists (with the documents titled as typed), when enough are.
    """
    wanted = offset + limit
    several_words = len(query.words) > 1 and not query.phrases
    in_order = _matching(connection, _fts_string(query.words)) if several_words else np.empty(0, dtype=np.int64)
    titled = _titled(connection, query)
    pool = selected
    ordered = selected[np.isin(selected, in_order)]
    if len(ordered) >= wanted:
        pool = np.union1d(ordered, selected[np.isin(selected, titled)])
    if len(pool) > RANKED_IN_FULL:
        words = [*query.words, *(word for phrase in query.phrases for word in phrase)]
        champions = sqlite_champions.candidates(connection, _index_terms(connection, words))
        if champions is not None:
            within = pool[np.isin(pool, np.concatenate([champions, titled]))]
            if len(within) >= wanted:
                pool = within
    every_match = every_match and len(pool) == len(selected)
    score, score_params = _score(query, in_order[np.isin(in_order, pool)])
    among = "" if every_match else " AND +documents_fts.rowid IN (SELECT value FROM json_each(?))"
    rows = connection.execute(
        f"SELECT documents_fts.rowid, {score} AS score FROM documents_fts JOIN search_fields f ON f.document_rowid = documents_fts.rowid"
        f" WHERE documents_fts MATCH ?{among} ORDER BY score DESC, f.date, f.id LIMIT ? OFFSET ?",
        [*score_params, match, *([] if every_match else [json.dumps(pool.tolist())]), limit, offset],
    )
    return [(rowid, float(score)) for rowid, score in rows]


def _titled(connection: sqlite3.Connection, query: Query) -> Rowids:
    """The documents titled exactly as the query's words read: _score puts them first."""
    if not query.words or query.phrases:
        return np.empty(0, dtype=np.int64)
    return concatenated(connection, "SELECT group_concat(rowid) FROM documents WHERE title_key = ?", (fold(" ".join(query.words)),))


_QUERY_TERMS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_text USING fts5(text, tokenize = '{TOKENIZE}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_terms USING fts5vocab(temp, query_text, row)",
)


def _index_terms(connection: sqlite3.Connection, words: list[str]) -> list[str]:
    """The words as the index holds them (folded, stemmed), from the index's own tokenizer on a temp table."""
    for statement in _QUERY_TERMS:
        connection.execute(statement)
    connection.execute("INSERT INTO temp.query_text (text) VALUES (?)", (" ".join(words),))
    terms = [row[0] for row in connection.execute("SELECT term FROM temp.query_terms")]
    connection.execute("DELETE FROM temp.query_text")
    return terms


def make_champion_lists(connection: sqlite3.Connection) -> int:
    return sqlite_champions.make(connection, "documents_fts", _BM25)


def _hits(connection: sqlite3.Connection, match: str | None, page: list[tuple[int, float]]) -> list[Hit]:
    if not page:
        return []
    rowids = [rowid for rowid, _ in page]
    rows = {
        row["document_rowid"]: row
        for row in connection.execute(
            "SELECT f.document_rowid, f.id, f.date, f.language, d.title, p.name AS periodical,"
            " (SELECT group_concat(a.name, char(31)) FROM document_authors da JOIN authors a ON a.id = da.author_id"
            "   WHERE da.document_id = f.id ORDER BY da.position) AS authors"
            " FROM search_fields f JOIN documents d ON d.rowid = f.document_rowid LEFT JOIN periodicals p ON p.id = f.periodical_id"
            f" WHERE f.document_rowid IN ({', '.join('?' for _ in rowids)})",
            rowids,
        )
    }
    snippets = _snippets(connection, match, rowids) if match is not None else {}
    return [
        Hit(
            id=row["id"], title=row["title"], authors=row["authors"].split("\x1f") if row["authors"] else [],
            periodical=row["periodical"], date=row["date"], language=row["language"],
            snippet=" ".join(snippets.get(rowid, "").split()), score=score,
        )
        for rowid, score in page
        if (row := rows.get(rowid)) is not None
    ]


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
