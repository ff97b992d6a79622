"""The text as the matcher sees it: a stream of folded letters, each with its character offset.

Matching works on letters alone: case and accents folded ("Revolução" → "revolucao"), and
everything that is not a letter dropped — spaces, punctuation, digits (footnote markers,
page numbers and OCR's l/1, O/0 confusions). So a hyphenated line-break ("revolu- tion"),
a joined or split word ("theworkers" / "the workers") and changed punctuation leave the
stream as it was, and need no rule of their own; only character errors remain, which the
alignment tolerates. Each letter keeps the offset of the character it came from, so a
match in letters is a (start, end) in the document's text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

_BMP = 0x10000  # letters beyond it (mathematical alphabets, emoji) do not occur in the archive's texts
_WORD = re.compile(r"\w+")


@cache
def _fold_table() -> npt.NDArray[np.uint32]:
    """For each BMP code point: the folded letter it stands for, or 0 when it is not a letter."""
    table = np.zeros(_BMP, dtype=np.uint32)
    for code in range(_BMP):
        char = chr(code)
        if not char.isalpha():
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).casefold()
        # One letter for one: offsets stay one-to-one ("ß" → "s", "æ" → "a" lose a letter, harmlessly).
        table[code] = ord(base[0]) if base else code
    return table


@dataclass(frozen=True, slots=True)
class MatchText:
    """A document's text as folded letters; `offsets[i]` is the character offset of letter i."""

    letters: str
    offsets: npt.NDArray[np.int32]

    def span(self, first: int, end: int) -> tuple[int, int]:
        """Letters [first, end) as characters [start, end) of the text."""
        return int(self.offsets[first]), int(self.offsets[end - 1]) + 1

    def letter_at(self, char_offset: int) -> int:
        """The first letter at or after a character offset."""
        return int(np.searchsorted(self.offsets, char_offset))


def match_text(text: str) -> MatchText:
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    folded = _fold_table()[np.where(codes < _BMP, codes, 0)]
    offsets = np.flatnonzero(folded)
    letters = folded[offsets].astype("<u4").tobytes().decode("utf-32-le")
    return MatchText(letters, offsets.astype(np.int32))


def fold_letters(text: str) -> str:
    """Just the letters of a text, folded: what two passages are compared by."""
    return match_text(text).letters


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) widened to the edges of the words it cuts."""
    while start > 0 and _WORD.match(text, start - 1):
        start -= 1
    while end < len(text) and _WORD.match(text, end):
        end += 1
    return start, end
