"""The OAI-PMH endpoint: every verb and error, every response valid against the official schemas, a real harvest.

An archive of the seeds, the constructed ETOL pages and two folders of the corpus (about 150
documents) is built once per backend. Two seeds get fixed datestamps so that from/until can be
tested to the second. Responses are validated against OAI-PMH.xsd (with oai_dc.xsd, which its
strict <any> needs) and each record's metadata against oai_dc.xsd, offline: tests/schemas/oai.
"""

from __future__ import annotations

import base64
import socket
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
import xmlschema
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from oaipmh_scythe.exceptions import NoRecordsMatch
from oaipmh_scythe.models import Header

from conftest import BACKENDS, CORPUS, FIXTURES, SEEDS, new_database, rows
from hemeroteca.ingest import ingest
from hemeroteca.record import Citation, DateValue, Person, Record
from hemeroteca.store import Store, open_store
from hemeroteca.store.browse import Entry
from hemeroteca.web import oai
from hemeroteca.web.app import create_app

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "oai"
# The envelope's <metadata> holds <any processContents="strict">: the validator must know oai_dc too.
OAI_PMH_SCHEMA = xmlschema.XMLSchema([str(SCHEMAS / "OAI-PMH.xsd"), str(SCHEMAS / "oai_dc.xsd")])
OAI_DC_SCHEMA = xmlschema.XMLSchema(str(SCHEMAS / "oai_dc.xsd"))

CORPUS_FOLDERS = [CORPUS / "mia-reader" / "_pages" / "archive" / "connolly", CORPUS / "mia-reader" / "_pages" / "archive" / "deleon"]
PAGE_SIZE = 7
OAI = f"{{{oai.OAI_NS}}}"
DC = f"{{{oai.DC_NS}}}"
TROTSKY = "seeds/trotsky-cable-1936"
VICTIMS = "seeds/ni-victims-1936"
# Stored times given to two seeds, as the stores write them, and as OAI-PMH datestamps.
STAMPED = {VICTIMS: "2001-02-03T04:05:06+00:00", TROTSKY: "2001-02-04T00:00:00+00:00"}
VICTIMS_STAMP, TROTSKY_STAMP = "2001-02-03T04:05:06Z", "2001-02-04T00:00:00Z"


@dataclass(frozen=True)
class Archive:
    url: str
    store: Store
    document_ids: frozenset[str]

    def ids_in(self, periodical_slug: str) -> set[str]:
        found = rows(
            self.store, "SELECT d.id FROM documents d JOIN periodicals p ON p.id = d.periodical_id WHERE p.slug = ?", periodical_slug,
        )
        return {str(row[0]) for row in found}


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    url = new_database(request, str(request.param), tmp_path_factory.mktemp("oai"), "oai")
    store = open_store(url)
    report = ingest(store, [SEEDS, FIXTURES / "etol", *CORPUS_FOLDERS], workers=1)
    assert report.ok, report.failed
    for document_id, stored_at in STAMPED.items():
        _execute(store, "UPDATE documents SET ingested_at = ? WHERE id = ?", stored_at, document_id)
    document_ids = frozenset(str(row[0]) for row in rows(store, "SELECT id FROM documents"))
    assert len(document_ids) > 100 + PAGE_SIZE  # more than one page, even at the default page size
    yield Archive(url, store, document_ids)
    store.close()


def _execute(store: Store, statement: str, *params: object) -> None:
    if store.__class__.__name__ == "PostgresStore":
        statement = statement.replace("?", "%s")
    store.connection.execute(statement, params)  # type: ignore[attr-defined]


def _app(url: str) -> FastAPI:
    app = create_app(url)
    app.state.oai_page_size = PAGE_SIZE
    return app


@pytest.fixture(scope="module")
def client(archive: Archive) -> Iterator[TestClient]:
    with TestClient(_app(archive.url)) as test_client:
        yield test_client


