"""SQLite search at scale: facets counted in memory, common words ranked from champion lists.

The thresholds are lowered so that the small real archive of tests/test_search.py
has common words; what is checked is that the short cuts give what ranking and
counting every match gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, SEEDS
from hemeroteca.ingest import ingest
from hemeroteca.search.query import parse_query
from hemeroteca.store import sqlite_champions, sqlite_search
from hemeroteca.store.sqlite import SQLiteStore

QUERIES = ["de", "revolução", "partido comunista", "de la", '"da revolução"', "de lang:pt", "de -revolução", "Trotsky"]


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "scale.db")
    assert ingest(store, [SEEDS, FIXTURES / "etol", CORPUS / "maresalului.github.io" / "abramo"]).ok
    yield store
    store.close()


def ranked(store: SQLiteStore, text: str, limit: int = 10, offset: int = 0) -> list[str]:
    return [hit.id for hit in store.search(parse_query(text), limit=limit, offset=offset).hits]


def with_lists(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch, per_term: int) -> None:
    """Champion lists of `per_term` documents for every word in more than 3 documents, used past 2 matches."""
    monkeypatch.setattr(sqlite_champions, "COMMON_TERM_DOCUMENTS", 3)
    monkeypatch.setattr(sqlite_champions, "CHAMPIONS_PER_TERM", per_term)
    monkeypatch.setattr(sqlite_search, "RANKED_IN_FULL", 2)
    assert sqlite_search.make_champion_lists(store.connection) > 100


def test_whole_champion_lists_rank_as_every_match_does(archive: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    every_match = {text: ranked(archive, text) for text in QUERIES}
    with_lists(archive, monkeypatch, per_term=10_000)
    assert {text: ranked(archive, text) for text in QUERIES} == every_match


def test_a_single_word_is_ranked_exactly_from_a_list_as_long_as_the_page(
    archive: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    every_match = [ranked(archive, "de", limit=5, offset=offset) for offset in (0, 5)]
    with_lists(archive, monkeypatch, per_term=5)
    listed = {row[0] for row in archive.connection.execute("SELECT document_rowid FROM search_champions WHERE term = 'de'")}
    first_page = archive.search(parse_query("de"), limit=5)
    assert [hit.id for hit in first_page.hits] == every_match[0]
    assert first_page.total > 2 * len(listed)  # counted over every match, not over the list
    stored = {row[0]: row[1] for row in archive.connection.execute("SELECT id, rowid FROM documents")}
    assert {stored[hit.id] for hit in first_page.hits} <= listed
    # The second page is not on the list: every match is ranked for it.
    assert ranked(archive, "de", limit=5, offset=5) == every_match[1]


def test_documents_stored_after_the_lists_are_ranked_with_them(
    archive: SQLiteStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with_lists(archive, monkeypatch, per_term=5)
    page = tmp_path / "later" / "de-la-revolucion.md"
    page.parent.mkdir()
    # Constructed: a page whose title is the common word, stored after the lists were made.
    page.write_text("---\ntitle: De\nauthor: Nobody\n---\n\nDe de de la revolución.\n", encoding="utf-8")
    assert ingest(archive, [page.parent]).ok
    assert ranked(archive, "de", limit=1) == ["later/de-la-revolucion"]


def test_facets_count_every_match_as_a_group_by_does(archive: SQLiteStore) -> None:
    result = archive.search(parse_query("de"), limit=1)
    matched = archive.connection.execute(
        "SELECT d.id, d.language, p.name, substr(f.date, 1, 4) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        " JOIN search_fields f ON f.document_rowid = d.rowid LEFT JOIN periodicals p ON p.id = d.periodical_id"
        " WHERE documents_fts MATCH '\"de\"'"
    ).fetchall()
    assert result.total == len(matched)
    languages = Counter(language for _, language, _, _ in matched if language)
    assert result.facets["language"] == top(languages)
    periodicals = Counter(name for _, _, name, _ in matched if name)
    assert result.facets["periodical"] == top(periodicals)
    years = Counter(year for _, _, _, year in matched if year and year.isdigit())
    assert sum(count for _, count in result.facets["decade"]) == sum(years.values())
    authors = Counter(
        row[0]
        for row in archive.connection.execute(
            "SELECT a.name FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " JOIN (SELECT DISTINCT document_id, author_id FROM document_authors) da ON da.document_id = d.id"
            " JOIN authors a ON a.id = da.author_id WHERE documents_fts MATCH '\"de\"'"
        )
    )
    assert result.facets["author"] == top(authors)


def top(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:20]


def test_counts_follow_what_is_stored_by_this_connection_or_another(archive: SQLiteStore, tmp_path: Path) -> None:
    other = SQLiteStore(archive.path)
    try:
        before = other.search(parse_query("Ciliga")).total
        page = tmp_path / "more" / "ciliga.md"
        page.parent.mkdir()
        page.write_text("---\ntitle: Ciliga again\n---\n\nAnte Ciliga.\n", encoding="utf-8")  # constructed
        assert ingest(archive, [page.parent]).ok
        assert archive.search(parse_query("Ciliga")).total == before + 1
        assert other.search(parse_query("Ciliga")).total == before + 1
    finally:
        other.close()
