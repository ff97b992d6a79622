"""The bibliographic block: which chunks are bibliographic, what their lines say ("Source:", "Transcribed by …"),
and the source citation and date of publication a record takes from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.fields.citation import WEB_ADDRESS, first_date, parse_citation
from hemeroteca.fields.credits import parse_credit_sentences, parse_credit_value, split_off_credits
from hemeroteca.fields.dates import parse_date
from hemeroteca.fields.labels import LABELLED_LINE, credit_roles, field_for_label
from hemeroteca.fields.text import normalise_space, strip_trailing_period
from hemeroteca.readers.blocks import Chunk
from hemeroteca.record import Citation, Credit, DateValue

# The extra field keeping a source line that named no periodical (a website) where the first edition's is the source.
TRANSCRIBED_FROM_FIELD = "Transcribed from"
_METADATA_LINE_MAX = 600  # a bibliographic line is short; longer plain lines are text
_METADATA_MAX_LINES = 12
_METADATA_DATE_LINE_MAX = 200  # a longer line holding a date is prose, not a date line
_LABEL_MAX_CHARS = 48  # where a line's label ends, if it has one
_REPRINT_AFTER_YEARS = 5  # a periodical printing a text this long after its date is reprinting it
_PROSE_MIN_CHARS = 100  # an unlabelled line of information this long is prose
_BOOKISH = re.compile(
    r"\b(?:collected|selected|works|obras|publishers?|press|books|editions?|éditions|edições|ediciones|edição|edición|"
    r"editora|editorial|"
    r"progress|foreign languages|coleção|colecao|colección|coleccion|collection|instituto|institute|"
    r"verlag|wishart|company|co|eds?)\b|\(eds?\.",
    re.IGNORECASE,
)
_FIRST_PUBLISHED = re.compile(
    r"^(?:originally\s+|first\s+)?published(?:\s+in\s+(?:english|french|german|russian|\w+ish))?\s+(?:in|by)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_THIS_VERSION = re.compile(r"^(?:this\s+version|transcribed|taken|reproduced)\s+from\s+(?P<rest>.+)$", re.IGNORECASE)
# Where a second "Label:" starts inside one line, after a sentence or clause ends.
_NEXT_LABEL = re.compile(r"(?<=[.;])\s+(?=[A-Z][\w/ -]{1,30}:\s)")
# "Fonte: desconhecida.?!": the page says it does not know its source.
_UNKNOWN = re.compile(r"^\W*(?:desconhecid[oa]|desconocid[oa]|unknown|inconnue?)\W*$", re.IGNORECASE)
# A first edition that tells of a speech or a lecture, not of a printing.
_DELIVERED = re.compile(
    r"\b(?:discurso|pronunciad[oa]|conferência|palestra|intervenção|proferid[oa]|speech|lecture|delivered)\b",
    re.IGNORECASE,
)
# A statement the page makes with doubt: its date is uncertain.
_HEDGED = re.compile(
    r"\b(?:provavelmente|possivelmente|presumivelmente|probablemente|posiblemente|probably|possibly|presumably)\b",
    re.IGNORECASE,
)
_LEADING_GLOSS = re.compile(r"^\([^)]*\)\s*")
_REPRINTED = re.compile(r"^(?:recently\s+|later\s+|also\s+)?(?:reprinted|republished|reproduced)\s+(?:in|from|by)\b", re.IGNORECASE)
# "Translated from La Petite République." (a translator would be named: "Translated from Russian by …" is a credit).
_TRANSLATED_FROM = re.compile(r"^(?:translated|traduzido|traducido)\s+(?:from|de|do|da)\s+(?P<rest>.+?)\.?$", re.IGNORECASE)
_MONTH_OR_DAY = re.compile(r"^\d{4}-\d{2}")
_PUBLISHED_FIRST = re.compile(r"^\s*(?:Publicad[oa]|Published)\b", re.IGNORECASE)
_PUBLISHED_SENTENCE = re.compile(r"(?<=[.;])\s+(?P<sentence>(?:Publicad[oa]|Published)\b[^.]*(?:\.\d[^.]*)*)")
# A credit whose label is longer than other fields' or has commas: "Tradução, notas e acréscimos(2): Caique de Oliveira
# Sobreira Cruz(3) e …", "Tradução do inglês para o português e prefácio: anônimo."
_LONG_LABEL = re.compile(r"^(?P<label>[^\W\d][^:]{1,60}?)\s*:\s*(?P<value>\S.*)$")
# A credit label with no colon before the name, in an information block: "Tradução José Paulo Gascão.", "Tradução JF."
_UNMARKED_LABEL = re.compile(r"^(?P<label>[^\W\d]+)\s+(?P<value>[A-ZÀ-Þ]\S*(?:\s+\S+){0,5})$")
# "Thanks to Fritz Keller.", "Copied with thanks from Libcom.org."
_THANKS = re.compile(r"^(?:many\s+)?thanks\s+to\b|.*\bwith\s+thanks\b", re.IGNORECASE)


@dataclass(slots=True)
class Metadata:
    """What the bibliographic lines of a page said, gathered before the record is built."""

    fields: dict[str, str] = field(default_factory=dict)
    credits: list[Credit] = field(default_factory=list)
    source: Citation | None = None
    version_source: Citation | None = None  # "This version from …": the text transcribed
    license: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # The year a running head files the work under ("Plekhanov 1898"): its dateline when the page gives none.
    filed_under: str | None = None

    def take_chunk(self, chunk: Chunk, *, in_information_block: bool) -> None:
        citation = _citation_chunk(chunk)
        if citation is not None and self.source is None:
            self.source = citation
            return
        for line in chunk.lines:
            self.take_line(line, in_information_block=in_information_block)

    def take_line(self, line: str, *, in_information_block: bool) -> bool:
        """Record one bibliographic line; False when the line is not one."""
        line = normalise_space(line)
        if not line:
            return True
        # "Published: Pravda No. 68, March 22, 1913. Signed: W." holds two fields.
        pieces = _NEXT_LABEL.split(line)
        if len(pieces) > 1 and all(self._labelled_field(piece) for piece in pieces[1:]):
            line = pieces[0]
        if _REPRINTED.match(line):  # before labels: "Republished in James Connolly: Selected Political Writings, …"
            self.keep("Reprinted", line)
            return True
        labelled = LABELLED_LINE.match(line)
        if labelled:
            label, value = labelled.group(1), labelled.group(2).strip().rstrip(";").strip()
            name = field_for_label(label)
            if name is not None:
                self._take_field(name, value)
                self._take_pieces(pieces)
                return True
            if in_information_block and value:
                self.keep(normalise_space(label), value)
                self._take_pieces(pieces)
                return True
        if (named := _credits_under_loose_label(line, in_information_block)) is not None:
            self.credits.extend(named)
            return True
        credits = parse_credit_sentences(line)
        if credits is not None:
            self.credits.extend(credits)
            return True
        published = _FIRST_PUBLISHED.match(line)
        if published:
            self.fields.setdefault("published", published.group("rest"))
            if self.source is None:
                self.source = parse_citation(published.group("rest"))
            return True
        version = _THIS_VERSION.match(line)
        if version:
            self.version_source = parse_citation(version.group("rest"))
            return True
        if line.casefold().startswith("from ") and self.source is None:
            citation = parse_citation(line)
            if citation.periodical and (citation.date or citation.volume or citation.number):
                self.source = citation
                return True
        translated_from = _TRANSLATED_FROM.match(line)
        if translated_from:
            self.fields.setdefault("translation_source", translated_from.group("rest"))
            return True
        if _THANKS.match(line):
            self.keep("Thanks", line)
            return True
        if in_information_block:
            citation = parse_citation(line)
            if self.source is None and citation.periodical and citation.date:
                self.source = citation
            else:
                self.keep(f"Line {len(self.extra) + 1}", line)
            return True
        return False

    def keep(self, label: str, value: str) -> None:
        """Keep a line no field takes, under its label ("Heading", "Heading 2", …): a second one is never dropped."""
        key, number = label, 1
        while key in self.extra and self.extra[key] != value:
            number += 1
            key = f"{label} {number}"
        self.extra[key] = value

    def take_labelled(self, line: str) -> bool:
        """Take a line only if it is "Label: value" with a label MIA uses."""
        if not self._labelled_field(line):
            return False
        return self.take_line(line, in_information_block=False)

    @staticmethod
    def _labelled_field(piece: str) -> bool:
        labelled = LABELLED_LINE.match(piece)
        return bool(labelled) and field_for_label(labelled.group(1)) is not None

    def _take_pieces(self, pieces: list[str]) -> None:
        if len(pieces) > 1 and all(self._labelled_field(piece) for piece in pieces[1:]):
            for piece in pieces[1:]:
                labelled = LABELLED_LINE.match(piece)
                assert labelled is not None
                self._take_field(field_for_label(labelled.group(1)) or "", labelled.group(2).strip().rstrip(";").strip())

    def _take_field(self, name: str, value: str) -> None:
        if name.startswith("credit:"):
            self.credits.extend(parse_credit_value(credit_roles(name), value))
        elif name == "source":
            value, credits = split_off_credits(value)
            self.credits.extend(credits)
            if self.source is None:
                self.source = parse_citation(value)
            else:
                self.keep("Source", value)
        elif name.startswith("license"):
            # "Public Domain: Lenin Internet Archive (2004)": the label is the licence.
            label = name.partition(":")[2]
            statement = strip_trailing_period(value)
            if label and label.casefold() not in statement.casefold():
                statement = f"{label}: {statement}" if statement else label
            self.license = self.license or statement or None
        else:
            self.fields.setdefault(name, value)


def is_metadata_chunk(chunk: Chunk) -> bool:
    """A chunk of the bibliographic block (decided once per chunk: layout asks often)."""
    if chunk.is_metadata is None:
        chunk.is_metadata = _bibliographic(chunk)
    return chunk.is_metadata


_BIBLIOGRAPHIC_STARTS = (
    "from ", "transcri", "marked", "mark-", "html", "translat", "proof", "edited", "scanned", "correct",
    "reprint", "republish", "reproduc", "convert", "first", "originall", "publish", "this versio",
)


def _may_be_bibliographic(line: str) -> bool:
    """A cheap first look: a label near the start, or a credit or source verb."""
    return len(line) <= _METADATA_LINE_MAX and (":" in line[:_LABEL_MAX_CHARS] or line[:10].casefold().startswith(_BIBLIOGRAPHIC_STARTS))


def _citation_chunk(chunk: Chunk) -> Citation | None:
    """A short chunk that starts with an emphasised name and holds a date: "*The Daily People* / March 4, 1905"."""
    if chunk.lead_emphasis is None or chunk.kind != "paragraph" or len(chunk.text) > 200 or len(chunk.lines) > 3:
        return None
    if any(LABELLED_LINE.match(line) or parse_credit_sentences(line) for line in chunk.lines):
        return None
    citation = parse_citation(", ".join(line.rstrip(",. ") for line in chunk.lines))
    if citation.periodical and citation.date and citation.date.edtf and citation.periodical.strip("*_ ") == chunk.lead_emphasis.strip(" ,."):
        return citation
    return None


def _bibliographic(chunk: Chunk) -> bool:
    if chunk.role == "information":
        return not _holds_no_field(chunk)
    if chunk.role in ("from", "credits", "license"):
        return True
    if _citation_chunk(chunk) is not None:
        return True
    if chunk.kind != "paragraph" or not 0 < len(chunk.lines) <= _METADATA_MAX_LINES:
        return False  # a long list of dated lines is a list of works, not an information block
    if not any(_may_be_bibliographic(line) for line in chunk.lines):
        return False
    # Every line bibliographic; or, as in pandoc's copies of MIA's information block
    # ("**Workers' Republic**, 27 August 1898.\ Transcribed by …"), credit or labelled
    # lines with short citation lines among them.
    probe = Metadata()
    verdicts = [probe.take_line(line, in_information_block=False) for line in chunk.lines]
    if all(verdicts):
        return True
    # Beside known fields, a block may hold lines with labels of its own ("Brovided by:").
    return any(verdicts) and all(
        ok or LABELLED_LINE.match(line) or len(line) < _METADATA_DATE_LINE_MAX and parse_date(line) is not None
        for ok, line in zip(verdicts, chunk.lines)
    )


def _credits_under_loose_label(line: str, in_information_block: bool) -> list[Credit] | None:
    """The people a credit line names under a label "Label: value" does not catch (long, with commas, or with no
    colon); None when it is no such line or names no one a credit can hold ("anônimo", "JF"): it is kept as it is."""
    labelled = _LONG_LABEL.match(line) or (_UNMARKED_LABEL.match(line) if in_information_block else None)
    field_name = field_for_label(labelled["label"]) if labelled else None
    if labelled is None or field_name is None or not field_name.startswith("credit:"):
        return None
    return parse_credit_value(credit_roles(field_name), labelled["value"]) or None


def _holds_no_field(chunk: Chunk) -> bool:
    """A paragraph set as information that reads as no field, credit, citation or date: the editors' prose ("After
    Marx’s death, in rummaging through Marx’s manuscripts, Engels came upon…"), a study guide's questions or a list
    of works, all of it text."""
    if len(chunk.lines) < 2 and len(chunk.text) < _PROSE_MIN_CHARS:
        return False  # a short line ("Drafted by James Connolly, Belfast, 1912.") is a field of the block
    probe = Metadata()
    for position, line in enumerate(chunk.lines):
        if position == 0 and line.endswith(":") and len(chunk.lines) > 1:
            continue  # the lines' heading ("Questions for discussion:"), not a field's label
        if probe.take_line(line, in_information_block=False) or ":" in line[:_LABEL_MAX_CHARS]:
            return False  # a field, or a label of the block's own ("Tradução, notas e acréscimos(2): …")
        if len(line) < _METADATA_DATE_LINE_MAX and (parse_date(line) is not None or _is_citation(line)):
            return False
    return True


def _is_citation(line: str) -> bool:
    citation = parse_citation(line)
    return bool(citation.periodical and citation.date)


def published_date(metadata: Metadata, dateline: str | None = None) -> DateValue | None:
    """First publication: stated outright (its first date outside an issue number: "Rouge, n° 1755, Paris, 1997"
    is 1997; none if the statement gives none), or else the date of a periodical the source line names, unless
    that is years after the text's own date (a letter of 1841 translated in "Mouro, n.º 4, janeiro de 2011")."""
    stated = metadata.fields.get("published")
    if stated and _DELIVERED.search(stated) and not _names_an_issue(parse_citation(stated)):
        return None  # "Conferência pronunciada no Seminario …, Quito, 30 e 31 de Enero de 2013": when it was spoken
    if stated:  # "Droit du Peuple." gives no date, nor does "Rouge nº 1418."; a source line's date would be a reprint's
        date = first_date(stated)
        if date is not None and date.edtf and _HEDGED.search(stated) and date.edtf[-1].isdigit() and "/" not in date.edtf:
            return replace(date, edtf=f"{date.edtf}?")  # "provavelmente, … no jornal «Volontá» de Ancona, … em 1920"
        return date
    source = metadata.source
    if source and source.periodical and source.date and source.date.edtf and not _BOOKISH.search(source.raw):
        own = parse_date(dateline) if dateline else None
        gap = _years_between(own.edtf, source.date.edtf) if own is not None and own.edtf else None
        return None if gap is not None and gap > _REPRINT_AFTER_YEARS else source.date
    return None


