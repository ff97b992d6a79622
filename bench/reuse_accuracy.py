"""Precision and recall of `hemeroteca reuse` on the shared corpus with injected reuse of known ground truth.

    python bench/reuse_accuracy.py [CORPUS] [--injections 400] [--seed 6] [--engine local|spark]

1. The corpus is ingested into a throwaway SQLite archive and reuse is found in it as it is: the
   corpus's own reuse (MIA holds texts under several paths, articles quote each other, stubs repeat).
2. Passages of 50 to 2,000 characters (log-uniform: short quotations are the common case and the hard
   one) are copied from one document into another, as a new paragraph, with realistic noise: OCR
   character errors (confusions such as rn/m, e/c, l/1; lost and doubled letters) at 2% of letters,
   joined and split words (3% of spaces, 3% of long words), changed or lost punctuation (30% of marks),
   hyphenated line breaks, and partial quotes (a part of the passage, or the passage with a piece left
   out and "…" in its place). The changed documents are stored again, and reuse is found again (an
   incremental run: only they are read).
3. Evaluated are the pairs found after injection that were not found before (pairs found before are
   mapped to the new offsets; pairs matching them are the corpus's own reuse, neither right nor wrong).
   A found pair is right when it overlaps a true pair by at least 50% on both sides (of the true span
   and of the found one), or when it links an injected copy to a document that held the copied passage
   already (a true pair by way of the corpus's own reuse), or to another place of the copy's own source
   document that repeats a piece of the copied passage (checked with rapidfuzz's partial_ratio ≥ 90:
   pairs within a document are never reported, so the corpus's own run cannot know it). Recall: true pairs overlapped so by a found
   pair. Each source document and each target document is used once, so true pairs never overlap;
   copies go into documents that shared no passage before (a copy put inside a passage the corpus
   repeats would cut it in two, and neither half would match the pair found before).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from hemeroteca.ingest import ingest, prepare  # noqa: E402
from hemeroteca.record import Block  # noqa: E402
from hemeroteca.reuse import engine_named, find_reuse  # noqa: E402
from hemeroteca.reuse.clusters import PairMatch, Passage  # noqa: E402
from hemeroteca.reuse.normalise import fold_letters  # noqa: E402
from hemeroteca.reuse.storage import pair_matches  # noqa: E402
from hemeroteca.store import open_store  # noqa: E402
from hemeroteca.store.base import IngestedFile  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SHORTEST, LONGEST = 50, 2000
OCR_ERRORS = 0.02
JOINS = SPLITS = 0.03
PUNCTUATION_CHANGES = 0.3
HYPHENATIONS = 0.01
PARTIAL, OMISSION = 0.3, 0.15
OVERLAP = 0.5
REPEAT_SIMILARITY = 90  # rapidfuzz partial_ratio (0–100) of a repeated piece and the copied passage
_CONFUSIONS = {"m": "rn", "e": "c", "c": "e", "l": "1", "i": "l", "o": "0", "h": "b", "u": "n", "n": "u", "a": "o", "s": "5", "t": "f"}
_PUNCTUATION = ",.;:!?“”\"'’"


@dataclass(frozen=True, slots=True)
class Injection:
    source: Passage
    copy: Passage


def _word_span(text: str, rng: random.Random, length: int) -> tuple[int, int] | None:
    if len(text) < length + 20:
        return None
    start = rng.randrange(0, len(text) - length)
    start = text.find(" ", start) + 1
    end = text.rfind(" ", start, start + length)
    return (start, end) if start > 0 and end - start >= SHORTEST else None


def _ocr(text: str, rng: random.Random) -> str:
    out = []
    for char in text:
        if char.isalpha() and rng.random() < OCR_ERRORS:
            roll = rng.random()
            if roll < 0.2:
                continue  # a lost letter
            if roll < 0.3:
                out.append(char + char)  # a doubled one
                continue
            out.append(_CONFUSIONS.get(char.lower(), rng.choice("abcdefghijklmnopqrstuvwxyz")))
        else:
            out.append(char)
    return "".join(out)


def _words(text: str, rng: random.Random) -> str:
    out = []
    for word in text.split(" "):
        if len(word) >= 8 and word.isalpha():
            cut = rng.randrange(3, len(word) - 2)
            if rng.random() < SPLITS:
                word = word[:cut] + " " + word[cut:]
            elif rng.random() < HYPHENATIONS:
                word = word[:cut] + "- " + word[cut:]
        out.append(word)
        out.append("" if rng.random() < JOINS else " ")
    return "".join(out[:-1])


def _punctuation(text: str, rng: random.Random) -> str:
    return "".join(
        (rng.choice(["", ",", ";", "."]) if char in _PUNCTUATION and rng.random() < PUNCTUATION_CHANGES else char) for char in text
    )


def _quote(text: str, start: int, end: int, rng: random.Random) -> tuple[int, int, str]:
    """The part of text[start:end] quoted: (its start, its end in the text, what the quotation holds)."""
    roll = rng.random()
    if roll < PARTIAL and end - start > 2 * SHORTEST:
        keep = rng.uniform(0.6, 0.95)
        cut = int((end - start) * (1 - keep))
        left = rng.randrange(0, cut + 1)
        new_start = text.find(" ", start + left, end) + 1
        new_end = text.rfind(" ", new_start, end - (cut - left))
        if new_start > 0 and new_end - new_start >= SHORTEST:
            return new_start, new_end, text[new_start:new_end]
    elif roll < PARTIAL + OMISSION and end - start >= 300:
        length = end - start
        omit_start = text.find(" ", start + int(length * rng.uniform(0.3, 0.6)), end) + 1
        omit_end = text.find(" ", omit_start + int(length * rng.uniform(0.1, 0.25)), end)
        if 0 < omit_start < omit_end:
            return start, end, text[start:omit_start] + "… " + text[omit_end + 1 : end]
    return start, end, text[start:end]


def _noisy(text: str, rng: random.Random) -> str:
    return _punctuation(_words(_ocr(text, rng), rng), rng)


def _matches(found: PairMatch, first: Passage, second: Passage) -> bool:
    def close(one: Passage, other: Passage) -> bool:
        shared = one.overlap(other)
        return one.document_id == other.document_id and shared >= OVERLAP * (one.end - one.start) and shared >= OVERLAP * (other.end - other.start)

    return (close(found.first, first) and close(found.second, second)) or (close(found.first, second) and close(found.second, first))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--injections", type=int, default=400)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--engine", choices=["local", "spark"], default="local")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    engine = engine_named(args.engine)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(os.path.join(folder, "accuracy.db"))
        ingest(store, [args.corpus], workers=os.cpu_count() or 1)
        started = time.perf_counter()
        before = find_reuse(store, engine)
        print(f"corpus: {before.documents} documents, its own reuse: {before.pairs} pairs ({time.perf_counter() - started:.1f} s)")
        baseline = pair_matches(store)
        rows = store.rows("SELECT id, path, content_hash, form, encoding FROM documents ORDER BY id", ())
        records = {row["id"]: store.get_record(row["id"])[1] for row in rows}  # type: ignore[index]
        candidates = [row for row in rows if len(records[row["id"]].body_text()) > 400]
        rng.shuffle(candidates)
        # Copies go into documents that share nothing yet: a copy put inside a passage the corpus repeats
        # would cut it in two, and the two halves would no longer match the pair found before.
        reusing = {p.document_id for m in baseline for p in (m.first, m.second)}
        sources = candidates[: args.injections]
        targets = [row for row in candidates[args.injections :] if row["id"] not in reusing][: args.injections]
        injections: list[Injection] = []
        shifts: dict[str, tuple[int, int]] = {}  # target → (where the copy went in, characters it added)
        rewritten = []
        for source_row, target_row in zip(sources, targets):
            text = records[source_row["id"]].body_text()
            span = None
            for _ in range(20):
                length = int(math.exp(rng.uniform(math.log(SHORTEST), math.log(LONGEST))))
                if span := _word_span(text, rng, length):
                    break
            if span is None:
                continue
            start, end, quoted = _quote(text, *span, rng)
            copy = " ".join(_noisy(quoted, rng).split())  # one paragraph, where the source had several
            target = records[target_row["id"]]
            position = rng.randrange(0, len(target.body) + 1)
            offset = sum(len(block.text) + 2 for block in target.body[:position])
            body = [*target.body[:position], Block("paragraph", copy), *target.body[position:]]
            injections.append(Injection(Passage(source_row["id"], start, end), Passage(target_row["id"], offset, offset + len(copy))))
            shifts[target_row["id"]] = (offset, len(copy) + 2)
            rewritten.append(
                prepare(
                    IngestedFile(
                        target_row["path"], target_row["id"], target_row["content_hash"] + "+reuse", 0,
                        target_row["form"], target_row["encoding"], replace(target, body=body),
                    )
                )
            )
        store.write_batch(rewritten)
        source_texts = {i.source.document_id: records[i.source.document_id].body_text() for i in injections}
        started = time.perf_counter()
        after = find_reuse(store, engine)
        elapsed = time.perf_counter() - started
        found = pair_matches(store)
        store.close()

    def shifted(passage: Passage) -> Passage:
        at, added = shifts.get(passage.document_id, (1 << 62, 0))
        if passage.start >= at:
            return Passage(passage.document_id, passage.start + added, passage.end + added)
        return passage

    known = [PairMatch(shifted(m.first), shifted(m.second)) for m in baseline]
    by_document: dict[str, list[PairMatch]] = {}
    for match in known:
        by_document.setdefault(match.first.document_id, []).append(match)
        by_document.setdefault(match.second.document_id, []).append(match)
    new = [m for m in found if not any(_matches(m, k.first, k.second) for k in by_document.get(m.first.document_id, []))]
    right = 0
    for match in new:
        if (
            any(_matches(match, i.source, i.copy) for i in injections)
            or _by_way_of_corpus(match, injections, by_document)
            or _source_repeats_itself(match, injections, source_texts)
        ):
            right += 1
    recalled = sum(any(_matches(m, i.source, i.copy) for m in new) for i in injections)
    precision = right / len(new) if new else 1.0
    recall = recalled / len(injections)
    lengths = sorted(i.copy.end - i.copy.start for i in injections)
    print(
        f"injected {len(injections)} passages ({lengths[0]}–{lengths[-1]} characters, median {lengths[len(lengths) // 2]});"
        f" incremental run read {after.processed} documents in {elapsed:.1f} s"
    )
    print(f"pairs found that the corpus did not hold: {len(new)}, right: {right}; true pairs found: {recalled} of {len(injections)}")
    for low, high in ((50, 150), (150, 500), (500, 2100)):
        bucket = [i for i in injections if low <= i.copy.end - i.copy.start < high]
        hits = sum(any(_matches(m, i.source, i.copy) for m in new) for i in bucket)
        print(f"  recall, copies of {low}–{high} characters: {hits}/{len(bucket)}")
    print(f"precision {precision:.3f}")
    print(f"recall    {recall:.3f}")


def _source_repeats_itself(match: PairMatch, injections: list[Injection], texts: dict[str, str]) -> bool:
    """The match links a copy to another place in its source document that holds a piece of the copied passage.

    Pairs within one document are never reported, so the corpus's own run cannot know that a document repeats
    a phrase; checked here by another measure than the engine's (rapidfuzz's partial_ratio on folded letters).
    """
    for injection in injections:
        for copy_side, other_side in ((match.first, match.second), (match.second, match.first)):
            if copy_side.document_id == injection.copy.document_id and copy_side.overlap(injection.copy) and other_side.document_id == injection.source.document_id:
                text = texts[injection.source.document_id]
                found = fold_letters(text[other_side.start : other_side.end])
                copied = fold_letters(text[injection.source.start : injection.source.end])
                return fuzz.partial_ratio(found, copied) >= REPEAT_SIMILARITY
    return False


def _by_way_of_corpus(match: PairMatch, injections: list[Injection], by_document: dict[str, list[PairMatch]]) -> bool:
    """The match links an injected copy to a document that already held (a copy of) the copied passage."""
    for injection in injections:
        for copy_side, other_side in ((match.first, match.second), (match.second, match.first)):
            if copy_side.document_id != injection.copy.document_id or copy_side.overlap(injection.copy) == 0:
                continue
            for known in by_document.get(injection.source.document_id, []):
                source_side, held = (known.first, known.second) if known.first.document_id == injection.source.document_id else (known.second, known.first)
                if held.document_id == other_side.document_id and source_side.overlap(injection.source) and held.overlap(other_side):
                    return True
    return False


if __name__ == "__main__":
    main()
