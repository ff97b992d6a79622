"""The catalogue a record belongs to: periodical → volume → issue, and its authors.

Names are normalised through MIA's own catalogue where it knows them (so "The
New International" and "New International" are one periodical, slug "ni"), and
kept as printed, slugified, where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import periodical_key, slugify
from hemeroteca.record import Person, Record


@dataclass(frozen=True, slots=True)
class PeriodicalRef:
    slug: str
    name: str
    full_name: str | None = None
    href: str | None = None
    key: str = ""


@dataclass(frozen=True, slots=True)
class AuthorRef:
    slug: str
    name: str
    sort_name: str | None = None
    href: str | None = None
    role: str = "author"
    printed_as: str = ""
    aliases: tuple[tuple[str, str], ...] = ()  # (alias, kind)

    def names(self) -> list[tuple[str, str]]:
        """Every name the author is known by here, with its kind: variant, pseudonym, or as printed on this page."""
        names = [(self.name, "variant"), *self.aliases]
        if self.sort_name:
            names.append((self.sort_name, "variant"))
        if self.printed_as and self.printed_as != self.name:
            names.append((self.printed_as, "printed"))
        return names


@dataclass(frozen=True, slots=True)
class IssueRef:
    volume: str  # "" when the citation gives none
    volume_raw: str
    number: str
    date: str  # EDTF, "" when unknown
    date_raw: str


@dataclass(slots=True)
class CatalogueLinks:
    periodical: PeriodicalRef | None = None
    issue: IssueRef | None = None
    pages: str | None = None
    authors: list[AuthorRef] = field(default_factory=list)


def periodical_ref(name: str, year: int | None = None) -> PeriodicalRef:
    """The periodical a citation names; the issue's year tells apart MIA's papers of one name."""
    entry = load_default_catalogue().match_periodical(name, year)
    if entry is not None:
        return PeriodicalRef(slug=entry.slug, name=entry.name, full_name=entry.full_name, href=entry.href, key=periodical_key(entry.name))
    return PeriodicalRef(slug=slugify(name), name=name, key=periodical_key(name))


def author_ref(person: Person) -> AuthorRef:
    catalogue = load_default_catalogue()
    printed = person.printed_as or person.name
    entry = catalogue.match_author_loosely(person.name)
    if entry is None:
        return AuthorRef(slug=slugify(person.name), name=person.name, role=person.role, printed_as=printed)
    aliases = tuple((alias.name, alias.kind) for alias in catalogue.aliases_for(entry.id))
    return AuthorRef(
        slug=entry.slug, name=entry.name, sort_name=entry.sort_name, href=entry.href,
        role=person.role, printed_as=printed, aliases=aliases,
    )


def links_for(record: Record) -> CatalogueLinks:
    links = CatalogueLinks(authors=[author_ref(person) for person in record.authors])
    source = record.source
    if source is None or not source.periodical:
        return links
    year = source.date.edtf[:4] if source.date and source.date.edtf and source.date.edtf[:4].isdigit() else None
    links.periodical = periodical_ref(source.periodical, int(year) if year else None)
    if source.volume or source.number or source.date:
        links.issue = IssueRef(
            volume=source.volume or "",
            volume_raw=source.volume_raw or "",
            number=source.number or "",
            date=(source.date.edtf or "") if source.date else "",
            date_raw=source.date.raw if source.date else "",
        )
    links.pages = source.pages
    return links


def filed_date(record: Record, links: CatalogueLinks) -> str | None:
    """The date a document is filed under (EDTF): its issue's, else its publication's, else its writing's."""
    if links.issue is not None and links.issue.date:
        return links.issue.date
    for date in (record.published, record.written):
        if date is not None and date.edtf:
            return date.edtf
    return None
