"""The HTML reader on snippets of real pages (each test names its page)."""

from __future__ import annotations

import pytest

from conftest import CORPUS
from hemeroteca.readers import read_document
from hemeroteca.readers.html import read_html
from hemeroteca.record import Block, Credit, DateValue, Record


def _read(path: str) -> Record:
    """The record of a corpus page (`path` under ../shared/corpus)."""
    page = CORPUS / path
    record, _, _ = read_document(page, page.read_bytes())
    return record

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


# maresalului.github.io/ba-jin/1930/04/23.htm, shortened: the source line names a website, the first edition a paper's issue.
FIRST_EDITION = """<html lang="pt"><head><meta charset="utf-8"><title>O movimento anarquista no Japão</title></head><body><header>
<h1>O movimento anarquista no Japão: os mártires de Tóquio</h1><a href="../../index.htm"><h2>Ba Jin</h2></a>
<h3>23 de abril de 1930</h3></header><main><aside class="sobre">
<p class="info"><b>Primeira Edição:</b> La Antorcha, n.º 298, 23 de abril de 1930</p>
<p class="info"><b>Fonte:</b> https://www.anarkismo.net/article/30990</p>
<p class="info"><b>Tradução:</b> Rafael V. da Silva</p></aside>
<p>O movimento anarquista no Japão começou no mesmo período que o movimento socialista. Já em 1906, antes que
as ideias socialistas tivessem impacto em nosso país, já era bem ativo o movimento anarquista japonês.</p></main></body></html>"""


def test_the_first_editions_paper_is_the_source_where_the_source_line_names_a_website() -> None:
    record = read_html(FIRST_EDITION)
    assert record.source is not None
    assert (record.source.periodical, record.source.number, record.source.date) == ("La Antorcha", "298", DateValue("23 de abril de 1930", "1930-04-23"))
    assert record.extra_fields["Transcribed from"] == "https://www.anarkismo.net/article/30990"


# maresalului.github.io/tragtenberg/1991/mes/40.htm, shortened: a note's link back to the text, the partner that gave
# the text named by its logo, and the template's unfilled date of inclusion.
PARTNER = """<html lang="pt"><head><meta charset="utf-8"><title>Rosa Luxemburgo e a crítica aos fenômenos burocráticos</title></head>
<body><header><h1>Rosa Luxemburgo e a crítica aos fenômenos burocráticos</h1><a href="../../index.htm"><h2>Maurício Tragtenberg</h2></a>
<h3>1991</h3></header><main>
<p>Embora não seja libertária, Rosa Luxemburgo faz uma defesa séria da liberdade política. O liberal adotava a liberdade política para justificar a desigualdade econômica. Penso que a esquerda deve adotar a liberdade política para caminhar para a igualdade econômica. Essa é uma diferença muito grande entre uma posição de esquerda e uma posição liberal clássica, especialmente aqui neste país de liberais que não liberam jamais. Basta considerar que no Império nossos liberais eram escravocratas e que as grandes leis contra a escravidão vieram de ministros conservadores. Na República, os nossos liberais, que sempre planejaram golpes de estado, chegaram à vitória em 1964. Faz muitos anos o nosso presidente<a href="#tr1" id="r1"><sup>(1)</sup></a> pertencia à ala jovem da antiga União Democrática Nacional, que, além de não ser democrática, pregava o golpe do estado. Era mais americanista do que brasileira.</p>
<hr class="notas">
<p class="note"><a id="tr1"></a>(1) Trata-se de José Sarney. (<a href="#r1">retornar ao texto</a>)</p>
<div class="colab">
<p>Este texto foi uma contribuição da</p>
<a href="https://periodicos.uem.br/ojs/index.php/EspacoAcademico/index" target="_blank">
 <img src="../../../img/colaboradores/espacoacademico.gif" class="colab longa" alt="Revista Espaço Acadêmico" width="960" height="76">
 </a></div></main>
<footer><div class="datas">Inclusão: dd/mm/aaaa</div></footer></body></html>"""


def test_a_notes_link_back_and_the_partners_logo_are_read_and_a_blank_date_is_dropped() -> None:
    record = read_html(PARTNER)
    assert [note.text for note in record.notes] == ["(1) Trata-se de José Sarney."]
    assert record.body[-1] == Block("note", "(1) Trata-se de José Sarney.")
    assert Credit(role="contribution", name="Revista Espaço Acadêmico") in record.credits
    assert "Added" not in record.extra_fields


def test_a_chapter_named_by_the_page_title_under_its_books_header() -> None:
    # mia-reader/_pages/lenin/works/1914/granat/ch03.htm: the book's header, a rule, then the chapter's heading; the
    # footer table's bar between cells is no note.
    record = _read("mia-reader/_pages/lenin/works/1914/granat/ch03.htm")
    assert (record.title, record.subtitle, record.running_head) == ("Marx’s Economic Doctrine", None, "Karl Marx")
    assert record.extra_fields["Heading"] == "A Brief Biographical Sketch With an Exposition of Marxism"
    assert record.body[0].text.startswith("“It is the ultimate aim of this work")
    assert [note.text for note in record.notes] == [
        "[1] The Theory of Marginal Utility—An economic theory that originated in the 1870s to counteract Marx’s theory of"
        " value. According to this theory, the value of commodities are estimated by their usefulness and not the amount"
        " of social labor expended on their production.—Ed.",
        "[2] Quit-rent.—Ed.",
    ]


