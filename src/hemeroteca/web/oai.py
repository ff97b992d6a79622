"""OAI-PMH 2.0: the archive's catalogue for harvesters, as unqualified Dublin Core (oai_dc).

    GET /oai?verb=…   or   POST /oai with the same arguments form-encoded

All six verbs. Identifiers are `oai:{host}:{document id}` (host: the request's), datestamps
the time a document was last stored (seconds, UTC), one set per periodical
(`periodical:{slug}`). Lists come 100 items a page (`app.state.oai_page_size` overrides it)
with opaque resumption tokens that carry the request and the last id sent, so a harvest
never holds state on the server. Identify's adminEmail is `app.state.admin_email` when set,
else DEFAULT_ADMIN_EMAIL (a reserved, undeliverable address that says nobody was named).

Spec: https://www.openarchives.org/OAI/openarchivesprotocol.html
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, time, timezone
from urllib.parse import parse_qsl, quote, unquote

from fastapi import APIRouter, Depends, Request, Response
from lxml import etree

from hemeroteca.fields.text import xml_text
from hemeroteca.record import Record
from hemeroteca.store import browse
from hemeroteca.store.base import Store
from hemeroteca.store.browse import Entry
from hemeroteca.web.permalinks import document_path
from hemeroteca.web.stores import request_store

router = APIRouter()

PAGE_SIZE = 100
REPOSITORY_NAME = "hemeroteca"
DEFAULT_ADMIN_EMAIL = "nobody@localhost.invalid"  # the schema wants user@domain.tld; .invalid never delivers
CONTENT_TYPE = "text/xml; charset=utf-8"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
METADATA_PREFIX = "oai_dc"
SET_PREFIX = "periodical:"

BAD_VERB = "badVerb"
BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"
NO_SET_HIERARCHY = "noSetHierarchy"

# Characters XML 1.0 cannot hold, even escaped: C0 controls but tab and newlines, surrogates, U+FFFE/U+FFFF.
# The protocol's own syntax for metadataPrefix and setSpec (OAI-PMH.xsd's patterns).
_PREFIX_SYNTAX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
_SET_SYNTAX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only: \d takes any script's
_SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
# Characters an oai-identifier's local part may carry as they are (the rest are %-escaped).
_LOCAL_IDENTIFIER_SAFE = "/;:@&=+$,-_.!~*'()"


class OaiError(Exception):
    """A protocol error: answered with HTTP 200 and an <error code=…> element."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class VerbArguments:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: str | None = None  # an argument that must come alone (resumptionToken)


_LIST_ARGUMENTS = VerbArguments(frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), "resumptionToken")
VERBS: dict[str, VerbArguments] = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=frozenset({"identifier"})),
    "ListSets": VerbArguments(exclusive="resumptionToken"),
    "GetRecord": VerbArguments(required=frozenset({"identifier", "metadataPrefix"})),
    "ListIdentifiers": _LIST_ARGUMENTS,
    "ListRecords": _LIST_ARGUMENTS,
}


@dataclass(frozen=True, slots=True)
class OaiRequest:
    verb: str
    arguments: dict[str, str]  # without the verb, in the order given

    def echo(self) -> dict[str, str]:
        return {"verb": self.verb, **self.arguments}


def parse_arguments(pairs: Sequence[tuple[str, str]]) -> OaiRequest:
    """The verb and its arguments, checked against the protocol: raises OaiError (badVerb, badArgument)."""
    verbs = [value for key, value in pairs if key == "verb"]
    if not verbs:
        raise OaiError(BAD_VERB, "no verb given")
    if len(verbs) > 1:
        raise OaiError(BAD_VERB, "the verb is repeated")
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError(BAD_VERB, f"unknown verb {verb!r}")
    allowed = VERBS[verb]
    arguments: dict[str, str] = {}
    for key, value in pairs:
        if key == "verb":
            continue
        if key in arguments:
            raise OaiError(BAD_ARGUMENT, f"the argument {key!r} is repeated")
        if key not in allowed.required | allowed.optional and key != allowed.exclusive:
            raise OaiError(BAD_ARGUMENT, f"{verb} takes no argument {key!r}")
        arguments[key] = value
    if allowed.exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError(BAD_ARGUMENT, f"{allowed.exclusive} must be the only argument besides the verb")
        return OaiRequest(verb, arguments)
    missing = sorted(allowed.required - arguments.keys())
    if missing:
        raise OaiError(BAD_ARGUMENT, f"{verb} needs {', '.join(missing)}")
    _check_syntax(arguments)
    return OaiRequest(verb, arguments)


