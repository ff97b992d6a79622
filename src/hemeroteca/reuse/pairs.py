"""One pair of documents: from their shared seeds to the character spans of the passages they share.

These pure functions are what either engine runs for each candidate pair, the local one
in a loop, the Spark one inside its partitions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hemeroteca.reuse.align import align_chain, merge
from hemeroteca.reuse.normalise import MatchText, match_text, whole_words
from hemeroteca.reuse.seeds import Chain

Spans = tuple[int, int, int, int]  # first document's (start, end), second document's (start, end), in characters


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document's text and its letters, made once for all the pairs it is in."""

    text: str
    letters: MatchText


def prepare(text: str) -> Prepared:
    return Prepared(text, match_text(text))


def shared_spans(first: Prepared, second: Prepared, chains: Sequence[Chain]) -> list[Spans]:
    """The passages the two documents share, as character spans widened to whole words, in order."""
    found = merge([m for chain in chains if (m := align_chain(first.letters.letters, second.letters.letters, chain))])
    return sorted(
        (
            *whole_words(first.text, *first.letters.span(m.a_start, m.a_end)),
            *whole_words(second.text, *second.letters.span(m.b_start, m.b_end)),
        )
        for m in found
    )
