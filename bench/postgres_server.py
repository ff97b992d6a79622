"""A throwaway PostgreSQL server for the benchmarks: the tests' own (tests/pgserver.py), set up as a server would be.

Durable (fsync and synchronous commits on, as a production server), with memory for a
large archive. Used by the benchmarks' --postgres option; or run it to keep a server up
for several benchmarks, e.g. bench/generate_archive.py then bench/search_latency.py:

    python bench/postgres_server.py start      # prints the URL of an empty database
    python bench/postgres_server.py stop DATA_FOLDER
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pgserver import PostgresServer, find_bindir  # noqa: E402 - from the tests' folder, put on the path above

BENCH_SETTINGS = {"shared_buffers": "2GB", "work_mem": "64MB", "maintenance_work_mem": "512MB", "max_wal_size": "4GB"}


def new_server() -> PostgresServer:
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL's server is not installed: apt-get install postgresql postgresql-contrib")
    return PostgresServer(bindir, settings=BENCH_SETTINGS).start()


@contextmanager
def throwaway_server() -> Iterator[PostgresServer]:
    server = new_server()
    try:
        yield server
    finally:
        server.stop()


def main() -> None:
    if sys.argv[1:2] == ["start"]:
        server = new_server()
        print(f"{server.new_database('archive')}\n(data in {server.data}; stop with: python {sys.argv[0]} stop {server.data})")
    elif sys.argv[1:2] == ["stop"] and len(sys.argv) == 3:
        data = Path(sys.argv[2])
        bindir = find_bindir()
        assert bindir is not None, "no PostgreSQL server installed"
        subprocess.run([*_as_owner(data), str(bindir / "pg_ctl"), "stop", "-D", str(data), "-m", "fast"], check=True)
    else:
        raise SystemExit(__doc__)


def _as_owner(data: Path) -> list[str]:
    """pg_ctl refuses root: as root, run it as the data folder's owner."""
    owner = data.stat()
    return ["setpriv", f"--reuid={owner.st_uid}", f"--regid={owner.st_gid}", "--clear-groups", "--"] if os.geteuid() == 0 else []


if __name__ == "__main__":
    main()
