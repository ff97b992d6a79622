"""Page layout: from a page's chunks in reading order to one Record.

MIA and ETOL pages, whatever their markup, share one order: navigation, a
header (running head, author, title, deck, dateline), a bibliographic block,
the text (editor's notes first, signature last, notes after), then navigation
and "Last updated". Readers keep what markup tells them in `Chunk.role`;
layout decides the rest by position and by what the text says, the same way
for HTML, Markdown and text dumps. What the bibliographic block says is read in
`bibliographic`, what a dateline says in `datelines`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.catalogue.names import clean_person_name
from hemeroteca.fields.boilerplate import is_navigation_line, is_site_notice, last_updated_text, without_note_backlink
from hemeroteca.fields.language import detect_language
from hemeroteca.fields.persons import looks_like_person_name, names_a_body
from hemeroteca.fields.quotes import attribution_from_lead_in, cited_at_close, is_quoted_paragraph
from hemeroteca.fields.text import normalise_space, split_glued_words, strip_trailing_period
from hemeroteca.readers.bibliographic import Metadata, is_metadata_chunk, published_date, source_citation
from hemeroteca.readers.blocks import Chunk
from hemeroteca.readers.datelines import (
    DATELINE_MAX_CHARS, closing_dateline, date_alone, date_value, is_lifetime, place_and_date, written,
)
from hemeroteca.record import Block, Note, Person, Record

# The extra field that keeps the lifetime under the name on an author's own index page: such a page has its
# person as subject, not as author.
LIFETIME_FIELD = "Lifetime"
# The extra fields of a person's page's asides: a portrait's credit (who made it, under what licence), the source
# of the biography.
_ASIDE_FIELDS: dict[str, str] = {"image_credit": "Image", "biography_source": "Source"}
_LEADING_RUN_MAX_CHARS = 400  # header chunks are short; the first long one is text
_LEADING_RUN_MAX_CHUNKS = 16
_TITLE_LINE_MAX_CHARS = 80
_HEADER_PLAIN_MAX = 5  # author, title, deck, dateline, running head
_SUBSTANTIAL_CHARS = 200  # a paragraph this long is the author's text, not furniture
_MENU_LINK_SHARE = 0.8  # a line this much link text is a menu or a table of contents
_FOOT_MENU_MAX_LINKS = 3  # a menu under the text is a line or three; a longer run of links is a table of contents
_SIGNATURE_LINE_MAX_CHARS = 40  # a signature is a name, perhaps with a title
_SIGN_OFF_MAX_CHARS = 120  # "I am, yours fraternally, JAMES CONNOLY." with an address at most
_EDITOR_NOTE_MIN_CHARS = 80  # a short italic line atop the text is an epigraph, not an editor's note
# "Editor's Note", "Moscow Editor's Note" (the editors of the Progress edition), "Nota do editor".
_EDITOR_NOTE = re.compile(
    r"^(?:(?:[A-Z][\w.]*\s+)?editor[’']?s?[’']?\s+note|editorial\s+note|note\s+by\s+(?:the\s+)?(?:etol|mia|editor)|"
    r"note\s+by\s+[A-Z][\w ]+$|"
    r"nota\s+(?:do|da|del|de\s+la)\s+(?:editor|edição|edicao|edición|redacción|redação|tradutor|traductor|arquivo))\b",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^\(?\s*signed\s*\)?\s*:?\s+\S", re.IGNORECASE)
_NOTES_HEADING = re.compile(
    r"^(?:notes?|footnotes?|endnotes?|translator[’']?s notes|notas?(?:\s+de\s+rodapé)?|notas del (?:autor|editor|traductor)"
    r"|notas? d[aoe] (?:tradução|tradutor|tradutora|revisão|edição|autor)|notas? do arquivo(?: marxista na internet)?|примечания)\s*:?$",
    re.IGNORECASE,
)
# A label over a set of notes, set as one of them: "Notas dos tradutores:", "Referências bibliográficas:",
# "Bibliografia do Capítulo II".
_NOTES_LABEL = re.compile(
    r"^(?:(?:notas?|notes?|comentários|referências?|bibliografia|bibliography|references)\b[^.:]{0,50}:"
    r"|(?:bibliografia|referências?(?:\s+bibliográficas)?|bibliography|references)(?:\s+d[oa]\s+cap[ií]tulo\s+\S+)?)$",
    re.IGNORECASE,
)
_CO_AUTHORS = re.compile(r"\s+(?:and|e|y|und|et|&)\s+")
# A list of authors: "Claudine Haroche, Michel Pêcheux e Paul Henry", "C. L. R. James, Leon Trotski e outros".
_NAME_LIST = re.compile(rf"\s*,\s*|{_CO_AUTHORS.pattern}")
_AND_OTHERS = re.compile(r"\s+(?:and|e|y|&)\s+(?:others|outros|otros)$", re.IGNORECASE)
_NO_ONE = re.compile(r"^(?:múltiplos|vários|diversos|varios|various|several)\s+(?:autores|authors)$", re.IGNORECASE)
_PUBLISHER = re.compile(r"\b(?:edições|ediciones|éditions|editions|editora|editorial|publishers|publishing)\b", re.IGNORECASE)
_EDITED_BY = re.compile(r"\s*\((?:org|orgs|ed|eds|coord)\.?\)$", re.IGNORECASE)
# What a byline says of the person after the name: "(Membro do Comité Central do P.C.P.)".
_DESCRIBED = re.compile(r"\s*\([^()]{3,}\)$")
_BY_LINE = re.compile(r"^(?:by|por|par|von)\s+(?P<name>.+)$", re.IGNORECASE)
# "…Bonaparte[64]", "…defesa(1)", "…do Partido❋": a note marker glued to a title's end, or before its closing
# bracket or stop ("(Miazaki Toten(1))", "…cotidiano(1).").
_TITLE_NOTE_MARKER = re.compile(r"(?:\s*\[(?:\d{1,3}|\*|[a-z])\]|(?<=[^\s\d(])\((?:\d{1,3}|\*)\)|\s*❋)(?=[).]?$)")
_ELISION = re.compile(r"^\[?\s*(?:\.\s*){3,}\]?$|^\[…\]$|^…$")
# MIA's letter titles: "Karl Marx to Ludwig Kugelmann, 30 January 1868", "Engels to J. Bloch".
_LETTER_TITLE = re.compile(r"^(?P<sender>[A-Z][\w.’' -]{1,40}?)\s+to\s+(?P<addressee>[A-Z].+?)(?:,\s*(?P<date>[^,]*\d{4}))?$")
# A heading that goes on with the title's sentence: "Inaugural Address" / "of the International Working Men’s Association".
_TITLE_CONTINUED = re.compile(r"^(?:of|and|in|on|for|to|from|with)\s")
# A paragraph of more lines under the title lists things (the readings of a study guide); a heading of three
# lines ("Denounces Repressions Against / Bolshevik-Leninists / by the Stalinist Bureaucracy") is a deck.
_DECK_MAX_LINES = 2
# A title heading that stops short, to go on in the next heading: "Study Guide for" / "Marx’s" / "Theses on Feuerbach".
_TITLE_UNFINISHED = re.compile(r"(?:\s(?:of|and|in|on|for|to|from|with|the)|[’']s)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
_DASH_FRAME = re.compile(r"^[—–-]{2,}\s*(?P<title>.+?)\s*[—–-]{2,}$")
_SEPARATOR = re.compile(r"^[*⁂•·\s-]+$")
# A note's number or letter: "[1]", "(2)", "3.", "[a.]", "(b)", "*", and the editors' starred "1*." beside the
# author's "1.".
# A bracketed number needs no space after it ("[8]Martens, R. 2, IV. 103."); stars are no note's but a separator's
# when more stars follow ("* * *").
_NOTE_NUMBER = re.compile(
    r"^(?:\[(?:\d{1,3}\*?|[a-zA-Z*])\.?\]|(?:\((?:\d{1,3}|[a-zA-Z*])\.?\)|\d{1,3}\*?\.)(?:\s|$)|\*{1,3}(?:\s+(?!\*)|$))"
)
# The editors' notes lettered "A.", "B." below MIA's text.
_NOTE_LETTER = re.compile(r"^[A-Z]\.\s")
_ARCHIVE_TITLE = re.compile(r"\b(?:archive|library|works index)$|^marxist writers:", re.IGNORECASE)
_SECTION_NAME = re.compile(r"\b(?:archive|arquivo|archivo)$", re.IGNORECASE)
# The site's breadcrumb over a page's own title: "MIA: M.I.A. Library: Marx & Engels: Selected Works".
_BREADCRUMB = re.compile(r"^(?:MIA|M\.I\.A\.|Marxists?[’']? Internet Archive)\s*:\s*\S")
# MIA's p.title naming the author before the book ("Karl Marx. Capital Volume One"), or the year after the author
# ("Plekhanov 1898", which pandoc's conversions leave a bare paragraph over the title).
_AUTHOR_THEN_WORK = re.compile(r"^(?P<who>[^:.]{3,40}?)[:.]\s+(?P<work>\S.*)$")
_ENDS_WITH_YEAR = re.compile(r"\s1\d{3}$")
# Headings of a section the letter templates carry, filled in or left empty.
_SECTION_LABEL = re.compile(r"^(?:abstract|summary|resumo|resumen|sumário|аннотация)$", re.IGNORECASE)
# A heading's numbering line: "Chapter 1", "Part IV", "Capítulo II".
_PART_NUMBER = re.compile(r"^(?:chapter|section|part|book|cap[ií]tulo|parte|livro|libro|глава|часть)\s+[\divxlc]+\.?$", re.IGNORECASE)
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
    """The authors an author line names: "Harry Magdoff e Paul M. Sweezy" is two people, each named in full (but
    "Congresso Nacional dos Lavradores e Trabalhadores Agrícolas" is one body)."""
    parts = _listed_names(strip_trailing_period(normalise_space(text)))
    if len(parts) > 1 and all(len(part.split()) > 1 for part in parts) and not names_a_body(text):
        people = [_person(part) for part in parts]
        if all(people):
            return [person for person in people if person is not None]
    return [_person(text) or Person(name=text)]


def _listed_names(text: str) -> list[str]:
    """The names of a list of authors, "e outros" left out."""
    return _NAME_LIST.split(_AND_OTHERS.sub("", text))


def _running_head(text: str) -> bool:
    """"The New International, February 1936": a periodical name, a comma, an issue date."""
    head, _, tail = text.rpartition(",")
    return bool(head) and len(text) < 90 and date_alone(tail) is not None


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
                if any(ch.isdigit() for ch in date_text):  # not the template's "dd/mm/aaaa" left unfilled
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
    menu_end = end
    while menu_end > start and is_menu(chunks[menu_end - 1], bottom=True):
        menu_end -= 1
    # A long run of links at the foot is a book's table of contents ("Conferência I — …" … "Conferência XII"), not a menu.
    if sum(chunk.kind != "rule" for chunk in chunks[menu_end:end]) <= _FOOT_MENU_MAX_LINKS:
        end = menu_end
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
        if is_metadata_chunk(chunk):
            # Short plain lines before the bibliographic block are the header of a text dump
            # (author, title, deck, dateline); a run of text before it is not.
            if len(plain_since) > _HEADER_PLAIN_MAX or any(len(c.text) > 200 for c in plain_since):
                break
            after_metadata, plain_since = index + 1, []
        elif chunk.kind == "heading" or chunk.role in ("running_head", "byline"):
            # Headings after the title's dateline ("1897") open the text: its first section.
            if not plain_since and not after_metadata and not dated:
                after_headings = index + 1
            titled_here = titled_here or chunk.level == 1
            dated = dated or titled_here and chunk.kind == "heading" and date_alone(chunk.text) is not None
        elif len(chunk.text) > _LEADING_RUN_MAX_CHARS or chunk.kind == "quote":
            break
        elif not (index == 0 and _is_title_line(chunks)):
            plain_since.append(chunk)
    end = after_metadata or after_headings
    if end == 0 and not titled and chunks and chunks[0].kind == "paragraph" and len(chunks[0].text) < 150:
        end = 1  # a bare text with no <title>: its first short line is the title (on an empty index page, its only line)
    return end


def _is_title_line(chunks: list[Chunk]) -> bool:
    """A page's first chunk, a short line straight over its title heading that ends with a year, is the site's
    breadcrumb or names a person: MIA's p.title ("Plekhanov 1898", "MIA: M.I.A. Library: Marx & Engels: Selected
    Works") or author line, as pandoc writes them."""
    if len(chunks) < 2 or chunks[0].kind != "paragraph" or chunks[1].kind != "heading" or "|" in chunks[1].text:
        return False  # not over a menu set as a heading ("Español | English")
    text = chunks[0].text
    return len(text) <= _TITLE_LINE_MAX_CHARS and (
        _ENDS_WITH_YEAR.search(text) is not None or _BREADCRUMB.match(text) is not None or _person(text) is not None
    )


