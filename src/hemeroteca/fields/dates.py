"""Dates as MIA and ETOL pages print them, normalised to EDTF.

`parse_date` finds the first date expression in a line ("Last updated on
31.7.2006", "(28 January 1936)", "realizado de 20 a 24 de novembro de 1987") and
returns it as printed plus its EDTF form: "1936-01-28", "1936-02", "1938-21"
(spring), "1987-11-20/1987-11-24", "1936~" (circa), "1936?" (uncertain).

Ingest calls this on every page, so it is regex-only and fast (a few
microseconds a line): one pattern of date shapes, searched only in a window
around each four-digit year (every shape holds one), then a generic builder
that fills in the parts a range prints once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from hemeroteca.fields.text import normalise_space
from hemeroteca.record import DateValue

# Month names and abbreviations: English, Portuguese, Spanish, French, German,
# Italian, Russian (nominative, genitive and prepositional).
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janeiro", "enero", "ene", "janvier", "janv", "januar", "jänner", "gennaio",
        "январь", "января", "январе", "янв"),
    2: ("february", "feb", "febr", "fevereiro", "fev", "febrero", "février", "févr", "februar", "febbraio",
        "февраль", "февраля", "феврале", "фев", "февр"),
    3: ("march", "mar", "março", "marzo", "mars", "märz", "maerz", "март", "марта", "марте", "мар"),
    4: ("april", "apr", "abril", "abr", "avril", "avr", "aprile", "апрель", "апреля", "апреле", "апр"),
    5: ("may", "maio", "mayo", "mai", "maggio", "май", "мая", "мае"),
    6: ("june", "jun", "junho", "junio", "juin", "juni", "giugno", "июнь", "июня", "июне", "июн"),
    7: ("july", "jul", "julho", "julio", "juillet", "juil", "juli", "luglio", "июль", "июля", "июле", "июл"),
    8: ("august", "aug", "agosto", "ago", "août", "август", "августа", "августе", "авг"),
    9: ("september", "sep", "sept", "setembro", "set", "septiembre", "setiembre", "septembre", "settembre",
        "сентябрь", "сентября", "сентябре", "сен", "сент"),
    10: ("october", "oct", "outubro", "out", "octubre", "octobre", "oktober", "okt", "ottobre",
         "октябрь", "октября", "октябре", "окт"),
    11: ("november", "nov", "novembro", "noviembre", "novembre", "ноябрь", "ноября", "ноябре", "ноя", "нояб"),
    12: ("december", "dec", "dezembro", "dez", "diciembre", "dic", "décembre", "déc", "dezember", "dicembre",
         "декабрь", "декабря", "декабре", "дек"),
}
# EDTF seasons: 21 spring, 22 summer, 23 autumn, 24 winter.
_SEASON_NAMES: dict[int, tuple[str, ...]] = {
    21: ("spring", "primavera", "printemps", "frühling", "весна", "весной"),
    22: ("summer", "verão", "verano", "été", "sommer", "лето", "летом"),
    23: ("autumn", "fall", "outono", "otoño", "automne", "herbst", "autunno", "осень", "осенью"),
    24: ("winter", "inverno", "invierno", "hiver", "зима", "зимой"),
}


def _strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _lookup(names: dict[int, tuple[str, ...]]) -> dict[str, int]:
    # Typists drop accents ("Marco", "Fevrier"): both spellings are keys.
    table: dict[str, int] = {}
    for number, words in names.items():
        for word in words:
            table[word] = number
            table[unicodedata.normalize("NFC", _strip_accents(word))] = number
    return table


_MONTHS = _lookup(_MONTH_NAMES)
_SEASONS = _lookup(_SEASON_NAMES)
_NAMED = {**_MONTHS, **_SEASONS}  # no word is both


_Trie = dict[str, "_Trie"]


def _alternation(words: dict[str, int]) -> str:
    """The words as a trie-shaped regex: a flat alternation of 200 names is what made matching slow."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A word may end here ("sep") or go on ("september"): greedy `?` tries the longer first.
    return f"(?:{body})?" if "" in node else body


_MONTH_ALT = _alternation(_MONTHS)
_SEASON_ALT = _alternation(_SEASONS)

# Building blocks. Groups are named by field and endpoint (d1 = start day, y2 =
# end year); `_shapes` and `_lead` prefix them, as names must be unique.
_ORDINAL = r"(?:st|nd|rd|th|er|\.?[º°ª])?"
_DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
# "no. 4 August 1938" is issue 4 of August 1938, not the 4th of August.
_NOT_AN_ISSUE = (
    r"(?<!no\. )(?<!no\.)(?<!no )(?<!nº )(?<!nº)(?<!n\.º )(?<!n\.º)(?<!n\. )(?<!nr\. )(?<!vol\. )(?<!#)"
)