def validated(content: bytes) -> etree._Element:
    """The response's root, after validating it against OAI-PMH.xsd and each record's metadata against oai_dc.xsd."""
    OAI_PMH_SCHEMA.validate(content.decode("utf-8"))
    root = etree.fromstring(content)
    for dc in root.iter(f"{{{oai.OAI_DC_NS}}}dc"):
        OAI_DC_SCHEMA.validate(dc)
    return root


def call(client: TestClient, params: Sequence[tuple[str, str]] | dict[str, str], *, post: bool = False) -> etree._Element:
    response = client.post("/oai", data=dict(params)) if post else client.get("/oai", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    return validated(response.content)


def error_of(root: etree._Element) -> tuple[str, dict[str, str]]:
    """(error code, attributes of the request element) of an error response."""
    errors = root.findall(f"{OAI}error")
    assert len(errors) == 1 and errors[0].text
    return errors[0].get("code", ""), dict(root.find(f"{OAI}request").attrib)


def identifiers(root: etree._Element) -> list[str]:
    """The document ids of the OAI identifiers under `root`."""
    prefix = "oai:testserver:"
    found = [element.text or "" for element in root.iter(f"{OAI}identifier")]
    assert all(text.startswith(prefix) for text in found)
    return [text.removeprefix(prefix) for text in found]


def harvest(client: TestClient, verb: str, **arguments: str) -> tuple[list[str], list[etree._Element]]:
    """Every document id a list request gives, following resumption tokens, and the token elements seen."""
    params = {"verb": verb, "metadataPrefix": "oai_dc", **arguments}
    ids: list[str] = []
    tokens: list[etree._Element] = []
    while True:
        root = call(client, params)
        ids += identifiers(root.find(f"{OAI}{verb}"))
        token = root.find(f"{OAI}{verb}/{OAI}resumptionToken")
        if token is None:
            return ids, tokens
        tokens.append(token)
        if not token.text:
            return ids, tokens
        params = {"verb": verb, "resumptionToken": token.text}


# --- the verbs ---------------------------------------------------------------------------------------------------


def test_identify_describes_the_repository(client: TestClient) -> None:
    root = call(client, {"verb": "Identify"})
    request = root.find(f"{OAI}request")
    assert request.text == "http://testserver/oai" and dict(request.attrib) == {"verb": "Identify"}
    identify = root.find(f"{OAI}Identify")
    assert {child.tag.removeprefix(OAI): child.text for child in identify} == {
        "repositoryName": "hemeroteca",
        "baseURL": "http://testserver/oai",
        "protocolVersion": "2.0",
        "adminEmail": oai.DEFAULT_ADMIN_EMAIL,
        "earliestDatestamp": VICTIMS_STAMP,  # the oldest stored document
        "deletedRecord": "no",
        "granularity": "YYYY-MM-DDThh:mm:ssZ",
    }


def test_identify_names_the_configured_admin(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client.app.state, "admin_email", "archivist@example.org", raising=False)
    root = call(client, {"verb": "Identify"})
    assert root.findtext(f"{OAI}Identify/{OAI}adminEmail") == "archivist@example.org"


def test_list_metadata_formats_offers_oai_dc_for_the_repository_and_for_a_document(client: TestClient) -> None:
    for params in ({"verb": "ListMetadataFormats"}, {"verb": "ListMetadataFormats", "identifier": f"oai:testserver:{TROTSKY}"}):
        root = call(client, params)
        assert dict(root.find(f"{OAI}request").attrib) == params
        formats = root.findall(f"{OAI}ListMetadataFormats/{OAI}metadataFormat")
        assert [[child.text for child in entry] for entry in formats] == [
            ["oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"]
        ]


def test_list_sets_gives_one_set_per_periodical(client: TestClient, archive: Archive) -> None:
    root = call(client, {"verb": "ListSets"})
    sets = {s.findtext(f"{OAI}setSpec"): s.findtext(f"{OAI}setName") for s in root.iter(f"{OAI}set")}
    with_documents = "SELECT DISTINCT p.slug, p.name FROM periodicals p JOIN documents d ON d.periodical_id = p.id"
    slugs = {str(row[0]): str(row[1]) for row in rows(archive.store, with_documents)}
    assert sets == {f"periodical:{slug}": name for slug, name in slugs.items()}
    assert sets["periodical:new-militant"] == "New Militant"
    assert root.find(f"{OAI}ListSets/{OAI}resumptionToken") is None  # all in one response


def test_get_record_maps_the_document_to_dublin_core(client: TestClient) -> None:
    root = call(client, {"verb": "GetRecord", "identifier": f"oai:testserver:{TROTSKY}", "metadataPrefix": "oai_dc"})
    record = root.find(f"{OAI}GetRecord/{OAI}record")
    header = record.find(f"{OAI}header")
    assert [child.text for child in header] == [f"oai:testserver:{TROTSKY}", TROTSKY_STAMP, "periodical:new-militant"]
    dc = record.find(f"{OAI}metadata/{{{oai.OAI_DC_NS}}}dc")
    assert [(child.tag.removeprefix(DC), child.text) for child in dc] == [
        ("title", "Trotsky Cables Denial to AP on Daily Worker Lies"),
        ("creator", "Leon Trotsky"),
        ("description", "Denounces Repressions Against Bolshevik-Leninists by the Stalinist Bureaucracy"),
        ("date", "1936-02-15"),
        ("type", "Text"),
        ("type", "article"),
        ("language", "en"),
        ("source", "New Militant, Vol. II No. 7, 15 February 1936, p. 1"),
        ("relation", "New Militant"),
        ("rights", "Leon Trotsky Internet Archive (www.marxists.org) 2018. Creative Commons (Share & Attribute)"),
        ("identifier", f"http://testserver/documents/{TROTSKY}"),
    ]


def test_a_document_outside_any_periodical_has_no_set_and_no_periodical_fields(client: TestClient, archive: Archive) -> None:
    outside = rows(archive.store, "SELECT id FROM documents WHERE periodical_id IS NULL ORDER BY id")
    assert outside, "the corpus folders hold documents without a periodical"
    root = call(client, {"verb": "GetRecord", "identifier": f"oai:testserver:{outside[0][0]}", "metadataPrefix": "oai_dc"})
    record = root.find(f"{OAI}GetRecord/{OAI}record")
    assert record.find(f"{OAI}header/{OAI}setSpec") is None
    dc = record.find(f"{OAI}metadata/{{{oai.OAI_DC_NS}}}dc")
    assert [child.text for child in dc.iter(f"{DC}type")] == ["Text"]
    assert dc.find(f"{DC}relation") is None


def test_list_identifiers_pages_through_every_document_once(client: TestClient, archive: Archive) -> None:
    ids, tokens = harvest(client, "ListIdentifiers")
    assert len(ids) == len(set(ids)) and set(ids) == archive.document_ids
    assert [token.get("cursor") for token in tokens] == [str(n) for n in range(0, len(ids), PAGE_SIZE)]
    assert all(token.text for token in tokens[:-1]) and tokens[-1].text is None  # the last page's token is empty


def test_list_records_pages_carry_headers_and_valid_metadata(client: TestClient, archive: Archive) -> None:
    ids, tokens = harvest(client, "ListRecords")
    assert sorted(ids) == sorted(archive.document_ids)  # header identifiers, and no record lost a page
    root = call(client, {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    records = root.findall(f"{OAI}ListRecords/{OAI}record")
    assert len(records) == PAGE_SIZE
    for record in records:
        document_id = identifiers(record.find(f"{OAI}header"))[0]
        assert record.findtext(f".//{DC}identifier") == f"http://testserver/documents/{document_id}"


def test_the_default_page_holds_a_hundred(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(client.app.state, "oai_page_size")
    root = call(client, {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"})
    assert len(root.findall(f"{OAI}ListIdentifiers/{OAI}header")) == oai.PAGE_SIZE == 100
    assert root.findtext(f"{OAI}ListIdentifiers/{OAI}resumptionToken")


def test_a_set_selects_the_periodicals_documents(client: TestClient, archive: Archive) -> None:
    small, tokens = harvest(client, "ListIdentifiers", set="periodical:ni")
    assert set(small) == archive.ids_in("ni") and tokens == []  # a list that fits one response has no token
    large, tokens = harvest(client, "ListIdentifiers", set="periodical:workers-republic")
    assert sorted(large) == sorted(archive.ids_in("workers-republic")) and len(tokens) > 1


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, "2001-02-03", {VICTIMS}),  # a day `until` runs to its end
        ("2001-02-03T04:05:06Z", "2001-02-03T04:05:06Z", {VICTIMS}),  # both bounds inclusive, to the second
        ("2001-02-03T04:05:07Z", "2001-02-04T00:00:00Z", {TROTSKY}),
        ("2001-02-03", "2001-02-04", {VICTIMS, TROTSKY}),
        ("2001-02-04", "2001-02-04", {TROTSKY}),
    ],
)
def test_from_and_until_select_by_datestamp(client: TestClient, start: str | None, end: str, expected: set[str]) -> None:
    arguments = {"until": end} | ({"from": start} if start else {})
    ids, _ = harvest(client, "ListIdentifiers", **arguments)
    assert set(ids) == expected


def test_from_alone_selects_everything_stored_since(client: TestClient, archive: Archive) -> None:
    ids, _ = harvest(client, "ListIdentifiers", **{"from": "2001-02-05"})
    assert set(ids) == archive.document_ids - {VICTIMS, TROTSKY}


def test_post_takes_the_arguments_form_encoded(client: TestClient) -> None:
    params = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "periodical:ni"}
    by_post = call(client, params, post=True)
    assert identifiers(by_post) == identifiers(call(client, params))
    assert dict(by_post.find(f"{OAI}request").attrib) == params


# --- the errors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ([], "badVerb"),
        ([("verb", "Harvest")], "badVerb"),
        ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
        ([("verb", "Identify"), ("set", "periodical:ni")], "badArgument"),  # illegal argument
        ([("verb", "ListRecords")], "badArgument"),  # metadataPrefix missing
        ([("verb", "GetRecord"), ("metadataPrefix", "oai_dc")], "badArgument"),  # identifier missing
        ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2001-13-01")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "yesterday")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("until", "2001-02-03T04:05:06")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2001-02-04"), ("until", "2001-02-03")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("from", "2001-02-03"), ("until", "2001-02-04T00:00:00Z")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("resumptionToken", "x")], "badArgument"),
        ([("verb", "ListIdentifiers"), ("metadataPrefix", "oai_dc"), ("set", "periodical ni")], "badArgument"),
        ([("verb", "ListRecords"), ("metadataPrefix", "oai dc")], "badArgument"),
    ],
)
def test_bad_verbs_and_arguments_are_not_echoed(client: TestClient, params: list[tuple[str, str]], code: str) -> None:
    assert error_of(call(client, params)) == (code, {})


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "ListRecords", "metadataPrefix": "marc21"},
        {"verb": "ListIdentifiers", "metadataPrefix": "marc21", "set": "periodical:ni"},
        {"verb": "GetRecord", "identifier": f"oai:testserver:{TROTSKY}", "metadataPrefix": "marc21"},
    ],
)
def test_an_unknown_format_cannot_be_disseminated(client: TestClient, params: dict[str, str]) -> None:
    assert error_of(call(client, params)) == ("cannotDisseminateFormat", params)