def _check_syntax(arguments: Mapping[str, str]) -> None:
    """Values the response would echo must be what the protocol allows, or the request is a badArgument."""
    if "metadataPrefix" in arguments and not _PREFIX_SYNTAX.fullmatch(arguments["metadataPrefix"]):
        raise OaiError(BAD_ARGUMENT, "metadataPrefix has characters the protocol does not allow")
    if "set" in arguments and not _SET_SYNTAX.fullmatch(arguments["set"]):
        raise OaiError(BAD_ARGUMENT, "set is not a setSpec")
    time_range(arguments.get("from"), arguments.get("until"))


def time_range(start: str | None, end: str | None) -> tuple[datetime | None, datetime | None]:
    """`from` and `until` as UTC times, both inclusive (a day `until` runs to its last second); badArgument if wrong."""
    since = None if start is None else _datestamp(start, "from", end_of_day=False)
    until = None if end is None else _datestamp(end, "until", end_of_day=True)
    if start is not None and end is not None and len(start) != len(end):  # both well formed: same length, same granularity
        raise OaiError(BAD_ARGUMENT, "from and until must have the same granularity")
    if since is not None and until is not None and since > until:
        raise OaiError(BAD_ARGUMENT, "from is later than until")
    return since, until


def _datestamp(value: str, name: str, *, end_of_day: bool) -> datetime:
    try:
        if _DAY.fullmatch(value):
            day = datetime.strptime(value, "%Y-%m-%d").date()
            return datetime.combine(day, time(23, 59, 59) if end_of_day else time(0, 0, 0), timezone.utc)
        if _SECOND.fullmatch(value):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        pass  # the right shape but no such day or time: as bad as the wrong shape
    raise OaiError(BAD_ARGUMENT, f"{name} is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ)")


@dataclass(frozen=True, slots=True)
class Selection:
    """What a ListIdentifiers or ListRecords harvest asked for, and how far it has got: a resumption token's content."""

    verb: str
    metadata_prefix: str
    set_spec: str | None = None
    start: str | None = None  # `from` and `until` as the harvester gave them (already checked)
    end: str | None = None
    after_id: str | None = None  # the last document sent
    cursor: int = 0  # how many were sent before this page


