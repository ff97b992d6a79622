"""BibTeX entries of archive documents, for BibTeX and biblatex.

An entry is built from the document's CSL-JSON item (`exports.csl`), so names,
dates and pages are read from the record once, by the same rules, for every export.
Letters outside ASCII are kept as UTF-8, which biblatex (with biber) and modern
BibTeX set as they are.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hemeroteca.exports.csl import CslName, csl_item
from hemeroteca.record import Record

_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# TeX's special characters, as text.
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile("|".join(re.escape(char) for char in _ESCAPES))
# Leading articles a key skips: "The Dragnet of the GPU" → "dragnet".
_ARTICLES = frozenset("the a an o os as um uma el la los las le les der die das".split())


def bibtex_entry(document_id: str, record: Record, url: str | None = None, *, taken: set[str] | None = None) -> str:
    """@article for a text a periodical printed, @misc for any other; one field a line.

    `taken`: the keys a file holds already; the entry's key gets a letter ("…a", "…b") to differ, and joins them.
    """
    item = csl_item(document_id, record, url)
    entry_type = "article" if str(item["type"]).startswith("article-") else "misc"
    fields: list[tuple[str, str]] = []
    if names := item.get("author"):
        fields.append(("author", "{" + " and ".join(bibtex_name(name) for name in names) + "}"))
    if title := item.get("title"):
        # Inner braces keep the title's capitals: BibTeX styles lower-case titles ("AP" → "ap").
        fields.append(("title", "{{" + escape(title) + "}}"))
    if entry_type == "article":
        for field, variable in (("journal", "container-title"), ("volume", "volume"), ("number", "issue")):
            if variable in item:
                fields.append((field, "{" + escape(str(item[variable])) + "}"))
        if page := item.get("page"):
            fields.append(("pages", "{" + escape(bibtex_pages(page)) + "}"))
    if issued := item.get("issued"):
        year, month = year_and_month(issued["date-parts"])
        fields.append(("year", "{" + year + "}"))
        if month is not None:
            fields.append(("month", _MONTH_MACROS[month - 1]))  # a macro, unbraced: styles print it in their language
    if url:
        fields.append(("url", "{" + url + "}"))  # verbatim in biblatex and the url package: not escaped
    key = bibtex_key(item)
    if taken is not None:
        key = next(key + suffix for suffix in ("", *_SUFFIXES) if key + suffix not in taken)
        taken.add(key)
    lines = [f"@{entry_type}{{{key},"] + [f"  {field} = {value}," for field, value in fields] + ["}"]
    return "\n".join(lines) + "\n"


_SUFFIXES = [a + b for a in ("", *"abcdefghijklmnopqrstuvwxyz") for b in "abcdefghijklmnopqrstuvwxyz"]


def bibtex_key(item: dict[str, Any]) -> str:
    """Stable ASCII key: first author's surname ("anon" if unsigned), year ("nd" if none), first title word.

    "Trotsky Cables Denial…" by Leon Trotsky, 1936 → "trotsky1936trotsky". A part with
    no ASCII letter left (a name in Cyrillic) is dropped rather than guessed at.
    """
    names = item.get("author") or []
    surname = _ascii_word(names[0].get("family") or names[0].get("literal", "")) if names else "anon"
    issued = item.get("issued")
    year = str(issued["date-parts"][0][0]) if issued else "nd"
    words = [_ascii_word(word) for word in str(item.get("title", "")).split()]
    words = [word for word in words if word]
    significant = [word for word in words if word not in _ARTICLES]
    return surname + year + next(iter(significant or words), "")


def bibtex_name(name: CslName) -> str:
    """A CSL name in BibTeX's "von Last, Jr, First" form; a literal name braced whole so it is never split."""
    if "literal" in name:
        return "{" + escape(name["literal"]) + "}"
    last = " ".join(part for part in (name.get("non-dropping-particle"), name["family"]) if part)
    parts = [last, name.get("suffix"), name.get("given")]
    return ", ".join(escape(part) for part in parts if part)


def bibtex_pages(page: str) -> str:
    """"3–4" → "3--4": BibTeX writes a page range with a double hyphen."""
    return re.sub(r"(?<=\w)\s*[-–]\s*(?=\w)", "--", page) if re.search(r"\d", page) else page


def year_and_month(date_parts: list[list[int]]) -> tuple[str, int | None]:
    """BibTeX year and month of CSL date-parts: a range gives "1894--1895" and a month only both ends share."""
    start, end = date_parts[0], date_parts[-1]
    year = str(start[0]) if start[0] == end[0] else f"{start[0]}--{end[0]}"
    same_month = len(start) > 1 and start[:2] == end[:2]
    return year, start[1] if same_month else None


def escape(text: str) -> str:
    """TeX's special characters as text: "Marx & Engels" → "Marx \\& Engels"."""
    return _SPECIAL.sub(lambda match: _ESCAPES[match.group()], text)


def _ascii_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode())