@pytest.mark.parametrize(
    "identifier",
    [
        "oai:testserver:seeds/no-such-document",
        f"oai:elsewhere.org:{TROTSKY}",  # another repository's
        TROTSKY,  # not an oai identifier
        "oai:testserver:",
        "oai:testserver:seeds/\x01",  # a control character, dropped from the echo
    ],
)
def test_unknown_identifiers_do_not_exist(client: TestClient, identifier: str) -> None:
    for params in (
        {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": "oai_dc"},
        {"verb": "ListMetadataFormats", "identifier": identifier},
    ):
        code, echoed = error_of(call(client, params))
        assert code == "idDoesNotExist"
        assert echoed == params | {"identifier": oai.xml_text(identifier)}


def test_a_file_path_is_not_an_identifier(client: TestClient, archive: Archive) -> None:
    path = str(SEEDS / "trotsky-cable-1936.txt")
    assert archive.store.get_record(path) is not None  # the store finds records by their file's path too
    params = {"verb": "GetRecord", "identifier": f"oai:testserver:{path}", "metadataPrefix": "oai_dc"}
    assert error_of(call(client, params)) == ("idDoesNotExist", params)


@pytest.mark.parametrize(
    "arguments",
    [
        {"set": "periodical:no-such-paper"},
        {"set": "author:leon-trotsky"},  # not a kind of set this repository has
        {"until": "2001-02-02"},  # before anything was stored
        {"from": "2999-01-01"},
    ],
)
def test_an_empty_selection_matches_no_records(client: TestClient, arguments: dict[str, str]) -> None:
    for verb in ("ListIdentifiers", "ListRecords"):
        params = {"verb": verb, "metadataPrefix": "oai_dc", **arguments}
        assert error_of(call(client, params)) == ("noRecordsMatch", params)


def _token(**fields: object) -> str:
    return oai.encode_token(oai.Selection(**{"verb": "ListIdentifiers", "metadata_prefix": "oai_dc", **fields}))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("verb", "token"),
    [
        ("ListIdentifiers", "not a token"),
        ("ListIdentifiers", base64.urlsafe_b64encode(b"[1, 2]").decode()),
        ("ListIdentifiers", base64.urlsafe_b64encode(b'{"verb": "ListIdentifiers"}').decode()),
        ("ListIdentifiers", _token(start="2001-02-31")),  # tampered: a day that does not exist
        ("ListIdentifiers", _token(cursor=-1)),
        ("ListRecords", _token()),  # a ListIdentifiers token
        ("ListSets", _token()),  # ListSets never pages
    ],
)
def test_tokens_this_repository_did_not_give_are_refused(client: TestClient, verb: str, token: str) -> None:
    params = {"verb": verb, "resumptionToken": token}
    assert error_of(call(client, params)) == ("badResumptionToken", params)


