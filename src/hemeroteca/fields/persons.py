"""Does a short line name a person? Used where markup does not say (text dumps, swapped metadata)."""

from __future__ import annotations

import re

_PARTICLES = {"de", "da", "do", "dos", "das", "del", "van", "von", "der", "den", "la", "le", "y", "e", "di", "du", "bin", "ibn"}
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÞА-ЯЁ][\w’'.-]*|[A-ZÀ-ÞА-ЯЁ]\.)$")


def looks_like_person_name(text: str) -> bool:
    """Two to five capitalised words, particles aside, no digits, short: "Leon Trotsky", "José Inácio de Abreu e Lima"."""
    tokens = text.replace(",", " ").split()
    named = [tok for tok in tokens if tok not in _PARTICLES]
    if not 1 < len(named) <= 5 or len(tokens) - len(named) > 3 or len(text) > 60 or any(ch.isdigit() for ch in text):
        return False
    if text.rstrip().endswith(("?", "!", ":")):
        return False
    return all(_NAME_TOKEN.match(tok) or tok in _PARTICLES for tok in tokens) and any(len(tok) > 2 for tok in tokens)
