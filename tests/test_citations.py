"""Citations of archive documents: CSL-JSON items, BibTeX entries, and Chicago, MLA and APA strings.

The expected strings were written by hand from the manuals (The Chicago Manual of
Style 18th edition, MLA Handbook 9th edition, APA Publication Manual 7th edition),
then the code was made to produce them. Every CSL-JSON item the tests make is
validated against the official CSL-JSON schema, tests/schemas/csl-data.json.
Real snippets name their file: seeds/ is /work/shared/seeds, other paths are
under /work/shared/corpus.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from conftest import CORPUS, FIXTURES, SEEDS
from hemeroteca.exports.bibtex import bibtex_entry, bibtex_key, bibtex_pages, escape
from hemeroteca.exports.cite import formatted_citations
from hemeroteca.exports.csl import csl_item, csl_name, edtf_date, page_range
from hemeroteca.readers import DOCUMENT_SUFFIXES, NotADocument, read_document
from hemeroteca.record import Record

CSL_DATA_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
ARCHIVE = "https://archive.example.org/documents/"  # where the archive serves a document, by its id
CABLE_URL = ARCHIVE + "seeds/trotsky-cable-1936"
VICTIMS_URL = ARCHIVE + "seeds/ni-victims-1936"
CORPUS_SAMPLE_SIZE = 50


def read(path: Path) -> Record:
    record, _, _ = read_document(path, path.read_bytes())
    return record


def assert_valid_csl(items: list[dict[str, Any]]) -> None:
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in Draft7Validator(CSL_DATA_SCHEMA).iter_errors(items)]
    assert not errors, errors


@pytest.fixture(scope="module")
def cable() -> dict[str, Any]:
    item = csl_item("seeds/trotsky-cable-1936", read(SEEDS / "trotsky-cable-1936.txt"), url=CABLE_URL)
    assert_valid_csl([item])
    return item


@pytest.fixture(scope="module")
def victims() -> dict[str, Any]:
    item = csl_item("seeds/ni-victims-1936", read(SEEDS / "ni-victims-1936.txt"), url=VICTIMS_URL)
    assert_valid_csl([item])
    return item


# --- the seed cable: New Militant, Vol. II No. 7, 15 February 1936, p. 1 ---------------------------


def test_cable_csl_item(cable: dict[str, Any]) -> None:
    assert cable == {
        "id": "seeds/trotsky-cable-1936",
        "type": "article-newspaper",  # New Militant was a weekly, dated by day
        "title": "Trotsky Cables Denial to AP on Daily Worker Lies: "
        "Denounces Repressions Against Bolshevik-Leninists by the Stalinist Bureaucracy",
        "title-short": "Trotsky Cables Denial to AP on Daily Worker Lies",
        "author": [{"family": "Trotsky", "given": "Leon"}],
        "container-title": "New Militant",
        "volume": "2",
        "issue": "7",
        "page": "1",
        "issued": {"date-parts": [[1936, 2, 15]]},
        "language": "en",
        "URL": CABLE_URL,
    }


def test_cable_chicago(cable: dict[str, Any]) -> None:
    # CMOS 18 14.89: a newspaper article in a bibliography — author inverted, headline in
    # quotation marks with the period inside, paper, month day, year; no volume, issue or
    # page; the URL last.
    assert formatted_citations(cable)["chicago"] == (
        "Trotsky, Leon. “Trotsky Cables Denial to AP on Daily Worker Lies: Denounces Repressions"
        " Against Bolshevik-Leninists by the Stalinist Bureaucracy.” New Militant, February 15, 1936."
        f" {CABLE_URL}."
    )


def test_cable_mla(cable: dict[str, Any]) -> None:
    # MLA 9: Author. “Title.” Container, vol., no., day Mon. year, p., location. Month abbreviated.
    assert formatted_citations(cable)["mla"] == (
        "Trotsky, Leon. “Trotsky Cables Denial to AP on Daily Worker Lies: Denounces Repressions"
        " Against Bolshevik-Leninists by the Stalinist Bureaucracy.” New Militant, vol. 2, no. 7,"
        f" 15 Feb. 1936, p. 1, {CABLE_URL}."
    )


def test_cable_apa(cable: dict[str, Any]) -> None:
    # APA 7 (10.1, 10.2): Author, I. (year, Month day). Title. Periodical, volume(issue), page. URL
    # with no closing period. APA would put the title in sentence case; CSL styles print
    # titles as stored and the archive stores them as printed, with the paper's capitals.
    assert formatted_citations(cable)["apa"] == (
        "Trotsky, L. (1936, February 15). Trotsky Cables Denial to AP on Daily Worker Lies: Denounces"
        " Repressions Against Bolshevik-Leninists by the Stalinist Bureaucracy. New Militant, 2(7), 1."
        f" {CABLE_URL}"
    )


def test_cable_bibtex() -> None:
    entry = bibtex_entry("seeds/trotsky-cable-1936", read(SEEDS / "trotsky-cable-1936.txt"), url=CABLE_URL)
    assert entry == (
        "@article{trotsky1936trotsky,\n"
        "  author = {Trotsky, Leon},\n"
        "  title = {{Trotsky Cables Denial to AP on Daily Worker Lies: Denounces Repressions Against"
        " Bolshevik-Leninists by the Stalinist Bureaucracy}},\n"
        "  journal = {New Militant},\n"
        "  volume = {2},\n"
        "  number = {7},\n"
        "  pages = {1},\n"
        "  year = {1936},\n"
        "  month = feb,\n"
        f"  url = {{{CABLE_URL}}},\n"
        "}\n"
    )


# --- the unsigned editorial: New International, Vol. 3 No. 1, February 1936, Inside front cover ---


def test_unsigned_editorial_names_no_author(victims: dict[str, Any]) -> None:
    assert "author" not in victims
    assert victims["type"] == "article-magazine"  # a monthly, dated by month
    assert victims["page"] == "Inside front cover"
    assert victims["issued"] == {"date-parts": [[1936, 2]]}
    citations = formatted_citations(victims)
    assert not any("anon" in text.casefold() for text in citations.values())
    # CMOS 18 14.87: an unsigned magazine article is listed under the magazine's name,
    # which is then not repeated; a bibliography gives no page for a magazine article.
    assert citations["chicago"] == f"New International. “Victims of Stalinist Repression and Terror.” February 1936. {VICTIMS_URL}."
    # MLA 9 and APA 7 (9.12) move the title into the author's place; a place in the
    # issue that is no page number takes no "p.".
    assert citations["mla"] == (
        "“Victims of Stalinist Repression and Terror.” New International, vol. 3, no. 1, Feb. 1936,"
        f" Inside front cover, {VICTIMS_URL}."
    )
    assert citations["apa"] == (
        "Victims of Stalinist Repression and Terror. (1936, February). New International, 3(1),"
        f" Inside front cover. {VICTIMS_URL}"
    )


def test_unsigned_editorial_bibtex() -> None:
    entry = bibtex_entry("seeds/ni-victims-1936", read(SEEDS / "ni-victims-1936.txt"))
    assert entry.startswith("@article{anon1936victims,\n  title = {{Victims of Stalinist Repression and Terror}},\n")
    assert "author" not in entry
    assert "  pages = {Inside front cover},\n  year = {1936},\n  month = feb,\n}" in entry


# --- every item valid, on the constructed ETOL pages and on real pages -------------------------


def corpus_sample() -> list[Path]:
    """About 50 pages spread evenly over the sorted corpus: the same ones on every run."""
    files = sorted(path for path in CORPUS.rglob("*") if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES)
    return files[:: max(1, len(files) // CORPUS_SAMPLE_SIZE)][:CORPUS_SAMPLE_SIZE]


def test_constructed_etol_pages_cite_as_articles() -> None:
    pages = sorted((FIXTURES / "etol").rglob("*.htm"))
    items = [csl_item(page.relative_to(FIXTURES).with_suffix("").as_posix(), read(page)) for page in pages]
    assert_valid_csl(items)
    assert {item["type"] for item in items} <= {"article-newspaper", "article-magazine"}
    for item in items:
        citations = formatted_citations(item)
        assert all(item["container-title"] in text for text in citations.values())


def test_corpus_pages_give_valid_items_and_citations(corpus: Path) -> None:
    pages = corpus_sample()
    assert len(pages) == CORPUS_SAMPLE_SIZE
    items = []
    for index, page in enumerate(pages):
        try:
            record = read(page)
        except NotADocument:  # a redirect notice: nothing to cite
            continue
        items.append(csl_item(page.relative_to(corpus).as_posix(), record, url=ARCHIVE + str(index)))
    assert len(items) >= CORPUS_SAMPLE_SIZE - 5
    assert_valid_csl(items)
    for item in items:
        citations = formatted_citations(item)
        for style, text in citations.items():
            assert text.endswith((item["URL"], item["URL"] + ".")), (style, text)
            # A title standing in for a missing author is not printed a second time
            # (Chicago and APA may change its capitals).
            if "title" in item:
                assert text.casefold().count(item["title"].casefold()) == 1, (style, text)


# --- the pure pieces, on real snippets ---------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "page"),
    [
        ("p. 1", "1"),  # seeds/trotsky-cable-1936.txt
        ("pp. 3–4", "3–4"),  # tests/fixtures/etol/newspape/socialistappeal/vol02/no05/editorial.htm
        ("pp. 87–90", "87–90"),  # tests/fixtures/etol/newspape/fi/vol06/no03/trotsky.htm
        ("Inside front cover", "Inside front cover"),  # seeds/ni-victims-1936.txt
    ],
)
def test_page_range(printed: str, page: str) -> None:
    assert page_range(printed) == page


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        # MIA's catalogue splits the names it knows: "Trotsky, Leon", "De Leon, Daniel", "Heijenoort, Jean van".
        ("Leon Trotsky", {"family": "Trotsky", "given": "Leon"}),  # seeds/trotsky-cable-1936.txt
        ("Daniel De Leon", {"family": "De Leon", "given": "Daniel"}),  # maresalului.github.io/deleon/1904/04/21.htm
        ("Jean van Heijenoort", {"family": "Heijenoort", "given": "Jean", "non-dropping-particle": "van"}),  # heijenoort/1941/08/lev.htm
        # ... and keeps whole the names it does not: family name first, or a pen name.
        ("Mao Zedong", {"literal": "Mao Zedong"}),  # maresalului.github.io/mao/1917/04/41.htm
        ("Kim Il Sung", {"literal": "Kim Il Sung"}),  # maresalului.github.io/kim_il_sung/1926/10/17.htm
        ("Zo d'Axa", {"literal": "Zo d'Axa"}),  # maresalului.github.io/zo-daxa/1898/mes/90.htm
        ("Antid Oto", {"literal": "Antid Oto"}),  # Trotsky's pen name (catalogue/data/pseudonyms.json)
        # Names outside the catalogue.
        ("Maria Lacerda de Moura", {"family": "Moura", "given": "Maria Lacerda", "non-dropping-particle": "de"}),  # moura-maria/1927/12/15.htm
        ("Theotônio dos Santos", {"family": "Santos", "given": "Theotônio", "non-dropping-particle": "dos"}),  # santos-theotonio/ano/mes/90.htm
        ("W. E. B. Du Bois", {"family": "Du Bois", "given": "W. E. B."}),  # maresalului.github.io/du-bois/1957/06/26.htm
        ("Caio Prado Jr", {"family": "Prado", "given": "Caio", "suffix": "Jr"}),  # maresalului.github.io/junior/1966/mes/90.htm
        ("Alberto Steffen Neto", {"family": "Steffen Neto", "given": "Alberto"}),  # translator, chen_yun/1979/03/08.htm
        ("Einde O’Callaghan", {"family": "O’Callaghan", "given": "Einde"}),  # transcriber, seeds/trotsky-cable-1936.txt
        # Names that cannot be split: two people, a body, one word.
        ("Fúlvio Abramo e Dainis Karepovs", {"literal": "Fúlvio Abramo e Dainis Karepovs"}),  # abramo/1990/contracorrente/01.htm
        ("Internacional Comunista", {"literal": "Internacional Comunista"}),  # tematica/1920/07/teses.htm
        ("Partido Comunista Brasileiro", {"literal": "Partido Comunista Brasileiro"}),  # tematica/1967/12/estatutos_pcb.htm
        ("Paris", {"literal": "Paris"}),  # a "translator" read from bukharin/1917/imperialismo/index.htm
    ],
)
def test_csl_name(name: str, parts: dict[str, str]) -> None:
    assert csl_name(name) == parts


@pytest.mark.parametrize(
    ("edtf", "date"),
    [
        ("1936-02-15", {"date-parts": [[1936, 2, 15]]}),  # seeds/trotsky-cable-1936.txt
        ("1936-02", {"date-parts": [[1936, 2]]}),  # seeds/ni-victims-1936.txt
        ("1886", {"date-parts": [[1886]]}),  # a year alone
        ("1975?", {"date-parts": [[1975]], "circa": True}),  # "1975?", tematica/1975/ccs/contra1.htm
        ("1900~", {"date-parts": [[1900]], "circa": True}),  # "ca. 1900", lafargue/1900/xx/horse.md
        ("1937?/1938?", {"date-parts": [[1937], [1938]], "circa": True}),  # "1937–1938?", trotsky/ano/mes/90.htm
        ("1884-01/1884-06", {"date-parts": [[1884, 1], [1884, 6]]}),  # "Jan-June 1884", lafargue/1884/06/herbert-spencer.md
        ("1936-21", {"date-parts": [[1936]], "season": 1}),  # spring 1936
        ("19XX", None),  # unspecified digits: not a shape the readers write
    ],
)
def test_edtf_date(edtf: str, date: dict[str, Any] | None) -> None:
    assert edtf_date(edtf) == date
    if date is not None:
        assert_valid_csl([{"id": "x", "type": "document", "issued": date}])


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Belfast Labour Meeting & Home Rule Bill", r"Belfast Labour Meeting \& Home Rule Bill"),  # connolly/1912/xx/belfast.md
        ("# Declaration of Principles of the Irish Socialist Federation", r"\# Declaration of Principles of the Irish Socialist Federation"),  # connolly/1908/01/decisf.md
        ("100% $ _ {x} ~ ^ \\", r"100\% \$ \_ \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"),
        ("Leão Trótski", "Leão Trótski"),  # UTF-8 stays as it is
    ],
)
def test_bibtex_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_bibtex_pages_and_keys() -> None:
    assert bibtex_pages("87–90") == "87--90"
    assert bibtex_pages("534–76") == "534--76"  # plekhanov/1913/utopian-s…, "pp. 534-76"
    assert bibtex_pages("Inside front cover") == "Inside front cover"
    unsigned = {"id": "x", "type": "article-newspaper", "title": "The Dragnet of the GPU", "issued": {"date-parts": [[1936, 5, 1]]}}
    assert bibtex_key(unsigned) == "anon1936dragnet"  # editorial.htm: the leading article is skipped
    undated = {"id": "x", "type": "document", "title": "Carta", "author": [{"literal": "Mao Zedong"}]}
    assert bibtex_key(undated) == "maozedongndcarta"


# --- citeproc-py's gaps, on real records -------------------------------------------------------


def corpus_item(path: str) -> dict[str, Any]:
    return csl_item(path, read(CORPUS / path), url=ARCHIVE + path)


def test_date_range_within_a_year() -> None:
    # Written 20 to 24 November 1987: citeproc-py garbles or crashes on a range inside a year.
    path = "maresalului.github.io/abramo/1987/11/24.htm"
    item = corpus_item(path)
    assert item["issued"] == {"date-parts": [[1987, 11, 20], [1987, 11, 24]]}
    assert formatted_citations(item) == {
        "chicago": f"Abramo, Fúlvio. “1917–1987: socialismo em debate.” November 1987. {ARCHIVE}{path}.",
        "mla": f"Abramo, Fúlvio. “1917–1987: socialismo em debate.” Nov. 1987, {ARCHIVE}{path}.",
        "apa": f"Abramo, F. (1987, November). 1917–1987: socialismo em debate. {ARCHIVE}{path}",
    }


def test_document_without_url_has_no_chicago_bibliography_entry() -> None:
    item = csl_item("x", read(CORPUS / "maresalului.github.io/abramo/1987/11/24.htm"))
    assert item["type"] == "document"
    citations = formatted_citations(item)
    assert citations["chicago"] == ""  # CMOS 18 14.118: cited in notes only
    assert citations["mla"] == "Abramo, Fúlvio. “1917–1987: socialismo em debate.” Nov. 1987."


def test_uncertain_date_literal_name_and_translator() -> None:
    path = "mia-reader/_pages/archive/lafargue/1900/xx/horse.md"
    horse = formatted_citations(corpus_item(path))
    title = "The Rights of the Horse and the Rights of Man"
    assert horse["chicago"] == f"Lafargue, Paul. “{title}.” Translated by Charles Kerr. [1900?]. {ARCHIVE}{path}."
    assert horse["apa"] == f"Lafargue, P. (ca. 1900). {title} (C. Kerr, trans.). {ARCHIVE}{path}"
    mao = formatted_citations(corpus_item("maresalului.github.io/mao/1917/04/41.htm"))
    assert all(text.startswith("Mao Zedong. ") for text in mao.values())


def test_unsigned_translation_is_listed_under_its_translator() -> None:
    item = corpus_item("maresalului.github.io/tematica/1937/mes/proc_moscou.htm")
    assert "author" not in item
    citations = formatted_citations(item)
    assert citations["chicago"].startswith("Ventura, Maria Isabel Pinto, trans. “Proletários")
    assert citations["mla"].startswith("Ventura, Maria Isabel Pinto, translator. “Proletários")
    assert all(text.count("Ventura") == 1 for text in citations.values())


def test_quoted_titles_punctuated_as_en_us() -> None:
    path = "mia-reader/_pages/archive/connolly/1913/05/uileague.html"
    nested = formatted_citations(corpus_item(path))
    # CMOS 18 6.9, 6.11: the period inside the closing quotation marks; quoted words within
    # a quoted title take single quotation marks.
    assert nested["chicago"] == (
        "Connolly, James. “The United Irish League, the Labour Party, and ‘the Pleasant Relations.’”"
        f" Forward, May 3, 1913. {ARCHIVE}{path}."
    )
    question = formatted_citations(corpus_item("mia-reader/_pages/archive/connolly/1900/07/sober.md"))
    assert "“Ireland Sober Is Ireland Free?” Workers' Republic, July 15, 1900." in question["chicago"]
    assert "(1900, July 15). Ireland Sober is Ireland Free? Workers' Republic." in question["apa"]
    # A quotation inside a Portuguese title is the title's text: its comma stays outside.
    portuguese = formatted_citations(corpus_item("maresalului.github.io/trotsky/1932/10/06.htm"))
    assert "“Prefácio à edição polonesa de ‘Esquerdismo, doença infantil do comunismo’, de Lenin.”" in portuguese["mla"]


def test_undated_page_cites_its_access_date() -> None:
    # All three manuals ask for the date of access when a page gives no date of its own.
    path = "mia-reader/_pages/marx/works/1875/gotha/append.htm"
    item = csl_item(path, read(CORPUS / path), url=ARCHIVE + path, accessed=date(2026, 3, 1))
    assert item["accessed"] == {"date-parts": [[2026, 3, 1]]} and "issued" not in item
    assert_valid_csl([item])
    assert formatted_citations(item) == {
        "chicago": f"Marx, Karl. “Appendix.” n.d. Accessed March 1, 2026. {ARCHIVE}{path}.",
        "mla": f"Marx, Karl. “Appendix.” {ARCHIVE}{path}. Accessed 1 Mar. 2026.",
        "apa": f"Marx, K. (n.d.). Appendix. Retrieved March 1, 2026, from {ARCHIVE}{path}",
    }
