"""Page layout: from a page's chunks in reading order to one Record.

MIA and ETOL pages, whatever their markup, share one order: navigation, a
header (running head, author, title, deck, dateline), a bibliographic block,
the text (editor's notes first, signature last, notes after), then navigation
and "Last updated". Readers keep what markup tells them in `Chunk.role`;
layout decides the rest by position and by what the text says, the same way
for HTML, Markdown and text dumps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import clean_person_name
from hemeroteca.fields.boilerplate import is_navigation_line, is_site_notice, last_updated_text
from hemeroteca.fields.citation import parse_citation
from hemeroteca.fields.credits import parse_credit_sentences, parse_credit_value, split_off_credits
from hemeroteca.fields.dates import parse_date
from hemeroteca.fields.labels import LABELLED_LINE, credit_roles, field_for_label
from hemeroteca.fields.language import detect_language
from hemeroteca.fields.persons import looks_like_person_name
from hemeroteca.fields.quotes import attribution_from_lead_in, is_quoted_paragraph
from hemeroteca.fields.text import normalise_space, split_glued_words, strip_trailing_period
from hemeroteca.readers.blocks import Chunk
from hemeroteca.record import Block, Citation, Credit, DateValue, Note, Person, Record

# The extra field that keeps the lifetime under the name on an author's own index page: such a page has its
# person as subject, not as author.
LIFETIME_FIELD = "Lifetime"
_LEADING_RUN_MAX_CHARS = 400  # header chunks are short; the first long one is text
_LEADING_RUN_MAX_CHUNKS = 16
_METADATA_LINE_MAX = 600  # a bibliographic line is short; longer plain lines are text
_HEADER_PLAIN_MAX = 5  # author, title, deck, dateline, running head
_SUBSTANTIAL_CHARS = 200  # a paragraph this long is the author's text, not furniture
_MENU_LINK_SHARE = 0.8  # a line this much link text is a menu or a table of contents
_EDITOR_NOTE_MIN_CHARS = 80  # a short italic line atop the text is an epigraph, not an editor's note
_EDITOR_NOTE = re.compile(
    r"^(?:editor[’']?s?[’']?\s+note|editorial\s+note|note\s+by\s+(?:the\s+)?(?:etol|mia|editor)|"
    r"note\s+by\s+[A-Z][\w ]+$|"
    r"nota\s+(?:do|da|del|de\s+la)\s+(?:editor|edição|edicao|edición|redacción|redação|tradutor|traductor))\b",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^\(?\s*signed\s*\)?\s*:?\s+\S", re.IGNORECASE)
_NOTES_HEADING = re.compile(
    r"^(?:notes?|footnotes?|endnotes?|notas?(?:\s+de\s+rodapé)?|notas del (?:autor|editor)|примечания)\s*:?$",
    re.IGNORECASE,
)
_CO_AUTHORS = re.compile(r"\s+(?:and|e|y|und|et|&)\s+")
_BY_LINE = re.compile(r"^(?:by|por|par|von)\s+(?P<name>.+)$", re.IGNORECASE)
_BOOKISH = re.compile(
    r"\b(?:collected|selected|works|obras|publishers?|press|books|edition|edição|edición|editora|editorial|"
    r"progress|foreign languages|coleção|colecao|colección|coleccion|collection|instituto|institute)\b",
    re.IGNORECASE,
)
_FIRST_PUBLISHED = re.compile(
    r"^(?:originally\s+|first\s+)?published(?:\s+in\s+(?:english|french|german|russian|\w+ish))?\s+(?:in|by)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_THIS_VERSION = re.compile(r"^(?:this\s+version|transcribed|taken|reproduced)\s+from\s+(?P<rest>.+)$", re.IGNORECASE)
# Where a second "Label:" starts inside one line, after a sentence or clause ends.
_NEXT_LABEL = re.compile(r"(?<=[.;])\s+(?=[A-Z][\w/ -]{1,30}:\s)")
# "…Bonaparte[64]", "…defesa(1)": a note marker glued to a title's end.
_TITLE_NOTE_MARKER = re.compile(r"(?:\s*\[(?:\d{1,3}|\*|[a-z])\]|(?<=[^\s\d(])\((?:\d{1,3}|\*)\))$")
_ELISION = re.compile(r"^\[?\s*(?:\.\s*){3,}\]?$|^\[…\]$|^…$")
# MIA's letter titles: "Karl Marx to Ludwig Kugelmann, 30 January 1868", "Engels to J. Bloch".
_LETTER_TITLE = re.compile(r"^(?P<sender>[A-Z][\w.’' -]{1,40}?)\s+to\s+(?P<addressee>[A-Z].+?)(?:,\s*(?P<date>[^,]*\d{4}))?$")
# A heading that goes on with the title's sentence: "Inaugural Address" / "of the International Working Men’s Association".
_TITLE_CONTINUED = re.compile(r"^(?:of|and|in|on|for|to|from|with)\s")
_DATELINE_MAX_CHARS = 60
_SEPARATOR = re.compile(r"^[*⁂•·\s-]+$")
_NOTE_NUMBER = re.compile(r"^(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}\.|\*{1,3})\s")
_DATE_THEN_PLACE = re.compile(r"^(?P<date>.+?\d{4})[.,]\s+(?P<place>[^\d.,]+?)\.?$")
_SECTION_NAME = re.compile(r"\b(?:archive|arquivo|archivo)$", re.IGNORECASE)
# Headings of a section the letter templates carry, filled in or left empty.
_SECTION_LABEL = re.compile(r"^(?:abstract|summary|resumo|resumen|sumário|аннотация)$", re.IGNORECASE)
# A heading's numbering line: "Chapter 1", "Part IV", "Capítulo II".
_PART_NUMBER = re.compile(r"^(?:chapter|section|part|book|cap[ií]tulo|parte|livro|libro|глава|часть)\s+[\divxlc]+\.?$", re.IGNORECASE)
_REPRINTED = re.compile(r"^(?:recently\s+|later\s+|also\s+)?(?:reprinted|republished|reproduced)\s+(?:in|from)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Metadata:
    """What the bibliographic lines of a page said, gathered before the record is built."""

    fields: dict[str, str] = field(default_factory=dict)
    credits: list[Credit] = field(default_factory=list)
    source: Citation | None = None
    version_source: Citation | None = None  # "This version from …": the text transcribed
    license: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

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
        labelled = LABELLED_LINE.match(line)
        if labelled:
            label, value = labelled.group(1), labelled.group(2).strip().rstrip(";").strip()
            name = field_for_label(label)
            if name is not None:
                self._take_field(name, value)
                self._take_pieces(pieces)
                return True
            if in_information_block and value:
                self.extra.setdefault(normalise_space(label), value)
                self._take_pieces(pieces)
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
        if _REPRINTED.match(line):
            self.extra.setdefault("Reprinted", line)
            return True
        if in_information_block:
            citation = parse_citation(line)
            if self.source is None and citation.periodical and citation.date:
                self.source = citation
            else:
                self.extra.setdefault(f"Line {len(self.extra) + 1}", line)
            return True
        return False

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
                self.extra.setdefault("Source", value)
        elif name.startswith("license"):
            # "Public Domain: Lenin Internet Archive (2004)": the label is the licence.
            label = name.partition(":")[2]
            statement = strip_trailing_period(value)
            if label and label.casefold() not in statement.casefold():
                statement = f"{label}: {statement}" if statement else label
            self.license = self.license or statement or None
        else:
            self.fields.setdefault(name, value)


def _is_date_only(text: str) -> DateValue | None:
    """A dateline such as "(28 January 1936)": the whole text is one date."""
    inner = text.strip().strip("()[]").strip(" .")
    date = parse_date(inner)
    if date is None or date.edtf is None:
        return None
    rest = inner.replace(date.raw, "", 1).strip(" ,.–-")
    return date if len(rest) <= 3 else None


def _person(text: str) -> Person | None:
    """The author when `text` names one person: MIA's form of the name if it knows them, else as printed."""
    text = strip_trailing_period(normalise_space(text))
    by_line = _BY_LINE.match(text)
    if by_line:
        text = by_line.group("name")
    printed = clean_person_name(text)
    entry = load_default_catalogue().match_author_loosely(printed)
    if entry is not None:
        return Person(name=entry.name, printed_as=printed if printed != entry.name else None)
    return Person(name=printed) if looks_like_person_name(printed) else None


