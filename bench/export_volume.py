"""Time and peak memory of exporting a volume-sized selection (about 2,000 documents), per export kind.

    python bench/export_volume.py ARCHIVE.db|postgresql://… [--selection SELECTION] [--kinds tei,epub,...]

Each kind runs `hemeroteca export KIND SELECTION -o OUT` in a process of its own, so
that its peak resident memory (ru_maxrss) is its own; the baseline, in the same run,
is a process that only reads the same records from the store (`get_record` for each).
Without --selection, the periodical whose size is nearest 2,000 documents is taken.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hemeroteca.exports.selection import select
from hemeroteca.store import browse, display_name, open_store

KINDS = ("jsonl", "parquet", "csl", "bibtex", "tei", "epub")
_READ_ONLY = """
import sys
from hemeroteca.exports.selection import select
from hemeroteca.store import open_store
store = open_store(sys.argv[1], create=False)
for document_id in select(store, sys.argv[2]).document_ids:
    store.get_record(document_id)
"""


def measured(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of a child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own rusage: its peak memory
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            print(f"{' '.join(command[:3])} failed: {errors.read().decode(errors='replace').strip()}", file=sys.stderr)
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", help="a SQLite file or a PostgreSQL URL")
    parser.add_argument("--selection", help="what to export (default: the periodical nearest 2,000 documents)")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    store = open_store(args.archive, create=False)
    volume_sized = min(browse.periodicals(store.rows), key=lambda periodical: abs(periodical.documents - 2000))
    selection = args.selection or f"periodical:{volume_sized.slug}"
    documents = len(select(store, selection).document_ids)
    store.close()
    hemeroteca = str(Path(sys.executable).with_name("hemeroteca"))
    with tempfile.TemporaryDirectory() as folder:
        # Twice: the first run also brings the archive's pages into the OS cache, for every kind after it.
        measured([sys.executable, "-c", _READ_ONLY, args.archive, selection])
        seconds, megabytes = measured([sys.executable, "-c", _READ_ONLY, args.archive, selection])
        print(f"{display_name(args.archive)}: export of {selection}, {documents} documents")
        print(f"{'read the records (baseline)':28} {seconds:7.1f} s  peak {megabytes:7.0f} MB")
        for kind in args.kinds.split(","):
            out = Path(folder) / (f"out-{kind}" if kind == "tei" else f"out.{kind}")
            spent, peak = measured([hemeroteca, "export", kind, selection, "-o", str(out), "--db", args.archive])
            size = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else (out.stat().st_size if out.exists() else 0)
            print(f"{kind:28} {spent:7.1f} s  peak {peak:7.0f} MB  {spent / seconds:5.1f}x the baseline's time,"
                  f" {size / 1e6:7.1f} MB written")


if __name__ == "__main__":
    main()
