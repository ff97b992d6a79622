"""The reading-order blocks every reader reduces a page to, before layout decides what each is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ChunkKind = Literal["heading", "paragraph", "quote", "rule"]

# Roles a reader can tell from markup alone (MIA's stylesheet classes, HTML5 elements).
# "information": bibliographic block; "from": the "From …" source line; "credits":
# transcriber line; "updated": last-updated line; "navigation": site furniture;
# "running_head": p.title; "note": foot/endnote; "signature"; "editor_note".
Role = Literal[
    "information", "from", "credits", "updated", "navigation", "running_head",
    "note", "signature", "editor_note", "license",
]


@dataclass(slots=True)
class Chunk:
    kind: ChunkKind
    lines: list[str]
    level: int = 0  # 1–6 for headings
    role: Role | None = None
    anchor: str | None = None  # footnote target name or id
    link_share: float = 0.0  # share of the text that is link text
    italic: bool = False  # all of the text is in <i>/<em>
    labels: list[tuple[str, str]] = field(default_factory=list)  # (label, value) pairs marked up as labels

    @property
    def text(self) -> str:
        return " ".join(line for line in self.lines if line)
