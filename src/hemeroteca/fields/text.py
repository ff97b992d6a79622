"""Small text clean-ups shared by every reader."""

from __future__ import annotations

import re

_INVISIBLE = str.maketrans({"\u200b": " ", "\ufeff": " ", "\u00ad": None})
# Text dumps glue adjacent elements: "Daily WorkerLies". Three lower-case letters
# before the capital keep names like McDonald, MacLean and DeLeon whole.
_GLUED_WORDS = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def normalise_space(text: str) -> str:
    """Collapse all runs of white space (NBSP and other Unicode spaces included) to one space, trimmed."""
    # str.split() knows every Unicode space and is many times faster than a regex here.
    if "\u200b" in text or "\ufeff" in text or "\u00ad" in text:
        text = text.translate(_INVISIBLE)
    return " ".join(text.split())


def split_glued_words(text: str) -> str:
    return _GLUED_WORDS.sub(" ", text)


def strip_trailing_period(text: str) -> str:
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def xml_text(value: str) -> str:
    """The value without the characters XML 1.0 cannot hold (pages carry stray control characters)."""
    return _NOT_XML.sub("", value)
