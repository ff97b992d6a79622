"""Ingest throughput against a bare lxml parse of the same bytes, in one run.

    python bench/ingest_throughput.py [CORPUS] [--runs N]

Prints documents/s and MB/s of a full ingest of the corpus into a fresh SQLite
file, and of a bare loop that reads each file and calls lxml.html.fromstring on
it, with the ratio (ingest time / bare time). Medians of N runs; the target is
a ratio of at most 3.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import lxml.html

from hemeroteca.ingest import discover, ingest
from hemeroteca.store import open_store

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def bare_parse(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        lxml.html.fromstring(path.read_bytes())
    return time.perf_counter() - start


def full_ingest(corpus: Path) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "bench.db"))
        start = time.perf_counter()
        report = ingest(store, [corpus])
        elapsed = time.perf_counter() - start
        store.close()
    return elapsed, report.ingested


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    paths = [c.path for c in discover([args.corpus], lambda path, error: None)]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    bare_times, ingest_times, ratios = [], [], []
    ingested = 0
    for _ in range(args.runs):
        bare = bare_parse(paths)
        elapsed, ingested = full_ingest(args.corpus)
        bare_times.append(bare)
        ingest_times.append(elapsed)
        ratios.append(elapsed / bare)
    bare, elapsed = statistics.median(bare_times), statistics.median(ingest_times)
    print(f"corpus: {args.corpus} — {len(paths)} files, {megabytes:.1f} MB, {ingested} ingested; median of {args.runs} runs")
    print(f"bare lxml.html.fromstring: {len(paths) / bare:8.1f} docs/s {megabytes / bare:6.1f} MB/s ({bare:.2f} s)")
    print(f"hemeroteca ingest:         {len(paths) / elapsed:8.1f} docs/s {megabytes / elapsed:6.1f} MB/s ({elapsed:.2f} s)")
    print(f"ratio ingest/bare: median {statistics.median(ratios):.2f} (runs: {', '.join(f'{r:.2f}' for r in ratios)}; target <= 3)")


if __name__ == "__main__":
    main()
