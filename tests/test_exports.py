"""Selections and the bulk, CSL-JSON and BibTeX files of `hemeroteca export`, on both backends."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest

from conftest import BACKENDS, CORPUS, FIXTURES, SEEDS, new_database
from hemeroteca.exports import bulk, writers
from hemeroteca.exports.selection import SelectionError, select
from hemeroteca.ingest import ingest
from hemeroteca.store import open_store
from hemeroteca.store.base import Store

CSL_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp(f"exports-{request.param}")
    store = open_store(new_database(request, request.param, folder, "exports"))
    ingest(store, [SEEDS, FIXTURES / "etol", CORPUS / "mia-reader" / "_pages" / "archive" / "connolly"])
    request.addfinalizer(store.close)
    return store


def test_an_issue_in_page_order(store: Store) -> None:
    selection = select(store, "issue:ni/1936/02")
    assert selection.title == "New International, Vol. 3, No. 1, February 1936"
    assert sorted(selection.document_ids) == ["etol/newspape/ni/vol03/no01/victims", "seeds/ni-victims-1936"]


def test_a_volume_by_slug_or_name_and_roman_or_arabic_number(store: Store) -> None:
    by_slug = select(store, "volume:ni/3")
    assert by_slug.title == "New International, Vol. 3"
    assert len(by_slug.document_ids) == 3
    assert by_slug.document_ids[-1] == "etol/newspape/ni/vol03/no02/trotsky"  # issue 2 after issue 1
    assert select(store, "volume:New International/III").document_ids == by_slug.document_ids
    new_militant = select(store, "volume:new-militant/II")
    assert set(new_militant.document_ids) == {"seeds/trotsky-cable-1936", "etol/newspape/newmilitant/vol02/no07/trotsky"}


def test_periodical_author_query_document_and_all(store: Store) -> None:
    assert len(select(store, 'periodical:"New International"').document_ids) == 3
    works = select(store, "author:trotsky")
    assert works.title == "Works by Leon Trotsky"
    assert len(works.document_ids) == 4
    assert works.document_ids[-1] == "etol/newspape/fi/vol06/no03/trotsky"  # 1945, after the 1936 pieces
    found = select(store, 'query:"hunger strike"')
    assert "seeds/trotsky-cable-1936" in found.document_ids
    assert select(store, "seeds/trotsky-cable-1936").document_ids == ["seeds/trotsky-cable-1936"]
    assert len(select(store, "all").document_ids) == store.count_documents()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("issue:ni/1999/01", "no issue 'ni/1999/01'"),
        ("volume:ni", "give PERIODICAL/VOLUME"),
        ("volume:ni/9", "no volume 9 of ni"),
        ("periodical:Daily Worker", "no periodical 'Daily Worker'"),
        ("author:nobody-at-all", "no works by 'nobody-at-all'"),
        ('query:"unclosed', "query:"),
        ("query:zzzzqqqq", "no documents"),
        ("author:", "author: needs a value"),
        ("no/such/document", "no document 'no/such/document'"),
    ],
)
def test_a_selection_that_names_nothing_is_a_one_line_error(store: Store, text: str, message: str) -> None:
    with pytest.raises(SelectionError, match=re.escape(message)) as error:
        select(store, text)
    assert "\n" not in str(error.value)


def test_jsonl_and_parquet_hold_the_documented_fields(store: Store, tmp_path: Path) -> None:
    selection = select(store, "all")
    assert bulk.write_jsonl(store, selection.document_ids, tmp_path / "a.jsonl") == len(selection.document_ids)
    assert bulk.write_parquet(store, selection.document_ids, tmp_path / "a.parquet") == len(selection.document_ids)
    lines = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.schema == bulk.PARQUET_SCHEMA
    assert table.num_rows == len(lines) == len(selection.document_ids)
    documented = re.findall(r"^\| `(\w+)` \|", (Path(__file__).parents[1] / "docs" / "bulk-data.md").read_text(), re.M)
    assert documented == bulk.FIELDS == list(lines[0])
    cable = next(line for line in lines if line["id"] == "seeds/trotsky-cable-1936")
    assert cable["periodical"] == "New Militant" and cable["volume"] == "2" and cable["volume_raw"] == "II"
    assert cable["number"] == "7" and cable["issue_date"] == "1936-02-15" and cable["pages"] == "p. 1"
    assert cable["authors"] == [{"name": "Leon Trotsky", "role": "author", "printed_as": None, "slug": "leon-trotsky"}]
    assert cable["written"] == {"raw": "28 January 1936", "edtf": "1936-01-28"}
    assert cable["credits"][0]["name"] == "Einde O'Callaghan"
    assert "\n\nHearst Press published" in cable["text"] and cable["words"] > 300
    assert table.to_pylist() == lines, "the two files hold the same rows"


def test_csl_json_validates_and_bibtex_keys_are_unique(store: Store, tmp_path: Path) -> None:
    selection = select(store, "all")
    count = writers.write_csl(store, selection, tmp_path / "all.json", "https://archive.example.org")
    items = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert count == len(items) == len(selection.document_ids)
    jsonschema.validate(items, CSL_SCHEMA)
    assert items[0]["URL"].startswith("https://archive.example.org/documents/")
    writers.write_bibtex(store, selection, tmp_path / "all.bib", None)
    keys = re.findall(r"^@\w+\{([^,]+),$", (tmp_path / "all.bib").read_text(encoding="utf-8"), re.M)
    assert len(keys) == len(selection.document_ids) == len(set(keys))


def test_the_export_command(store: Store, tmp_path: Path) -> None:
    if store.__class__.__name__ != "SQLiteStore":
        pytest.skip("the command is tested once; the selections above run on both backends")
    from clitools import run_cli

    database = str(Path(store.path))  # type: ignore[attr-defined]
    done = run_cli("export", "parquet", "volume:ni/3", "-o", str(tmp_path / "v.parquet"), "--db", database)
    assert done.returncode == 0 and "wrote 3 documents (New International, Vol. 3)" in done.stdout
    failed = run_cli("export", "parquet", "volume:ni/9", "-o", str(tmp_path / "x.parquet"), "--db", database)
    assert failed.returncode == 1 and failed.stderr.strip() == "error: no volume 9 of ni in the archive"
    missing = run_cli("export", "jsonl", "all", "--db", database)
    assert missing.returncode == 2 and "-o" in missing.stderr