def _without_author_line(chunk: Chunk) -> str:
    """MIA's p.title names the author over the book ("Karl Marx" / "Wage Labour and Capital", "Karl Marx. Capital
    Volume One", "Engels 1894: The Peasant Question…"): the running head is the book's."""
    if len(chunk.lines) > 1 and _names_author(chunk.lines[0]):
        return " ".join(chunk.lines[1:])
    parts = _AUTHOR_THEN_WORK.match(chunk.text)
    return parts.group("work") if parts and _names_author(parts.group("who")) else chunk.text


def _names_author(text: str) -> bool:
    text = strip_trailing_period(text.strip())
    return _catalogued_person(text) is not None or _name_and_year(text) is not None


def _name_and_year(text: str) -> tuple[Person, str] | None:
    """The author and the year a running head such as "Plekhanov 1898" or "Paul Lafargue September 1897" names,
    if MIA's catalogue knows the person."""
    if not _ENDS_WITH_YEAR.search(text) or any(ch.isdigit() for ch in text[:-4]):
        return None
    words = text.split()
    month_and_year = len(words) > 2 and date_alone(" ".join(words[-2:])) is not None
    name, date = " ".join(words[: -2 if month_and_year else -1]).rstrip(","), " ".join(words[-2 if month_and_year else -1 :])
    found = _catalogued_person(name)
    if found is None:
        return None
    return Person(name=found, printed_as=name if name != found else None), date


