"""The catalogue an ingest builds: periodicals → volumes → issues → articles, authors with their names.

Ingests the seeds and the constructed ETOL pages (tests/fixtures/etol) into each backend, SQLite and PostgreSQL.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BACKENDS, FIXTURES, SEEDS, new_database, rows
import hemeroteca.ingest as ingest_module
from hemeroteca.ingest import ingest
from hemeroteca.record import Record
from hemeroteca.store import Store, open_store
from hemeroteca.store.rows import DocumentRow


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def archive(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Store]:
    store = open_store(new_database(request, backend, tmp_path, "catalogue"))
    report = ingest(store, [FIXTURES / "etol", SEEDS])
    assert report.ok and report.ingested == 7
    yield store
    store.close()


def test_periodicals_are_named_as_mia_names_them(archive: Store) -> None:
    assert rows(archive, "SELECT slug, name, mia_href FROM periodicals ORDER BY slug") == [
        ("fi", "Fourth International", "history/etol/newspape/fi/index.htm"),
        ("new-militant", "New Militant", None),  # not in MIA's catalogue: kept as cited
        ("ni", "New International", "history/etol/newspape/ni/index.htm"),
        ("socialistappeal", "Socialist Appeal", "history/etol/newspape/socialistappeal/index.htm"),
    ]


def test_issues_sit_in_their_volumes_and_are_shared_by_their_articles(archive: Store) -> None:
    ni_issues = rows(
        archive,
        "SELECT v.number, v.raw, i.number, i.date FROM issues i JOIN volumes v ON v.id = i.volume_id"
        " JOIN periodicals p ON p.id = i.periodical_id WHERE p.slug = 'ni' ORDER BY i.date",
    )
    assert ni_issues == [("3", "3", "1", "1936-02"), ("3", "3", "2", "1936-03")]
    militant = rows(archive, "SELECT v.number, v.raw FROM volumes v JOIN periodicals p ON p.id = v.periodical_id WHERE p.slug = 'new-militant'")
    assert militant == [("2", "II")]  # Roman numeral normalised, printed form kept
    # The seed and the constructed ETOL page of "Victims…" are one issue's article, twice.
    same_issue = rows(archive, "SELECT COUNT(DISTINCT issue_id), COUNT(*) FROM documents WHERE title = 'Victims of Stalinist Repression and Terror'")
    assert same_issue == [(1, 2)]


def test_list_by_periodical_accepts_any_form_of_its_name(archive: Store) -> None:
    by_slug = [d.id for d in archive.list_documents(periodical="ni")]
    assert by_slug == [  # in issue order
        "etol/newspape/ni/vol03/no01/victims",
        "seeds/ni-victims-1936",
        "etol/newspape/ni/vol03/no02/trotsky",
    ]
    assert [d.id for d in archive.list_documents(periodical="The New International")] == by_slug
    assert [d.id for d in archive.list_documents(periodical="New International")] == by_slug


def test_authors_are_found_by_name_variant_and_pseudonym(archive: Store) -> None:
    by_name = {d.id for d in archive.list_documents(author="Leon Trotsky")}
    assert "seeds/trotsky-cable-1936" in by_name
    assert "seeds/ni-victims-1936" not in by_name  # unsigned
    assert {d.id for d in archive.list_documents(author="Trotsky, Leon")} == by_name
    # G. Gurov was one of Trotsky's pen names (catalogue/data/pseudonyms.json says where it is attested).
    assert {d.id for d in archive.list_documents(author="G. Gurov")} == by_name


def test_reingesting_a_changed_page_replaces_its_record(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> None:
    pages = tmp_path / "seeds"
    shutil.copytree(SEEDS, pages)
    store = open_store(new_database(request, backend, tmp_path, "second"))
    assert ingest(store, [pages]).ingested == 2
    cable = pages / "trotsky-cable-1936.txt"
    cable.write_text(cable.read_text(encoding="utf-8").replace("Trotsky Cables Denial to", "Trotsky Cables His Denial to"), encoding="utf-8")
    report = ingest(store, [pages])
    assert (report.ingested, report.unchanged) == (1, 1)
    found = store.get_record("seeds/trotsky-cable-1936")
    assert found is not None and found[1].title == "Trotsky Cables His Denial to AP on Daily Worker Lies"
    assert rows(store, "SELECT COUNT(*) FROM documents") == [(2,)]
    assert rows(store, "SELECT COUNT(*) FROM credits WHERE document_id = 'seeds/trotsky-cable-1936'") == [(2,)]
    if backend == "sqlite":
        assert rows(store, "PRAGMA integrity_check") == [("ok",)]
    else:  # the search text was replaced with the record: the new title is found, the old one is not
        assert rows(store, "SELECT COUNT(*) FROM documents WHERE tsv @@ phraseto_tsquery('hemeroteca', 'His Denial')") == [(1,)]
        assert rows(store, "SELECT COUNT(*) FROM documents WHERE tsv @@ phraseto_tsquery('hemeroteca', 'Cables Denial')") == [(0,)]
    store.close()


def test_the_database_is_plain_sqlite(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    archive = open_store(new_database(request, "sqlite", tmp_path, "plain"))
    assert ingest(archive, [FIXTURES / "etol", SEEDS]).ingested == 7
    path = archive.path
    archive.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT COUNT(*) FROM documents").fetchone() == (7,)


def test_a_document_sqlite_refuses_fails_alone_and_leaves_nothing(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A batch is written in one transaction without savepoints; when the database refuses a document, the
    batch is written again with one savepoint per document: the others are stored, the refused one not at all."""
    store = open_store(new_database(request, "sqlite", tmp_path, "refused"))
    seed = (SEEDS / "trotsky-cable-1936.txt").read_text(encoding="utf-8")
    names = ("first", "refused", "last")
    for name in names:
        (tmp_path / f"{name}.txt").write_text(seed, encoding="utf-8")
    store.connection.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON credits WHEN NEW.document_id LIKE '%refused'"
        " BEGIN SELECT RAISE(ABORT, 'no credits for this one'); END"
    )
    report = ingest(store, [tmp_path / f"{name}.txt" for name in names])
    refused_path = str(tmp_path / "refused.txt")
    assert report.ingested == 2 and report.failed == [(refused_path, "storage: no credits for this one")]
    assert sorted(rows(store, "SELECT path FROM documents")) == [(str(tmp_path / "first.txt"),), (str(tmp_path / "last.txt"),)]
    # The documents row, its search index entry and its authors were taken back with the credits.
    assert rows(store, "SELECT COUNT(*) FROM documents_fts") == [(2,)]
    assert rows(store, "SELECT COUNT(*) FROM document_authors") == [(2,)]
    assert rows(store, "SELECT status, error FROM files WHERE path = ?", refused_path) == [("failed", "storage: no credits for this one")]
    store.close()


def test_a_record_that_cannot_be_made_into_rows_fails_alone(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are made from a record after it is read, outside the reader's error handling: a failure there
    is one file's failure too, never the end of the ingest."""
    real_document_row = ingest_module.document_row

    def document_row(document_id: str, record: Record) -> DocumentRow:
        if document_id.endswith("broken"):
            raise ValueError("cannot make rows")
        return real_document_row(document_id, record)

    monkeypatch.setattr(ingest_module, "document_row", document_row)
    seed = (SEEDS / "trotsky-cable-1936.txt").read_text(encoding="utf-8")
    for name in ("broken", "whole"):
        (tmp_path / f"{name}.txt").write_text(seed, encoding="utf-8")
    store = open_store(new_database(request, "sqlite", tmp_path, "rows"))
    report = ingest(store, [tmp_path / "broken.txt", tmp_path / "whole.txt"])
    assert report.ingested == 1 and report.failed == [(str(tmp_path / "broken.txt"), "ValueError: cannot make rows")]
    assert rows(store, "SELECT path FROM documents") == [(str(tmp_path / "whole.txt"),)]
    store.close()
