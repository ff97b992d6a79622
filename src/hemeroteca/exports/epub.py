"""EPUB 3 of a selection of the archive: an issue, a volume, an author's works.

One XHTML content document per document, in the order given: its title, authors,
provenance, text and notes, rendered by the web layer (`article_parts`: escaped,
sanitised by nh3, markers and notes linked both ways) and marked up for reading
systems here (`epub:type` noterefs and footnotes). Around them: a cover page and an
SVG cover image set from the masthead text, a nav document and an NCX, grouped by
issue when the selection runs over several issues of one periodical, and a small
stylesheet. Nothing is fetched and no script is shipped.

The book's identifier is a UUID derived from the title and the documents' ids, and its
modification time is when the newest of them was stored, so exporting the same
selection again gives the same metadata.
"""

from __future__ import annotations

import textwrap
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import quote

import lxml.html
from ebooklib import epub
from lxml import etree
from lxml.html import HtmlElement
from lxml.html.builder import E

from hemeroteca.record import Record
from hemeroteca.store import browse
from hemeroteca.store.base import Store
from hemeroteca.store.browse import Entry, IssueSummary
from hemeroteca.fields.text import xml_text
from hemeroteca.web.permalinks import document_path
from hemeroteca.web.render import RenderedBlock, RenderedNote
from hemeroteca.web.templating import CREDIT_LABELS, article_parts

# The book's identifier: uuid5 in this namespace over the title and the documents' ids.
_IDENTIFIER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://hemeroteca.invalid/exports/epub")
_SVG = "http://www.w3.org/2000/svg"

STYLESHEET = """\
body { font-family: serif; line-height: 1.45; margin: 0 0.5em; }
h1 { font-size: 1.6em; line-height: 1.2; margin: 0.8em 0 0.3em; }
h2 { font-size: 1.2em; margin: 1.2em 0 0.4em; }
.byline, .running-head, .dateline { font-variant: small-caps; margin: 0.2em 0; }
.deck { font-style: italic; font-size: 1.1em; margin: 0 0 0.6em; }
.provenance { font-size: 0.85em; border-top: 1px solid #999; border-bottom: 1px solid #999; margin: 1em 0; padding: 0.3em 0; }
.provenance dt { font-weight: bold; }
.provenance dd { margin: 0 0 0.3em 1.5em; }
blockquote.quotation { margin: 1em 1.5em; }
blockquote.quotation footer { font-style: italic; text-align: right; }
.signature { text-align: right; font-style: italic; }
.inline-note { font-size: 0.9em; font-style: italic; }
sup.noteref { line-height: 0; }
sup.noteref a { text-decoration: none; }
.notes { font-size: 0.85em; border-top: 1px solid #999; margin-top: 2em; }
.cover { text-align: center; margin-top: 20%; }
.cover .masthead { font-size: 2.6em; font-weight: bold; font-variant: small-caps; line-height: 1.1; margin: 0; }
.cover .issue { font-size: 1.2em; margin: 0.5em 0 2em; }
.cover h1 { font-size: 1.5em; font-weight: normal; }
"""


@dataclass(frozen=True, slots=True)
class _Document:
    id: str
    record: Record
    entry: Entry
    issue: IssueSummary | None
    file_name: str


@dataclass(frozen=True, slots=True)
class _Masthead:
    """What the cover shows: the periodical's name (or the author's), its issue or span, the selection's title."""

    name: str
    issue_line: str | None
    title: str


def book_identifier(title: str, document_ids: list[str]) -> str:
    """The same urn:uuid for the same title and documents, so that readers see a re-export as the same book."""
    selection = "\n".join([title, *document_ids])
    return f"urn:uuid:{uuid.uuid5(_IDENTIFIER_NAMESPACE, selection)}"


