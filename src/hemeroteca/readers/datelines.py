"""Datelines: a date standing alone, a letter's place and date at its head or foot, a lifetime under a name,
and the date of writing they give a record."""

from __future__ import annotations

import re

from hemeroteca.fields.dates import parse_date
from hemeroteca.fields.text import normalise_space
from hemeroteca.record import Block, DateValue

DATELINE_MAX_CHARS = 60  # a dateline is short: "London, September 21, 1890"
# "July 23, 1921. Moscow.": the date first, then the place.
_DATE_THEN_PLACE = re.compile(r"^(?P<date>.+?\d{4})[.,]\s+(?P<place>[^\d.,]+?)\.?$")


def date_alone(text: str) -> DateValue | None:
    """A dateline such as "(28 January 1936)": the whole text is one date."""
    inner = text.strip().strip("()[]").strip(" .")
    date = parse_date(inner)
    if date is None or date.edtf is None:
        return None
    rest = inner.replace(date.raw, "", 1).strip(" ,.–-")
    return date if len(rest) <= 3 else None


def is_lifetime(text: str) -> bool:
    """"1908-1993" under a name: the whole text is a span of years too long to be a date of writing."""
    date = date_alone(text)
    return date is not None and _is_lifetime_value(date)


def _is_lifetime_value(date: DateValue) -> bool:
    """"(1925–1961)" under a name is a lifetime; "(1910 or early 1911)" is a date."""
    if date.edtf is None:
        return False
    start, _, end = date.edtf.partition("/")
    return bool(end) and start[:4].isdigit() and end[:4].isdigit() and int(end[:4]) - int(start[:4]) > 2


def place_and_date(text: str) -> bool:
    """"London, September 21, 1890" or a bare date: the dateline a letter opens with."""
    if date_alone(text) is not None:
        return True
    place, _, rest = text.partition(",")
    return bool(rest) and _is_place(place) and date_alone(rest) is not None


def _is_place(text: str) -> bool:
    return 0 < len(text.split()) <= 3 and text[:1].isupper()


def closing_dateline(body: list[Block]) -> str | None:
    """The date and place a letter closes with, when it opened with none: "July 23, 1921. Moscow."; of a signature
    set on lines of its own ("FREDERICK ENGELS / London, April 30, 1891."), the last lines that say them."""
    last = next((b for b in reversed(body) if b.kind != "note"), None)
    if last is None or last.kind not in ("paragraph", "signature") or len(last.text) >= DATELINE_MAX_CHARS:
        return None
    lines = last.text.split("\n")
    for first in reversed(range(len(lines))):
        text = " ".join(lines[first:])
        if not any(ch.isalpha() for ch in text):
            continue  # "27/05/2014" closing a page is the archive's stamp, not the author's
        date_first = _DATE_THEN_PLACE.match(text)
        if place_and_date(text) or date_first and date_alone(date_first["date"]) and _is_place(date_first["place"]):
            return text
    return None


def date_value(text: str | None) -> DateValue | None:
    """The date a field gives, normalised; kept as printed (no EDTF) when it cannot be read."""
    if not text:
        return None
    date = parse_date(text)
    return date if date is not None else DateValue(raw=normalise_space(text), edtf=None)


def written(stated: str | None, dateline: str | None, published: DateValue | None) -> DateValue | None:
    """The date `stated` (a "Written:" field); else the dateline under the title, unless it is a lifetime or only
    repeats the publication date (a dateline no more precise than it and agreeing with it is that date)."""
    if stated:
        return date_value(stated)
    date = parse_date(dateline) if dateline else None
    if date is None or date.edtf is None or _is_lifetime_value(date):
        return None
    return date if published is None or not (published.edtf or "").startswith(date.edtf) else None
