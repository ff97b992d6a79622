"""Search latency on a large archive, against bare FTS5 MATCH statements in the same run.

    python bench/search_latency.py ARCHIVE.db|postgresql://… [--queries 200] [--seed 7]

Builds a mix of queries from the archive's own text and catalogue: one to three
words, two- and three-word phrases, and words with facet filters (year ranges,
periodical, language). Times `store.search()` (ranked hits, snippets, and facet
counts over every match) and, for the same queries' words, a bare ranked full-text
statement: on SQLite
`SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT 20`,
on PostgreSQL `SELECT id FROM documents WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC
LIMIT 20` with q the words' tsquery. Prints median and p99 of each and their ratio.
Make the archive with bench/generate_archive.py.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time

from hemeroteca.search.query import Query, parse_query
from hemeroteca.store import display_name, open_store
from hemeroteca.store.postgres import PostgresStore
from hemeroteca.store import sqlite_search
from hemeroteca.store.sqlite_search import match_expression

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def sample_queries(store, count: int, rng: random.Random) -> list[str]:  # noqa: ANN001 - any store with .connection
    # Documents picked by the seeded generator (not SQL's random()), so that a seed names one set of queries.
    chosen = rng.sample(sorted(row["id"] for row in store.rows("SELECT id FROM documents")), 300)
    marks = ", ".join("?" for _ in chosen)
    if isinstance(store, PostgresStore):
        statement = f"SELECT body FROM documents WHERE id IN ({marks})"
    else:  # the body is kept in the FTS table
        statement = f"SELECT f.body FROM documents_fts f JOIN documents d ON d.rowid = f.rowid WHERE d.id IN ({marks})"
    texts = [row["body"] for row in store.rows(statement, chosen)]
    periodicals = [row[0] for row in store.connection.execute("SELECT name FROM periodicals")]
    queries: list[str] = []
    while len(queries) < count:
        words = _WORD.findall(rng.choice(texts))
        if len(words) < 10:
            continue
        start = rng.randrange(len(words) - 3)
        kind = len(queries) % 5
        if kind == 0:
            queries.append(" ".join(words[start : start + rng.randint(1, 3)]))
        elif kind == 1:
            queries.append('"' + " ".join(words[start : start + rng.randint(2, 3)]) + '"')
        elif kind == 2:
            first = rng.randint(1917, 1985)
            queries.append(f"{words[start]} year:{first}..{first + rng.randint(0, 5)}")
        elif kind == 3:
            queries.append(f'{words[start]} periodical:"{rng.choice(periodicals)}"')
        else:
            queries.append(f"{words[start]} {words[start + 1]} lang:{rng.choice(['en', 'pt'])}")
    return queries


def bare_statement(store, query: Query) -> tuple[str, tuple[str, ...]]:  # noqa: ANN001 - either store
    """The query's words and phrases as the backend's own ranked full-text statement, nothing else."""
    if isinstance(store, PostgresStore):
        terms = [*query.words, *(" ".join(phrase) for phrase in query.phrases)]
        tsquery = " && ".join(["hemeroteca_unmark(phraseto_tsquery('hemeroteca', hemeroteca_words(%s)))"] * len(terms))
        return (
            f"SELECT id FROM documents, (SELECT {tsquery}) AS q(q) WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC LIMIT 20",
            tuple(terms),
        )
    return "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT 20", (match_expression(query),)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", help="a SQLite file or a PostgreSQL URL")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store = open_store(args.archive, create=False)
    documents = store.count_documents()
    queries = sample_queries(store, args.queries, random.Random(args.seed))
    # As a server's first search does: read the search columns into memory (SQLite) before timing.
    store.search(parse_query("archive"), limit=20)
    full: list[float] = []
    bare: list[float] = []
    for number, text in enumerate(queries):
        query = parse_query(text)
        bare_sql, bare_params = bare_statement(store, query)
        runs = [
            (full, lambda: store.search(query, limit=20)),
            (bare, lambda: store.connection.execute(bare_sql, bare_params).fetchall()),
        ]
        # Each goes first every other query: the first to read a page from disk leaves it cached for the other.
        for times, run in runs if number % 2 == 0 else reversed(runs):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    agreement = None if isinstance(store, PostgresStore) else champion_agreement(store, queries)
    store.close()
    print(f"{display_name(args.archive)}: {documents} documents, {len(queries)} queries (words, phrases, facet filters)")
    bare_name = "bare tsvector @@" if isinstance(store, PostgresStore) else "bare FTS5 MATCH"
    for name, times in (("hemeroteca search", full), (bare_name, bare)):
        print(f"{name:18} median {1000 * statistics.median(times):7.2f} ms   p99 {1000 * percentile(times, 0.99):7.2f} ms")
    print(
        f"ratio search/bare: median {statistics.median(full) / statistics.median(bare):.2f},"
        f" p99 {percentile(full, 0.99) / percentile(bare, 0.99):.2f}  (targets: p99 under 50 ms, at most 2x bare)"
    )

    if agreement is not None:
        print(
            f"champion lists: {agreement[0]} of {len(queries)} queries' first 20 hits differ from ranking every match;"
            f" {100 * agreement[1]:.1f}% of all first-20 hits agree"
        )


def champion_agreement(store, queries: list[str]) -> tuple[int, float]:  # noqa: ANN001 - a SQLiteStore
    """How far ranking from champion lists strays from ranking every match: queries whose first 20 hits
    differ, and the share of first-20 hits found by both."""
    pooled = [[hit.id for hit in store.search(parse_query(text), limit=20).hits] for text in queries]
    ranked_in_full, sqlite_search.RANKED_IN_FULL = sqlite_search.RANKED_IN_FULL, sys.maxsize
    try:
        exact = [[hit.id for hit in store.search(parse_query(text), limit=20).hits] for text in queries]
    finally:
        sqlite_search.RANKED_IN_FULL = ranked_in_full
    differing = sum(a != b for a, b in zip(pooled, exact))
    shared = sum(len(set(a) & set(b)) for a, b in zip(pooled, exact))
    return differing, shared / max(1, sum(len(b) for b in exact))


if __name__ == "__main__":
    main()