def _years_between(earlier: str, later: str) -> int | None:
    """The years from one EDTF date to another, by the year each opens with; None where one has no year."""
    return int(later[:4]) - int(earlier[:4]) if earlier[:4].isdigit() and later[:4].isdigit() else None


def source_citation(metadata: Metadata, title: str | None) -> Citation | None:
    """The source: the periodical issue of first publication ("Primeira edição: La Antorcha, n.º 298, …") where
    the "Source:" line (or the version transcribed) names no issue but a website or a book, that line kept as
    "Transcribed from"; else the source line, preferably one naming a periodical or book; else what there is.
    Without the article's own title or author where the line opens with them, dated by the publisher's line
    where it has no date."""
    stated = [c for c in (metadata.source, metadata.version_source) if c is not None and not _UNKNOWN.match(c.raw)]
    named = next((citation for citation in stated if citation.periodical), None)
    # Only a line naming no issue may yield to the first edition (read only then: most pages need not).
    first_edition = None if named and _names_an_issue(named) else _periodical_edition(metadata.fields.get("published"), title)
    if stated and first_edition is not None and (
        _names_an_issue(first_edition) or _dated_issue(first_edition) and not any(c.date or c.number for c in stated)
    ):
        metadata.extra.setdefault(TRANSCRIBED_FROM_FIELD, stated[0].raw)
        stated, named = [], None
    translated_from = metadata.fields.get("translation_source")
    source = named or (stated[0] if stated else first_edition) or (parse_citation(translated_from) if translated_from else None)
    return _dated_by_publisher(_without_title(_without_author(source), title), metadata.fields.get("publisher"))


