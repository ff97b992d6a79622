"""Bad input: each bad file gets one clear `failed: PATH: reason` line, and nothing else is lost.

A folder holds the two seed pages and real pages saved in the wrong encoding (they must
ingest with the right characters) beside an empty file, a blank one, a binary one, a
truncated page, a 50 MB page, an unreadable file, an unreadable folder and a Markdown
file whose metadata.json cannot be read. The real `hemeroteca` command ingests it.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from clitools import failed_lines, integrity, run_cli, summary
from conftest import CORPUS, SEEDS
from hemeroteca.readers import MAX_DOCUMENT_BYTES, read_document

# Real UTF-8 pages with ’ and accented letters in their title and text.
ACCENTED_PAGE = CORPUS / "maresalului.github.io" / "bensaid" / "2009" / "06" / "25.htm"
LONG_PAGE = CORPUS / "maresalului.github.io" / "mandel" / "1992" / "10" / "10.htm"
# Its first 300 bytes end before <title>: nothing of a document is left.
TRUNCATED_FROM = CORPUS / "mia-reader" / "_pages" / "marx" / "works" / "1845" / "theses" / "theses.htm"
MARKDOWN_BOOK = CORPUS / "markdown_parser" / "content"
HUGE_BYTES = 50 * 1024 * 1024
MOJIBAKE = ("â€", "Ã©", "Ã³", "Ã£", "\ufffd")
NOBODY = 65534


@dataclass(frozen=True, slots=True)
class Folder:
    root: Path  # the folder ingested
    good: dict[str, Path]  # document id -> file
    bad: dict[Path, str]  # file or folder -> a word its reason must hold
    locked: list[Path]  # chmod 000


def _good_pages(root: Path) -> dict[str, Path]:
    """The two seeds and the accented page mislabelled both ways."""
    root.mkdir(parents=True, exist_ok=True)
    good: dict[str, Path] = {}
    for seed in sorted(SEEDS.iterdir()):
        good[f"{root.name}/{seed.stem}"] = Path(shutil.copyfile(seed, root / seed.name))
    page = ACCENTED_PAGE.read_bytes()
    assert b'<meta charset="utf-8">' in page
    cp1252 = root / "says-utf8-is-cp1252.htm"  # ’ is 0x92 and é 0xE9, the meta still says utf-8
    cp1252.write_bytes(page.decode("utf-8").encode("cp1252"))
    assert b"\x92" in cp1252.read_bytes() and b"\xe9" in cp1252.read_bytes()
    utf8 = root / "says-latin1-is-utf8.htm"
    utf8.write_bytes(page.replace(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">'))
    good[f"{root.name}/{cp1252.stem}"] = cp1252
    good[f"{root.name}/{utf8.stem}"] = utf8
    return good


def _huge_page(path: Path) -> None:
    """A real page whose paragraphs are repeated to ~50 MB."""
    page = LONG_PAGE.read_text(encoding="utf-8")
    paragraphs = "\n".join(re.findall(r"<p>.*?</p>", page, flags=re.DOTALL)) + "\n"
    assert len(paragraphs) > 5_000
    head, _, tail = page.partition("</header>")
    filler = paragraphs.encode("utf-8") * (HUGE_BYTES // len(paragraphs.encode("utf-8")) + 1)
    path.write_bytes(head.encode("utf-8") + b"</header>\n" + filler + tail.encode("utf-8"))


def build_folder(root: Path) -> Folder:
    good = _good_pages(root)
    bad: dict[Path, str] = {}

    def bad_file(name: str, data: bytes, reason: str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        bad[path] = reason
        return path

    bad_file("empty.htm", b"", "empty file")
    bad_file("blank.htm", b" \n\t  \r\n   \n", "empty file")
    bad_file("binary.htm", random.Random(7).randbytes(8192) + b"\x00" * 64, "binary content")
    truncated = TRUNCATED_FROM.read_bytes()[:300]
    assert b"<title" not in truncated.lower()
    bad_file("truncated.htm", truncated, "no text")
    locked_file = bad_file("locked.htm", LONG_PAGE.read_bytes(), "cannot read file")
    locked_folder = root / "locked-folder"
    locked_folder.mkdir()
    shutil.copyfile(LONG_PAGE, locked_folder / "inside.htm")  # never seen: only the folder is reported
    bad[locked_folder] = "cannot read directory"
    book = root / "book"
    shutil.copytree(MARKDOWN_BOOK, book)
    markdown = next(book.glob("*.md"))
    bad[markdown] = "metadata.json"  # its metadata sidecar is hashed and read with it

    huge = root / "huge.htm"
    _huge_page(huge)
    if huge.stat().st_size > MAX_DOCUMENT_BYTES:
        bad[huge] = "too large"
    else:
        good[f"{root.name}/huge"] = huge
    return Folder(root, good, bad, [locked_file, locked_folder, book / "metadata.json"])


# -- unreadable for real -------------------------------------------------------------------------------------------

_PROBE = """
import sys
import hemeroteca
open(sys.argv[1], "rb").read()
try:
    open(sys.argv[2], "rb")
except PermissionError:
    sys.exit(0)
