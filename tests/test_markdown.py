"""The Markdown reader on snippets of pandoc's copies of MIA pages (each test names its file)."""

from __future__ import annotations

from hemeroteca.readers.markdown import markdown_chunks


def test_a_signature_in_a_simple_table_is_its_own_paragraph_without_borders() -> None:
    # mia-reader/_pages/archive/lafargue/1906/04/letter-justice.md
    text = (
        "propaganda of Socialism in England amid the most discouraging\nindifference.\n\n"
        "  --- -----------------\n      *Paul Lafargue*\n  --- -----------------\n"
    )
    chunks = markdown_chunks(text)
    assert [c.text for c in chunks] == ["propaganda of Socialism in England amid the most discouraging indifference.", "Paul Lafargue"]
    assert chunks[1].set_apart


def test_a_rule_is_still_a_rule() -> None:
    chunks = markdown_chunks("Text.\n\n------------------------------------------------------------------------\n\nMore text.")
    assert [c.kind for c in chunks] == ["paragraph", "rule", "paragraph"]
