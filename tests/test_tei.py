"""TEI export: every file valid against the official tei_all.rng, and the seeds' content where TEI puts it.

tei_all.rng (TEI P5 4.3.0: tests/schemas/tei) is loaded once per session with lxml, whose
libxml2 handles the whole grammar. Its embedded Schematron rules are checked as well, those
that XPath 1.0 can evaluate: every rule about the elements the export writes (the others are
about ODD and elements it never uses, in XPath 2.0).

Validated: the two seeds, and a deterministic sample of the shared corpus (every sub-corpus:
HTML in English, Portuguese and Spanish, Markdown, Russian) ingested into a SQLite store and
exported through `write_tei`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from conftest import CORPUS, SEEDS
from hemeroteca.exports.tei import TEI_NS, edtf_bounds, tei_date_attributes, tei_document, write_tei
from hemeroteca.ingest import ingest
from hemeroteca.readers import HTML_SUFFIXES, MARKDOWN_SUFFIXES, read_document
from hemeroteca.readers.markdown import sidecar_for
from hemeroteca.record import Block, Citation, Credit, DateValue, Note, Person, Record
from hemeroteca.store import open_store
from hemeroteca.store.sqlite import SQLiteStore

SCHEMA = Path(__file__).resolve().parent / "schemas" / "tei" / "tei_all.rng.gz"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
# Prefixes the schema's Schematron rules use.
RULE_NAMESPACES = {"tei": TEI_NS, "teix": "http://www.tei-c.org/ns/Examples", "rng": "http://relaxng.org/ns/structure/1.0"}
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TROTSKY = "seeds/trotsky-cable-1936"
VICTIMS = "seeds/ni-victims-1936"

# Sub-corpus → (folder under the corpus, suffixes of its documents); of each, every n-th file, about PER_SUB_CORPUS.
SUB_CORPORA = {
    "HTML, English": ("mia-reader", HTML_SUFFIXES),
    "HTML, Portuguese": ("maresalului.github.io", HTML_SUFFIXES),
    "HTML, Spanish": ("www.marxists.org", HTML_SUFFIXES),
    "Markdown, English": ("mia-reader", MARKDOWN_SUFFIXES),
    "Russian, Markdown and HTML": ("markdown_parser", HTML_SUFFIXES | MARKDOWN_SUFFIXES),
}
PER_SUB_CORPUS = 150


@dataclass(frozen=True)
class SchematronCheck:
    context: etree.XPath  # the nodes the rule applies to
    test: etree.XPath
    is_assert: bool  # an assert must hold; a report must not
    rule: str

    def failures(self, document: etree._ElementTree) -> list[str]:
        return [self.rule for node in self.context(document) if bool(self.test(node)) != self.is_assert]


@dataclass(frozen=True)
class TeiSchema:
    relaxng: etree.RelaxNG
    schematron: list[SchematronCheck]

    def errors(self, document: etree._ElementTree) -> list[str]:
        found = [] if self.relaxng.validate(document) else [str(error) for error in self.relaxng.error_log]
        return found + [failure for check in self.schematron for failure in check.failures(document)]


def schematron_checks(grammar: etree._ElementTree) -> list[SchematronCheck]:
    """The grammar's Schematron asserts and reports that compile as XPath 1.0 (rules with variables left out)."""
    checks = []
    for rule in grammar.iter(f"{{{SCHEMATRON_NS}}}rule"):
        if rule.find(f"{{{SCHEMATRON_NS}}}let") is not None:
            continue
        for test in rule.iterchildren(f"{{{SCHEMATRON_NS}}}assert", f"{{{SCHEMATRON_NS}}}report"):
            try:
                context = etree.XPath("//" + rule.get("context", ""), namespaces=RULE_NAMESPACES)
                condition = etree.XPath(f"boolean({test.get('test')})", namespaces=RULE_NAMESPACES)
            except etree.XPathSyntaxError:  # XPath 2.0
                continue
            name = f"Schematron {rule.get('context')}: {' '.join((test.text or '').split()) or test.get('test')}"
            checks.append(SchematronCheck(context, condition, etree.QName(test).localname == "assert", name))
    return checks


@pytest.fixture(scope="session")
def tei_schema() -> TeiSchema:
    grammar = etree.parse(str(SCHEMA))  # libxml2 reads the gzip as it is
    return TeiSchema(etree.RelaxNG(grammar), schematron_checks(grammar))


def read_seed(name: str) -> Record:
    path = SEEDS / name
    record, _, _ = read_document(path, path.read_bytes())
    return record