def _people(text: str) -> list[Person]:
    """The authors an author line names: "Harry Magdoff e Paul M. Sweezy" is two people, each named in full."""
    parts = _CO_AUTHORS.split(strip_trailing_period(normalise_space(text)))
    if len(parts) > 1 and all(len(part.split()) > 1 for part in parts):
        people = [_person(part) for part in parts]
        if all(people):
            return [person for person in people if person is not None]
    return [_person(text) or Person(name=text)]


def _running_head(text: str) -> bool:
    """"The New International, February 1936": a periodical name, a comma, an issue date."""
    head, _, tail = text.rpartition(",")
    return bool(head) and len(text) < 90 and _is_date_only(tail) is not None


def _is_metadata_chunk(chunk: Chunk) -> bool:
    if chunk.is_metadata is None:
        chunk.is_metadata = _bibliographic(chunk)
    return chunk.is_metadata


_BIBLIOGRAPHIC_STARTS = (
    "from ", "transcri", "marked", "mark-", "html", "translat", "proof", "edited", "scanned", "correct",
    "reprint", "republish", "reproduc", "convert", "first", "originall", "publish", "this versio",
)


def _may_be_bibliographic(line: str) -> bool:
    """A cheap first look: a label near the start, or a credit or source verb."""
    return len(line) <= _METADATA_LINE_MAX and (":" in line[:48] or line[:10].casefold().startswith(_BIBLIOGRAPHIC_STARTS))


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
    if chunk.role in ("information", "from", "credits", "license"):
        return True
    if _citation_chunk(chunk) is not None:
        return True
    if chunk.kind != "paragraph" or not chunk.lines or not any(_may_be_bibliographic(line) for line in chunk.lines):
        return False
    # Every line bibliographic; or, as in pandoc's copies of MIA's information block
    # ("**Workers' Republic**, 27 August 1898.\ Transcribed by …"), credit or labelled
    # lines with short citation lines among them.
    probe = _Metadata()
    verdicts = [probe.take_line(line, in_information_block=False) for line in chunk.lines]
    if all(verdicts):
        return True
    # Beside known fields, a block may hold lines with labels of its own ("Brovided by:").
    return any(verdicts) and all(
        ok or LABELLED_LINE.match(line) or len(line) < 200 and parse_date(line) is not None
        for ok, line in zip(verdicts, chunk.lines)
    )