def test_an_empty_archive_answers_validly(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    url = new_database(request, "sqlite", tmp_path, "empty")
    open_store(url).close()
    with TestClient(_app(url)) as empty:
        identify = call(empty, {"verb": "Identify"})
        assert identify.findtext(f"{OAI}Identify/{OAI}earliestDatestamp") == identify.findtext(f"{OAI}responseDate")
        assert error_of(call(empty, {"verb": "ListSets"}))[0] == "noSetHierarchy"
        assert error_of(call(empty, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}))[0] == "noRecordsMatch"


# --- pure parts ---------------------------------------------------------------------------------------------------


def test_parse_arguments_keeps_the_order_given() -> None:
    parsed = oai.parse_arguments([("metadataPrefix", "oai_dc"), ("verb", "ListRecords"), ("set", "periodical:ni")])
    assert parsed == oai.OaiRequest("ListRecords", {"metadataPrefix": "oai_dc", "set": "periodical:ni"})
    assert parsed.echo() == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "periodical:ni"}


def test_time_range_is_inclusive_and_utc() -> None:
    since, until = oai.time_range("2001-02-03", "2001-02-03")
    assert (since.isoformat(), until.isoformat()) == ("2001-02-03T00:00:00+00:00", "2001-02-03T23:59:59+00:00")
    assert oai.time_range(None, None) == (None, None)
    with pytest.raises(oai.OaiError) as leap:
        oai.time_range("2001-02-29", None)
    assert leap.value.code == "badArgument"