def encode_token(selection: Selection) -> str:
    data = json.dumps(asdict(selection), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode_token(token: str, verb: str) -> Selection:
    """The selection a token of ours carries, for this verb; badResumptionToken for anything else."""
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        selection = Selection(**data)
    except (ValueError, TypeError):  # bad base64 (binascii.Error), JSON or UTF-8 are ValueErrors; wrong fields TypeErrors
        raise OaiError(BAD_RESUMPTION_TOKEN, "the resumption token is not one this repository gave") from None
    texts = (selection.set_spec, selection.start, selection.end, selection.after_id)
    well_formed = (
        selection.verb == verb and selection.metadata_prefix == METADATA_PREFIX
        and all(text is None or isinstance(text, str) for text in texts)
        and isinstance(selection.cursor, int) and selection.cursor >= 0
    )
    if not well_formed:
        raise OaiError(BAD_RESUMPTION_TOKEN, f"the resumption token is not one this repository gave for {verb}")
    try:
        time_range(selection.start, selection.end)
    except OaiError:
        raise OaiError(BAD_RESUMPTION_TOKEN, "the resumption token's dates are not valid") from None
    return selection


def oai_identifier(host: str, document_id: str) -> str:
    """`oai:{host}:{id}`; characters an oai-identifier cannot hold are %-escaped (ids are paths: "/" stays)."""
    return f"oai:{host}:{quote(document_id, safe=_LOCAL_IDENTIFIER_SAFE)}"


def document_id_of(host: str, identifier: str) -> str | None:
    """The document id an identifier of this repository names, or None when it names none of ours."""
    prefix = f"oai:{host}:"
    if not identifier.startswith(prefix) or len(identifier) == len(prefix):
        return None
    return unquote(identifier[len(prefix) :])


def set_spec(periodical_slug: str | None) -> str | None:
    """The periodical's setSpec; None for a slug the protocol's syntax cannot carry (an empty one)."""
    if not periodical_slug:
        return None
    spec = SET_PREFIX + periodical_slug
    return spec if _SET_SYNTAX.fullmatch(spec) else None


def dublin_core(record: Record, entry: Entry, url: str) -> list[tuple[str, str]]:
    """(element, value) pairs of unqualified Dublin Core; absent values are left out, never guessed.

    The record gives what the page says (title, people, citation, licence, language); the
    catalogue entry what the archive made of it (the date the document is filed under, its
    periodical's name).
    """
    pairs: list[tuple[str, str | None]] = [("title", record.title)]
    pairs += [("creator" if person.role == "author" else "contributor", person.name) for person in record.authors]
    pairs += [
        ("description", record.subtitle),
        ("date", entry.date),
        ("type", "Text"),  # DCMI Type vocabulary
        ("type", "article" if entry.periodical else None),
        ("language", record.language),
        ("source", record.source.raw if record.source else None),
        ("relation", entry.periodical),  # the periodical the article is part of
        ("rights", record.license),
        ("identifier", url),
    ]
    return [(name, value) for name, value in pairs if value and value.strip()]


@dataclass(frozen=True, slots=True)
class Repository:
    """The archive as one request sees it."""

    store: Store
    endpoint_url: str  # this endpoint's address, without a query
    base_url: str  # the site's root, without a trailing slash
    host: str
    page_size: int
    admin_email: str
    now: datetime

    def document_url(self, document_id: str) -> str:
        return self.base_url + quote(document_path(document_id), safe="/")


def _element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    child = etree.SubElement(parent, tag, {name: xml_text(value) for name, value in attributes.items()})
    if text is not None:
        child.text = xml_text(text)
    return child


def _oai(tag: str) -> str:
    return f"{{{OAI_NS}}}{tag}"


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def identify(repository: Repository, request: OaiRequest) -> etree._Element:
    body = etree.Element(_oai("Identify"))
    earliest = repository.store.rows("SELECT MIN(ingested_at) AS earliest FROM documents", ())[0]["earliest"]
    _element(body, _oai("repositoryName"), REPOSITORY_NAME)
    _element(body, _oai("baseURL"), repository.endpoint_url)
    _element(body, _oai("protocolVersion"), "2.0")
    _element(body, _oai("adminEmail"), repository.admin_email)
    # An empty archive has no earliest document: nothing is older than now.
    _element(body, _oai("earliestDatestamp"), browse.utc_timestamp(earliest) if earliest else _utc(repository.now))
    _element(body, _oai("deletedRecord"), "no")
    _element(body, _oai("granularity"), GRANULARITY)
    return body


def list_metadata_formats(repository: Repository, request: OaiRequest) -> etree._Element:
    if "identifier" in request.arguments:
        _entry_named(repository, request.arguments["identifier"])  # every document has oai_dc: only check it exists
    body = etree.Element(_oai("ListMetadataFormats"))
    format_element = _element(body, _oai("metadataFormat"))
    _element(format_element, _oai("metadataPrefix"), METADATA_PREFIX)
    _element(format_element, _oai("schema"), OAI_DC_SCHEMA)
    _element(format_element, _oai("metadataNamespace"), OAI_DC_NS)
    return body


def list_sets(repository: Repository, request: OaiRequest) -> etree._Element:
    if "resumptionToken" in request.arguments:
        raise OaiError(BAD_RESUMPTION_TOKEN, "ListSets is answered in one response: there is nothing to resume")
    sets = [(spec, summary.name) for summary in browse.periodicals(repository.store.rows) if (spec := set_spec(summary.slug))]
    if not sets:  # a ListSets response needs a set; an archive without periodicals has no hierarchy to show
        raise OaiError(NO_SET_HIERARCHY, "the archive holds no periodical yet")
    body = etree.Element(_oai("ListSets"))
    for spec, name in sets:
        set_element = _element(body, _oai("set"))
        _element(set_element, _oai("setSpec"), spec)
        _element(set_element, _oai("setName"), name)
    return body


def get_record(repository: Repository, request: OaiRequest) -> etree._Element:
    _check_format(request.arguments["metadataPrefix"])
    entry = _entry_named(repository, request.arguments["identifier"])
    found = repository.store.get_record(entry.id)
    if found is None:
        raise OaiError(ID_DOES_NOT_EXIST, "the document is no longer in the archive")
    body = etree.Element(_oai("GetRecord"))
    _record(body, repository, entry, found[1])
    return body


def list_identifiers(repository: Repository, request: OaiRequest) -> etree._Element:
    return _list(repository, request, with_metadata=False)


def list_records(repository: Repository, request: OaiRequest) -> etree._Element:
    return _list(repository, request, with_metadata=True)


def _list(repository: Repository, request: OaiRequest, *, with_metadata: bool) -> etree._Element:
    selection = _selection(request)
    entries = _harvest_page(repository, selection)
    if not entries:
        raise OaiError(NO_RECORDS_MATCH, "no document matches the request")
    has_more = len(entries) > repository.page_size
    entries = entries[: repository.page_size]
    body = etree.Element(_oai(request.verb))
    for entry in entries:
        if not with_metadata:
            _header(body, repository, entry)
        elif (found := repository.store.get_record(entry.id)) is not None and found[0] == entry.id:
            _record(body, repository, entry, found[1])
    if has_more:
        following = replace(selection, after_id=entries[-1].id, cursor=selection.cursor + len(entries))
        _element(body, _oai("resumptionToken"), encode_token(following), cursor=str(selection.cursor))
    elif "resumptionToken" in request.arguments:  # the end of a list given in pages: an empty token says so
        _element(body, _oai("resumptionToken"), cursor=str(selection.cursor))
    return body


def _selection(request: OaiRequest) -> Selection:
    arguments = request.arguments
    if "resumptionToken" in arguments:
        return decode_token(arguments["resumptionToken"], request.verb)
    _check_format(arguments["metadataPrefix"])
    return Selection(request.verb, METADATA_PREFIX, arguments.get("set"), arguments.get("from"), arguments.get("until"))


def _harvest_page(repository: Repository, selection: Selection) -> list[Entry]:
    """The page's entries and one more, which tells whether another page follows."""
    slug = None
    if selection.set_spec is not None:
        if not selection.set_spec.startswith(SET_PREFIX):
            return []  # no such set here
        slug = selection.set_spec.removeprefix(SET_PREFIX)
    since, until = time_range(selection.start, selection.end)
    return browse.harvest(
        repository.store.rows, after_id=selection.after_id, limit=repository.page_size + 1,
        periodical_slug=slug, stored_from=since, stored_until=until,
    )


def _check_format(metadata_prefix: str) -> None:
    if metadata_prefix != METADATA_PREFIX:
        raise OaiError(CANNOT_DISSEMINATE_FORMAT, f"only {METADATA_PREFIX} is offered, not {metadata_prefix!r}")


def _entry_named(repository: Repository, identifier: str) -> Entry:
    document_id = document_id_of(repository.host, identifier)
    entry = None if document_id is None else browse.entry(repository.store.rows, document_id)
    if entry is None:
        raise OaiError(ID_DOES_NOT_EXIST, f"no document has the identifier {identifier!r}")
    return entry


def _header(parent: etree._Element, repository: Repository, entry: Entry) -> None:
    header = _element(parent, _oai("header"))
    _element(header, _oai("identifier"), oai_identifier(repository.host, entry.id))
    _element(header, _oai("datestamp"), entry.stored_at)
    if spec := set_spec(entry.periodical_slug):
        _element(header, _oai("setSpec"), spec)


def _record(parent: etree._Element, repository: Repository, entry: Entry, record: Record) -> None:
    record_element = _element(parent, _oai("record"))
    _header(record_element, repository, entry)
    metadata = _element(record_element, _oai("metadata"))
    metadata.append(oai_dc_element(dublin_core(record, entry, repository.document_url(entry.id))))


def oai_dc_element(pairs: Iterable[tuple[str, str]]) -> etree._Element:
    """<oai_dc:dc> holding the Dublin Core pairs, in the order given."""
    dc = etree.Element(f"{{{OAI_DC_NS}}}dc", nsmap={"oai_dc": OAI_DC_NS, "dc": DC_NS, "xsi": XSI_NS})
    dc.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_DC_NS} {OAI_DC_SCHEMA}")
    for name, value in pairs:
        _element(dc, f"{{{DC_NS}}}{name}", value)
    return dc


