"""Browsing the catalogue: periodicals, their issues, an issue's contents, authors and their works, harvesting.

Both backends run these same statements (plain SQL that SQLite and PostgreSQL read
alike, `?` placeholders, which the PostgreSQL store turns into its own) through a
`RunSql`: a function from a statement and its parameters to rows as dicts. Orders
that depend on collation (names) are made here in Python, so that both backends
give the same lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from hemeroteca.fields.dates import edtf_in_words
from hemeroteca.search.query import fold

RunSql = Callable[[str, Sequence[Any]], list[dict[str, Any]]]

# The date a document is filed under: its issue's, else its publication's, else its writing's.
_DATE = "COALESCE(NULLIF(i.date, ''), d.published, d.written)"


@dataclass(frozen=True, slots=True)
class PeriodicalSummary:
    slug: str
    name: str
    full_name: str | None
    mia_href: str | None
    documents: int
    issues: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class IssueSummary:
    id: int
    periodical_slug: str
    volume: str  # normalised; "" when the citation gives none
    volume_raw: str
    number: str
    date: str  # EDTF; "" when unknown
    date_raw: str
    documents: int

    @property
    def date_label(self) -> str:
        """The issue's date in words, the same whichever page (in whichever language) cited it first; else as printed."""
        return edtf_in_words(self.date) or self.date_raw if self.date else self.date_raw


@dataclass(frozen=True, slots=True)
class AuthorLink:
    slug: str
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class Entry:
    """A document as a line of a table of contents, a list of works or a harvest."""

    id: str
    title: str | None
    date: str | None
    language: str | None
    pages: str | None
    periodical_slug: str | None
    periodical: str | None
    issue_id: int | None
    stored_at: str  # when the document was last stored (ISO 8601, UTC)
    authors: list[AuthorLink] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AuthorSummary:
    slug: str
    name: str
    sort_name: str | None
    mia_href: str | None
    works: int
    aliases: list[tuple[str, str]]  # (name, kind): variant | pseudonym | printed


_PERIODICAL = (
    "SELECT p.slug, p.name, p.full_name, p.mia_href, COUNT(d.id) AS documents, COUNT(DISTINCT d.issue_id) AS issues,"
    f" MIN({_DATE}) AS first_date, MAX({_DATE}) AS last_date"
    " FROM periodicals p JOIN documents d ON d.periodical_id = p.id LEFT JOIN issues i ON i.id = d.issue_id"
)
_PERIODICAL_GROUP = " GROUP BY p.id, p.slug, p.name, p.full_name, p.mia_href"


def periodicals(run: RunSql) -> list[PeriodicalSummary]:
    """Every periodical with documents here, by name."""
    rows = run(_PERIODICAL + _PERIODICAL_GROUP, ())
    return sorted((PeriodicalSummary(**row) for row in rows), key=lambda p: (fold(p.name), p.slug))


@dataclass(frozen=True, slots=True)
class PeriodicalName:
    slug: str
    name: str
    full_name: str | None
    mia_href: str | None


def periodical_name(run: RunSql, slug: str) -> PeriodicalName | None:
    """The periodical's names alone, without counting its documents."""
    rows = run("SELECT slug, name, full_name, mia_href FROM periodicals WHERE slug = ?", (slug,))
    return PeriodicalName(**rows[0]) if rows else None


def periodical(run: RunSql, slug: str) -> PeriodicalSummary | None:
    rows = run(_PERIODICAL + " WHERE p.slug = ?" + _PERIODICAL_GROUP, (slug,))
    return PeriodicalSummary(**rows[0]) if rows else None


def issues(run: RunSql, periodical_slug: str) -> list[IssueSummary]:
    """The periodical's issues that hold documents, by date, then volume and number."""
    rows = run(
        "SELECT i.id, p.slug AS periodical_slug, v.number AS volume, v.raw AS volume_raw, i.number, i.date, i.date_raw,"
        " COUNT(d.id) AS documents"
        " FROM issues i JOIN periodicals p ON p.id = i.periodical_id JOIN volumes v ON v.id = i.volume_id"
        " JOIN documents d ON d.issue_id = i.id WHERE p.slug = ?"
        " GROUP BY i.id, p.slug, v.number, v.raw, i.number, i.date, i.date_raw",
        (periodical_slug,),
    )
    found = [IssueSummary(**row) for row in rows]
    return sorted(found, key=lambda i: (i.date or "9999", _number_key(i.volume), _number_key(i.number), i.id))


