"""Attribution: each document's authorship as signed, pseudonymous, unsigned, attributed, disputed or denied, with evidence.

Real pages: the two seeds (the cable Trotsky signed; an unsigned editorial), pages of the
shared corpus printed under a catalogued pseudonym or unsigned and attributed by MIA's
editors. The article the cable denies is a CONSTRUCTED fixture (tests/fixtures/attribution,
it says so itself): the archive does not hold the Hearst article. Claims are recorded
through the real command line, into each backend, and read back in the store, the reader,
the JSON API and TEI.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from clitools import run_cli
from conftest import BACKENDS, CORPUS, FIXTURES, SEEDS, new_database
from hemeroteca.attribution import Attribution, attribution, attribution_of
from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.exports.tei import write_tei
from hemeroteca.ingest import ingest
from hemeroteca.readers import read_document
from hemeroteca.record import Block, Note, Person, Record
from hemeroteca.store import Store, open_store
from hemeroteca.web.app import create_app
from test_tei import NS, TeiSchema, tei_schema  # noqa: F401 - tei_schema is a fixture used below

CABLE = "seeds/trotsky-cable-1936"
VICTIMS = "seeds/ni-victims-1936"
HEARST = "attribution/hearst-article-1936"  # CONSTRUCTED: stands for the article the Hearst press printed under Trotsky's name
MIA_PT = "maresalului.github.io"
WRIGHT = f"{MIA_PT}/wright/1941/10/90"  # "Trotsky e o Exército Vermelho", by John G. Wright (Joseph Vanzler)
ANTID_OTO = f"{MIA_PT}/trotsky/1901/02/17"  # a letter Trotsky signed "Antid Oto", as the editors' note says
STALIN_EDITORIAL = f"{MIA_PT}/stalin/1901/09/editorial"  # "Artigo sem assinatura."
LAFARGUE = f"{MIA_PT}/lafargue/1872/02/01"  # "o artigo foi publicado anónimamente"
CORPUS_PAGES = (WRIGHT, ANTID_OTO, STALIN_EDITORIAL, LAFARGUE)
DENIAL = "I never gave any article to the Hearst press with which I have no relations whatsoever."
BASE_URL = "https://archive.example"


def derived(path: Path) -> Attribution:
    record, _, _ = read_document(path, path.read_bytes())
    return attribution_of(record, load_default_catalogue())


def texts(found: Attribution) -> list[str]:
    return [item.text for item in found.evidence]


# --- what the pages say ------------------------------------------------------------------------


def test_the_cable_is_signed_by_byline_and_signature() -> None:
    found = derived(SEEDS / "trotsky-cable-1936.txt")
    assert (found.status, found.persons) == ("signed", ["Leon Trotsky"])
    assert texts(found) == ["byline 'Leon Trotsky'", "signature '(signed) Leon Trotsky'"]
    assert [item.kind for item in found.evidence] == ["byline", "signature"]


def test_the_editorial_is_unsigned_though_it_quotes_trotsky() -> None:
    found = derived(SEEDS / "ni-victims-1936.txt")
    assert (found.status, found.persons) == ("unsigned", [])  # the quotation's author is not the editorial's
    assert texts(found) == ["no byline and no signature on the page"]


def test_a_byline_printing_a_catalogued_pseudonym_resolves_to_the_person() -> None:
    found = derived(CORPUS / f"{WRIGHT}.htm")
    assert (found.status, found.persons) == ("pseudonymous", ["Joseph Vanzler"])
    byline, pseudonym = texts(found)
    assert byline == "byline 'John G. Wright'"
    assert pseudonym.startswith("'John G. Wright' is a pseudonym of Joseph Vanzler (catalogue: mia-authors.json id 799")


def test_a_pseudonym_named_in_the_editors_note_makes_the_text_pseudonymous() -> None:
    found = derived(CORPUS / f"{ANTID_OTO}.htm")
    assert (found.status, found.persons) == ("pseudonymous", ["Leon Trotsky"])
    byline, note, pseudonym = texts(found)
    assert byline == "byline 'Leon Trotski'"  # MIA's byline gives his name; the original was signed otherwise
    # the editors' section is headed "Apresentação do Esquerda Diário", which labels their note
    assert note.startswith("editor's note 'Apresentação do Esquerda Diário: Publicado pela primeira vez em 17 de fevereiro de 1901")
    assert "carta à redação assinada por “Antid Oto”, pseudônimo utilizado por Leon Trotski" in note
    assert pseudonym.startswith("'Antid Oto' is a pseudonym of Leon Trotsky")


@pytest.mark.parametrize(
    ("page", "person", "named", "note"),
    [
        (STALIN_EDITORIAL, "Josef Stalin", "J. V. Stálin", "Artigo sem assinatura."),
        (
            LAFARGUE, "Paul Lafargue", "Paul Lafargue",
            "Nota do transcritor: Como todos os artigos em O Pensamento Social, o artigo foi publicado anónimamente.",
        ),
    ],
)
def test_an_unsigned_original_named_by_the_editors_is_attributed(page: str, person: str, named: str, note: str) -> None:
    found = derived(CORPUS / f"{page}.htm")
    assert (found.status, found.persons) == ("attributed", [person])
    assert texts(found) == [f"author given by the editors: '{named}'", f"editor's note '{note}'"]


@pytest.mark.parametrize(
    ("record", "status", "evidence"),
    [
        # CONSTRUCTED records, for rules no page of the corpus shows.
        (Record(body=[Block("paragraph", "Text."), Block("signature", "The Editors")]), "signed", ["signature 'The Editors'"]),
        (
            Record(authors=[Person("Leon Trotsky")], notes=[Note("editor", "Unsigned in the original. It is attributed to Trotsky by Deutscher.")]),
            "attributed",
            [
                "author given by the editors: 'Leon Trotsky'",
                "editor's note 'Unsigned in the original.'",
                "editor's note 'It is attributed to Trotsky by Deutscher.'",
            ],
        ),
        (
            Record(notes=[Note("editor", "This editorial was unsigned.")]),
            "unsigned",
            ["no byline and no signature on the page", "editor's note 'This editorial was unsigned.'"],
        ),
        # A translator is no author; "written by" restates a signed author, it attributes nothing.
        (
            Record(authors=[Person("Loren Goldner"), Person("Leo", role="translator")], notes=[Note("editor", "Este ensaio, escrito por Loren Goldner.")]),
            "signed",
            ["byline 'Loren Goldner'"],
        ),
    ],
)
def test_rules_on_constructed_records(record: Record, status: str, evidence: list[str]) -> None:
    found = attribution_of(record, load_default_catalogue())
    assert (found.status, texts(found)) == (status, evidence)


# --- recorded claims, in each backend ----------------------------------------------------------


@pytest.fixture(scope="module", params=BACKENDS)
def archive_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp(f"attribution-{request.param}")
    pages = folder / "pages"
    shutil.copytree(SEEDS, pages / "seeds")
    shutil.copytree(FIXTURES / "attribution", pages / "attribution")
    for page in CORPUS_PAGES:
        target = pages / f"{page}.htm"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / f"{page}.htm", target)
    url = new_database(request, request.param, folder, "attribution")
    store = open_store(url)
    report = ingest(store, [pages / "seeds", pages / "attribution", pages / MIA_PT])
    store.close()
    assert report.ok and report.ingested == 3 + len(CORPUS_PAGES)
    denied = run_cli(
        "attribute", HEARST, "--status", "denied", "--person", "Leon Trotsky", "--evidence-doc", CABLE,
        "--note", DENIAL, "--by", "test-suite", "--db", url,
    )
    assert (denied.returncode, denied.stderr) == (0, "")
    assert denied.stdout == f"recorded: {HEARST} denied (Leon Trotsky), evidence {CABLE}\n"
    return url


@pytest.fixture()
def store(archive_url: str) -> Iterator[Store]:
    opened = open_store(archive_url, create=False)
    yield opened
    opened.close()


def claim_rows(store: Store) -> list[dict[str, object]]:
    return store.rows("SELECT document_id, person, status, evidence_document_id, evidence_text, recorded_by FROM attribution_claims")


def test_the_cable_denies_trotskys_authorship_of_the_hearst_article(store: Store) -> None:
    found = attribution(store, HEARST)
    assert found is not None
    assert (found.status, found.persons) == ("denied", ["Leon Trotsky"])  # the recorded denial outranks the byline
    byline, denial = found.evidence
    assert (byline.kind, byline.text, byline.document_id) == ("byline", "byline 'Leon Trotsky'", None)
    assert (denial.kind, denial.document_id) == ("denied", CABLE)
    assert denial.text == f"Leon Trotsky's authorship denied: {DENIAL}"
    [claim] = found.claims
    assert (claim.document_id, claim.person, claim.status, claim.evidence_document_id) == (HEARST, "Leon Trotsky", "denied", CABLE)
    assert (claim.evidence_text, claim.recorded_by, claim.evidence_title) == (DENIAL, "test-suite", "Trotsky Cables Denial to AP on Daily Worker Lies")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", claim.recorded_at)

    cable = attribution(store, CABLE)
    assert cable is not None
    assert (cable.status, cable.claims) == ("signed", [])  # the evidence itself is signed
    assert texts(cable) == ["byline 'Leon Trotsky'", "signature '(signed) Leon Trotsky'"]
    assert cable.evidence_in == [claim]
    assert attribution(store, "seeds/missing") is None


def test_derived_statuses_of_stored_pages(store: Store) -> None:
    statuses = {}
    for document_id in (VICTIMS, WRIGHT, STALIN_EDITORIAL):
        found = attribution(store, document_id)
        assert found is not None
        statuses[document_id] = (found.status, found.persons)
    assert statuses == {
        VICTIMS: ("unsigned", []), WRIGHT: ("pseudonymous", ["Joseph Vanzler"]), STALIN_EDITORIAL: ("attributed", ["Josef Stalin"]),
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["seeds/missing", "--status", "denied", "--person", "Leon Trotsky", "--evidence-doc", CABLE], "no document 'seeds/missing'"),
        ([VICTIMS, "--status", "forged", "--person", "Leon Trotsky", "--evidence-doc", CABLE], "unknown status 'forged'"),
        ([VICTIMS, "--status", "denied", "--person", "Leon Trotsky", "--evidence-doc", "seeds/nowhere"], "no document 'seeds/nowhere'"),
        ([VICTIMS, "--status", "disputed", "--person", "Leon Trotsky"], "no evidence"),
        ([CABLE, "--status", "denied", "--person", "Leon Trotsky", "--evidence-doc", CABLE], "cannot be the evidence about itself"),
        ([VICTIMS, "--status", "attributed", "--person", "  ", "--note", "a note"], "--person"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(store: Store, archive_url: str, arguments: list[str], message: str) -> None:
    before = claim_rows(store)
    result = run_cli("attribute", *arguments, "--db", archive_url)
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: attribute: ") and message in result.stderr
    assert claim_rows(store) == before


@pytest.mark.parametrize("backend", BACKENDS)
def test_recording_a_claim_again_replaces_it_and_claims_outlive_a_reingest(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    url = new_database(request, backend, tmp_path, "again")
    store = open_store(url)
    assert ingest(store, [seeds]).ok
    arguments = ["attribute", VICTIMS, "--status", "attributed", "--person", "Trotsky, Leon", "--db", url]
    assert run_cli(*arguments, "--note", "first note").returncode == 0
    assert run_cli(*arguments, "--note", "second note").returncode == 0
    assert [(row["person"], row["evidence_text"]) for row in claim_rows(store)] == [("Leon Trotsky", "second note")]  # the catalogue's name
    found = attribution(store, VICTIMS)
    assert found is not None and (found.status, found.persons) == ("attributed", ["Leon Trotsky"])
    assert texts(found)[-1] == "attributed to Leon Trotsky: second note"

    # Ingest replaces a changed page's document row: the claims about it stay.
    changed = seeds / "ni-victims-1936.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")
    assert ingest(store, [seeds]).ingested == 1
    assert [row["evidence_text"] for row in claim_rows(store)] == ["second note"]
    store.close()


def test_a_postgresql_archive_of_the_version_before_gets_the_claims_table(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    url = new_database(request, "postgresql", tmp_path, "upgrade")
    store = open_store(url)
    store.connection.execute("DROP TABLE attribution_claims")  # type: ignore[attr-defined]
    store.connection.execute("UPDATE hemeroteca_meta SET value = '1' WHERE key = 'schema_version'")  # type: ignore[attr-defined]
    store.close()
    reopened = open_store(url, create=False)  # as `show` or the web opens it: the archive exists, so it is brought up to date
    assert reopened.rows("SELECT COUNT(*) AS claims FROM attribution_claims") == [{"claims": 0}]
    reopened.close()


# --- shown in the reader and the API, exported in TEI ------------------------------------------


@pytest.fixture(scope="module")
def client(archive_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(archive_url)) as client:
        yield client


def provenance(html: str) -> dict[str, list[str]]:
    """The provenance block's <dd> texts under each <dt>."""
    found: dict[str, list[str]] = {}
    label = ""
    for element in lxml.html.fromstring(html).xpath("//section[@class='provenance']/dl/*"):
        if element.tag == "dt":
            label = element.text_content()
        else:
            found.setdefault(label, []).append(" ".join(element.text_content().split()))
    return found


