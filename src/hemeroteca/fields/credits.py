"""Credit lines: who transcribed, marked up, translated or proofread a page, for which archive, when.

Two shapes occur: a labelled field ("Transcription/Mark-up: Einde O’Callaghan for
the Trotsky Internet Archive (20 March 2018).") and a sentence ("Transcribed &
marked up by Einde O’Callaghan for ETOL.").
"""

from __future__ import annotations

import re

from hemeroteca.catalogue.names import clean_person_name
from hemeroteca.fields.dates import parse_date
from hemeroteca.fields.text import normalise_space, strip_trailing_period
from hemeroteca.record import Credit

_VERB_ROLES: tuple[tuple[str, str], ...] = (
    ("transcri", "transcription"),
    ("mark", "markup"),
    ("html", "markup"),
    ("translat", "translation"),
    ("proof", "proofreading"),
    ("correct", "proofreading"),
    ("edit", "editing"),
    ("scan", "transcription"),
)
_VERBS = r"(?:transcribed|marked[ -]up|html[ -]mark[ -]?up|translated|proof-?read|corrected|edited|scanned|converted to html)"
CREDIT_SENTENCE = re.compile(
    rf"^\s*(?P<verbs>{_VERBS}(?:\s*(?:,|and|&|/)\s*{_VERBS})*)\s+(?:into \w+ )?by\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# Sentences inside one line start afresh at a credit verb: "Transcribed by X. Marked up by Y."
_SENTENCE_BREAK = re.compile(rf"(?<=\.)\s+(?={_VERBS}\b)", re.IGNORECASE)
_FOR = re.compile(r"\s+for\s+(?:the\s+)?(?P<archive>.+)$", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\be\b|\by\b)\s*")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")


def roles_in(verbs: str) -> list[str]:
    roles: list[str] = []
    lowered = verbs.casefold()
    for stem, role in _VERB_ROLES:
        if stem in lowered and role not in roles:
            roles.append(role)
    return roles


def parse_credit_value(roles: list[str], value: str) -> list[Credit]:
    """Credits from a labelled field's value, one per role and named person."""
    text = normalise_space(value)
    text = re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    date = parse_date(text)
    if date is not None and date.raw in text:
        text = _EMPTY_BRACKETS.sub("", text.replace(date.raw, ""))
    text = strip_trailing_period(text).strip(" ,")
    archive = None
    match = _FOR.search(text)
    if match:
        archive = strip_trailing_period(match.group("archive")).strip(" ,") or None
        text = text[: match.start()]
    names = [clean_person_name(part) for part in _NAME_SEPARATORS.split(text)]
    return [
        Credit(role=role, name=name, for_=archive, date=date)
        for role in roles
        for name in names
        if name and any(ch.isalpha() for ch in name)
    ]


def parse_credit_sentences(line: str) -> list[Credit] | None:
    """Credits from "Transcribed by … for …." sentences; None when the line is not one."""
    credits: list[Credit] = []
    for sentence in _SENTENCE_BREAK.split(normalise_space(line)):
        match = CREDIT_SENTENCE.match(sentence)
        if not match:
            return None
        credits.extend(parse_credit_value(roles_in(match.group("verbs")), match.group("rest")))
    return credits or None