def test_an_ordered_lists_items_keep_their_letters_and_numbers() -> None:
    # maresalului.github.io/ruhle/1921/06/orientacao.htm (ol type="a" class="parentese") and
    # maresalului.github.io/allende/1970/12/30.htm (an item whose text is in paragraphs), shortened.
    page = """<html lang="pt"><body><h1>T</h1><p>4. As tarefas mais urgentes da A.A.U.-E. são:</p>
<ol type="a" class="parentese">
<li>destruição dos sindicatos e partidos políticos;</li>
<li>união do proletariado revolucionário nas empresas;</li>
</ol>
<ol start="2">
<li>
<p>Estabelecer-se-ão taxas substancias inferiores à máxima, para certas atividades econômicas.</p>
<p>Assim é como se verão favorecidos os pequenos industriais e artesãos.</p>
</li>
</ol></body></html>"""
    assert [block.text for block in read_html(page).body] == [
        "4. As tarefas mais urgentes da A.A.U.-E. são:",
        "a) destruição dos sindicatos e partidos políticos;",
        "b) união do proletariado revolucionário nas empresas;",
        "2. Estabelecer-se-ão taxas substancias inferiores à máxima, para certas atividades econômicas.",
        "Assim é como se verão favorecidos os pequenos industriais e artesãos.",
    ]


def test_the_spanish_sections_layout_cells_hold_text_not_notes() -> None:
    # www.marxists.org/espanol/indice.htm: the page laid out in td.note cells, its title framed by dashes
    record = _read("www.marxists.org/espanol/indice.htm")
    assert record.title == "Biblioteca General"
    assert record.notes == []
    assert any(block.kind == "paragraph" for block in record.body)


def test_the_editors_section_ends_where_its_markup_ends() -> None:
    # maresalului.github.io/tematica/1978/07/29.htm: section.editorial ("Nota do editor"), then the letter itself
    record = _read("maresalului.github.io/tematica/1978/07/29.htm")
    assert [note.kind for note in record.notes][:1] == ["editor"]
    assert record.notes[0].text.startswith("Em resposta à carta chinesa")
    assert not any(note.text.startswith("AO COMITÊ CENTRAL") for note in record.notes)
    assert next(block for block in record.body if block.kind == "paragraph").text.startswith("AO COMITÊ CENTRAL DO PARTIDO COMUNISTA DA CHINA")


# maresalului.github.io/chu-en-lai/1926/12/11.htm, shortened: the editors' section is headed like a list of notes.
EDITION_NOTE = """<html lang="pt"><body><header><h1>O Partido Comunista da China na atual luta política</h1></header>
<main><aside class="sobre">
<p class="info"><b>Primeira edição:</b> <cite>Semanário Popular</cite>, órgão do Comitê Regional de Guangdong e Guangxi do PCCh, n.º 37.</p>
<p class="info"><b>Tradução:</b> <a href="../../../admin/correio.htm" target="_blank">João Victor Bastos Batalha</a>.</p>
</aside>
<section class="editorial"><h4>Nota da edição</h4>
<p>No inverno de 1926, diante das sucessivas vitórias da Expedição ao Norte e do vigoroso avanço dos movimentos de massa
dos operários e camponeses, as forças direitistas do Kuomintang intensificaram suas atividades contrarrevolucionárias.</p>
</section>
<h4 id="i">I</h4>
<p>Diante dessas explicações, ainda se faz necessário expressar nossa posição de forma mais concreta.</p>
<p>Revolucionários, uni-vos!</p></main>
<footer><p class="note"><b>Notas de rodapé:</b></p>
<p class="note" id="n6">(6) Ver: K. Marx e F. Engels, <i>Manifesto do Partido Comunista</i>, Cap. IV. (<a href="#r6">retornar ao texto</a>)</p>
</footer></body></html>"""


def test_a_notes_heading_over_the_editors_section_heads_only_that_section() -> None:
    record = read_html(EDITION_NOTE)
    assert [note.kind for note in record.notes] == ["editor", "footnote"]
    assert [(block.kind, block.text[:25]) for block in record.body if block.kind != "note"] == [
        ("heading", "I"),
        ("paragraph", "Diante dessas explicações"),
        ("paragraph", "Revolucionários, uni-vos!"),
    ]


# maresalului.github.io/thalheimer/1923/01/15.htm, shortened: an epigraph whose source is set right at its foot.
EPIGRAPH = """<html lang="pt"><body><h1>Entre Jena e Leipzig</h1>
<blockquote class="epigrafe">
<p>“A sociedade agora parece ter retrocedido aquém do seu ponto de partida, mas, na verdade, ela precisa ainda criar o
seu ponto de partida revolucionário, isto é, a situação, as circunstâncias e as condições, sob as quais unicamente a
revolução moderna se torna real”.</p>
<p class="direita">(Karl Marx — <cite><a href="../../../marx/1852/brumario/index.htm">O 18 de Brumário de Luis Bonaparte</a></cite>)</p>
</blockquote>
<p>Quis o acaso que os acontecimentos atuais facilitassem extraordinariamente o balanço histórico e prático que o próximo Congresso do Partido deverá fazer.</p></body></html>"""