def test_the_reader_shows_authorship_and_links_the_evidence(client: TestClient) -> None:
    hearst = client.get(f"/documents/{HEARST}", follow_redirects=True)
    assert hearst.status_code == 200
    derived_line, claim_line = provenance(hearst.text)["Authorship"]
    assert derived_line == "denied — byline 'Leon Trotsky'"
    evidence = f"denied: Leon Trotsky, evidence Trotsky Cables Denial to AP on Daily Worker Lies — {DENIAL}"
    assert re.fullmatch(re.escape(evidence) + r" \(recorded by test-suite, \d{4}-\d\d-\d\d\)", claim_line)
    assert f'<a href="/documents/{CABLE}">Trotsky Cables Denial to AP on Daily Worker Lies</a>' in hearst.text

    cable = client.get(f"/documents/{CABLE}", follow_redirects=True).text
    shown = provenance(cable)
    assert shown["Authorship"] == ["signed — byline 'Leon Trotsky'; signature '(signed) Leon Trotsky'"]
    assert shown["Evidence for"] == [f"denies Leon Trotsky’s authorship of Political Persecution in the Soviet Union — {DENIAL}"]
    assert f'<a href="/documents/{HEARST}">Political Persecution in the Soviet Union</a>' in cable

    victims = provenance(client.get(f"/documents/{VICTIMS}", follow_redirects=True).text)["Authorship"]
    assert victims == ["unsigned — no byline and no signature on the page"]
    editorial = provenance(client.get(f"/documents/{STALIN_EDITORIAL}", follow_redirects=True).text)["Authorship"]
    assert editorial == ["attributed — author given by the editors: 'J. V. Stálin'; editor's note 'Artigo sem assinatura.'"]
    wright = provenance(client.get(f"/documents/{WRIGHT}", follow_redirects=True).text)["Authorship"]
    assert wright[0].startswith("pseudonymous — byline 'John G. Wright'; 'John G. Wright' is a pseudonym of Joseph Vanzler")


