"""Navigation and site furniture: the lines of a page that are not the author's text.

MIA pages repeat the same furniture above and below the text ("Main NI Index |
Main Newspaper Index", "Top of page", "Last updated on …"); text dumps keep it
as lines, with link texts and image alt texts ("return return return").
"""

from __future__ import annotations

import re

from hemeroteca.fields.text import normalise_space

# Whole-line navigation phrases, compared after case folding and punctuation stripping.
_NAV_PHRASES = {
    "top of page", "top of the page", "back to top", "return to top", "to top", "top",
    "marxists internet archive", "marxists' internet archive", "marxists’ internet archive",
    "encyclopedia of trotskyism", "encyclopaedia of trotskyism", "etol", "mia",
    "next", "previous", "contents", "table of contents", "index", "home", "back", "return", "print",
    "inicio", "início", "índice", "indice", "voltar", "voltar ao índice", "voltar ao topo", "topo",
    "archivo marxista en internet", "arquivo marxista na internet", "biblioteca",
    "на главную", "содержание", "назад", "далее",
    "obras disponíveis",  # the caption of the works table on every Portuguese author index
    # The link from an author's index to the archive's political dictionary.
    "leia mais no dicionário político", "verbete do dicionário político",
}
# Words that make up link-only lines such as "return return return" or "Next | Index".
_NAV_WORDS = {
    "return", "next", "previous", "prev", "top", "index", "home", "back", "contents", "archive",
    "mia", "etol", "main", "page", "of", "the", "to", "up", "chapter", "section", "siguiente",
    "anterior", "próximo", "proximo", "índice", "indice", "inicio", "início", "topo",
}
_NAV_LINE_MAX = 160  # menus are short; a long line is text
# The archive's own notices, printed on many pages whatever their text: "Seja um Voluntário! Se você deseja
# colaborar com a construção desta biblioteca…" closes 112 author index pages of the Portuguese MIA.
_SITE_NOTICE = re.compile(r"^seja um volunt[aá]rio\s*!\s*se voc[eê] deseja colaborar", re.IGNORECASE)
_SITE_NOTICE_PREFIX = 200  # characters: the notice's opening words with room for white space
# Links from an author's index to the same author in another language section: "Textos em espanhol",
# "Seção em espanhol do MIA", "Seção em português da Biblioteca Anarquista".
_OTHER_SECTION = re.compile(
    r"^(?:textos|se[cç]{1,2}[aã]o)\s+em\s+(?:espanhol|ingl[eê]s|franc[eê]s|alem[aã]o|italiano|russo|portugu[eê]s|galego"
    r"|catal[aã]o)\b(?:\s+d[oa]\s+[\w ]{2,40})?$",
    re.IGNORECASE,
)
# A note's link back to its marker in the text: "(retornar ao texto)" closes 4,483 notes of the Portuguese MIA.
_NOTE_BACKLINK = re.compile(
    r"\s*[(\[]?\s*(?:(?:retornar|voltar|regressar)\s+ao\s+texto|volver\s+al\s+texto|(?:back|return)\s+to\s+(?:the\s+)?text)"
    r"\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_NOTE_BACKLINK_TAIL = 40
_SEGMENT_SPLIT = re.compile(r"\s*(?:\||>|»|·|•)\s*")
LAST_UPDATED = re.compile(
    r"^\s*(?:last\s+updated|updated|última\s+atualização|ultima\s+atualizacao|última\s+actualización"
    r"|[úu]ltima\s+(?:altera[çc][ãa]o|modifica[çc][ãa]o)"
    r"|ultima\s+actualizacion|actualizado|atualizado|inclusão|inclusao|inclusión|обновлено)\b(?:\s+on)?\s*[:|]?\s*",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    return normalise_space(text).casefold().strip(" .:;,!*[]()-–—")


def is_site_notice(text: str) -> bool:
    """One of the archive's own notices, which pages carry whatever their text (not the author's words)."""
    # The notice opens the text: its first characters tell (a whole long text need not be normalised).
    return _SITE_NOTICE.match(normalise_space(text[:_SITE_NOTICE_PREFIX])) is not None


def is_navigation_line(line: str) -> bool:
    """True for a line made only of site navigation, by its words alone, or for one of the archive's own notices."""
    if is_site_notice(line):
        return True
    if len(line) > _NAV_LINE_MAX:
        return False
    if "|" in line and not line.strip(" |\u00a0"):
        return True  # the bar between two cells of a footer table
    folded = _fold(line)
    if not folded:
        return False
    if folded in _NAV_PHRASES or _OTHER_SECTION.match(folded):
        return True
    words = re.findall(r"[^\W\d_]+", folded)
    if words and all(word in _NAV_WORDS for word in words) and not folded.endswith(":"):
        return True
    segments = [s for s in _SEGMENT_SPLIT.split(folded) if s]
    if len(segments) >= 2 and all(len(s.split()) <= 6 for s in segments):
        return any(
            s in _NAV_PHRASES or any(w in _NAV_WORDS for w in s.split()) or "archive" in s or "index" in s
            for s in segments
        )
    return False


def last_updated_text(line: str) -> str | None:
    """The date part of a "Last updated on: 20 March 2018" line ("" for a label left empty), else None."""
    if len(line) > _NAV_LINE_MAX:
        return None
    line = normalise_space(line)
    match = LAST_UPDATED.match(line)
    return line[match.end() :] if match else None


def without_note_backlink(text: str) -> str:
    """A note's text without the link back to its marker ("(1) Trata-se de José Sarney. (retornar ao texto)")."""
    # The link closes the note: only its last characters are looked at, whatever the note's length.
    match = _NOTE_BACKLINK.search(text, max(0, len(text) - _NOTE_BACKLINK_TAIL))
    return text[: match.start()] if match else text
