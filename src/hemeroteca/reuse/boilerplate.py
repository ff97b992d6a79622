"""Boilerplate: passages held by more than MAX_COPIES documents — redirect stubs, notices, mastheads.

Such a passage makes no seeds (its anchors are common), so it is found here instead, in
one pass over the stored anchors, without aligning anything. Two neighbouring anchors of
a document and the number of letters between them make a *link*: a key that two
documents share only when they share the stretch of text it spans (a common word makes
common anchors, but not common links). A link found in more than MAX_COPIES documents
is common; an unbroken run of common links at least MIN_LETTERS long is a boilerplate
passage (common phrases side by side do not make one: the link between them is rare);
passages that share a common link are one boilerplate cluster.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from hemeroteca.reuse.anchors import ANCHOR_LETTERS, Anchors, mix
from hemeroteca.reuse.seeds import MAX_COPIES

MIN_LETTERS = 48  # a boilerplate passage is at least this long: common phrases are shorter

Span = tuple[int, int, int]  # document index, first letter, letter after the last


def links(anchors: Anchors) -> npt.NDArray[np.uint64]:
    """A key for each two neighbouring anchors and the distance between them."""
    if len(anchors) < 2:
        return np.zeros(0, dtype=np.uint64)
    pairs = (anchors.hashes[:-1].astype(np.uint64) << np.uint64(32)) | anchors.hashes[1:].astype(np.uint64)
    return mix(mix(pairs) ^ np.diff(anchors.positions).astype(np.uint64))


def _runs(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """[first, last] indices of each run of True."""
    edges = np.diff(np.r_[0, flags.astype(np.int8), 0])
    return list(zip(np.flatnonzero(edges == 1).tolist(), (np.flatnonzero(edges == -1) - 1).tolist()))


def boilerplate_clusters(documents: Sequence[Anchors]) -> list[list[Span]]:
    """Boilerplate passages, grouped into clusters; each cluster and its passages in document order."""
    keys = [links(d) for d in documents]
    # Documents per link: each document's links counted once.
    linked, held_by = np.unique(np.concatenate([np.unique(k) for k in keys] or [np.zeros(0, np.uint64)]), return_counts=True)
    common = linked[held_by > MAX_COPIES]
    spans: list[Span] = []
    span_links: list[npt.NDArray[np.uint64]] = []
    for index, (document, key) in enumerate(zip(documents, keys)):
        flags = _members(key, common)
        for first, last in _runs(flags):
            start, end = int(document.positions[first]), int(document.positions[last + 1]) + ANCHOR_LETTERS
            if end - start >= MIN_LETTERS:
                spans.append((index, start, end))
                span_links.append(np.unique(key[first : last + 1][flags[first : last + 1]]))
    return _cluster(spans, span_links)


def _members(values: npt.NDArray[np.uint64], sorted_set: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    found = np.minimum(np.searchsorted(sorted_set, values), max(len(sorted_set) - 1, 0))
    return sorted_set[found] == values if len(sorted_set) else np.zeros(len(values), dtype=bool)


def _cluster(spans: list[Span], span_links: list[npt.NDArray[np.uint64]]) -> list[list[Span]]:
    parent = list(range(len(spans)))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    first_holder: dict[int, int] = {}
    for index, held in enumerate(span_links):
        for key in held.tolist():
            other = first_holder.setdefault(key, index)
            if other != index:
                parent[root(index)] = root(other)
    groups: dict[int, list[Span]] = {}
    for index, span in enumerate(spans):
        groups.setdefault(root(index), []).append(span)
    # A run of common links held whole by few documents is not a passage that many hold.
    return sorted((sorted(g) for g in groups.values() if len({s[0] for s in g}) > MAX_COPIES), key=lambda g: g[0])
