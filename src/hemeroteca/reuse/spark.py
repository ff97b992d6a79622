"""The Spark engine: the same pure functions as the local engine, run inside Spark's partitions.

Anchors are computed by mapPartitions over the documents; candidate pairs come from a
groupByKey of every anchor's postings (rare ones only, as seeds.pair_seeds keeps), then
a groupByKey by pair, where `seeds.chains` runs; alignment (`pairs.shared_spans`) runs
on the pairs joined with both documents' texts. The session is local ("local[2]" by
default, `HEMEROTECA_SPARK_MASTER` to change it), with no web UI and nothing fetched at
run time (no spark.jars.packages); its Python workers are this interpreter.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations
from typing import Any

from hemeroteca.reuse.anchors import Anchors, anchors_of
from hemeroteca.reuse.clusters import PairMatch, Passage
from hemeroteca.reuse.engine import Comparison, LoadTexts, Progress
from hemeroteca.reuse.normalise import match_text
from hemeroteca.reuse.pairs import prepare, shared_spans
from hemeroteca.reuse.seeds import MAX_COPIES, Chain, chains

PARTITIONS = 8  # parallelism and shuffle partitions: small, for two local workers


def spark_session(master: str | None = None) -> Any:
    """The session the engine runs on (built once per process; SparkSession reuses it)."""
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master or os.environ.get("HEMEROTECA_SPARK_MASTER", "local[2]"))
        .appName("hemeroteca-reuse")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # the command draws its own progress bar
        .config("spark.sql.shuffle.partitions", str(PARTITIONS))
        .config("spark.default.parallelism", str(PARTITIONS))
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )


def _signatures(documents: Iterable[tuple[str, str]]) -> Iterator[tuple[str, bytes]]:
    for document_id, text in documents:
        yield document_id, anchors_of(match_text(text)).to_bytes()


def _postings(document: tuple[int, bytes]) -> Iterator[tuple[int, tuple[int, int]]]:
    index, data = document
    anchors = Anchors.from_bytes(data)
    return zip(anchors.hashes.tolist(), ((index, position) for position in anchors.positions.tolist()))


def _seeds(
    postings: Iterable[tuple[int, int]], focus: frozenset[int], redo: frozenset[tuple[int, int]]
) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """Seeds of one anchor, as seeds.pair_seeds makes them: rare anchors only, between two documents wanted."""
    held = sorted(postings)
    if not 2 <= len(held) <= MAX_COPIES:
        return
    for (first, at_first), (second, at_second) in combinations(held, 2):
        if first != second and (first in focus or second in focus or (first, second) in redo):
            yield (first, second), (at_first, at_second)


def _chains(item: tuple[tuple[int, int], Iterable[tuple[int, int]]]) -> Iterator[tuple[tuple[int, int], list[Chain]]]:
    pair, seeds = item
    ordered = sorted(seeds)
    if found := chains([a for a, _ in ordered], [b for _, b in ordered]):
        yield pair, found


def _align(items: Iterable[tuple[int, tuple[tuple[int, list[Chain], str], str]]]) -> Iterator[tuple[int, int, tuple[int, int, int, int]]]:
    for second, ((first, found, first_text), second_text) in items:
        for spans in shared_spans(prepare(first_text), prepare(second_text), found):
            yield first, second, spans


class SparkEngine:
    name = "spark"

    def __init__(self, master: str | None = None) -> None:
        self.session = spark_session(master)
        self.session.sparkContext.setLogLevel("ERROR")

    def signatures(self, texts: Mapping[str, str], progress: Progress) -> dict[str, Anchors]:
        progress("signatures", 0, len(texts))
        if not texts:
            return {}
        context = self.session.sparkContext
        found = context.parallelize(sorted(texts.items()), PARTITIONS).mapPartitions(_signatures).collect()
        progress("signatures", len(texts), len(texts))
        return {document_id: Anchors.from_bytes(data) for document_id, data in found}

    def shared_passages(self, comparison: Comparison, load_texts: LoadTexts, progress: Progress) -> list[PairMatch]:
        context = self.session.sparkContext
        focus, redo = context.broadcast(comparison.focus), context.broadcast(comparison.redo)
        progress("candidates", 0, None)
        documents = context.parallelize(
            [(index, anchors.to_bytes()) for index, anchors in enumerate(comparison.anchors)], PARTITIONS
        )
        candidates = (
            documents.flatMap(_postings)
            .groupByKey(PARTITIONS)
            .flatMap(lambda held: _seeds(held[1], focus.value, redo.value))
            .groupByKey(PARTITIONS)
            .flatMap(_chains)
            .cache()
        )
        needed = sorted(candidates.flatMap(lambda item: item[0]).distinct().collect())
        progress("alignment", 0, None)
        texts = context.parallelize(
            [(index, text) for index, text in zip(needed, load_texts(comparison.ids[i] for i in needed).values())], PARTITIONS
        )
        aligned = (
            candidates.map(lambda item: (item[0][0], (item[0][1], item[1])))
            .join(texts)
            .map(lambda item: (item[1][0][0], (item[0], item[1][0][1], item[1][1])))
            .join(texts)
            .mapPartitions(_align)
            .collect()
        )
        candidates.unpersist()
        ids = comparison.ids
        progress("alignment", 1, 1)
        return sorted(
            PairMatch(Passage(ids[first], a_start, a_end), Passage(ids[second], b_start, b_end))
            for first, second, (a_start, a_end, b_start, b_end) in aligned
        )
