"""Pure pieces of the web layer: permalinks and the rendering of text and notes."""

from __future__ import annotations

from hemeroteca.record import Block, Note
from hemeroteca.store.browse import Entry, IssueSummary, page_order
from hemeroteca.web import permalinks
from hemeroteca.web.render import note_label, render_body


def issue(id_: int, date: str, volume: str = "3", number: str = "1") -> IssueSummary:
    return IssueSummary(id_, "ni", volume, volume, number, date, date, 1)


def entry(id_: str, title: str | None) -> Entry:
    return Entry(id_, title, None, None, None, None, None, None, "2026-01-01T00:00:00Z")


def test_issue_keys_are_dates_then_volume_and_number_where_needed() -> None:
    alone = issue(1, "1936-02-15")
    assert permalinks.issue_key(alone, [alone]) == "1936/02/15"
    first, second = issue(1, "1936-02", number="1"), issue(2, "1936-02", number="2")
    assert permalinks.issue_key(first, [first, second]) == "1936/02/vol-3-no-1"
    undated = issue(3, "", number="7")
    assert permalinks.issue_key(undated, [undated]) == "undated/vol-3-no-7"
    uncertain = issue(4, "1936-02?")  # EDTF uncertainty: the address keeps the date's digits
    assert permalinks.issue_key(uncertain, [uncertain]) == "1936/02"


def test_addresses_parse_back() -> None:
    address = permalinks.parse_issue_address("1936/02/15/trotsky-cables-denial")
    assert address == permalinks.IssueAddress(["1936", "02", "15"], None, "trotsky-cables-denial")
    assert permalinks.parse_issue_address("1936/02/vol-3-no-1") == permalinks.IssueAddress(["1936", "02"], "vol-3-no-1", None)
    assert permalinks.parse_issue_address("undated/vol-3-no-7/x") == permalinks.IssueAddress([], "vol-3-no-7", "x")
    assert permalinks.parse_issue_address("not-a-date") is None
    assert permalinks.parse_issue_address("1936/02/15/a/b") is None


def test_article_slugs_are_unique_within_an_issue() -> None:
    slugs = permalinks.article_slugs([entry("a", "Victims of Terror"), entry("b", "Victims of Terror"), entry("c", None), entry("d", "1917")])
    assert slugs == {"a": "victims-of-terror", "b": "victims-of-terror-2", "c": "untitled", "d": "title-1917"}
    long_title = "The Struggle Against Fascism in Germany and the Tasks of the International Left Opposition Today"
    assert len(permalinks.title_slug(long_title)) <= permalinks.SLUG_LENGTH
    assert not permalinks.title_slug(long_title).endswith("-")


def test_page_order_puts_covers_around_numbered_pages() -> None:
    pages = ["p. 12", "Inside front cover", "pp. 3–4", None, "Back cover", "p. 1", "Inside back cover"]
    assert sorted(pages, key=page_order) == ["Inside front cover", "p. 1", "pp. 3–4", "p. 12", "Inside back cover", "Back cover", None]


def test_note_labels_as_pages_write_them() -> None:
    # From the constructed Fourth International page (tests/fixtures/etol/newspape/fi/vol06/no03/trotsky.htm).
    assert note_label(Note("footnote", "1. Dr. Anton Ciliga, former leader of the Jugoslav Communist party", "n1")) == "1"
    assert note_label(Note("endnote", "[a.] Zinoviev and Kamenev were tried again in August 1936 and shot. – Ed.")) == "a"
    assert note_label(Note("endnote", "[*] The rank of Marshal of the Soviet Union was introduced in September 1935.")) == "*"
    assert note_label(Note("editor", "On January 28 Leon Trotsky sent the following cable")) is None


def test_markers_and_notes_link_both_ways_and_text_is_escaped() -> None:
    blocks, notes = render_body(
        [Block("paragraph", "related by Ciliga[1], Tarov <b>and</b> others[*]"), Block("paragraph", "again Ciliga[1]")],
        [Note("footnote", "1. Dr. Anton Ciliga", "n1"), Note("endnote", "[*] The rank of Marshal"), Note("endnote", "2. unused")],
    )
    assert str(blocks[0].html) == (
        'related by Ciliga<sup class="noteref" id="ref-1"><a href="#note-1">[1]</a></sup>, Tarov &lt;b&gt;and&lt;/b&gt; others'
        '<sup class="noteref" id="ref-2"><a href="#note-2">[*]</a></sup>'
    )
    assert 'id="ref-1"' not in str(blocks[1].html), "only the first marker is the note's way back"
    assert [note.referenced for note in notes] == [True, True, False]
    assert 'href="#ref-1"' in str(notes[0].html) and "href" not in str(notes[2].html)


def test_portuguese_markers_glued_to_the_word_link_to_their_notes() -> None:
    # maresalului.github.io/abramo/1990/contracorrente/03: "…stewards(1)" and a note "(1) Em seu VI Congresso…".
    blocks, notes = render_body(
        [Block("paragraph", "a Internacional Comunista(1) dividiu os países em (1) coloniais e (2) dependentes(2).")],
        [Note("footnote", "(1) Em seu VI Congresso, quando a facção de Stalin se torna direção", "tr1"),
         Note("footnote", "(2) No Programa aprovado no VI Congresso", "tr2")],
    )
    html = str(blocks[0].html)
    assert 'Comunista<sup class="noteref" id="ref-1"><a href="#note-1">(1)</a></sup> dividiu' in html
    assert "em (1) coloniais e (2) dependentes" in html, "an enumeration after a space is not a marker"
    assert 'dependentes<sup class="noteref" id="ref-2"><a href="#note-2">(2)</a></sup>.' in html
    assert [note.label for note in notes] == ["1", "2"] and all(note.referenced for note in notes)


def test_a_blocks_line_breaks_are_rendered_as_breaks() -> None:
    # a stanza of maresalului.github.io/neto/ano/mes/confia.htm
    blocks, _ = render_body([Block("paragraph", "O oceano separou-se de mim\nenquanto me fui esquecendo nos séculos")], [])
    assert str(blocks[0].html) == "O oceano separou-se de mim<br>enquanto me fui esquecendo nos séculos"
