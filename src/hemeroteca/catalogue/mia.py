"""MIA's own author and periodical catalogues, for matching names found on pages.

The packaged data (see data/README.md) is MIA's authors.json and periodicals.json
plus a hand-written, source-cited table of pseudonyms and name variants
(data/pseudonyms.json). Matching is by exact key only (names.name_key,
names.periodical_key); nothing is matched by similarity.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

from hemeroteca.catalogue.names import (
    drop_invisible,
    join_display,
    join_sort,
    name_key,
    periodical_key,
    periodical_years,
    repair_mojibake,
    slugify,
    split_mia_name,
    split_periodical_name,
    surname_forms,
    year_ranges,
)

AliasKind = Literal["variant", "pseudonym"]

_ETOL_PREFIX = "history/etol/"
# MIA's misspelt or abbreviated periodical titles, corrected before parsing.
_PERIODICAL_FIXES = (
    ("Miltant ", "Militant "),  # "Miltant (New York, 1928-36, 40-)"
    ("International Soc. Rev. ", "International Socialist Review "),
)


@dataclass(frozen=True, slots=True)
class AuthorEntry:
    id: str  # MIA's id in authors.json
    name: str  # display form, "Leon Trotsky"
    sort_name: str  # MIA's form, "Trotsky, Leon"
    href: str  # relative to https://www.marxists.org/
    slug: str


@dataclass(frozen=True, slots=True)
class PeriodicalEntry:
    id: str  # MIA's id in periodicals.json
    name: str  # title without qualifier, "New International"
    full_name: str  # with MIA's qualifier, "New International (New York, 1934-1958)"
    href: str
    slug: str
    years: str | None  # "1934-1958" as printed by MIA


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    kind: AliasKind
    source: str  # where the alias was seen (path in the development corpus, MIA entry)


@dataclass(frozen=True, slots=True)
class _Periodical:
    entry: PeriodicalEntry
    qualifier_tokens: frozenset[str]
    ranges: tuple[tuple[int, int | None], ...]


@dataclass(frozen=True)
class MiaCatalogue:
    authors: Mapping[str, AuthorEntry]  # every MIA entry, by id
    person_of: Mapping[str, str]  # MIA id → id of the entry standing for the person
    own_names: Mapping[str, frozenset[str]]  # name key → person ids (persons' own names)
    other_names: Mapping[str, frozenset[str]]  # name key → person ids (pseudonyms, variants)
    surnames: Mapping[str, frozenset[str]]  # surname key → person ids
    aliases: Mapping[str, tuple[Alias, ...]]  # person id → aliases
    periodicals: Mapping[str, tuple[_Periodical, ...]]  # title key → entries
    periodical_alternates: Mapping[str, tuple[_Periodical, ...]]  # "A/B" titles' parts
    author_folders: Mapping[str, frozenset[str]]  # "archive/marx" → person ids
    compact_names: Mapping[str, frozenset[str]]  # own names' keys without spaces → person ids

    def match_author(self, name: str) -> AuthorEntry | None:
        """The person named, by display form, "Surname, Given" form, pseudonym or variant."""
        key = name_key(name)
        for index in (self.own_names, self.other_names):
            if found := index.get(key):
                return self._only(found)
        return None

    def match_author_by_surname(self, surname: str) -> AuthorEntry | None:
        """The one person with this surname (pseudonyms included); None if none or several."""
        return self._only(self.surnames.get(name_key(surname), frozenset()))

    def aliases_for(self, author_id: str) -> list[Alias]:
        """Pseudonyms and name variants of the person behind any of their MIA entries."""
        return list(self.aliases.get(self.person_of.get(author_id, author_id), ()))

    def periodical_candidates(self, name: str, year: int | None = None) -> list[PeriodicalEntry]:
        """Entries whose title key equals the name's, narrowed by hints, ETOL's if any.

        A qualifier in `name` ("Fourth International (New York)") and `year` narrow
        the candidates only when some remain, since MIA's year ranges are approximate.
        """
        title, qualifier = split_periodical_name(name)
        key = periodical_key(title)
        found = self.periodicals.get(key) or self.periodical_alternates.get(key, ())
        years = periodical_years(qualifier)
        place_tokens = frozenset(_tokens(qualifier)) - frozenset(_tokens(years or ""))
        if place_tokens:
            found = _narrow(found, lambda p: place_tokens <= p.qualifier_tokens)
        if year is None and years and (ranges := year_ranges(years)):
            year = ranges[0][0]
        if (wanted := year) is not None:
            found = _narrow(found, lambda p: _covers(p.ranges, wanted))
        found = _narrow(found, lambda p: p.entry.href.startswith(_ETOL_PREFIX))
        unique: dict[str, PeriodicalEntry] = {}
        for periodical in found:  # MIA lists some pages twice; the first entry stands
            unique.setdefault(periodical.entry.href, periodical.entry)
        return list(unique.values())

    def match_periodical(self, name: str, year: int | None = None) -> PeriodicalEntry | None:
        """The periodical named, or None when no title key is equal or several papers remain."""
        candidates = self.periodical_candidates(name, year)
        return candidates[0] if len(candidates) == 1 else None

    def match_author_loosely(self, name: str) -> AuthorEntry | None:
        """As match_author, else the one person of that surname whose given names the name's fit.

        "V.I. Lenin" fits "Lenin, Vladimir Ilyich" and "Georgi V. Plekhanov" fits
        "Plekhanov, Georgi": initials must agree, spelled-out names on their first
        four letters. None when no one or several fit.
        """
        exact = self.match_author(name)
        if exact is not None:
            return exact
        # "Daniel DeLeon" and "MN Roy" are "Daniel De Leon" and "M.N. Roy" run together.
        if found := self.compact_names.get(name_key(name).replace(" ", "")):
            return self._only(found)
        tokens = name.replace(".", ". ").split()
        if len(tokens) < 2:
            return None
        given = [token.strip(".,") for token in tokens[:-1] if token.strip(".,")]
        fitting = {
            person
            for person in self.surnames.get(name_key(tokens[-1]), frozenset())
            if _given_names_fit(given, self.authors[person].sort_name.partition(",")[2].split())
        }
        return self._only(frozenset(fitting))

    def author_for_path(self, path: str) -> AuthorEntry | None:
        """The person whose MIA archive folder holds the page: ".../archive/marx/works/…" → Karl Marx.

        MIA files an author's own writings under the folder its catalogue links to
        (archive/<name>/, history/etol/writers/<name>/); pages elsewhere give no one.
        """
        parts = path.replace("\\", "/").split("/")
        for index in range(len(parts) - 1):
            folder = "/".join(parts[index : index + 2])
            if parts[index] in ("archive", "writers") and (found := self.author_folders.get(folder)):
                return self._only(found)
        return None

    def _only(self, person_ids: frozenset[str]) -> AuthorEntry | None:
        return self.authors[next(iter(person_ids))] if len(person_ids) == 1 else None


def _tokens(text: str) -> list[str]:
    return name_key(text).split()


def _narrow(
    found: Iterable[_Periodical], keep: Callable[[_Periodical], bool]
) -> tuple[_Periodical, ...]:
    found = tuple(found)
    kept = tuple(p for p in found if keep(p))
    return kept or found


def _covers(ranges: Iterable[tuple[int, int | None]], year: int) -> bool:
    return any(start <= year <= (end if end is not None else year) for start, end in ranges)


@dataclass(frozen=True, slots=True)
class _Author:
    entry: AuthorEntry
    has_comma: bool  # MIA gave the "Surname, Given" form
    keys: tuple[str, str]  # name keys of the display and sort forms
    surnames: tuple[str, ...]  # name keys of surname_forms


def _author(raw: Mapping[str, str]) -> _Author:
    mia_name = repair_mojibake(raw["name"])
    surname, given = split_mia_name(mia_name)
    name, sort = join_display(surname, given), join_sort(surname, given)
    entry = AuthorEntry(
        id=raw["id"], name=name, sort_name=sort, href=raw["href"].lstrip("/"), slug=slugify(name)
    )
    return _Author(
        entry=entry,
        has_comma="," in mia_name,
        keys=(name_key(name), name_key(sort)),
        surnames=tuple(name_key(form) for form in surname_forms(surname, given)),
    )


def _person_rank(author: _Author) -> tuple[bool, bool, int]:
    # Among entries with equal names: ETOL first, then MIA's "Surname, Given" form.
    entry = author.entry
    return (not entry.href.startswith(_ETOL_PREFIX), not author.has_comma, int(entry.id))


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    index: defaultdict[str, set[str]] = defaultdict(set)
    for key, person_id in pairs:
        if key:
            index[key].add(person_id)
    return {key: frozenset(ids) for key, ids in index.items()}


def _last_word_surname(name: str) -> list[str]:
    words = name.split()
    return words[-1:] if len(words) > 1 else []


def build_authors(
    raw_authors: Iterable[Mapping[str, str]], alias_rows: Iterable[Mapping[str, str]]
) -> dict[str, Any]:
    """The author half of MiaCatalogue's fields, from MIA's list and the alias table."""
    authors = {author.entry.id: author for author in map(_author, raw_authors)}
    rows = list(alias_rows)

    # Entries whose names are equal (MIA duplicates, "Jozsef"/"József") are one person.
    by_key: defaultdict[str, list[_Author]] = defaultdict(list)
    for author in authors.values():
        by_key[author.keys[0]].append(author)
    person_of: dict[str, str] = {}
    for group in by_key.values():
        best = min(group, key=_person_rank).entry.id
        person_of.update((author.entry.id, best) for author in group)
    # Entries the table names as someone's pseudonym or variant fold into that person.
    for row in rows:
        if mia_id := row.get("mia_id"):
            folded, person = person_of[mia_id], person_of[row["person_id"]]
            for member in [i for i, p in person_of.items() if p == folded]:
                person_of[member] = person

    own: list[tuple[str, str]] = []
    other = [(name_key(row["name"]), person_of[row["person_id"]]) for row in rows]
    for mia_id, author in authors.items():
        person = person_of[mia_id]
        (own if person == mia_id else other).extend((key, person) for key in author.keys)
    surnames = [
        (surname, person_of[mia_id])
        for mia_id, author in authors.items()
        for surname in author.surnames
    ]
    surnames += [
        (name_key(surname), person_of[row["person_id"]])
        for row in rows
        if not row.get("mia_id")
        for surname in _last_word_surname(row["name"])
    ]
    aliases: defaultdict[str, list[Alias]] = defaultdict(list)
    for row in rows:
        aliases[person_of[row["person_id"]]].append(
            Alias(name=row["name"], kind=cast(AliasKind, row["kind"]), source=row["source"])
        )
    return {
        "authors": {mia_id: author.entry for mia_id, author in authors.items()},
        "person_of": person_of,
        "own_names": _index(own),
        "other_names": _index(other),
        "surnames": _index(surnames),
        "aliases": {person: tuple(found) for person, found in aliases.items()},
    }


def _fix_periodical_name(name: str) -> str:
    text = " ".join(drop_invisible(repair_mojibake(name)).split()).replace(" )", ")")
    for wrong, right in _PERIODICAL_FIXES:
        if text.startswith(wrong):
            return right + text[len(wrong) :]
    return text


def _periodical(raw: Mapping[str, str]) -> _Periodical:
    full_name = _fix_periodical_name(raw["name"])
    title, qualifier = split_periodical_name(full_name)
    href = raw["href"].lstrip("/")
    folder, _, page = href.rpartition("/")
    years = periodical_years(qualifier)
    entry = PeriodicalEntry(
        id=raw["id"],
        name=title,
        full_name=full_name,
        href=href,
        # The page's folder is MIA's own short name ("ni"); loose pages have none.
        slug=slugify(folder.rpartition("/")[2]) if page.startswith("index.htm") else slugify(title),
        years=years,
    )
    return _Periodical(entry, frozenset(_tokens(qualifier)), tuple(year_ranges(years or "")))


def build_periodicals(raw_periodicals: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    """The periodical half of MiaCatalogue's fields."""
    by_key: defaultdict[str, list[_Periodical]] = defaultdict(list)
    alternates: defaultdict[str, list[_Periodical]] = defaultdict(list)
    for raw in raw_periodicals:
        periodical = _periodical(raw)
        key = periodical_key(periodical.entry.name)
        by_key[key].append(periodical)
        # "Bulletin/Marxist Bulletin": either title alone may be cited.
        for part in periodical.entry.name.split("/"):
            if (part_key := periodical_key(part)) != key:
                alternates[part_key].append(periodical)
    return {
        "periodicals": {key: tuple(found) for key, found in by_key.items()},
        "periodical_alternates": {key: tuple(found) for key, found in alternates.items()},
    }