def _strip_furniture(chunks: list[Chunk]) -> tuple[list[Chunk], list[str], list[str]]:
    """Drop navigation; return the kept chunks and the last-updated and added texts found.

    Furniture lines sit above the first stretch of text and below the last one (the
    middle of a page is text, and menus there are marked up as such), so lines are
    looked at only in those two margins.
    """
    substantial = [
        i for i, chunk in enumerate(chunks)
        if chunk.role is None and len(chunk.text) > _SUBSTANTIAL_CHARS and not is_site_notice(chunk.text)
    ]
    top, bottom = (substantial[0], substantial[-1]) if substantial else (len(chunks), -1)
    kept: list[Chunk] = []
    updated: list[str] = []
    added: list[str] = []
    for index, chunk in enumerate(chunks):
        in_margin = index < top or index > bottom or chunk.role is not None
        lines: list[str] = []
        for line in chunk.lines if in_margin else ():
            date_text = last_updated_text(line)
            if date_text is not None:
                is_added = line.casefold().startswith(("inclus", "incluído"))
                (added if is_added else updated).append(date_text)
            elif not is_navigation_line(line) or chunk.kind == "heading" and _PART_NUMBER.match(line) and len(chunk.lines) > 1:
                lines.append(line)  # "Chapter 1<br/>The Economic Situation…" is one heading, not a link to chapter 1
        if not in_margin:
            lines = chunk.lines
        if chunk.role == "navigation" or chunk.role == "updated" and not lines:
            continue
        if lines or chunk.kind == "rule":
            chunk.set_lines(lines)
            kept.append(chunk)
    return kept, updated, added


