"""Does a short line name a person? Used where markup does not say (text dumps, swapped metadata)."""

from __future__ import annotations

import re

_PARTICLES = {"de", "da", "do", "dos", "das", "del", "van", "von", "der", "den", "la", "le", "y", "e", "di", "du", "bin", "ibn"}
# Words of a body's name, not a person's: "Bureau de Edições da Internacional Comunista". (A short body's name in
# the author's place, "Internacional Comunista", is taken as its author, as MIA files it.)
_BODY_WORDS = {
    "bureau", "comitê", "comité", "committee", "comissão", "comisión", "commission", "partido", "party", "parti",
    "internacional", "international", "congresso", "congreso", "congress", "serviço", "servicio", "liga", "league",
    "union", "união", "unión", "conselho", "consejo", "council", "central", "executive", "executivo", "ejecutivo",
    "federação", "federación", "federation", "associação", "asociación", "association", "edições", "ediciones",
}
# Words of a work's or an archive's name, never of a person's: "Marx Engels Selected Works", "Raya Dunayevskaya Archive".
_WORK_WORDS = {
    "works", "selected", "collected", "writings", "letters", "documents", "archive", "library", "index", "internet",
    "obras", "escritos", "cartas", "documentos", "arquivo", "archivo", "biblioteca",
}
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÞА-ЯЁ][\w’'.-]*|[A-ZÀ-ÞА-ЯЁ]\.)$")


def looks_like_person_name(text: str) -> bool:
    """Two to five capitalised words, no digits, short: "Leon Trotsky", "Roza Luxemburg"; with particles up to
    seven, unless a word names a body ("José Inácio de Abreu e Lima", not "Bureau de Edições da Internacional Comunista")."""
    tokens = text.replace(",", " ").split()
    named = [tok for tok in tokens if tok not in _PARTICLES]
    if not 1 < len(named) <= 5 or len(tokens) > 7 or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    if text.rstrip().endswith(("?", "!", ":")):
        return False
    if len(tokens) > 5 and any(tok.casefold() in _BODY_WORDS for tok in named):
        return False
    if any(tok.casefold() in _WORK_WORDS for tok in named):
        return False
    return all(_NAME_TOKEN.match(tok) or tok in _PARTICLES for tok in tokens) and any(len(tok) > 2 for tok in tokens)


def names_a_body(text: str) -> bool:
    """A committee's, party's or congress's name: "Congresso Nacional dos Lavradores e Trabalhadores Agrícolas"."""
    return any(token.casefold() in _BODY_WORDS for token in text.replace(",", " ").split())
