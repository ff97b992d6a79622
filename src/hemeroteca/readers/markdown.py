"""Markdown pages: pandoc conversions of MIA pages, and MIA's Russian-section Markdown with metadata.json.

Pandoc keeps MIA's structure in Markdown syntax: `#` headings, `---` rules
around the bibliographic block, `**bold**` periodical names, block quotations
as grid tables or `>` lines, `^…^` superscript note markers, trailing `\\` line
breaks, `{#id}` attributes. The reader turns that into Chunks with the same
roles the HTML reader gives.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.fields.persons import looks_like_person_name
from hemeroteca.fields.text import normalise_space
from hemeroteca.readers.blocks import Chunk
from hemeroteca.readers.layout import assemble
from hemeroteca.record import DateValue, Person, Record
from hemeroteca.fields.dates import parse_date

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*(?:\s+\{[^}]*\})?\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*(?:\s*\*){2,}|_{3,})\s*$")
_GRID_BORDER = re.compile(r"^\s*\+[-=+:]+\+\s*$")
# Pandoc's simple tables ("  --- -----------------"), which hold MIA's right-aligned signatures: the
# borders go, each row between them is read as a paragraph.
_SIMPLE_TABLE_BORDER = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
_GRID_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_GRID_COLUMN = re.compile(r"(?<!\\)\|")  # not an escaped "\|" of the text
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)(?:\{[^}]*\})?")
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)(?:\{[^}]*\})?")
_EMPTY_ANCHOR = re.compile(r"\[\]\{#([^}\s]+)[^}]*\}")
_SPAN_ATTRS = re.compile(r"\[([^\]]*)\]\{[^}]*\}")
_ATTRS = re.compile(r"\{[#.][^}]*\}")
# Strong-and-emphasis first, then strong, then emphasis, so that "*…**Freeman**…*" pairs its own marks; an escaped
# "\*" is a character, not a mark.
_EMPHASES = [re.compile(rf"(?<!\\)({marks})(?=\S)(.+?)(?<=[^\s\\])\1") for marks in (r"\*\*\*|___", r"\*\*|__", r"\*|_")]
# An emphasis that runs over pandoc's hard line breaks opens on one line and closes on a later one.
_OPENS_EMPHASIS = re.compile(r"^\s*(\*{1,3}|_{1,3})(?=\S)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>'\"$|~^<@])")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Pandoc writes MIA's dashes as hyphens: "pp. 352--378", "No. 2--3", "-- aye"; "---" for an em dash.
_EM_DASH = re.compile(r"(?<![-!<\\])---(?![->])")
_EN_DASH = re.compile(r"(?<![-!<\\])--(?![->])")
_FENCE = re.compile(r"^\s*:::")
# Pandoc's superscript, `^…^`, around MIA's note markers: "^[\[1\]](#n1)^". Inside it, spaces are escaped.
_SUPERSCRIPT = re.compile(r"(?<!\\)\^((?:\\.|[^\s^\\])+)\^")
# A drop capital that pandoc parted from its word: "T he latent goodness…", "S o scorching hot…". Only consonants:
# "A", "E", "O" and "Y" are words of their own in the archive's languages.
_DROP_CAPITAL = re.compile(r"^([BCDFGHJ-NP-TV-XZ]) ([a-z]{1,})\b")
_LEAD_EMPHASIS = re.compile(r"^\s*(\*\*|\*|__|_)(?=\S)(.+?)(?<=\S)\1")


def _inline(text: str) -> str:
    """Markdown inline syntax to plain text, keeping what a reader sees."""
    text = _SUPERSCRIPT.sub(lambda match: match.group(1).replace("\\ ", " "), text)
    text = _IMAGE.sub("", text)
    text = _EMPTY_ANCHOR.sub("", text)
    for _ in range(2):  # links may nest inside emphasis and the other way round
        if "[" in text:
            text = _LINK.sub(r"\1", text)
            text = _SPAN_ATTRS.sub(r"\1", text)
        if "*" in text or "_" in text:  # most lines have no emphasis: three regexes saved
            for emphasis in _EMPHASES:
                text = emphasis.sub(r"\2", text)
    text = _ATTRS.sub("", text)
    text = _HTML_TAG.sub("", text)
    if "--" in text:
        text = _EN_DASH.sub("–", _EM_DASH.sub("—", text))
    return _ESCAPE.sub(r"\1", text)


def _emphasis_closed_per_line(groups: list[str]) -> list[str]:
    """Lines of a verse or address set in italics as a whole ("*An address delivered at\\" … "January 26, 1896*"):
    the marks that open its first line and close its last are dropped, as each line is read alone."""
    groups = list(groups)
    for first, group in enumerate(groups):
        opening = _OPENS_EMPHASIS.match(group)
        if opening is None or not _unpaired(group, opening.group(1)):
            continue
        mark = opening.group(1)
        for last in range(first + 1, len(groups)):
            if groups[last].rstrip().endswith(mark) and _unpaired(groups[last], mark):
                groups[first] = group[: opening.start(1)] + group[opening.end(1) :]
                groups[last] = groups[last].rstrip()[: -len(mark)]
                break
    return groups


def _unpaired(text: str, mark: str) -> bool:
    """The line holds an odd number of the mark (escaped characters aside), so one pairs with another line's."""
    count = text.replace("\\" + mark[0], "").count(mark[0])
    return (count // len(mark)) % 2 == 1


def _is_italic(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > 2 and stripped[0] in "*_" and stripped[-1] in "*_" and not stripped.startswith("**")


def _link_share(raw: str) -> float:
    link_chars = sum(len(match.group(1)) for match in _LINK.finditer(raw))
    return min(link_chars / max(len(_inline(raw)), 1), 1.0)


def _paragraph(raw_lines: list[str]) -> Chunk | None:
    raw_lines = [_DROP_CAPITAL.sub(r"\1\2", raw_lines[0]), *raw_lines[1:]]
    raw = " ".join(raw_lines)
    anchor = _EMPTY_ANCHOR.search(raw)
    # A trailing backslash is pandoc's hard line break.
    groups: list[str] = []
    current: list[str] = []
    for raw_line in raw_lines:
        hard_break = raw_line.rstrip().endswith("\\")
        current.append(raw_line.rstrip().removesuffix("\\"))
        if hard_break:
            groups.append(" ".join(current))
            current = []
    if current:
        groups.append(" ".join(current))
    lines = [line for line in (normalise_space(_inline(group)) for group in _emphasis_closed_per_line(groups)) if line]
    if not lines:
        return None
    lead = _LEAD_EMPHASIS.match(raw)
    chunk = Chunk("paragraph", lines, lead_emphasis=normalise_space(_inline(lead.group(2))) if lead else None)
    chunk.measure = lambda: (_link_share(raw), _is_italic(raw))
    chunk.anchor = anchor.group(1) if anchor else None
    return chunk


def _block_quotation(lines: list[str]) -> list[Chunk]:
    """A pandoc block quotation, given its lines without their ">" prefix.

    One that holds block structure (fenced divs, headings, rules) is MIA's margin around
    a whole page, not a quotation: its chunks stay what they are.
    """
    chunks = markdown_chunks("\n".join(lines))
    if any(_FENCE.match(line) for line in lines) or any(chunk.kind in ("heading", "rule") for chunk in chunks):
        return chunks
    for chunk in chunks:
        chunk.kind = "quote"
    return chunks


def markdown_chunks(text: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    pending: list[str] = []
    quoted: list[str] = []  # the lines of a block quotation, each without its "> "
    grid_rows: list[str] = []  # pandoc writes MIA's block quotations as one-cell grid tables

    def flush() -> None:
        if pending:
            chunk = _paragraph(pending)
            if chunk is not None:
                chunks.append(chunk)
            pending.clear()

    def close_grid() -> None:
        if any(_HEADING.match(row.strip()) for row in grid_rows):
            # A page header laid out in a table (author, title, date as headings): read it as Markdown.
            chunks.extend(markdown_chunks("\n".join(row.strip() for row in grid_rows)))
        else:
            chunk = _paragraph(grid_rows) if grid_rows else None
            if chunk is not None:
                chunk.kind = "quote"
                chunks.append(chunk)
        grid_rows.clear()

    def close_quote() -> None:
        if quoted:
            chunks.extend(_block_quotation(quoted))
            quoted.clear()

    in_grid = False
    for line in text.splitlines():
        quote_line = line.startswith(">")
        if not quote_line:
            close_quote()
        if _GRID_BORDER.match(line):
            flush()
            close_grid()  # a border inside the table parts its rows: two epigraphs set one above the other
            in_grid = True
            continue
        row = _GRID_ROW.match(line) if in_grid else None
        if row:
            # A row's columns, the empty ones (a layout column) left out: "| | Dead is my boy, dead and gone, |".
            cells = [cell.strip() for cell in _GRID_COLUMN.split(row.group(1))]
            grid_rows.append(" ".join(cell for cell in cells if cell))
            continue
        if in_grid:
            close_grid()
            in_grid = False
        if quote_line:
            flush()
            quoted.append(line[1:].removeprefix(" "))
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            raw_heading = heading.group(2)
            value = normalise_space(_inline(raw_heading))
            if value:
                chunks.append(
                    Chunk("heading", [value], level=len(heading.group(1)), measure=lambda raw=raw_heading: (_link_share(raw), False))
                )
        elif _RULE.match(line):
            flush()
            chunks.append(Chunk("rule", []))
        elif _FENCE.match(line) or _SIMPLE_TABLE_BORDER.match(line) or not line.strip():
            flush()
        else:
            pending.append(line)
    flush()
    close_quote()
    close_grid()
    return chunks


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Jekyll-style `key: value` front matter (flat), and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    values: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and value.strip():
            values[key.strip().lower()] = value.strip().strip("'\"")
    return values, text[match.end() :]


def read_markdown(text: str, metadata_json: str | None = None, author_hints: tuple[str, ...] = ()) -> Record:
    """A Markdown page; `metadata_json` is the sidecar of MIA's Russian section, when there is one."""
    front, body = _front_matter(text)
    record = assemble(markdown_chunks(body), title_hint=front.get("title"), author_hints=author_hints)
    if metadata_json is not None:
        _apply_sidecar(record, json.loads(metadata_json))
    return record


def _apply_sidecar(record: Record, sidecar: dict[str, object]) -> None:
    """MIA's Russian metadata.json: {"book": {"author", "title"}, "optional": {"date-published"}}.

    Some files have author and title the wrong way round; a title that looks like a
    person's name and an "author" that does not is swapped back.
    """
    book = sidecar.get("book") if isinstance(sidecar.get("book"), dict) else {}
    author = normalise_space(str(book.get("author") or ""))
    title = normalise_space(str(book.get("title") or ""))
    if looks_like_person_name(title) and not looks_like_person_name(author):
        author, title = title, author
    if title:
        record.title = title
    if author and not record.authors:
        entry = load_default_catalogue().match_author_loosely(author)
        record.authors = [Person(name=entry.name, printed_as=author) if entry else Person(name=author)]
    optional = sidecar.get("optional") if isinstance(sidecar.get("optional"), dict) else {}
    published = optional.get("date-published")
    if published and record.published is None:
        record.published = parse_date(str(published)) or DateValue(raw=str(published), edtf=None)


def sidecar_for(path: Path) -> Path | None:
    candidate = path.with_name("metadata.json")
    return candidate if candidate.is_file() else None