def _trim_link_edges(chunks: list[Chunk]) -> list[Chunk]:
    """Link-only paragraphs at the top and bottom are menus, not text; so are link-only headings at the bottom.

    (At the top a heading made of links is often the author's name linked to their archive.)
    """

    def is_menu(chunk: Chunk, *, bottom: bool) -> bool:
        if chunk.kind == "rule":
            return True
        kinds = ("paragraph", "heading") if bottom else ("paragraph",)
        return chunk.kind in kinds and len(chunk.text) < 300 and chunk.link_share > _MENU_LINK_SHARE

    start, end = 0, len(chunks)
    while start < end and is_menu(chunks[start], bottom=False):
        start += 1
    while end > start and is_menu(chunks[end - 1], bottom=True):
        end -= 1
    return chunks[start:end]


def _header_length(chunks: list[Chunk], *, titled: bool) -> int:
    """How many leading chunks are header.

    The header runs to the last bibliographic chunk of the leading run; headings after
    it open the text. A page with no bibliographic block has its leading headings as header.
    """
    after_metadata = 0
    after_headings = 0
    titled_here = dated = False
    plain_since: list[Chunk] = []
    for index, chunk in enumerate(chunks[:_LEADING_RUN_MAX_CHUNKS]):
        if chunk.kind == "rule":
            continue
        if _is_metadata_chunk(chunk):
            # Short plain lines before the bibliographic block are the header of a text dump
            # (author, title, deck, dateline); a run of text before it is not.
            if len(plain_since) > _HEADER_PLAIN_MAX or any(len(c.text) > 200 for c in plain_since):
                break
            after_metadata, plain_since = index + 1, []
        elif chunk.kind == "heading" or chunk.role == "running_head":
            # Headings after the title's dateline ("1897") open the text: its first section.
            if not plain_since and not after_metadata and not dated:
                after_headings = index + 1
            titled_here = titled_here or chunk.level == 1
            dated = titled_here and chunk.kind == "heading" and _is_date_only(chunk.text) is not None
        elif len(chunk.text) > _LEADING_RUN_MAX_CHARS or chunk.kind == "quote":
            break
        else:
            plain_since.append(chunk)
    end = after_metadata or after_headings
    if end == 0 and not titled and chunks and chunks[0].kind == "paragraph" and len(chunks) > 1 and len(chunks[0].text) < 150:
        end = 1  # a bare text with no <title>: its first short line is the title
    return end


def _fill_header(record: Record, header: list[Chunk], metadata: _Metadata) -> None:
    plain: list[Chunk] = []
    for index, chunk in enumerate(header):
        if chunk.kind == "rule" or _is_empty_section(header, index):
            continue
        if _is_metadata_chunk(chunk):
            metadata.take_chunk(chunk, in_information_block=True)
        elif chunk.role == "running_head" and record.running_head is None:
            record.running_head = chunk.text
        elif chunk.role == "running_head":
            metadata.extra.setdefault("Heading", chunk.text)
        else:
            plain.append(chunk)
    _demote_name_heading(plain)
    plain = _section_name_to_running_head(record, plain)
    has_h1 = any(c.kind == "heading" and c.level == 1 for c in plain)
    for position, chunk in enumerate(plain):
        text = split_glued_words(chunk.text) if chunk.kind == "paragraph" else chunk.text
        remaining = plain[position + 1 :]
        if chunk.kind == "heading" and metadata.take_labelled(text):
            continue  # "Дата написания: 1918" set as a heading
        if record.dateline is None and _is_date_only(text) is not None:
            record.dateline = text.strip().strip("()[]").strip()
        elif has_h1 and chunk.kind == "heading" and chunk.level == 1 and record.title is None:
            record.title = text
        elif record.title is None and position == 0 and remaining and _running_head(text):
            record.running_head = record.running_head or text
        elif not record.authors and chunk.level != 1 and _is_author_line(record, chunk, text, has_h1, bool(remaining)):
            record.authors.extend(_people(text))
        elif record.title is None and not has_h1:
            record.title = text
        elif record.title is None:
            # Above the h1: the book or series the page belongs to.
            if record.running_head is None:
                record.running_head = text
            else:
                metadata.extra.setdefault("Heading", text)
        elif record.subtitle is None and chunk.kind == "heading" and _TITLE_CONTINUED.match(text):
            record.title = f"{record.title} {text}"  # "Inaugural Address" / "of the International Working Men’s Association"
        elif record.subtitle is None and chunk.link_share <= _MENU_LINK_SHARE:  # a deck, not a list of links
            record.subtitle = text
        else:
            metadata.extra.setdefault("Heading", text)


