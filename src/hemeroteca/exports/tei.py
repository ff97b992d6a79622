"""TEI P5 export: one `<TEI>` document per archive record, valid against tei_all.rng.

The header says what the record knows about the text: title and authors, who
transcribed and marked it up for which archive, the licence, the original's place
in its periodical (a `<biblStruct>`: journal, volume, issue, date, page) or, for a
text no periodical printed, a `<bibl>` with its dates and the source as printed, and in
either the text's attribution (`note type="attribution"`, its status as @subtype, the
evidence as a list) with the claims recorded about it, each linking to the document that
is their evidence (`note type="attribution-claim"` with a `<ref>`).
The text is the record's body in reading order: sections at its headings,
paragraphs, quotations as `<cit>`, signatures in a `<closer>`. Editors' notes go in
`<front>`; the other notes in `<back>`, each linked from its marker in the text by
the same rule the web page uses, so `#note-N` names the same note in both.

Dates are given as printed, with TEI's W3C attributes (`@when`, `@notBefore`/
`@notAfter`, `@from`/`@to`) where the record's EDTF form maps onto XML Schema dates.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from lxml import etree

from hemeroteca.attribution import Attribution, Claim, attribution_of, claim_summary, stored_attribution
from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.record import Block, Citation, Credit, DateValue, Note, Person, Record
from hemeroteca.store.base import Store
from hemeroteca.fields.text import xml_text
from hemeroteca.web.render import NOTE_MARKER, marker_label, note_label, note_numbers  # the web's rules: one for both

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
PUBLISHER = "hemeroteca"

# An EDTF point the readers write: year, month or season (21–24), day, and a qualifier
# (? uncertain, ~ approximate, % both).
_EDTF_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([?~%])?")
_SEASONS = range(21, 25)
_WINTER = 24
_OPEN_END = ("", "..")  # EDTF's unknown and open ends of an interval
# xml:lang takes an XML Schema language tag; a record's odd code stays out rather than break the file.
_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")
# "1", "p. 1", "pp. 3–4", "pp. 123–45": a numeric range, for biblScope's @from/@to.
_NUMERIC_RANGE = re.compile(r"(?:pp?\.\s*)?(\d+)(?:\s*[-–—]\s*(\d+))?")
_NOTE_PLACES = {"footnote": "foot", "endnote": "end"}


# --- dates -------------------------------------------------------------------------------------


def edtf_bounds(point: str) -> tuple[str, str, bool] | None:
    """Earliest and latest XML Schema value (date, gYearMonth, gYear) an EDTF point covers, and whether it is qualified.

    None for what the readers do not write (negative or five-digit years, unspecified digits)
    and for impossible dates ("1936-02-30").
    """
    match = _EDTF_POINT.fullmatch(point)
    if match is None:
        return None
    year, month, day, qualifier = match.groups()
    qualified = qualifier is not None
    if month is None:
        return year, year, qualified
    if int(month) in _SEASONS:
        # EDTF gives a season no months, and the archive's texts come from both hemispheres:
        # only the year is sure, and a winter may reach into the next one.
        return year, f"{int(year) + 1:04d}" if int(month) == _WINTER else year, qualified
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{month}", f"{year}-{month}", qualified
    try:
        date(int(year), int(month), int(day))
    except ValueError:
        return None
    return f"{year}-{month}-{day}", f"{year}-{month}-{day}", qualified


def tei_date_attributes(edtf: str | None) -> dict[str, str]:
    """TEI att.datable attributes of an EDTF value; {} when none fits (the date then stays as text only).

    "1936-02-15" → when; "1936-21" (spring) → notBefore/notAfter; "1936-01/1936-03" → from/to.
    TEI has no attribute for EDTF's uncertain (?) or approximate (~) dates: they keep their
    value and lower the certainty (@cert="low").
    """
    if not edtf:
        return {}
    if "/" in edtf:
        return _interval_attributes(*edtf.split("/", 1))
    bounds = edtf_bounds(edtf)
    if bounds is None:
        return {}
    earliest, latest, qualified = bounds
    attributes = {"when": earliest} if earliest == latest else {"notBefore": earliest, "notAfter": latest}
    return attributes | _certainty(qualified)


def _interval_attributes(start: str, end: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    qualified = False
    for name, point in (("from", start), ("to", end)):
        if point in _OPEN_END:
            continue  # TEI leaves an open or unknown end out
        bounds = edtf_bounds(point)
        if bounds is None:
            return {}
        attributes[name] = bounds[0] if name == "from" else bounds[1]
        qualified = qualified or bounds[2]
    return attributes | _certainty(qualified) if attributes else {}


def _certainty(qualified: bool) -> dict[str, str]:
    return {"cert": "low"} if qualified else {}


# --- building ----------------------------------------------------------------------------------


def _tei(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _add(parent: etree._Element, tag: str, text: str | None = None, attributes: Mapping[str, str] | None = None) -> etree._Element:
    """A TEI child element; text and attribute values lose the characters XML 1.0 cannot hold."""
    child = etree.SubElement(parent, _tei(tag), {name: xml_text(value) for name, value in (attributes or {}).items()})
    if text is not None:
        child.text = xml_text(text)
    return child


def _append_text(element: etree._Element, text: str) -> None:
    """Text after the element's last child (or as its first text when it has none); a line break of the block
    (a verse's, an address's) is an <lb/>."""
    first, *after_breaks = xml_text(text).split("\n")
    if len(element):
        element[-1].tail = (element[-1].tail or "") + first
    else:
        element.text = (element.text or "") + first
    for line in after_breaks:
        _add(element, "lb").tail = line


def _add_date(parent: etree._Element, value: DateValue, attributes: Mapping[str, str] | None = None) -> etree._Element:
    return _add(parent, "date", value.raw, {**(attributes or {}), **tei_date_attributes(value.edtf)})


def _plain(text: str) -> str:
    return " ".join(text.split())


# --- header ------------------------------------------------------------------------------------


def _add_person(parent: etree._Element, person: Person) -> None:
    """An author (any other role: a respStmt) as the catalogue names them, and as printed where that differs."""
    if person.role == "author":
        holder = _add(parent, "author")
    else:
        holder = _add(parent, "respStmt")
        _add(holder, "resp", person.role)
    _add(holder, "persName", person.name)
    if person.printed_as and person.printed_as != person.name:
        _add(holder, "name", person.printed_as, {"type": "printed"})


def _add_titles(parent: etree._Element, record: Record, level: str | None = None) -> None:
    common = {"level": level} if level else {}
    if record.title:
        _add(parent, "title", record.title, {**common, "type": "main"})
    if record.subtitle:
        _add(parent, "title", record.subtitle, {**common, "type": "sub"})


def _add_credit(parent: etree._Element, credit: Credit) -> None:
    statement = _add(parent, "respStmt")
    dated = tei_date_attributes(credit.date.edtf) if credit.date else {}
    _add(statement, "resp", credit.role, dated)
    _add(statement, "name", credit.name)
    if credit.for_:
        _add(_add(statement, "note", attributes={"type": "for"}), "orgName", credit.for_)
    if credit.date and not dated:
        _add(statement, "note", credit.date.raw, {"type": "date"})  # a date TEI cannot carry: kept as printed


def _title_statement(record: Record) -> etree._Element:
    statement = etree.Element(_tei("titleStmt"))
    if not (record.title or record.subtitle):
        _add(statement, "title", "[Untitled]")  # titleStmt needs a title; brackets say it is supplied
    _add_titles(statement, record)
    for person in record.authors:  # an unsigned text has none: no author is guessed
        _add_person(statement, person)
    for credit in record.credits:
        _add_credit(statement, credit)
    return statement


def _publication_statement(document_id: str, record: Record, url: str | None) -> etree._Element:
    statement = etree.Element(_tei("publicationStmt"))
    _add(statement, "publisher", PUBLISHER)
    _add(statement, "idno", document_id, {"type": "hemeroteca"})
    if url:
        _add(statement, "idno", url, {"type": "URL"})
    if record.license:
        _add(_add(statement, "availability"), "licence", record.license)
    if record.last_updated:
        _add_date(statement, record.last_updated)
    return statement


def _notes_statement(extra_fields: Mapping[str, str]) -> etree._Element:
    """The page's labelled fields that the record has no slot for, label as @n."""
    statement = etree.Element(_tei("notesStmt"))
    for label, value in extra_fields.items():
        _add(statement, "note", value, {"type": "field", "n": label})
    return statement


