"""kill -9 in the middle of an ingest: the database opens, passes integrity_check, holds only whole
documents, and the next run completes the rest.

The real `hemeroteca ingest` reads the whole shared corpus (about 2,000 pages) with two worker
processes; the test watches the SQLite file through a read-only connection and sends SIGKILL once
enough batches are committed, at two moments: after the first batch, and past half the corpus.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from contextlib import closing, suppress
from pathlib import Path

import pytest

from clitools import HEMEROTECA, failed_lines, run_cli, skipped, summary
from conftest import CORPUS
from hemeroteca.catalogue.model import links_for
from hemeroteca.readers import DOCUMENT_SUFFIXES
from hemeroteca.record import record_from_json

DEADLINE = 60.0  # seconds for the killed run to reach its moment


@pytest.fixture(scope="module")
def document_files(corpus: Path) -> list[Path]:
    files = [path for path in corpus.rglob("*") if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES]
    assert len(files) > 1000
    return files


def committed(db: Path) -> int | None:
    """Documents a reader sees committed now; None while the database or its tables do not exist yet."""
    if not db.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)) as connection:
            return int(connection.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return None


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError):
                # /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after ")".
                if int((entry / "stat").read_text().rpartition(")")[2].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's reaper may be slow to collect it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def kill_mid_ingest(db: Path, at_least: int, total: int) -> int:
    """Start an ingest of the corpus and SIGKILL it once `at_least` documents are committed (fewer than all)."""
    process = subprocess.Popen(
        [*HEMEROTECA, "ingest", str(CORPUS), "--db", str(db), "--jobs", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        start = time.monotonic()
        while True:
            count = committed(db)
            assert process.poll() is None, f"the ingest ended (exit {process.returncode}) before it could be killed: give it more input"
            assert count is None or count < total, "the ingest finished before it could be killed: give it more input"
            if count is not None and count >= at_least:
                break
            assert time.monotonic() - start < DEADLINE, f"no {at_least} documents committed in {DEADLINE} s"
            time.sleep(0.005)
        workers = children(process.pid)
        process.send_signal(signal.SIGKILL)  # kill -9 of the command, as a user would
        assert process.wait(timeout=10) == -signal.SIGKILL
        # Its worker processes must not outlive it (they would hold the database and the caller's pipes).
        assert workers, "the ingest ran no worker processes"
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(running(pid) for pid in workers), "worker processes outlived the killed ingest"
        return count
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # whatever is left of the session this test started
        process.wait(timeout=10)


def assert_whole(db: Path) -> int:
    """The database opens, is intact, and holds only whole documents; returns how many."""
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        documents = connection.execute("SELECT id, path, content_hash, record, rowid FROM documents").fetchall()
        files = {
            row[0]: row[1:]
            for row in connection.execute("SELECT path, content_hash, document_id, status FROM files WHERE status = 'stored'")
        }
        assert len(files) == len(documents), "stored files without their document, or documents without their file"
        credits = dict(connection.execute("SELECT document_id, count(*) FROM credits GROUP BY document_id").fetchall())
        authors = dict(connection.execute("SELECT document_id, count(*) FROM document_authors GROUP BY document_id").fetchall())
        indexed = {row[0] for row in connection.execute("SELECT rowid FROM documents_fts")}
        for doc_id, path, content_hash, record_json, rowid in documents:
            assert files.get(path) == (content_hash, doc_id, "stored"), doc_id
            data = json.loads(record_json)
            assert data["id"] == doc_id
            record = record_from_json(data)
            assert credits.get(doc_id, 0) == len(record.credits), doc_id
            assert authors.get(doc_id, 0) == len(links_for(record).authors), doc_id
            assert rowid in indexed, f"{doc_id} is not in the search index"
        assert len(indexed) == len(documents), "search index rows without their document"
        for table in ("credits", "document_authors"):
            orphans = connection.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)")
            assert orphans.fetchone()[0] == 0, table
    return len(documents)


@pytest.mark.parametrize("moment", ["first batch", "past half"])
def test_kill_9_leaves_whole_documents_and_the_next_run_completes(tmp_path: Path, document_files: list[Path], moment: str) -> None:
    total = len(document_files)
    db = tmp_path / "archive.db"
    seen = kill_mid_ingest(db, at_least=1 if moment == "first batch" else total // 2, total=total)

    before = assert_whole(db)
    assert seen <= before < total
    with closing(sqlite3.connect(db)) as connection:
        skipped_before = connection.execute("SELECT count(*) FROM files WHERE status = 'skipped'").fetchone()[0]

    result = run_cli("ingest", str(CORPUS), "--db", str(db), "--jobs", "2")
    failures = failed_lines(result.stderr)
    assert result.returncode == (1 if failures else 0), result.stderr
    assert not any(reason.startswith("storage:") for reason in failures.values()), failures
    report = summary(result.stdout)
    assert report.unchanged == before + skipped_before  # redirect pages skipped before are not read again
    assert report.failed == len(failures)
    newly_skipped = skipped(result.stdout)
    assert report.ingested == total - before - skipped_before - newly_skipped - report.failed
    assert assert_whole(db) == total - skipped_before - newly_skipped - report.failed