def _fill_header(record: Record, header: list[Chunk], metadata: Metadata) -> None:
    plain: list[Chunk] = []
    for index, chunk in enumerate(header):
        if _is_separator(chunk) or _is_empty_section(header, index):
            continue
        if is_metadata_chunk(chunk):
            metadata.take_chunk(chunk, in_information_block=True)
        elif chunk.role == "running_head" and record.running_head is None:
            record.running_head = _without_author_line(chunk)
        elif chunk.role == "running_head":
            metadata.keep("Heading", chunk.text)
        else:
            plain.append(chunk)
    _demote_name_heading(plain)
    plain = _section_name_to_running_head(record, plain)
    has_h1 = any(c.kind == "heading" and c.level == 1 and not is_lifetime(c.text) for c in plain)  # not a lifetime set as h1
    for position, chunk in enumerate(plain):
        text = split_glued_words(chunk.text) if chunk.kind == "paragraph" else chunk.text
        remaining = plain[position + 1 :]
        if chunk.kind == "heading" and metadata.take_labelled(text):
            continue  # "Дата написания: 1918" set as a heading
        if chunk.role == "byline":
            record.authors = record.authors or _byline(text)
            continue
        unmarked = _TITLE_NOTE_MARKER.sub("", text)  # "(1898) [1]"
        is_title = has_h1 and chunk.kind == "heading" and chunk.level == 1 and record.title is None  # "<h1>1492</h1>"
        if record.dateline is None and date_alone(unmarked) is not None and not is_title:
            record.dateline = unmarked.strip().strip("()[]").strip()
        elif is_title:
            record.title = text
        elif record.title is None and position == 0 and remaining and (_running_head(text) or _BREADCRUMB.match(text)):
            record.running_head = record.running_head or text
        elif record.title is None and position == 0 and remaining and (named := _name_and_year(text)):
            person, year = named
            record.running_head = record.running_head or text
            record.authors = record.authors or [person]
            metadata.filed_under = year  # MIA files a work under the year it was written
        elif not record.authors and chunk.level != 1 and _is_author_line(record, chunk, unmarked, has_h1, bool(remaining)):
            record.authors.extend(_people(unmarked))
        elif record.title is None and not has_h1:
            record.title = text
        elif record.title is None:
            # Above the h1: the book or series the page belongs to.
            if record.running_head is None:
                record.running_head = text
            else:
                metadata.keep("Heading", text)
        elif record.subtitle is None and chunk.kind == "heading" and (
            _TITLE_CONTINUED.match(text) or _TITLE_UNFINISHED.search(record.title or "")
        ):
            record.title = f"{record.title} {text}"  # "Inaugural Address" / "of the International Working Men’s Association"
        elif record.subtitle is None and _is_deck(chunk, unmarked):
            record.subtitle = unmarked.strip()  # "ou A Monadologia(1)"
        else:
            metadata.keep("Heading", text)


