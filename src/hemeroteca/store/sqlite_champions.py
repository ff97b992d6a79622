"""Champion lists: for each common word, the documents it ranks highest.

BM25 in FTS5 is computed for every match before the best are kept, and a
common word matches half a large archive. A champion list holds, for each term
in more than COMMON_TERM_DOCUMENTS documents, its CHAMPIONS_PER_TERM best
documents by the search's own weighted BM25; a query matching thousands of
documents ranks only those on its terms' lists (and those stored since the
lists were made), not every match (Manning, Raghavan and Schütze,
*Introduction to Information Retrieval*, 7.1.3). The lists are made by
`optimize()` after a bulk load; until then, and for any query with a term that
has no list, every match is ranked.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from hemeroteca.store.sqlite_facets import Rowids, concatenated

COMMON_TERM_DOCUMENTS = 10_000
CHAMPIONS_PER_TERM = 1_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS search_champions (
    term TEXT NOT NULL,                 -- as the FTS5 index holds it: folded and stemmed
    document_rowid INTEGER NOT NULL,
    PRIMARY KEY (term, document_rowid)
) WITHOUT ROWID;
-- The last rowid when the lists were made: documents stored since are ranked with every list.
CREATE TABLE IF NOT EXISTS search_champions_made (last_rowid INTEGER NOT NULL);
"""


def make(connection: sqlite3.Connection, fts_table: str, ranking: str) -> int:
    """Make the champion lists anew (`ranking` orders the best first); returns how many terms have one."""
    connection.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.champion_vocabulary USING fts5vocab(main, {fts_table}, row)")
    common = connection.execute(
        "SELECT term, doc FROM temp.champion_vocabulary WHERE doc > ?", (COMMON_TERM_DOCUMENTS,)
    ).fetchall()
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("DELETE FROM search_champions")
        connection.execute("DELETE FROM search_champions_made")
        made = 0
        for term, documents in common:
            phrase = '"' + term.replace('"', '""') + '"'
            # A term the tokenizer would change again (a stem stemmed anew) cannot be matched as itself: no list.
            if connection.execute(f"SELECT COUNT(*) FROM {fts_table} WHERE {fts_table} MATCH ?", (phrase,)).fetchone()[0] != documents:
                continue
            connection.execute(
                f"INSERT INTO search_champions (term, document_rowid) SELECT ?, rowid FROM {fts_table}"
                f" WHERE {fts_table} MATCH ? ORDER BY {ranking} LIMIT ?",
                (term, phrase, CHAMPIONS_PER_TERM),
            )
            made += 1
        connection.execute(f"INSERT INTO search_champions_made SELECT COALESCE(MAX(rowid), 0) FROM {fts_table}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("DROP TABLE temp.champion_vocabulary")
    return made


def candidates(connection: sqlite3.Connection, terms: list[str]) -> Rowids | None:
    """The terms' champion lists and the documents stored since (a rowid may repeat); None when a term has no list."""
    made = connection.execute("SELECT last_rowid FROM search_champions_made").fetchone()
    if made is None or not terms:
        return None
    found: list[Rowids] = []
    for term in terms:
        champions = concatenated(connection, "SELECT group_concat(document_rowid) FROM search_champions WHERE term = ?", (term,))
        if not len(champions):
            return None
        found.append(champions)
    found.append(concatenated(connection, "SELECT group_concat(document_rowid) FROM search_fields WHERE document_rowid > ?", (made[0],)))
    return np.concatenate(found)