# An issue with the number of its documents.
_ISSUE = (
    "SELECT i.id, p.slug AS periodical_slug, v.number AS volume, v.raw AS volume_raw, i.number, i.date, i.date_raw,"
    " (SELECT COUNT(*) FROM documents d WHERE d.issue_id = i.id) AS documents"
    " FROM issues i JOIN periodicals p ON p.id = i.periodical_id JOIN volumes v ON v.id = i.volume_id"
)


def issue(run: RunSql, issue_id: int) -> IssueSummary | None:
    rows = run(_ISSUE + " WHERE i.id = ?", (issue_id,))
    return IssueSummary(**rows[0]) if rows else None


def _number_key(text: str) -> tuple[int, str]:
    digits = "".join(ch for ch in text if ch.isdigit())
    return (int(digits) if digits else 0, text)


_ENTRY = (
    "SELECT d.id, d.title, " + _DATE + " AS date, d.language, d.pages, p.slug AS periodical_slug,"
    " p.name AS periodical, d.issue_id, d.ingested_at AS stored_at"
    " FROM documents d LEFT JOIN periodicals p ON p.id = d.periodical_id LEFT JOIN issues i ON i.id = d.issue_id"
)


def _entries(run: RunSql, where: str, params: Sequence[Any]) -> list[Entry]:
    rows = run(f"{_ENTRY} WHERE {where}", params)
    authors = _authors_of(run, [row["id"] for row in rows])
    return [Entry(**row | {"stored_at": utc_timestamp(row["stored_at"])}, authors=authors.get(row["id"], [])) for row in rows]


def utc_timestamp(value: str | datetime) -> str:
    """A time as the stores keep it (SQLite: ISO text; PostgreSQL: timestamptz) as '2026-11-23T12:00:00Z'."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _authors_of(run: RunSql, document_ids: list[str]) -> dict[str, list[AuthorLink]]:
    found: dict[str, list[AuthorLink]] = {}
    rows = _rows_in(
        run,
        "SELECT da.document_id, da.position, a.slug, a.name, da.role FROM document_authors da"
        " JOIN authors a ON a.id = da.author_id WHERE da.document_id IN ({})",
        document_ids,
    )
    for row in sorted(rows, key=lambda r: (r["document_id"], r["position"])):
        found.setdefault(row["document_id"], []).append(AuthorLink(row["slug"], row["name"], row["role"]))
    return found


def _rows_in(run: RunSql, statement: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of a statement whose `IN ({})` takes every value, in bounded parameter lists."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(values), 500):
        chunk = values[start : start + 500]
        rows += run(statement.format(",".join("?" * len(chunk))), chunk)
    return rows


def entry(run: RunSql, document_id: str) -> Entry | None:
    found = _entries(run, "d.id = ?", (document_id,))
    return found[0] if found else None


def issue_contents(run: RunSql, issue_id: int) -> list[Entry]:
    """An issue's documents in page order ("Inside front cover" first, unpaged last), then by id."""
    return sorted(_entries(run, "d.issue_id = ?", (issue_id,)), key=lambda e: (page_order(e.pages), e.id))


def undated_in_periodical(run: RunSql, periodical_slug: str) -> list[Entry]:
    """Documents of the periodical that no issue holds (their citation named no volume, number or date)."""
    found = _entries(run, "p.slug = ? AND d.issue_id IS NULL", (periodical_slug,))
    return sorted(found, key=lambda e: (e.date or "9999", e.id))


def page_order(pages: str | None) -> tuple[int, int]:
    """A sort key for a page reference: covers before and after the numbered pages, unpaged last."""
    if not pages:
        return (3, 0)
    lowered = pages.casefold()
    if "front cover" in lowered:
        return (0, 0 if lowered.startswith("front") else 1)
    if "back cover" in lowered:
        return (2, 0 if lowered.startswith("inside") else 1)
    digits = ""
    for ch in pages:
        if ch.isdigit():
            digits += ch
        elif digits:
            break
    return (1, int(digits)) if digits else (3, 0)


