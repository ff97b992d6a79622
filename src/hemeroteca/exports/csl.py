"""CSL-JSON items of archive documents: the input every citation style formats.

Field names and value shapes follow the CSL-JSON schema (csl-data.json, CSL 1.0.2).
Nothing is invented: a field the record lacks is left out (an unsigned editorial
has no "author" key at all).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import name_key
from hemeroteca.record import Record

CslName = dict[str, str]
CslDate = dict[str, Any]

# The record's person roles and credit roles that a citation names, as CSL name variables.
_PERSON_VARIABLES = {"author": "author", "editor": "editor", "translator": "translator"}
_CREDIT_VARIABLES = {"translation": "translator"}

_PAGE_LABEL = re.compile(r"^pp?\.\s*")
_EDTF_POINT = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%])?")
_FIRST_SEASON = 21  # EDTF writes spring, summer, autumn, winter as months 21–24

# Words that join two people's names ("Eleanor Marx e Edward Aveling"): not one person.
_CONJUNCTIONS = frozenset("and & e y et und".split())
# Words naming a body, not a person ("Partido Comunista Brasileiro", "Internacional Comunista"):
# a corporate author has no given name and no surname.
_BODY_WORDS = frozenset(
    """party partido parti partei league liga ligue union uniao international internacional
    internationale committee comite comissao council conselho congress congresso congreso
    conference conferencia federation federacao federacion front frente movement movimento
    movimiento academy academia association associacao group grupo circle circulo society
    sociedade bureau secretariat secretariado executive executiva youth juventude juventud
    fundacao foundation editorial edicoes""".split()
)
# Generational suffixes, which CSL keeps apart from the surname ("Prado, Caio, Jr").
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
# Portuguese generational words are part of the surname ("Prado Júnior, Caio").
_SURNAME_ENDINGS = frozenset("filho neto junior júnior sobrinho".split())
# Particles; capitalised, they belong to the surname ("W. E. B. Du Bois" → "Du Bois").
_PARTICLES = frozenset("de du da das do dos del della di van von der den la le".split())


def csl_item(document_id: str, record: Record, url: str | None = None, accessed: date | None = None) -> dict[str, Any]:
    """The CSL-JSON item citing `record`, served as `document_id` at `url`."""
    item: dict[str, Any] = {"id": document_id, "type": item_type(record)}
    if title := full_title(record.title, record.subtitle):
        item["title"] = title
        if record.subtitle and record.title:
            item["title-short"] = record.title
    for variable, names in _names(record).items():
        item[variable] = names
    source = record.source
    if source is not None and source.periodical:
        item["container-title"] = source.periodical
        if source.volume:
            item["volume"] = source.volume  # Arabic digits, as MLA and APA print volumes
        if source.number:
            item["issue"] = source.number
        if source.pages:
            item["page"] = page_range(source.pages)
    if (issued := issued_date(record)) is not None:
        item["issued"] = issued
    if record.language:
        item["language"] = record.language
    if url:
        item["URL"] = url
    if accessed is not None:
        item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    return item


def item_type(record: Record) -> str:
    """The CSL type: an article when a periodical printed it, a generic document otherwise.

    A periodical issue dated by day ("15 February 1936") is a newspaper's; by month,
    season or year ("February 1936") a magazine's or journal's. The records carry no
    other sign of the kind of paper, and this one holds for ETOL's weeklies (New
    Militant, Socialist Appeal) and monthlies (New International, Fourth International).
    """
    source = record.source
    if source is None or not source.periodical:
        return "document"
    edtf = source.date.edtf if source.date else None
    full_day = edtf is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}[?~%]?", edtf) is not None
    return "article-newspaper" if full_day else "article-magazine"


def full_title(title: str | None, subtitle: str | None) -> str | None:
    """Title and subtitle as the styles print them: "Title: Subtitle" (CSL has no subtitle)."""
    if not title or not subtitle:
        return title or subtitle
    # A title ending in its own question or exclamation mark takes no colon.
    return f"{title} {subtitle}" if title[-1] in "?!" else f"{title}: {subtitle}"


def page_range(pages: str) -> str:
    """CSL's page value: "p. 1" → "1", "pp. 3–4" → "3–4"; a place such as "Inside front cover" stays."""
    return _PAGE_LABEL.sub("", pages, count=1)


