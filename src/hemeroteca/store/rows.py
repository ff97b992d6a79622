"""What a store writes of one record, made from the record once, in the process that read the file.

Both backends write the same values: the record as JSON, the columns search and the
catalogue read, and the catalogue links. Making them where the file was read leaves
the writing process (the one that holds the database) only writing, and sends it
strings rather than a tree of Python objects to unpickle.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hemeroteca.catalogue.model import CatalogueLinks, filed_date, links_for
from hemeroteca.record import Record
from hemeroteca.search.query import fold


@dataclass(frozen=True, slots=True)
class CreditRow:
    role: str
    name: str
    for_archive: str | None
    date: str | None  # EDTF


@dataclass(frozen=True, slots=True)
class DocumentRow:
    record_json: str  # the record as `hemeroteca show --format json` prints it
    extra_fields_order: list[str]  # the order of the record's extra fields (JSONB keeps no order)
    title: str | None
    title_key: str | None  # the title folded, as search compares titles
    subtitle: str | None
    language: str | None
    written: str | None  # EDTF, as every date below
    published: str | None
    last_updated: str | None
    filed_date: str | None  # the date, else published, else written
    author_names: str  # every name the authors go by, for search
    body: str  # the text, blocks apart by a blank line
    credits: list[CreditRow]
    links: CatalogueLinks


def document_row(document_id: str, record: Record) -> DocumentRow:
    links = links_for(record)
    data = record.to_json(document_id)
    return DocumentRow(
        record_json=json.dumps(data, ensure_ascii=False),
        extra_fields_order=list(data["extra_fields"]),
        title=record.title,
        title_key=fold(record.title) if record.title else None,
        subtitle=record.subtitle,
        language=record.language,
        written=record.written.edtf if record.written else None,
        published=record.published.edtf if record.published else None,
        last_updated=record.last_updated.edtf if record.last_updated else None,
        filed_date=filed_date(record, links),
        author_names=" ".join(name for a in links.authors for name in dict.fromkeys((a.name, a.printed_as)) if name),
        body=record.body_text(),
        credits=[CreditRow(c.role, c.name, c.for_, c.date.edtf if c.date else None) for c in record.credits],
        links=links,
    )

