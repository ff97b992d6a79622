"""Throughput of `hemeroteca reuse`: documents/s of the local engine and of the Spark engine, and how cost grows.

    python bench/reuse_throughput.py [CORPUS] [--runs 3] [--spark-runs 1] [--no-spark]

The corpus is ingested once into a throwaway SQLite archive; for 10%, 25%, 50% and 100% of its
documents (nested random samples) a copy of the archive holding only them gets a full run of the
local engine (from no stored signatures): the time per document at each size shows whether cost
grows linearly (it should stay about flat) or quadratically (it would grow with the size). Then the
Spark engine (local[2]: two workers) runs on the whole corpus. Figures are medians of the runs;
Spark's session is started before its runs are timed, as a cluster's would be.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from hemeroteca.ingest import ingest  # noqa: E402
from hemeroteca.reuse import engine_named, find_reuse  # noqa: E402
from hemeroteca.reuse.engine import Engine  # noqa: E402
from hemeroteca.store import open_store  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FRACTIONS = (0.1, 0.25, 0.5, 1.0)


def _subset(archive: str, folder: str, keep: set[str], label: str) -> str:
    path = os.path.join(folder, f"{label}.db")
    shutil.copy(archive, path)
    store = open_store(path)
    gone = [(row["id"],) for row in store.rows("SELECT id FROM documents", ()) if row["id"] not in keep]
    store.connection.executemany("DELETE FROM documents WHERE id = ?", gone)  # type: ignore[attr-defined]
    store.close()
    return path


def _timed_run(path: str, engine: Engine) -> tuple[float, int]:
    store = open_store(path)
    store.connection.executescript("DELETE FROM reuse_signatures; DELETE FROM reuse_pairs;")  # type: ignore[attr-defined]
    started = time.perf_counter()
    report = find_reuse(store, engine)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, report.documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--spark-runs", type=int, default=1)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = os.path.join(folder, "corpus.db")
        store = open_store(archive)
        ingest(store, [args.corpus], workers=os.cpu_count() or 1)
        ids = sorted(row["id"] for row in store.rows("SELECT id FROM documents", ()))
        characters = {row["id"]: len(row["body"]) for row in store.rows("SELECT d.id, f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid", ())}
        store.close()
        random.Random(6).shuffle(ids)
        local = engine_named("local")
        print(f"corpus: {len(ids)} documents, {sum(characters.values()) / 1e6:.1f} M characters of text")
        print("local engine, full run from nothing (median of %d):" % args.runs)
        whole = ""
        for fraction in FRACTIONS:
            keep = set(ids[: round(len(ids) * fraction)])
            path = _subset(archive, folder, keep, f"part{fraction}")
            times = [_timed_run(path, local)[0] for _ in range(args.runs)]
            median = statistics.median(times)
            size = sum(characters[i] for i in keep) / 1e6
            print(
                f"  {fraction:4.0%}: {len(keep):5d} documents ({size:4.1f} M characters) in {median:6.2f} s,"
                f" {median / len(keep) * 1000:5.2f} ms per document, {len(keep) / median:6.1f} documents/s"
            )
            whole = path
        if not args.no_spark:
            spark = engine_named("spark")
            times = [_timed_run(whole, spark)[0] for _ in range(args.spark_runs)]
            median = statistics.median(times)
            print(
                f"spark engine, local[2], whole corpus (median of {args.spark_runs}): {median:.2f} s,"
                f" {median / len(ids) * 1000:.2f} ms per document, {len(ids) / median:.1f} documents/s"
            )


if __name__ == "__main__":
    main()