def test_the_api_gives_the_attribution(client: TestClient) -> None:
    hearst = client.get(f"/api/documents/{HEARST}").json()["attribution"]
    assert (hearst["status"], hearst["persons"]) == ("denied", ["Leon Trotsky"])
    assert hearst["evidence"][-1] == {
        "kind": "denied", "text": f"Leon Trotsky's authorship denied: {DENIAL}", "document_id": CABLE, "url": f"/documents/{CABLE}",
    }
    [claim] = hearst["claims"]
    assert {key: claim[key] for key in ("person", "status", "evidence_document_id", "evidence_url", "evidence_text", "recorded_by")} == {
        "person": "Leon Trotsky", "status": "denied", "evidence_document_id": CABLE, "evidence_url": f"/documents/{CABLE}",
        "evidence_text": DENIAL, "recorded_by": "test-suite",
    }
    cable = client.get(f"/api/documents/{CABLE}").json()["attribution"]
    assert (cable["status"], cable["claims"]) == ("signed", [])
    assert [(c["document_id"], c["document_url"]) for c in cable["evidence_in"]] == [(HEARST, f"/documents/{HEARST}")]
    editorial = client.get(f"/documents/{STALIN_EDITORIAL}.json").json()["attribution"]
    assert editorial["status"] == "attributed" and editorial["evidence"][-1]["text"] == "editor's note 'Artigo sem assinatura.'"