def write_epub(
    store: Store, title: str, document_ids: list[str], out: Path, *, base_url: str | None = None, creator: str | None = None,
) -> Path:
    """One EPUB 3 file at `out` with the documents in the given order.

    `creator`: the book's dc:creator (an author, for an author's works); by default the
    periodical all the documents come from, else the author they share.
    `base_url` ("https://archive.example.org"): each chapter links to its page in the archive.
    """
    documents = [_load(store, document_id, position) for position, document_id in enumerate(document_ids, start=1)]
    if not documents:
        raise ValueError("an EPUB needs at least one document")
    language = _commonest_language(documents)
    creator = xml_text(creator or _shared_periodical(documents) or _shared_author(documents) or "") or None
    book = epub.EpubBook()
    book.set_identifier(book_identifier(title, document_ids))
    title = xml_text(title)
    book.set_title(title)
    book.set_language(language)
    if creator:
        book.add_author(creator)
    _add_provenance(book, documents)

    style = book.add_item(epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=STYLESHEET.encode()))
    masthead = _masthead(documents, title, creator)
    book.set_cover("cover.svg", _cover_svg(masthead), create_page=False)
    cover = book.add_item(_content("cover", "cover.xhtml", "Cover", language, _cover_page(masthead), style))
    chapters = [
        book.add_item(_content(f"doc-{position}", document.file_name, _title(document.record),
                               document.record.language or language, _article(document, base_url), style))
        for position, document in enumerate(documents, start=1)
    ]
    nav = book.add_item(epub.EpubNav(title="Contents"))
    nav.add_item(style)
    book.add_item(epub.EpubNcx())
    book.toc = _toc(documents, chapters)
    book.spine = [cover, nav, *chapters]
    book.guide = [
        {"type": "cover", "href": cover.file_name, "title": "Cover"},
        {"type": "toc", "href": nav.file_name, "title": "Contents"},
        {"type": "text", "href": chapters[0].file_name, "title": _title(documents[0].record)},
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    epub.write_epub(str(out), book, {"mtime": _last_stored(documents), "raise_exceptions": True})
    return out


def _load(store: Store, document_id: str, position: int) -> _Document:
    found = store.get_record(document_id)
    entry = browse.entry(store.rows, found[0]) if found else None
    if found is None or entry is None:
        raise LookupError(f"no document {document_id} in the archive")
    issue = browse.issue(store.rows, entry.issue_id) if entry.issue_id is not None else None
    return _Document(found[0], found[1], entry, issue, f"document-{position:04d}.xhtml")


def _title(record: Record) -> str:
    return xml_text(record.title or "Untitled")


def _commonest_language(documents: list[_Document]) -> str:
    """The language most of the documents are in (the first met among equals); "und" when none says."""
    counts = Counter(document.record.language for document in documents if document.record.language)
    return counts.most_common(1)[0][0] if counts else "und"


def _shared_periodical(documents: list[_Document]) -> str | None:
    names = {document.entry.periodical for document in documents}
    return names.pop() if len(names) == 1 else None  # None too when none has a periodical


def _shared_author(documents: list[_Document]) -> str | None:
    first_authors = {document.record.authors[0].name if document.record.authors else None for document in documents}
    return first_authors.pop() if len(first_authors) == 1 else None


def _distinct(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(xml_text(value) for value in values if value))


def _add_provenance(book: epub.EpubBook, documents: list[_Document]) -> None:
    """dc:source: the printed originals; dc:publisher: the archives the transcriptions were made for; dc:rights: the licences."""
    records = [document.record for document in documents]
    for source in _distinct([record.source.raw if record.source else None for record in records]):
        book.add_metadata("DC", "source", source)
    for archive in _distinct([credit.for_ for record in records for credit in record.credits]):
        book.add_metadata("DC", "publisher", archive)
    for licence in _distinct([record.license for record in records]):
        book.add_metadata("DC", "rights", licence)


def _last_stored(documents: list[_Document]) -> datetime:
    return max(datetime.fromisoformat(document.entry.stored_at) for document in documents)


def _content(uid: str, file_name: str, title: str, language: str, body: HtmlElement, style: epub.EpubItem) -> epub.EpubHtml:
    """A content document; ebooklib writes it as XHTML (`<br/>`, the epub namespace declared) around `body`."""
    item = epub.EpubHtml(uid=uid, file_name=file_name, title=title, lang=language)
    item.content = lxml.html.tostring(body, encoding="utf-8")
    item.add_item(style)
    return item


# The article


def _element(tag: str, text: str | None = None, **attributes: str) -> HtmlElement:
    element = E(tag, _attributes(attributes))
    element.text = xml_text(text) if text is not None else None
    return element


def _attributes(given: dict[str, str]) -> dict[str, str]:
    """Attribute names as Python keywords allow them: class_ → class, aria_label → aria-label."""
    return {name.replace("_", "-").rstrip("-"): value for name, value in given.items()}


def _markup(tag: str, markup: str, **attributes: str) -> HtmlElement:
    """An element holding sanitised HTML from web.render, its note links marked for reading systems."""
    element = lxml.html.fragment_fromstring(xml_text(markup), create_parent=tag)
    for name, value in _attributes(attributes).items():
        element.set(name, value)
    for link in element.iterfind(".//sup[@class='noteref']/a"):
        link.set("epub:type", "noteref")
        link.set("role", "doc-noteref")
    for link in element.iterfind(".//a[@class='backref']"):
        link.set("role", "doc-backlink")
    return element


def _article(document: _Document, base_url: str | None) -> HtmlElement:
    record = document.record
    parts = article_parts({"record": record.to_json()})
    article = _element("section", class_="article", **{"epub:type": "chapter"})
    article.append(_header(record))
    url = base_url.rstrip("/") + quote(document_path(document.id), safe="/") if base_url else None
    article.append(_provenance(record, parts["editor_notes"], url))
    article.append(_text(parts["blocks"]))
    if parts["notes"]:
        article.append(_notes(parts["notes"]))
    return article


def _header(record: Record) -> HtmlElement:
    header = _element("header")
    if record.running_head:
        header.append(_element("p", record.running_head, class_="running-head"))
    if record.authors:
        names = [person.name if person.role == "author" else f"{person.name} ({person.role})" for person in record.authors]
        header.append(_element("p", ", ".join(names), class_="byline"))
    header.append(_element("h1", _title(record)))
    if record.subtitle:
        header.append(_element("p", record.subtitle, class_="deck"))
    if record.dateline:
        header.append(_element("p", record.dateline, class_="dateline"))
    return header


def _provenance(record: Record, editor_notes: list[RenderedNote], url: str | None) -> HtmlElement:
    """Where the text comes from and who made it, as the article page shows it; the labels are English."""
    rows: list[tuple[str, str | HtmlElement]] = []
    if record.written:
        rows.append(("Written", record.written.raw))
    if record.source:
        rows.append(("Source", record.source.raw))
    elif record.published:
        rows.append(("Published", record.published.raw))
    for credit in record.credits:
        done_for = f" for {credit.for_}" if credit.for_ else ""
        when = f" ({credit.date.raw})" if credit.date else ""
        rows.append((CREDIT_LABELS.get(credit.role, credit.role.capitalize()), f"{credit.name}{done_for}{when}"))
    if record.license:
        rows.append(("Licence", record.license))
    if record.last_updated:
        rows.append(("Last updated", record.last_updated.raw))
    if url:
        rows.append(("Online", _element("a", url, href=url)))
    section = _element("section", class_="provenance", aria_label="Provenance")
    if rows:
        listing = _element("dl")
        for label, value in rows:
            listing.append(_element("dt", label, lang="en"))
            definition = _element("dd")
            if isinstance(value, str):
                definition.text = xml_text(value)
            else:
                definition.append(value)
            listing.append(definition)
        section.append(listing)
    for note in editor_notes:
        section.append(_markup("p", f'<strong lang="en">Editor’s note:</strong> {note.html}', class_="editor-note"))
    return section


def _text(blocks: list[RenderedBlock]) -> HtmlElement:
    text = _element("div", class_="text")
    for block in blocks:
        if block.kind == "heading":
            text.append(_markup("h2", block.html))
        elif block.kind == "quote":
            quotation = _element("blockquote", class_="quotation")
            quotation.append(_markup("p", block.html))
            if block.attribution:
                quotation.append(_element("footer", f"— {block.attribution}"))
            text.append(quotation)
        elif block.kind == "signature":
            text.append(_markup("p", block.html, class_="signature"))
        elif block.kind == "note":
            text.append(_markup("p", block.html, class_="inline-note"))
        else:
            text.append(_markup("p", block.html))
    return text


def _notes(notes: list[RenderedNote]) -> HtmlElement:
    """Notes a marker links to are EPUB footnotes (shown where the marker is, by readers that can);
    the others stay in the text's flow, as plain paragraphs, where every reader shows them."""
    section = _element("section", class_="notes", **{"epub:type": "footnotes"})
    section.append(_element("h2", "Notes", lang="en"))
    for note in notes:
        if note.referenced:
            aside = _element("aside", id=f"note-{note.number}", class_=f"note {note.kind}", role="doc-footnote",
                             **{"epub:type": "footnote"})
            aside.append(_markup("p", note.html))
            section.append(aside)
        else:
            section.append(_markup("p", note.html, id=f"note-{note.number}", class_=f"note {note.kind}"))
    return section


# Navigation


def _toc(documents: list[_Document], chapters: list[epub.EpubHtml]) -> list[Any]:
    """The chapters, under their issues when the selection runs over several issues of one periodical."""
    issues = {document.entry.issue_id for document in documents}
    if len(issues) < 2 or _shared_periodical(documents) is None:
        return chapters
    toc: list[Any] = []
    for _, group in groupby(zip(documents, chapters), key=lambda pair: pair[0].entry.issue_id):
        pairs = list(group)
        label = _issue_label(pairs[0][0].issue)
        toc.append((epub.Section(label, href=pairs[0][1].file_name), [chapter for _, chapter in pairs]))
    return toc


def _issue_label(issue: IssueSummary | None) -> str:
    """The issue as a heading: "Vol. 3 No. 1, February 1936", with what its citation gives."""
    if issue is None:
        return "Not in an issue"
    numbering = " ".join(part for part in (
        f"Vol. {issue.volume_raw or issue.volume}" if issue.volume else "",
        f"No. {issue.number}" if issue.number else "",
    ) if part)
    return xml_text(", ".join(part for part in (numbering, issue.date_label) if part) or "Undated issue")


# The cover


def _masthead(documents: list[_Document], title: str, creator: str | None) -> _Masthead:
    name = _shared_periodical(documents) or creator or title
    issue_ids = list(dict.fromkeys(document.entry.issue_id for document in documents))
    if len(issue_ids) == 1 and documents[0].issue is not None:
        return _Masthead(name, _issue_label(documents[0].issue), title)
    volumes = {document.issue.volume_raw or document.issue.volume if document.issue else None for document in documents}
    volume = volumes.pop() if len(volumes) == 1 else None
    span = _year_span(documents)
    line = ", ".join(part for part in (f"Vol. {volume}" if volume else "", span) if part)
    return _Masthead(name, line or None, title)


def _year_span(documents: list[_Document]) -> str:
    years = sorted({document.entry.date[:4] for document in documents if document.entry.date and document.entry.date[:4].isdigit()})
    if not years:
        return ""
    return years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _cover_page(masthead: _Masthead) -> HtmlElement:
    cover = _element("section", class_="cover", **{"epub:type": "cover"})
    cover.append(_element("p", masthead.name, class_="masthead"))
    if masthead.issue_line:
        cover.append(_element("p", masthead.issue_line, class_="issue"))
    cover.append(_element("h1", masthead.title))
    return cover


def _cover_svg(masthead: _Masthead) -> bytes:
    """The cover image: the masthead text set in the reader's own serif on paper, no font or image needed."""
    svg = etree.Element(_svg("svg"), {"version": "1.1", "width": "600", "height": "900", "viewBox": "0 0 600 900"}, nsmap={None: _SVG})
    etree.SubElement(svg, _svg("title")).text = " — ".join(
        xml_text(part) for part in (masthead.name, masthead.issue_line, masthead.title) if part
    )
    etree.SubElement(svg, _svg("rect"), {"width": "600", "height": "900", "fill": "#f6f1e7"})
    frame = {"x": "24", "y": "24", "width": "552", "height": "852", "fill": "none", "stroke": "#1d1d1b", "stroke-width": "3"}
    etree.SubElement(svg, _svg("rect"), frame)
    y = _svg_lines(svg, masthead.name, top=150, size=60, width=15, weight="bold")
    rule = {"x1": "80", "x2": "520", "y1": str(y), "y2": str(y), "stroke": "#8b1e1e", "stroke-width": "4"}
    etree.SubElement(svg, _svg("line"), rule)
    if masthead.issue_line:
        y = _svg_lines(svg, masthead.issue_line, top=y + 60, size=28, width=32)
    _svg_lines(svg, masthead.title, top=y + 110, size=34, width=26, style="italic")
    return etree.tostring(svg, encoding="utf-8", xml_declaration=True)


def _svg(tag: str) -> str:
    return f"{{{_SVG}}}{tag}"


def _svg_lines(svg: etree._Element, text: str, *, top: int, size: int, width: int, weight: str = "normal", style: str = "normal") -> int:
    """The text centred, wrapped at `width` characters, from `top`; returns where the next line would start."""
    y = top
    for line in textwrap.wrap(xml_text(text), width) or [""]:
        attributes = {
            "x": "300", "y": str(y), "text-anchor": "middle", "font-family": "serif", "font-size": str(size),
            "font-weight": weight, "font-style": style, "fill": "#1d1d1b",
        }
        etree.SubElement(svg, _svg("text"), attributes).text = line
        y += round(size * 1.2)
    return y