def _is_deck(chunk: Chunk, unmarked: str) -> bool:
    """The line under the title that says more of it: words, not a link menu or list, the information block's, a
    date, a section's number ("1.") or a label over what follows ("Preparatory Reading:")."""
    return (
        chunk.role != "information"
        and (chunk.kind == "heading" or len(chunk.lines) <= _DECK_MAX_LINES)
        and chunk.link_share <= _MENU_LINK_SHARE
        and date_alone(unmarked) is None
        and _WORD.search(unmarked) is not None
        and not unmarked.rstrip().endswith(":")
    )


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
    return following is None or following.kind == "rule" or is_metadata_chunk(following)


def _demote_name_heading(plain: list[Chunk]) -> None:
    """Some generated pages set the author as h1 and the title as h2 under it: swap their levels."""
    headings = [c for c in plain if c.kind == "heading"]
    for first, second in zip(headings, headings[1:]):
        if first.level == 1 and second.level == 2 and date_alone(second.text) is None and second.role != "byline":
            if _person(first.text) is not None and _person(second.text) is None:
                first.level, second.level = 2, 1
            return


def _byline(text: str) -> list[Person]:
    """The people a byline names, as the page prints them when the catalogue does not know them: "Jean Fréville
    (org.)" edited the collection; "Edward Kardelj(1)" carries a note marker; a speaker's office follows the name in
    brackets; "múltiplos autores" and a publisher name no author."""
    unmarked = _TITLE_NOTE_MARKER.sub("", text).strip()
    if _NO_ONE.match(unmarked) or _PUBLISHER.search(unmarked):
        return []  # "Bureau de Edições da Internacional Comunista" published the text, it did not write it
    edited = _EDITED_BY.search(unmarked)
    if edited:
        return [replace(person, role="editor") for person in _people(unmarked[: edited.start()])]
    described = _DESCRIBED.search(unmarked)
    if described and not names_a_body(unmarked[: described.start()]):  # "António Gervásio (Membro do Comité Central do P.C.P.)", printed so
        return [replace(person, printed_as=unmarked) for person in _people(unmarked[: described.start()])]
    return _people(unmarked)


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
    if load_default_catalogue().match_author_loosely(stripped) is not None:
        return True
    return chunk.level == 2 and (looks_like_person_name(stripped) or all(map(looks_like_person_name, _listed_names(stripped))))


