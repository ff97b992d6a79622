"""A record's text as safe HTML: escaped, footnote markers linked both ways, then sanitised.

The archive's text comes from pages anyone could have written: every string is
escaped before markup is added, and what comes out passes nh3 (Ammonia) with only
the few tags and attributes made here allowed, so that no script, event handler or
`javascript:` link can reach a reader even through a bug in this module.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3
from markupsafe import Markup

from hemeroteca.record import Block, Note

_ALLOWED_TAGS = {"a", "sup", "mark", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href", "id", "class"}, "sup": {"id", "class"}}
# A note's own label at its start: "1.", "[1]", "[a.]", "[*]", "*", "1)".
_NOTE_LABEL = re.compile(r"^\s*[\[(]?\s*([0-9]{1,3}|[a-z]|\*{1,3}|†|‡)\s*[.)]?\s*[\])]?[.)]?\s+", re.IGNORECASE)
# A marker in the text: "[1]", "[a]", "[*]"; or "(1)" glued to the word before it, as Portuguese pages
# of MIA write them ("stewards(1)": an enumeration's "(1)" follows a space).
NOTE_MARKER = re.compile(r"\[([0-9]{1,3}|[a-z]|\*{1,3}|†|‡)\.?\]|(?<=[^\s(\[])\(([0-9]{1,3})\)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RenderedNote:
    number: int  # 1-based position among the notes: the id "note-N"
    label: str | None  # as the page marks it ("1", "a", "*"); None when the note has none
    kind: str
    html: Markup
    referenced: bool  # a marker in the text links here (and the note links back)


def sanitise(fragment: str) -> Markup:
    """Only the markup this module makes survives; links only to this page's own anchors or relative pages."""
    return Markup(
        nh3.clean(fragment, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES, url_schemes=set(), link_rel=None)
    )


def note_label(note: Note) -> str | None:
    match = _NOTE_LABEL.match(note.text)
    if match:
        return match.group(1).casefold()
    if note.anchor:
        digits = re.sub(r"\D", "", note.anchor)
        return digits or None
    return None


def marker_label(marker: re.Match[str]) -> str:
    """The label a NOTE_MARKER match points to: "[1]" and "(1)" → "1", "[A]" → "a"."""
    return (marker.group(1) or marker.group(2)).casefold()


def note_numbers(notes: list[Note]) -> dict[str, int]:
    """Each label to the number of the first note that carries it (the note's id is note-NUMBER)."""
    labels: dict[str, int] = {}
    for number, note in enumerate(notes, start=1):
        label = note_label(note)
        if label and label not in labels:
            labels[label] = number
    return labels


def render_text(text: str, labels: dict[str, int], referenced: set[int]) -> Markup:
    """A block's text, escaped, with its note markers linked to their notes (collected in `referenced`)."""
    pieces: list[str] = []
    position = 0
    for match in NOTE_MARKER.finditer(text):
        number = labels.get(marker_label(match))
        if number is None:
            continue
        pieces.append(html.escape(text[position : match.start()], quote=False))
        anchor = "" if number in referenced else f' id="ref-{number}"'  # the note links back to the first marker
        pieces.append(f'<sup class="noteref"{anchor}><a href="#note-{number}">{html.escape(match.group(0), quote=False)}</a></sup>')
        referenced.add(number)
        position = match.end()
    pieces.append(html.escape(text[position:], quote=False))
    return sanitise("".join(pieces).replace("\n", "<br>"))


def render_notes(notes: list[Note], referenced: set[int]) -> list[RenderedNote]:
    rendered = []
    for number, note in enumerate(notes, start=1):
        text = html.escape(note.text, quote=False).replace("\n", "<br>")
        if number in referenced:
            text += f' <a class="backref" href="#ref-{number}">↩ back to text</a>'
        rendered.append(RenderedNote(number, note_label(note), note.kind, sanitise(text), number in referenced))
    return rendered


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    kind: str
    html: Markup
    attribution: str | None


def render_body(body: list[Block], notes: list[Note]) -> tuple[list[RenderedBlock], list[RenderedNote]]:
    """The text's blocks and the notes, rendered together so that markers and notes link both ways."""
    labels = note_numbers(notes)
    referenced: set[int] = set()
    blocks = [RenderedBlock(block.kind, render_text(block.text, labels, referenced), block.attribution) for block in body]
    return blocks, render_notes(notes, referenced)
