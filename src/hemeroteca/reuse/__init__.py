"""Reused passages across the archive — reprints, quotations, excerpts — and boilerplate set apart.

How it works, module by module (each a pure step over text or arrays; I/O in storage.py and job.py):

- normalise.py: a document's text (record.body_text()) as folded letters with their character
  offsets; spaces, punctuation, digits, case, accents, hyphenation and joined or split words vanish.
- anchors.py: one letter 12-gram in three, chosen by its hash: the document's signature, stored.
- seeds.py: anchors held at most 8 times in the archive (rare, as passim's n-grams) shared by two
  documents are seeds; seeds along one diagonal chain into a candidate passage.
- align.py: local alignment of each chain (rapidfuzz Levenshtein opcodes, best-scoring run) to the
  passage's exact ends; pairs.py: the same in characters, for one pair.
- clusters.py: passages linked across documents into clusters; the likely source by date.
- boilerplate.py: passages held by more than 8 documents (stubs, notices, mastheads), found from the
  stored anchors alone and reported apart.
- job.py: a run, incremental; local.py and spark.py: the engines; api.py: `passages_of` for the web.
"""

from hemeroteca.reuse.api import DocumentPassage, LinkedPassage, passages_of
from hemeroteca.reuse.engine import engine_named
from hemeroteca.reuse.job import RunReport, find_reuse

__all__ = ["DocumentPassage", "LinkedPassage", "RunReport", "engine_named", "find_reuse", "passages_of"]
