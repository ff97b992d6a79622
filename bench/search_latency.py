"""Search latency on a large archive, against bare FTS5 MATCH statements in the same run.

    python bench/search_latency.py ARCHIVE.db [--queries 200] [--seed 7]

Builds a mix of queries from the archive's own text and catalogue: one to three
words, two- and three-word phrases, and words with facet filters (year ranges,
periodical, language). Times `store.search()` (ranked hits, snippets, and facet
counts over every match) and, for the same queries' words, a bare
`SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT 20`.
Prints median and p99 of each and their ratio. Make the archive with
bench/generate_archive.py.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

from hemeroteca.search.query import parse_query
from hemeroteca.store import open_store
from hemeroteca.store.sqlite_search import match_expression

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)


def sample_queries(store, count: int, rng: random.Random) -> list[str]:  # noqa: ANN001 - any store with .connection
    texts = [row[0] for row in store.connection.execute("SELECT body FROM documents_fts ORDER BY random() LIMIT 300")]
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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    store = open_store(str(args.archive), create=False)
    documents = store.connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    queries = sample_queries(store, args.queries, random.Random(args.seed))
    full: list[float] = []
    bare: list[float] = []
    for text in queries:
        query = parse_query(text)
        match = match_expression(query)
        start = time.perf_counter()
        store.search(query, limit=20)
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        store.connection.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT 20", (match,)
        ).fetchall()
        bare.append(time.perf_counter() - start)
    store.close()
    print(f"{args.archive}: {documents} documents, {len(queries)} queries (words, phrases, facet filters)")
    for name, times in (("hemeroteca search", full), ("bare FTS5 MATCH", bare)):
        print(f"{name:18} median {1000 * statistics.median(times):7.2f} ms   p99 {1000 * percentile(times, 0.99):7.2f} ms")
    print(
        f"ratio search/bare: median {statistics.median(full) / statistics.median(bare):.2f},"
        f" p99 {percentile(full, 0.99) / percentile(bare, 0.99):.2f}  (targets: p99 under 50 ms, at most 2x bare)"
    )


if __name__ == "__main__":
    main()
