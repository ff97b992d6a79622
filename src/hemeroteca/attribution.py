"""Who wrote each document, and on what evidence: signed, pseudonymous, unsigned, attributed, disputed or denied.

Two sources, kept apart and both returned:

* What the record itself says (`attribution_of`, pure): the author the page names and its
  signature blocks; a printed name that MIA's catalogue knows as a pseudonym of that
  person, on the page or in an editor's note; an editor's note saying the original was
  unsigned or attributing it. Nothing is inferred from style, dates or other documents.
* What someone recorded (`hemeroteca attribute`, the attribution_claims table): that a
  document, the evidence, denies or disputes a person's authorship of another, or
  attributes it to them. A recorded claim outranks what the page prints: an article
  printed under Trotsky's name that his cable denies is `denied`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from hemeroteca.catalogue.mia import MiaCatalogue, load_default_catalogue
from hemeroteca.catalogue.names import name_key
from hemeroteca.record import Person, Record
from hemeroteca.store.base import Store
from hemeroteca.store.browse import RunSql, utc_timestamp

Status = Literal["signed", "pseudonymous", "unsigned", "attributed", "disputed", "denied"]
ClaimStatus = Literal["denied", "disputed", "attributed"]
CLAIM_STATUSES: tuple[str, ...] = get_args(ClaimStatus)  # strongest first: the document's status is its strongest claim's

# An editor's note saying the original carried no name. Only these explicit phrases count:
# "written by" in editors' notes mostly restates a signed author, and "anonymous" describes
# other things ("a manifestação anônima da revolução").
_UNSIGNED = re.compile(
    r"\b(?:unsigned|not signed|sem assinatura|n[ãa]o assinad[oa]|sin firma|no firmad[oa]|non sign[ée]e?|ohne unterschrift"
    r"|anonymously|anonimamente|an[óo]nimamente)\b",
    re.IGNORECASE,
)
_ATTRIBUTED = re.compile(
    r"\b(?:attributed to|atribu[íi]d[oa] a|attribu[ée]e? à|(?:probably|presumably) written by|provavelmente escrit[oa] por"
    r"|probablemente escrit[oa] por)\b",
    re.IGNORECASE,
)
# A sentence ends at . ! or ?, perhaps inside closing quotes ("…sob o pseudônimo “Freddie James.” Foi publicado").
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”’\"')»]))\s+(?=[^\w\s]?[A-ZÀ-Ý])")


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # byline | signature | pseudonym | editor-note | editors | page, or a claim's status
    text: str
    document_id: str | None = None  # the document that is the evidence (recorded claims only)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "document_id": self.document_id}


@dataclass(frozen=True, slots=True)
class Claim:
    """A recorded claim: `person`'s authorship of `document_id` is denied, disputed or attributed."""

    document_id: str
    person: str
    status: ClaimStatus
    evidence_document_id: str | None
    evidence_text: str | None
    recorded_by: str
    recorded_at: str  # ISO 8601, UTC
    document_title: str | None = None
    evidence_title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id, "document_title": self.document_title, "person": self.person,
            "status": self.status, "evidence_document_id": self.evidence_document_id,
            "evidence_title": self.evidence_title, "evidence_text": self.evidence_text,
            "recorded_by": self.recorded_by, "recorded_at": self.recorded_at,
        }


@dataclass(frozen=True, slots=True)
class Attribution:
    status: Status
    persons: list[str]  # the catalogue's names where it knows them
    evidence: list[Evidence]
    claims: list[Claim] = field(default_factory=list)  # recorded about this document
    evidence_in: list[Claim] = field(default_factory=list)  # recorded about others, with this document as evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "persons": list(self.persons),
            "evidence": [item.to_json() for item in self.evidence],
            "claims": [claim.to_json() for claim in self.claims],
            "evidence_in": [claim.to_json() for claim in self.evidence_in],
        }


class ClaimError(ValueError):
    """A claim that cannot be recorded (unknown document or status, no evidence); the message is one line."""


# --- what the record says ----------------------------------------------------------------------


def attribution_of(record: Record, catalogue: MiaCatalogue) -> Attribution:
    """The document's authorship as its page gives it, with the evidence; no claims."""
    authors = [person for person in record.authors if person.role == "author"]
    signatures = [block.text for block in record.body if block.kind == "signature"]
    editor_notes = [note.text for note in record.notes if note.kind == "editor"]
    persons = [person.name for person in authors]
    if not authors and not signatures:
        notes = [Evidence("editor-note", f"editor's note '{s}'") for s in _sentences_matching((_UNSIGNED,), editor_notes)]
        return Attribution("unsigned", [], [Evidence("page", "no byline and no signature on the page"), *notes])
    signed = [Evidence("signature", f"signature '{text}'") for text in signatures]
    said = [Evidence("editor-note", f"editor's note '{s}'") for s in _sentences_matching((_UNSIGNED, _ATTRIBUTED), editor_notes)]
    if authors and said:
        named = [Evidence("editors", f"author given by the editors: '{_printed(person)}'") for person in authors]
        return Attribution("attributed", persons, [*named, *signed, *said])
    bylines = [Evidence("byline", f"byline '{_printed(person)}'") for person in authors]
    pseudonyms = [item for person in authors for item in _pseudonym_evidence(person, editor_notes, catalogue)]
    return Attribution("pseudonymous" if pseudonyms else "signed", persons, [*bylines, *signed, *pseudonyms])


def _printed(person: Person) -> str:
    return person.printed_as or person.name