def _day(name: str) -> str:
    return rf"(?<![\d.])(?P<{name}>{_DAY_NUMBER}){_ORDINAL}"


def _month(name: str) -> str:
    return rf"(?<!\w)(?P<{name}>{_MONTH_ALT})(?!\w)\.?"


def _season(name: str) -> str:
    return rf"(?<!\w)(?P<{name}>{_SEASON_ALT})(?!\w)"


def _year(name: str) -> str:
    # Russian dates end with "г." or "года" ("1 марта 1918 г."): part of the expression.
    return rf"(?<!\d)(?P<{name}>1\d{{3}}|20\d{{2}})(?!\d)(?:\s?(?:гг?\.|года?(?!\w)))?"


_DAY_MONTH = r"\s*[./]?\s*(?:(?:de|del|of)\s+)?"  # "28 January", "20 de Novembro", "28th of", "12/Dez"
_MONTH_YEAR = r"\s*[,/]?\s*(?:(?:de|del|of)\s+)?"  # "February 1936", "Novembro de 1987", "ago/1985"
_MONTH_DAY = r"\s+"  # "January 28"
_DAY_YEAR = r"(?:\s*,\s*|\s+)"  # "January 28, 1936", "Jan 3 1877"
# Range connectors; "or" too, as an interval is the nearest EDTF gets to "1910
# or early 1911", and "and" ("Between January and March of 1880", "30 e 31 de Enero de 2013").
# "late February to early March": the qualifier goes with the end.
_TO = (
    r"(?:,?\s*[-–—−‐]{1,2}\s*|,?\s+(?:to|till|until|through|or|and|a|al|até|ate|à|au|bis|e|y|до|по)\s+)"
    r"(?:(?:early|late|mid)[-\s]\s*)?"
)
_TO_OR_SLASH = rf"(?:{_TO}|\s*/\s*)"  # "fev/abr 1993", "1892/93"
_MONTH_CHAIN = rf"(?:{_TO_OR_SLASH}(?<!\w)(?:{_MONTH_ALT})(?!\w)\.?)*"  # "agosto-setembro-outubro"

# Date shapes in families by their first token, which each family matches once
# (as group "<family>__<field>"); a shape is the rest of the expression. Most
# specific first: at one position the first shape that matches wins.
_YEAR_LED: tuple[tuple[str, str], ...] = (
    ("iso", r"-(?P<m1>\d\d)-(?P<d1>\d\d)(?!\d)"),
    # "1857–58": a two-digit end year only right after a dash or slash.
    ("y_y", rf"(?:{_TO_OR_SLASH}{_year('y2')}|(?P<cut>[-–/])(?P<yy>\d\d)(?!\d)(?![-/.]\d))"),
    ("y", ""),
)
_NUMERIC: tuple[tuple[str, str], ...] = (
    ("dotted", rf"(?<![\d.])(?P<d1>\d{{1,2}})\.(?P<m1>\d{{1,2}})\.{_year('y1')}"),
    ("slashed", rf"(?<![\d/])(?P<d1>\d{{1,2}})[º°]?/(?P<m1>\d{{1,2}})/{_year('y1')}"),  # "1º/09/1945"
)
_DAY_LED: tuple[tuple[str, str], ...] = (
    ("dmy_dmy", rf"{_DAY_MONTH}{_month('m1')}{_MONTH_YEAR}{_year('y1')}{_TO}"
                rf"{_day('d2')}{_DAY_MONTH}{_month('m2')}{_MONTH_YEAR}{_year('y2')}"),
    ("dm_dmy", rf"{_DAY_MONTH}{_month('m1')}{_TO}{_day('d2')}{_DAY_MONTH}{_month('m2')}{_MONTH_YEAR}{_year('y2')}"),
    ("d_dmy", rf"{_TO}{_day('d2')}{_DAY_MONTH}{_month('m2')}{_MONTH_YEAR}{_year('y2')}"),
    ("dmy", rf"{_DAY_MONTH}{_month('m1')}{_MONTH_YEAR}{_year('y1')}"),
)
_MONTH_LED: tuple[tuple[str, str], ...] = (
    ("mdy_mdy", rf"{_MONTH_DAY}{_day('d1')}{_DAY_YEAR}{_year('y1')}{_TO}"
                rf"{_month('m2')}{_MONTH_DAY}{_day('d2')}{_DAY_YEAR}{_year('y2')}"),
    ("md_mdy", rf"{_MONTH_DAY}{_day('d1')}{_TO}{_month('m2')}{_MONTH_DAY}{_day('d2')}{_DAY_YEAR}{_year('y2')}"),
    ("md_dy", rf"{_MONTH_DAY}{_day('d1')}{_TO}{_day('d2')}{_DAY_YEAR}{_year('y2')}"),
    ("mdy", rf"{_MONTH_DAY}{_day('d1')}{_DAY_YEAR}{_year('y1')}"),
    ("my_my", rf"{_MONTH_YEAR}{_year('y1')}{_TO}{_month('m2')}{_MONTH_YEAR}{_year('y2')}"),
    ("m_my", rf"{_MONTH_CHAIN}{_TO_OR_SLASH}{_month('m2')}{_MONTH_YEAR}{_year('y2')}"),
    ("my", rf"{_MONTH_YEAR}{_year('y1')}"),
)
_SEASON_LED: tuple[tuple[str, str], ...] = (
    ("sy_sy", rf"{_MONTH_YEAR}{_year('y1')}{_TO}{_season('s2')}{_MONTH_YEAR}{_year('y2')}"),
    ("s_sy", rf"{_TO_OR_SLASH}{_season('s2')}{_MONTH_YEAR}{_year('y2')}"),
    # "Winter 1938-39" is the winter of 1938.
    ("sy", rf"{_MONTH_YEAR}{_year('y1')}(?:[-–/]\d\d(?!\d))?"),
)
_APPROXIMATE = r"(?:c\.|ca\.|circa|cerca\s+de|por\s+volta\s+de|hacia|около|approx\.)\s*"