def _section_name_to_running_head(record: Record, plain: list[Chunk]) -> list[Chunk]:
    """An h1 naming the archive's section ("Marx-Engels Archive") over the page's own heading is a running head."""
    headings = [c for c in plain if c.kind == "heading"]
    if len(headings) > 1 and headings[0].level == 1 and _SECTION_NAME.search(headings[0].text):
        record.running_head = record.running_head or headings[0].text
        return [c for c in plain if c is not headings[0]]
    return plain


def _is_empty_section(header: list[Chunk], index: int) -> bool:
    """A template's "Abstract" heading left unfilled: the next thing in the header is a rule or the information block."""
    chunk = header[index]
    if chunk.kind != "heading" or not _SECTION_LABEL.match(chunk.text):
        return False
    following = header[index + 1] if index + 1 < len(header) else None
    return following is None or following.kind == "rule" or _is_metadata_chunk(following)


def _demote_name_heading(plain: list[Chunk]) -> None:
    """Some generated pages set the author as h1 and the title as h2 under it: swap their levels."""
    headings = [c for c in plain if c.kind == "heading"]
    for first, second in zip(headings, headings[1:]):
        if first.level == 1 and second.level == 2 and _is_date_only(second.text) is None:
            if _person(first.text) is not None and _person(second.text) is None:
                first.level, second.level = 2, 1
            return


def _is_author_line(record: Record, chunk: Chunk, text: str, has_h1: bool, more_follow: bool) -> bool:
    """The author stands above the title (text dumps, h2 over h1) or, by MIA's convention, as the h2 under it."""
    if _BY_LINE.match(text):
        return _person(text) is not None
    before_title = record.title is None and (has_h1 or more_follow)
    if before_title:
        return _person(text) is not None
    if chunk.kind != "heading":
        return False
    stripped = strip_trailing_period(normalise_space(text))
    return load_default_catalogue().match_author_loosely(stripped) is not None or chunk.level == 2 and looks_like_person_name(stripped)


