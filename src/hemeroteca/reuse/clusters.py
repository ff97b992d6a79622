"""Passages linked across documents into clusters, and the likely source of each.

Every pair match says: this span of one document is that span of another. Spans of one
document are the same passage when they overlap by at least half of the longer one (a
whole reprint and a paragraph quoted from it stay two passages, in two clusters); linked
spans and same passages, followed through, make a cluster. A passage quoted in five
documents is one cluster of five passages.

The likely source is the passage in the earliest document (by its EDTF date, its lower
bound), preferring a document that does not hold the passage as a quotation (where an
article and a reprint of its quotation share a date, the article's author wrote it).
A document of unknown date is never chosen over one of known date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache


SAME_PASSAGE = 0.5  # share of the longer span two spans of one document must have in common


@dataclass(frozen=True, slots=True, order=True)
class Passage:
    document_id: str
    start: int  # character offsets into the document's text (record.body_text())
    end: int

    def overlap(self, other: Passage) -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True, slots=True, order=True)
class PairMatch:
    """A passage shared by two documents: `first` < `second` by id."""

    first: Passage
    second: Passage


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, one: int, other: int) -> None:
        self.parent[self.root(one)] = self.root(other)


def reuse_clusters(matches: Iterable[PairMatch]) -> list[list[Passage]]:
    """Clusters of passages, each sorted, in order of their first passage."""
    spans: list[Passage] = []
    for match in matches:
        spans += [match.first, match.second]
    links = _UnionFind(len(spans))
    for index in range(0, len(spans), 2):
        links.join(index, index + 1)
    by_document: dict[str, list[int]] = {}
    for index, span in enumerate(spans):
        by_document.setdefault(span.document_id, []).append(index)
    for indices in by_document.values():
        indices.sort(key=lambda i: spans[i])
        for position, one in enumerate(indices):
            for other in indices[position + 1 :]:
                if spans[other].start >= spans[one].end:
                    break
                longer = max(spans[one].end - spans[one].start, spans[other].end - spans[other].start)
                if spans[one].overlap(spans[other]) >= SAME_PASSAGE * longer:
                    links.join(one, other)
    groups: dict[int, list[Passage]] = {}
    for index, span in enumerate(spans):
        groups.setdefault(links.root(index), []).append(span)
    return sorted((_united(group) for group in groups.values()), key=lambda c: c[0])


def _united(spans: list[Passage]) -> list[Passage]:
    """A cluster's spans, those of one document that overlap made one passage."""
    united: list[Passage] = []
    for span in sorted(set(spans)):
        last = united[-1] if united else None
        if last is not None and last.document_id == span.document_id and span.start < last.end:
            united[-1] = Passage(last.document_id, last.start, max(last.end, span.end))
        else:
            united.append(span)
    return united


# The start of an EDTF date or interval: "1936-02-15", "1936-02", "1936", "193X", "1936?", "1936/1937".
# (The edtf package parses the whole grammar, at some 10 ms a date: too slow for an archive's worth.)
_EDTF_START = re.compile(r"^(\d{2}[\dX]{2})(?:-(\d{2}|XX))?(?:-(\d{2}|XX))?(?=[?~%/]|$)")
_SEASON_MONTHS = {21: 3, 22: 6, 23: 9, 24: 12}  # EDTF seasons (spring…winter): their first month


@cache
def date_key(edtf: str | None) -> tuple[int, tuple[int, int, int]]:
    """Sorts known dates first, earliest (lower bound) first; unknown and unreadable dates last."""
    match = _EDTF_START.match(edtf or "")
    if match is None:
        return (1, (0, 0, 0))
    _, month, day = (part if part and "X" not in part else None for part in match.groups())
    number = int(match[1].replace("X", "0"))
    month_number = _SEASON_MONTHS.get(int(month), int(month)) if month else 1
    return (0, (number, month_number, int(day) if day else 1))


def likely_source(passages: list[Passage], dates: Mapping[str, str | None], quoted: set[Passage]) -> Passage:
    def key(passage: Passage) -> tuple[object, ...]:
        known, when = date_key(dates.get(passage.document_id))
        return (known, passage in quoted, when, passage)

    return min(passages, key=key)
