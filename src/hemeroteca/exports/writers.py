"""Each export kind as one function of the same shape: (store, selection, output, base URL) → documents written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hemeroteca.exports import bulk
from hemeroteca.exports.bibtex import bibtex_entry
from hemeroteca.exports.csl import csl_item
from hemeroteca.exports.selection import Selection
from hemeroteca.store.base import Store

Writer = Callable[[Store, Selection, Path, "str | None"], int]


def document_url(base_url: str | None, document_id: str) -> str | None:
    """Where the archive serves a document (it redirects to the issue's permalink); None without a base URL."""
    return f"{base_url.rstrip('/')}/documents/{document_id}" if base_url else None


def _records(store: Store, selection: Selection):  # noqa: ANN202 - (id, Record) pairs
    for document_id in selection.document_ids:
        found = store.get_record(document_id)
        if found is not None:
            yield found


def write_csl(store: Store, selection: Selection, output: Path, base_url: str | None) -> int:
    items = [csl_item(document_id, record, document_url(base_url, document_id)) for document_id, record in _records(store, selection)]
    output.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(items)


def write_bibtex(store: Store, selection: Selection, output: Path, base_url: str | None) -> int:
    taken: set[str] = set()
    entries = [
        bibtex_entry(document_id, record, document_url(base_url, document_id), taken=taken)
        for document_id, record in _records(store, selection)
    ]
    output.write_text("\n".join(entries), encoding="utf-8")
    return len(entries)


def write_jsonl(store: Store, selection: Selection, output: Path, base_url: str | None) -> int:
    return bulk.write_jsonl(store, selection.document_ids, output)


def write_parquet(store: Store, selection: Selection, output: Path, base_url: str | None) -> int:
    return bulk.write_parquet(store, selection.document_ids, output)


def write_tei(store: Store, selection: Selection, output: Path, base_url: str | None) -> int:
    from hemeroteca.exports.tei import write_tei as write

    return len(write(store, selection.document_ids, output, base_url=base_url))


def write_epub(store: Store, selection: Selection, output: Path, base_url: str | None) -> int:
    from hemeroteca.exports.epub import write_epub as write

    write(store, selection.title, selection.document_ids, output, base_url=base_url)
    return len(selection.document_ids)


WRITERS: dict[str, Writer] = {
    "csl": write_csl, "bibtex": write_bibtex, "jsonl": write_jsonl, "parquet": write_parquet,
    "tei": write_tei, "epub": write_epub,
}