def _body_blocks(record: Record, body: list[Chunk], metadata: _Metadata) -> None:
    section: str | None = None  # "notes" after a Notes heading, "editor" after "Note by the editors"
    seen_text = False
    notes_start = _trailing_notes_start(body)
    for index, chunk in enumerate(body):
        if index == notes_start:
            section = "notes"
        if chunk.kind == "rule" or not chunk.lines:
            continue
        text = chunk.text
        heading = chunk.kind == "heading"
        if section is None and chunk.role != "note" and _is_metadata_chunk(chunk) or chunk.role == "updated":
            # An "updated" block's other dates ("Abriu o arquivo: 24/04/2009") are the archive's, not text.
            metadata.take_chunk(chunk, in_information_block=chunk.role in ("information", "updated"))
            continue
        if _NOTES_HEADING.match(text) and (heading or len(text) < 30):
            section = "notes"  # the heading itself is furniture
            continue
        if heading and _EDITOR_NOTE.match(text):
            section = "editor"
            continue
        if heading and chunk.level <= 3 and chunk.role is None:
            section = None
        # The editors' introduction may close with a short line of its own, set as it is ("Apostles of Freedom blog"),
        # before the mark that parts it from the text.
        closes_editor_note = (
            bool(record.notes) and record.notes[-1].kind == "editor" and record.body[-1].kind == "note"
            and chunk.kind == "paragraph" and index + 1 < len(body) and _is_separator(body[index + 1])
        )
        if not seen_text and record.dateline is None and len(text) < _DATELINE_MAX_CHARS and _place_and_date(text):
            record.dateline = text  # a letter's "London, September 21, 1890"
            record.body.append(Block("heading" if heading else "paragraph", text))
        elif chunk.role == "note" or section == "notes":
            kind = "footnote" if chunk.anchor else "endnote"
            record.notes.append(Note(kind=kind, text=text, anchor=chunk.anchor))
            record.body.append(Block("note", text))
        elif (
            section == "editor" or chunk.role == "editor_note" or _EDITOR_NOTE.match(text)
            or (not seen_text and not heading and chunk.set_apart and (len(text) >= _EDITOR_NOTE_MIN_CHARS or closes_editor_note))
        ):
            record.notes.append(Note(kind="editor", text=text))
            record.body.append(Block("note", text))
        elif heading and not seen_text and _is_verse(chunk):
            record.body.append(Block("quote", text))  # an epigraph set in a heading's type
        elif heading:
            record.body.append(Block("heading", text))
        elif _ELISION.match(text):
            record.body.append(Block("note", text))  # the editors' mark of omitted text
        elif chunk.role == "signature" or _SIGNATURE.match(text) or (not seen_text and _BY_LINE.match(text) and _person(text)):
            record.body.append(Block("signature", text))
        else:
            previous = record.body[-1] if record.body else None
            lead_in = previous.text if previous is not None and previous.kind == "paragraph" else ""
            if chunk.kind == "quote" or (is_quoted_paragraph(text) and lead_in.rstrip().endswith(":")):
                record.body.append(Block("quote", text, _resolve_quoted(attribution_from_lead_in(lead_in))))
            else:
                seen_text = True
                record.body.append(Block("paragraph", text))


def _is_separator(chunk: Chunk) -> bool:
    """A rule, or a line of asterisks set as a heading ("*", "* * *")."""
    return chunk.kind == "rule" or _SEPARATOR.match(chunk.text) is not None


def _trailing_notes_start(body: list[Chunk]) -> int | None:
    """Where notes begin that follow the text's last rule unheaded, each opening with its number ("1. We need hardly…")."""
    last_rule = next((i for i in range(len(body) - 1, -1, -1) if body[i].kind == "rule"), None)
    if last_rule is None:
        return None
    after = [c for c in body[last_rule + 1 :] if c.kind != "rule"]
    text_before = any(c.kind == "paragraph" and c.role is None for c in body[:last_rule])
    if after and text_before and all(c.kind == "paragraph" and _NOTE_NUMBER.match(c.text) for c in after):
        return last_rule
    return None


def _is_verse(chunk: Chunk) -> bool:
    """Lines that end as verse does ("What a torch of reason ceased to burn, / What a heart has ceased to beat!")."""
    lines = chunk.lines
    return len(lines) > 1 and lines[-1].endswith(("!", "?", ".", "…")) and any(line.endswith((",", ";")) for line in lines[:-1])


def _place_and_date(text: str) -> bool:
    """"London, September 21, 1890" or a bare date: the dateline a letter opens with."""
    if _is_date_only(text) is not None:
        return True
    place, _, rest = text.partition(",")
    return bool(rest) and _is_place(place) and _is_date_only(rest) is not None


def _is_place(text: str) -> bool:
    return 0 < len(text.split()) <= 3 and text[:1].isupper()


def _closing_dateline(body: list[Block]) -> str | None:
    """The date and place a letter closes with, when it opened with none: "July 23, 1921. Moscow."."""
    last = next((b for b in reversed(body) if b.kind != "note"), None)
    if last is None or last.kind not in ("paragraph", "signature") or len(last.text) >= _DATELINE_MAX_CHARS:
        return None
    text = last.text
    if not any(ch.isalpha() for ch in text):
        return None  # "27/05/2014" closing a page is the archive's stamp, not the author's
    date_first = _DATE_THEN_PLACE.match(text)
    if _place_and_date(text) or date_first and _is_date_only(date_first["date"]) and _is_place(date_first["place"]):
        return text
    return None