def _body_blocks(record: Record, body: list[Chunk], metadata: Metadata) -> None:
    section: str | None = None  # "notes" after a Notes heading, "editor" after "Note by the editors"
    editors_heading: str | None = None  # the label of the editors' note that follows
    notes_headed = False  # a notes heading came, and no note yet under it
    seen_text = False
    notes_start = _trailing_notes_start(body)
    text_end = max(
        (i for i, c in enumerate(body) if c.role is None and c.kind == "paragraph" and len(c.text) > _SUBSTANTIAL_CHARS), default=-1
    )
    for index, chunk in enumerate(body):
        if index == notes_start:
            section = "notes"
        if chunk.kind == "rule" or not chunk.lines or section == "notes" and _is_separator(chunk):
            continue  # "* * *" between two sets of notes parts them, it opens or goes on with none
        text = chunk.text
        heading = chunk.kind == "heading"
        # Once the text has begun, an unmarked paragraph before its last long one is text even if it reads like a
        # source line ("From the Atlantic, across and beyond the Mississippi, …", a table's caption citing a report).
        inside_text = seen_text and chunk.role is None and (index < text_end or len(text) > _SUBSTANTIAL_CHARS)
        # Below the text, an information block that opens with a note's number is a note ("1. “This proposition,” I
        # wrote in the preface…" in the Manifesto's prefaces, set as p.information), and the information paragraphs
        # that follow it unnumbered go on with that note.
        information_note = seen_text and chunk.role == "information" and bool(
            _NOTE_NUMBER.match(text) or _lettered_note(record, text) or _continues_note(record, chunk, lettered=True)
        )
        if information_note:
            chunk.role = "note"
        bibliographic = section is None and chunk.role != "note" and not inside_text and is_metadata_chunk(chunk)
        if bibliographic or chunk.role in ("updated", "credits"):
            # An "updated" block's other dates ("Abriu o arquivo: 24/04/2009") are the archive's, not text.
            metadata.take_chunk(chunk, in_information_block=chunk.role in ("information", "updated"))
            continue
        # A notes heading in the markup's editors' section (section.editorial "Nota da tradução") heads the editors'
        # note, not a list of notes: the text after the section is the author's.
        if heading and (_EDITOR_NOTE.match(text) or chunk.role == "editor_note" and _NOTES_HEADING.match(text)):
            section = "editor"
            continue
        following = body[index + 1] if index + 1 < len(body) else None
        if heading and chunk.role == "editor_note" and following is not None and following.role == "editor_note" != following.kind:
            # The editors' section under a heading of its own ("Resumo", "Nota do TraduAgindo"): the heading
            # labels the note it heads.
            section, editors_heading = "editor", text.rstrip(" :")
            continue
        if _NOTES_HEADING.match(text) or (chunk.role == "note" or section == "notes") and _NOTES_LABEL.match(text):
            section, notes_headed = "notes", True  # the heading itself is furniture
            continue
        editors_section_ended = section == "editor" and index > 0 and body[index - 1].role == "editor_note" != chunk.role
        if heading and chunk.level <= 3 and chunk.role is None or editors_section_ended:
            section = None  # a heading opens the text again, as does the end of a section the markup marks as the editors'
        # The editors' introduction may close with a short line of its own, set as it is ("Apostles of Freedom blog"),
        # before the mark that parts it from the text.
        closes_editor_note = (
            bool(record.notes) and record.notes[-1].kind == "editor" and record.body[-1].kind == "note"
            and chunk.kind == "paragraph" and index + 1 < len(body) and _is_separator(body[index + 1])
        )
        if not seen_text and record.dateline is None and len(text) < DATELINE_MAX_CHARS and place_and_date(text):
            record.dateline = text  # a letter's "London, September 21, 1890"
            record.body.append(Block("heading" if heading else "paragraph", text))
        elif (chunk.role == "note" or section == "notes") and not notes_headed and _continues_note(record, chunk, lettered=information_note):
            # A note of several paragraphs: the later ones carry neither anchor nor number.
            text = f"{record.notes[-1].text} {without_note_backlink(text)}"
            record.notes[-1] = replace(record.notes[-1], text=text)
            record.body[-1] = Block("note", text)
        elif chunk.role == "note" or section == "notes":
            notes_headed = False  # a heading over a second set of notes: its first note goes on with none before it
            kind = "footnote" if chunk.anchor else "endnote"
            text = without_note_backlink(text)
            record.notes.append(Note(kind=kind, text=text, anchor=chunk.anchor))
            record.body.append(Block("note", text))
        elif (
            section == "editor" or chunk.role == "editor_note" or _EDITOR_NOTE.match(text)
            or (not seen_text and not heading and chunk.set_apart and (len(text) >= _EDITOR_NOTE_MIN_CHARS or closes_editor_note)
                and not (chunk.kind == "quote" and is_quoted_paragraph(text)))  # an epigraph, in italics and quotes
        ):
            if editors_heading:
                text, editors_heading = f"{editors_heading}: {text}", None
            record.notes.append(Note(kind="editor", text=text))
            record.body.append(Block("note", text))
        elif heading and not seen_text and _is_verse(chunk):
            record.body.append(Block("quote", text))  # an epigraph set in a heading's type
        elif heading:
            record.body.append(Block("heading", text))
        elif _ELISION.match(text):
            record.body.append(Block("note", text))  # the editors' mark of omitted text
        elif _names_the_quotation(chunk, record.body[-1] if record.body else None, before_text=not seen_text):
            record.body[-1] = replace(record.body[-1], attribution=_source_named(text))
        elif chunk.role in ("signature", "attribution") and seen_text or _SIGNATURE.match(text) or (not seen_text and _BY_LINE.match(text) and _person(text)):
            # (a line set right above the text is a letter's place and date or its addressee, not its signature)
            record.body.append(Block("signature", _broken_lines(chunk)))
        else:
            previous = record.body[-1] if record.body else None
            lead_in = previous.text if previous is not None and previous.kind == "paragraph" else ""
            if chunk.kind == "quote" or (is_quoted_paragraph(text) and lead_in.rstrip().endswith(":")):
                record.body.append(Block("quote", _broken_lines(chunk), _quoted(text, lead_in)))
            else:
                seen_text = True
                record.body.append(Block("paragraph", _broken_lines(chunk)))


