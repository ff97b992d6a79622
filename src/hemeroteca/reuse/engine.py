"""What an engine does, the local one or Spark's: the two costly steps of a run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from hemeroteca.reuse.anchors import Anchors
from hemeroteca.reuse.clusters import PairMatch

Progress = Callable[[str, int, int | None], None]  # (stage, done, total or None)
LoadTexts = Callable[[Iterable[str]], dict[str, str]]


def no_progress(stage: str, done: int, total: int | None) -> None:
    pass


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a run compares: every document's anchors, and which pairs need aligning.

    A pair is aligned when either document is in `focus` (new or changed) or the pair is in `redo`
    (its shared anchors changed from rare to common or back, as documents came and went).
    """

    ids: list[str]  # sorted; a document is known to the engines by its index here
    anchors: list[Anchors]
    focus: frozenset[int]
    redo: frozenset[tuple[int, int]]  # (smaller index, larger index)


class Engine(Protocol):
    name: str

    def signatures(self, texts: Mapping[str, str], progress: Progress) -> dict[str, Anchors]:
        """Each document's anchors."""

    def shared_passages(self, comparison: Comparison, load_texts: LoadTexts, progress: Progress) -> list[PairMatch]:
        """The passages shared by the pairs the comparison asks for, sorted."""


def engine_named(name: str) -> Engine:
    if name == "spark":
        from hemeroteca.reuse.spark import SparkEngine  # pyspark and its JVM only when asked for

        return SparkEngine()
    from hemeroteca.reuse.local import LocalEngine

    return LocalEngine()
