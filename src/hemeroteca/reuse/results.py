"""Clusters as the archive shows them: each passage with its document's title and date, an excerpt, and flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hemeroteca.record import Record
from hemeroteca.reuse.clusters import Passage

EXCERPT = 160  # characters of a passage shown
_OPENING_QUOTES = "“«„\"‘‹「"


@dataclass(frozen=True, slots=True)
class ShownPassage:
    passage: Passage
    title: str | None
    date: str | None  # EDTF
    quoted: bool
    excerpt: str

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.passage.document_id, "title": self.title, "date": self.date,
            "start": self.passage.start, "end": self.passage.end, "quoted": self.quoted, "excerpt": self.excerpt,
        }


@dataclass(frozen=True, slots=True)
class ReuseCluster:
    id: int
    boilerplate: bool
    passages: list[ShownPassage]
    source: Passage | None  # the likely source; None for boilerplate

    @property
    def documents(self) -> int:
        return len({p.passage.document_id for p in self.passages})

    def to_json(self) -> dict[str, Any]:
        source = self.source
        return {
            "id": self.id, "boilerplate": self.boilerplate, "documents": self.documents,
            "source": None if source is None else {"document_id": source.document_id, "start": source.start, "end": source.end},
            "passages": [p.to_json() for p in self.passages],
        }


def excerpt(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    return words if len(words) <= EXCERPT else words[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"


def is_quoted(record: Record, text: str, start: int, end: int) -> bool:
    """The passage is held as a quotation: mostly inside quote blocks, or opened by a quotation mark."""
    inside, offset = 0, 0
    for block in record.body:
        block_end = offset + len(block.text)
        if block.kind == "quote":
            inside += max(0, min(end, block_end) - max(start, offset))
        offset = block_end + 2  # the blank line body_text() puts between blocks
    if 2 * inside >= end - start:
        return True
    before = text[max(0, start - 3) : start].strip()
    return bool(before) and before[-1] in _OPENING_QUOTES
