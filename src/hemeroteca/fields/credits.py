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
from hemeroteca.record import Credit, DateValue

_VERB_ROLES: tuple[tuple[str, str], ...] = (
    ("transcri", "transcription"),
    ("mark", "markup"),
    ("html", "markup"),
    ("translat", "translation"),
    ("proof", "proofreading"),
    ("correct", "proofreading"),
    ("edit", "editing"),
    ("scan", "transcription"),
    ("ocr", "transcription"),
    ("prepar", "markup"),
)
_VERBS = (
    r"(?:transcribed|marked(?:[ -]up)?|html[ -]mark[ -]?up|mark-?up|translated|proof-?read(?:ing)?|corrected|edited"
    r"|scan(?:ned)?|ocr|prepared|converted to html)"
)
_LANGUAGES = (
    r"german|russian|french|italian|spanish|english|polish|yiddish|chinese|portuguese|dutch|"
    r"alemão|alemao|russo|francês|frances|inglês|ingles|italiano|espanhol|ruso|alemán|aleman|francés|inglés|español|"
    r"português|portugues|portugués|castellano|galego|gallego"
)
# "Transcribed by X for Y.", "Scanned and prepared for the Marxist Internet Archive by Paul Flewers.", "Translated
# from Russian by Julius Katzer", and without "by" before a name: "Transcribed Aindrias Ó Cathasaigh".
CREDIT_SENTENCE = re.compile(
    rf"^\s*(?P<verbs>{_VERBS}(?:\s*(?:,|and|&|/)\s*{_VERBS})*)\s+(?:(?:into|from)\s+(?:the\s+)?(?:{_LANGUAGES})\s+)?"
    r"(?:(?:for\s+(?:the\s+)?(?P<archive>[^.]+?)\s+)?by\s+|(?-i:(?=[A-ZÀ-Þ][a-zà-ÿ'’]+\s+[A-ZÀ-Þ])))(?P<rest>.+)$",
    re.IGNORECASE,
)
_CONTRIBUTED_BY = re.compile(r"^este texto foi uma contribui[çc][ãa]o d[aoe]s?\s+(?P<partner>\S.*)$", re.IGNORECASE)
# Sentences inside one line start afresh at a credit verb: "Transcribed by X. Marked up by Y."
_SENTENCE_BREAK = re.compile(rf"(?<=\.)\s+(?={_VERBS}\b)", re.IGNORECASE)
# "… for the MIA"; in the archive's other languages with an article ("José Braz para o Marxists Internet
# Archive") or after a comma ("…, para marxists.org"), since "para" and "pour" also join words inside a remark.
_FOR = re.compile(
    r"(?:\s+for\s+(?:the\s+)?|(?:^|\s+)(?:para|pour|für)\s+(?:o|el|la|le|das|den)\s+|^(?:para|pour|für)\s+)(?P<archive>.+)$",
    re.IGNORECASE,
)
# People are listed with these between them: "Zodiac/Brian Baggins", "Omar Pie & Robert Cymbala".
_PEOPLE_SEPARATORS = re.compile(r"\s*(,|;|/|&|\band\b|\be\b|\by\b)\s*")
# "e" and "y" also join the parts of one name: a surname ("Marcelo José de Souza e Silva"), or a body's name
# ("Instituto de Teoria e História Anarquista", "Roxo e Negro Publicações").
_NAME_JOINS = {"e", "y"}
_BODY = re.compile(
    r"\b(?:instituto|institute|centro|grupo|núcleo|nucleo|fundação|fundacion|fundación|coletivo|colectivo|associação|"
    r"asociación|comitê|comité|setor|sector|edições|ediciones|editora|editorial|publicações|publicaciones|"
    r"livraria|biblioteca)\b",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_REMARK = re.compile(r"\([^()]*\)")
_ARCHIVE_FIRST = re.compile(r"^for\s+(?:the\s+)?(?P<archive>.+)$", re.IGNORECASE)
_BY = re.compile(r"(?:^|\s)(?:by|por|par|von)\s+", re.IGNORECASE)
# "Tradução: …, para o português da Galiza": the language translated into, not an archive.
_INTO_LANGUAGE = re.compile(rf"^(?:{_LANGUAGES})\b", re.IGNORECASE)
# What follows a name without being one: "from the German", "do russo", ", based on …", " — MRT".
_NOT_NAME_TAIL = re.compile(
    rf"(?:\s+(?:from|do|da|del|de|du)\s+(?:the\s+|o\s+|el\s+)?(?:{_LANGUAGES})\b.*"
    r"|,?\s+(?:and\s+)?(?:is|was|are|were|based|taken|revised|who|published|from)\b.*|\s+of\s+the\s+.*"
    r"|\s+[—–-]\s+.*|\s+(?:in|on|at|em|en)$)",
    re.IGNORECASE,
)
_NOT_NAME_HEAD = re.compile(rf"^(?:the\s+late\s+|(?:from|do|del)\s+(?:the\s+)?(?:{_LANGUAGES})\b\s*)", re.IGNORECASE)
# A remark that goes on after the names: "…by Alick West published in 1942, but it has been revised against …".
_REMARK_CLAUSE = re.compile(r",?\s+(?:but|which|although|though|mas|pero)\s+.*$", re.IGNORECASE)
# What a person is, set beside the name: "Robert Bills of the Socialist Labor Party, Editor of The People".
_OFFICE = re.compile(r"^(?:editor|director|secretary|president|member|chairman)\s+(?:of|do|da|de)\b", re.IGNORECASE)
# Archives, not people: "MEA", "marxists.org".
_ARCHIVE_LIKE = re.compile(r"^(?:[A-Z]{2,5}|[\w.-]+\.(?:org|net|com))$")


def roles_in(verbs: str) -> list[str]:
    """Credit roles in the order the verbs name them: "Corrected & marked up" → proofreading, markup."""
    lowered = verbs.casefold()
    found: dict[str, int] = {}
    for stem, role in _VERB_ROLES:
        position = lowered.find(stem)
        if position >= 0 and position < found.get(role, len(lowered)):
            found[role] = position
    return sorted(found, key=found.__getitem__)


def parse_credit_value(roles: list[str], value: str) -> list[Credit]:
    """Credits from a labelled field's value: one per named person and role, person by person."""
    text = normalise_space(value)
    date = parse_date(text)
    if date is not None and date.raw in text:
        text = _EMPTY_BRACKETS.sub("", text.replace(date.raw, ""))
    text = strip_trailing_period(_REMARK.sub("", text)).strip(" ,;")
    by = _BY.search(text)
    if by is not None:
        # "for the Marxist Internet Archive by Paul Flewers": the archive may come first.
        archive_first = _ARCHIVE_FIRST.match(text[: by.start()])
        text = text[by.end() :] + (f" for {archive_first.group('archive')}" if archive_first else "")
    text = _REMARK_CLAUSE.sub("", text)
    paired = text.split("/")
    if len(roles) > 1 and len(paired) == len(roles):
        # MIA's "Transcription/Markup: Zodiac/Brian Baggins": one person for each role, in order.
        return [credit for role, part in zip(roles, paired) for credit in parse_credit_value([role], part)]
    people: list[tuple[str, str | None, DateValue | None]] = []
    for piece in _listed(text):
        archive = None
        # "Mark Harris 2010; Martin Swayne 2021": a person's own date follows their name.
        own_date = parse_date(piece) if any(ch.isdigit() for ch in piece) else None
        if own_date is not None and own_date.raw in piece:
            piece = piece.replace(own_date.raw, "")
        match = _FOR.search(piece)
        if match:
            piece = piece[: match.start()]
            if not _INTO_LANGUAGE.match(match.group("archive")):
                archive = clean_person_name(strip_trailing_period(match.group("archive")).strip(" ,")) or None
        name = _person(piece)
        if name is not None:
            people.append((name, archive, own_date or date))
        elif archive and people and people[-1][1] is None:
            people[-1] = (people[-1][0], archive, people[-1][2])  # "… and Brian Baggins, for MIA": the archive closes the list
    # "Zodiac and Brian Baggins for MIA": a name without its own archive shares the next one's.
    shared: str | None = None
    resolved: list[tuple[str, str | None, DateValue | None]] = []
    for name, archive, when in reversed(people):
        shared = archive or shared
        resolved.append((name, archive or shared, when))
    return [Credit(role=role, name=name, for_=archive, date=when) for name, archive, when in reversed(resolved) for role in roles]


def _listed(text: str) -> list[str]:
    """The names a credit lists, a name joined by "e" kept whole: a surname (not initials: "CHBC e JCM" are two), or
    a body's name, which opens or closes with what the body is."""
    parts = _PEOPLE_SEPARATORS.split(text)
    pieces = [parts[0]]
    for separator, piece in zip(parts[1::2], parts[2::2]):
        words = piece.split()
        surname = len(words) == 1 and not piece.isupper()  # "… de Souza e Silva", not the initials "CHBC e JCM"
        body = _BODY.match(pieces[-1]) is not None or bool(words) and _BODY.fullmatch(words[-1]) is not None
        if separator.casefold() in _NAME_JOINS and (surname or body):
            pieces[-1] = f"{pieces[-1]} {separator} {piece}"
        else:
            pieces.append(piece)  # "Thales Caramante e Edições Manoel Lisboa": two
    return pieces


def _person(piece: str) -> str | None:
    """The person's name in one piece of a credit, or None when the piece names no one."""
    if _OFFICE.match(piece.strip()):
        return None
    piece = _NOT_NAME_TAIL.sub("", _NOT_NAME_HEAD.sub("", piece.strip())).strip(" ,.:;")
    name = clean_person_name(piece)
    if not name or not any(ch.isalpha() for ch in name) or len(name.split()) > 6 or _ARCHIVE_LIKE.match(name):
        return None
    if name[0].islower() and "@" not in name:
        return None
    return name


def parse_credit_sentences(line: str) -> list[Credit] | None:
    """Credits from "Transcribed by … for …." sentences, or a partner's "Este texto foi uma contribuição do
    Centro de Estudos Victor Meyer"; None when the line is not one."""
    partner = _CONTRIBUTED_BY.match(normalise_space(line))
    if partner:
        return [Credit(role="contribution", name=strip_trailing_period(partner.group("partner")))]
    credits: list[Credit] = []
    for sentence in _SENTENCE_BREAK.split(normalise_space(line)):
        match = CREDIT_SENTENCE.match(sentence)
        if not match:
            return None
        rest = match.group("rest")
        if match.group("archive"):
            rest = f"{rest.rstrip('. ')} for {match.group('archive')}"
        credits.extend(parse_credit_value(roles_in(match.group("verbs")), rest))
    return credits or None


def split_off_credits(text: str) -> tuple[str, list[Credit]]:
    """A source line may end in credit sentences: "… (London, undated). Scanned and prepared … by Paul Flewers."."""
    sentences = re.split(r"(?<=[.)])\s+(?=[A-Z])", normalise_space(text))
    for index in range(1, len(sentences)):
        credits = parse_credit_sentences(" ".join(sentences[index:]))
        if credits is not None:
            return " ".join(sentences[:index]), credits
    return text, []