def seed_tei(name: str, url: str | None = None) -> etree._Element:
    return etree.fromstring(tei_document(f"seeds/{Path(name).stem}", read_seed(name), url=url))


def texts(root: etree._Element, path: str) -> list[str]:
    return ["".join(element.itertext()) for element in root.xpath(path, namespaces=NS)]


def one(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, found)
    return found[0]


def broken_note_links(root: etree._Element) -> list[str]:
    """Targets of <ref> that name no xml:id in the file (RELAX NG does not check pointers)."""
    ids = {element.get(XML_ID) for element in root.iter() if element.get(XML_ID)}
    return [target for target in root.xpath("//t:ref/@target", namespaces=NS) if target.removeprefix("#") not in ids]


# --- validity ----------------------------------------------------------------------------------


def test_the_schema_rejects_what_tei_does_not_allow(tei_schema: TeiSchema) -> None:
    """The validator is real: a heading after a paragraph, a season in @when, and a Schematron conflict fail."""
    valid = seed_tei("trotsky-cable-1936.txt")
    assert tei_schema.errors(etree.ElementTree(valid)) == []
    assert len(tei_schema.schematron) > 50

    def mutated(change: Callable[[etree._Element], None]) -> list[str]:
        root = etree.fromstring(etree.tostring(valid))
        change(root)
        return tei_schema.errors(etree.ElementTree(root))

    assert mutated(lambda root: one(root, "//t:body/t:div/t:p[1]").addnext(etree.Element(f"{{{TEI_NS}}}head")))
    assert mutated(lambda root: one(root, "//t:imprint/t:date").set("when", "1936-21"))
    conflicting = mutated(lambda root: one(root, "//t:imprint/t:date").set("notBefore", "1936"))  # RELAX NG allows it
    assert conflicting and all(error.startswith("Schematron") for error in conflicting)


@pytest.mark.parametrize("name", ["trotsky-cable-1936.txt", "ni-victims-1936.txt"])
def test_seeds_are_valid_tei(tei_schema: TeiSchema, name: str) -> None:
    root = seed_tei(name, url="https://archive.example/documents/seeds/x")
    assert tei_schema.errors(etree.ElementTree(root)) == []