def _shapes(shapes: tuple[tuple[str, str], ...]) -> str:
    # Group names must be unique: prefix each with its shape's name.
    return "|".join(f"(?P<{name}>" + pattern.replace("(?P<", f"(?P<{name}__") + ")" for name, pattern in shapes)


def _lead(family: str, pattern: str) -> str:
    return pattern.replace("(?P<", f"(?P<{family}__")


# Speed: a date never starts right after a letter (one cheap look-behind rejects
# most positions), and each family's first token is matched once. Prefix and
# suffix do not capture, and a shape's group closes last: `lastgroup` names it.
_DATE_PATTERN = (
    r"(?<![^\W\d])(?:\[\s*)?"
    rf"(?:{_APPROXIMATE})?"
    # A year after a slash is a URL's path ("…/2018/08/o-partido"), not a date.
    rf"(?:(?<!\d)(?=\d)(?:(?<!/){_lead('year', _year('y1'))}(?:{_shapes(_YEAR_LED)})"
    rf"|{_shapes(_NUMERIC)}"
    rf"|(?={_DAY_NUMBER}){_NOT_AN_ISSUE}{_lead('day', _day('d1'))}(?:{_shapes(_DAY_LED)}))"
    rf"|{_lead('month', _month('m1'))}(?:{_shapes(_MONTH_LED)})"
    rf"|{_lead('season', _season('s1'))}(?:{_shapes(_SEASON_LED)}))"
    r"(?:\s?\?)?(?:\s*\])?"
)
# Every literal above is lower case. Matching lower-cased text without
# IGNORECASE is about three times faster; the rare text whose length changes
# when lower-cased ("İ") takes the slow pattern.
_DATE = re.compile(_DATE_PATTERN)
_DATE_ANY_CASE = re.compile(_DATE_PATTERN, re.IGNORECASE)
# family: (its first token's field, its shapes)
_FAMILIES = {
    "year": ("y1", _YEAR_LED), "numeric": (None, _NUMERIC), "day": ("d1", _DAY_LED),
    "month": ("m1", _MONTH_LED), "season": ("s1", _SEASON_LED),
}
# For each shape, its (field, group name) pairs, the family's first token included.
_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    name: tuple(
        (group.split("__")[1], group)
        for group in _DATE.groupindex
        if group.startswith((name + "__", family + "__"))
    )
    for family, (_, shapes) in _FAMILIES.items()
    for name, _ in shapes
}
# For each shape, the group where the date itself starts (after "c." or "[").
_START_GROUP: dict[str, str] = {
    name: f"{family}__{lead}" if lead else name
    for family, (lead, shapes) in _FAMILIES.items()
    for name, _ in shapes
}
_YEAR = re.compile(r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)")
# How far a date expression reaches before and after its first year (the
# corpus's longest lead is 28 characters: "[por volta de 28 de setembro de ").
_BEFORE_YEAR = 40
_AFTER_YEAR = 80

# "Rio de Janeiro. 1934" names a city, not January.
_CITY_NAMED_BY_A_MONTH = re.compile(r"\brio\s+de\s+janeiro\b", re.IGNORECASE)

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_Point = tuple[int, int | None, int | None]  # year, month (or season 21-24), day


def parse_date(text: str) -> DateValue | None:
    """The first date expression in `text`, as printed and as EDTF; None without one."""
    match = next(_matches(text), None)
    return None if match is None else _date_value(text, match)[1]


