"""The MIA catalogue and name helpers, checked against MIA's real data."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

from hemeroteca.catalogue.mia import MiaCatalogue, build_catalogue, load_default_catalogue
from hemeroteca.catalogue.names import (
    clean_person_name,
    display_name,
    free_slug,
    name_key,
    periodical_key,
    periodical_years,
    repair_mojibake,
    slugify,
    split_mia_name,
    split_periodical_name,
    surname_forms,
    year_ranges,
)

DATA = resources.files("hemeroteca.catalogue").joinpath("data")


@pytest.fixture(scope="module")
def catalogue() -> MiaCatalogue:
    return load_default_catalogue()


def _alias_rows() -> list[dict[str, str]]:
    return json.loads(DATA.joinpath("pseudonyms.json").read_text("utf-8"))["aliases"]


# --- names.py ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("mia_name", "expected"),
    [
        ("Trotsky, Leon", "Leon Trotsky"),
        ("Cannon, James P.", "James P. Cannon"),
        ("Heijenoort, Jean van", "Jean van Heijenoort"),
        ("Böhm-Bawerk, Eugen von", "Eugen von Böhm-Bawerk"),
        ("Tanner Weiss, Myra", "Myra Tanner Weiss"),
        ("Carlton, W.F. (C.L.R. James)", "W.F. Carlton"),
        ("Zam, Herbert [1900 - 1992]", "Herbert Zam"),
        ("Zam, Herbert*", "Herbert Zam"),
        ("Mill, John Stuart,", "John Stuart Mill"),
        ("D’Arcy, Jim", "Jim D'Arcy"),
        ("Ho Chi Minh", "Ho Chi Minh"),  # no comma: already in display order
        ("Barta (David Korner)", "Barta"),
        ("Foucault. Michel", "Michel Foucault"),  # MIA's full stop for a comma
        ("Roy M N", "M.N. Roy"),  # surname first, bare initials
    ],
)
def test_display_name(mia_name: str, expected: str) -> None:
    assert display_name(mia_name) == expected


def test_split_and_surname_forms_keep_particles() -> None:
    assert split_mia_name("Heijenoort, Jean van") == ("Heijenoort", "Jean van")
    assert surname_forms("Heijenoort", "Jean van") == ["Heijenoort", "van Heijenoort"]
    assert surname_forms("Ba Jin", "") == []


def test_name_key_ignores_case_accents_apostrophes_and_punctuation() -> None:
    assert name_key("Einde O’Callaghan") == name_key("einde o'callaghan") == "einde ocallaghan"
    assert name_key("Fúlvio Abramo") == name_key("FULVIO  ABRAMO") == "fulvio abramo"
    assert name_key("C.L.R. James") == name_key("C. L. R. James")
    assert name_key("Trotsky, Leon") != name_key("Leon Trotsky")  # word order matters


def test_clean_person_name() -> None:
    assert clean_person_name("  Einde\u00a0O’Callaghan , ") == "Einde O'Callaghan"
    assert clean_person_name("Michel Foucault.") == "Michel Foucault"
    assert clean_person_name("James P.") == "James P."  # an initial keeps its stop
    assert clean_person_name("Boleti\u00adn") == "Boletin"  # soft hyphen


def test_repair_mojibake() -> None:
    assert repair_mojibake("JÃ³zsef, Attila") == "József, Attila"
    assert repair_mojibake("Barbès, Armand") == "Barbès, Armand"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("New International (New York, 1934-1958)", "new international"),
        ("The New International", "new international"),
        ("Spark, The (Ghana) (1962-1966)", "spark"),
        ("La Protesta (Peru, 1911-1927)", "protesta"),
        ("Die Wahrheit [The Truth] (1889-1910)", "wahrheit"),
        ("Health & Hygiene (1935-1938)", "health and hygiene"),
        ("Militant, London (1964-1997)", "militant"),
        ("New Militant", "new militant"),
        ("Liberation (CPI(ML), 1967-1972)", "liberation"),
    ],
)
def test_periodical_key(name: str, key: str) -> None:
    assert periodical_key(name) == key


def test_split_periodical_name_and_years() -> None:
    title, qualifier = split_periodical_name("Fourth International (New York, 1940-1956-SWP )")
    assert (title, qualifier) == ("Fourth International", "New York, 1940-1956-SWP")
    assert periodical_years(qualifier) == "1940-1956"
    assert periodical_years("1935-RWL") == "1935"
    assert periodical_years("Peru") is None
    assert year_ranges("1928-36, 40-") == [(1928, 1936), (1940, None)]
    assert year_ranges("1970s-1980s") == [(1970, 1989)]


def test_slugify() -> None:
    assert slugify("Fúlvio Abramo") == "fulvio-abramo"
    assert slugify("Лев Троцкий") == "lev-trotskiy"
    assert slugify("Jim D'Arcy") == "jim-darcy"
    assert slugify("Women & Revolution") == "women-revolution"


# --- authors ----------------------------------------------------------------


def test_match_author_by_display_and_sort_forms(catalogue: MiaCatalogue) -> None:
    trotsky = catalogue.match_author("Leon Trotsky")
    assert trotsky is not None
    assert (trotsky.id, trotsky.sort_name, trotsky.href, trotsky.slug) == (
        "749",
        "Trotsky, Leon",
        "archive/trotsky/index.htm",
        "leon-trotsky",
    )
    assert catalogue.match_author("Trotsky, Leon") == trotsky
    assert catalogue.match_author("LEON TROTSKY") == trotsky
    cannon = catalogue.match_author("James P. Cannon")
    assert cannon is not None and cannon.name == "James P. Cannon"
    assert catalogue.match_author("Max Shachtman").href == "archive/shachtma/index.htm"


def test_unknown_author_is_none(catalogue: MiaCatalogue) -> None:
    # ETOL's editor is credited on every page but is not in MIA's author list.
    assert catalogue.match_author("Einde O’Callaghan") is None
    assert catalogue.match_author("Trotsky") is None  # a surname alone is not a name


def test_accent_insensitive_names(catalogue: MiaCatalogue) -> None:
    # Titles of Portuguese MIA author pages (maresalului.github.io/<folder>/index.htm).
    assert catalogue.match_author("Daniel Bensaïd").id == catalogue.match_author("Daniel Bensaid").id
    assert catalogue.match_author("Pierre Broué").name == "Pierre Broué"
    assert catalogue.match_author("Vo Nguyen Giap").name == "Võ Nguyên Giáp"
    assert catalogue.match_author("Jean Van Heijenoort").id == "297"
    # MIA's mis-encoded "RÃ¡kosi, MÃ¡tyÃ¡s" is repaired on load.
    assert catalogue.match_author("Mátyás Rákosi").name == "Mátyás Rákosi"
    # Portuguese spellings that differ by more than accents need the alias table.
    assert catalogue.match_author("Leon Trótski").id == "749"
    assert catalogue.match_author("Fúlvio Abramo") is None  # Portuguese MIA only


def test_mia_duplicates_are_one_person(catalogue: MiaCatalogue) -> None:
    # "Jozsef, Attila", "JÃ³zsef, Attila" (twice): one person.
    jozsef = catalogue.match_author("Attila Jozsef")
    assert jozsef is not None and jozsef.name == "Attila József"
    assert catalogue.person_of["1081"] == catalogue.person_of["1082"] == jozsef.id
    # Irving Howe has an ETOL and an archive page; the ETOL entry stands for him.
    assert catalogue.match_author("Irving Howe").href == "history/etol/writers/howe/index.htm"


@pytest.mark.parametrize(
    ("pseudonym", "person"),
    [
        ("J.R. Johnson", "C.L.R. James"),
        ("J. R. Johnson", "C.L.R. James"),
        ("Johnson, J.R.", "C.L.R. James"),
        ("F. Forest", "Raya Dunayevskaya"),
        ("Albert Gates", "Albert Glotzer"),
        ("Terence Phelan", "Sherry Mangan"),
        ("John G. Wright", "Joseph Vanzler"),
        ("Henry Judd", "Stanley Plastrik"),
        ("Barta", "David Korner"),
        ("Ernest Germain", "Ernest Mandel"),
        ("Marc Loris", "Jean van Heijenoort"),
        ("E. R. Franks", "Bert Cochran"),
    ],
)
def test_pseudonym_resolves_to_person(catalogue: MiaCatalogue, pseudonym: str, person: str) -> None:
    found = catalogue.match_author(pseudonym)
    assert found is not None and found.name == person


def test_aliases_for(catalogue: MiaCatalogue) -> None:
    james = catalogue.match_author("C.L.R. James")
    names = {alias.name: alias for alias in catalogue.aliases_for(james.id)}
    assert {"W.F. Carlton", "G.F. Eckstein", "J.R. Johnson", "J. Meyer"} <= names.keys()
    assert names["J.R. Johnson"].kind == "pseudonym"
    assert "maresalului.github.io/draper/1971/mes/rumo.htm" in names["J.R. Johnson"].source
    assert names["Cyril Lionel Robert James"].kind == "variant"
    # Asking with the id of a pseudonym's own MIA entry gives the person's aliases.
    assert catalogue.aliases_for("882") == catalogue.aliases_for(james.id)
    assert catalogue.aliases_for("111") == []  # Cannon: none recorded


def test_every_alias_row_is_consistent(catalogue: MiaCatalogue) -> None:
    for row in _alias_rows():
        assert row["kind"] in ("variant", "pseudonym")
        assert row["source"].strip()
        assert catalogue.authors[row["person_id"]].name == row["person"], row
        assert catalogue.match_author(row["name"]) == catalogue.authors[row["person_id"]], row
        if "mia_id" in row:  # the MIA entry filed under the alias is that alias
            assert name_key(catalogue.authors[row["mia_id"]].name) == name_key(row["name"]), row


def test_match_author_by_surname(catalogue: MiaCatalogue) -> None:
    assert catalogue.match_author_by_surname("Cannon").name == "James P. Cannon"
    assert catalogue.match_author_by_surname("van Heijenoort").id == "297"
    assert catalogue.match_author_by_surname("Heijenoort").id == "297"
    assert catalogue.match_author_by_surname("Germain").name == "Ernest Mandel"
    # Leon Trotsky and "Trotsky, Natalia Sedova"; Hewlett Johnson and J.R. Johnson.
    assert catalogue.match_author_by_surname("Trotsky") is None
    assert catalogue.match_author_by_surname("Johnson") is None
    assert catalogue.match_author_by_surname("O'Callaghan") is None


def test_build_catalogue_from_small_lists() -> None:
    authors = [
        {"id": "1", "href": "history/etol/writers/a/index.htm", "name": "Able, Ann"},
        {"id": "2", "href": "history/etol/writers/a/index.htm", "name": "Baker, Bo (Ann Able)"},
    ]
    rows = [{"name": "Bo Baker", "kind": "pseudonym", "person_id": "1", "mia_id": "2", "source": "x"}]
    small = build_catalogue(authors, [], rows)
    assert small.match_author("Bo Baker").id == "1"
    assert small.match_author("Baker, Bo").id == "1"
    assert small.match_author_by_surname("Baker").id == "1"
    assert small.match_periodical("Anything") is None


# --- periodicals ------------------------------------------------------------


def test_match_new_international_prefers_etol(catalogue: MiaCatalogue) -> None:
    ni = catalogue.match_periodical("New International")
    assert ni is not None
    assert (ni.id, ni.name, ni.full_name, ni.href, ni.slug, ni.years) == (
        "150",
        "New International",
        "New International (New York, 1934-1958)",
        "history/etol/newspape/ni/index.htm",
        "ni",
        "1934-1958",
    )
    assert catalogue.match_periodical("The New International") == ni
    # A year can still pick MIA's other New International (history/usa/pubs).
    assert catalogue.match_periodical("New International", year=1917).id == "149"


def test_new_militant_does_not_match_militant(catalogue: MiaCatalogue) -> None:
    assert catalogue.match_periodical("New Militant") is None
    assert catalogue.periodical_candidates("New Militant") == []


def test_militant_needs_a_hint(catalogue: MiaCatalogue) -> None:
    # London (1964-1997) and New York: MIA's "Miltant (New York, 1928-36, 40-)".
    assert len(catalogue.periodical_candidates("The Militant")) == 2
    assert catalogue.match_periodical("The Militant") is None
    new_york = catalogue.match_periodical("The Militant", year=1945)
    assert new_york is not None and new_york.name == "Militant"
    assert new_york.slug == "themilitant" and new_york.years == "1928-36, 40-"
    assert catalogue.match_periodical("Militant (New York)") == new_york
    assert catalogue.match_periodical("The Militant", year=1970) is None  # both ran


def test_fourth_international_and_labor_action_by_year(catalogue: MiaCatalogue) -> None:
    assert catalogue.match_periodical("Fourth International") is None  # four ETOL papers
    swp = catalogue.match_periodical("Fourth International", year=1942)
    assert swp is not None and swp.slug == "fi" and swp.years == "1940-1956"
    assert catalogue.match_periodical("Fourth International (New York)") == swp
    assert catalogue.match_periodical("Fourth International", year=1937).slug == "fi-rwl"
    assert catalogue.match_periodical("Labor Action", year=1950).slug == "laboraction-ny"
    assert catalogue.match_periodical("Labor Action", year=1934).slug == "laboraction-cpla"


def test_periodical_titles_mia_files_oddly(catalogue: MiaCatalogue) -> None:
    assert catalogue.match_periodical("Women & Revolution").id == "269"
    assert catalogue.match_periodical("Das Volk").full_name == "Volk, Das (1859)"
    assert catalogue.match_periodical("Marxist Bulletin").id == "23"  # "Bulletin/Marxist Bulletin"
    assert catalogue.match_periodical("International Socialist Review").slug == "isr"
    assert catalogue.match_periodical("Kwacha–Angola").id == "1043"  # mis-encoded dash repaired


# --- packaging and speed ----------------------------------------------------


def test_packaged_catalogues_are_mia_lists() -> None:
    authors = json.loads(DATA.joinpath("mia-authors.json").read_text("utf-8"))
    periodicals = json.loads(DATA.joinpath("mia-periodicals.json").read_text("utf-8"))
    assert len(authors) == 1080 and len(periodicals) == 520
    assert {"id", "index", "type", "href", "name"} == set(authors[0]) == set(periodicals[0])


def test_loading_is_fast() -> None:
    # A fresh interpreter, as the CLI pays it on each ingest; generous for slow CI.
    code = (
        "import time; from hemeroteca.catalogue import mia; t = time.perf_counter(); "
        "mia.load_default_catalogue(); print(time.perf_counter() - t)"
    )
    seconds = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert seconds < 0.25


def test_a_taken_slug_gets_the_first_free_number() -> None:
    taken = {"new-militant", "new-militant-2", "untitled"}
    assert free_slug("labor-action", taken.__contains__) == "labor-action"
    assert free_slug("new-militant", taken.__contains__) == "new-militant-3"
    assert free_slug("", taken.__contains__) == "untitled-2"