def corpus_sample(into: Path) -> dict[str, int]:
    """Copy a deterministic sample of each sub-corpus below `into` (folders kept); documents per sub-corpus."""
    taken: dict[str, int] = {}
    for name, (folder, suffixes) in SUB_CORPORA.items():
        files = sorted(path for path in (CORPUS / folder).rglob("*") if path.suffix.lower() in suffixes)
        sample = files[:: max(1, len(files) // PER_SUB_CORPUS)]
        for path in sample:
            for source in (path, sidecar_for(path) if path.suffix.lower() in MARKDOWN_SUFFIXES else None):
                if source is not None:
                    target = into / source.relative_to(CORPUS.parent)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
        taken[name] = len(sample)
    return taken


def test_corpus_sample_exports_valid_tei(tei_schema: TeiSchema, tmp_path: Path) -> None:
    sampled = corpus_sample(tmp_path / "sample")
    assert all(sampled.values()) and sum(sampled.values()) >= 200, sampled
    store = open_store(str(tmp_path / "archive.db"))
    report = ingest(store, [tmp_path / "sample" / CORPUS.name], workers=2)
    assert report.ok, report.failed
    document_ids = [str(row["id"]) for row in store.rows("SELECT id FROM documents ORDER BY id")]
    assert len(document_ids) == sum(sampled.values()) - len(report.skipped)  # redirect pages are no documents
    assert len(document_ids) >= 200

    paths = write_tei(store, document_ids, tmp_path / "tei", base_url="https://archive.example")
    assert paths == [tmp_path / "tei" / f"{document_id}.xml" for document_id in document_ids]
    errors = {}
    languages = set()
    for path in paths:
        document = etree.parse(str(path))
        if problems := tei_schema.errors(document) + broken_note_links(document.getroot()):
            errors[str(path)] = problems[:3]
        languages.update(document.xpath("/t:TEI/t:text/@xml:lang", namespaces=NS))
    assert errors == {}
    assert {"en", "pt", "es", "ru"} <= languages
    store.close()


# --- the seeds' content ------------------------------------------------------------------------


def test_trotsky_cable_header() -> None:
    root = seed_tei("trotsky-cable-1936.txt", url="https://archive.example/documents/seeds/trotsky-cable-1936")
    title_statement = one(root, "//t:fileDesc/t:titleStmt")
    assert texts(title_statement, "t:title[@type='main']") == ["Trotsky Cables Denial to AP on Daily Worker Lies"]
    assert texts(title_statement, "t:title[@type='sub']") == ["Denounces Repressions Against Bolshevik-Leninists by the Stalinist Bureaucracy"]
    assert texts(title_statement, "t:author/t:persName") == ["Leon Trotsky"]
    credits = [
        (
            texts(statement, "t:resp")[0], one(statement, "t:resp").get("when"),
            texts(statement, "t:name")[0], texts(statement, "t:note[@type='for']")[0].strip(),
        )
        for statement in title_statement.xpath("t:respStmt", namespaces=NS)
    ]
    assert credits == [
        ("transcription", "2018-03-20", "Einde O'Callaghan", "Trotsky Internet Archive"),
        ("markup", "2018-03-20", "Einde O'Callaghan", "Trotsky Internet Archive"),
    ]

    publication = one(root, "//t:publicationStmt")
    assert texts(publication, "t:publisher") == ["hemeroteca"]
    assert texts(publication, "t:idno[@type='hemeroteca']") == [TROTSKY]
    assert texts(publication, "t:idno[@type='URL']") == ["https://archive.example/documents/seeds/trotsky-cable-1936"]
    assert texts(publication, "t:availability/t:licence") == [
        "Leon Trotsky Internet Archive (www.marxists.org) 2018. Creative Commons (Share & Attribute)"
    ]

    source = one(root, "//t:sourceDesc/t:biblStruct")
    assert texts(source, "t:analytic/t:title[@level='a'][@type='main']") == ["Trotsky Cables Denial to AP on Daily Worker Lies"]
    assert texts(source, "t:analytic/t:author/t:persName") == ["Leon Trotsky"]
    assert texts(source, "t:monogr/t:title[@level='j']") == ["New Militant"]
    imprint = one(source, "t:monogr/t:imprint")
    scopes = {scope.get("unit"): (scope.text, scope.get("from"), scope.get("to")) for scope in imprint.xpath("t:biblScope", namespaces=NS)}
    assert scopes == {"volume": ("II", "2", "2"), "issue": ("7", "7", "7"), "page": ("p. 1", "1", "1")}
    issued = one(imprint, "t:date")
    assert (issued.text, dict(issued.attrib)) == ("15 February 1936", {"when": "1936-02-15"})
    assert texts(source, "t:note[@type='source']") == ["New Militant, Vol. II No. 7, 15 February 1936, p. 1"]

    assert one(root, "//t:profileDesc/t:creation/t:date").get("when") == "1936-01-28"
    assert one(root, "//t:langUsage/t:language").get("ident") == "en"
    assert one(root, "//t:revisionDesc/t:change").get("when") == "2018-03-20"
    assert one(root, "/t:TEI/t:text").get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_trotsky_cable_text() -> None:
    root = seed_tei("trotsky-cable-1936.txt")
    # The editor's note is in front, once: not again in the body where the page also has it.
    assert texts(root, "//t:front/t:note[@type='editorial']") == [
        "Editor’s Note: On January 28 Leon Trotsky sent the following cable to the Associated Press from Honefoss, Norway:"
    ]
    assert texts(root, "//t:body//t:note") == []
    division = one(root, "//t:body/t:div")
    assert [etree.QName(child).localname for child in division] == ["dateline", "p", "p", "p", "p", "closer"]
    assert texts(division, "t:dateline") == ["28 January 1936"]
    assert texts(division, "t:p")[0].startswith("Hearst Press published the article about political persecution")
    assert texts(division, "t:closer/t:signed") == ["(signed) Leon Trotsky"]


def test_unsigned_editorial_quotes_trotsky() -> None:
    root = seed_tei("ni-victims-1936.txt")
    assert root.xpath("//t:author[not(ancestor::t:cit)]", namespaces=NS) == []  # unsigned: no author anywhere
    quotation = one(root, "//t:body//t:cit")
    assert texts(quotation, "t:quote")[0].startswith("“The letters and documents recently published by comrades Tarov and Ciliga")
    assert texts(quotation, "t:quote")[0].endswith("there is no real salvation for them.”")
    assert texts(quotation, "t:bibl/t:author") == ["Trotsky"]
    assert len(root.xpath("//t:body//t:p", namespaces=NS)) == 12
    imprint = one(root, "//t:biblStruct/t:monogr/t:imprint")
    assert one(imprint, "t:date").get("when") == "1936-02"
    page = one(imprint, "t:biblScope[@unit='page']")
    assert (page.text, page.get("from")) == ("Inside front cover", None)
    assert texts(root, "//t:fw[@type='header']") == ["The New International, February 1936"]
    assert [text.strip() for text in texts(root, "//t:titleStmt/t:respStmt/t:note[@type='for']")] == ["ETOL", "ETOL"]


# --- records built for the purpose ---------------------------------------------------------------


def constructed_record() -> Record:
    return Record(
        title="Notes\x0b and sections",  # a vertical tab: not allowed in XML 1.0
        authors=[Person("Leon Trotsky", printed_as="L. Trotsky"), Person("A. Translator", role="translator")],
        written=DateValue("Spring 1938", "1938-21"),
        source=Citation("Collected Writings, 1938"),
        credits=[
            Credit("translation", "A. Translator", date=DateValue("c. 1970", "1970~")),
            Credit("proofreading", "A. Reader", date=DateValue("some day", None)),
        ],
        notes=[
            Note("editor", "Editor’s note: written in exile."),
            Note("footnote", "1. The first note.", anchor="n1"),
            Note("footnote", "[a.] A lettered note."),
            Note("endnote", "[*] A starred note."),
        ],
        language="en",
        body=[
            Block("signature", "Dear comrades,"),
            Block("paragraph", "Text with a note[1], another[a] and a third[*]; [9] has none."),
            Block("heading", "Second part\ufffe"),
            Block("quote", "A quotation with no one named."),
            Block("note", "1. The first note."),  # the page keeps it in the text too
            Block("signature", "L. T."),
            Block("paragraph", "P.S. Written after the signature."),
        ],
        extra_fields={"Added": "2001"},
    )


def test_notes_sections_and_names_of_a_constructed_record(tei_schema: TeiSchema) -> None:
    root = etree.fromstring(tei_document("test/constructed", constructed_record()))
    assert tei_schema.errors(etree.ElementTree(root)) == []
    assert broken_note_links(root) == []
    assert texts(root, "//t:titleStmt/t:title[@type='main']") == ["Notes and sections"]
    assert texts(root, "//t:titleStmt/t:author/t:persName") == ["Leon Trotsky"]
    assert texts(root, "//t:titleStmt/t:author/t:name[@type='printed']") == ["L. Trotsky"]
    assert texts(root, "//t:titleStmt/t:respStmt[t:persName]/t:resp") == ["translator"]  # a person who is no author
    translation, proofreading = root.xpath("//t:titleStmt/t:respStmt[t:name]", namespaces=NS)
    assert dict(one(translation, "t:resp").attrib) == {"when": "1970", "cert": "low"}
    assert texts(proofreading, "t:resp") == ["proofreading"] and texts(proofreading, "t:note[@type='date']") == ["some day"]
    assert texts(root, "//t:sourceDesc/t:bibl/t:note[@type='source']") == ["Collected Writings, 1938"]
    assert dict(one(root, "//t:sourceDesc/t:bibl/t:date[@type='written']").attrib) == {"type": "written", "when": "1938"}
    assert dict(one(root, "//t:notesStmt/t:note").attrib) == {"type": "field", "n": "Added"}

    # Markers link to their notes, numbered as the web page numbers them; editors' notes are apart.
    paragraph = one(root, "//t:body/t:div[1]/t:p")
    assert [(ref.text, ref.get("target")) for ref in paragraph.xpath("t:ref", namespaces=NS)] == [
        ("[1]", "#note-1"), ("[a]", "#note-2"), ("[*]", "#note-3"),
    ]
    assert "".join(paragraph.itertext()) == "Text with a note[1], another[a] and a third[*]; [9] has none."
    notes = root.xpath("//t:back/t:div[@type='notes']/t:note", namespaces=NS)
    assert [(note.get(XML_ID), note.get("n"), note.get("place")) for note in notes] == [
        ("note-1", "1", "foot"), ("note-2", "a", "foot"), ("note-3", "*", "end"),
    ]
    assert texts(root, "//t:front/t:note[@type='editorial']") == ["Editor’s note: written in exile."]
    assert texts(root, "//t:body//t:note") == []

    # A signature before any text leads its div; after text it closes it; a heading or text after that opens the next.
    shapes = [[etree.QName(child).localname for child in division] for division in root.xpath("//t:body/t:div", namespaces=NS)]
    assert shapes == [["signed", "p"], ["head", "quote", "closer"], ["p"]]
    assert texts(root, "//t:head") == ["Second part"]


def test_a_record_with_nothing_but_a_title_is_valid(tei_schema: TeiSchema) -> None:
    for record in (Record(), Record(title="Only a title", source=Citation("Somewhere", periodical="A Paper"))):
        root = etree.fromstring(tei_document("test/bare", record))
        assert tei_schema.errors(etree.ElementTree(root)) == []


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "attributes"),
    [
        ("1936-02-15", {"when": "1936-02-15"}),
        ("1936-02", {"when": "1936-02"}),
        ("1936", {"when": "1936"}),
        ("1936?", {"when": "1936", "cert": "low"}),
        ("1936~", {"when": "1936", "cert": "low"}),
        ("1936-02-15%", {"when": "1936-02-15", "cert": "low"}),
        ("1936-21", {"when": "1936"}),  # spring: only the year is sure
        ("1936-23", {"when": "1936"}),
        ("1936-24", {"notBefore": "1936", "notAfter": "1937"}),  # a winter may reach into the next year
        ("1936-01/1936-03", {"from": "1936-01", "to": "1936-03"}),
        ("1987-11-20/1987-11-24", {"from": "1987-11-20", "to": "1987-11-24"}),
        ("1892/1893", {"from": "1892", "to": "1893"}),
        ("1936?/1937?", {"from": "1936", "to": "1937", "cert": "low"}),
        ("1936-24/1937-22", {"from": "1936", "to": "1937"}),
        ("1936/..", {"from": "1936"}),
        ("/1936", {"to": "1936"}),
        ("1936-02-30", {}),
        ("1936-13", {}),
        ("193X", {}),
        ("-0044-03-15", {}),
        ("Y170000002", {}),
        ("1936/1937/1938", {}),
        ("../..", {}),
        ("", {}),
        (None, {}),
    ],
)
def test_edtf_to_tei_date_attributes(edtf: str | None, attributes: dict[str, str]) -> None:
    assert tei_date_attributes(edtf) == attributes


