"""Which language a text is in, from its commonest words.

Pages declare `lang` only sometimes (the Portuguese HTML5 template does; old
English pages do not), so the text decides. Counting frequent function words is
fast, deterministic and plenty for the languages MIA's sections are in.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that it was for on with as by which are this be not".split()),
    "pt": frozenset("de que o a do da em os um não uma para com as dos no na se mais pelo ao".split()),
    "es": frozenset("de la que el en los del se las por un una con no para es al lo como más".split()),
    "fr": frozenset("le la les de des et est un une du que dans pour qui pas au sur ce il".split()),
    "de": frozenset("der die und das ist nicht zu den mit sich auf für ein eine dem des von".split()),
    "it": frozenset("il di che la per non del della un una sono con gli le al dei nel è".split()),
    "ru": frozenset("и в не на что с как по это к но из его у за от о то же".split()),
}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE_CHARS = 4000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the likeliest language, or None for too little text."""
    words = _WORD.findall(text[:_SAMPLE_CHARS].casefold())
    if len(words) < 5:
        return None
    counts = Counter(words)
    scores = {lang: sum(counts[word] for word in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 2 else None


def normalise_language_tag(tag: str | None) -> str | None:
    """"pt-BR" → "pt"; empty → None."""
    if not tag:
        return None
    primary = tag.strip().split("-")[0].split("_")[0].casefold()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None