def _scope(parent: etree._Element, unit: str, printed: str, normalised: str | None = None) -> None:
    """A biblScope as printed, with @from/@to where it is a number or a range of numbers."""
    attributes = {"unit": unit}
    if match := _NUMERIC_RANGE.fullmatch((normalised or printed).strip()):
        first, last = match.group(1), match.group(2) or match.group(1)
        if len(last) < len(first):  # "pp. 123–45" means 123–145
            last = first[: len(first) - len(last)] + last
        attributes |= {"from": first, "to": last}
    _add(parent, "biblScope", printed, attributes)


def _bibl_struct(record: Record, source: Citation, periodical: str) -> etree._Element:
    """The original as an article (analytic) in an issue of a periodical (monogr)."""
    structure = etree.Element(_tei("biblStruct"))
    if record.title or record.subtitle or record.authors:
        analytic = _add(structure, "analytic")
        _add_titles(analytic, record, level="a")
        for person in record.authors:
            _add_person(analytic, person)
    monogr = _add(structure, "monogr")
    _add(monogr, "title", periodical, {"level": "j"})
    imprint = _add(monogr, "imprint")
    if volume := source.volume_raw or source.volume:
        _scope(imprint, "volume", volume, source.volume)
    if source.number:
        _scope(imprint, "issue", source.number)
    issued = source.date or record.published
    if issued:
        _add_date(imprint, issued)
    if source.pages:
        _scope(imprint, "page", source.pages)
    if not len(imprint):
        _add(imprint, "date")  # an imprint must hold something: an empty date says it is unknown
    _add(structure, "note", source.raw, {"type": "source"})
    return structure


