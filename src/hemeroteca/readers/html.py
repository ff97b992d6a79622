"""MIA and ETOL HTML pages (old HTML 4 and XHTML, the English `works.css` classes, the Portuguese HTML5 template).

The tree is walked once in document order; each block-level element that holds
text becomes a Chunk, with the role its class or element tells (p.information,
p.from, p.updat, p.footer, nav, footer …). Layout does the rest.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from hemeroteca.fields.citation import int_to_roman
from hemeroteca.fields.language import normalise_language_tag
from hemeroteca.fields.text import normalise_space
from hemeroteca.readers.blocks import Chunk, Role
from hemeroteca.readers.layout import assemble
from hemeroteca.record import Record

_SKIPPED = {"script", "style", "noscript", "head", "title", "meta", "link", "form", "button", "select", "textarea", "iframe", "object", "svg", "template"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "blockquote", "ul", "ol",
    "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "pre", "center", "address",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html", "figure", "figcaption", "caption", "details", "summary",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "h7": 6}
_QUOTE_CLASSES = {"quote", "quoteb", "quotec", "quote3", "quoteb3", "citacao", "cita", "blockquote", "indentb"}
_CLASS_ROLES: dict[str, Role] = {
    "information": "information", "info": "information", "sobre": "information",
    "from": "from", "transcriber": "credits", "colab": "credits",
    "updat": "updated", "datas": "updated", "data_atualizacao": "updated",
    "footer": "navigation", "linkback": "navigation", "toplink": "navigation", "toplink-centro": "navigation",
    "link": "navigation", "next": "navigation", "skip": "navigation", "anterior": "navigation",
    "proximo": "navigation", "logo": "navigation", "menu": "navigation", "navegacao": "navigation",
    "title": "running_head",
    "endnote": "note", "note": "note", "notes": "note", "footnote": "note", "nota": "note", "notas": "note",
    "signature": "signature", "sig": "signature", "assinatura": "signature", "firma": "signature",
    "editorial": "editor_note", "nota-editor": "editor_note",
}
_TAG_ROLES: dict[str, Role] = {"nav": "navigation", "footer": "navigation"}
_NOTE_CONTINUATIONS = {"blockquote", "table", "ul", "ol", "dl", "pre"}
_EMPHASIS = {"i", "em", "b", "strong", "cite"}
_INLINE_NOTE_CLASSES = {"anote", "ednote", "enote"}


class NotADocument(Exception):
    """A page that is no document of the archive (a redirect notice): skipped, not failed; the message says why."""


# A "this page has moved" notice holds a sentence or two; a real page that also refreshes holds its text.
REDIRECT_TEXT_LIMIT = 400

# The Portuguese template's chapter navigation: "Anterior | Índice | Próximo", the middle link to the
# book's table of contents.
_TABLE_OF_CONTENTS_LINK = etree.XPath(
    "//nav//a[@class][normalize-space() = 'Índice'][contains(concat(' ', @class, ' '), ' ao-meio ')"
    " or contains(concat(' ', @class, ' '), ' anterior ') or contains(concat(' ', @class, ' '), ' proximo ')]"
)
# What may stand between a chapter's book header and its heading: a part's name ("Tomo 1 — …").
_CHAPTER_LEAD_MAX_CHARS = 150
_TABLE_CAPTION_LEVEL = 4  # a table's own section heading ranks under the page's
_SIGNATURE_MAX_CHARS = 80  # a right-aligned line this short is a signature, or a quotation's source


def _redirect_target(root: etree._Element) -> str | None:
    """Where a <meta http-equiv="refresh" content="0; url=…"> sends the reader, if the page has one."""
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            content = meta.get("content") or ""
            _, _, target = content.partition("=") if "url" in content.lower() else ("", "", "")
            return target.strip(" '\"") or "another page"
    return None


class EmptyPageError(ValueError):
    """The markup holds no text at all."""


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").lower().split()


def _role_of(element: etree._Element, classes: list[str], inherited: Role | None) -> Role | None:
    if "cc" in classes or "gnu" in classes:
        return "license"  # the Portuguese template's p.info.cc (or p.info.gnu) holds the licence link
    if "autor" in classes and "subtitulo" in classes:
        return "byline"  # a chapter's own author under its heading: the speaker of a congress's intervention
    if "fonte" in classes:
        # "Bundesarchiv, Bild 183-69234-0003 / Schutt, Erich (CC BY-SA 3.0 Germany)" under a portrait; "Wikipédia"
        # under a biography
        return "image_credit" if "imagem" in classes else "biography_source"
    if "formatos" in classes:
        return "navigation"  # p.info.formatos: links to the page's PDF, EPUB or recording, not a field of the text
    if "biografia" in classes:
        return None  # the new template's author biography, inside its <footer>: the page's text, not furniture
    for name in classes:
        role = _CLASS_ROLES.get(name)
        if role == "running_head" and element.tag in _HEADINGS:
            continue  # h3.title is a title; p.title is the running head
        if role == "note" and element.tag in ("td", "table"):
            continue  # the Spanish section's layout cells (td.note) hold whole pages, not notes
        if role is not None:
            return role
    return _TAG_ROLES.get(element.tag, inherited) if isinstance(element.tag, str) else inherited


# <br> becomes this private-use character, which no MIA text holds, so that newlines in
# the source (mere white space) are not taken for line breaks.
_LINE_BREAK = "\ue000"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


@cache
def _parser(encoding: str | None) -> etree.HTMLParser:
    # Plain etree elements: lxml.html's element classes cost a lookup per element visited.
    return etree.HTMLParser(encoding=encoding, remove_comments=True, remove_pis=True, no_network=True)


def _text(element: etree._Element) -> str:
    # The text serialisation is C all the way: faster than XPath string() or joining itertext().
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _lines(element: etree._Element) -> list[str]:
    return _split_lines(_text(element))


def _split_lines(text: str) -> list[str]:
    if _LINE_BREAK not in text:  # most paragraphs: one line
        line = normalise_space(text)
        return [line] if line else []
    lines = (normalise_space(line) for line in text.split(_LINE_BREAK))
    return [line for line in lines if line]


def _share_in(element: etree._Element, tags: tuple[str, ...], total: int) -> float:
    if total == 0:
        return 0.0
    inside = sum(len(normalise_space(_text(e))) for e in element.iter(*tags) if e is not element)
    return min(inside / total, 1.0)


def _lead_emphasis(element: etree._Element) -> str | None:
    """Text set in italics or bold at the very start: how MIA marks a periodical's name in a source line."""
    if (element.text or "").strip() or not len(element):
        return None
    first = element[0]
    return normalise_space(_text(first)) or None if first.tag in _EMPHASIS else None


