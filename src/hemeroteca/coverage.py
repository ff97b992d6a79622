"""How much metadata extraction finds: the share of documents with each field, per sub-corpus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from hemeroteca.readers.layout import LIFETIME_FIELD
from hemeroteca.record import Record

FIELDS: dict[str, Callable[[Record], bool]] = {
    "title": lambda r: bool(r.title),
    "author": lambda r: bool(r.authors),
    "person's page": lambda r: LIFETIME_FIELD in r.extra_fields,  # an author's own index: no author to find
    "written": lambda r: r.written is not None and r.written.edtf is not None,
    "published": lambda r: r.published is not None and r.published.edtf is not None,
    "source": lambda r: r.source is not None,
    "source date": lambda r: r.source is not None and r.source.date is not None and r.source.date.edtf is not None,
    "credits": lambda r: bool(r.credits),
    "license": lambda r: bool(r.license),
    "last updated": lambda r: r.last_updated is not None and r.last_updated.edtf is not None,
    "language": lambda r: bool(r.language),
    "body": lambda r: bool(r.body),
}


@dataclass(slots=True)
class Coverage:
    documents: int = 0
    failed: int = 0
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, record: Record) -> None:
        self.documents += 1
        for name, has in FIELDS.items():
            if has(record):
                self.found[name] += 1

    def share(self, name: str) -> float:
        return self.found[name] / self.documents if self.documents else 0.0


def sub_corpus(document_id: str) -> str:
    """"corpus/mia-reader/_pages/…" → "mia-reader": the folder below the ingested root."""
    parts = document_id.split("/")
    return parts[1] if len(parts) > 2 else parts[0]
