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
from dataclasses import dataclass, field

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.fields.boilerplate import is_navigation_line, last_updated_text
from hemeroteca.fields.citation import parse_citation
from hemeroteca.fields.credits import parse_credit_sentences, parse_credit_value
from hemeroteca.fields.dates import parse_date
from hemeroteca.fields.labels import LABELLED_LINE, credit_roles, field_for_label
from hemeroteca.fields.language import detect_language
from hemeroteca.fields.persons import looks_like_person_name
from hemeroteca.fields.quotes import attribution_from_lead_in, is_quoted_paragraph
from hemeroteca.fields.text import normalise_space, split_glued_words, strip_trailing_period
from hemeroteca.readers.blocks import Chunk
from hemeroteca.record import Block, Citation, Credit, DateValue, Note, Person, Record

_LEADING_RUN_MAX_CHARS = 400  # header chunks are short; the first long one is text
_LEADING_RUN_MAX_CHUNKS = 16
_HEADER_PLAIN_MAX = 5  # author, title, deck, dateline, running head
_EDITOR_NOTE = re.compile(
    r"^(?:editor[’']?s?[’']?\s+note|editorial\s+note|note\s+by\s+(?:the\s+)?(?:etol|mia|editor)|"
    r"nota\s+(?:do|da|del|de\s+la)\s+(?:editor|edição|edicao|edición|redacción|redação|tradutor|traductor))\b",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^\(?\s*signed\s*\)?\s*:?\s+\S", re.IGNORECASE)
_NOTES_HEADING = re.compile(
    r"^(?:notes?|footnotes?|endnotes?|notas?(?:\s+de\s+rodapé)?|notas del (?:autor|editor)|примечания)\s*:?$",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^(?:by|por|par|von)\s+(?P<name>.+)$", re.IGNORECASE)
_BOOKISH = re.compile(
    r"\b(?:collected|selected|works|obras|publishers?|press|books|edition|edição|edición|editora|editorial|"
    r"progress|foreign languages)\b",
    re.IGNORECASE,
)
_REPRINTED = re.compile(r"^(?:reprinted|republished|reproduced)\s+(?:in|from)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Metadata:
    """What the bibliographic lines of a page said, gathered before the record is built."""

    fields: dict[str, str] = field(default_factory=dict)
    credits: list[Credit] = field(default_factory=list)
    source: Citation | None = None
    license: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def take_line(self, line: str, *, in_information_block: bool) -> bool:
        """Record one bibliographic line; False when the line is not one."""
        line = normalise_space(line)
        if not line:
            return True
        labelled = LABELLED_LINE.match(line)
        if labelled:
            label, value = labelled.group(1), labelled.group(2).strip()
            name = field_for_label(label)
            if name is not None:
                self._take_field(name, value)
                return True
            if in_information_block and value:
                self.extra.setdefault(normalise_space(label), value)
                return True
        credits = parse_credit_sentences(line)
        if credits is not None:
            self.credits.extend(credits)
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

    def _take_field(self, name: str, value: str) -> None:
        if name.startswith("credit:"):
            self.credits.extend(parse_credit_value(credit_roles(name), value))
        elif name == "source":
            if self.source is None:
                self.source = parse_citation(value)
            else:
                self.extra.setdefault("Source", value)
        elif name == "license":
            self.license = self.license or strip_trailing_period(value) or None
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


def _person(text: str) -> str | None:
    """The author's display name when `text` names one person, else None."""
    text = strip_trailing_period(normalise_space(text))
    by_line = _BY_LINE.match(text)
    if by_line:
        text = by_line.group("name")
    entry = load_default_catalogue().match_author(text)
    if entry is not None:
        return entry.name
    return text.replace("’", "'") if looks_like_person_name(text) else None


def _running_head(text: str) -> bool:
    """"The New International, February 1936": a periodical name, a comma, an issue date."""
    head, _, tail = text.rpartition(",")
    return bool(head) and len(text) < 90 and _is_date_only(tail) is not None


def _is_metadata_chunk(chunk: Chunk) -> bool:
    if chunk.role in ("information", "from", "credits", "license"):
        return True
    if chunk.kind != "paragraph" or not chunk.lines:
        return False
    probe = _Metadata()
    return all(probe.take_line(line, in_information_block=False) for line in chunk.lines)


def _strip_furniture(chunks: list[Chunk]) -> tuple[list[Chunk], list[str], list[str]]:
    """Drop navigation; return the kept chunks and the last-updated and added texts found."""
    kept: list[Chunk] = []
    updated: list[str] = []
    added: list[str] = []
    for chunk in chunks:
        lines: list[str] = []
        for line in chunk.lines:
            date_text = last_updated_text(line)
            if date_text is not None:
                is_added = line.strip().casefold().startswith(("inclus", "incluído"))
                (added if is_added else updated).append(date_text)
            elif not is_navigation_line(line):
                lines.append(line)
        if chunk.role == "navigation" or chunk.role == "updated" and not lines:
            continue
        if lines or chunk.kind == "rule":
            chunk.lines = lines
            kept.append(chunk)
    return kept, updated, added


def _trim_link_edges(chunks: list[Chunk]) -> list[Chunk]:
    """Link-only paragraphs at the top and bottom are menus, not text."""

    def is_menu(chunk: Chunk) -> bool:
        return chunk.kind in ("paragraph", "rule") and (chunk.kind == "rule" or chunk.link_share > 0.8) and len(chunk.text) < 300

    start, end = 0, len(chunks)
    while start < end and is_menu(chunks[start]):
        start += 1
    while end > start and is_menu(chunks[end - 1]):
        end -= 1
    return chunks[start:end]


def _header_length(chunks: list[Chunk]) -> int:
    """How many leading chunks are header: up to the last bibliographic or heading chunk of the leading run."""
    end = 0
    plain_since_end: list[Chunk] = []
    for index, chunk in enumerate(chunks[:_LEADING_RUN_MAX_CHUNKS]):
        if chunk.kind == "rule":
            continue
        if _is_metadata_chunk(chunk):
            # Short plain lines before the bibliographic block are the header of a text dump
            # (author, title, deck, dateline); a run of text before it is not.
            if len(plain_since_end) > _HEADER_PLAIN_MAX or any(len(c.text) > 200 for c in plain_since_end):
                break
            end, plain_since_end = index + 1, []
        elif chunk.kind == "heading" and chunk.level <= 3 or chunk.role == "running_head":
            if not plain_since_end:
                end = index + 1
        elif len(chunk.text) > _LEADING_RUN_MAX_CHARS or chunk.kind == "quote":
            break
        else:
            plain_since_end.append(chunk)
    if end == 0 and chunks and chunks[0].kind == "paragraph" and len(chunks) > 1 and len(chunks[0].text) < 150:
        end = 1  # a bare text: its first short line is the title
    return end


def _fill_header(record: Record, header: list[Chunk], metadata: _Metadata) -> None:
    plain: list[Chunk] = []
    for chunk in header:
        if chunk.kind == "rule":
            continue
        if _is_metadata_chunk(chunk):
            for line in chunk.lines:
                metadata.take_line(line, in_information_block=True)
        elif chunk.role == "running_head":
            record.running_head = record.running_head or chunk.text
        else:
            plain.append(chunk)
    has_h1 = any(c.kind == "heading" and c.level == 1 for c in plain)
    for position, chunk in enumerate(plain):
        text = split_glued_words(chunk.text) if chunk.kind == "paragraph" else chunk.text
        remaining = plain[position + 1 :]
        if record.dateline is None and _is_date_only(text) is not None:
            record.dateline = text.strip().strip("()[]").strip()
        elif has_h1 and chunk.kind == "heading" and chunk.level == 1 and record.title is None:
            record.title = text
        elif record.title is None and position == 0 and remaining and _running_head(text):
            record.running_head = record.running_head or text
        elif not record.authors and chunk.level != 1 and _is_author_line(record, chunk, text, has_h1, bool(remaining)):
            record.authors.append(Person(name=_person(text) or text))
        elif record.title is None and not has_h1:
            record.title = text
        elif record.subtitle is None:
            record.subtitle = text
        else:
            metadata.extra.setdefault("Heading", text)


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
    return load_default_catalogue().match_author(stripped) is not None or chunk.level == 2 and looks_like_person_name(stripped)


def _body_blocks(record: Record, body: list[Chunk], metadata: _Metadata) -> None:
    in_notes = False
    seen_text = False
    for chunk in body:
        if chunk.kind == "rule" or not chunk.lines:
            continue
        text = chunk.text
        if _is_metadata_chunk(chunk) and chunk.role != "note":
            for line in chunk.lines:
                metadata.take_line(line, in_information_block=chunk.role == "information")
            continue
        if chunk.kind == "heading":
            in_notes = bool(_NOTES_HEADING.match(text)) or in_notes and chunk.level >= 4
            record.body.append(Block("heading", text))
            continue
        if chunk.role == "note" or in_notes:
            if _NOTES_HEADING.match(text):
                in_notes = True
                continue
            kind = "footnote" if chunk.anchor else "endnote"
            record.notes.append(Note(kind=kind, text=text, anchor=chunk.anchor))
            record.body.append(Block("note", text))
            continue
        if _EDITOR_NOTE.match(text) or chunk.role == "editor_note" or (chunk.italic and not seen_text):
            record.notes.append(Note(kind="editor", text=text))
            record.body.append(Block("note", text))
            continue
        if chunk.role == "signature" or _SIGNATURE.match(text):
            record.body.append(Block("signature", text))
            continue
        previous = record.body[-1] if record.body else None
        lead_in = previous.text if previous is not None and previous.kind == "paragraph" else ""
        if chunk.kind == "quote" or (is_quoted_paragraph(text) and lead_in.rstrip().endswith(":")):
            record.body.append(Block("quote", text, _resolve_quoted(attribution_from_lead_in(lead_in))))
            continue
        seen_text = True
        record.body.append(Block("paragraph", text))


def _resolve_quoted(name: str | None) -> str | None:
    """A surname the text gives ("Trotsky") becomes the catalogue's person when only one fits."""
    if name is None:
        return None
    catalogue = load_default_catalogue()
    entry = catalogue.match_author(name)
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


def assemble(chunks: list[Chunk], *, language: str | None = None, title_hint: str | None = None) -> Record:
    """Build the record of one page from its chunks in reading order."""
    record = Record()
    chunks, updated, added = _strip_furniture(chunks)
    metadata = _Metadata()
    for chunk in chunks:
        if chunk.role == "license":
            metadata.license = metadata.license or chunk.text
    chunks = [c for c in chunks if c.role != "license"]
    chunks = _trim_link_edges(chunks)
    header_end = _header_length(chunks)
    _fill_header(record, chunks[:header_end], metadata)
    _body_blocks(record, chunks[header_end:], metadata)
    if record.title is None and title_hint:
        record.title = normalise_space(title_hint) or None
    record.written = _date(metadata.fields.get("written"))
    record.published = _published(metadata)
    record.source = metadata.source
    record.credits = metadata.credits
    record.license = metadata.license
    record.last_updated = _date(updated[-1]) if updated else None
    for name in ("delivered", "origin", "online_version"):
        if name in metadata.fields:
            metadata.extra.setdefault(name.replace("_", " ").capitalize(), metadata.fields[name])
    if added:
        metadata.extra.setdefault("Added", added[-1])
    record.extra_fields = metadata.extra
    record.language = language or detect_language(record.body_text() or (record.title or ""))
    return record