def test_the_line_at_a_quotations_foot_names_its_author() -> None:
    body = read_html(EPIGRAPH).body
    assert [(block.kind, block.attribution) for block in body] == [("quote", "Karl Marx"), ("paragraph", None)]


def test_an_unknown_source_is_none_and_a_partner_box_with_more_classes_is_credited() -> None:
    # maresalului.github.io/trotsky/1930/05/28.htm ("Fonte: desconhecida.?!") and vasco/1913/02/40.htm (div.colab.inversivel)
    record = _read("maresalului.github.io/trotsky/1930/05/28.htm")
    assert record.source is not None and record.source.periodical == "La Verité"
    assert "Transcribed from" not in record.extra_fields
    record = _read("maresalului.github.io/vasco/1913/02/40.htm")
    assert Credit(role="contribution", name="Última Barricada") in record.credits


def test_the_old_templates_author_index_is_a_persons_page() -> None:
    # maresalului.github.io/chen-po-ta/index.htm: an h1 name and the lifetime in div.data
    record = _read("maresalului.github.io/chen-po-ta/index.htm")
    assert (record.title, record.authors, record.dateline) == ("Chen Boda", [], None)
    assert record.extra_fields["Lifetime"] == "1904-1989"
    assert all(block.text != "1904-1989" for block in record.body)


def test_the_name_linked_to_the_authors_index_is_the_byline() -> None:
    # maresalului.github.io/li-dazhao/1918/11/triunfo.htm: a title that reads like a name over a byline that does not;
    # maresalului.github.io/freville/1936/literatura/01.htm: the collection's editor "(org.)"
    record = _read("maresalului.github.io/li-dazhao/1918/11/triunfo.htm")
    assert record.title == "O Triunfo do Bolchevismo"
    assert [(person.name, person.printed_as) for person in record.authors] == [("Li Dazhao", "Li Dazhao (Li Ta-chao)")]
    record = _read("maresalului.github.io/freville/1936/literatura/01.htm")
    assert ([(person.name, person.role) for person in record.authors], record.subtitle) == ([("Jean Fréville", "editor")], None)


def test_a_meta_author_by_surname_or_two_names_is_catalogued() -> None:
    # mia-reader/_pages/marx/works/1894/early-christianity/index.htm (meta author "Engels") and
    # mia-reader/_pages/marx/works/1848/communist-manifesto/ch01.htm (meta author naming both)
    found = []
    for path in ("marx/works/1894/early-christianity/index.htm", "marx/works/1848/communist-manifesto/ch01.htm"):
        record = _read(f"mia-reader/_pages/{path}")
        found.append([person.name for person in record.authors])
    assert found == [["Frederick Engels"], ["Karl Marx", "Frederick Engels"]]


def test_a_tables_caption_inside_the_text_is_no_source() -> None:
    # mia-reader/_pages/marx/works/1867-c1/ch25.htm: Table D's caption cites the Tenth Report of the Inland Revenue
    record = _read("mia-reader/_pages/marx/works/1867-c1/ch25.htm")
    assert record.source is None and record.published is None
    assert any(block.text.startswith("THE INCOME-TAX ON THE SUBJOINED INCOMES") for block in record.body)


def test_the_gnu_licence_line_is_the_licence() -> None:
    # maresalului.github.io/dutt/ano/mes/luta_paz.htm: <p class="info gnu">
    record = _read("maresalului.github.io/dutt/ano/mes/luta_paz.htm")
    assert record.license == "GNU Free Documentation License (https://www.gnu.org/licenses/fdl-1.3.html)"
    assert not any(key.startswith("Line") for key in record.extra_fields)


def test_an_author_index_keeps_its_biography_and_a_book_index_its_contents() -> None:
    # maresalului.github.io/abramo/index.htm: section.biografia inside the new template's <footer>
    record = _read("maresalului.github.io/abramo/index.htm")
    assert any(block.text.startswith("Foi fundador do Partido dos Trabalhadores em 1981") for block in record.body)
    # maresalului.github.io/cannon/1942/historia/index.htm: twelve p.toc links close the page
    record = _read("maresalului.github.io/cannon/1942/historia/index.htm")
    assert sum(block.text.startswith("Conferência") for block in record.body) == 12


def test_a_heading_of_translators_notes_is_no_note() -> None:
    # maresalului.github.io/lora/1960/01/40.htm: "Notas do tradutor:" over the notes
    record = _read("maresalului.github.io/lora/1960/01/40.htm")
    assert record.notes and not any(note.text.startswith("Notas do tradutor") for note in record.notes)


def test_a_note_of_several_paragraphs_is_one_note() -> None:
    # maresalului.github.io/leibniz/1714/mes/monadologia.htm: note (1) runs over four p.note, only the first numbered
    record = _read("maresalului.github.io/leibniz/1714/mes/monadologia.htm")
    first, second = record.notes[0], record.notes[1]
    assert first.text.startswith("(1) Nota do tradutor") and "As palavras em maiúscula" in first.text
    assert second.text.startswith("(2) De μóυας, unidade.")


