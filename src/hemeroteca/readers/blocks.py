"""The reading-order blocks every reader reduces a page to, before layout decides what each is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

ChunkKind = Literal["heading", "paragraph", "quote", "rule"]

# Roles a reader can tell from markup alone (MIA's stylesheet classes, HTML5 elements).
# "information": bibliographic block; "from": the "From …" source line; "credits":
# transcriber line; "updated": last-updated line; "navigation": site furniture;
# "running_head": p.title; "note": foot/endnote; "signature"; "editor_note"; "attribution": the
# right-aligned line at a quotation's foot that names its author or source; "byline": the author's name as a
# link to their index (the Portuguese template's <a href="../../index.htm"><h2>…</h2></a>); "image_credit": who
# made a picture and under what licence (p.fonte.imagem); "biography_source": where a person's page took its
# biography from (p.fonte).
Role = Literal[
    "information", "from", "credits", "updated", "navigation", "running_head",
    "note", "signature", "editor_note", "license", "attribution", "byline", "image_credit", "biography_source",
]


@dataclass(slots=True)
class Chunk:
    kind: ChunkKind
    lines: list[str]
    level: int = 0  # 1–6 for headings
    role: Role | None = None
    anchor: str | None = None  # footnote target name or id
    # Typography, measured only when layout asks (few chunks need it): a reader passes
    # `measure` returning (share of the text that is link text, all of it in italic or small type).
    measure: Callable[[], tuple[float, bool]] | None = None
    lead_emphasis: str | None = None  # italic or bold text the chunk starts with
    is_metadata: bool | None = None  # decided once by layout
    _typography: tuple[float, bool] | None = None
    _text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:  # asked for many times by layout: joined once
            self._text = " ".join(self.lines)
        return self._text

    def set_lines(self, lines: list[str]) -> None:
        self.lines = lines
        self._text = None

    def _measured(self) -> tuple[float, bool]:
        if self._typography is None:
            self._typography = self.measure() if self.measure is not None else (0.0, False)
        return self._typography

    @property
    def link_share(self) -> float:
        return self._measured()[0]

    @property
    def set_apart(self) -> bool:
        """All of it in italic or small type: how editors set their words apart from the author's."""
        return self._measured()[1]
