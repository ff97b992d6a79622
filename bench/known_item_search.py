"""Known-item search: does a query made from a document find that document at rank 1?

    python bench/known_item_search.py [CORPUS] [--sample 500] [--seed 7] [--postgres]

Ingests the corpus into a fresh SQLite archive (with --postgres, a database on a
throwaway PostgreSQL server), samples documents, and for each
asks (a) six consecutive words from its text, (b) its exact title. Prints the share
found at rank 1 (targets: 98% and 95%), and the share where rank 1 is the document
or an exact copy of it (same title and text), since a corpus can hold one page twice,
and where rank 1 at least bears the title asked for (chapters of a book often share one)
or holds the six words in the same order (the query cannot tell those pages apart).
The sample moves with the seed and with every change to what the readers extract:
compare several seeds, not one.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

from hemeroteca.ingest import ingest
from hemeroteca.search.query import parse_query
from hemeroteca.store import open_store
from hemeroteca.store.base import Store
from postgres_server import throwaway_server

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def six_words(text: str, rng: random.Random) -> str | None:
    words = _WORD.findall(text)
    if len(words) < 6:
        return None
    start = rng.randrange(0, len(words) - 5)
    return " ".join(words[start : start + 6])


def _holds_words(document: tuple[str | None, str], words: str) -> bool:
    title, body = document
    sequence = " ".join(_WORD.findall(f"{title or ''} {body}")).casefold()
    return f" {words.casefold()} " in f" {sequence} "


def top_hit(store: Store, text: str) -> str | None:
    hits = store.search(parse_query(text), limit=1).hits
    return hits[0].id if hits else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", action="store_true", help="search a PostgreSQL archive (a throwaway local server)")
    args = parser.parse_args()
    if args.postgres:
        with throwaway_server() as server:
            run(args, server.new_database("known_items"), "PostgreSQL")
    else:
        with tempfile.TemporaryDirectory() as folder:
            run(args, str(Path(folder) / "archive.db"), "SQLite")


def run(args: argparse.Namespace, url: str, backend: str) -> None:
    rng = random.Random(args.seed)
    store = open_store(url)
    ingest(store, [args.corpus], workers=2)
    texts: dict[str, tuple[str | None, str]] = {}
    for summary in store.list_documents():
        _, record = store.get_record(summary.id) or (None, None)
        assert record is not None
        texts[summary.id] = (record.title, "\n\n".join(block.text for block in record.body))
    candidates = [doc_id for doc_id, (title, body) in sorted(texts.items()) if title and len(_WORD.findall(body)) >= 6]
    sample = rng.sample(candidates, min(args.sample, len(candidates)))
    counts = {"words": [0, 0, 0], "title": [0, 0, 0]}
    misses: dict[str, list[str]] = {"words": [], "title": []}
    for doc_id in sample:
        title, body = texts[doc_id]
        for kind, query in (("words", six_words(body, rng)), ("title", title)):
            found = top_hit(store, query.replace('"', " ") if query else "")
            counts[kind][0] += found == doc_id
            counts[kind][1] += found == doc_id or (found is not None and texts.get(found) == texts[doc_id])
            # Pages that share their title (chapters of one book) cannot be told apart by it, nor pages that hold
            # the same six words in order (an author's index lists the title a work's text repeats).
            counts[kind][2] += found == doc_id or found is not None and (
                texts[found][0] == title if kind == "title" else _holds_words(texts[found], query or "")
            )
            if found != doc_id and len(misses[kind]) < 5:
                misses[kind].append(f"{doc_id} ← {query!r} gave {found}")
    store.close()
    n = len(sample)
    print(f"known-item search on {backend} over {len(texts)} documents, {n} sampled (seed {args.seed})")
    for kind, target in (("words", 98), ("title", 95)):
        strict, with_copies, same_title = counts[kind]
        label = "6 consecutive words" if kind == "words" else "exact title"
        alike = "a page holding those words in order" if kind == "words" else "a page of that same title"
        print(
            f"{label:20} rank 1: {100 * strict / n:5.1f}%  (target {target}%; the document or an exact copy:"
            f" {100 * with_copies / n:5.1f}%; {alike}: {100 * same_title / n:5.1f}%)"
        )
        for miss in misses[kind]:
            print(f"    miss: {miss}")


if __name__ == "__main__":
    main()
