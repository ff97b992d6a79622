"""MIA and ETOL HTML pages (old HTML 4 and XHTML, the English `works.css` classes, the Portuguese HTML5 template).

The tree is walked once in document order; each block-level element that holds
text becomes a Chunk, with the role its class or element tells (p.information,
p.from, p.updat, p.footer, nav, footer …). Layout does the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html
from lxml import etree

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
    "information": "information", "info": "information", "sobre": "information", "fonte": "information",
    "from": "from", "transcriber": "credits", "colab": "credits",
    "updat": "updated", "datas": "updated", "data_atualizacao": "updated",
    "footer": "navigation", "linkback": "navigation", "toplink": "navigation", "toplink-centro": "navigation",
    "link": "navigation", "next": "navigation", "skip": "navigation", "anterior": "navigation",
    "proximo": "navigation", "logo": "navigation", "menu": "navigation", "navegacao": "navigation",
    "title": "running_head",
    "endnote": "note", "note": "note", "notes": "note", "footnote": "note", "nota": "note", "notas": "note",
    "signature": "signature", "sig": "signature", "assinatura": "signature", "firma": "signature",
    "cc": "license",
}
_TAG_ROLES: dict[str, Role] = {"nav": "navigation", "footer": "navigation"}
_INLINE_NOTE_CLASSES = {"anote", "ednote", "enote"}


class EmptyPageError(ValueError):
    """The markup holds no text at all."""


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").lower().split()


def _role_of(element: etree._Element, inherited: Role | None) -> Role | None:
    for name in _classes(element):
        role = _CLASS_ROLES.get(name)
        if role is not None:
            return role
    return _TAG_ROLES.get(element.tag, inherited) if isinstance(element.tag, str) else inherited


def _has_block_child(element: etree._Element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element)


def _lines(element: etree._Element) -> list[str]:
    lines = (normalise_space(line) for line in element.text_content().split("\n"))
    return [line for line in lines if line]


def _share_in(element: etree._Element, tags: tuple[str, ...], total: int) -> float:
    if total == 0:
        return 0.0
    inside = sum(len(normalise_space(e.text_content())) for e in element.iter(*tags) if e is not element)
    return min(inside / total, 1.0)


def _anchor(element: etree._Element) -> str | None:
    if element.get("id"):
        return element.get("id")
    for link in element.iter("a"):
        name = link.get("name") or link.get("id")
        if name:
            return name
    return None


def _chunk(element: etree._Element, role: Role | None) -> Chunk | None:
    lines = _lines(element)
    if not lines:
        return None
    tag = element.tag
    total = sum(len(line) for line in lines)
    classes = set(_classes(element))
    if tag in _HEADINGS:
        return Chunk("heading", lines, level=_HEADINGS[tag], role=role if role != "note" else None)
    kind = "quote" if tag == "blockquote" or classes & _QUOTE_CLASSES else "paragraph"
    chunk = Chunk(kind, lines, role=role, link_share=_share_in(element, ("a",), total))
    chunk.italic = _share_in(element, ("i", "em"), total) > 0.95
    if role == "note":
        chunk.anchor = _anchor(element)
    if element.get("align", "").lower() == "right" and len(lines) <= 3 and total < 80:
        chunk.role = chunk.role or "signature"
    return chunk


def _walk(element: etree._Element, inherited: Role | None) -> Iterator[Chunk]:
    tag = element.tag
    if not isinstance(tag, str) or tag in _SKIPPED:
        return
    role = _role_of(element, inherited)
    if tag == "hr":
        yield Chunk("rule", [])
        return
    if tag == "blockquote" and not _has_block_child(element) or not _has_block_child(element):
        chunk = _chunk(element, role)
        if chunk is not None:
            yield chunk
        return
    if tag == "blockquote":
        for chunk in _walk_children(element, role):
            if chunk.kind == "paragraph":
                chunk.kind = "quote"
            yield chunk
        return
    yield from _walk_children(element, role)


def _walk_children(element: etree._Element, role: Role | None) -> Iterator[Chunk]:
    """Children in order; loose inline text between block children forms paragraphs of its own."""
    parts: list[str] = [element.text or ""]
    link_chars = 0
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            parts.append(child.tail or "")
        elif child.tag in _BLOCKS:
            loose = _loose_chunk(parts, link_chars, role)
            if loose is not None:
                yield loose
            yield from _walk(child, role)
            parts, link_chars = [child.tail or ""], 0
        else:
            content = child.text_content()
            if child.tag == "a":
                link_chars += len(normalise_space(content))
            parts.extend((content, child.tail or ""))
    loose = _loose_chunk(parts, link_chars, role)
    if loose is not None:
        yield loose


def _loose_chunk(parts: list[str], link_chars: int, role: Role | None) -> Chunk | None:
    lines = [line for line in (normalise_space(piece) for piece in "".join(parts).split("\n")) if line]
    if not lines:
        return None
    total = sum(len(line) for line in lines)
    return Chunk("paragraph", lines, role=role, link_share=min(link_chars / total, 1.0))


def _prepare(root: etree._Element) -> None:
    """Line breaks become newlines; inline note markers stay readable as "[1]"."""
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for sup in root.iter("sup"):
        if set(_classes(sup)) & _INLINE_NOTE_CLASSES:
            text = normalise_space(sup.text_content())
            if text and not text.startswith("["):
                for child in list(sup):
                    sup.remove(child)
                sup.text = f"[{text}]"


def read_html(text: str) -> Record:
    """The record of one HTML page given as text."""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise EmptyPageError(f"no HTML content ({error})") from error
    _prepare(root)
    title_element = root.find(".//title")
    title_hint = normalise_space(title_element.text_content()) if title_element is not None else None
    language = normalise_language_tag(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language" and language is None:
            language = normalise_language_tag(meta.get("content"))
    body = root.find("body")
    chunks = list(_walk(body if body is not None else root, None))
    if not chunks and not title_hint:
        raise EmptyPageError("the page holds no text")
    return assemble(chunks, language=language, title_hint=title_hint)