@pytest.mark.parametrize(
    ("path", "authors"),
    [
        # a byline linked to the collection its documents are filed in, not to an author's index
        ("tematica/1936/01/31.htm", ["S. N. do Partido Comunista do Brasil (P.C.B.)"]),
        ("tematica/1961/11/17.html", ["Congresso Nacional dos Lavradores e Trabalhadores Agrícolas"]),  # one body, not two
        ("tematica/1975/11/manifesto.htm", []),  # "múltiplos autores"
    ],
)
def test_a_byline_names_a_body_as_author(path: str, authors: list[str]) -> None:
    record = _read(f"maresalului.github.io/{path}")
    assert [person.name for person in record.authors] == authors
    assert record.subtitle is None


def test_a_note_marker_leaves_the_deck() -> None:
    # maresalului.github.io/leibniz/1714/mes/monadologia.htm: <p class="subtitulo">ou A Monadologia<a …><sup>(1)</sup></a>
    record = _read("maresalului.github.io/leibniz/1714/mes/monadologia.htm")
    assert record.subtitle == "ou A Monadologia"


def test_the_first_edition_is_the_source_and_the_translations_source_is_kept() -> None:
    # maresalului.github.io/galeano/2004/04/04.htm: "Primeira edição: Página/12, Buenos Aires, domingo 4 de Abril de
    # 2004." beside the website "Fonte: Teleiós"; maresalului.github.io/bensaid/1997/mes/90.htm: "Fonte para a
    # tradução: danielbensaid.org." and an empty "Inclusão:"
    record = _read("maresalului.github.io/galeano/2004/04/04.htm")
    assert record.source is not None and record.source.periodical == "Página/12"
    assert record.extra_fields["Transcribed from"] == "Teleiós"
    record = _read("maresalului.github.io/bensaid/1997/mes/90.htm")
    assert record.extra_fields["Translated from"].startswith("danielbensaid.org")
    assert "Line 1" not in record.extra_fields


def test_numbered_notes_set_as_information_below_the_text_are_notes() -> None:
    # mia-reader/_pages/marx/works/1848/communist-manifesto/preface.htm: Engels' footnotes in p.information
    record = _read("mia-reader/_pages/marx/works/1848/communist-manifesto/preface.htm")
    assert [note.text[:32] for note in record.notes[:2]] == ["1. “This proposition,” I wrote i", "2. Lassalle personally, to us, a"]
    assert record.source is None or not record.source.raw.startswith("1.")


def test_lettered_notes_set_as_information_below_the_text_are_notes_and_go_on_unlettered() -> None:
    # mia-reader/_pages/marx/works/1871/civil-war-france/intro.htm: "A. The revolution of July 1830 in France." …;
    # mia-reader/_pages/marx/works/1859/critique-pol-economy/preface.htm: "A. As a second footnote to the Communist
    # Manifesto, Engels wrote in 1888:" and the two unlettered p.information paragraphs that go on with it.
    record = _read("mia-reader/_pages/marx/works/1871/civil-war-france/intro.htm")
    assert [note.text[:2] for note in record.notes[:4]] == ["A.", "B.", "C.", "D."]
    assert record.source is None and record.published is None  # not "A. The revolution", July 1830
    record = _read("mia-reader/_pages/marx/works/1859/critique-pol-economy/preface.htm")
    assert len(record.notes) == 1 and record.notes[0].text.startswith("A. As a second footnote")
    assert record.notes[0].text.endswith("tribal, ancient, feudal, and capitalist.")
    assert record.body[-2].kind == "signature" and record.written == DateValue("January 1859", "1859-01")


def test_prose_set_as_information_is_text_and_a_portraits_credit_is_the_images() -> None:
    # mia-reader/_pages/marx/works/1884/origin-family/index.htm: the editors' introduction in p.information;
    # maresalului.github.io/prestes/index.htm: p.fonte.imagem "Bundesarchiv, Bild 183-69234-0003 / Schutt, Erich
    # (CC BY-SA 3.0 Germany), com modificações pelo Arquivo."
    record = _read("mia-reader/_pages/marx/works/1884/origin-family/index.htm")
    texts = [block.text for block in record.body]
    assert any(text.startswith("After Marx’s death, in rummaging through Marx’s manuscripts") for text in texts)
    assert not any(value.startswith("After Marx’s death") for value in record.extra_fields.values())
    record = _read("maresalului.github.io/prestes/index.htm")
    assert record.extra_fields["Image"].startswith("Bundesarchiv, Bild 183-69234-0003")
    assert not any(block.text.startswith("Bundesarchiv") for block in record.body)


def test_no_unlabelled_line_of_the_header_is_dropped() -> None:
    # mia-reader/_pages/marx/works/1865/value-price-profit/introduction.htm: a second line that no field takes
    # ("Weston declared that he would uphold…") had been lost where the first one ("2. Do not the efforts…") was kept.
    record = _read("mia-reader/_pages/marx/works/1865/value-price-profit/introduction.htm")
    kept = [block.text for block in record.body] + list(record.extra_fields.values())
    assert any(text.startswith("Weston declared that he would uphold a negative answer") for text in kept)
    assert any(text.startswith("2. Do not the efforts of the trade unions") for text in kept)