def authors(run: RunSql) -> list[AuthorSummary]:
    """Every author with works here, by sort name, with the names they are known by."""
    rows = run(
        "SELECT a.id, a.slug, a.name, a.sort_name, a.mia_href, COUNT(DISTINCT da.document_id) AS works"
        " FROM authors a JOIN document_authors da ON da.author_id = a.id GROUP BY a.id, a.slug, a.name, a.sort_name, a.mia_href",
        (),
    )
    return sorted(_with_aliases(run, rows), key=lambda a: (fold(a.sort_name or a.name), a.slug))


def count_authors(run: RunSql) -> int:
    """Authors with works here (as `authors` lists them), counted without reading their names."""
    return int(run("SELECT COUNT(DISTINCT author_id) AS n FROM document_authors", ())[0]["n"])


def author(run: RunSql, slug: str) -> AuthorSummary | None:
    rows = run(
        "SELECT a.id, a.slug, a.name, a.sort_name, a.mia_href,"
        " (SELECT COUNT(DISTINCT da.document_id) FROM document_authors da WHERE da.author_id = a.id) AS works"
        " FROM authors a WHERE a.slug = ?",
        (slug,),
    )
    found = _with_aliases(run, rows)
    return found[0] if found else None


def _with_aliases(run: RunSql, rows: list[dict[str, Any]]) -> list[AuthorSummary]:
    aliases: dict[int, list[tuple[str, str]]] = {}
    statement = "SELECT author_id, alias, kind FROM author_aliases WHERE author_id IN ({})"
    for alias in _rows_in(run, statement, [row["id"] for row in rows]):
        aliases.setdefault(alias["author_id"], []).append((alias["alias"], alias["kind"]))
    summaries = []
    for row in rows:
        own = {row["name"], row["sort_name"]}
        names = sorted({(name, kind) for name, kind in aliases.get(row["id"], []) if name not in own})
        summaries.append(AuthorSummary(row["slug"], row["name"], row["sort_name"], row["mia_href"], int(row["works"]), names))
    return summaries


def works_of(run: RunSql, author_slug: str) -> list[Entry]:
    """The author's documents by date (undated last), then title."""
    found = _entries(
        run,
        "d.id IN (SELECT da.document_id FROM document_authors da JOIN authors a ON a.id = da.author_id WHERE a.slug = ?)",
        (author_slug,),
    )
    return sorted(found, key=lambda e: (e.date or "9999", fold(e.title or ""), e.id))


def harvest(
    run: RunSql, *, after_id: str | None, limit: int, periodical_slug: str | None = None,
    stored_from: datetime | None = None, stored_until: datetime | None = None,
) -> list[Entry]:
    """Documents in id order after `after_id`, for paged harvesting (OAI-PMH), optionally by periodical and time stored.

    Times are compared as the stores write them: ISO 8601 in UTC with an offset, to the second.
    """
    where, params = ["1 = 1"], []
    if after_id is not None:
        where.append("d.id > ?")
        params.append(after_id)
    if periodical_slug is not None:
        where.append("p.slug = ?")
        params.append(periodical_slug)
    if stored_from is not None:
        where.append("d.ingested_at >= ?")
        params.append(_stored_time(stored_from))
    if stored_until is not None:
        where.append("d.ingested_at <= ?")
        params.append(_stored_time(stored_until))
    return _entries(run, " AND ".join(where) + f" ORDER BY d.id LIMIT {int(limit)}", params)


def _stored_time(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def issues_dated(run: RunSql, periodical_slug: str, date_prefix: str) -> list[IssueSummary]:
    """The periodical's issues whose date starts with `date_prefix` ("" for all), with their document counts."""
    # A range, not substr(), so that the index on (periodical_id, date) answers it.
    rows = run(
        _ISSUE + " WHERE p.slug = ? AND i.date >= ? AND i.date < ?", (periodical_slug, date_prefix, date_prefix + "\U0010ffff")
    )
    return [IssueSummary(**row) for row in rows if row["documents"]]
