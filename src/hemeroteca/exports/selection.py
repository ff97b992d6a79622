"""What an export covers, as users write it: a document, an issue, a volume, a periodical, an author, a query, all.

    seeds/trotsky-cable-1936            one document, by id (or by its file's path)
    issue:ni/1936/02                    an issue, by its address below /periodicals/ (or issue:ID, its number)
    volume:ni/3                         a volume: periodical (slug or name) / volume (as printed: "III" or "3")
    periodical:"New International"     every document of a periodical
    author:trotsky                      an author's works (any name or pseudonym the catalogue knows)
    query:"hunger strike" year:1936     what a search finds, in its order
    all                                 the whole archive

Documents come in reading order: issues by date, each in page order; an author's
works by date; a query's hits by rank.
"""

from __future__ import annotations

from dataclasses import dataclass

from hemeroteca.catalogue.names import name_key, periodical_key, slugify
from hemeroteca.fields.citation import roman_to_int
from hemeroteca.search.query import QuerySyntaxError, parse_query
from hemeroteca.store import browse
from hemeroteca.store.base import Store
from hemeroteca.store.browse import IssueSummary
from hemeroteca.web import permalinks

QUERY_PAGE = 1000


class SelectionError(ValueError):
    """The selection names nothing in the archive, or is malformed; the message is one line."""


@dataclass(frozen=True, slots=True)
class Selection:
    title: str  # what the selection is, for a book's title or a file's heading
    document_ids: list[str]


def select(store: Store, text: str) -> Selection:
    kind, _, value = text.partition(":")
    kind = kind.strip().lower()
    value = value.strip().strip('"')
    if text.strip() == "all":
        return Selection("The archive", [summary.id for summary in store.list_documents()])
    choosers = {"issue": _issue, "volume": _volume, "periodical": _periodical, "author": _author, "query": _query}
    if kind in choosers and value:
        selection = choosers[kind](store, value if kind != "query" else text.partition(":")[2].strip())
    elif kind in choosers:
        raise SelectionError(f"{kind}: needs a value, e.g. {kind}:{_EXAMPLES[kind]}")
    else:
        found = store.get_record(text)
        if found is None:
            raise SelectionError(f"no document {text!r} (nor issue:, volume:, periodical:, author:, query:, all)")
        selection = Selection(found[1].title or found[0], [found[0]])
    if not selection.document_ids:
        raise SelectionError(f"{text}: no documents")
    return selection


_EXAMPLES = {"issue": "ni/1936/02", "volume": "ni/3", "periodical": '"New International"', "author": "trotsky", "query": "ciliga"}


def _periodical_slug(store: Store, name: str) -> str:
    if browse.periodical_name(store.rows, name) is not None:
        return name
    rows = store.rows(
        "SELECT p.slug FROM periodicals p WHERE p.name_key = ?"
        " UNION SELECT p.slug FROM periodical_names n JOIN periodicals p ON p.id = n.periodical_id WHERE n.name_key = ?",
        (periodical_key(name), periodical_key(name)),
    )
    if not rows:
        raise SelectionError(f"no periodical {name!r} in the archive")
    return str(rows[0]["slug"])


def _issue_title(issue: IssueSummary, periodical: str) -> str:
    parts = [periodical]
    if issue.volume:
        parts.append(f"Vol. {issue.volume_raw or issue.volume}")
    if issue.number:
        parts.append(f"No. {issue.number}")
    if issue.date_label:
        parts.append(issue.date_label)
    return ", ".join(parts)


def _contents_of(store: Store, issues: list[IssueSummary]) -> list[str]:
    return [entry.id for issue in issues for entry in browse.issue_contents(store.rows, issue.id)]


def _issue(store: Store, value: str) -> Selection:
    if value.isdigit():
        issue = browse.issue(store.rows, int(value))
    else:
        slug, _, rest = value.partition("/")
        address = permalinks.parse_issue_address(rest)
        found = permalinks.find_issue(store.rows, _periodical_slug(store, slug), address) if address else None
        issue = found[0] if found else None
    if issue is None:
        raise SelectionError(f"no issue {value!r}: give its address below /periodicals/ (ni/1936/02) or its number")
    name = browse.periodical_name(store.rows, issue.periodical_slug)
    return Selection(_issue_title(issue, name.name if name else issue.periodical_slug), _contents_of(store, [issue]))


def _volume(store: Store, value: str) -> Selection:
    periodical, slash, volume = value.rpartition("/")
    if not slash or not periodical or not volume:
        raise SelectionError(f"volume:{value}: give PERIODICAL/VOLUME, e.g. volume:ni/3")
    slug = _periodical_slug(store, periodical)
    number = str(roman_to_int(volume) or volume) if not volume.isdigit() else str(int(volume))
    issues = [issue for issue in browse.issues(store.rows, slug) if issue.volume == number]
    if not issues:
        raise SelectionError(f"no volume {volume} of {periodical} in the archive")
    name = browse.periodical_name(store.rows, slug)
    return Selection(f"{name.name if name else slug}, Vol. {issues[0].volume_raw or number}", _contents_of(store, issues))


def _periodical(store: Store, value: str) -> Selection:
    slug = _periodical_slug(store, value)
    ids = _contents_of(store, browse.issues(store.rows, slug))
    ids += [entry.id for entry in browse.undated_in_periodical(store.rows, slug)]
    name = browse.periodical_name(store.rows, slug)
    return Selection(name.name if name else slug, ids)


def _author(store: Store, value: str) -> Selection:
    works = store.list_documents(author=value)
    if not works:
        raise SelectionError(f"no works by {value!r} in the archive")
    ordered = sorted(works, key=lambda work: (work.date or "9999", work.title or "", work.id))
    # The name the catalogue gives the author, found as `list` finds them: by slug or by any known name.
    names = store.rows(
        "SELECT a.name FROM authors a WHERE a.slug = ?"
        " OR a.id IN (SELECT author_id FROM author_aliases WHERE alias_key = ? OR alias_key LIKE ?) ORDER BY a.slug",
        (slugify(value), name_key(value), f"% {name_key(value)}"),
    )
    return Selection(f"Works by {names[0]['name'] if names else value}", [work.id for work in ordered])


def _query(store: Store, value: str) -> Selection:
    try:
        query = parse_query(value)
    except QuerySyntaxError as error:
        raise SelectionError(f"query: {error}") from error
    ids: list[str] = []
    while True:
        result = store.search(query, limit=QUERY_PAGE, offset=len(ids))
        ids += [hit.id for hit in result.hits]
        if not result.hits or len(ids) >= result.total:
            return Selection(f"Search: {value}", ids)
