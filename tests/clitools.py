"""Running the real `hemeroteca` command in a subprocess, and reading what it prints and stores."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = Path(sys.executable).parent / "hemeroteca"
# The installed console script when there is one (the venv), else the module it runs.
HEMEROTECA = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "hemeroteca.cli"]

_SUMMARY = re.compile(r"^ingested (\d+), unchanged (\d+), failed (\d+)$", re.MULTILINE)
_FAILED = re.compile(r"^failed: (.+?): (.+)$")
_SKIPPED = re.compile(r"^skipped (\d+) files that are not documents", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Summary:
    ingested: int
    unchanged: int
    failed: int


def run_cli(
    *args: str, prefix: Sequence[str] = (), cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`hemeroteca ARGS...`, optionally under a command prefix (setpriv), with its output as text."""
    return subprocess.run(
        [*prefix, *HEMEROTECA, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )


def summary(stdout: str) -> Summary:
    found = _SUMMARY.findall(stdout)
    assert len(found) == 1, f"no single summary line in {stdout!r}"
    return Summary(*map(int, found[0]))


def skipped(stdout: str) -> int:
    """How many files the ingest skipped as no documents (redirect pages); 0 when it says nothing of them."""
    found = _SKIPPED.findall(stdout)
    return int(found[0]) if found else 0


def failed_lines(stderr: str) -> dict[str, str]:
    """{path: reason} of the `failed: PATH: reason` lines; every line on stderr must be one."""
    failures: dict[str, str] = {}
    for line in stderr.splitlines():
        if not line.strip():
            continue
        match = _FAILED.match(line)
        assert match, f"stderr line is not 'failed: PATH: reason': {line!r}"
        path, reason = match.groups()
        assert path not in failures, f"{path} reported twice"
        failures[path] = reason
    return failures


def integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as connection:
        return "\n".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