def _broken_lines(chunk: Chunk) -> str:
    """The block's text with its line breaks (a poem's lines, a letter's address, a list set with <br>) as newlines:
    the rules read the text with spaces, the record keeps it as set."""
    return "\n".join(chunk.lines)


def _sign_last_line(record: Record) -> None:
    """The text's last line naming its author ("G Plekhanov", "JAMES CONNOLLY.") is its signature, where the markup
    did not say so."""
    text_blocks = [i for i, block in enumerate(record.body) if block.kind != "note"]
    if not text_blocks or not record.authors or any(block.kind == "signature" for block in record.body):
        return
    last = record.body[text_blocks[-1]]
    if last.kind == "paragraph" and len(last.text) <= _SIGNATURE_LINE_MAX_CHARS:
        names = [last.text]
    elif last.kind == "quote" and last.attribution is None and len(last.text) <= _SIGN_OFF_MAX_CHARS:
        # A sign-off set apart, the name after the greeting and perhaps before a place: "Yours in the name of labour,
        # JAMES CONNOLLY.", "Your old comrade, James Connolly, Dublin.", "Yours sincerely, G. Plekhanov".
        words = last.text.split()
        names = last.text.split(",")[-2:] + [" ".join(words[-2:]), " ".join(words[-3:])]
    else:
        return
    authors = {person.name for person in record.authors}
    if any(_catalogued_person(strip_trailing_period(name.strip())) in authors for name in names):
        record.body[text_blocks[-1]] = Block("signature", last.text)