def iter_date_spans(text: str) -> Iterator[tuple[int, DateValue]]:
    """Every date expression in `text`, left to right, with the offset where it starts."""
    # `\s` in the patterns matches NBSP too: only the found date needs normalising.
    for match in _matches(text):
        yield _date_value(text, match)


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Matches on the lower-cased text: same offsets, so raw comes from `text`."""
    lowered = text.lower()
    pattern, subject = (_DATE, lowered) if len(lowered) == len(text) else (_DATE_ANY_CASE, text)
    if "aneiro" in subject:  # blanked out, offsets kept
        subject = _CITY_NAMED_BY_A_MONTH.sub(lambda city: " " * len(city.group()), subject)
    pos = 0
    while (year := _YEAR.search(subject, pos)) is not None:
        end = min(len(subject), year.end() + _AFTER_YEAR)
        while end < len(subject) and subject[end].isalnum():  # never cut a word or number in two
            end += 1
        match = pattern.search(subject, max(pos, year.start() - _BEFORE_YEAR), end)
        if match is None:
            pos = year.end()
            continue
        yield match
        pos = match.end()


def _date_value(text: str, match: re.Match[str]) -> tuple[int, DateValue]:
    kind = match.lastgroup or ""
    prefix = text[match.start() : match.start(_START_GROUP[kind])]
    suffix = text[match.end(kind) : match.end()]
    start, end = match.start(), match.end()
    if ("[" in prefix) != ("]" in suffix):  # keep brackets only when they enclose the date
        if "[" in prefix:
            start = text.index("[", start) + 1
        else:
            end = text.rindex("]", start, end)
    raw = normalise_space(text[start:end])
    approximate = any(ch.isalpha() for ch in prefix)
    uncertain = "?" in suffix
    qualifier = "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""
    fields = {field: match.group(group) for field, group in _FIELDS[kind]}
    return start, DateValue(raw=raw, edtf=_edtf(fields, qualifier))


def _edtf(fields: dict[str, str | None], qualifier: str) -> str | None:
    get = fields.get
    y1, y2, yy = get("y1"), get("y2"), get("yy")
    if yy is not None:
        return _two_digit_end(y1 or "", yy, get("cut") or "", qualifier)
    m1, m2 = _number(get("m1") or get("s1")), _number(get("m2") or get("s2"))
    d1, d2 = _number(get("d1")), _number(get("d2"))
    start: _Point = (int(y1 or y2 or 0), m1, d1)
    if y2 is None:  # every range shape ends with a year; single dates have only y1
        # EDTF (and the edtf package) has no qualified season outside an interval.
        if not _valid(start) or (qualifier and m1 is not None and m1 > 12):
            return None
        return _format(start, qualifier)
    # A range prints shared parts once: "20–24 November 1987", "October 21-27, 1864".
    if d1 is not None and m1 is None:
        start = (start[0], m2, d1)
    end: _Point = (int(y2), m2 if m2 is not None or d2 is None else m1, d2)
    if not (_valid(start) and _valid(end) and _ordered(start, end)):
        return None
    return f"{_format(start, qualifier)}/{_format(end, qualifier)}"


def _two_digit_end(y1: str, yy: str, cut: str, qualifier: str) -> str | None:
    end = int(y1[:2] + yy)
    if end > int(y1):
        return f"{y1}{qualifier}/{end}{qualifier}"
    # Not a later year, so "1895-06" reads as ISO year and month.
    if cut == "-" and 1 <= int(yy) <= 12:
        return f"{y1}-{yy}{qualifier}"
    return None


def _number(token: str | None) -> int | None:
    """A day, month or season as a number: "07" → 7, "Novembro" → 11, "Spring" → 21."""
    if token is None:
        return None
    return int(token) if token.isdigit() else _NAMED.get(token.lower())


def _valid(point: _Point) -> bool:
    year, month, day = point
    if month is None:
        return day is None
    if 21 <= month <= 24:
        return day is None
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= (_DAYS_IN_MONTH[month - 1] - (month == 2 and not leap))


def _ordered(start: _Point, end: _Point) -> bool:
    # Compare the earliest reading of the start with the latest of the end.
    return (start[0], start[1] or 0, start[2] or 0) <= (end[0], end[1] or 99, end[2] or 99)


def _format(point: _Point, qualifier: str) -> str:
    year, month, day = point
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    return text + qualifier


_PLAIN_EDTF = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>\d{2}))?)?$")


def edtf_in_words(edtf: str) -> str | None:
    """"1936-02-15" → "15 February 1936", "1936-02" → "February 1936", "1936" → "1936"; None for what is not a
    plain day, month or year (ranges, seasons, uncertain dates), which are best shown as printed."""
    match = _PLAIN_EDTF.match(edtf)
    if match is None:
        return None
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    if month is None:
        return year
    words = f"{_MONTH_NAMES[int(month)][0].capitalize()} {year}"  # each month's names open with the English one
    return f"{int(day)} {words}" if day else words