def test_a_token_gives_back_its_selection() -> None:
    selection = oai.Selection("ListRecords", "oai_dc", "periodical:ni", "2001-02-03", "2001-02-04", "seeds/à b%c", 14)
    token = oai.encode_token(selection)
    assert token.isascii() and "=" not in token and "+" not in token and "/" not in token  # safe in a URL as it is
    assert oai.decode_token(token, "ListRecords") == selection


@pytest.mark.parametrize("document_id", [TROTSKY, "marx/1847/poverty philosophy/ch02", "lafargue/1883/préface", "a%20b", "x?y#z"])
def test_oai_identifiers_name_their_documents_and_are_uris(document_id: str) -> None:
    identifier = oai.oai_identifier("hemeroteca.example", document_id)
    assert identifier.isascii() and " " not in identifier and "#" not in identifier
    assert oai.document_id_of("hemeroteca.example", identifier) == document_id
    assert oai.oai_identifier("h.example", TROTSKY) == f"oai:h.example:{TROTSKY}"  # the usual ids stay readable


def _entry(**fields: object) -> Entry:
    blank: dict[str, object] = dict.fromkeys(["title", "date", "language", "pages", "periodical_slug", "periodical", "issue_id"])
    return Entry(**{"id": "x/y", "stored_at": "2001-02-03T04:05:06Z", **blank, **fields})  # type: ignore[arg-type]


