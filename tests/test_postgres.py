"""The PostgreSQL store on a real server: the same answers as SQLite on one archive, and what only it has to get right.

One archive (the seeds, the constructed ETOL pages, a Portuguese author's pages and the
chapters of Capital, whose chapter 25 runs past the 16,383 word positions a tsvector
keeps) is ingested into both backends; records, lists and search results must agree.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from conftest import CORPUS, FIXTURES, SEEDS, new_database, rows
from pgserver import PostgresServer
from hemeroteca.ingest import Candidate, ingest, prepare, read_candidate
from hemeroteca.record import Person
from hemeroteca.search.query import parse_query
from hemeroteca.store import DatabaseUnavailableError, NoDatabaseError, open_store
from hemeroteca.store.base import IngestedFile, PreparedFile
from hemeroteca.store.postgres import MAX_POSITION, PostgresStore
from hemeroteca.store.postgres_search import statement
from hemeroteca.store.sqlite import SQLiteStore

CAPITAL = CORPUS / "mia-reader" / "_pages" / "marx" / "works" / "1867-c1"
INPUTS = [SEEDS, FIXTURES / "etol", CORPUS / "maresalului.github.io" / "abramo", CAPITAL]


@pytest.fixture(scope="module")
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SQLiteStore, PostgresStore]]:
    folder = tmp_path_factory.mktemp("pair")
    sqlite = open_store(new_database(request, "sqlite", folder, "pair"))
    postgres = open_store(new_database(request, "postgresql", folder, "pair"))
    assert isinstance(sqlite, SQLiteStore) and isinstance(postgres, PostgresStore)
    for store in (sqlite, postgres):
        report = ingest(store, INPUTS)
        assert report.ok, report.failed
    yield sqlite, postgres
    sqlite.close()
    postgres.close()


def test_the_same_records_and_lists(pair: tuple[SQLiteStore, PostgresStore]) -> None:
    sqlite, postgres = pair
    documents = sqlite.list_documents()
    assert [d.to_json() for d in postgres.list_documents()] == [d.to_json() for d in documents]
    for summary in documents:
        on_sqlite, on_postgres = sqlite.get_record(summary.id), postgres.get_record(summary.path)
        assert on_sqlite is not None and on_postgres is not None
        # Whole records, key order of extra_fields included (JSONB keeps keys in an order of its own).
        assert on_postgres[1].to_json(on_postgres[0]) == on_sqlite[1].to_json(on_sqlite[0])
        assert list(on_postgres[1].extra_fields) == list(on_sqlite[1].extra_fields)
    assert any(len(sqlite.get_record(d.id)[1].extra_fields) > 1 for d in documents)  # type: ignore[index]
    for periodical in ("ni", "The New International", "New Militant"):
        assert postgres.list_documents(periodical=periodical) == sqlite.list_documents(periodical=periodical)
    for author in ("Leon Trotsky", "Trotsky, Leon", "G. Gurov", "Fúlvio Abramo", "Karl Marx"):
        assert postgres.list_documents(author=author) == sqlite.list_documents(author=author), author
    assert postgres.stored_hashes() == sqlite.stored_hashes()
    assert postgres.failures() == sqlite.failures() == []


def _deep_phrase(sqlite: SQLiteStore) -> str:
    """Four words of Capital's chapter 25 past word 30,000, which a tsvector's positions do not reach."""
    found = sqlite.get_record("1867-c1/ch25")
    assert found is not None
    words = re.findall(r"[^\W_]+", found[1].body_text())
    assert len(words) > 2 * MAX_POSITION
    return '"' + " ".join(words[30_000:30_004]) + '"'


QUERIES = [
    "Ciliga hunger", "victims repression", "Victims of Stalinist Repression and Terror", '"hunger strike"',
    '"hunger strike" -Kamenev', '"strike hunger"', "strikes", "author:trotsky", "author:cannon", "author:Abramo",
    'periodical:"The New International"', "periodical:ni", "Stalinist year:1936", "year:1930..1939", "lang:pt",
    "socialismo lang:pt", "REVOLUCAO", "revolução", "de", "the", "Trotsky's", "don't", "www", "http",
    "accumulation capital", '"reserve army"', '"primitive accumulation" -labour', "-capital lang:en", "1936",
    "NEAR(a b)", "o'", "100%", "a_b", "back\\slash",
]


@pytest.mark.parametrize("text", [*QUERIES, "DEEP"])
def test_the_same_search_answers(pair: tuple[SQLiteStore, PostgresStore], text: str) -> None:
    """The same documents match, with the same facet counts; only the scores (BM25 or ts_rank_cd) differ."""
    sqlite, postgres = pair
    query = parse_query(_deep_phrase(sqlite) if text == "DEEP" else text)
    on_sqlite, on_postgres = sqlite.search(query, limit=1000), postgres.search(query, limit=1000)
    assert on_postgres.total == on_sqlite.total
    assert {hit.id for hit in on_postgres.hits} == {hit.id for hit in on_sqlite.hits}
    assert on_postgres.facets == on_sqlite.facets
    if text == "DEEP":
        assert [hit.id for hit in on_postgres.hits] == ["1867-c1/ch25"]
    # The tiers above relevance, the same documents in each: the exact title typed (+200), the words in the order typed (+100).
    for tier in (200, 100):
        assert {h.id for h in on_postgres.hits if h.score >= tier} == {h.id for h in on_sqlite.hits if h.score >= tier}


def test_snippets_mark_the_words_as_written(pair: tuple[SQLiteStore, PostgresStore]) -> None:
    _, postgres = pair
    result = postgres.search(parse_query("revolucao"), limit=5)
    assert result.hits and all("\ue001" in hit.snippet for hit in result.hits)
    marked = {m.casefold() for hit in result.hits for m in re.findall("\ue001(.*?)\ue002", hit.snippet)}
    assert marked & {"revolução", "revoluçao"}, marked  # the accents kept in the text shown
    cable = postgres.search(parse_query("Ciliga hunger"), limit=20)
    assert any(hit.snippet.startswith("…") and hit.snippet.endswith("…") for hit in cable.hits)


def test_search_uses_the_gin_index_and_names_the_trigram_index(pair: tuple[SQLiteStore, PostgresStore]) -> None:
    """With sequential scans priced out (a small archive is cheaper to scan), the plans show the indexes usable."""
    _, postgres = pair
    connection = postgres.connection
    with connection.transaction():
        connection.execute("SET LOCAL enable_seqscan = off")
        sql, params = statement(parse_query('Ciliga "hunger strike" author:cannon'))
        plan = "\n".join(row[0] for row in connection.execute("EXPLAIN " + sql, params))  # type: ignore[operator]
        assert "documents_tsv" in plan, plan
        connection.execute("SET LOCAL enable_indexscan = off")
        connection.execute("SET LOCAL enable_indexonlyscan = off")
        plan = "\n".join(
            row[0] for row in connection.execute("EXPLAIN SELECT author_id FROM author_aliases WHERE alias_key LIKE %s", ("% cannon",))
        )
        assert "author_aliases_key_trgm" in plan, plan


def _ingested(tmp_path: Path, name: str, text: str, **changes: object) -> PreparedFile:
    """A seed page read as it is, under another name, with the record changed as asked."""
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    item = read_candidate(Candidate(path, f"t/{name}"), {})
    assert isinstance(item, IngestedFile)
    for field, value in changes.items():
        setattr(item.record, field, value)
    return prepare(item)


def test_a_document_the_database_refuses_is_reported_and_the_batch_goes_on(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    store = open_store(new_database(request, "postgresql", tmp_path, "refused"))
    seed = (SEEDS / "trotsky-cable-1936.txt").read_text(encoding="utf-8")
    # A name no B-tree index entry can hold (2,704 bytes at most): PostgreSQL refuses the document.
    too_long = Person(name="X " + secrets.token_urlsafe(6000))
    batch = [
        _ingested(tmp_path, "first", seed),
        _ingested(tmp_path, "refused", seed, authors=[too_long]),
        _ingested(tmp_path, "last", seed),
    ]
    failures = store.write_batch(batch)
    assert [f.path for f in failures] == [batch[1].path]
    assert failures[0].error.startswith("storage: ") and "\n" not in failures[0].error
    assert {d.id for d in store.list_documents()} == {"t/first", "t/last"}
    assert store.failures() == [(batch[1].path, failures[0].error)]
    # The savepoint took back all of the refused document: no author, no alias, no credit of it.
    assert rows(store, "SELECT COUNT(*) FROM authors WHERE length(name) > 1000") == [(0,)]
    assert rows(store, "SELECT COUNT(*) FROM credits WHERE document_id = 't/refused'") == [(0,)]
    store.close()


def test_nul_characters_are_stored_as_replacement_characters(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    store = open_store(new_database(request, "postgresql", tmp_path, "nul"))
    seed = (SEEDS / "trotsky-cable-1936.txt").read_text(encoding="utf-8")
    item = _ingested(tmp_path, "nul", seed, title="Trotsky\x00Cables", subtitle="a\x00b")
    assert store.write_batch([item]) == []
    found = store.get_record("t/nul")
    assert found is not None and found[1].title == "Trotsky\ufffdCables" and found[1].subtitle == "a\ufffdb"
    assert [hit.id for hit in store.search(parse_query("cables")).hits] == ["t/nul"]
    store.close()


def _create_database(server: PostgresServer, name: str, locale: str) -> str:
    with psycopg.connect(server.url("postgres"), autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '{locale}' LC_CTYPE '{locale}'")
    return server.url(name)


def test_opening_for_reading_needs_an_archive_and_changes_nothing(postgres_server: PostgresServer) -> None:
    url = _create_database(postgres_server, "no_archive_yet", "C.UTF-8")
    with pytest.raises(NoDatabaseError, match="no archive in database"):
        open_store(url, create=False)
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT to_regclass('documents'), to_regclass('hemeroteca_meta')").fetchone() == (None, None)
    open_store(url).close()  # create=True makes the archive in the existing database
    open_store(url, create=False).close()
    missing = postgres_server.url("no_such_database")
    with pytest.raises(NoDatabaseError, match="no database 'no_such_database'"):
        open_store(missing)


def test_a_database_without_a_unicode_locale_is_refused(postgres_server: PostgresServer) -> None:
    """Case and accents could not be folded for search there: a clear error, not wrong answers."""
    url = _create_database(postgres_server, "ascii_ctype", "C")
    with pytest.raises(DatabaseUnavailableError, match="needs UTF-8 with a UTF-8 locale"):
        open_store(url)
