"""Shared test paths (../shared sits beside the checkout, in CI too) and the two storage backends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pgserver import PostgresServer, find_bindir

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Tests of the Store interface run once per backend: fixtures parametrized with these.
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"{CORPUS} is missing: the tests read the shared corpus beside the checkout"
    return CORPUS


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server on 127.0.0.1, started for this test run and removed after it."""
    bindir = find_bindir()
    if bindir is None:
        reason = (
            "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb):"
            " apt-get install postgresql postgresql-contrib, or run .ci/run, which does"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test the PostgreSQL backend: {reason}")
        pytest.skip(reason)
    server = PostgresServer(bindir).start()
    yield server
    server.stop()


def new_database(request: pytest.FixtureRequest, backend: str, folder: Path, label: str) -> str:
    """A new, empty archive for `--db`/open_store: a SQLite file in `folder`, or a PostgreSQL database of its own."""
    if backend == "sqlite":
        return str(folder / f"{label}.db")
    server: PostgresServer = request.getfixturevalue("postgres_server")  # started only when a test needs it
    return server.new_database(label)


def rows(store: Any, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows of a query on either backend, as tuples (`?` placeholders, as SQLite writes them)."""
    if store.__class__.__name__ == "PostgresStore":
        sql = sql.replace("?", "%s")
    return [tuple(row) for row in store.connection.execute(sql, params)]