def _without_author(source: Citation | None) -> Citation | None:
    """"Georgi Plekhanov, Selected Philosophical Works, Volume 2 (…)": a citation may open with the author, whom
    MIA's catalogue knows as a person and not as a periodical; the book or periodical comes after, and a gloss
    opening what is left ("(trans. Aveling)") goes with the name."""
    if source is None or not source.periodical or not _names_a_person_only(source.periodical):
        return source
    return _after_opening(source, source.periodical)


@lru_cache(maxsize=4096)
def _names_a_person_only(name: str) -> bool:
    """MIA's catalogue knows `name` as a person and not as a periodical (the same names recur page after page)."""
    catalogue = load_default_catalogue()
    return catalogue.match_author_loosely(name) is not None and not catalogue.periodical_candidates(name)


def _after_opening(source: Citation, opening: str) -> Citation:
    """The citation that follows `opening`, wrongly taken for the periodical (the page's own title, its author),
    and a gloss opening what is left ("(trans. Aveling)"); the raw line stays whole."""
    end = source.raw.find(opening) + len(opening)
    rest = _LEADING_GLOSS.sub("", source.raw[end:].lstrip(" ,.;:\"'”’*_"))
    return replace(parse_citation(rest), raw=source.raw) if rest else source


def _without_title(source: Citation | None, title: str | None) -> Citation | None:
    """"*Bruce Glasier in Ireland*, **Justice**, 31 March 1900": a citation may open with the article's own title,
    or with the title and what the piece is ("*Britain coming into line -- letter to Quelch*, **Justice**, …")."""
    if source is None or not title or not source.periodical:
        return source
    opening, own_title = source.periodical.strip(" “”\"'*_").casefold(), title.strip(" “”\"'").casefold()
    if not opening.startswith(own_title) or opening[len(own_title) : len(own_title) + 1].isalnum():
        return source
    return _after_opening(source, source.periodical)


