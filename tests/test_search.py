"""Search: the query language, and ranked, faceted full-text search over a small real archive, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import BACKENDS, CORPUS, FIXTURES, SEEDS, new_database, rows
from hemeroteca.ingest import ingest
from hemeroteca.search.query import Query, QuerySyntaxError, parse_query
from hemeroteca.search.results import MARK_END, MARK_START, snippet_html
from hemeroteca.store import Store, open_store


def test_the_query_language() -> None:
    query = parse_query('trotsky "hunger strike" -stalin author:cannon periodical:"New International" year:1934..1938 lang:EN')
    assert query == Query(
        words=("trotsky",), phrases=(("hunger", "strike"),), excluded=(("stalin",),), authors=("cannon",),
        periodicals=("New International",), years=(1934, 1938), languages=("en",),
    )
    assert parse_query("year:1936").years == (1936, 1936)
    assert parse_query('"Ciliga"').words == ("Ciliga",)  # a one-word phrase is a word
    assert parse_query("title:Victims").words == ("title", "Victims")  # not a filter: plain words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('trotsky "hunger strike', "not closed"),
        ("year:19x", "not a year"),
        ("year:1938..1934", "ends before it starts"),
        ("year:1936 year:1937", "give year: once"),
        ("author:", "needs a value"),
        ("-author:trotsky", "not supported"),
        ("x" * 1001, "longer than 1000"),
    ],
)
def test_a_malformed_query_gets_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse_query(text)


ARCHIVE_INPUTS = [SEEDS, FIXTURES / "etol", CORPUS / "maresalului.github.io" / "abramo"]


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(new_database(request, request.param, tmp_path_factory.mktemp("search"), "search"))
    assert ingest(store, ARCHIVE_INPUTS).ok
    yield store
    store.close()


def ids(store: Store, text: str) -> list[str]:
    return [hit.id for hit in store.search(parse_query(text), limit=100).hits]


def test_words_find_the_article_and_mark_them_in_the_snippet(archive: Store) -> None:
    result = archive.search(parse_query("Ciliga hunger"))
    assert "seeds/trotsky-cable-1936" in [hit.id for hit in result.hits[:3]]
    for hit in result.hits:
        assert f"{MARK_START}Ciliga{MARK_END}" in hit.snippet or f"{MARK_START}hunger{MARK_END}" in hit.snippet
        assert "<mark>" in snippet_html(hit.snippet)


def test_a_title_match_outranks_a_body_match(archive: Store) -> None:
    hits = ids(archive, "victims repression")
    assert hits[0].endswith(("ni-victims-1936", "ni/vol03/no01/victims"))


def test_phrases_exclusions_and_filters(archive: Store) -> None:
    assert set(ids(archive, '"hunger strike"')) >= {"seeds/trotsky-cable-1936", "seeds/ni-victims-1936"}
    assert "seeds/trotsky-cable-1936" not in ids(archive, '"hunger strike" -Kamenev')
    assert ids(archive, '"strike hunger"') == []
    by_author = ids(archive, "author:trotsky")
    assert "seeds/trotsky-cable-1936" in by_author and "seeds/ni-victims-1936" not in by_author
    assert set(ids(archive, 'periodical:"The New International"')) == {
        "seeds/ni-victims-1936", "etol/newspape/ni/vol03/no01/victims", "etol/newspape/ni/vol03/no02/trotsky",
    }
    assert ids(archive, "Stalinist year:1936") and all(
        hit.date.startswith("1936") for hit in archive.search(parse_query("Stalinist year:1936")).hits if hit.date
    )
    assert ids(archive, "Stalinist year:1950..1960") == []
    assert all(hit.language == "pt" for hit in archive.search(parse_query("socialismo lang:pt")).hits)


def test_accents_and_case_fold(archive: Store) -> None:
    assert ids(archive, "REVOLUCAO") == ids(archive, "revolução") != []


def test_facets_count_everything_that_matches(archive: Store) -> None:
    result = archive.search(parse_query("Stalinist"), limit=1)
    assert len(result.hits) == 1 and result.total > 1
    assert sum(count for _, count in result.facets["language"]) == result.total
    assert dict(result.facets["periodical"]).get("New International", 0) >= 2


@pytest.mark.parametrize(
    "text",
    ['"); DROP TABLE documents; --', '"x"); DROP TABLE documents; --"', "NEAR(a b)", "a OR b", "^start", "col:value*", "'", "*", "-", "AND", '"" ""'],
)
def test_query_text_is_never_syntax(archive: Store, text: str) -> None:
    """Whatever is typed gives a result or a QuerySyntaxError: never an SQL or FTS5 error."""
    try:
        query = parse_query(text)
    except QuerySyntaxError:
        return
    archive.search(query)
    assert rows(archive, "SELECT COUNT(*) FROM documents")[0][0] > 0


def test_paging(archive: Store) -> None:
    first = archive.search(parse_query("de"), limit=2)
    second = archive.search(parse_query("de"), limit=2, offset=2)
    assert first.total == second.total > 4
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


@pytest.mark.parametrize("backend", BACKENDS)
def test_cli_search(request: pytest.FixtureRequest, tmp_path: Path, backend: str) -> None:
    from typer.testing import CliRunner

    from hemeroteca.cli import app

    runner = CliRunner()
    db = new_database(request, backend, tmp_path, "cli_search")
    assert runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--jobs", "1"]).exit_code == 0
    shown = runner.invoke(app, ["search", "Ciliga", "--db", db, "--format", "json"])
    assert shown.exit_code == 0 and '"seeds/trotsky-cable-1936"' in shown.stdout
    bad = runner.invoke(app, ["search", 'year:abc', "--db", db])
    assert bad.exit_code == 2 and "error: query: year:abc is not a year" in bad.stderr
