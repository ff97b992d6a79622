"""The document record: what every reader produces and every store keeps.

One record per document. Absent values are None or empty lists, never guessed.
`to_json` gives the public JSON shape used by `hemeroteca show` and the API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["paragraph", "quote", "heading", "signature", "note"]


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as printed (`raw`) and normalised to EDTF (`edtf`, None if unparsed)."""

    raw: str
    edtf: str | None


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # MIA's catalogue form when the catalogue knows the person, else as printed
    role: str = "author"
    printed_as: str | None = None  # the page's own spelling, where it differs from `name`


@dataclass(frozen=True, slots=True)
class Citation:
    """A source citation split into its parts; `raw` is the line as printed."""

    raw: str
    periodical: str | None = None
    volume: str | None = None  # normalised to Arabic digits ("2")
    volume_raw: str | None = None  # as printed ("II")
    number: str | None = None
    date: DateValue | None = None
    pages: str | None = None  # "p. 1", "pp. 3–4", "Inside front cover"


@dataclass(frozen=True, slots=True)
class Credit:
    role: str  # transcription | markup | translation | proofreading | editing | html | contribution (a partner that gave the text) | other
    name: str
    for_: str | None = None  # the archive the work was done for ("ETOL")
    date: DateValue | None = None


@dataclass(frozen=True, slots=True)
class Note:
    kind: str  # editor | author | footnote | endnote | information
    text: str
    anchor: str | None = None  # footnote anchor name, e.g. "n1"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str
    attribution: str | None = None  # who is quoted, where the text says so


@dataclass(slots=True)
class Record:
    title: str | None = None
    subtitle: str | None = None
    authors: list[Person] = field(default_factory=list)
    dateline: str | None = None
    written: DateValue | None = None
    published: DateValue | None = None
    source: Citation | None = None
    credits: list[Credit] = field(default_factory=list)
    license: str | None = None
    notes: list[Note] = field(default_factory=list)
    running_head: str | None = None
    last_updated: DateValue | None = None
    language: str | None = None
    body: list[Block] = field(default_factory=list)
    # Labelled fields the page carried that have no slot above: kept, not dropped.
    extra_fields: dict[str, str] = field(default_factory=dict)

    def to_json(self, record_id: str | None = None) -> dict[str, Any]:
        # Written out rather than dataclasses.asdict: this runs once per ingested page.
        source = self.source
        return {
            "id": record_id,
            "title": self.title,
            "subtitle": self.subtitle,
            "authors": [{"name": p.name, "role": p.role, "printed_as": p.printed_as} for p in self.authors],
            "dateline": self.dateline,
            "written": _date_json(self.written),
            "published": _date_json(self.published),
            "source": None if source is None else {
                "raw": source.raw, "periodical": source.periodical, "volume": source.volume,
                "volume_raw": source.volume_raw, "number": source.number,
                "date": _date_json(source.date), "pages": source.pages,
            },
            "credits": [
                {"role": c.role, "name": c.name, "for": c.for_, "date": _date_json(c.date)} for c in self.credits
            ],
            "license": self.license,
            "notes": [{"kind": n.kind, "text": n.text, "anchor": n.anchor} for n in self.notes],
            "running_head": self.running_head,
            "last_updated": _date_json(self.last_updated),
            "language": self.language,
            "body": [
                {"kind": b.kind, "text": b.text, "attribution": b.attribution} if b.attribution else {"kind": b.kind, "text": b.text}
                for b in self.body
            ],
            "extra_fields": dict(self.extra_fields),
        }

    def body_text(self) -> str:
        return "\n\n".join(block.text for block in self.body)


def _date_json(date: DateValue | None) -> dict[str, str | None] | None:
    return None if date is None else {"raw": date.raw, "edtf": date.edtf}


def record_from_json(data: dict[str, Any]) -> Record:
    """Inverse of `Record.to_json` (the id is dropped)."""

    def date(value: dict[str, Any] | None) -> DateValue | None:
        return DateValue(**value) if value else None

    source = data.get("source")
    return Record(
        title=data.get("title"),
        subtitle=data.get("subtitle"),
        authors=[Person(**a) for a in data.get("authors", [])],
        dateline=data.get("dateline"),
        written=date(data.get("written")),
        published=date(data.get("published")),
        source=Citation(**{**source, "date": date(source.get("date"))}) if source else None,
        credits=[
            Credit(role=c["role"], name=c["name"], for_=c.get("for"), date=date(c.get("date")))
            for c in data.get("credits", [])
        ],
        license=data.get("license"),
        notes=[Note(**n) for n in data.get("notes", [])],
        running_head=data.get("running_head"),
        last_updated=date(data.get("last_updated")),
        language=data.get("language"),
        body=[Block(**b) for b in data.get("body", [])],
        extra_fields=dict(data.get("extra_fields", {})),
    )