def _bibl(record: Record) -> etree._Element:
    """What is known of a text no periodical printed: title, authors, dates, the source as printed."""
    bibl = etree.Element(_tei("bibl"))
    _add_titles(bibl, record)
    for person in record.authors:
        _add_person(bibl, person)
    if record.written:
        _add_date(bibl, record.written, {"type": "written"})
    if record.published:
        _add_date(bibl, record.published, {"type": "published"})
    if record.source:
        _add(bibl, "note", record.source.raw, {"type": "source"})
    return bibl


def _source_description(record: Record, attribution_notes: list[etree._Element]) -> etree._Element:
    description = etree.Element(_tei("sourceDesc"))
    source = record.source
    original = _bibl_struct(record, source, source.periodical) if source is not None and source.periodical else _bibl(record)
    original.extend(attribution_notes)  # who wrote the original is part of its description
    description.append(original)
    return description


def _attribution_notes(document_id: str, found: Attribution, base_url: str | None) -> list[etree._Element]:
    """The status with the page's own evidence, then each claim recorded about the text or with it as evidence."""
    summary = etree.Element(_tei("note"), {"type": "attribution", "subtype": found.status})
    evidence = _add(summary, "list")
    for item in found.evidence:
        if item.document_id is None:  # a claim's evidence is given in its own note, with its link
            _add(evidence, "item", item.text, {"n": item.kind})
    notes = [summary]
    for claim in found.claims:
        note = etree.Element(_tei("note"), {"type": "attribution-claim", "subtype": claim.status})
        summary_text = claim_summary(claim)
        _append_text(note, summary_text if summary_text.endswith((".", "!", "?", "…")) else summary_text + ".")
        if claim.evidence_document_id:
            _append_text(note, " Evidence: ")
            _add_document_ref(note, document_id, claim.evidence_document_id, claim.evidence_title, base_url)
            _append_text(note, ".")
        _add_recorded(note, claim)
        notes.append(note)
    for claim in found.evidence_in:
        note = etree.Element(_tei("note"), {"type": "attribution-evidence", "subtype": claim.status})
        attributed = claim.status == "attributed"
        _append_text(note, "This text is the evidence that " + ("" if attributed else f"{claim.person}’s authorship of "))
        _add_document_ref(note, document_id, claim.document_id, claim.document_title, base_url)
        _append_text(note, f" is attributed to {claim.person}." if attributed else f" is {claim.status}.")
        _add_recorded(note, claim)
        notes.append(note)
    return notes


