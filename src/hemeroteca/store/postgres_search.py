"""Ranked full-text search on PostgreSQL: tsvector + GIN, ts_rank_cd, ts_headline, facets in one statement.

store/postgres.py explains how documents and queries meet (one text search
configuration for both, as the SQLite store's FTS5 tokenizer). The result is the
SQLite store's: the same matches, tiers, snippets marked with MARK_START/MARK_END,
and facet counts over all that match. Every user value is a bound parameter;
tsquery values are made only by phraseto_tsquery from them.
"""

from __future__ import annotations

from typing import Any

import psycopg

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import name_key, periodical_key, slugify
from hemeroteca.search.query import Query, fold
from hemeroteca.search.results import FACET_SIZE, MARK_END, MARK_START, Hit, SearchResult

CONFIG = "'hemeroteca'::regconfig"  # store.postgres.SEARCH_CONFIG
# ts_rank_cd weights {D, C, B, A}: title 1.0 > subtitle and authors 0.4 > body 0.1, SQLite's 10:4:1.
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# 1: divided by 1 + log(document length), as BM25 weighs long documents down; 32: rank/(rank+1), under 1.
RANK_NORMALIZATION = 1 | 32
SNIPPET_WORDS = 24
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2},'
    " ShortWord=3, MaxFragments=1"
)

# The date a document is found under: its issue's, else its publication's, else its writing's.
_DATE = "COALESCE(NULLIF(i.date, ''), d.published, d.written)"
# SQLite's CAST(substr(date, 1, 4) AS INTEGER): the leading digits of the first four characters.
_YEAR = f"CAST(substring(substr({_DATE}, 1, 4) from '^[-+]?[0-9]+') AS INTEGER)"

_EXACT_TITLE_BONUS = 200.0
_IN_ORDER_BONUS = 100.0


class _Params:
    """Named bound parameters, so one value can be used in several places."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f"%({name})s"


def _phrase(text: str) -> str:
    """A word or phrase as a tsquery: its words in order, split and folded as the documents' were."""
    return f"hemeroteca_unmark(phraseto_tsquery({CONFIG}, hemeroteca_words({text})))"


def _occurs(tsquery: str) -> str:
    """The tsquery (a word or a phrase) occurs in the document; see store.postgres on chunked documents."""
    return (
        f"(CASE WHEN chunks.chunked THEN (ts_filter(d.tsv, '{{a,b}}') @@ {tsquery}"
        f" OR EXISTS (SELECT 1 FROM document_chunks c WHERE c.document_id = d.id AND c.tsv @@ {tsquery}))"
        f" ELSE d.tsv @@ {tsquery} END)"
    )


def _filters(query: Query, bind: _Params) -> list[str]:
    where: list[str] = []
    for author in query.authors:
        known = load_default_catalogue().match_author_loosely(author)
        key = name_key(author)
        where.append(
            "d.id IN (SELECT da.document_id FROM document_authors da JOIN authors a ON a.id = da.author_id"
            f" WHERE a.slug = {bind(known.slug if known else slugify(author))} OR a.id IN"
            f" (SELECT author_id FROM author_aliases WHERE alias_key = {bind(key)} OR alias_key LIKE {bind(f'% {key}')}))"
        )
    for periodical in query.periodicals:
        key = bind(periodical_key(periodical))
        where.append(
            f"(p.slug = {bind(periodical)} OR p.name_key = {key}"
            f" OR d.periodical_id IN (SELECT periodical_id FROM periodical_names WHERE name_key = {key}))"
        )
    if query.years is not None:
        where.append(f"{_YEAR} BETWEEN {bind(query.years[0])} AND {bind(query.years[1])}")
    if query.languages:
        where.append(f"d.language = ANY({bind(list(query.languages))})")
    for excluded in query.excluded:
        where.append(f"NOT {_occurs(_phrase(bind(' '.join(excluded))))}")
    return where


def _facet(select: str) -> str:
    """A facet as a JSON array of [value, count], commonest first, SQLite's order for ties."""
    return (
        "(SELECT COALESCE(json_agg(json_build_array(value, n) ORDER BY n DESC, value COLLATE \"C\"), '[]'::json)"
        f' FROM (SELECT * FROM ({select} GROUP BY 1) counted ORDER BY n DESC, value COLLATE "C" LIMIT {FACET_SIZE}) facet)'
    )


_FACETS = {
    "periodical": _facet("SELECT periodical AS value, COUNT(*) AS n FROM matched WHERE periodical IS NOT NULL"),
    "author": _facet(
        "SELECT a.name AS value, COUNT(DISTINCT m.id) AS n FROM matched m JOIN document_authors da ON da.document_id = m.id"
        " JOIN authors a ON a.id = da.author_id"
    ),
    "decade": _facet(
        "SELECT (CAST(substr(date, 1, 4) AS INTEGER) / 10 * 10)::text || 's' AS value, COUNT(*) AS n FROM matched"
        " WHERE substr(date, 1, 4) ~ '^[0-9]{4}$'"
    ),
    "year": _facet("SELECT substr(date, 1, 4) AS value, COUNT(*) AS n FROM matched WHERE substr(date, 1, 4) ~ '^[0-9]{4}$'"),
    "language": _facet("SELECT language AS value, COUNT(*) AS n FROM matched WHERE language IS NOT NULL"),
}