def _dated_by_publisher(source: Citation | None, publisher: str | None) -> Citation | None:
    """A book's source line gives title and pages, its "Publisher: Progress Publishers, 1972" line the year."""
    if source is None or source.date is not None or not publisher:
        return source
    date = parse_date(publisher)
    return replace(source, date=date) if date is not None and date.edtf else source


def _dated_issue(citation: Citation) -> bool:
    """A periodical named with the month or day of its issue ("Rabotchii krai, 7 de dezembro de 1918", "Monthly
    Review, número de Dezembro de 1984", "Mundial, Lima, 16 de janeiro de 1925"): what a first edition names where
    the source line names only the website or book it was taken from. Not a year alone, which books give ("Марксизм
    и философия языка, Leningrado, 1930"), nor one word and a date, a letter's place ("Irkutsk. 7 de novembro de
    1860", where "jornal «Volontà» de Ancona, 16 agosto 1919" quotes its one word), nor words cut inside a bracket ("Carta a seu irmão Pavel (Paris, 29 de março de 1845")."""
    name = citation.periodical
    if not name or citation.date is None or not _MONTH_OR_DAY.match(citation.date.edtf or "") or name.count("(") > name.count(")"):
        return False
    return len(name.split()) > 1 or citation.raw.count(",") >= 2 or any(mark + name in citation.raw for mark in "«“\"")