def tei_of(store: Store, folder: Path, base_url: str | None) -> dict[str, etree._Element]:
    paths = write_tei(store, [HEARST, CABLE, WRIGHT, VICTIMS], folder, base_url=base_url)
    return {str(path.relative_to(folder).with_suffix("")): etree.parse(str(path)).getroot() for path in paths}


def test_tei_gives_the_attribution_and_links_the_evidence(store: Store, tmp_path: Path, tei_schema: TeiSchema) -> None:  # noqa: F811
    exported = tei_of(store, tmp_path / "tei", BASE_URL)
    for root in exported.values():
        assert tei_schema.errors(etree.ElementTree(root)) == []
    hearst, cable = exported[HEARST], exported[CABLE]
    [summary] = hearst.xpath("//t:sourceDesc//t:note[@type='attribution']", namespaces=NS)
    assert summary.get("subtype") == "denied"
    assert [(item.get("n"), item.text) for item in summary.xpath("t:list/t:item", namespaces=NS)] == [("byline", "byline 'Leon Trotsky'")]
    [claim] = hearst.xpath("//t:sourceDesc//t:note[@type='attribution-claim']", namespaces=NS)
    assert claim.get("subtype") == "denied"
    assert "".join(claim.itertext()).startswith(f"Leon Trotsky's authorship denied: {DENIAL} Evidence: Trotsky Cables Denial")
    [ref] = claim.xpath("t:ref", namespaces=NS)
    assert (ref.get("target"), ref.text) == (f"{BASE_URL}/documents/{CABLE}", "Trotsky Cables Denial to AP on Daily Worker Lies")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", claim.xpath("t:date/@when", namespaces=NS)[0])

    assert cable.xpath("//t:note[@type='attribution']/@subtype", namespaces=NS) == ["signed"]
    assert cable.xpath("//t:note[@type='attribution']/t:list/t:item/@n", namespaces=NS) == ["byline", "signature"]
    [evidence] = cable.xpath("//t:note[@type='attribution-evidence']", namespaces=NS)
    assert evidence.get("subtype") == "denied"
    assert evidence.xpath("t:ref/@target", namespaces=NS) == [f"{BASE_URL}/documents/{HEARST}"]
    assert exported[WRIGHT].xpath("//t:note[@type='attribution']/@subtype", namespaces=NS) == ["pseudonymous"]
    assert exported[VICTIMS].xpath("//t:note[@type='attribution']/@subtype", namespaces=NS) == ["unsigned"]
    assert exported[VICTIMS].xpath("//t:author[not(ancestor::t:cit)]", namespaces=NS) == []  # still no author guessed


def test_tei_without_a_base_url_links_the_evidence_file_of_the_same_export(store: Store, tmp_path: Path) -> None:
    exported = tei_of(store, tmp_path / "tei", None)
    assert exported[HEARST].xpath("//t:note[@type='attribution-claim']/t:ref/@target", namespaces=NS) == ["../seeds/trotsky-cable-1936.xml"]
    assert (tmp_path / "tei" / "attribution" / "../seeds/trotsky-cable-1936.xml").is_file()