def test_dublin_core_leaves_out_what_is_not_known() -> None:
    assert oai.dublin_core(Record(), _entry(), "http://h/documents/x/y") == [("type", "Text"), ("identifier", "http://h/documents/x/y")]


def test_dublin_core_maps_people_by_role_and_strips_what_xml_cannot_hold() -> None:
    record = Record(
        title="Class\x0b Struggle\x00", authors=[Person("Karl Kautsky"), Person("Daniel De Leon", role="translator")],
        written=DateValue("1892", "1892"), source=Citation("The People, 1894"), license="Public domain", language="en",
    )
    pairs = oai.dublin_core(record, _entry(date="1894", periodical="The People"), "http://h/documents/x/y")
    assert ("creator", "Karl Kautsky") in pairs and ("contributor", "Daniel De Leon") in pairs
    assert ("date", "1894") in pairs and ("relation", "The People") in pairs and ("type", "article") in pairs
    element = oai.oai_dc_element(pairs)  # lxml refuses control characters: they must be gone before
    OAI_DC_SCHEMA.validate(element)
    assert element.findtext(f"{DC}title") == "Class Struggle"


# --- a real harvest -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint(archive: Archive) -> Iterator[str]:
    """The archive's OAI-PMH endpoint served by uvicorn on a free loopback port, in a thread."""
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))  # bound here and handed over: no other process can take the port meanwhile
    server = uvicorn.Server(uvicorn.Config(_app(archive.url), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the OAI-PMH server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{listening.getsockname()[1]}/oai"
    server.should_exit = True
    thread.join(timeout=10)
    listening.close()


def _harvested_ids(headers: Iterable[Header]) -> list[str]:
    return [str(header.identifier).removeprefix("oai:127.0.0.1:") for header in headers]


def test_scythe_harvests_every_record_through_resumption_tokens(endpoint: str, archive: Archive) -> None:
    with Scythe(endpoint) as scythe:
        assert scythe.identify().repositoryName == "hemeroteca"
        records = list(scythe.list_records())
    ids = _harvested_ids([record.header for record in records])
    assert len(ids) == len(set(ids)) and set(ids) == archive.document_ids
    base = endpoint.removesuffix("/oai")
    assert all(record.metadata["identifier"] == [f"{base}/documents/{i}"] for record, i in zip(records, ids, strict=True))


def test_scythe_lists_identifiers_by_set_and_by_time_over_post(endpoint: str, archive: Archive) -> None:
    with Scythe(endpoint, http_config=HTTPConfig(http_method="POST")) as scythe:
        by_set = _harvested_ids(scythe.list_identifiers(set_="periodical:workers-republic"))
        assert sorted(by_set) == sorted(archive.ids_in("workers-republic"))
        by_time = _harvested_ids(scythe.list_identifiers(from_="2001-02-01", until="2001-02-03"))
        assert by_time == [VICTIMS]
        with pytest.raises(NoRecordsMatch):
            list(scythe.list_identifiers(until="2001-01-31"))