def _names_an_issue(citation: Citation) -> bool:
    """A periodical's issue, by its number or volume or a title MIA's catalogue knows ("La Antorcha, n.º 298"),
    not a place or a book ("Irkutsk, 7 de novembro de 1860")."""
    return bool(citation.number or citation.volume or _catalogued_periodical(citation.periodical or ""))


@lru_cache(maxsize=4096)
def _catalogued_periodical(name: str) -> bool:
    return bool(load_default_catalogue().periodical_candidates(name))


def _periodical_edition(stated: str | None, title: str | None) -> Citation | None:
    """The periodical a "Primeira edição: Labour Chronicle, …" line names, with its date or its issue ("Novos Rumos,
    ano 1, n.º 40."); None for a book. An issue's number makes it a periodical's whatever words its name holds
    ("International Press Correspondence", "O Combate, edição 4581")."""
    if not stated:
        return None
    # The first sentence (before "Republicado em …"), unless it names the original and a later one where it was
    # published ("Original alemão Die neue … Publicado no Jornal "Folha de São Paulo", 25 de janeiro de 2004").
    first_sentence = re.split(r"(?<=\d)\.\s+(?=[A-Z])", stated, maxsplit=1)[0]
    published_in = None if _PUBLISHED_FIRST.match(first_sentence) else _PUBLISHED_SENTENCE.search(stated)
    # Without the text's own title opening it: "Carta a seu irmão Pavel (Paris, 29 de março de 1845" is no periodical.
    citation = _without_title(parse_citation(published_in["sentence"] if published_in else first_sentence), title)
    if citation is None:
        return None
    if not citation.periodical or _BOOKISH.search(citation.raw) and not citation.number or WEB_ADDRESS.search(citation.raw):
        return None  # a book, or a website ("O original encontra-se em http://www.resumenlatinoamericano.org, nº 1075")
    return citation if citation.date or _names_an_issue(citation) else None
