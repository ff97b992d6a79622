"""Pure helpers for person and periodical names: display forms, matching keys, slugs.

Keys are for equality lookups only: two names match when their keys are equal,
never by prefix or similarity, so "New Militant" can never match "Militant".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Apostrophe look-alikes seen in MIA pages and bylines (O’Callaghan, Ch‘en, ʼ).
_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032"
_TO_APOSTROPHE = str.maketrans({c: "'" for c in _APOSTROPHES})

# Latin letters that NFKD does not decompose into base letter + accent.
_LATIN_EXTRA = str.maketrans(
    {
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "þ": "th",
        "Þ": "Th", "ð": "d", "Ð": "D",
    }
)

# Simple Russian/Ukrainian transliteration, for slugs only.
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
        "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m",
        "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
        "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
    }
)

# Lower-case name particles that belong to the surname ("Jean van Heijenoort").
_PARTICLES = frozenset(
    "van von der den de del della di da das do dos du la le ten ter zu".split()
)

_LEADING_ARTICLES = frozenset(
    "the a an la le les el los las il lo o os der die das de het".split()
)
# MIA files some titles as "Spark, The" or "Gremio, El".
_INVERTED_ARTICLES = frozenset(
    "the la le les el los las il lo der die das".split()
)

_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_TRAILING_PUNCT = re.compile(r"[\s,;:*/\-]+$")
# "Foucault. Michel": MIA typo, a full stop where the comma should be.
_DOT_FOR_COMMA = re.compile(r"^([^\s.,]{2,})\. (\S.*)$")
# "Shaw G B", "Roy M N": surname first, two or three bare initials last.
_TRAILING_INITIALS = re.compile(r"^(\S{2,})((?: [A-Z]){2,3})$")  # not "Malcolm X"
# ", London" / ", New York" after a periodical title: a place qualifier.
_PLACE = re.compile(r"[A-Z][\w.'/-]*(?: [A-Z][\w.'/-]*)?")
_TRAILING_YEARS = re.compile(r"\s(\d{4}(?:-\d{2,4})?)$")
_YEARS = re.compile(
    r"\d{4}s?(?:\s*-\s*(?:\d{2,4}s?|\?|(?![A-Za-z])))?"
    r"(?:\s*(?:,|&|and)\s*\d{2,4}s?(?:\s*-\s*(?:\d{2,4}s?|\?|(?![A-Za-z])))?)*"
)
_NON_WORD = re.compile(r"[\W_]+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_ELIDED_ARTICLE = re.compile(r"^[Ll]['’]")
_DASH = re.compile(r"\s*-\s*")
_YEAR_RANGE = re.compile(r"(\d{4}|\d{2})(s?)\s*(?:(-)\s*(?:(\d{4}|\d{2})(s?))?)?")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Latin-1 ("JÃ³zsef" → "József"); other text is returned as is."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def strip_accents(text: str) -> str:
    """"Fúlvio Trótski" → "Fulvio Trotski"; non-Latin scripts are kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def drop_invisible(text: str) -> str:
    """Remove soft hyphens, zero-width spaces and other format characters (Unicode "Cf")."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def clean_person_name(text: str) -> str:
    """Normalise whitespace and apostrophes, drop invisible and trailing punctuation."""
    name = " ".join(drop_invisible(text).translate(_TO_APOSTROPHE).split())
    name = _TRAILING_PUNCT.sub("", name)
    # A final full stop after an initial ("P.", "W.F.") or "Jr." belongs to the name.
    last_word = name.rsplit(" ", 1)[-1][:-1]
    if name.endswith(".") and len(last_word) > 2 and "." not in last_word:
        name = name[:-1]
    return name


def _key_tokens(text: str) -> list[str]:
    folded = strip_accents(drop_invisible(text).translate(_TO_APOSTROPHE).casefold())
    # Apostrophes vanish (O'Callaghan = OCallaghan); other punctuation separates.
    return _NON_WORD.sub(" ", folded.replace("'", "")).split()


def name_key(name: str) -> str:
    """Matching key for a person's name: case, accents, apostrophes and punctuation ignored."""
    return " ".join(_key_tokens(clean_person_name(name)))


def split_mia_name(mia_name: str) -> tuple[str, str]:
    """MIA's "Surname, Given (qualifier)" → (surname, given); given is "" if unknown."""
    text = clean_person_name(_BRACKETED.sub("", mia_name))
    if "," in text:
        surname, _, given = text.partition(",")
        return clean_person_name(surname), clean_person_name(given)
    if match := _DOT_FOR_COMMA.match(text):
        return match[1], match[2]
    if match := _TRAILING_INITIALS.match(text):
        return match[1], "".join(f"{initial}." for initial in match[2].split())
    return text, ""


