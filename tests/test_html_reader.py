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


# maresalului.github.io/trotsky/1938/programa/cap01.htm, shortened: a book's chapter in the Portuguese template.
CHAPTER = """<html lang="pt-br"><head><title>As premissas objetivas da revolução socialista [Programa de Transição]</title>
</head><body class="capitulo"><nav><a class="anterior" href="index.htm">Índice</a></nav><header>
<h1>Programa de Transição da IV Internacional</h1>
<p class="subtitulo">A agonia do capitalismo e as tarefas da IV Internacional</p>
<a href="../../index.htm"><img src="../../img/avatar.webp" alt=""><h2>Leon Trotsky</h2></a><h3>1938</h3></header>
<main><h4>As premissas objetivas da revolução socialista</h4><h5>1. A crise</h5>
<p>A situação política mundial, no seu conjunto, caracteriza-se, antes de mais nada, pela crise histórica da direção do
proletariado, cujas condições objetivas para a revolução socialista já estão maduras e até começam a apodrecer.</p>
</main></body></html>"""


def test_a_chapter_has_its_heading_as_title_and_its_books_author_and_date() -> None:
    record = read_html(CHAPTER)
    assert record.title == "As premissas objetivas da revolução socialista"
    assert record.running_head == "Programa de Transição da IV Internacional"
    assert record.extra_fields["Heading"] == "A agonia do capitalismo e as tarefas da IV Internacional"
    assert [p.name for p in record.authors] == ["Leon Trotsky"]
    assert record.written is not None and record.written.edtf == "1938"
    assert record.subtitle is None  # the first section's heading opens the text
    assert [(b.kind, b.text) for b in record.body][:1] == [("heading", "1. A crise")]