def _add_document_ref(parent: etree._Element, document_id: str, other_id: str, title: str | None, base_url: str | None) -> None:
    """A link to another document: its address in the archive, or else its file as write_tei names it, beside this one."""
    if base_url:
        target = f"{base_url.rstrip('/')}/documents/{other_id}"
    else:
        target = posixpath.relpath(f"{other_id}.xml", posixpath.dirname(document_id) or ".")
    _add(parent, "ref", title or other_id, {"target": target})


def _add_recorded(note: etree._Element, claim: Claim) -> None:
    _append_text(note, f" Recorded by {claim.recorded_by}, ")
    _add(note, "date", claim.recorded_at, {"when": claim.recorded_at})
    _append_text(note, ".")


def _encoding_description() -> etree._Element:
    description = etree.Element(_tei("encodingDesc"))
    project = _add(description, "projectDesc")
    _add(project, "p", "Exported by hemeroteca from the archive's transcription of the original, as its readers recorded it.")
    editorial = _add(description, "editorialDecl")
    # The records keep the text's blocks, not the original's pages and lines: no <pb/> or <lb/> can be given.
    _add(editorial, "p", "Page and line breaks of the original are not recorded: the transcription does not keep them.")
    return description


def _profile_description(record: Record, language: str | None) -> etree._Element | None:
    if record.written is None and language is None:
        return None
    description = etree.Element(_tei("profileDesc"))
    if record.written:
        _add_date(_add(description, "creation"), record.written)
    if language:
        _add(_add(description, "langUsage"), "language", attributes={"ident": language})
    return description


def _revision_description(last_updated: DateValue) -> etree._Element:
    description = etree.Element(_tei("revisionDesc"))
    _add(description, "change", f"Last updated: {last_updated.raw}", tei_date_attributes(last_updated.edtf))
    return description


def _header(
    document_id: str, record: Record, url: str | None, language: str | None, attribution_notes: list[etree._Element]
) -> etree._Element:
    header = etree.Element(_tei("teiHeader"))
    file_description = _add(header, "fileDesc")
    file_description.append(_title_statement(record))
    file_description.append(_publication_statement(document_id, record, url))
    if record.extra_fields:
        file_description.append(_notes_statement(record.extra_fields))
    file_description.append(_source_description(record, attribution_notes))
    header.append(_encoding_description())
    if (profile := _profile_description(record, language)) is not None:
        header.append(profile)
    if record.last_updated:
        header.append(_revision_description(record.last_updated))
    return header


# --- text --------------------------------------------------------------------------------------


def _add_marked_text(element: etree._Element, text: str, numbers: Mapping[str, int]) -> etree._Element:
    """The text into the element, each marker of a known note ("[1]") a <ref> to that note."""
    position = 0
    for match in NOTE_MARKER.finditer(text):
        number = numbers.get(marker_label(match))
        if number is None:
            continue  # a marker with no note stays as printed
        _append_text(element, text[position : match.start()])
        _add(element, "ref", match.group(0), {"target": f"#note-{number}"})
        position = match.end()
    _append_text(element, text[position:])
    return element


def _add_block(parent: etree._Element, block: Block, numbers: Mapping[str, int]) -> None:
    """A paragraph, a quotation (with its bibl where the text names who is quoted) or a note in the text."""
    if block.kind == "quote" and block.attribution:
        quotation = _add(parent, "cit")
        _add_marked_text(_add(quotation, "quote"), block.text, numbers)
        _add(_add(quotation, "bibl"), "author", block.attribution)
    else:
        tag = {"quote": "quote", "note": "note"}.get(block.kind, "p")
        _add_marked_text(_add(parent, tag), block.text, numbers)


