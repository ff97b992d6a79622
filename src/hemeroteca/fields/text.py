"""Small text clean-ups shared by every reader."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# Text dumps glue adjacent elements: "Daily WorkerLies". Three lower-case letters
# before the capital keep names like McDonald, MacLean and DeLeon whole.
_GLUED_WORDS = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")


def normalise_space(text: str) -> str:
    """Collapse all runs of white space (NBSP included) to one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


def split_glued_words(text: str) -> str:
    return _GLUED_WORDS.sub(" ", text)


def strip_trailing_period(text: str) -> str:
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text