_HANDLERS: dict[str, Callable[[Repository, OaiRequest], etree._Element]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


def respond(repository: Repository, pairs: Sequence[tuple[str, str]]) -> bytes:
    """The whole OAI-PMH response document for a request's arguments."""
    oai_request: OaiRequest | None = None
    try:
        oai_request = parse_arguments(pairs)
        body = _HANDLERS[oai_request.verb](repository, oai_request)
    except OaiError as error:
        body = etree.Element(_oai("error"), code=error.code)
        body.text = xml_text(error.message)
        # A badVerb or badArgument request is not echoed: its arguments may not even be legal values.
        if error.code in (BAD_VERB, BAD_ARGUMENT):
            oai_request = None
    return _document(repository.now, repository.endpoint_url, oai_request, body)


def _document(now: datetime, endpoint_url: str, oai_request: OaiRequest | None, body: etree._Element) -> bytes:
    root = etree.Element(_oai("OAI-PMH"), nsmap={None: OAI_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{OAI_NS} {OAI_SCHEMA}")
    _element(root, _oai("responseDate"), _utc(now))
    _element(root, _oai("request"), endpoint_url, **(oai_request.echo() if oai_request else {}))
    root.append(body)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


async def request_arguments(request: Request) -> list[tuple[str, str]]:
    """The arguments: a GET's query string, a POST's form-encoded body (read here, where awaiting is possible)."""
    if request.method == "POST":
        body = (await request.body()).decode("utf-8", errors="replace")
        return parse_qsl(body, keep_blank_values=True)
    return request.query_params.multi_items()


@router.get("/oai", operation_id="oai_get")
@router.post("/oai", operation_id="oai_post")  # one route for both methods would give both one operation id
def oai(
    request: Request, arguments: list[tuple[str, str]] = Depends(request_arguments), store: Store = Depends(request_store),
) -> Response:
    repository = Repository(
        store=store,
        endpoint_url=str(request.url.replace(query="")),
        base_url=str(request.base_url).rstrip("/"),
        host=request.url.hostname or "localhost",
        page_size=int(getattr(request.app.state, "oai_page_size", PAGE_SIZE)),
        admin_email=getattr(request.app.state, "admin_email", None) or DEFAULT_ADMIN_EMAIL,
        now=datetime.now(timezone.utc),
    )
    return Response(content=respond(repository, arguments), media_type=CONTENT_TYPE)