def test_a_label_said_twice_keeps_both_lines() -> None:
    # mia-reader/_pages/marx/works/1847/wage-labour/guide.htm: each of the study guide's sections has its "Terms:"
    record = _read("mia-reader/_pages/marx/works/1847/wage-labour/guide.htm")
    assert record.extra_fields["Terms"] == "Feudal Society, Bourgeois Society, Utopia, Proletariat, Bourgeoisie."
    assert record.extra_fields["Terms 2"] == "Wages, Wage Labour, Labour Power, Commodity, Price, Labour."


def test_a_study_guides_questions_are_its_text() -> None:
    # mia-reader/_pages/marx/works/1845/theses/guide.htm: <p class="information"><span class="term">Questions for
    # discussion:</span><br><span class="date">1. Surely the whole point of materialism …<br>2. …</span></p>
    record = _read("mia-reader/_pages/marx/works/1845/theses/guide.htm")
    assert record.body[0] == Block(
        "paragraph",
        "Questions for discussion:\n1. Surely the whole point of materialism is that the thing exists independently of"
        " consciousness, or practice for that matter? Isn’t this statement by Marx idealist?\n2. How can Marx praise the"
        " idealists for developing the active side? Isn’t it the materialists that are trying to change the world rather"
        " than relying on “ideas”?\n3. What is the significance of “revolutionary”, of “practical-critical”, activity?",
    )
    assert not any(label.startswith("Line") for label in record.extra_fields)
    # Its title is set as three h1s, "Study Guide for" / "Marx’s" / "Theses on Feuerbach"; the section number "1."
    # under them is no deck.
    assert (record.title, record.subtitle) == ("Study Guide for Marx’s Theses on Feuerbach", None)


def test_credit_labels_long_or_without_colon_name_the_translators() -> None:
    # maresalului.github.io/lukacs/1919/06/21.htm: "Tradução, notas e acréscimos(2): Caique de Oliveira Sobreira
    # Cruz(3) e Manassés de Jesus Santos Júnior(4)."; maresalului.github.io/labica/2005/03/04.htm: "Tradução José
    # Paulo Gascão."; labica/2008/01/22.htm: "Tradução JF." names no one a credit can hold, and stays as it is.
    lukacs = _read("maresalului.github.io/lukacs/1919/06/21.htm")
    assert [(c.role, c.name) for c in lukacs.credits if c.role == "translation"] == [
        ("translation", "Caique de Oliveira Sobreira Cruz"), ("translation", "Manassés de Jesus Santos Júnior")
    ]
    labica = _read("maresalului.github.io/labica/2005/03/04.htm")
    assert Credit(role="translation", name="José Paulo Gascão") in labica.credits
    assert "Tradução José Paulo Gascão." not in labica.extra_fields.values()
    assert "Tradução JF." in _read("maresalului.github.io/labica/2008/01/22.htm").extra_fields.values()


def test_a_quotation_inside_a_footnote_is_the_notes() -> None:
    # maresalului.github.io/bensaid/2005/mes/90.htm: <p class="note" id="n3">(3)</p>, then in the <footer> a
    # <blockquote> of Lukács's words and the reference under it; the blockquote had been dropped as furniture.
    record = _read("maresalului.github.io/bensaid/2005/mes/90.htm")
    third = record.notes[2].text
    assert third.startswith("(3) “[Mas em que consiste, em suma, a essência do revisionismo?")
    assert "Em segundo lugar, o revisionista condena por essa razão a dialética." in third
    assert third.endswith("São Paulo: Boitempo, 2012, p. 72-73.")
    assert len(record.notes) == 4


def test_the_labels_over_the_archives_notes_and_the_format_links_are_furniture() -> None:
    # maresalului.github.io/trotsky/1940/02/27.htm: <p class="note"><b>Nota do Arquivo Marxista na Internet:</b></p>;
    # maresalului.github.io/tematica/1972/mes/defesa-povo-pobre.htm: <p class="info formatos"><a …>PDF escaneado</a></p>
    record = _read("maresalului.github.io/trotsky/1940/02/27.htm")
    assert record.notes and not any(note.text.startswith("Nota do Arquivo") for note in record.notes)
    record = _read("maresalului.github.io/tematica/1972/mes/defesa-povo-pobre.htm")
    assert "PDF escaneado" not in record.extra_fields.values()
    assert not any(block.text == "PDF escaneado" for block in record.body)


