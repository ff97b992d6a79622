"""Anchors: a sample of a document's letter q-grams, chosen by their content, hashed.

Every run of ANCHOR_LETTERS consecutive letters is hashed (a polynomial rolling hash,
then mixed); those whose hash is 0 modulo ANCHOR_SAMPLE are kept, wherever they occur.
The choice depends on the letters alone, so two copies of a passage keep the same
anchors at the same places in each, and a document's anchors can be computed once,
stored, and compared with any later document's (they are the archive's "band keys").
The hash is computed with numpy in fixed 64-bit arithmetic: the same in every process
and on every Spark worker (Python's own str hash is salted per process). 32 bits of it
are kept: a chance collision only adds a stray seed, which never chains (see seeds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hemeroteca.reuse.normalise import MatchText

ANCHOR_LETTERS = 12  # q: a stretch this long without an error gives a seed
ANCHOR_SAMPLE = 3  # one q-gram in this many is kept: a quotation of 50 characters keeps several (4 lost short ones)
_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class Anchors:
    """A document's anchors in letter order: their hashes, and the letter each starts at."""

    hashes: npt.NDArray[np.uint32]
    positions: npt.NDArray[np.int32]

    def to_bytes(self) -> bytes:
        return self.hashes.astype("<u4").tobytes() + self.positions.astype("<i4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Anchors:
        half = len(data) // 2
        return cls(
            np.frombuffer(data[:half], dtype="<u4").astype(np.uint32),
            np.frombuffer(data[half:], dtype="<i4").astype(np.int32),
        )

    def __len__(self) -> int:
        return len(self.hashes)


def mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser: every bit of the input reaches every bit of the output."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * _MIX1
        values = (values ^ (values >> np.uint64(27))) * _MIX2
    return values ^ (values >> np.uint64(31))


def anchors_of(text: MatchText) -> Anchors:
    count = len(text.letters) - ANCHOR_LETTERS + 1
    if count <= 0:
        return Anchors(np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int32))
    codes = np.frombuffer(text.letters.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    rolling = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        for k in range(ANCHOR_LETTERS):
            rolling = rolling * _BASE + codes[k : k + count]
    hashes = mix(rolling)
    kept = np.flatnonzero(hashes % np.uint64(ANCHOR_SAMPLE) == 0)
    return Anchors((hashes[kept] >> np.uint64(32)).astype(np.uint32), kept.astype(np.int32))
