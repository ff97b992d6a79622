"""Source citations split into periodical, volume, number, date and pages.

ETOL and MIA print them as one line: "New Militant, Vol. II No. 7, 15 February
1936, p. 1.", "Fourth International, Vol.6 No.3, March 1945, pp.87-90.",
"Revista Princípios, n.º 28 fev/abr 1993 pag 44 a 49." Each part is found by
its own marker, wherever it stands; the periodical is what precedes the first
comma or the first part. Book citations ("Lenin Collected Works, Progress
Publishers, Moscow, 1964, Volume 21, pp. 15-19.") go through the same rules.
"""

from __future__ import annotations

import re

from hemeroteca.fields.dates import iter_date_spans
from hemeroteca.fields.text import normalise_space, strip_trailing_period
from hemeroteca.record import Citation, DateValue

# Leading labels: "Source:", "Fonte para a tradução:", "First Published in full:",
# and the colon-less "From …", "First published in …".
_LABEL = re.compile(
    r"^(?:(?:source|fonte|fuente|origem|first published|published|primeira edi[cç][aã]o|"
    r"primera edici[oó]n|publicado|источник)(?:\s+[^\s:]+){0,3}\s*:\s*"
    r"|(?:first published|primeira edi[cç][aã]o|primera edici[oó]n)\s+(?:(?:in|em|en)\s+)?|from\s+)+",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# The parts, each behind its marker, found in one pass over the line; the
# look-ahead for the markers' first letters keeps that pass fast.
# "v." only in lower case and before digits: "V. I. Lenin" is a name. The Portuguese "ano I" counts a paper's years
# as volumes.
_PARTS = re.compile(
    r"(?<!\w)(?=[vbtтn#№iehpсfa])(?:"
    r"(?:vol(?:ume)?s?\.?|bd\.|band|tomo|tome|том|т\.|(?-i:v)\.(?=\s*\d)|ano(?=\s+(?:\d{1,2}|(?-i:[IVXLC]+))\b))\s*"
    rf"(?P<volume>\d+|(?-i:[IVXLCDM]+|[ivxlcdm]+)|{'|'.join(_WORD_NUMBERS)})(?!\w)"
    r"|(?:numbers?|nos?\.?|nr\.?|núm(?:ero)?\.?|num(?:ero)?\.?|n\.?\s?[º°]s?\.?|n\.|№|#|issue|edição|edicao|"
    r"edición|heft)\s*(?P<number>\d{1,3}(?:\.\d{3})+(?!\d)|\d+)(?:\s*(?P<join>[-–—/&]|and|e|y)\s*(?P<number2>\d+))?(?!\d)"
    r"|(?:pp|p|pages?|págs?|pags?|pgs?|páginas?|paginas?|стр)\.?:?\s*(?P<first>\d+|(?-i:[ivxlc]+))"
    r"(?:\s*(?:-{1,2}|–|—|a|to)\s*(?P<last>\d+|(?-i:[ivxlc]+)))?(?!\w)"
    r"|(?P<cover>(?:inside\s+)?(?:front|back)\s+(?:cover|page))(?!\w)"
    r")",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_STEPS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)
_DAY_PRECISION = 3  # see `_precision`
# Up to the first comma outside brackets ("International Socialism (1st series)"),
# or a sentence's end ("Anarchism and other Essays. Second Revised Edition"), not
# an initial's ("G. Plekhanov").
_FIRST_SEGMENT = re.compile(r"(?:[^,(.]|\([^)]*\)|(?<![\w)]{3})\.|\.(?!\s))*")
# "First Published: in Die Neue Zeit": a lower-case preposition is not part of the name,
# nor the place or translation after it ("Labour Chronicle (Edinburgh)",
# "Свободное воспитание [Educação Livre]"); "(1st series)" is.
# A lower-case word naming what kind of paper it is goes too: "revista Espaço Acadêmico", "no jornal O Estado".
# So does the kind of piece the page is: "Editorial de “La Gauche”, n.º 39", and what the line says of it:
# "Publicado em Modern Quarterly, 1939", "Publicado na revista Die Neue Zeit".
_PERIODICAL_HEAD = re.compile(
    r"^(?:(?i:publicad[oa]|published)\s+)?"
    r"(?:(?:in|em|en|no|na|dans|im)\s+)?(?:(?:revista|jornal|periódico|semanário|diário)\s+(?=[A-ZÀ-ÞА-ЯЁ])"
    r"|(?i:revista|jornal|periódico|semanário|diário)\s+(?=[“\"«]))?"  # "no Jornal "Folha de São Paulo""
    r"(?:(?:Editorial|Artigo|Article)\s+(?:de|em|in|of|du|dans)\s+(?=[“\"«A-ZÀ-Þ]))?"
)
# "«Le Revolté» de Genebra", "«Volontà» de Ancona": the quoted name, then the city it came out in.
_QUOTED_THEN_PLACE = re.compile(r"^[«“\"](?P<name>[^»”\"]+)[»”\"]\s+(?:de|d[aoe]|of|in|em|en)\s+[A-ZÀ-Þ]")
_GLOSS = re.compile(r"\s*(?:\((?:[A-Z][^\W\d]*[.’']?\s?){1,3}\)|\[[^\]]*\])$")
# What a line says of how a text came out, where no periodical is named: "Pamphlet first published
# in 1897", "as a pamphlet in 1901", "Second Edition, published by…", "Progress Publishers, Moscow",
# a publisher's imprint ("Pequim: Edições em línguas estrangeiras, 1975", "Editorial Calvino Ltda., Rio, 1944").
# (A collected or selected works, with its volumes, is kept: it is cited as a periodical is.)
_NOT_A_PERIODICAL = re.compile(
    r"\b(?:published|publication|pamphlet|editions?|publishers?|publishing|translated|drafted|reprinted|included"
    r"|publicad[oa]s?|edição|edições|edición|ediciones|éditions|editora|editorial|ltda|folheto|folleto|traduzid[oa]"
    r"|traducid[oa]|apresentad[oa]s?)\b",  # "Artigo apresentado na Reunião …"
    re.IGNORECASE,
)
# "O Comuneiro - http://www.ocomuneiro.com/": the address is not part of the name; a name that is an address
# ("marxismocritico.files.wordpress.com/…") names no periodical.
_URL = re.compile(r"\s*[-–—]?\s*(?:https?://|www\.)\S*")
# "revista Espaço Acadêmico, n.º 9, fev/2002, a partir de Loureiro, … Editora da UNESP, 1991, pp. 37–47": the source
# it was taken from follows.
_CHAINED = re.compile(r",?\s+(?:a partir d[aoe]s?|tomad[oa] de|based on|reprinted from|taken from)\s+", re.IGNORECASE)
WEB_ADDRESS = re.compile(r"://|\bwww\.|\.(?:com|org|net|br|pdf|html?)\b", re.IGNORECASE)
# A line that tells what the piece is, or where it appeared, before naming any periodical.
_DESCRIPTION = re.compile(
    r"^(?:the\s+\w+\s+(?:all\s+)?(?:first\s+)?appeared|speech|discurso|trecho|relatório|report|resolução|entrevista"
    r"|interview|trata-se|palestra|conferência)\b",
    re.IGNORECASE,
)
_IN_NAME = re.compile(r"\b(?:in|em|no|na|en)\s+(?=[A-ZÀ-Þ“\"«])")
_PERIODICAL_TAIL = re.compile(r"(?:[\s\-–—:(]|\b(?:em|in|on|of|de|del|do|da|no|na|en|im)\b)+$", re.IGNORECASE)


def parse_citation(text: str) -> Citation:
    """Split a source citation; fields not found are None, and `raw` keeps the cleaned line."""
    line = strip_trailing_period(_LABEL.sub("", normalise_space(text)).rstrip(" ;,"))
    cited = _CHAINED.split(line, maxsplit=1)[0]  # the parts are this source's, not those of the one it came from
    volume, number, pages = _parts(cited)
    found = [m for m in (volume, number, pages) if m is not None]
    date, date_start = _best_date(cited, found)
    if not found and date is None:
        return Citation(raw=line)
    starts = [m.start() for m in found] + ([date_start] if date is not None else [])
    return Citation(
        raw=line,
        periodical=_periodical(line, min(starts)),
        volume=_volume_number(volume.group("volume")) if volume else None,
        volume_raw=volume.group("volume") if volume else None,
        number=_issue_number(number) if number else None,
        date=date,
        pages=_pages(pages) if pages else None,
    )


def roman_to_int(text: str) -> int | None:
    """A Roman numeral's value, "XVIII" → 18 (I to MMMCMXCIX, any case); None for anything else."""
    numeral = text.strip().upper()
    if not numeral or not _ROMAN.fullmatch(numeral):
        return None
    total = 0
    for ch, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN_VALUES[ch]
        total += -value if value < _ROMAN_VALUES.get(following, 0) else value
    return total


def int_to_roman(number: int) -> str:
    """18 → "XVIII" (1 to 3999)."""
    numeral = ""
    for value, letters in _ROMAN_STEPS:
        count, number = divmod(number, value)
        numeral += letters * count
    return numeral


def _parts(line: str) -> tuple[re.Match[str] | None, re.Match[str] | None, re.Match[str] | None]:
    """The first volume, issue number and pages; numbered pages win over "Inside front cover"."""
    volume = number = pages = cover = None
    for match in _PARTS.finditer(line):
        if match.group("volume") is not None:
            # A readable numeral only: "Vol. Civil" is no volume.
            if volume is None and _volume_number(match.group("volume")):
                volume = match
        elif match.group("number") is not None:
            # "Whole No. 151" counts every issue since the first: not the issue number.
            if number is None and line[max(0, match.start() - 6) : match.start()].lower() != "whole ":
                number = match
        elif match.group("first") is not None:
            pages = pages or match
        else:
            cover = cover or match
    return volume, number, pages or cover


def first_date(text: str) -> DateValue | None:
    """The first date a line gives outside its volume, number and pages: "Rouge, n° 1755, Paris, 1997" → 1997."""
    line = normalise_space(text)
    found = [m for m in _parts(line) if m is not None]
    return next((value for _, value in iter_date_spans(_masked(line, found))), None)


def _masked(line: str, found: list[re.Match[str]]) -> str:
    """The line with the volume, number and pages blanked; blanking keeps offsets, so "no. 4 August 1938" gives
    August 1938."""
    for match in found:
        line = line[: match.start()] + " " * (match.end() - match.start()) + line[match.end() :]
    return line


def _best_date(line: str, found: list[re.Match[str]]) -> tuple[DateValue | None, int]:
    """The most precise date outside the volume, number and pages ("Social Democrat, 1905, …, 15 Oct 1905")."""
    best: DateValue | None = None
    best_start = len(line)
    for start, value in iter_date_spans(_masked(line, found)):
        if best is None or _precision(value) > _precision(best):
            best, best_start = value, start
            if _precision(best) == _DAY_PRECISION:  # nothing can beat it
                break
    return best, best_start


def _precision(value: DateValue) -> int:
    """0 unparsed, 1 year, 2 month or season, 3 day (a range counts by its start)."""
    if value.edtf is None:
        return 0
    return value.edtf.split("/")[0].count("-") + 1


def _periodical(line: str, first_part: int) -> str | None:
    segment = _FIRST_SEGMENT.match(line)
    end = min(first_part, segment.end() if segment else len(line))
    name = _PERIODICAL_TAIL.sub("", _PERIODICAL_HEAD.sub("", _URL.sub("", line[:end]))).strip()
    quoted = _QUOTED_THEN_PLACE.match(name)
    # Quotes, Markdown emphasis and dashes left around the name ("*The Daily People,*") go too.
    name = (quoted["name"] if quoted else name).strip(" \"'“”‘’«»*_-–—")
    if WEB_ADDRESS.search(name):
        return None
    if _DESCRIPTION.match(name):
        # "The articles all first appeared in Workers' Republic": the periodical, if any, is what they appeared in
        named_in = list(_IN_NAME.finditer(name))
        if not named_in:
            return None  # "Speech at the Party Congress of …", "Relatório apresentado à Reunião Plenária …"
        name = name[named_in[-1].end() :]
    name = _GLOSS.sub("", _from_first_capital(name)).lstrip("(.,;: ").rstrip(",;: ")
    if _NOT_A_PERIODICAL.search(name):
        return None
    return name if any(ch.isupper() for ch in name) else None  # a name has a capital: "early 1885" names none


def _from_first_capital(name: str) -> str:
    """The name from its first capitalised word: "possivelmente no New Militant", "quinzenário O Comunista",
    "inicialmente no jornal comunista L’Humanité" name New Militant, O Comunista, L’Humanité."""
    words = name.split(" ")
    first = next((index for index, word in enumerate(words) if any(ch.isupper() for ch in word)), 0)
    return " ".join(words[first:])


def _volume_number(printed: str) -> str | None:
    if printed.isdigit():
        return str(int(printed))
    value = _WORD_NUMBERS.get(printed.lower()) or roman_to_int(printed)
    return str(value) if value else None


def _issue_number(match: re.Match[str]) -> str:
    first, second = str(int(match.group("number").replace(".", ""))), match.group("number2")  # "n.º 4.482"
    if second is None:
        return first
    # A double issue "7-8" or "28/29" is a span; "7 & 8" names two issues.
    join = "–" if match.group("join") in {"-", "–", "—", "/"} else " & "
    return f"{first}{join}{int(second)}"


def _pages(match: re.Match[str]) -> str:
    if match.group("cover") is not None:
        return normalise_space(match.group("cover"))
    first, last = match.group("first"), match.group("last")
    return f"pp. {first}–{last}" if last else f"p. {first}"