@pytest.mark.parametrize(
    ("path", "issue", "transcribed_from"),
    [
        # "Primeira edição: Novos Rumos, ano 1, n.º 40." beside "Fonte: TraduAgindo.": an issue, though undated
        ("maresalului.github.io/montenegro/1959/12/03.htm", ("Novos Rumos", "1", "40", None), "TraduAgindo"),
        # "Primeira edição: International Press Correspondence, vol. 3, n.º 28, …" beside "Fonte para a tradução: seção
        # inglesa do Arquivo Marxista na Internet.": an issue's number makes "Press" part of a periodical's name
        ("maresalului.github.io/radek/1923/03/22.htm", ("International Press Correspondence", "3", "28", "1923-03-22"), None),
        # An issue by its day or month: "Primeira edição: <cite>Rabotchii krai</cite>, 7 de dezembro de 1918." beside
        # "Fonte: LavraPalavra."
        ("maresalului.github.io/voronsky/1918/12/07.htm", ("Rabotchii krai", None, None, "1918-12-07"), "LavraPalavra"),
        # "Primeira edição: revista Estudos Sociais, abril de 1962." beside a book, "Fonte: A Questão Agrária, …"
        ("maresalului.github.io/tematica/1961/11/17.html", ("Estudos Sociais", None, None, "1962-04"), "A Questão Agrária, Textos dos Anos Sessenta"),
        # "Primeira edição: jornal «Volontà» de Ancona, 16 agosto 1919": the quoted name, without its city
        ("maresalului.github.io/malatesta/1919/07/30.htm", ("Volontà", None, None, "1919-08-16"), "Última Barricada"),
        # "Primeira edição: Original alemão Die neue historische Gleichzeitigkeit. … Publicado no Jornal "Folha de São
        # Paulo", 25 de janeiro de 2004, …": the sentence that says where it was published
        ("maresalului.github.io/kurz/2004/01/25.htm", ("Folha de São Paulo", None, None, "2004-01-25"), "O Beco Online – Crise e Crítica da Sociedade das Mercadorias"),
    ],
)
def test_the_first_editions_issue_is_the_source_where_the_source_line_names_a_website_or_book(
    path: str, issue: tuple[str, str | None, str | None, str | None], transcribed_from: str | None
) -> None:
    record = _read(path)
    source = record.source
    assert source is not None
    assert (source.periodical, source.volume, source.number, source.date.edtf if source.date else None) == issue
    if transcribed_from is None:
        assert "Translated from" in record.extra_fields
    else:
        assert record.extra_fields["Transcribed from"] == transcribed_from


def test_a_first_edition_with_a_year_alone_or_a_letters_place_is_no_issue() -> None:
    # maresalului.github.io/voloshinov/1930/mes/linguagem.htm: "Primeira edição: Марксизм и философия языка,
    # Leningrado, 1930" is a book; maresalului.github.io/bakunin/1860/11/07.htm: "Irkutsk. 7 de novembro de 1860" and
    # bakunin/1845/03/29.htm: "Carta a seu irmão Pavel (Paris, 29 de março de 1845. …" are a letter's place and date
    for path in ("voloshinov/1930/mes/linguagem.htm", "bakunin/1860/11/07.htm", "bakunin/1845/03/29.htm"):
        record = _read(f"maresalului.github.io/{path}")
        assert "Transcribed from" not in record.extra_fields, path


def test_a_persons_page_cites_no_source_but_keeps_its_biographys() -> None:
    # maresalului.github.io/ingrao/index.htm: <p class="datas">Fonte: Wikipédia </p> under the biography
    record = _read("maresalului.github.io/ingrao/index.htm")
    assert "Lifetime" in record.extra_fields
    assert record.source is None and record.extra_fields["Source"] == "Wikipédia"
    # maresalului.github.io/maximoff/index.htm: unlabelled, <p class="fonte">Wikipédia</p>
    record = _read("maresalului.github.io/maximoff/index.htm")
    assert record.extra_fields["Source"] == "Wikipédia" and "Line 1" not in record.extra_fields


@pytest.mark.parametrize(
    "path",
    [
        # "From James Connolly, **Socialism and Nationalism** (ed. Desmond Ryan), Dublin 1948."
        "mia-reader/_pages/archive/connolly/1913/10/askwith.md",
        # "Source: Ibsen ed. Angel Flores, Critics Group, New York 1937"
        "mia-reader/_pages/archive/plekhanov/1908/xx/ibsen.md",
        # "Source: Marx, Karl. Value, Price and Profit. New York: International Co., Inc, 1969."
        "mia-reader/_pages/marx/works/1865/value-price-profit/introduction.htm",
    ],
)
def test_an_edited_book_or_a_companys_edition_is_no_first_publication(path: str) -> None:
    record = _read(path)
    assert record.source is not None and record.source.date is not None
    assert record.published is None


def test_a_chapters_speaker_is_its_author() -> None:
    # maresalului.github.io/tematica/1974/congresso-pcp/13.htm: the congress's book header (h1, the party's avatar
    # as byline, the date), then in <main> the intervention's h4 and <p class="subtitulo autor">António Gervásio
    # (Membro do Comité Central do P.C.P.)</p>
    record = _read("maresalului.github.io/tematica/1974/congresso-pcp/13.htm")
    assert record.title == "Direcção da Organização Regional do Alentejo e Algarve"
    assert record.running_head == "VII Congresso Extraordinário"
    assert [(person.name, person.printed_as) for person in record.authors] == [
        ("António Gervásio", "António Gervásio (Membro do Comité Central do P.C.P.)")
    ]
    assert record.written == DateValue("20 de Outubro de 1974", "1974-10-20")
    assert record.extra_fields["Heading 2"] == "Partido Comunista Português"


def test_a_first_edition_given_with_doubt_is_dated_uncertain() -> None:
    # maresalului.github.io/trotsky/1940/08/classe.htm: "Primeira edição: possivelmente em Fourth International,
    # vol. 1, n.º 7, dezembro de 1940."
    record = _read("maresalului.github.io/trotsky/1940/08/classe.htm")
    assert record.published == DateValue("dezembro de 1940", "1940-12?")


def test_a_title_that_is_a_date_is_no_dateline() -> None:
    # maresalului.github.io/amin/1992/08/90.htm: <h1>1492</h1> … <h3>Julho/Agosto de 1992</h3>
    record = _read("maresalului.github.io/amin/1992/08/90.htm")
    assert (record.title, record.dateline) == ("1492", "Julho/Agosto de 1992")
    assert record.written is None or record.written.edtf != "1492"