sys.exit(3)
"""


def _probe(prefix: list[str], folder: Path) -> bool:
    """Does the prefix run our Python, read a readable file and fail on a chmod 000 one?"""
    readable, locked = folder / "probe-readable", folder / "probe-locked"
    readable.write_text("x")
    locked.write_text("x")
    readable.chmod(0o644)
    locked.chmod(0)
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", _PROBE, str(readable), str(locked)], capture_output=True, timeout=60)
        return done.returncode == 0
    finally:
        readable.unlink()
        locked.unlink()


def _open_to_nobody(base: Path, top: Path) -> None:
    """Let uid 65534 into base: its ancestors up to top traversable, everything below readable, folders writable."""
    for ancestor in base.parents:
        if not ancestor.is_relative_to(top):
            break  # never loosen folders that are not the tests' own
        ancestor.chmod(ancestor.stat().st_mode | 0o001)
    for folder, folders, files in os.walk(base):
        Path(folder).chmod(0o777)
        for name in files:
            Path(folder, name).chmod(0o666)


def unprivileged(base: Path, top: Path) -> list[str]:
    """A command prefix under which chmod 000 stops reading.

    Not root: none. Root (CI) reads anything: run as nobody (setpriv, util-linux); where
    nobody cannot run this Python, stay root without the capabilities that bypass file
    modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH).
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): no way to make a file unreadable")
    _open_to_nobody(base, top)
    for prefix in (
        [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"],
        [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"],
    ):
        if _probe(prefix, base):
            return prefix
    pytest.skip("root, and setpriv can neither run as nobody nor drop the file-mode capabilities here")


@pytest.fixture
def bad_folder(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Folder, Path, list[str]]]:
    folder = build_folder(tmp_path / "pages")
    db_folder = tmp_path / "db"
    db_folder.mkdir()
    prefix = unprivileged(tmp_path, top=tmp_path_factory.getbasetemp().parent)  # pytest-of-USER and below
    for path in folder.locked:
        path.chmod(0)
    yield folder, db_folder / "archive.db", prefix
    for path in folder.locked:
        path.chmod(0o755)  # so that pytest can remove the tree


# -- the tests --------------------------------------------------------------------------------------------------------


def stored(db: Path) -> dict[str, tuple[str, str]]:
    """{document id: (path, status of its files row)}."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT d.id, d.path, f.status FROM documents d LEFT JOIN files f ON f.path = d.path")
        return {row[0]: (row[1], row[2]) for row in rows}


def test_bad_files_are_reported_one_line_each_and_the_rest_is_stored(bad_folder: tuple[Folder, Path, list[str]]) -> None:
    folder, db, prefix = bad_folder
    result = run_cli("ingest", str(folder.root), "--db", str(db), prefix=prefix, cwd=db.parent)

    assert result.returncode == 1, result.stderr
    failures = failed_lines(result.stderr)
    assert set(failures) == {str(path) for path in folder.bad}, result.stderr
    for path, word in folder.bad.items():
        assert word in failures[str(path)], (path, failures[str(path)])
    assert summary(result.stdout) == summary(f"ingested {len(folder.good)}, unchanged 0, failed {len(folder.bad)}")

    assert integrity(db) == "ok"
    assert stored(db) == {doc_id: (str(path), "stored") for doc_id, path in folder.good.items()}
    cable = json.loads(run_cli("show", "pages/trotsky-cable-1936", "--db", str(db)).stdout)
    assert cable["title"] == "Trotsky Cables Denial to AP on Daily Worker Lies"
    by_path = run_cli("show", str(folder.root / "ni-victims-1936.txt"), "--db", str(db), "--format", "text")
    assert by_path.stdout.splitlines()[0] == "Victims of Stalinist Repression and Terror"

    # Mislabelled pages: the same record as the correctly labelled original, with ’ and é, no mojibake.
    original = read_document(ACCENTED_PAGE, ACCENTED_PAGE.read_bytes())[0].to_json()
    for name in ("says-utf8-is-cp1252", "says-latin1-is-utf8"):
        record = json.loads(run_cli("show", f"pages/{name}", "--db", str(db)).stdout)
        text = record["title"] + "\n" + "\n".join(block["text"] for block in record["body"])
        assert "’" in text and "é" in text, name
        assert not any(bad in text for bad in MOJIBAKE), name
        assert (record["title"], record["body"]) == (original["title"], original["body"]), name

    if "pages/huge" in folder.good:  # below readers.MAX_DOCUMENT_BYTES: the whole page is read
        huge = json.loads(run_cli("show", "pages/huge", "--db", str(db)).stdout)
        assert huge["title"] == read_document(LONG_PAGE, LONG_PAGE.read_bytes())[0].title
        assert sum(len(block["text"]) for block in huge["body"]) > HUGE_BYTES // 2

    # A second run: the good files unchanged, the bad ones reported again, nothing else.
    again = run_cli("ingest", str(folder.root), "--db", str(db), prefix=prefix, cwd=db.parent)
    assert again.returncode == 1
    assert summary(again.stdout) == summary(f"ingested 0, unchanged {len(folder.good)}, failed {len(folder.bad)}")
    assert failed_lines(again.stderr) == failures
    assert integrity(db) == "ok"


def test_only_good_files_exit_zero(tmp_path: Path) -> None:
    good = _good_pages(tmp_path / "good")
    db = tmp_path / "archive.db"
    result = run_cli("ingest", *map(str, good.values()), "--db", str(db))  # files, not a folder
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    assert summary(result.stdout) == summary(f"ingested {len(good)}, unchanged 0, failed 0")
    assert set(stored(db)) == set(good)
    assert integrity(db) == "ok"