def issued_date(record: Record) -> CslDate | None:
    """The date the cited text appeared: the periodical's issue, else the publication, else the writing.

    A text with no periodical is cited as written ("a letter of 28 January 1936").
    Only dates the readers normalised count: a date left unparsed is not guessed at.
    """
    source_date = record.source.date if record.source else None
    if record.source is not None and record.source.periodical:
        order = (source_date, record.published, record.written)
    else:
        order = (record.written, record.published)
    for value in order:
        if value is not None and value.edtf and (parts := edtf_date(value.edtf)) is not None:
            return parts
    return None


def edtf_date(edtf: str) -> CslDate | None:
    """CSL date of an EDTF date or interval: "1936-02" → {"date-parts": [[1936, 2]]}.

    Uncertain or approximate dates ("1936?", "1920~") are "circa"; a season
    ("1936-21") becomes CSL's "season" (1–4). Shapes beyond the readers' output
    (open intervals, unspecified digits) give None.
    """
    points = [_EDTF_POINT.fullmatch(point) for point in edtf.split("/")]
    if not 1 <= len(points) <= 2 or not all(points):
        return None
    date_parts: list[list[int]] = []
    circa = False
    season: int | None = None
    for match in points:
        assert match is not None  # checked above
        year, month, day, qualifier = match.groups()
        parts = [int(year)]
        if month is not None and int(month) >= _FIRST_SEASON:
            season = int(month) - _FIRST_SEASON + 1
        elif month is not None:
            parts += [int(month)] + ([int(day)] if day else [])
        date_parts.append(parts)
        circa = circa or qualifier is not None
    result: CslDate = {"date-parts": date_parts}
    if season is not None and len(date_parts) == 1:  # CSL has one season per date, none per range end
        result["season"] = season
    if circa:
        result["circa"] = True
    return result


def csl_name(name: str) -> CslName:
    """A person's name as CSL parts, from MIA's catalogue where it knows the person.

    MIA's own "Surname, Given" form decides the split ("De Leon, Daniel"); a name MIA
    keeps whole ("Mao Zedong", "Kim Il Sung") and a known pen name ("Antid Oto") stay
    one literal. Other names are split by `split_name`.
    """
    catalogue = load_default_catalogue()
    entry = catalogue.match_author(name)
    if entry is not None and entry.name == name:
        surname, comma, given = entry.sort_name.partition(",")
        return _parts(given.split(), surname.strip()) if comma else {"literal": name}
    if entry is not None and any(
        alias.kind == "pseudonym" and name_key(alias.name) == name_key(name) for alias in catalogue.aliases_for(entry.id)
    ):
        return {"literal": name}
    return split_name(name)


def split_name(name: str) -> CslName:
    """Given names, particles, surname and suffix of a name printed given-names first.

    "Maria Lacerda de Moura" → given "Maria Lacerda", particle "de", family "Moura";
    "W. E. B. Du Bois" → family "Du Bois"; "Caio Prado Jr" → suffix "Jr". A single
    word, two people joined by "e" or "and", or a body ("Partido Comunista
    Brasileiro") cannot be split and stays one literal.
    """
    words = name.split()
    folded = {_fold(word) for word in words}
    if len(words) < 2 or folded & _CONJUNCTIONS or folded & _BODY_WORDS or any(ch.isdigit() for ch in name):
        return {"literal": name}
    suffix = words.pop() if len(words) > 2 and words[-1].casefold() in _SUFFIXES else None
    family = words.pop()
    if len(words) > 1 and family.casefold() in _SURNAME_ENDINGS:
        family = f"{words.pop()} {family}"
    while len(words) > 1 and words[-1][:1].isupper() and words[-1].casefold() in _PARTICLES:
        family = f"{words.pop()} {family}"
    parts = _parts(words, family)
    if suffix:
        parts["suffix"] = suffix
    return parts


def _parts(given_words: list[str], family: str) -> CslName:
    # Lower-case words before the surname are its particles ("Jean van Heijenoort"); each
    # style decides whether they sort with it ("van Heijenoort") or after the given names.
    words = list(given_words)
    particles: list[str] = []
    while words and words[-1][:1].islower():
        particles.insert(0, words.pop())
    if not words:
        return {"literal": " ".join([*given_words, family])}
    parts: CslName = {"family": family, "given": " ".join(words)}
    if particles:
        parts["non-dropping-particle"] = " ".join(particles)
    return parts


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _names(record: Record) -> dict[str, list[CslName]]:
    names: dict[str, list[CslName]] = {}
    for person in record.authors:
        if variable := _PERSON_VARIABLES.get(person.role):
            names.setdefault(variable, []).append(csl_name(person.name))
    for credit in record.credits:
        if variable := _CREDIT_VARIABLES.get(credit.role):
            names.setdefault(variable, []).append(csl_name(credit.name))
    return names

