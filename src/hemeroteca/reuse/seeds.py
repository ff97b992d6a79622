"""Seeds: the anchors two documents share, and the chains they form along one alignment.

An anchor is *rare* when the whole archive holds it at most MAX_COPIES times; only rare
anchors make seeds (as passim keeps only n-grams of low document frequency): a common
one ("dictatorship") would pair every document with every other. A passage shared by
more documents than that is boilerplate, which boilerplate.py finds by other means.

Two documents share a passage when several seeds lie on one diagonal (the offset
between the copies), drifting a little where one copy has a letter more or less. A
lone shared 12-letter string is chance; CHAIN_MIN_LETTERS of text held between the
first and last seed of a chain is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hemeroteca.reuse.anchors import ANCHOR_LETTERS, Anchors

MAX_COPIES = 8  # an anchor held more often than this in the archive is common: it makes no seed
CHAIN_GAP = 240  # letters between two seeds of a chain, at most: OCR noise leaves gaps without anchors
CHAIN_DRIFT = 6  # letters the diagonal may move between neighbouring seeds, plus one per CHAIN_DRIFT_PER letters
CHAIN_DRIFT_PER = 16
CHAIN_MIN_LETTERS = 20  # letters from the first seed's start to the last seed's end
MAX_DRIFT = CHAIN_DRIFT + CHAIN_GAP // CHAIN_DRIFT_PER  # the most two neighbouring seeds of a chain can drift

Pair = tuple[int, int]  # two documents by index, the smaller first


@dataclass(frozen=True, slots=True)
class Chain:
    """Seeds along one alignment of two documents, in letter order in both."""

    a: tuple[int, ...]
    b: tuple[int, ...]

    @property
    def letters(self) -> int:
        return self.a[-1] + ANCHOR_LETTERS - self.a[0]


def copy_counts(hashes: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64]]:
    """Each distinct anchor hash (sorted) and how many times the archive holds it."""
    return np.unique(hashes, return_counts=True)


def rare_mask(hashes: npt.NDArray[np.uint32], distinct: npt.NDArray[np.uint32], counts: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Which of `hashes` are rare: held 2 to MAX_COPIES times (once is nothing to share)."""
    found = np.searchsorted(distinct, hashes)
    found = np.minimum(found, len(distinct) - 1)
    count = np.where(distinct[found] == hashes, counts[found], 0)
    return (count >= 2) & (count <= MAX_COPIES)


def pair_seeds(
    documents: Sequence[Anchors], wanted: Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], npt.NDArray[np.bool_]]
) -> dict[Pair, tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]]:
    """For each pair of documents that `wanted` keeps, the letter positions of their shared rare anchors.

    `documents` are indexed by position; `wanted(first, second)` filters pairs (vectorised). Pairs with one
    seed are left out: a chain needs two.
    """
    hashes = np.concatenate([d.hashes for d in documents] or [np.zeros(0, np.uint32)])
    positions = np.concatenate([d.positions for d in documents] or [np.zeros(0, np.int32)])
    owners = np.repeat(np.arange(len(documents), dtype=np.int64), [len(d) for d in documents])
    order = np.argsort(hashes, kind="stable")
    hashes, positions, owners = hashes[order], positions[order], owners[order]
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]]) if len(hashes) else np.zeros(0, np.int64)
    copies = np.repeat(np.diff(np.r_[starts, len(hashes)]), np.diff(np.r_[starts, len(hashes)]))
    rare = (copies >= 2) & (copies <= MAX_COPIES)
    hashes, positions, owners = hashes[rare], positions[rare], owners[rare]
    firsts, seconds, first_at, second_at = [], [], [], []
    for step in range(1, MAX_COPIES):  # every two copies of an anchor lie fewer than MAX_COPIES apart once sorted
        same = np.flatnonzero(hashes[:-step] == hashes[step:])
        firsts.append(owners[same])
        seconds.append(owners[same + step])
        first_at.append(positions[same])
        second_at.append(positions[same + step])
    first, second = np.concatenate(firsts), np.concatenate(seconds)
    at_first, at_second = np.concatenate(first_at), np.concatenate(second_at)
    swap = first > second
    first, second = np.where(swap, second, first), np.where(swap, first, second)
    at_first, at_second = np.where(swap, at_second, at_first), np.where(swap, at_first, at_second)
    keep = (first != second) & wanted(first, second)
    first, second, at_first, at_second = first[keep], second[keep], at_first[keep], at_second[keep]
    order = np.lexsort((at_second, at_first, second, first))
    first, second, at_first, at_second = first[order], second[order], at_first[order], at_second[order]
    if not len(first):
        return {}
    bounds = np.flatnonzero(np.diff(first) | np.diff(second)) + 1
    starts, ends = np.r_[0, bounds], np.r_[bounds, len(first)]
    kept = np.flatnonzero(_may_chain(first, second, at_second.astype(np.int64) - at_first)[starts])
    return {
        (int(first[start]), int(second[start])): (at_first[start:end], at_second[start:end])
        for start, end in zip(starts[kept].tolist(), ends[kept].tolist())
    }


def _may_chain(first: npt.NDArray[np.int64], second: npt.NDArray[np.int64], diagonal: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """For each seed: whether its pair has two seeds whose diagonals are near enough to chain at all.

    A test `chains` would fail anyway (so it changes no result), made for all pairs at once: most pairs
    share a few common-ish anchors scattered at random, which it drops before the Python loop.
    """
    order = np.lexsort((diagonal, second, first))
    same_pair = (np.diff(first[order]) == 0) & (np.diff(second[order]) == 0)
    close = same_pair & (np.diff(diagonal[order]) <= MAX_DRIFT)
    pair_ids = np.cumsum(np.r_[True, ~same_pair])
    chainable = np.zeros(pair_ids[-1] + 1 if len(pair_ids) else 1, dtype=bool)
    chainable[pair_ids[1:][close]] = True
    flags = np.empty(len(first), dtype=bool)
    flags[order] = chainable[pair_ids]
    return flags


def chains(seeds_a: Sequence[int], seeds_b: Sequence[int]) -> list[Chain]:
    """The pair's seeds (sorted by a, then b) grouped into chains long enough to be a shared passage.

    Each seed joins the open chain whose diagonal is nearest, if it lies ahead in both documents, within
    CHAIN_GAP letters and within the drift allowed; else it opens a chain.
    """
    open_chains: list[list[tuple[int, int]]] = []
    done: list[list[tuple[int, int]]] = []
    for a, b in zip(map(int, seeds_a), map(int, seeds_b)):
        still_open = []
        for chain in open_chains:
            (done if a - chain[-1][0] > CHAIN_GAP else still_open).append(chain)
        open_chains = still_open
        best, best_drift = None, None
        for chain in open_chains:
            last_a, last_b = chain[-1]
            drift = abs((b - a) - (last_b - last_a))
            if a > last_a and b > last_b and drift <= CHAIN_DRIFT + (a - last_a) // CHAIN_DRIFT_PER:
                if best_drift is None or drift < best_drift:
                    best, best_drift = chain, drift
        if best is None:
            open_chains.append([(a, b)])
        else:
            best.append((a, b))
    found = [Chain(tuple(a for a, _ in c), tuple(b for _, b in c)) for c in done + open_chains if len(c) >= 2]
    return sorted((c for c in found if c.letters >= CHAIN_MIN_LETTERS), key=lambda c: (c.a[0], c.b[0]))