def _anchor(element: etree._Element) -> str | None:
    if element.get("id"):
        return element.get("id")
    for link in element.iter("a"):
        name = link.get("name") or link.get("id")
        if name:
            return name
    return None


def _chunk(element: etree._Element, classes: list[str], role: Role | None) -> Chunk | None:
    lines = _lines(element)
    if not lines:
        return None
    tag = element.tag
    total = sum(map(len, lines))
    if tag in _HEADINGS:
        return Chunk("heading", lines, level=_HEADINGS[tag], role=role if role in ("editor_note", "navigation", "byline") else None)
    kind = "quote" if tag == "blockquote" or not _QUOTE_CLASSES.isdisjoint(classes) else "paragraph"
    if role == "license":
        links = [link.get("href") for link in element.iter("a") if link.get("href", "").startswith("http")]
        lines = [" ".join(lines + [f"({links[0]})"])] if links else lines
    chunk = Chunk(kind, lines, role=role, lead_emphasis=_lead_emphasis(element))
    chunk.measure = lambda: (_share_in(element, ("a",), total), _share_in(element, ("i", "em", "small"), total) > 0.95)
    if role == "note":
        chunk.anchor = _anchor(element)
    right_aligned = element.get("align", "").lower() == "right" or "direita" in classes
    if right_aligned and tag not in ("td", "th") and len(lines) <= 3 and total < _SIGNATURE_MAX_CHARS:  # not a figure in a table
        chunk.role = chunk.role or "signature"
    return chunk


