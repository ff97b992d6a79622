"""Bulk data for people who analyse the corpus: JSON Lines and Parquet, one row per document.

Both carry the same fields (`FIELDS`, documented in docs/bulk-data.md): the record
as `hemeroteca show --format json` gives it, flattened where a table needs it, with
the document's place in the catalogue (periodical, volume, issue, date filed under)
and its whole text. Parquet has a fixed Arrow schema (`PARQUET_SCHEMA`), written in
row groups so that memory stays flat however large the selection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from hemeroteca.record import Record
from hemeroteca.store import browse
from hemeroteca.store.base import Store

ROW_GROUP = 500

_DATE = pa.struct([("raw", pa.string()), ("edtf", pa.string())])
PARQUET_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("title", pa.string()),
    ("subtitle", pa.string()),
    ("authors", pa.list_(pa.struct([("name", pa.string()), ("role", pa.string()), ("printed_as", pa.string()),
                                    ("slug", pa.string())]))),
    ("language", pa.string()),
    ("date", pa.string()),
    ("written", _DATE),
    ("published", _DATE),
    ("periodical", pa.string()),
    ("periodical_slug", pa.string()),
    ("volume", pa.string()),
    ("volume_raw", pa.string()),
    ("number", pa.string()),
    ("issue_date", pa.string()),
    ("pages", pa.string()),
    ("source_raw", pa.string()),
    ("credits", pa.list_(pa.struct([("role", pa.string()), ("name", pa.string()), ("for", pa.string()),
                                    ("date", _DATE)]))),
    ("license", pa.string()),
    ("last_updated", _DATE),
    ("running_head", pa.string()),
    ("notes", pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string()), ("anchor", pa.string())]))),
    ("body", pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string()), ("attribution", pa.string())]))),
    ("text", pa.string()),
    ("words", pa.int64()),
    ("stored_at", pa.string()),
])
FIELDS = PARQUET_SCHEMA.names


def row(record: Record, entry: browse.Entry) -> dict[str, Any]:
    """One document as a row of FIELDS: its record's JSON (Record.to_json), flattened, and its place."""
    data = record.to_json(entry.id)
    source = data["source"] or {}
    slugs = {link.name: link.slug for link in entry.authors}
    text = record.body_text()
    return {
        "id": entry.id,
        "title": data["title"],
        "subtitle": data["subtitle"],
        "authors": [author | {"slug": slugs.get(author["name"])} for author in data["authors"]],
        "language": data["language"],
        "date": entry.date,
        "written": data["written"],
        "published": data["published"],
        "periodical": entry.periodical,
        "periodical_slug": entry.periodical_slug,
        "volume": source.get("volume"),
        "volume_raw": source.get("volume_raw"),
        "number": source.get("number"),
        "issue_date": (source.get("date") or {}).get("edtf"),
        "pages": source.get("pages"),
        "source_raw": source.get("raw"),
        "credits": data["credits"],
        "license": data["license"],
        "last_updated": data["last_updated"],
        "running_head": data["running_head"],
        "notes": data["notes"],
        "body": [{"kind": b["kind"], "text": b["text"], "attribution": b.get("attribution")} for b in data["body"]],
        "text": text,
        "words": len(text.split()),
        "stored_at": entry.stored_at,
    }


def rows(store: Store, document_ids: list[str]) -> Iterator[dict[str, Any]]:
    for document_id in document_ids:
        found = store.get_record(document_id)
        entry = browse.entry(store.rows, document_id)
        if found is not None and entry is not None:
            yield row(found[1], entry)


def write_jsonl(store: Store, document_ids: list[str], out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as file:
        for item in rows(store, document_ids):
            file.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_parquet(store: Store, document_ids: list[str], out: Path) -> int:
    count = 0
    with pq.ParquetWriter(out, PARQUET_SCHEMA, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for item in rows(store, document_ids):
            batch.append(item)
            if len(batch) == ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                count, batch = count + len(batch), []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count
