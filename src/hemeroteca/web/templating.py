"""The pages' templates, shared by the server and the static export.

Templates write every link as `link(path)`, with `path` an absolute site path
("/periodicals/ni"): the server leaves it as it is; the static export turns it into
a link relative to the page being written, so a mirror works from any folder or
from file://.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from hemeroteca.record import Record, record_from_json
from hemeroteca.web.render import render_body, sanitise
from hemeroteca.web.service import SEARCH_PAGE_SIZE

CREDIT_LABELS = {
    "transcription": "Transcription", "markup": "Mark-up", "translation": "Translation",
    "proofreading": "Proofreading", "editing": "Editing", "html": "HTML", "contribution": "Contributed by", "other": "Credit",
}

Link = Callable[[str], str]
# The page's own label, which the provenance block prints itself.
_EDITOR_LABEL = re.compile(r"^\s*(?:editor[’']?s\s+note|note\s+by\s+the\s+editors?|ed\.\s+note)\s*[:.–-]\s*", re.IGNORECASE)


def _refine(query: str, facet: str, value: str) -> str:
    """The query narrowed to a facet's value, as a user would type it."""
    if facet == "periodical":
        return f'{query} periodical:"{value}"'
    if facet == "author":
        return f'{query} author:"{value}"'
    if facet == "language":
        return f"{query} lang:{value}"
    if facet == "decade" and value[:4].isdigit():
        return f"{query} year:{value[:4]}..{int(value[:4]) + 9}"
    return f"{query} year:{value}"


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("hemeroteca.web", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["safe_snippet"] = lambda snippet: sanitise(snippet)  # escaped already; <mark> only
    environment.globals["credit_label"] = lambda role: CREDIT_LABELS.get(role, role.capitalize())
    environment.globals["refine"] = _refine
    environment.globals["page_size"] = SEARCH_PAGE_SIZE
    return environment


ENVIRONMENT = _environment()


def _plain(text: str) -> str:
    return " ".join(text.split())


def article_parts(data: dict[str, Any]) -> dict[str, Any]:
    """The article's text and notes rendered: editors' notes go to the provenance block, the others below the text.

    A note the record keeps both where it sits in the text (a body block of kind "note") and
    among its notes is shown once, with the notes, where the markers link to it.
    """
    record = record_from_json(data["record"])
    editor_notes = [replace(note, text=_EDITOR_LABEL.sub("", note.text)) for note in record.notes if note.kind == "editor"]
    other_notes = [note for note in record.notes if note.kind != "editor"]
    noted = {_plain(note.text) for note in record.notes}
    kept = [i for i, block in enumerate(record.body) if not (block.kind == "note" and _plain(block.text) in noted)]
    blocks, notes = render_body([record.body[i] for i in kept], other_notes)
    _, rendered_editor_notes = render_body([], editor_notes)
    reuse, marks = _reuse_parts(record, kept, data.get("reuse", []))
    return {
        "blocks": blocks, "notes": notes, "editor_notes": rendered_editor_notes, "lang": record.language or "en",
        "reuse": reuse, "block_reuse": marks,
    }


EXCERPT_CHARACTERS = 160


def _reuse_parts(record: Record, kept: list[int], passages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """The reused passages numbered, each with an excerpt, and for each shown block the passages that start in it.

    Offsets are in the record's text (its blocks joined by blank lines); a passage is marked at the block it starts in.
    """
    text = record.body_text()
    starts, position = [], 0
    for block in record.body:
        starts.append(position)
        position += len(block.text) + 2
    shown = {index: place for place, index in enumerate(kept)}
    numbered: list[dict[str, Any]] = []
    marks: list[list[dict[str, Any]]] = [[] for _ in kept]
    for number, passage in enumerate(passages, start=1):
        excerpt = " ".join(text[passage["start"] : passage["end"]].split())
        if len(excerpt) > EXCERPT_CHARACTERS:
            excerpt = excerpt[:EXCERPT_CHARACTERS].rsplit(" ", 1)[0] + " …"
        block = max((i for i, start in enumerate(starts) if start <= passage["start"]), default=0)
        source = next((other for other in passage["others"] if other["is_source"]), None)
        item = passage | {"number": number, "excerpt": excerpt, "source": source, "marked": block in shown}
        numbered.append(item)
        if block in shown:
            marks[shown[block]].append(item)
    return numbered, marks


def render_page(
    template: str, data: Any, *, link: Link, json_url: str | None,
    search_box: bool = True, search_url: Callable[[str, int], str] | None = None, **extra: Any,
) -> str:
    context = {
        "data": data, "link": link, "json_url": json_url, "search_box": search_box,
        "search_url": search_url or server_search_url,
        **extra,
    }
    if template == "article.html":
        context |= article_parts(data)
    return ENVIRONMENT.get_template(template).render(context)


def server_search_url(query: str, page: int) -> str:
    return "/search?" + urlencode({"q": query} | ({"page": page} if page > 1 else {}))