def _row(row: etree._Element, role: Role | None) -> Chunk | None:
    """A table's row of plain cells, as one line with its cells apart ("1961 - abr | Primeiro discurso sobre seu voo
    espacial", "Terra não cultivada | 1917 | 1919"): read cell by cell, a works list loses which date is whose and
    a table which figure is whose. None for a row of layout cells, which hold blocks, or cells with roles of their own."""
    cells = [cell for cell in row if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
    if len(cells) == 1 and cells[0].tag == "th" and _role_of(cells[0], _classes(cells[0]), role) == role:
        caption = _lines(cells[0])  # a works table's section: "Textos sobre o autor", "Mais textos"
        return Chunk("heading", caption, level=_TABLE_CAPTION_LEVEL, role=role) if caption else None
    if len(cells) < 2:
        return None
    for cell in cells:
        for inner in cell.iter(*_BLOCKS):
            if inner is not cell:
                return None
        if cell.get("class") and _role_of(cell, _classes(cell), role) != role:
            return None
    texts = [text for text in (normalise_space(_text(cell).replace(_LINE_BREAK, " ")) for cell in cells) if text]
    if not texts:
        return None
    line = " | ".join(texts)
    chunk = Chunk("paragraph", [line], role=role)
    chunk.measure = lambda: (_share_in(row, ("a",), len(line)), False)
    return chunk


class _Walker:
    """One pass over the tree in document order, appending a Chunk per block of text."""

    def __init__(self) -> None:
        self.chunks: list[Chunk] = []
        self.in_information = False

    def walk(self, element: etree._Element, inherited: Role | None) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            return
        classes = _classes(element)
        role = _role_of(element, classes, inherited)
        if role == inherited == "navigation" and tag in _NOTE_CONTINUATIONS and self.chunks and self.chunks[-1].role == "note":
            role = "note"  # a quotation or table inside a note among the <footer>'s notes: the note's, not furniture
        if tag == "hr":
            # Old templates frame the information block with hr.infotop … hr.infobot.
            self.in_information = "infotop" in classes or (self.in_information and "infobot" not in classes)
            self.chunks.append(Chunk("rule", []))
            return
        if self.in_information and role is None:
            role = "information"
        if tag == "tr":
            row = _row(element, role)
            if row is not None:
                self.chunks.append(row)
                return
        if not any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element):
            chunk = _chunk(element, classes, role)
            if chunk is not None:
                self.chunks.append(chunk)
            return
        first = len(self.chunks)
        self.walk_children(element, role)
        # Old templates wrap a whole page in <blockquote> for its margins: one holding headings is layout, not a quotation.
        quoted = self.chunks[first:]
        if tag == "blockquote" and not any(chunk.kind == "heading" for chunk in quoted):
            for chunk in quoted:
                if chunk.kind == "paragraph":
                    chunk.kind = "quote"
            if len(quoted) > 1 and quoted[-1].role == "signature":
                quoted[-1].role = "attribution"  # "(Pravda, n.º 34, 16.4.1917)" set right under the quotation

    def walk_children(self, element: etree._Element, role: Role | None) -> None:
        """Children in order; loose inline text between block children forms paragraphs of its own."""
        parts: list[str] = [element.text or ""]
        link_chars = 0
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                parts.append(child.tail or "")
            elif tag in _BLOCKS or _holds_block(child):
                self.add_loose(parts, link_chars, role)
                self.walk(child, "byline" if tag == "a" and _is_byline_link(child) else role)
                parts, link_chars = [child.tail or ""], 0
            else:
                content = _text(child)
                if tag == "a":
                    link_chars += len(content.strip())
                parts.append(content)
                parts.append(child.tail or "")
        self.add_loose(parts, link_chars, role)

    def add_loose(self, parts: list[str], link_chars: int, role: Role | None) -> None:
        text = "".join(parts)
        if not text or text.isspace():
            return
        lines = _split_lines(text)
        if lines:
            total = sum(len(line) for line in lines)
            self.chunks.append(Chunk("paragraph", lines, role=role, measure=lambda: (min(link_chars / total, 1.0), False)))


def _is_byline_link(link: etree._Element) -> bool:
    """The Portuguese template's byline: the author's picture and name as one link, to their index or to the
    collection a body's documents are filed in (<a href="../../documentos.htm#pc-sbic"><img …><h2>…</h2></a>)."""
    return link.get("href", "").endswith("index.htm") or (link.find("img") is not None and link.find("h2") is not None)


def _holds_block(element: etree._Element) -> bool:
    """An inline element wrapping blocks, as in the Portuguese template's <a><h2>Author</h2></a>."""
    return next(element.iter(*_BLOCKS), None) is not None


def _prepare(root: etree._Element) -> None:
    """Scripts go; line breaks become _LINE_BREAK; a partner's logo becomes its name; inline note markers stay
    readable as "[1]"."""
    etree.strip_elements(root, "script", "style", "noscript", with_tail=False)
    for br in root.iter("br"):
        br.tail = _LINE_BREAK + (br.tail or "")
    for partner in (div for div in root.iter("div") if "colab" in _classes(div)):
        # "Este texto foi uma contribuição da" names the partner only in its logo's alt text.
        text = " ".join([_text(partner), *(img.get("alt", "") for img in partner.iter("img"))])
        for child in list(partner):
            partner.remove(child)
        partner.text = text
    for ordered in root.iter("ol"):
        _number_items(ordered)
    for sup in root.iter("sup"):
        if set(_classes(sup)) & _INLINE_NOTE_CLASSES:
            text = normalise_space(_text(sup))
            if text and not text.startswith("["):
                for child in list(sup):
                    sup.remove(child)
                sup.text = f"[{text}]"