class _Sections:
    """The body as divs: a heading after text opens a new one, and so does text after a signature.

    A div keeps TEI's order: headings, then text, then a closer with the signatures; a
    signature with no text before it in its div opens the div (<signed> may lead one).
    """

    def __init__(self, body: etree._Element) -> None:
        self.body = body
        self.div = _add(body, "div")
        self.has_text = False
        self.closer: etree._Element | None = None

    def _open(self) -> None:
        self.div, self.has_text, self.closer = _add(self.body, "div"), False, None

    def heading(self) -> etree._Element:
        if self.has_text or self.closer is not None:
            self._open()
        return _add(self.div, "head")

    def signature(self) -> etree._Element:
        if not self.has_text:
            return _add(self.div, "signed")
        if self.closer is None:
            self.closer = _add(self.div, "closer")
        return _add(self.closer, "signed")

    def text(self) -> etree._Element:
        if self.closer is not None:
            self._open()
        self.has_text = True
        return self.div


def _body(record: Record, numbers: Mapping[str, int]) -> etree._Element:
    body = etree.Element(_tei("body"))
    sections = _Sections(body)
    if record.running_head:
        _add(sections.div, "fw", record.running_head, {"type": "header"})
    if record.dateline:
        _add(sections.div, "dateline", record.dateline)
    noted = {_plain(note.text) for note in record.notes}
    for block in record.body:
        if block.kind == "note" and _plain(block.text) in noted:
            continue  # kept among the notes too: given once, there, where the markers point
        if block.kind == "heading":
            _add_marked_text(sections.heading(), block.text, numbers)
        elif block.kind == "signature":
            _add_marked_text(sections.signature(), block.text, numbers)
        else:
            _add_block(sections.text(), block, numbers)
    return body


def _note_attributes(note: Note, number: int) -> dict[str, str]:
    attributes = {XML_ID: f"note-{number}", "type": note.kind}
    if place := _NOTE_PLACES.get(note.kind):
        attributes["place"] = place
    if label := note_label(note):
        attributes["n"] = label
    return attributes


def _text(record: Record, language: str | None) -> etree._Element:
    text = etree.Element(_tei("text"), {XML_LANG: language} if language else {})
    editor_notes = [note for note in record.notes if note.kind == "editor"]
    other_notes = [note for note in record.notes if note.kind != "editor"]
    if editor_notes:
        front = _add(text, "front")
        for note in editor_notes:
            _add(front, "note", note.text, {"type": "editorial"})
    numbers = note_numbers(other_notes)
    text.append(_body(record, numbers))
    if other_notes:
        notes = _add(_add(text, "back"), "div", attributes={"type": "notes"})
        for number, note in enumerate(other_notes, start=1):
            _add(notes, "note", note.text, _note_attributes(note, number))
    return text


# --- documents ---------------------------------------------------------------------------------


def tei_document(
    document_id: str, record: Record, *, url: str | None = None,
    attribution: Attribution | None = None, base_url: str | None = None,
) -> bytes:
    """The record as one TEI P5 document, UTF-8.

    `attribution`: the record's with the claims recorded in the archive (attribution.stored_attribution);
    without it, the record's own. `base_url`: where the archive is served, for links to the
    documents the claims name; without it they link to those documents' files in the same export.
    """
    language = record.language if record.language and _LANGUAGE_TAG.fullmatch(record.language) else None
    found = attribution or attribution_of(record, load_default_catalogue())
    tei = etree.Element(_tei("TEI"), nsmap={None: TEI_NS})
    tei.append(_header(document_id, record, url, language, _attribution_notes(document_id, found, base_url)))
    tei.append(_text(record, language))
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_tei(store: Store, document_ids: list[str], out: Path, *, base_url: str | None = None) -> list[Path]:
    """One TEI file per document: `out` itself for one id and an `.xml` name, else `out/{id}.xml` (ids' slashes make folders)."""
    paths: list[Path] = []
    for document_id in document_ids:
        found = store.get_record(document_id)
        if found is None:
            raise LookupError(f"no document {document_id} in the archive")
        stored_id, record = found
        path = out if out.suffix == ".xml" and len(document_ids) == 1 else out / f"{stored_id}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"{base_url.rstrip('/')}/documents/{stored_id}" if base_url else None
        authorship = stored_attribution(store.rows, stored_id, record)
        path.write_bytes(tei_document(stored_id, record, url=url, attribution=authorship, base_url=base_url))
        paths.append(path)
    return paths