def _resolve_quoted(name: str | None) -> str | None:
    """A surname the text gives ("Trotsky") becomes the catalogue's person when only one fits."""
    if name is None:
        return None
    catalogue = load_default_catalogue()
    entry = catalogue.match_author_loosely(name)
    if entry is None and " " not in name:
        entry = catalogue.match_author_by_surname(name)
    return entry.name if entry is not None else name


def _date(text: str | None) -> DateValue | None:
    if not text:
        return None
    date = parse_date(text)
    return date if date is not None else DateValue(raw=normalise_space(text), edtf=None)


def _published(metadata: _Metadata) -> DateValue | None:
    """First publication: stated outright, or the date of a periodical the source line names."""
    stated = metadata.fields.get("published")
    if stated:
        return _date(stated)
    source = metadata.source
    if source and source.periodical and source.date and source.date.edtf and not _BOOKISH.search(source.raw):
        return source.date
    return None


def _without_title(source: Citation | None, title: str | None) -> Citation | None:
    """"*Bruce Glasier in Ireland*, **Justice**, 31 March 1900": a citation may open with the article's own title,
    or with the title and what the piece is ("*Britain coming into line -- letter to Quelch*, **Justice**, …")."""
    if source is None or not title or not source.periodical:
        return source
    opening, own_title = source.periodical.strip(" “”\"'*_").casefold(), title.strip(" “”\"'").casefold()
    if not opening.startswith(own_title) or opening[len(own_title) : len(own_title) + 1].isalnum():
        return source
    rest = source.raw.split(",", 1)[1].strip() if "," in source.raw else ""
    return parse_citation(rest) if rest else source


def _dated_by_publisher(source: Citation | None, publisher: str | None) -> Citation | None:
    """A book's source line gives title and pages, its "Publisher: Progress Publishers, 1972" line the year."""
    if source is None or source.date is not None or not publisher:
        return source
    date = parse_date(publisher)
    return replace(source, date=date) if date is not None and date.edtf else source


def _first_edition(metadata: _Metadata) -> Citation | None:
    """With no source line, the periodical of first publication ("Primeira edição: Labour Chronicle, …")."""
    stated = metadata.fields.get("published")
    if not stated:
        return None
    first_sentence = re.split(r"(?<=\d)\.\s+(?=[A-Z])", stated, maxsplit=1)[0]  # before "Republicado em …"
    citation = parse_citation(first_sentence)
    return citation if citation.periodical and citation.date and not _BOOKISH.search(citation.raw) else None


def _clean_title(title: str | None) -> str | None:
    """Drop note markers ("…Bonaparte[64]") and the brackets of an editor-supplied title."""
    if title is None:
        return None
    title = _TITLE_NOTE_MARKER.sub("", title).strip()
    if title.startswith("[") and title.endswith("]") and "[" not in title[1:-1]:
        title = title[1:-1].strip()
    return title or None


def _written(metadata: _Metadata, dateline: str | None, published: DateValue | None) -> DateValue | None:
    """The "Written:" field, or a speech's "Delivered:"/"Spoken:"; else the dateline under the title, unless it only
    repeats the publication date."""
    stated = metadata.fields.get("written") or metadata.fields.get("delivered")
    if stated:
        return _date(stated)
    if dateline:
        date = parse_date(dateline)
        # A dateline no more precise than the publication date and agreeing with it is that date.
        if date is not None and date.edtf is not None and (published is None or not (published.edtf or "").startswith(date.edtf)):
            if not _is_lifetime(date):
                return date
    return None


def _is_lifetime(date: DateValue | None) -> bool:
    """"(1925–1961)" under a name is a lifetime; "(1910 or early 1911)" is a date."""
    if date is None or date.edtf is None:
        return False
    start, _, end = date.edtf.partition("/")
    return bool(end) and start[:4].isdigit() and end[:4].isdigit() and int(end[:4]) - int(start[:4]) > 2