def _number_items(ordered: etree._Element) -> None:
    """An ordered list's items keep the numbers or letters a browser draws before them ("a) destruição dos
    sindicatos"): they are part of what the reader reads."""
    try:
        number = int(ordered.get("start", "1"))
    except ValueError:
        number = 1
    kind = ordered.get("type", "1")
    close = ")" if "parentese" in _classes(ordered) else "."
    for item in ordered:
        if item.tag != "li":
            continue
        holder = item  # the marker goes where the item's text starts: "<li><p>…" has it in the paragraph
        while not (holder.text or "").strip() and len(holder) and holder[0].tag in _BLOCKS:
            holder = holder[0]
        holder.text = f"{_list_marker(number, kind)}{close} {holder.text or ''}"
        number += 1


def _list_marker(number: int, kind: str) -> str:
    if kind in ("a", "A"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter if kind == "a" else letter.upper()
    if kind in ("i", "I"):
        numeral = int_to_roman(number)
        return numeral.lower() if kind == "i" else numeral
    return str(number)


def _chapter_heading(root: etree._Element) -> etree._Element | None:
    """The heading that opens the text of a book's chapter (a page linked to the book's table of
    contents), when no more than a short line or two (the part) comes before it."""
    if not _TABLE_OF_CONTENTS_LINK(root):
        return None
    main = root.find(".//main")
    if main is None:
        return None
    before = 0
    for element in main:
        if not isinstance(element.tag, str) or element.tag in _SKIPPED:
            continue
        if element.tag in _HEADINGS:
            return element
        text = normalise_space(_text(element))
        if len(text) > _CHAPTER_LEAD_MAX_CHARS or before == 2:
            return None
        before += bool(text)
    return None


def _title_chapter(chunks: list[Chunk], heading_lines: list[str]) -> None:
    """A chapter's page sets its book's title as h1: the chapter's heading is the title, the book the
    running head (as the Markdown reader takes a book chapter's '## book' line)."""
    book = next((c for c in chunks if c.kind == "heading" and c.level == 1), None)
    chapter = next((c for c in chunks if c.kind == "heading" and c.lines == heading_lines and c is not book), None)
    if book is None or chapter is None:
        return
    book.kind, book.role = "paragraph", "running_head"
    deck = chunks[chunks.index(book) + 1] if chunks[-1] is not book else chapter
    if deck is not chapter and deck.kind == "paragraph" and deck.role is None and len(deck.text) <= _CHAPTER_LEAD_MAX_CHARS:
        deck.role = "running_head"  # the book's subtitle ("A agonia do capitalismo e as tarefas da IV Internacional")
    position = chunks.index(chapter)
    speaker = chunks[position + 1] if position + 1 < len(chunks) and chunks[position + 1].role == "byline" else None
    chunks.remove(chapter)
    chapter.level = 1
    chunks.insert(chunks.index(book) + 1, chapter)
    if speaker is not None:
        # The chapter's author, not the book's: the book's byline (the party whose congress it was) heads the book.
        for chunk in chunks:
            if chunk.role == "byline" and chunk is not speaker:
                chunk.kind, chunk.role = "paragraph", "running_head"
        chunks.remove(speaker)
        chunks.insert(chunks.index(chapter) + 1, speaker)


def read_html(page: str | bytes, author_hints: tuple[str, ...] = (), *, encoding: str | None = None) -> Record:
    """The record of one HTML page; `author_hints` are used only where the page names no author.

    `page` is text, or bytes in a known `encoding` (parsing bytes is faster: libxml2
    decodes them itself, where a str must first be encoded again).
    """
    if isinstance(page, str):
        page, encoding = _XML_DECLARATION.sub("", page, count=1).encode("utf-8"), "utf-8"
    try:
        root = etree.fromstring(page, _parser(encoding))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise EmptyPageError(f"no HTML content ({error})") from error
    if root is None:
        raise EmptyPageError("no HTML content")
    _prepare(root)
    title_element = root.find(".//title")
    # A page cut short inside <title> leaves the rest of the file in it.
    title_hint = normalise_space(_text(title_element).split("<", 1)[0]) if title_element is not None else None
    language = normalise_language_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" and language is None:
            language = normalise_language_tag(meta.get("content"))
    body = root.find("body")
    target = _redirect_target(root)
    if target is not None and len(normalise_space(_text(body if body is not None else root))) < REDIRECT_TEXT_LIMIT:
        raise NotADocument(f"a redirect page (to {target}), not a document")
    walker = _Walker()
    walker.walk(body if body is not None else root, None)
    chunks = walker.chunks
    heading = _chapter_heading(root)
    if heading is not None:
        _title_chapter(chunks, _lines(heading))
    if not chunks and not title_hint:
        raise EmptyPageError("the page holds no text")
    meta_authors = tuple(
        normalise_space(meta.get("content") or "") for meta in root.iter("meta") if (meta.get("name") or "").lower() == "author"
    )
    return assemble(chunks, language=language, title_hint=title_hint, author_hints=meta_authors + author_hints)