def _continues_note(record: Record, chunk: Chunk, *, lettered: bool = False) -> bool:
    """A paragraph with no anchor and no number right after a numbered note ("(1) Nota do tradutor: …" / "A obra logo
    fora publicada em latim…") goes on with that note; below MIA's text, after a lettered one as well ("A. As a second
    footnote…", where elsewhere "F. Engels: Anti-Dühring." opens an item of a list)."""

    def opens_note(text: str) -> bool:
        return _NOTE_NUMBER.match(text) is not None or lettered and _NOTE_LETTER.match(text) is not None

    if chunk.anchor is not None or opens_note(chunk.text) or not record.notes or not record.body:
        return False
    previous = record.notes[-1]
    return record.body[-1].kind == "note" and record.body[-1].text == previous.text and opens_note(previous.text)


def _lettered_note(record: Record, text: str) -> bool:
    """An editors' note lettered "A.", "B." below MIA's text: the letters run from A (elsewhere a capital and a stop
    is an initial: "J. Temporel, domínio público" under a portrait)."""
    if _NOTE_LETTER.match(text) is None:
        return False
    return text.startswith("A") or bool(record.notes) and _NOTE_LETTER.match(record.notes[-1].text) is not None


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


def _quoted(quotation: str, lead_in: str) -> str | None:
    """Who is quoted: whom the lead-in names ("Diz o camarada Stálin:"), else the person MIA's catalogue knows
    that the closing citation names ("(Lênin, Obras Completas, vol. XV)"; not "(Ibidem, p. 272)")."""
    named = attribution_from_lead_in(lead_in)
    if named is not None:
        return _catalogued_person(named) or named
    cited = cited_at_close(quotation)
    return _catalogued_person(cited) if cited is not None else None


def _names_the_quotation(chunk: Chunk, previous: Block | None, *, before_text: bool) -> bool:
    """A right-aligned line at a quotation's foot, inside it or just after it in brackets ("(Engels: «Anti-Dühring»,
    pp. 121-122.)") or under an epigraph ("GOETHE"), names its author or source."""
    if previous is None or previous.kind != "quote" or previous.attribution is not None:
        return False
    bracketed = chunk.text.startswith("(") and chunk.text.rstrip(".").endswith(")")
    return chunk.role == "attribution" or chunk.role == "signature" and (bracketed or before_text)


def _source_named(line: str) -> str:
    """A quotation's source line as its attribution: "(Karl Marx — O 18 de Brumário …)" without its brackets, or the
    catalogue's person where it opens with one ("(L. Trotski, vol. XX, …)" → Leon Trotsky)."""
    source = line.strip()
    if source[:1] in "([" and source.rstrip(".")[-1:] in ")]":
        source = source.rstrip(".")[1:-1].strip()
    named = _catalogued_person(re.split(r"\s*[,—–]\s*", source, maxsplit=1)[0])
    return named or source


def _catalogued_person(name: str) -> str | None:
    """A surname the text gives ("Trotsky") becomes the catalogue's person when only one fits."""
    catalogue = load_default_catalogue()
    entry = catalogue.match_author_loosely(name)
    if entry is None and " " not in name:
        entry = catalogue.match_author_by_surname(name)
    return entry.name if entry is not None else None


def _chapter_named_by_page_title(record: Record, title_hint: str, metadata: Metadata) -> None:
    """A book's chapter whose header is the book's ("Karl Marx" / "A Brief Biographical Sketch…") and whose
    chapter heading follows it, last in the header or first in the text, named by the <title> ("Lenin's Karl
    Marx: III: Marx's Economic Doctrine"): the chapter is the title, the book the running head."""
    if record.title is None:
        return
    opens_text = bool(record.body) and record.body[0].kind == "heading"
    chapter = record.body[0].text if opens_text else metadata.extra.get("Heading")
    page_title, title = _comparable(title_hint), _comparable(record.title)
    if chapter is None or not page_title.endswith(_comparable(chapter)) or page_title.startswith(title) or page_title.endswith(title):
        return  # not "Study Guide for" / "Value, Price and Profit", a title set on two lines
    if opens_text:
        record.body.pop(0)
    else:
        del metadata.extra["Heading"]
    book, deck = record.title, record.subtitle
    record.title, record.subtitle = chapter, None
    for part in (book, deck):
        if part is None:
            continue
        if record.running_head is None:
            record.running_head = part
        else:
            metadata.keep("Heading", part)


def _comparable(text: str) -> str:
    return normalise_space(text).casefold().replace("’", "'").rstrip(" .")


