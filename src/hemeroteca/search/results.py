"""What a search returns, whatever backend ran it."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

# The backends mark matched words with these private-use characters, which no
# archive text holds; each output form then renders them its own way.
MARK_START = "\ue001"
MARK_END = "\ue002"
# Values listed per facet, the commonest first.
FACET_SIZE = 20


def snippet_html(snippet: str) -> str:
    """The snippet HTML-escaped, matches in <mark>: safe to put in a page."""
    return html.escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def snippet_plain(snippet: str, start: str = "[", end: str = "]") -> str:
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str | None
    authors: list[str]
    periodical: str | None
    date: str | None  # EDTF
    language: str | None
    snippet: str  # with MARK_START/MARK_END around matches
    score: float  # higher is better

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "authors": self.authors, "periodical": self.periodical,
            "date": self.date, "language": self.language, "snippet": snippet_html(self.snippet), "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int
    offset: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # facet → [(value, count)], commonest first

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "offset": self.offset,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {name: [{"value": value, "count": count} for value, count in values] for name, values in self.facets.items()},
        }