def test_the_editors_starred_notes_are_notes_of_their_own() -> None:
    # mia-reader/_pages/archive/plekhanov/1898/xx/crisis.md: "[1\*.](#fa){#na} *The Young* -- …" under the
    # translator's notes "1.", "2.", "3."; they had run together as one note.
    record = _read("mia-reader/_pages/archive/plekhanov/1898/xx/crisis.md")
    starred = [note.text[:3] for note in record.notes if note.text[:2].rstrip(".").endswith("*")]
    assert starred == ["1*.", "2*.", "3*.", "4*.", "5*.", "6*.", "7*."]


@pytest.mark.parametrize(
    "path",
    [
        "mia-reader/_pages/archive/luxemburg/index.md",  # title "Rosa Luxemburg", in her folder
        "mia-reader/_pages/archive/dunayevskaya/index.md",  # "### Raya Dunayevskaya Archive"
        "mia-reader/_pages/marx/index.htm",  # "Marx Engels Archive", meta author "Karl Marx and Frederick Engels"
    ],
)
def test_a_writers_archive_index_is_about_the_writer_not_by_them(path: str) -> None:
    record = _read(path)
    assert record.authors == []


def test_a_tables_row_of_plain_cells_is_one_line() -> None:
    # maresalului.github.io/giap/index.htm: the works table's rows ("2005 - abr" | title); a row whose date cell
    # is empty (<td>&nbsp;</td>) gives its title alone
    record = _read("maresalului.github.io/giap/index.htm")
    rows = [block.text for block in record.body if " | " in block.text]
    assert rows and all(row[:4].isdigit() for row in rows)
    assert not any(block.text in ("2005 - abr", "1961 - abr") for block in record.body)
    # maresalului.github.io/stalin/index.htm: <tr><th colspan="2">Textos sobre o autor</th></tr> heads its rows
    record = _read("maresalului.github.io/stalin/index.htm")
    assert Block("heading", "Textos sobre o autor") in record.body
    # maresalului.github.io/trotsky/1929/rev_desf/introducao_02.htm: a statistical table in a note keeps its rows
    record = _read("maresalului.github.io/trotsky/1929/rev_desf/introducao_02.htm")
    assert any("Terra não cultivada |" in note.text for note in record.notes)


def test_the_heading_of_the_editors_section_labels_their_note() -> None:
    # maresalului.github.io/rodney/1970/mes/90.htm: <section class="editorial"><h4>Nota do TraduAgindo</h4><p>Em
    # meados da década de 70, …</p>: one note, not the heading as a note of its own
    record = _read("maresalului.github.io/rodney/1970/mes/90.htm")
    assert [note.kind for note in record.notes] == ["editor"]
    assert record.notes[0].text.startswith("Nota do TraduAgindo: Em meados da década de 70")


def test_a_portraits_date_is_no_publication() -> None:
    # maresalului.github.io/kropotkin/index.htm: <p class="fonte imagem">…Retrato por Félix Nadar…</p> and
    # <p class="fonte imagem fundo">…Kropótkin em 1919…, domínio público</p>
    record = _read("maresalului.github.io/kropotkin/index.htm")
    assert record.published is None
    assert (record.extra_fields["Image"], record.extra_fields["Image 2"]) == (
        "Retrato por Félix Nadar, domínio público", "Kropótkin em 1919, domínio público"
    )


@pytest.mark.parametrize(
    ("path", "authors"),
    [
        # <h2>Claudine Haroche, <a href="../../index.htm">Michel Pêcheux</a> e Paul Henry</h2>
        ("maresalului.github.io/pecheux/1971/mes/semantica.htm", ["Claudine Haroche", "Michel Pêcheux", "Paul Henry"]),
        # <h2>Gilbert Muray<a href="#n1" id="r1" name="r1"><sup>(1)</sup></a></h2>
        ("maresalului.github.io/hoxha/1974/10/educacao/muray.htm", ["Gilbert Muray"]),
        # <h2><a href="../../../james/index.htm">C. L. R. James</a>, <a href="../../index.htm">Leon Trotski</a> e outros</h2>
        ("maresalului.github.io/trotsky/1939/04/11.htm", ["C.L.R. James", "Leon Trotsky"]),
    ],
)
def test_the_h2_under_the_title_names_its_authors_with_a_note_marker_or_in_a_list(path: str, authors: list[str]) -> None:
    record = _read(path)
    assert [person.name for person in record.authors] == authors
    assert record.subtitle is None


def test_a_note_number_without_a_space_and_a_separator_between_notes() -> None:
    # mia-reader/_pages/archive/deleon/works/1886/1886-mar.md: "[\[8\]](#n8.){#n8}Martens, R. 2, IV. 103."
    record = _read("mia-reader/_pages/archive/deleon/works/1886/1886-mar.md")
    assert [note.text for note in record.notes if note.text.startswith(("[7]", "[8]"))] == [
        "[7] Martens, R. 2, IV. 101; Castro, III. 41; Koch, II. 490.", "[8]Martens, R. 2, IV. 103."
    ]
    # mia-reader/_pages/archive/plekhanov/1898/xx/crisis.md: "#### \* \* \*" then "### Notes" after the
    # translator's notes: the editors' notes are neither the separator's nor note 3's
    record = _read("mia-reader/_pages/archive/plekhanov/1898/xx/crisis.md")
    assert not any(note.text.startswith("* * *") for note in record.notes)
    assert record.notes[2].text == "3. [All individuals are animate in varions degree.]"