def _clean_title(title: str | None) -> str | None:
    """Drop note markers ("…Bonaparte[64]"), dashes framing it ("—— Biblioteca General ——"), the site's
    breadcrumb before it and the brackets of an editor-supplied title."""
    if title is None:
        return None
    title = _DASH_FRAME.sub(r"\g<title>", _TITLE_NOTE_MARKER.sub("", title)).strip()
    if _BREADCRUMB.match(title):
        title = title.rsplit(":", 1)[-1].strip()  # "MIA: Marxist Writers: Rosa Luxemburg": the page is the last step
    if title.startswith("[") and title.endswith("]") and "[" not in title[1:-1]:
        title = title[1:-1].strip()
    return title or None


def _names_an_archive(title: str | None, hinted: list[Person]) -> bool:
    """A title naming a writer's archive or index ("Raya Dunayevskaya Archive", "Marxist Writers: Karl Kautsky",
    "V.I. Lenin Library: Works Index"), or naming alone the writer the folder or the meta author gives ("Lenin" in
    archive/lenin/): the page is about its writer, not by them."""
    if not title or not hinted:
        return False
    named = _catalogued_person(strip_trailing_period(title))
    return _ARCHIVE_TITLE.search(title) is not None or named is not None and named in {person.name for person in hinted}


def _person_page_header(chunks: list[Chunk]) -> int | None:
    """An author's own index page opens with the person's name and lifetime ("Fúlvio Abramo" / "1908-1993", as
    headings, or the old template's div.data under an h1): the header ends there (works and biography follow),
    and the person is the page's subject, not its author. The header's length, or None for any other page."""
    start = next((i for i, c in enumerate(chunks[:3]) if c.kind == "heading"), None)
    end = None
    # Marx and Engels share one index: name, lifetime, name, lifetime.
    while start is not None and start + 1 < len(chunks):
        name, lifetime = chunks[start], chunks[start + 1]
        if not (lifetime.kind != "rule" and is_lifetime(lifetime.text) and _person(name.text) is not None):
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
    metadata = Metadata()
    for chunk in chunks:  # before the furniture goes: "Seção em espanhol do MIA" is where a biography came from
        if chunk.role in _ASIDE_FIELDS:
            metadata.keep(_ASIDE_FIELDS[chunk.role], chunk.text)
    chunks = [c for c in chunks if c.role not in _ASIDE_FIELDS]
    chunks, updated, added = _strip_furniture(chunks)
    for chunk in chunks:
        if chunk.role == "license":
            metadata.license = metadata.license or chunk.text
    chunks = [c for c in chunks if c.role != "license"]
    chunks = _trim_link_edges(chunks)
    person_header = _person_page_header(chunks)
    person_page = person_header is not None
    header_end = person_header if person_page else _header_length(chunks, titled=bool(title_hint))
    _fill_header(record, chunks[:header_end], metadata)
    _body_blocks(record, chunks[header_end:], metadata)
    if title_hint:
        _chapter_named_by_page_title(record, title_hint, metadata)
    _sign_last_line(record)
    record.dateline = record.dateline or closing_dateline(record.body) or metadata.filed_under
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
        hinted = _catalogued_authors(author_hints)
        record.authors = [] if _names_an_archive(record.title, hinted) else hinted
    record.published = published_date(metadata, record.dateline)
    record.written = written(metadata.fields.get("written") or metadata.fields.get("delivered"), record.dateline, record.published)
    record.source = source_citation(metadata, record.title)
    if person_page and record.source is not None:
        # A person's page cites no periodical: its "Fonte: Wikipédia" is its biography's, or its portrait's.
        metadata.keep("Source", record.source.raw)
        record.source = None
    record.credits = list(dict.fromkeys(metadata.credits))  # two lines of a block may give the same credit
    record.license = metadata.license
    record.last_updated = date_value(updated[-1]) if updated else None
    # What the page says of the first edition and of the text translated, where the source is another line.
    for name, label in (("published", "First published"), ("translation_source", "Translated from")):
        stated = metadata.fields.get(name)
        if not stated or date_alone(stated) is not None or not _WORD.search(stated):
            continue  # a bare date ("1969.") is the published date already
        if not (record.source and record.source.raw in normalise_space(stated)):
            metadata.extra.setdefault(label, stated)
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
    """The first hint whose every person MIA's catalogue knows: "V.I. Lenin", "Engels", "Marx and Engels" (but
    "José Inácio de Abreu e Lima" is one person)."""
    for hint in hints:
        hint = strip_trailing_period(normalise_space(hint))
        whole = _catalogued_person(hint)
        names = [whole] if whole else [_catalogued_person(part) for part in _CO_AUTHORS.split(hint)]
        if names and all(names):
            return [Person(name=name) for name in dict.fromkeys(names) if name]
    return []