def test_edtf_bounds() -> None:
    assert edtf_bounds("1936-02-15") == ("1936-02-15", "1936-02-15", False)
    assert edtf_bounds("1936-22~") == ("1936", "1936", True)
    assert edtf_bounds("1936-00") is None


# --- writing files -----------------------------------------------------------------------------


@pytest.fixture
def seed_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "seeds.db")
    assert ingest(store, [SEEDS]).ok
    yield store
    store.close()


def test_write_tei_to_one_file_or_a_folder(seed_store: SQLiteStore, tmp_path: Path) -> None:
    single = tmp_path / "cable.xml"
    assert write_tei(seed_store, [TROTSKY], single, base_url="https://archive.example/") == [single]
    url = texts(etree.parse(str(single)).getroot(), "//t:idno[@type='URL']")
    assert url == ["https://archive.example/documents/seeds/trotsky-cable-1936"]  # the base URL's trailing slash dropped

    folder = tmp_path / "out.xml"  # more than one document: a folder, whatever its name
    paths = write_tei(seed_store, [TROTSKY, VICTIMS], folder)
    assert paths == [folder / "seeds" / "trotsky-cable-1936.xml", folder / "seeds" / "ni-victims-1936.xml"]
    assert etree.parse(str(paths[1])).getroot().xpath("//t:idno[@type='URL']", namespaces=NS) == []

    with pytest.raises(LookupError, match="seeds/missing"):
        write_tei(seed_store, ["seeds/missing"], tmp_path / "missing")


def test_a_blocks_line_breaks_are_lb_elements(tei_schema: TeiSchema) -> None:
    # the closing lines of mia-reader/_pages/marx/works/1847/wage-labour/intro.htm, and a stanza of
    # maresalului.github.io/neto/ano/mes/confia.htm with a note marker on its second line
    record = Record(
        title="Introduction", body=[
            Block("paragraph", "O oceano separou-se de mim\nenquanto me fui esquecendo[1]\ne eis-me presente"),
            Block("signature", "FREDERICK ENGELS\nLondon, April 30, 1891."),
        ],
        notes=[Note("endnote", "1. A note.")],
    )
    root = etree.fromstring(tei_document("x", record))
    assert tei_schema.errors(etree.ElementTree(root)) == []
    stanza = one(root, "//t:body//t:p")
    assert [etree.QName(child).localname for child in stanza] == ["lb", "ref", "lb"]
    assert "".join(stanza.itertext()) == "O oceano separou-se de mimenquanto me fui esquecendo[1]e eis-me presente"
    assert texts(root, "//t:closer/t:signed") == ["FREDERICK ENGELSLondon, April 30, 1891."]
    assert len(root.xpath("//t:closer/t:signed/t:lb", namespaces=NS)) == 1
