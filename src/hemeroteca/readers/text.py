"""Plain-text dumps of MIA/ETOL pages, like shared/seeds/*.txt.

The markup is gone: paragraphs are separated by blank lines, a heading broken
with <br> spans two lines, link and alt texts survive as words. Each paragraph
becomes a Chunk; layout tells header from text by position.
"""

from __future__ import annotations

from hemeroteca.fields.text import normalise_space
from hemeroteca.readers.blocks import Chunk
from hemeroteca.readers.layout import assemble
from hemeroteca.record import Record


def text_chunks(text: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    lines: list[str] = []
    for raw_line in text.splitlines():
        line = normalise_space(raw_line)
        if line:
            lines.append(line)
        elif lines:
            chunks.append(Chunk("paragraph", lines))
            lines = []
    if lines:
        chunks.append(Chunk("paragraph", lines))
    return chunks


def read_text(text: str) -> Record:
    return assemble(text_chunks(text))
