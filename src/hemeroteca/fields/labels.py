"""The labels of MIA information blocks ("Source:", "Fonte:", …) and what they mean.

MIA volunteers type these by hand in English, Portuguese, Spanish and more; a
label maps to one field of the record. Labels not known here are kept verbatim
in `Record.extra_fields`, never dropped.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

# Field names: written, delivered, published, source, publisher, license, online_version,
# or "credit:<roles>" where roles are comma-separated credit roles.
_LABELS: dict[str, str] = {
    # written
    "written": "written", "escrito": "written", "escrito em": "written", "escrita": "written",
    "date": "written", "data": "written", "fecha": "written", "написано": "written",
    "дата написания": "written", "escrito en": "written",
    # spoken
    "delivered": "delivered", "recorded": "delivered", "pronunciado": "delivered", "spoken": "delivered",
    "origem": "origin", "origen": "origin",
    # first publication
    "first published": "published", "published": "published", "first publication": "published",
    "primeira edicao": "published", "primeira publicacao": "published", "publicado": "published",
    "primera edicion": "published", "publicacion": "published", "publicado por primera vez": "published",
    "first published in full": "published",
    "опубликовано": "published", "впервые опубликовано": "published",
    # source
    "source": "source", "fonte": "source", "fuente": "source", "источник": "source",
    "fuente del texto": "source", "fonte do texto": "source", "retirado de": "source",
    "fonte para a traducao": "translation_source", "fuente de la traduccion": "translation_source",
    "publisher": "publisher", "editora": "publisher",
    "online version": "online_version", "versao online": "online_version", "version digital": "online_version",
    # credits
    "translated": "credit:translation", "translator": "credit:translation", "translation": "credit:translation",
    "traducao": "credit:translation", "traduccion": "credit:translation", "traducido": "credit:translation",
    "traduzido": "credit:translation",
    "digitalizacao": "credit:transcription",
    "envio": "credit:contribution", "colaboracao": "credit:contribution",
    "перевод": "credit:translation",
    "edited/translated": "credit:editing,translation", "translated/edited": "credit:translation,editing",
    "edited": "credit:editing", "editor": "credit:editing", "edicao": "credit:editing",
    "transcription/markup": "credit:transcription,markup", "transcription/mark-up": "credit:transcription,markup",
    "transcription\\html markup": "credit:transcription,markup", "transcription/html markup": "credit:transcription,markup",
    "transcription": "credit:transcription", "transcribed": "credit:transcription", "transcriber": "credit:transcription",
    "transcricao": "credit:transcription", "transcripcion": "credit:transcription",
    "transcricao e html": "credit:transcription,html", "transcripcion/html": "credit:transcription,html",
    "html markup": "credit:markup", "html mark-up": "credit:markup", "html mark up": "credit:markup", "markup": "credit:markup", "mark-up": "credit:markup", "marked up": "credit:markup",
    "html": "credit:html", "proofread": "credit:proofreading", "proofreading": "credit:proofreading",
    "proofed": "credit:proofreading", "revisao": "credit:proofreading", "revision": "credit:proofreading",
    "corrected": "credit:proofreading", "revisao tecnica": "credit:proofreading",
    "original transcription": "credit:transcription", "re-marked up": "credit:markup",
    # licence
    "copyleft": "license", "public domain": "license:Public Domain", "copyright": "license", "license": "license",
    "licence": "license", "direitos de reproducao": "license", "licencia": "license", "derechos": "license",
}


def _label_key(label: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    unmarked = _NOTE_MARKER.sub("", stripped)  # "Tradução, notas e acréscimos(2):"
    return re.sub(r"\s+", " ", unmarked.casefold().strip(" :.\u00a0"))


_NOTE_MARKER = re.compile(r"\s*[(\[]\d{1,3}[)\]]")
_LABEL_PARTS = re.compile(r"\s*(?:/|\\|&|\band\b|\be\b|\by\b|,)\s*")
# "Traducido al castellano", "Traduzido para o português", "Tradução do inglês para o português", "Translated into
# English", "Transcribed for the Internet": the language or medium is no part of the label.
_LANGUAGE_OR_MEDIUM = re.compile(
    r"\s+(?:(?:al|ao|para(?: o| el)?|into|in|en|do|del|from(?: the)?)\s+"
    r"(?:castellano|espanol|portugues|english|ingles|frances|french|aleman|german|russo|ruso|russian)|for the internet)\b"
)
# What editors add beside a translation, named in its credit's label ("Tradução, notas e acréscimos", "Tradução,
# revisão e arranjo gráfico", "Tradução … e prefácio"): the label's credit roles are its other parts.
_EDITORS_ADDITIONS = {
    "notas", "notes", "acrescimos", "prefacio", "comentarios", "adaptacao", "arranjo grafico", "introducao", "apresentacao",
}
# "Transcribed by:" names a person, as "Transcribed:" does; "Published by:" names the publisher.
_BY_TAIL = re.compile(r"\s+(?:by|por)$")
# Labels are typed by hand: "Tranducido" for "Traducido". A label this close to a known one, and long
# enough that one letter is a slip and not another word, is that label.
_TYPO_MIN_CHARS = 8
_TYPO_SIMILARITY = 0.9
# A similarity 2M/(a+b) ≥ s with M ≤ min(a, b) needs |a - b| ≤ 2(1 - s)/s · min(a, b).
_LENGTH_SLACK = 2 * (1 - _TYPO_SIMILARITY) / _TYPO_SIMILARITY
_LABELS_BY_INITIAL = {initial: [known for known in _LABELS if known[0] == initial] for initial in {k[0] for k in _LABELS}}


def field_for_label(label: str) -> str | None:
    """The record field a label fills, or None when the label is unknown.

    Composite credit labels ("Transcribed/HTML Markup", "Transcription & Proofreading")
    combine the roles of their parts.
    """
    key = _LANGUAGE_OR_MEDIUM.sub("", _label_key(label))
    by = _BY_TAIL.search(key)
    if by is None:
        return _field_for_key(key)
    field = _field_for_key(key[: by.start()])
    if field == "published":
        return "publisher"
    return field if field is not None and field.startswith("credit:") else None


@lru_cache(maxsize=4096)  # labels repeat page after page
def _field_for_key(key: str) -> str | None:
    known = _LABELS.get(key)
    if known is not None:
        return known
    if len(key) >= _TYPO_MIN_CHARS:
        # Compared only with labels of the same first letter (a slip is seldom there) and a length close enough
        # for the similarity asked: most lines' "labels" are no label at all, and difflib is slow.
        candidates = [
            known for known in _LABELS_BY_INITIAL.get(key[0], ())
            if abs(len(known) - len(key)) <= _LENGTH_SLACK * min(len(known), len(key))
        ]
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=_TYPO_SIMILARITY)
        if close:
            return _LABELS[close[0]]
    parts = [_LABELS.get(part) for part in _LABEL_PARTS.split(key) if part and part not in _EDITORS_ADDITIONS]
    if parts and all(part is not None and part.startswith("credit:") for part in parts):
        roles: list[str] = []
        for part in parts:
            roles += [role for role in credit_roles(part or "") if role not in roles]
        return "credit:" + ",".join(roles)
    return None


def credit_roles(field: str) -> list[str]:
    """Roles of a "credit:…" field name."""
    return field.removeprefix("credit:").split(",")


# "Label: value" at the start of a plain line, label of at most six words.
LABELLED_LINE = re.compile(r"^\s*([^\W\d][\w/\\&' -]{1,40}?)\s*:\s*(.*)$")