def build_catalogue(
    raw_authors: Iterable[Mapping[str, str]],
    raw_periodicals: Iterable[Mapping[str, str]],
    alias_rows: Iterable[Mapping[str, str]],
) -> MiaCatalogue:
    authors = build_authors(raw_authors, alias_rows)
    compact: defaultdict[str, set[str]] = defaultdict(set)
    for key, ids in authors["own_names"].items():
        compact[key.replace(" ", "")].update(ids)
    return MiaCatalogue(
        **authors,
        **build_periodicals(raw_periodicals),
        author_folders=_author_folders(authors["authors"], authors["person_of"]),
        compact_names={key: frozenset(ids) for key, ids in compact.items()},
    )


def _given_names_fit(printed: list[str], catalogued: list[str]) -> bool:
    if not printed or not catalogued:
        return False
    for mine, theirs in zip(printed, catalogued):
        a, b = name_key(mine), name_key(theirs)
        if not a or not b or a[0] != b[0]:
            return False
        if len(a) > 1 and len(b) > 1 and a[:4] != b[:4]:
            return False
    return True


def _author_folders(entries: Mapping[str, AuthorEntry], person_of: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """"archive/marx" and "writers/cannon" → the person, from each entry's catalogue link."""
    folders: defaultdict[str, set[str]] = defaultdict(set)
    for entry in entries.values():
        parts = entry.href.split("/")
        for index in range(len(parts) - 2):
            if parts[index] in ("archive", "writers"):
                folders[f"{parts[index]}/{parts[index + 1]}"].add(person_of.get(entry.id, entry.id))
    return {folder: frozenset(ids) for folder, ids in folders.items()}


def _load_json(name: str) -> Any:
    return json.loads(resources.files(__package__).joinpath("data").joinpath(name).read_text("utf-8"))


@cache
def load_default_catalogue() -> MiaCatalogue:
    """The packaged catalogue, built once per process."""
    return build_catalogue(
        _load_json("mia-authors.json"),
        _load_json("mia-periodicals.json"),
        _load_json("pseudonyms.json")["aliases"],
    )