def display_name(mia_name: str) -> str:
    """"Trotsky, Leon" → "Leon Trotsky"; "Böhm-Bawerk, Eugen von" → "Eugen von Böhm-Bawerk"."""
    return join_display(*split_mia_name(mia_name))


def join_display(surname: str, given: str) -> str:
    """Given name first, as bylines print it."""
    return f"{given} {surname}" if given else surname


def join_sort(surname: str, given: str) -> str:
    """MIA's "Surname, Given" form; a name without a known surname stays whole."""
    return f"{surname}, {given}" if given else surname


def surname_forms(surname: str, given: str) -> list[str]:
    """Surnames a byline may use: ("Heijenoort", "Jean van") → ["Heijenoort", "van Heijenoort"]."""
    if not given:
        return []
    forms = [surname]
    words = given.split()
    particles: list[str] = []
    while len(words) > 1 and words[-1] in _PARTICLES:
        particles.insert(0, words.pop())
    if particles:
        forms.append(" ".join([*particles, surname]))
    return forms


def split_periodical_name(name: str) -> tuple[str, str]:
    """"Militant, London (1964-1997)" → ("Militant", "London, 1964-1997"); "Spark, The" → ("The Spark", "")."""
    text = " ".join(name.split())
    qualifiers: list[str] = []
    while True:
        text = text.rstrip(" ,")
        opening = _trailing_group_start(text)
        if opening is None:
            break
        qualifiers.insert(0, text[opening + 1 : -1].strip(" ,"))
        text = text[:opening]
    if match := _TRAILING_YEARS.search(text):
        qualifiers.insert(0, match[1])
        text = text[: match.start()]
    head, comma, tail = text.rpartition(", ")
    if comma and tail.casefold() in _INVERTED_ARTICLES:
        text = f"{tail} {head}"
    elif comma and _PLACE.fullmatch(tail):
        qualifiers.insert(0, tail)
        text = head
    return text.strip(" ,"), ", ".join(q for q in qualifiers if q)


def _trailing_group_start(text: str) -> int | None:
    """Index of the "(" or "[" that opens the balanced group ending `text`, if any."""
    if not text.endswith((")", "]")):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char in ")]":
            depth += 1
        elif char in "([":
            depth -= 1
            if depth == 0:
                # A group that is the whole text is the title itself, not a qualifier.
                return index if index > 0 else None
    return None


def periodical_key(name: str) -> str:
    """Matching key for a periodical title: qualifier and leading article dropped, "&" = "and"."""
    title, _ = split_periodical_name(name)
    tokens = _key_tokens(_ELIDED_ARTICLE.sub("", title).replace("&", " and "))
    if len(tokens) > 1 and tokens[0] in _LEADING_ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def periodical_years(qualifier: str) -> str | None:
    """The years part of a qualifier: "New York, 1940-1956-SWP" → "1940-1956"."""
    match = _YEARS.search(qualifier)
    if match is None:
        return None
    return _DASH.sub("-", match[0].strip())


def year_ranges(years: str) -> list[tuple[int, int | None]]:
    """"1928-36, 40-" → [(1928, 1936), (1940, None)]; None means still running."""
    ranges: list[tuple[int, int | None]] = []
    century = 0
    for start_text, start_decade, dash, end_text, end_decade in _YEAR_RANGE.findall(years):
        if len(start_text) == 4:
            century = int(start_text) // 100 * 100
        elif not ranges:
            continue  # two digits with no four-digit year before them: not a year
        start = century + int(start_text) % 100
        if dash and not end_text:
            ranges.append((start, None))
            continue
        end = start + 9 if start_decade else start
        if end_text:
            end = (century + int(end_text) % 100) if len(end_text) == 2 else int(end_text)
            end += 9 if end_decade else 0
        ranges.append((min(start, end), max(start, end)))
    return ranges


def slugify(text: str) -> str:
    """ASCII lower-case hyphen slug: "Fúlvio Abramo" → "fulvio-abramo", "Троцкий" → "trotskiy"."""
    ascii_text = strip_accents(text.casefold().translate(_CYRILLIC))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").replace("'", "")
    return _NON_SLUG.sub("-", ascii_text).strip("-")


def free_slug(slug: str, taken: Callable[[str], bool]) -> str:
    """The slug if not taken, else the first of slug-2, slug-3 … that is not ("untitled" for an empty slug)."""
    slug = slug or "untitled"
    candidate, counter = slug, 2
    while taken(candidate):
        candidate, counter = f"{slug}-{counter}", counter + 1
    return candidate