def _pseudonym_evidence(person: Person, editor_notes: list[str], catalogue: MiaCatalogue) -> Iterator[Evidence]:
    """Where a pseudonym the catalogue gives this person is printed: as the page's byline, or named in an editor's note."""
    entry = catalogue.match_author_loosely(person.name)
    if entry is None:
        return
    printed = name_key(person.printed_as) if person.printed_as else None
    for alias in catalogue.aliases_for(entry.id):
        if alias.kind != "pseudonym":
            continue
        resolved = Evidence("pseudonym", f"'{alias.name}' is a pseudonym of {entry.name} (catalogue: {alias.source})")
        if printed == name_key(alias.name):
            yield resolved
        elif sentences := _sentences_naming(alias.name, editor_notes):
            yield from (Evidence("editor-note", f"editor's note '{sentence}'") for sentence in sentences)
            yield resolved


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE_END.split(" ".join(text.split())) if sentence.strip()]


def _sentences_matching(patterns: tuple[re.Pattern[str], ...], notes: list[str]) -> list[str]:
    return [sentence for note in notes for sentence in _sentences(note) if any(p.search(sentence) for p in patterns)]


def _sentences_naming(name: str, notes: list[str]) -> list[str]:
    """The notes' sentences that name `name`, whole words, case and accents aside."""
    key = f" {name_key(name)} "
    return [sentence for note in notes for sentence in _sentences(note) if key in f" {name_key(sentence)} "]


# --- what was recorded -------------------------------------------------------------------------

_CLAIMS = (
    "SELECT c.id, c.document_id, c.person, c.status, c.evidence_document_id, c.evidence_text, c.recorded_by,"
    " c.recorded_at, d.title AS document_title, e.title AS evidence_title"
    " FROM attribution_claims c LEFT JOIN documents d ON d.id = c.document_id"
    " LEFT JOIN documents e ON e.id = c.evidence_document_id"
    " WHERE c.document_id = ? OR c.evidence_document_id = ?"
)


def recorded_claims(run: RunSql, document_id: str) -> tuple[list[Claim], list[Claim]]:
    """(claims about the document, claims about others for which it is the evidence), oldest first."""
    rows = sorted(run(_CLAIMS, (document_id, document_id)), key=lambda row: (utc_timestamp(row["recorded_at"]), row["id"]))
    claims = [
        Claim(
            document_id=row["document_id"], person=row["person"], status=row["status"],
            evidence_document_id=row["evidence_document_id"], evidence_text=row["evidence_text"],
            recorded_by=row["recorded_by"], recorded_at=utc_timestamp(row["recorded_at"]),
            document_title=row["document_title"], evidence_title=row["evidence_title"],
        )
        for row in rows
    ]
    return [c for c in claims if c.document_id == document_id], [c for c in claims if c.evidence_document_id == document_id]


def with_claims(derived: Attribution, claims: list[Claim], evidence_in: list[Claim]) -> Attribution:
    """The page's attribution with the recorded claims: the strongest claim, if any, gives the status."""
    strongest = min(claims, key=lambda claim: CLAIM_STATUSES.index(claim.status), default=None)
    attributed_to = [claim.person for claim in claims if claim.status == "attributed"]
    return Attribution(
        status=strongest.status if strongest else derived.status,
        persons=list(dict.fromkeys([*derived.persons, *attributed_to])),
        evidence=[*derived.evidence, *(Evidence(claim.status, claim_summary(claim), claim.evidence_document_id) for claim in claims)],
        claims=claims,
        evidence_in=evidence_in,
    )


def claim_summary(claim: Claim) -> str:
    """"Leon Trotsky's authorship denied: I never gave any article to the Hearst press"."""
    what = f"attributed to {claim.person}" if claim.status == "attributed" else f"{claim.person}'s authorship {claim.status}"
    return f"{what}: {claim.evidence_text}" if claim.evidence_text else what


def attribution(store: Store, document_id: str) -> Attribution | None:
    """The document's attribution, derived and recorded; None when the archive has no such document."""
    found = store.get_record(document_id)
    return None if found is None else stored_attribution(store.rows, *found)


def stored_attribution(run: RunSql, document_id: str, record: Record) -> Attribution:
    """A stored document's attribution: its record's, with the claims recorded about it or with it as evidence."""
    return with_claims(attribution_of(record, load_default_catalogue()), *recorded_claims(run, document_id))


def record_claim(
    store: Store, document: str, *, status: str, person: str, evidence_document: str | None, note: str | None, recorded_by: str
) -> Claim:
    """Check a claim and store it, replacing the same claim (document, person, status, evidence) recorded before.

    Raises ClaimError, and stores nothing, for an unknown document or status or a claim without evidence.
    """
    if status not in CLAIM_STATUSES:
        raise ClaimError(f"unknown status {status!r}: give one of {', '.join(CLAIM_STATUSES)}")
    person = " ".join(person.split())
    if not person:
        raise ClaimError("--person: give the person whose authorship is claimed")
    note = " ".join(note.split()) if note else None
    if evidence_document is None and not note:
        raise ClaimError("no evidence: give --evidence-doc, --note or both")
    document_id = _stored_id(store, document)
    evidence_id = _stored_id(store, evidence_document) if evidence_document is not None else None
    if evidence_id == document_id:
        raise ClaimError(f"{document_id} cannot be the evidence about itself")
    known = load_default_catalogue().match_author_loosely(person)
    person = known.name if known else person
    store.record_claim(
        document_id=document_id, person=person, status=status,
        evidence_document_id=evidence_id, evidence_text=note, recorded_by=recorded_by,
    )
    claims, _ = recorded_claims(store.rows, document_id)
    return next(c for c in claims if (c.person, c.status, c.evidence_document_id) == (person, status, evidence_id))


def _stored_id(store: Store, id_or_path: str) -> str:
    found = store.get_record(id_or_path)
    if found is None:
        raise ClaimError(f"no document {id_or_path!r} in the archive")
    return found[0]
