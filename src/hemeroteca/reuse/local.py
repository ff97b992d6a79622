"""The local engine: the run in this process, numpy for the archive-wide steps, a loop over the pairs."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from hemeroteca.reuse.anchors import Anchors, anchors_of
from hemeroteca.reuse.clusters import PairMatch, Passage
from hemeroteca.reuse.engine import Comparison, LoadTexts, Progress
from hemeroteca.reuse.normalise import match_text
from hemeroteca.reuse.pairs import Prepared, prepare, shared_spans
from hemeroteca.reuse.seeds import Chain, chains, pair_seeds

_PREPARED = 256  # documents kept prepared at once: pairs come sorted by their first document


class LocalEngine:
    name = "local"

    def signatures(self, texts: Mapping[str, str], progress: Progress) -> dict[str, Anchors]:
        found: dict[str, Anchors] = {}
        for done, (document_id, text) in enumerate(texts.items(), start=1):
            found[document_id] = anchors_of(match_text(text))
            progress("signatures", done, len(texts))
        return found

    def shared_passages(self, comparison: Comparison, load_texts: LoadTexts, progress: Progress) -> list[PairMatch]:
        count = len(comparison.ids)
        focus = np.zeros(count, dtype=bool)
        focus[list(comparison.focus)] = True
        redo = np.array(sorted(a * count + b for a, b in comparison.redo), dtype=np.int64)

        def wanted(first: npt.NDArray[np.int64], second: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
            return focus[first] | focus[second] | np.isin(first * count + second, redo)

        progress("candidates", 0, None)
        candidates: dict[tuple[int, int], list[Chain]] = {}
        for pair, (seeds_first, seeds_second) in pair_seeds(comparison.anchors, wanted).items():
            if found := chains(seeds_first.tolist(), seeds_second.tolist()):
                candidates[pair] = found
        texts = load_texts(comparison.ids[i] for i in sorted({i for pair in candidates for i in pair}))

        @lru_cache(maxsize=_PREPARED)
        def prepared(index: int) -> Prepared:
            return prepare(texts[comparison.ids[index]])

        matches: list[PairMatch] = []
        for done, (first, second) in enumerate(sorted(candidates), start=1):
            for a_start, a_end, b_start, b_end in shared_spans(prepared(first), prepared(second), candidates[(first, second)]):
                matches.append(
                    PairMatch(
                        Passage(comparison.ids[first], a_start, a_end), Passage(comparison.ids[second], b_start, b_end)
                    )
                )
            progress("alignment", done, len(candidates))
        return sorted(matches)
