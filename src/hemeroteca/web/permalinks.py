"""Stable, human-readable addresses of the archive's pages.

    /periodicals                                   the periodicals
    /periodicals/new-militant                      one periodical: its volumes and issues
    /periodicals/new-militant/1936/02/15           an issue, by its date (as precise as the citation)
    /periodicals/new-militant/1936/02/15/trotsky-cables-denial-to-ap-on-daily-worker-lies
                                                   an article, by its title within the issue
    /periodicals/ni/1936/02/vol-3-no-1             an issue that shares its date with another one
    /periodicals/ni/undated/vol-3-no-1             an issue whose citation gives no date
    /documents/seeds/trotsky-cable-1936            any document by its id (the issue's address when it has one)
    /authors, /authors/leon-trotsky                the authors, one author's works
    /search?q=…                                    search

Every page has a JSON view at the same address plus `.json`. Addresses are made from
the catalogue alone (periodical slug, issue date, volume and number, title), so they
stay the same when the archive is ingested again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from hemeroteca.catalogue.names import slugify
from hemeroteca.store import browse
from hemeroteca.store.browse import Entry, IssueSummary, RunSql

_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
SLUG_LENGTH = 70
UNDATED = "undated"


def periodical_path(slug: str) -> str:
    return f"/periodicals/{slug}"


def author_path(slug: str) -> str:
    return f"/authors/{slug}"


def document_path(document_id: str) -> str:
    return f"/documents/{document_id}"


def date_segments(edtf: str) -> list[str]:
    """The year, month and day an EDTF date starts with: "1936-02-15" → ["1936", "02", "15"]; [] when none."""
    match = _DATE_PREFIX.match(edtf or "")
    return [part for part in match.groups() if part] if match else []


def date_prefix(segments: list[str]) -> str:
    return "-".join(segments)


def _volume_number(issue: IssueSummary) -> str:
    return slugify(f"vol-{issue.volume or 'x'}-no-{issue.number or 'x'}")


def issue_key(issue: IssueSummary, same_date: Iterable[IssueSummary]) -> str:
    """The issue's address below its periodical: its date, and its volume and number where the date is not enough."""
    segments = date_segments(issue.date)
    shared = any(other.id != issue.id and date_segments(other.date) == segments for other in same_date)
    if not segments:
        return f"{UNDATED}/{_volume_number(issue)}"
    return "/".join(segments + ([_volume_number(issue)] if shared else []))


def issue_path(issue: IssueSummary, same_date: Iterable[IssueSummary]) -> str:
    return f"{periodical_path(issue.periodical_slug)}/{issue_key(issue, same_date)}"


def title_slug(title: str | None) -> str:
    slug = slugify(title or "")[: SLUG_LENGTH + 1]
    if len(slug) > SLUG_LENGTH:  # cut at a word's end
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0] if "-" in slug[:SLUG_LENGTH] else slug[:SLUG_LENGTH]
    slug = slug.strip("-") or "untitled"
    return f"title-{slug}" if slug.isdigit() else slug  # "/1936/12" would read as a month


def article_slugs(contents: list[Entry]) -> dict[str, str]:
    """Each document's slug within its issue, in the order of the contents: a repeated title gets -2, -3…"""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for entry in contents:
        base = title_slug(entry.title)
        slug, counter = base, 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        taken.add(slug)
        slugs[entry.id] = slug
    return slugs


@dataclass(frozen=True, slots=True)
class IssueAddress:
    """What the part of an address after the periodical names: an issue (date, disambiguator) and maybe an article."""

    date_segments: list[str]
    volume_number: str | None
    article_slug: str | None


def parse_issue_address(rest: str) -> IssueAddress | None:
    """"1936/02/15/trotsky-cables…" → date ["1936","02","15"], article "trotsky-cables…"; None if not an issue's."""
    segments = [segment for segment in rest.split("/") if segment]
    dates: list[str] = []
    if segments and segments[0] == UNDATED:
        segments = segments[1:]
    else:
        for width in (4, 2, 2):
            if segments and len(segments[0]) == width and segments[0].isdigit() and len(dates) < 3:
                dates.append(segments.pop(0))
            else:
                break
        if not dates:
            return None
    volume_number = segments.pop(0) if segments and re.fullmatch(r"vol-.*-no-.*", segments[0]) else None
    if len(segments) > 1:
        return None
    if not dates and volume_number is None:
        return None
    return IssueAddress(dates, volume_number, segments[0] if segments else None)


def find_issue(run: RunSql, periodical_slug: str, address: IssueAddress) -> tuple[IssueSummary, list[IssueSummary]] | None:
    """The issue an address names, with the issues that share its date (its address depends on them)."""
    candidates = browse.issues_dated(run, periodical_slug, date_prefix(address.date_segments))
    key = "/".join(address.date_segments or [UNDATED]) + (f"/{address.volume_number}" if address.volume_number else "")
    issue = next((i for i in candidates if issue_key(i, candidates) == key), None)
    return None if issue is None else (issue, candidates)
