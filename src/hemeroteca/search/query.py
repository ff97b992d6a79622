"""The search query language: words, "exact phrases", -exclusions and field filters.

    trotsky "hunger strike" -stalin author:cannon periodical:"new international" year:1934..1938 lang:en

Parsing is pure and total: every input gives a Query or a QuerySyntaxError with a
message a reader can act on. Nothing here builds SQL; backends turn a Query into
their own statements with bound parameters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FILTER_FIELDS = ("author", "periodical", "year", "lang")
_TOKEN = re.compile(r'\s*(?:(?P<neg>-)?(?:(?P<field>[a-z]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"]+))|(?P<stray>"))')
_YEAR = re.compile(r"^(?P<start>\d{4})(?:\.\.(?P<end>\d{4}))?$")
_WORD_CHARS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
MAX_QUERY_LENGTH = 1000


class QuerySyntaxError(ValueError):
    """A query that cannot be understood; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Query:
    words: tuple[str, ...] = ()  # each must occur (any form the index folds to)
    phrases: tuple[tuple[str, ...], ...] = ()  # word sequences that must occur in order
    excluded: tuple[tuple[str, ...], ...] = ()  # words or phrases that must not occur
    authors: tuple[str, ...] = ()
    periodicals: tuple[str, ...] = ()
    years: tuple[int, int] | None = None  # inclusive range
    languages: tuple[str, ...] = ()
    text: str = field(default="", compare=False)  # as typed, for links that can be shared

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def is_empty(self) -> bool:
        return not (self.has_text or self.authors or self.periodicals or self.years or self.languages)


def fold(text: str) -> str:
    """Words only, case and accents folded: how a typed title is compared with a stored one."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(_WORD_CHARS.findall("".join(c for c in decomposed if not unicodedata.combining(c))))


def _words(text: str) -> tuple[str, ...]:
    """Words as the index sees them: letters and digits, apostrophes inside words kept together."""
    return tuple(_WORD_CHARS.findall(text))


def parse_query(text: str) -> Query:
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    filters: dict[str, list[str]] = {name: [] for name in FILTER_FIELDS}
    position = 0
    stripped = text.strip()
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            raise QuerySyntaxError(f"cannot read the query from {stripped[position:position + 20]!r}")
        position = match.end()
        if match.group("stray"):
            raise QuerySyntaxError('a quotation mark (") is not closed')
        value = match.group("phrase") if match.group("phrase") is not None else match.group("word")
        field_name = match.group("field")
        if field_name is None and value.endswith(":") and value[:-1] in FILTER_FIELDS:
            raise QuerySyntaxError(f"{value} needs a value, as in {value}1936" if value == "year:" else f"{value} needs a value")
        if field_name is not None and field_name not in FILTER_FIELDS:
            value, field_name = f"{field_name}:{value}", None  # "http://…", "note:" — words, not a filter
        if field_name is not None:
            if not value.strip():
                raise QuerySyntaxError(f"{field_name}: needs a value")
            if match.group("neg"):
                raise QuerySyntaxError(f"-{field_name}: is not supported; exclude words instead")
            filters[field_name].append(value.strip())
            continue
        tokens = _words(value)
        if not tokens:
            continue  # punctuation only: nothing to search for
        if match.group("neg"):
            excluded.append(tokens)
        elif match.group("phrase") is not None and len(tokens) > 1:
            phrases.append(tokens)
        else:
            words.extend(tokens)
    return Query(
        words=tuple(words),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        authors=tuple(filters["author"]),
        periodicals=tuple(filters["periodical"]),
        years=_year_range(filters["year"]),
        languages=tuple(value.casefold() for value in filters["lang"]),
        text=text,
    )


def _year_range(values: list[str]) -> tuple[int, int] | None:
    if not values:
        return None
    if len(values) > 1:
        raise QuerySyntaxError("give year: once (a range is year:1934..1938)")
    match = _YEAR.match(values[0])
    if match is None:
        raise QuerySyntaxError(f"year:{values[0]} is not a year (1936) or a range (1934..1938)")
    start = int(match.group("start"))
    end = int(match.group("end") or start)
    if end < start:
        raise QuerySyntaxError(f"year:{values[0]} ends before it starts")
    return start, end