def search(connection: psycopg.Connection[Any], query: Query, *, limit: int = 20, offset: int = 0) -> SearchResult:
    sql, params = statement(query, limit=limit, offset=offset)
    row = connection.execute(sql, params).fetchone()  # type: ignore[arg-type] - built from this module's text
    assert row is not None
    total, hit_rows, *facet_rows = row
    return SearchResult(
        query=query.text,
        total=int(total),
        offset=offset,
        hits=[
            Hit(
                id=id_, title=title, authors=authors or [], periodical=periodical, date=date, language=language,
                snippet=" ".join((snippet or "").split()), score=float(score),
            )
            for id_, title, authors, periodical, date, language, snippet, score in hit_rows
        ],
        facets={name: [(str(value), int(count)) for value, count in values] for name, values in zip(_FACETS, facet_rows)},
    )


def statement(query: Query, *, limit: int = 20, offset: int = 0) -> tuple[str, dict[str, Any]]:
    """One SELECT and its parameters: the number of matches, the page of hits (JSON), each facet (JSON)."""
    bind = _Params()
    texts = [bind(word) for word in query.words] + [bind(" ".join(phrase)) for phrase in query.phrases]
    where = _filters(query, bind)
    if texts:
        # Every word and phrase must occur. All their words, in any order, is what the GIN index on tsv
        # answers: it narrows the documents to test for each phrase.
        every_word = bind(" ".join([*query.words, *(word for phrase in query.phrases for word in phrase)]))
        where[:0] = [f"d.tsv @@ hemeroteca_unmark(plainto_tsquery({CONFIG}, hemeroteca_words({every_word})))", *(_occurs(_phrase(t)) for t in texts)]
        tsquery = "(" + " && ".join(map(_phrase, texts)) + ")"
        score = f"ts_rank_cd('{RANK_WEIGHTS}', d.tsv, {tsquery}, {RANK_NORMALIZATION})"
        if query.words and not query.phrases:
            score = f"(CASE WHEN d.title_key = {bind(fold(' '.join(query.words)))} THEN {_EXACT_TITLE_BONUS} ELSE 0 END) + {score}"
            if len(query.words) > 1:
                in_order = _phrase(bind(" ".join(query.words)))
                score = f"(CASE WHEN {_occurs(in_order)} THEN {_IN_ORDER_BONUS} ELSE 0 END) + {score}"
    else:
        tsquery, score = "NULL::tsquery", "0.0"
    condition = (" WHERE " + " AND ".join(where)) if where else ""
    matched = (
        f"matched AS MATERIALIZED (SELECT d.id, ({score})::float8 AS score, d.title, p.name AS periodical,"
        f" {_DATE} AS date, d.language"
        " FROM documents d LEFT JOIN periodicals p ON p.id = d.periodical_id LEFT JOIN issues i ON i.id = d.issue_id"
        " CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM document_chunks c WHERE c.document_id = d.id) AS chunked) chunks"
        f"{condition})"
    )
    hits = _hits(texts, tsquery, bind, limit, offset)
    return f"WITH {matched} SELECT (SELECT COUNT(*) FROM matched), {hits}, " + ", ".join(_FACETS.values()), bind.values


def _headline(tsquery: str, options: str) -> str:
    """ts_headline parses the body as written (its URLs, hyphenated words …) and marks the words the query names."""
    return f"ts_headline({CONFIG}, d.body, {tsquery}, {options})"


def _hits(texts: list[str], tsquery: str, bind: _Params, limit: int, offset: int) -> str:
    """The page of hits as a JSON array, each with its authors and its snippet.

    The snippet: the passage where all the words meet, else where any of them occurs
    (the body may hold them far apart, or the title alone all of them), with '…' where it
    starts after the body's start or ends before its end, as SQLite's snippet() marks them.
    """
    if texts:
        any_word = "(" + " || ".join(map(_phrase, texts)) + ")"
        options = bind(HEADLINE_OPTIONS)
        snippet = (
            f"CASE WHEN strpos(all_words.h, {bind(MARK_START)}) > 0 THEN all_words.h"
            f" ELSE {_headline(any_word, options)} END"
        )
        all_words = _headline(tsquery, options)
    else:
        snippet, all_words = "''", "''"
    unmarked = f"replace(replace(hl.h, {bind(MARK_START)}, ''), {bind(MARK_END)}, '')"
    return (
        "(SELECT COALESCE(json_agg(json_build_array(page.id, page.title, page.authors, page.periodical, page.date,"
        "   page.language, page.snippet, page.score) ORDER BY page.rank), '[]'::json) FROM ("
        "  SELECT ranked.*,"
        "   CASE WHEN hl.h = '' OR at_.pos = 0 THEN hl.h"
        "    ELSE (CASE WHEN at_.pos > 1 THEN '…' ELSE '' END) || hl.h"
        "     || (CASE WHEN at_.pos + at_.len - 1 < length(d.body) THEN '…' ELSE '' END) END AS snippet,"
        "   (SELECT array_agg(a.name ORDER BY da.position) FROM document_authors da JOIN authors a ON a.id = da.author_id"
        "    WHERE da.document_id = ranked.id) AS authors"
        "  FROM (SELECT m.*, row_number() OVER (ORDER BY m.score DESC, m.date COLLATE \"C\" NULLS FIRST, m.id COLLATE \"C\") AS rank"
        f"        FROM matched m ORDER BY rank LIMIT {bind(limit)} OFFSET {bind(offset)}) ranked"
        "  JOIN documents d ON d.id = ranked.id"
        # OFFSET 0 keeps each subquery whole, so each headline is computed once, not at each use.
        f"  CROSS JOIN LATERAL (SELECT {all_words} AS h OFFSET 0) all_words"
        f"  CROSS JOIN LATERAL (SELECT {snippet} AS h OFFSET 0) hl"
        f"  CROSS JOIN LATERAL (SELECT strpos(d.body, plain) AS pos, length(plain) AS len"
        f"   FROM (SELECT {unmarked} AS plain OFFSET 0) unmarked) at_"
        " ) page)"
    )
