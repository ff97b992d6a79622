"""Who is quoted: the lead-in sentence before a block quotation names the speaker."""

from __future__ import annotations

import re

_LEAD_IN = re.compile(
    r"(?:^|[.;!?]\s+)(?P<who>(?:[A-ZÀ-ÝА-Я][\w’'.-]*\s+){0,4}?[A-ZÀ-ÝА-Я][\w’'-]+)"
    r"(?:\s*,\s*[^,]{1,60},)?\s+(?:writes|wrote|said|says|declares|declared|states|stated|explains|explained"
    r"|puts it|observes|observed|remarks|remarked|escreve|escreveu|disse|afirma|escribe|escribió|dice|dijo)\b[^.]*:\s*$"
)
_HONORIFICS = re.compile(r"^(?:comrade|comrades|mr|mrs|dr|prof|professor|general|citizen|camarada|companheiro|señor|senhor)\.?\s+", re.IGNORECASE)
QUOTE_MARKS = ("“", "\"", "«", "„", "‘")


def attribution_from_lead_in(text: str) -> str | None:
    """"Comrade Trotsky writes:" → "Trotsky"; None when no speaker is named."""
    match = _LEAD_IN.search(text.strip())
    if not match:
        return None
    who = _HONORIFICS.sub("", match.group("who").strip())
    return who if who and who[0].isupper() else None


def is_quoted_paragraph(text: str) -> bool:
    """A paragraph that is one quotation from its first character to its last."""
    text = text.strip()
    return len(text) > 1 and text.startswith(QUOTE_MARKS) and text.rstrip(".").endswith(("”", "\"", "»", "“", "’"))
