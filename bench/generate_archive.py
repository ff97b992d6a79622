"""Build a large archive from the real corpus, for benchmarks: nothing of it goes into git.

    python bench/generate_archive.py OUT.db|postgresql://… [--documents 200000] [--corpus ../shared/corpus] [--seed 7]

Every real page of the corpus is read once; the archive then holds N documents made
by re-using those records with new ids, periodicals (MIA's ETOL papers), volumes,
issues and dates, the way an archive of reprints and related papers looks. Texts
are cut to the length of a periodical article (about 6,000 characters, whole
paragraphs) so that 200,000 documents make a database of a few GB, not tens.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
from importlib import resources
from pathlib import Path

from rich.progress import Progress

from hemeroteca.ingest import discover, prepare, read_candidate
from hemeroteca.record import Citation, DateValue, Record
from hemeroteca.store import display_name, open_store
from hemeroteca.store.base import IngestedFile

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ARTICLE_CHARS = 6000
BATCH = 1000


def corpus_records(corpus: Path) -> list[Record]:
    records = []
    for candidate in discover([corpus], lambda path, error: None):
        result = read_candidate(candidate, {})
        if isinstance(result, IngestedFile) and result.record.body and result.record.title:
            records.append(result.record)
    return records


def etol_papers() -> list[str]:
    data = json.loads(resources.files("hemeroteca.catalogue").joinpath("data", "mia-periodicals.json").read_text("utf-8"))
    return sorted({entry["name"].split(" (")[0] for entry in data if "/etol/" in entry["href"]})


def article(record: Record) -> Record:
    body, length = [], 0
    for block in record.body:
        body.append(block)
        length += len(block.text)
        if length >= ARTICLE_CHARS:
            break
    return dataclasses.replace(record, body=body)


def variant(record: Record, number: int, papers: list[str], rng: random.Random) -> tuple[str, Record]:
    paper = rng.choice(papers)
    year = rng.randint(1917, 1990)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    volume = year - 1910
    issue = rng.randint(1, 52)
    date = DateValue(raw=f"{day} {month}/{year}", edtf=f"{year}-{month:02d}-{day:02d}")
    source = Citation(
        raw=f"{paper}, Vol. {volume} No. {issue}, {date.edtf}, p. {rng.randint(1, 8)}",
        periodical=paper, volume=str(volume), volume_raw=str(volume), number=str(issue), date=date, pages=f"p. {rng.randint(1, 8)}",
    )
    slug = "".join(ch if ch.isalnum() else "-" for ch in paper.casefold()).strip("-")
    return f"generated/{slug}/{year}/{number:06d}", dataclasses.replace(article(record), source=source, published=date)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="a SQLite file or a PostgreSQL URL (bench/postgres_server.py start gives one)")
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    records = corpus_records(args.corpus)
    papers = etol_papers()
    store = open_store(args.out)
    with Progress() as progress:
        task = progress.add_task("generating", total=args.documents)
        for start in range(0, args.documents, BATCH):
            batch = []
            for number in range(start, min(start + BATCH, args.documents)):
                document_id, record = variant(records[number % len(records)], number, papers, rng)
                batch.append(prepare(IngestedFile(f"/generated/{document_id}", document_id, f"generated-{number}", 0, "html", "utf-8", record)))
            store.write_batch(batch)
            progress.update(task, advance=len(batch))
    store.optimize()
    store.close()
    print(f"{display_name(args.out)}: {args.documents} documents from {len(records)} real pages, {len(papers)} ETOL papers")


if __name__ == "__main__":
    main()
