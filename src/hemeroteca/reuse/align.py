"""Local alignment of a chain of seeds: where the shared passage starts and ends in both documents.

The letters between neighbouring seeds, and a margin beyond the outer ones, are aligned
with rapidfuzz's Levenshtein opcodes (bit-parallel C; a substitution is an OCR error, an
insertion or deletion a lost or doubled letter). The edit steps are then scored, +1 for
each matching letter and MISMATCH for each edited one, and the highest-scoring run of
steps is the passage (Kadane's maximum subarray: a local alignment, Smith–Waterman's
answer along the global path). Where it reaches the edge of a margin, the margin is
doubled and the end aligned again, so a passage may start far before its first seed.
Long chains are aligned piece by piece between seeds, so the cost grows with the
passage's length, not with its square.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from hemeroteca.reuse.anchors import ANCHOR_LETTERS
from hemeroteca.reuse.seeds import Chain

MARGIN = 48  # letters aligned beyond the outer seeds at first; a passage's ends lie this far out, seldom farther
MAX_MARGIN = 3072
PIECE = 1500  # letters of a chain aligned at once, at most
MISMATCH = -2  # a run survives at two matching letters in three; unrelated text aligns at about one in two
EDGE_RUN = 4  # a passage starts and ends with this many matching letters at least
MIN_LETTERS = 36  # a shared passage is at least this long (about 45 characters) in both documents
MIN_IDENTITY = 0.8  # share of its letters that match
# A quotation that leaves a piece out ("…") is two matches: one passage when the gap is short in one document
# (an ellipsis, a heading put in) and at most QUOTE_OMISSION letters in the other.
QUOTE_BREAK = 24
QUOTE_OMISSION = 400


@dataclass(frozen=True, slots=True)
class LetterMatch:
    """A shared passage in letters: [a_start, a_end) of one document, [b_start, b_end) of the other."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    matched: int  # letters equal in both

    @property
    def identity(self) -> float:
        return self.matched / max(self.a_end - self.a_start, self.b_end - self.b_start)

    def overlaps(self, other: LetterMatch) -> bool:
        return self.a_start < other.a_end and other.a_start < self.a_end and self.b_start < other.b_end and other.b_start < self.b_end


Step = tuple[int, int, int, int, int]  # a_start, a_end, b_start, b_end, score of one edit run


def _steps(a: str, b: str, a_from: int, a_to: int, b_from: int, b_to: int) -> list[Step]:
    steps = []
    for op in Levenshtein.opcodes(a[a_from:a_to], b[b_from:b_to]):
        span = max(op.src_end - op.src_start, op.dest_end - op.dest_start)
        score = span if op.tag == "equal" else MISMATCH * span
        steps.append((a_from + op.src_start, a_from + op.src_end, b_from + op.dest_start, b_from + op.dest_end, score))
    return steps


def _best_run(steps: list[Step]) -> tuple[int, int]:
    """The first highest-scoring run of consecutive steps, as [first, last] indices."""
    best, best_run = 0, (0, -1)
    total, start = 0, 0
    for index, step in enumerate(steps):
        if total <= 0:
            total, start = 0, index
        total += step[4]
        if total > best:
            best, best_run = total, (start, index)
    return best_run


def _trimmed(run: list[Step]) -> list[Step]:
    """The run without ends that are a letter or two matching by chance ("life" and "suicide" end alike)."""
    solid = [index for index, step in enumerate(run) if step[4] >= EDGE_RUN]
    return run[solid[0] : solid[-1] + 1] if solid else []


def _checkpoints(chain: Chain) -> list[int]:
    """Seeds at which the chain is cut into pieces of at most PIECE letters."""
    cuts = [0]
    for index in range(1, len(chain.a)):
        if chain.a[index] - chain.a[cuts[-1]] > PIECE and index - 1 > cuts[-1]:
            cuts.append(index - 1)
    if cuts[-1] != len(chain.a) - 1:
        cuts.append(len(chain.a) - 1)
    return cuts


def align_chain(a: str, b: str, chain: Chain) -> LetterMatch | None:
    """The passage the chain marks in letters `a` and `b`, or None when it is too short or too unlike."""
    cuts = _checkpoints(chain)
    middle: list[Step] = []
    for left, right in zip(cuts, cuts[1:]):
        middle += _steps(a, b, chain.a[left], chain.a[right], chain.b[left], chain.b[right])
    first_a, first_b, last_a, last_b = chain.a[0], chain.b[0], chain.a[-1], chain.b[-1]
    head_margin = tail_margin = MARGIN
    while True:
        head = _steps(a, b, max(0, first_a - head_margin), first_a, max(0, first_b - head_margin), first_b)
        tail = _steps(a, b, last_a, min(len(a), last_a + ANCHOR_LETTERS + tail_margin), last_b, min(len(b), last_b + ANCHOR_LETTERS + tail_margin))
        steps = head + middle + tail
        first, last = _best_run(steps)
        if first > last:
            return None
        grow_head = first == 0 and steps[0][0] > 0 and steps[0][2] > 0 and head_margin < MAX_MARGIN
        grow_tail = last == len(steps) - 1 and steps[-1][1] < len(a) and steps[-1][3] < len(b) and tail_margin < MAX_MARGIN
        if not (grow_head or grow_tail):
            break
        head_margin *= 2 if grow_head else 1
        tail_margin *= 2 if grow_tail else 1
    run = _trimmed(steps[first : last + 1])
    if not run:
        return None
    matched = sum(step[1] - step[0] for step in run if step[4] > 0)
    found = LetterMatch(run[0][0], run[-1][1], run[0][2], run[-1][3], matched)
    if min(found.a_end - found.a_start, found.b_end - found.b_start) < MIN_LETTERS or found.identity < MIN_IDENTITY:
        return None
    return found


def _joinable(kept: LetterMatch, match: LetterMatch) -> bool:
    """Overlapping in both documents (two chains of one passage), or one passage quoted with an omission."""
    if kept.overlaps(match):
        return True
    gap_a, gap_b = match.a_start - kept.a_end, match.b_start - kept.b_end
    return -QUOTE_BREAK <= min(gap_a, gap_b) <= QUOTE_BREAK and max(gap_a, gap_b) <= QUOTE_OMISSION


def merge(matches: list[LetterMatch]) -> list[LetterMatch]:
    """The matches of one pair, those that are pieces of one passage made one."""
    merged: list[LetterMatch] = []
    for match in sorted(matches, key=lambda m: (m.a_start, m.b_start)):
        for index, kept in enumerate(merged):
            if _joinable(kept, match):
                merged[index] = LetterMatch(
                    min(kept.a_start, match.a_start), max(kept.a_end, match.a_end),
                    min(kept.b_start, match.b_start), max(kept.b_end, match.b_end),
                    kept.matched + match.matched,
                )
                break
        else:
            merged.append(match)
    return merged
