"""What the pages, the JSON API and the static export show: one reading of the archive for all of them.

Each method returns plain data (dicts and lists, JSON-ready) built from the store
through store.browse, with the permalinks of web.permalinks; the templates render it,
the `.json` views and the API return it as it is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import asdict
from typing import Any

from hemeroteca.attribution import Attribution, stored_attribution
from hemeroteca.reuse.api import DocumentPassage, passages_of
from hemeroteca.exports.bibtex import bibtex_entry
from hemeroteca.exports.cite import formatted_citations
from hemeroteca.exports.csl import csl_item
from hemeroteca.record import Record
from hemeroteca.search.query import parse_query
from hemeroteca.store import browse
from hemeroteca.store.base import Store
from hemeroteca.store.browse import Entry, IssueSummary, PeriodicalName, PeriodicalSummary
from hemeroteca.web import permalinks

SEARCH_PAGE_SIZE = 20


class Archive:
    def __init__(self, store: Store, base_url: str | None = None) -> None:
        """`base_url` ("https://archive.example.org"): where the archive is served, for the URLs in citations."""
        self.store = store
        self.run = store.rows
        self.base_url = base_url.rstrip("/") if base_url else None

    # -- periodicals ---------------------------------------------------------

    def home(self) -> dict[str, Any]:
        periodicals = self.periodicals()
        return {
            "documents": self.store.count_documents(),
            "periodicals": periodicals,
            "authors": browse.count_authors(self.run),
        }

    def periodicals(self) -> list[dict[str, Any]]:
        return [self._periodical(p) for p in browse.periodicals(self.run)]

    @staticmethod
    def _periodical(periodical: PeriodicalSummary | PeriodicalName) -> dict[str, Any]:
        return asdict(periodical) | {"url": permalinks.periodical_path(periodical.slug)}

    def periodical(self, slug: str) -> dict[str, Any] | None:
        found = browse.periodical(self.run, slug)
        if found is None:
            return None
        issues = browse.issues(self.run, slug)
        volumes: dict[str, dict[str, Any]] = {}
        for issue in issues:
            volume = volumes.setdefault(issue.volume, {"volume": issue.volume, "volume_raw": issue.volume_raw, "issues": []})
            volume["issues"].append(self._issue(issue, issues))
        return self._periodical(found) | {
            "volumes": list(volumes.values()),
            "uncollected": [self._entry(entry) for entry in browse.undated_in_periodical(self.run, slug)],
        }

    @staticmethod
    def _issue(issue: IssueSummary, same_date: list[IssueSummary]) -> dict[str, Any]:
        return asdict(issue) | {"date_label": issue.date_label, "url": permalinks.issue_path(issue, same_date)}

    def _same_date(self, issue: IssueSummary) -> list[IssueSummary]:
        # An undated issue's prefix is "": every issue of the periodical, among which the undated ones.
        return browse.issues_dated(self.run, issue.periodical_slug, permalinks.date_prefix(permalinks.date_segments(issue.date)))

    def issue(self, periodical_slug: str, rest: str) -> dict[str, Any] | None:
        """The issue, or the article in it, that an address below /periodicals/SLUG/ names."""
        address = permalinks.parse_issue_address(rest)
        found = permalinks.find_issue(self.run, periodical_slug, address) if address else None
        if address is None or found is None:
            return None
        issue, candidates = found
        contents = self._contents(issue, candidates)
        if address.article_slug is None:
            return {"kind": "issue", **contents}
        entry = next((e for e in contents["contents"] if e["slug"] == address.article_slug), None)
        return None if entry is None else {"kind": "article", "id": entry["id"]}

    def _contents(self, issue: IssueSummary, same_date: list[IssueSummary]) -> dict[str, Any]:
        periodical = browse.periodical_name(self.run, issue.periodical_slug)
        assert periodical is not None
        entries = browse.issue_contents(self.run, issue.id)
        slugs = permalinks.article_slugs(entries)
        issue_url = permalinks.issue_path(issue, same_date)
        return {
            "periodical": self._periodical(periodical),
            "issue": self._issue(issue, same_date),
            "contents": [self._entry(e) | {"slug": slugs[e.id], "url": f"{issue_url}/{slugs[e.id]}"} for e in entries],
        }

    # -- documents -----------------------------------------------------------

    def _entry(self, entry: Entry) -> dict[str, Any]:
        return asdict(entry) | {
            "url": permalinks.document_path(entry.id),
            "authors": [asdict(a) | {"url": permalinks.author_path(a.slug)} for a in entry.authors],
        }

    def document(self, document_id: str) -> dict[str, Any] | None:
        """A document with its place in the archive: periodical, issue, neighbours in the issue, permalink."""
        entry = browse.entry(self.run, document_id)
        if entry is None:
            return None
        got = self.store.get_record(document_id)
        if got is None:
            return None
        _, record = got
        data = self._entry(entry) | {"record": record.to_json(document_id), "periodical_page": None, "issue": None,
                                     "previous": None, "next": None}
        if entry.issue_id is not None and (issue := browse.issue(self.run, entry.issue_id)) is not None:
            contents = self._contents(issue, self._same_date(issue))
            data["periodical_page"] = contents["periodical"]
            data["issue"] = contents["issue"]
            items = contents["contents"]
            position = next(i for i, item in enumerate(items) if item["id"] == document_id)
            data["url"] = items[position]["url"]
            data["previous"] = _neighbour(items, position - 1)
            data["next"] = _neighbour(items, position + 1)
        elif entry.periodical_slug and (periodical := browse.periodical_name(self.run, entry.periodical_slug)):
            data["periodical_page"] = self._periodical(periodical)
        url = f"{self.base_url}{data['url']}" if self.base_url else None
        key = (document_id, entry.stored_at, url)
        data["citations"] = _CITATIONS.get(key) or _CITATIONS.put(key, _citations(document_id, record, url))
        data["attribution"] = _attribution_json(stored_attribution(self.run, document_id, record))
        data["reuse"] = [_passage_json(passage) for passage in passages_of(self.store, document_id)]
        return data

    def document_ids(self) -> list[str]:
        return [summary.id for summary in self.store.list_documents()]

    # -- authors -------------------------------------------------------------

    def authors(self) -> list[dict[str, Any]]:
        return [asdict(a) | {"url": permalinks.author_path(a.slug)} for a in browse.authors(self.run)]

    def author(self, slug: str) -> dict[str, Any] | None:
        found = browse.author(self.run, slug)
        if found is None:
            return None
        return asdict(found) | {
            "url": permalinks.author_path(found.slug),
            "works": [self._entry(entry) for entry in browse.works_of(self.run, slug)],
        }

    # -- search --------------------------------------------------------------

    def search(self, text: str, *, page: int = 1, page_size: int = SEARCH_PAGE_SIZE) -> dict[str, Any]:
        """Ranked hits with snippets (HTML, escaped, matches in <mark>) and facets; raises QuerySyntaxError."""
        query = parse_query(text)
        result = self.store.search(query, limit=page_size, offset=(page - 1) * page_size)
        return {
            "query": text,
            "total": result.total,
            "page": page,
            "pages": max(1, -(-result.total // page_size)),
            "hits": [hit.to_json() | {"url": permalinks.document_path(hit.id)} for hit in result.hits],
            "facets": {name: [{"value": value, "count": count} for value, count in values] for name, values in result.facets.items()},
        }


def _attribution_json(found: Attribution) -> dict[str, Any]:
    """The attribution with the addresses of the documents its claims name."""
    data = found.to_json()
    for item in data["evidence"]:
        item["url"] = _document_url(item["document_id"])
    for claim in data["claims"]:
        claim["evidence_url"] = _document_url(claim["evidence_document_id"])
    for claim in data["evidence_in"]:
        claim["document_url"] = _document_url(claim["document_id"])
    return data


def _passage_json(passage: DocumentPassage) -> dict[str, Any]:
    """A reused passage of the document, with the addresses of the other documents that hold it."""
    data = passage.to_json()
    for other in data["others"]:
        other["url"] = permalinks.document_path(other["document_id"])
    return data


def _document_url(document_id: str | None) -> str | None:
    return permalinks.document_path(document_id) if document_id else None


def _citations(document_id: str, record: Record, url: str | None) -> dict[str, Any]:
    item = csl_item(document_id, record, url)
    return {"csl": item, "bibtex": bibtex_entry(document_id, record, url), **formatted_citations(item)}


class _Cache:
    """The last `size` values by key: formatting citations costs more than the rest of an article page."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            return None

    def put(self, key: Hashable, value: Any) -> Any:
        with self._lock:
            self._values[key] = value
            if len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


# By (document id, when it was stored, URL): a document stored again is cited afresh.
_CITATIONS = _Cache(10_000)


def _neighbour(items: list[dict[str, Any]], position: int) -> dict[str, Any] | None:
    if 0 <= position < len(items):
        return {"id": items[position]["id"], "title": items[position]["title"], "url": items[position]["url"]}
    return None
