"""Ingest throughput against a bare lxml parse of the same bytes, in one run.

    python bench/ingest_throughput.py [CORPUS] [--runs N] [--postgres]

Prints documents/s and MB/s of a full ingest of the corpus into a fresh SQLite
file (in one process, and reading files in one process per core), and of a bare
loop that reads each file and calls lxml.html.fromstring on it, with the ratio
(ingest time / bare time). Medians of N interleaved runs; the target is a ratio
of at most 3. With --postgres, also the same ingest into a fresh database on a
throwaway PostgreSQL server on loopback (bench/postgres_server.py), for the
comparison of the two backends.

Two parts of the ingest are timed alone as well, to show where its floor is:
reading the files into records (nothing stored), and building the search index
alone — the ingested documents' texts inserted into a fresh FTS5 table of the
store's schema, in one transaction, with nothing else done.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import lxml.html

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.ingest import Candidate, discover, ingest, read_candidate
from hemeroteca.store import open_store
from hemeroteca.store.sqlite_search import FTS_TABLE
from postgres_server import PostgresServer, throwaway_server

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def bare_parse(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        lxml.html.fromstring(path.read_bytes())
    return time.perf_counter() - start


def records_only(candidates: list[Candidate]) -> float:
    start = time.perf_counter()
    for candidate in candidates:
        read_candidate(candidate, {})
    return time.perf_counter() - start


def search_index_only(texts: list[tuple[str, str, str, str]]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "index.db", isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.executescript(FTS_TABLE)
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany("INSERT INTO documents_fts (title, subtitle, authors, body) VALUES (?,?,?,?)", texts)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - start
        connection.close()
    return elapsed


def indexed_texts(corpus: Path, workers: int) -> list[tuple[str, str, str, str]]:
    """The texts an ingest of the corpus gives the search index (one ingest, which also warms the caches)."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "texts.db"))
        ingest(store, [corpus], workers=workers)
        texts = store.connection.execute("SELECT title, subtitle, authors, body FROM documents_fts").fetchall()
        store.close()
    return [tuple(row) for row in texts]


def full_ingest(corpus: Path, workers: int, url: str) -> tuple[float, int]:
    store = open_store(url)
    start = time.perf_counter()
    report = ingest(store, [corpus], workers=workers)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, report.ingested


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the parallel ingest")
    parser.add_argument("--postgres", action="store_true", help="also ingest into PostgreSQL (a throwaway local server)")
    args = parser.parse_args()
    if args.postgres:
        with throwaway_server() as server:
            run(args, server)
    else:
        run(args, None)


def run(args: argparse.Namespace, server: PostgresServer | None) -> None:
    candidates = list(discover([args.corpus], lambda path, error: None))
    paths = [c.path for c in candidates]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    load_default_catalogue()
    texts = indexed_texts(args.corpus, args.workers)
    variants = {"SQLite, 1 process": 1, f"SQLite, {args.workers} processes": args.workers}
    if server is not None:
        variants |= {"PostgreSQL, 1 process": 1, f"PostgreSQL, {args.workers} processes": args.workers}
    parts = ("records only, 1 process", "search index only")
    times: dict[str, list[float]] = {"bare": []} | {name: [] for name in parts + tuple(variants)}
    ingested = 0
    for _ in range(args.runs):
        # Interleaved, so that a slow moment of the machine hits every variant alike.
        times["bare"].append(bare_parse(paths))
        times[parts[0]].append(records_only(candidates))
        times[parts[1]].append(search_index_only(texts))
        for name, workers in variants.items():
            with tempfile.TemporaryDirectory() as folder:
                url = server.new_database("bench") if name.startswith("PostgreSQL") and server else str(Path(folder) / "bench.db")
                elapsed, ingested = full_ingest(args.corpus, workers, url)
            times[name].append(elapsed)
    print(f"corpus: {args.corpus} — {len(paths)} files, {megabytes:.1f} MB, {ingested} ingested; median of {args.runs} runs")
    bare = statistics.median(times["bare"])
    for name, runs in times.items():
        elapsed = statistics.median(runs)
        ratio = "" if name == "bare" else f"  ratio to bare: {elapsed / bare:5.2f}"
        print(f"{name + ':':30} {len(paths) / elapsed:8.1f} docs/s {megabytes / elapsed:6.1f} MB/s ({elapsed:.2f} s){ratio}")
    print("target: ingest at most 3x the bare lxml.html.fromstring loop")


if __name__ == "__main__":
    main()
