"""A run of `hemeroteca reuse`: what changed is read and compared, then every cluster is made again.

1. Documents whose signature is missing or was made from other content (documents.content_hash)
   or other parameters get their anchors computed (the engine); documents gone lose theirs.
2. Pairs are aligned (the engine) when they hold a new or changed document, or when an anchor
   they share became common or rare again as documents came and went; every other pair's
   stored passages stay as they are. So a run after adding documents stores what a run from
   nothing would: pair results depend only on the two texts and on which anchors are rare.
3. Clusters are made again from all stored pair passages (cheap: no text is compared), and
   boilerplate from all stored anchors, then written with titles, dates and source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from hemeroteca.record import Record
from hemeroteca.reuse import storage
from hemeroteca.reuse.align import EDGE_RUN, MIN_IDENTITY, MIN_LETTERS, MISMATCH, QUOTE_BREAK, QUOTE_OMISSION
from hemeroteca.reuse.anchors import ANCHOR_LETTERS, ANCHOR_SAMPLE, Anchors
from hemeroteca.reuse.boilerplate import boilerplate_clusters
from hemeroteca.reuse.clusters import PairMatch, Passage, likely_source, reuse_clusters
from hemeroteca.reuse.engine import Comparison, Engine, Progress, no_progress
from hemeroteca.reuse.normalise import MatchText, match_text, whole_words
from hemeroteca.reuse.results import ReuseCluster, ShownPassage, excerpt, is_quoted
from hemeroteca.reuse.seeds import CHAIN_MIN_LETTERS, MAX_COPIES, copy_counts, rare_mask
from hemeroteca.store import browse
from hemeroteca.store.base import Store

# Stored signatures and pair passages are valid for these parameters only: another set redoes everything.
PARAMETERS = (
    f"q{ANCHOR_LETTERS}s{ANCHOR_SAMPLE}c{MAX_COPIES}m{CHAIN_MIN_LETTERS}l{MIN_LETTERS}i{MIN_IDENTITY}x{MISMATCH}"
    f"e{EDGE_RUN}b{QUOTE_BREAK}o{QUOTE_OMISSION}"
)


@dataclass(frozen=True, slots=True)
class RunReport:
    engine: str
    documents: int
    processed: int  # documents whose anchors were computed
    removed: int
    pairs: int  # pairs of documents sharing a passage, in the archive
    clusters: list[ReuseCluster]


def signature_key(content_hash: str) -> str:
    return f"{PARAMETERS}:{content_hash}"


def find_reuse(store: Store, engine: Engine, progress: Progress = no_progress) -> RunReport:
    documents = storage.content_hashes(store)
    stored = storage.signatures(store)
    pending = sorted(i for i, content in documents.items() if i not in stored or stored[i].key != signature_key(content))
    removed = sorted(set(stored) - set(documents))
    records = _RecordCache(store)
    computed = engine.signatures({i: records.text(i) for i in pending}, progress)
    current = {i: s.anchors for i, s in stored.items() if i in documents} | computed
    ids = sorted(current)
    index = {document_id: position for position, document_id in enumerate(ids)}
    unchanged = [i for i in ids if i not in computed]
    redo = _pairs_to_redo([s.anchors for s in stored.values()], current, unchanged)
    comparison = Comparison(
        ids, [current[i] for i in ids], frozenset(index[i] for i in pending),
        frozenset((index[a], index[b]) for a, b in redo),
    )
    matches = engine.shared_passages(comparison, records.texts, progress)
    with storage.writing(store) as writer:
        storage.replace_signatures(writer, removed, {i: storage.StoredSignature(signature_key(documents[i]), computed[i]) for i in pending})
        storage.replace_pairs(writer, [*pending, *removed], sorted(redo), matches)
    progress("clusters", 0, None)
    all_matches = storage.pair_matches(store)
    clusters = _clusters(store, records, all_matches, ids, comparison.anchors)
    _save_clusters(store, clusters)
    pairs = len({(m.first.document_id, m.second.document_id) for m in all_matches})
    return RunReport(engine.name, len(documents), len(pending), len(removed), pairs, clusters)


def _pairs_to_redo(before: list[Anchors], now: dict[str, Anchors], unchanged: list[str]) -> set[tuple[str, str]]:
    """Pairs of unchanged documents sharing an anchor that was rare and is common now, or the other way round."""
    if not unchanged:
        return set()
    was = copy_counts(np.concatenate([a.hashes for a in before] or [_NO_HASHES]))
    is_ = copy_counts(np.concatenate([a.hashes for a in now.values()] or [_NO_HASHES]))
    held = [np.unique(now[i].hashes) for i in unchanged]
    hashes = np.concatenate(held)
    owners = np.repeat(np.arange(len(unchanged)), [len(h) for h in held])
    changed = rare_mask(hashes, *was) != rare_mask(hashes, *is_)
    holders: dict[int, list[str]] = {}
    for anchor, owner in zip(hashes[changed].tolist(), owners[changed].tolist()):
        holders.setdefault(anchor, []).append(unchanged[owner])
    return {pair for documents in holders.values() for pair in combinations(sorted(documents), 2)}


_NO_HASHES = np.zeros(0, dtype=np.uint32)


def _clusters(
    store: Store, records: _RecordCache, matches: list[PairMatch], ids: list[str], anchors: list[Anchors]
) -> list[ReuseCluster]:
    found = [(passages, len({p.document_id for p in passages}) > MAX_COPIES) for passages in reuse_clusters(matches)]
    letters: dict[str, MatchText] = {}
    for spans in boilerplate_clusters(anchors):
        passages = []
        for index, first, end in spans:
            document_id = ids[index]
            text = records.text(document_id)
            mapped = letters.setdefault(document_id, match_text(text))
            passages.append(Passage(document_id, *whole_words(text, *mapped.span(first, end))))
        found.append((sorted(passages), True))
    found.sort(key=lambda cluster: (cluster[0][0], cluster[1]))
    entries: dict[str, browse.Entry | None] = {}
    clusters = []
    for number, (passages, boilerplate) in enumerate(found, start=1):
        shown = []
        for passage in passages:
            document_id = passage.document_id
            entry = entries[document_id] if document_id in entries else entries.setdefault(document_id, browse.entry(store.rows, document_id))
            text = records.text(document_id)
            shown.append(
                ShownPassage(
                    passage, entry.title if entry else None, entry.date if entry else None,
                    is_quoted(records.record(document_id), text, passage.start, passage.end),
                    excerpt(text, passage.start, passage.end),
                )
            )
        source = None
        if not boilerplate:
            dates = {p.passage.document_id: p.date for p in shown}
            source = likely_source(passages, dates, {p.passage for p in shown if p.quoted})
        clusters.append(ReuseCluster(number, boilerplate, shown, source))
    return clusters


def _save_clusters(store: Store, clusters: list[ReuseCluster]) -> None:
    with storage.writing(store) as writer:
        writer.execute("DELETE FROM reuse_passages")
        writer.execute("DELETE FROM reuse_clusters")
        writer.executemany(
            "INSERT INTO reuse_clusters (id, boilerplate, documents) VALUES (?,?,?)",
            [(c.id, int(c.boilerplate), c.documents) for c in clusters],
        )
        writer.executemany(
            "INSERT INTO reuse_passages (cluster_id, document_id, char_start, char_end, quoted, source) VALUES (?,?,?,?,?,?)",
            [
                (c.id, p.passage.document_id, p.passage.start, p.passage.end, int(p.quoted), int(p.passage == c.source))
                for c in clusters
                for p in c.passages
            ],
        )


class _RecordCache:
    """Records read from the store once per run, only those a step needs."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.records: dict[str, Record] = {}

    def record(self, document_id: str) -> Record:
        if document_id not in self.records:
            found = self.store.get_record(document_id)
            assert found is not None, f"document {document_id} vanished during the run"
            self.records[document_id] = found[1]
        return self.records[document_id]

    def text(self, document_id: str) -> str:
        return self.record(document_id).body_text()

    def texts(self, ids: Iterable[str]) -> dict[str, str]:
        return {i: self.text(i) for i in ids}
