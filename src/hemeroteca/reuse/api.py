"""What the web shows of reuse: for one document, its passages found elsewhere too, from the stored results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hemeroteca.store.base import Store


@dataclass(frozen=True, slots=True)
class LinkedPassage:
    document_id: str
    title: str | None
    start: int
    end: int
    is_source: bool  # the cluster's likely source

    def to_json(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "title": self.title, "start": self.start, "end": self.end, "is_source": self.is_source}


@dataclass(frozen=True, slots=True)
class DocumentPassage:
    """A passage of the document, [start, end) of its text (record.body_text()), and where else it is."""

    cluster_id: int
    start: int
    end: int
    quoted: bool  # the document holds it as a quotation
    is_source: bool  # this document is the cluster's likely source
    boilerplate: bool
    others: list[LinkedPassage] = field(default_factory=list)  # the cluster's other passages, by document id

    @property
    def source(self) -> LinkedPassage | None:
        return next((o for o in self.others if o.is_source), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id, "start": self.start, "end": self.end, "quoted": self.quoted,
            "is_source": self.is_source, "boilerplate": self.boilerplate, "others": [o.to_json() for o in self.others],
        }


def passages_of(store: Store, document_id: str, *, boilerplate: bool = False) -> list[DocumentPassage]:
    """The document's reused passages in text order (boilerplate too when asked), as the last `hemeroteca reuse` stored them."""
    own = store.rows(
        "SELECT p.cluster_id, p.char_start, p.char_end, p.quoted, p.source, c.boilerplate"
        " FROM reuse_passages p JOIN reuse_clusters c ON c.id = p.cluster_id"
        " WHERE p.document_id = ? ORDER BY p.char_start, p.cluster_id",
        (document_id,),
    )
    linked = store.rows(
        "SELECT o.cluster_id, o.document_id, o.char_start, o.char_end, o.source, d.title"
        " FROM reuse_passages o LEFT JOIN documents d ON d.id = o.document_id"
        " WHERE o.cluster_id IN (SELECT cluster_id FROM reuse_passages WHERE document_id = ?)",
        (document_id,),
    )
    passages = []
    for row in own:
        if row["boilerplate"] and not boilerplate:
            continue
        others = sorted(
            (
                LinkedPassage(o["document_id"], o["title"], o["char_start"], o["char_end"], bool(o["source"]))
                for o in linked
                if o["cluster_id"] == row["cluster_id"] and o["document_id"] != document_id
            ),
            key=lambda o: (o.document_id, o.start),
        )
        passages.append(
            DocumentPassage(
                row["cluster_id"], row["char_start"], row["char_end"], bool(row["quoted"]), bool(row["source"]),
                bool(row["boilerplate"]), others,
            )
        )
    return passages
