"""The HTML reader on snippets of real pages (each test names its page)."""

from __future__ import annotations

from hemeroteca.readers.html import read_html

# mia-reader/_pages/marx/works/1845/theses/feuerbach.htm, shortened: the old border-blue template wraps the
# whole page in <blockquote> for its margins.
STUB = """<html><head><title>MECW - The requested resource is no longer available</title></head><body><blockquote>
<p class="title">Marxists Internet Archive: <a href="letters/410.htm">MECW File No Longer Available</a></p>
<div class="border"><h1>Marx-Engels Archive</h1><h3>&#8220;File No Longer Available!&#8221;</h3><hr class="end" />
<p class="fst">The file you have tried to access originated from the Marx Engels Collected Works. English translations
of Marx and Engels from other sources will continue to be available.</p></div></blockquote></body></html>"""


def test_a_blockquote_holding_the_page_is_layout_and_an_archives_name_is_no_title() -> None:
    record = read_html(STUB)
    assert record.title == "“File No Longer Available!”"
    assert record.subtitle is None
    assert record.running_head == "Marxists Internet Archive: MECW File No Longer Available"
    assert [b.kind for b in record.body] == ["paragraph"]


def test_a_blockquote_of_paragraphs_is_a_quotation() -> None:
    page = "<html><body><h1>T</h1><p>" + "Lead-in text of the author. " * 10 + "</p><blockquote><p>Quoted words.</p></blockquote></body></html>"
    assert [b.kind for b in read_html(page).body] == ["paragraph", "quote"]