def _person_page_header(chunks: list[Chunk]) -> int | None:
    """An author's own index page opens with the person's name and lifetime as headings ("Fúlvio Abramo" /
    "1908-1993"): the header ends there (works and biography follow), and the person is the page's subject,
    not its author. The header's length, or None for any other page."""
    start = next((i for i, c in enumerate(chunks[:3]) if c.kind == "heading"), None)
    end = None
    # Marx and Engels share one index: name, lifetime, name, lifetime.
    while start is not None and start + 1 < len(chunks):
        name, lifetime = chunks[start], chunks[start + 1]
        if not (lifetime.kind == "heading" and _is_lifetime(_is_date_only(lifetime.text)) and _person(name.text) is not None):
            break
        start = end = start + 2
    return end


def assemble(
    chunks: list[Chunk],
    *,
    language: str | None = None,
    title_hint: str | None = None,
    author_hints: tuple[str, ...] = (),
) -> Record:
    """Build the record of one page from its chunks in reading order.

    `title_hint` (the HTML <title>) and `author_hints` (meta author, the archive folder)
    count only where the page itself says nothing; an author hint only when MIA's
    catalogue knows the person.
    """
    record = Record()
    chunks, updated, added = _strip_furniture(chunks)
    metadata = _Metadata()
    for chunk in chunks:
        if chunk.role == "license":
            metadata.license = metadata.license or chunk.text
    chunks = [c for c in chunks if c.role != "license"]
    chunks = _trim_link_edges(chunks)
    person_header = _person_page_header(chunks)
    person_page = person_header is not None
    header_end = person_header if person_header is not None else _header_length(chunks, titled=bool(title_hint))
    _fill_header(record, chunks[:header_end], metadata)
    _body_blocks(record, chunks[header_end:], metadata)
    record.dateline = record.dateline or _closing_dateline(record.body)
    record.title = _clean_title(record.title or (normalise_space(title_hint) if title_hint else None))
    letter = _LETTER_TITLE.match(record.title or "")
    if letter and not record.authors:
        sender = letter.group("sender")
        record.authors = _catalogued_authors((sender,))
        if not record.authors and " " not in sender:
            entry = load_default_catalogue().match_author_by_surname(sender)
            record.authors = [Person(name=entry.name)] if entry else []
        if record.authors and letter.group("date") and record.dateline is None:
            record.dateline = letter.group("date")
    if person_page:
        record.authors = []
        metadata.extra.setdefault(LIFETIME_FIELD, record.dateline or "")
        record.dateline = None
    elif not record.authors:
        record.authors = _catalogued_authors(author_hints)
    record.published = _published(metadata)
    record.written = _written(metadata, record.dateline, record.published)
    translated_from = metadata.fields.get("translation_source")
    record.source = _dated_by_publisher(
        _without_title(
            metadata.source or metadata.version_source or _first_edition(metadata) or (parse_citation(translated_from) if translated_from else None),
            record.title,
        ),
        metadata.fields.get("publisher"),
    )
    record.credits = list(dict.fromkeys(metadata.credits))  # two lines of a block may give the same credit
    record.license = metadata.license
    record.last_updated = _date(updated[-1]) if updated else None
    for name in ("delivered", "origin", "publisher", "online_version"):
        if name in metadata.fields:
            metadata.extra.setdefault(name.replace("_", " ").capitalize(), metadata.fields[name])
    if added:
        metadata.extra.setdefault("Added", added[-1])
    record.extra_fields = metadata.extra
    # The text decides: templates declare lang="en" on pages in every language.
    record.language = detect_language(record.body_text() or (record.title or "")) or language
    return record


def _catalogued_authors(hints: tuple[str, ...]) -> list[Person]:
    catalogue = load_default_catalogue()
    for hint in hints:
        entry = catalogue.match_author_loosely(hint)
        if entry is not None:
            return [Person(name=entry.name)]
    return []
