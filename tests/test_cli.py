"""The command line contract: ingest, show and list on the two seed pages, through the real `hemeroteca` command,
with `--db` a SQLite file and a postgresql:// URL."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from clitools import integrity, run_cli, summary
from conftest import BACKENDS, CORPUS, SEEDS, new_database

CABLE = "seeds/trotsky-cable-1936"
VICTIMS = "seeds/ni-victims-1936"

# README, "The record (`show --format json`)".
RECORD_KEYS = {
    "id", "title", "subtitle", "authors", "dateline", "written", "published", "source", "credits", "license",
    "notes", "running_head", "last_updated", "language", "body", "extra_fields",
}
SOURCE_KEYS = {"raw", "periodical", "volume", "volume_raw", "number", "date", "pages"}
BLOCK_KINDS = {"paragraph", "quote", "heading", "signature", "note"}


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """`--db`: a SQLite file, or the URL of a PostgreSQL database."""
    path = new_database(request, request.param, tmp_path_factory.mktemp("cli"), "cli")
    result = run_cli("ingest", str(SEEDS), "--db", path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
    assert summary(result.stdout) == summary("ingested 2, unchanged 0, failed 0")
    if request.param == "sqlite":
        assert integrity(Path(path)) == "ok"
    return path


def show_json(db: str | Path, key: str, cwd: Path | None = None) -> dict:
    result = run_cli("show", key, "--db", str(db), "--format", "json", cwd=cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def list_json(db: str | Path, *options: str) -> list[dict]:
    result = run_cli("list", "--db", str(db), *options, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_show_json_has_exactly_the_documented_keys(db: str) -> None:
    record = show_json(db, CABLE)
    assert set(record) == RECORD_KEYS
    assert record["id"] == CABLE
    assert record["title"] == "Trotsky Cables Denial to AP on Daily Worker Lies"
    assert set(record["source"]) == SOURCE_KEYS
    assert record["source"]["raw"] == "New Militant, Vol. II No. 7, 15 February 1936, p. 1"
    assert (record["source"]["periodical"], record["source"]["volume"], record["source"]["number"]) == ("New Militant", "2", "7")
    assert record["source"]["date"] == {"raw": "15 February 1936", "edtf": "1936-02-15"}
    assert [(a["name"], a["role"]) for a in record["authors"]] == [("Leon Trotsky", "author")]
    assert record["credits"] and all(set(c) == {"role", "name", "for", "date"} for c in record["credits"])
    assert record["notes"] and all({"kind", "text"} <= set(n) for n in record["notes"])
    assert record["body"]
    for block in record["body"]:
        assert set(block) in ({"kind", "text"}, {"kind", "text", "attribution"})
        assert block["kind"] in BLOCK_KINDS
    assert record["published"]["edtf"] == "1936-02-15"


def test_show_by_file_path_absolute_and_relative(db: str, tmp_path: Path) -> None:
    path = SEEDS / "ni-victims-1936.txt"
    assert show_json(db, str(path))["id"] == VICTIMS
    # A relative path through "..", from another folder, names the same file.
    relative = os.path.relpath(path, tmp_path)
    assert ".." in relative
    assert show_json(db, relative, cwd=tmp_path)["id"] == VICTIMS


def test_show_text_starts_with_the_title(db: str) -> None:
    result = run_cli("show", CABLE, "--db", str(db), "--format", "text")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Trotsky Cables Denial to AP on Daily Worker Lies"
    assert f"id: {CABLE}" in lines
    assert "— (signed) Leon Trotsky" in lines


def test_list_by_periodical(db: str) -> None:
    documents = list_json(db, "--periodical", "New International")
    assert [d["id"] for d in documents] == [VICTIMS]
    assert documents[0]["periodical"] == "New International"
    assert [d["id"] for d in list_json(db, "--periodical", "New Militant")] == [CABLE]
    assert list_json(db, "--periodical", "Fourth International") == []


# Name, a catalogue variant and a pseudonym (README: "Author name, variant or pseudonym"). A surname
# alone ("Trotsky") is not matched by `list` (store/sqlite.py list_documents), so it is not asked here.
@pytest.mark.parametrize("author", ["Leon Trotsky", "leon trotsky", "Leon Trótski", "G. Gurov"])
def test_list_by_author(db: str, author: str) -> None:
    documents = list_json(db, "--author", author)
    assert [d["id"] for d in documents] == [CABLE]
    assert documents[0]["authors"] == ["Leon Trotsky"]


def test_list_text_and_json_agree(db: str) -> None:
    every = list_json(db)
    assert sorted(d["id"] for d in every) == [VICTIMS, CABLE]
    assert all(set(d) == {"id", "title", "authors", "periodical", "date", "path"} for d in every)
    result = run_cli("list", "--db", str(db), "--format", "text")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 documents"
    assert any(line.startswith(f"{CABLE}: Trotsky Cables Denial") for line in lines)


def test_show_of_an_unknown_document_is_a_one_line_error(db: str) -> None:
    result = run_cli("show", "nonexistent", "--db", str(db))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nonexistent" in result.stderr
    assert "***" in result.stderr if db.startswith("postgresql://") else db in result.stderr  # never a password


@pytest.mark.parametrize("command", [["show", CABLE], ["list"], ["optimize"]])
def test_reading_a_missing_database_is_an_error_and_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = run_cli(*command, "--db", str(missing))
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(missing) in result.stderr
    assert not missing.exists()


def test_optimize_keeps_what_search_finds(db: str) -> None:
    result = run_cli("optimize", "--db", db)
    assert result.returncode == 0, result.stderr
    found = run_cli("search", "Ciliga", "--db", db, "--format", "json")
    assert CABLE in [hit["id"] for hit in json.loads(found.stdout)["hits"]]


def test_a_second_ingest_reads_nothing_new(db: str) -> None:
    result = run_cli("ingest", str(SEEDS), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ingested 0, unchanged 2, failed 0"


@pytest.mark.parametrize("backend", BACKENDS)
def test_pages_that_differ_only_in_their_suffix_are_both_kept(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> None:
    # MIA's Spanish section has both index.htm and index.html in one folder.
    folder = tmp_path / "espanol"
    folder.mkdir()
    for name in ("index.htm", "index.html"):
        shutil.copyfile(CORPUS / "www.marxists.org" / "espanol" / name, folder / name)
    db = new_database(request, backend, tmp_path, "suffix")
    result = run_cli("ingest", str(folder), str(folder / "index.htm"), "--db", db)  # the .htm named twice
    assert result.returncode == 0, result.stderr
    assert summary(result.stdout) == summary("ingested 2, unchanged 0, failed 0")
    assert sorted(d["id"] for d in list_json(db)) == ["espanol/index.htm", "espanol/index.html"]
    for name in ("index.htm", "index.html"):
        assert show_json(db, str(folder / name))["id"] == f"espanol/{name}"


@pytest.mark.parametrize("command", [["show", CABLE], ["list"], ["ingest", str(SEEDS)]])
def test_a_missing_postgresql_database_is_a_one_line_error(postgres_server, command: list[str]) -> None:  # noqa: ANN001
    url = postgres_server.url("no_such_archive")
    result = run_cli(*command, "--db", url)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no database 'no_such_archive' on the server" in result.stderr
    assert postgres_server.password not in result.stderr  # the URL is printed without its password


@pytest.mark.parametrize("command", [["show", CABLE], ["list"], ["optimize"]])
def test_reading_a_database_without_an_archive_is_an_error_and_creates_nothing(postgres_server, command: list[str]) -> None:  # noqa: ANN001
    import psycopg

    url = postgres_server.url("postgres")  # exists, holds no archive
    result = run_cli(*command, "--db", url)
    assert result.returncode == 1 and result.stdout == ""
    assert "no archive in database 'postgres'" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT to_regclass('documents')").fetchone() == (None,)


def test_an_unreachable_server_is_a_one_line_error(postgres_server) -> None:  # noqa: ANN001
    url = postgres_server.url("postgres").replace(f":{postgres_server.port}/", ":1/")
    result = run_cli("list", "--db", url)
    assert result.returncode == 1 and result.stdout == ""
    assert "cannot connect" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_kind_of_database_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("list", "--db", "mysql://localhost/archive")
    assert result.returncode == 2 and "unknown kind of database mysql://" in result.stderr


REDIRECT_STUB = CORPUS / "maresalului.github.io" / "trotsky" / "1922" / "09" / "futurismo.htm"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_redirect_page_is_skipped_not_failed_and_not_read_again(
    request: pytest.FixtureRequest, tmp_path: Path, backend: str
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(REDIRECT_STUB, pages / "futurismo.htm")
    shutil.copy(SEEDS / "trotsky-cable-1936.txt", pages)
    database = new_database(request, backend, tmp_path, "redirect")
    first = run_cli("ingest", str(pages), "--db", database)
    assert first.returncode == 0, first.stderr
    assert summary(first.stdout).ingested == 1 and summary(first.stdout).failed == 0
    assert "skipped 1 files that are not documents (redirect pages)" in first.stdout
    listed = json.loads(run_cli("list", "--db", database, "--format", "json").stdout)
    assert [document["id"] for document in listed] == ["pages/trotsky-cable-1936"]
    again = run_cli("ingest", str(pages), "--db", database)
    assert summary(again.stdout).unchanged == 2 and "skipped" not in again.stdout