def test_a_periodical_reprinting_a_text_years_later_gives_no_first_publication() -> None:
    # maresalului.github.io/jenny/1841/08/carta.htm: a letter of 10 August 1841, "Fonte: Mouro — Revista Marxista,
    # …, n.º 4, ano 3, janeiro de 2011."
    record = _read("maresalului.github.io/jenny/1841/08/carta.htm")
    assert record.written is not None and record.written.edtf == "1841-08-10"
    assert record.source is not None and record.source.date is not None and record.source.date.edtf == "2011-01"
    assert record.published is None


def test_a_line_set_right_above_the_text_is_no_signature() -> None:
    # maresalului.github.io/jenny/1841/08/carta.htm: <p class="direita">Trier, 10 de agosto de 1841</p> opens the
    # letter; maresalului.github.io/eisenstein/1929/04/40.htm: <p class="direita">GOETHE</p> under the epigraph
    record = _read("maresalului.github.io/jenny/1841/08/carta.htm")
    assert (record.body[0].kind, record.body[0].text) == ("paragraph", "Trier, 10 de agosto de 1841")
    record = _read("maresalului.github.io/eisenstein/1929/04/40.htm")
    epigraph = record.body[0]
    assert (epigraph.kind, epigraph.attribution) == ("quote", "GOETHE")
    assert not any(block.kind == "signature" and block.text == "GOETHE" for block in record.body)


def test_an_epigraph_in_italics_is_a_quotation_not_the_editors_note() -> None:
    # maresalului.github.io/brendel/1999/mes/40.htm: <blockquote><p>“<i>Suponhamos que a direção central …</i>”</p>
    record = _read("maresalului.github.io/brendel/1999/mes/40.htm")
    assert record.body[0].kind == "quote" and record.body[0].text.startswith("“Suponhamos que a direção central")
    assert not any(note.text.startswith("“Suponhamos") for note in record.notes)


def test_a_first_edition_that_tells_of_a_speech_dates_no_publication() -> None:
    # maresalului.github.io/deutscher/1966/09/90.htm: "Primeira edição: Palestra proferida na segunda Conferência dos
    # Acadêmicos Socialistas, realizada em Nova York em Setembro de 1966."
    record = _read("maresalului.github.io/deutscher/1966/09/90.htm")
    assert record.published is None
    assert record.written is not None and record.written.edtf == "1966-09"


def test_a_note_marker_before_a_titles_closing_bracket_goes() -> None:
    # maresalului.github.io/mao/1917/04/41.htm: <h1>Carta para Hakuro Toten (Miazaki Toten<a …><sup>(1)</sup></a>)</h1>
    record = _read("maresalului.github.io/mao/1917/04/41.htm")
    assert record.title == "Carta para Hakuro Toten (Miazaki Toten)"


def test_a_label_over_a_set_of_notes_is_no_note() -> None:
    # maresalului.github.io/mandel/1990/mes/90.htm: <p class="note"><b>Bibliografia:</b></p> over the entries
    record = _read("maresalului.github.io/mandel/1990/mes/90.htm")
    assert record.notes and not any(note.text.startswith("Bibliografia") for note in record.notes)


def test_a_sign_off_set_apart_at_the_end_is_the_signature() -> None:
    # mia-reader/_pages/archive/connolly/1903/01/woodquay.md: the grid table's "Yours in the name of labour,\" /
    # "JAMES CONNOLLY."; mia-reader/_pages/archive/lafargue/1904/11/interview.md: "Yours fraternally\" / "Paul Lafargue"
    assert _read("mia-reader/_pages/archive/connolly/1903/01/woodquay.md").body[-1] == Block(
        "signature", "Yours in the name of labour,\nJAMES CONNOLLY."
    )
    assert _read("mia-reader/_pages/archive/lafargue/1904/11/interview.md").body[-1] == Block(
        "signature", "Yours fraternally\nPaul Lafargue"
    )


def test_line_breaks_inside_a_block_are_kept() -> None:
    # maresalului.github.io/neto/ano/mes/confia.htm: Agostinho Neto's poem, each stanza a <p> of lines parted by <br>
    poem = _read("maresalului.github.io/neto/ano/mes/confia.htm")
    assert Block("paragraph", "O oceano separou-se de mim\nenquanto me fui esquecendo nos séculos\ne eis-me presente\n"
                 "reunindo em mim o espaço\ncondensando o tempo.") in poem.body
    # mia-reader/_pages/marx/works/1847/wage-labour/intro.htm: <p class="sig">FREDERICK ENGELS <br> London, April 30, 1891.</p>
    introduction = _read("mia-reader/_pages/marx/works/1847/wage-labour/intro.htm")
    assert [block for block in introduction.body if block.kind == "signature"] == [
        Block("signature", "FREDERICK ENGELS\nLondon, April 30, 1891.")
    ]
    assert introduction.dateline == "London, April 30, 1891.", "the signature's name is no part of the dateline"
