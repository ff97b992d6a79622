"""Layout decisions on chunks as the readers make them from real pages (each test names its page)."""

from __future__ import annotations

import pytest

from hemeroteca.fields.persons import looks_like_person_name
from hemeroteca.readers.blocks import Chunk
from hemeroteca.readers.layout import assemble


@pytest.mark.parametrize(
    ("text", "is_name"),
    [
        ("Leon Trotsky", True),
        ("José Inácio de Abreu e Lima", True),  # maresalului.github.io/lima-abreu/index.htm: particles aside, four names
        ("Bureau de Edições da Internacional Comunista", False),  # maresalului…/tematica/1937/mes/proc_moscou.htm: a body
        ("Victims of Stalinist Repression and Terror", False),
        ("Obras disponíveis", False),
        ("1908-1993", False),
        ("Marx Engels Selected Works", False),  # mia-reader/_pages/marx/works/sw/index.htm: a work's name
        ("Raya Dunayevskaya Archive", False),  # mia-reader/_pages/archive/dunayevskaya/index.md: an archive's
    ],
)
def test_a_name_is_a_few_capitalised_words(text: str, is_name: bool) -> None:
    assert looks_like_person_name(text) is is_name


def _heading(text: str, level: int) -> Chunk:
    return Chunk("heading", [text], level=level)


def test_an_authors_index_page_has_its_person_as_subject_not_author() -> None:
    # maresalului.github.io/abramo/index.htm: h1 name, h2 lifetime, the works table, the archive's dates.
    chunks = [
        _heading("Fúlvio Abramo", 1),
        _heading("1908-1993", 2),
        Chunk("paragraph", ["1984 - out"]),
        Chunk("paragraph", ["Entrevista a José Arbex Júnior"]),
        Chunk("paragraph", ["Abriu o arquivo: 24/04/2009"], role="updated"),
        Chunk("paragraph", ["Última atualização: 21/01/2025"], role="updated"),
    ]
    record = assemble(chunks, author_hints=("Fúlvio Abramo",))
    assert (record.title, record.subtitle, record.authors, record.dateline) == ("Fúlvio Abramo", None, [], None)
    assert record.extra_fields["Lifetime"] == "1908-1993"
    assert record.extra_fields["Abriu o arquivo"] == "24/04/2009"
    assert record.last_updated is not None and record.last_updated.edtf == "2025-01-21"
    assert [b.text for b in record.body] == ["1984 - out", "Entrevista a José Arbex Júnior"]


def test_one_index_for_two_people() -> None:
    # maresalului.github.io/marx/index.htm
    chunks = [
        _heading("Karl Marx", 1), _heading("1818–1883", 2), _heading("Friedrich Engels", 1), _heading("1820–1895", 2),
        Chunk("paragraph", ["Obras principais"]),
    ]
    record = assemble(chunks, author_hints=("Karl Marx",))
    assert record.authors == []
    assert [b.text for b in record.body] == ["Obras principais"]


def test_a_dated_letter_keeps_its_author() -> None:
    # A name over a date that is no lifetime: an article's header, not a person's page.
    chunks = [
        _heading("Patrice Lumumba", 2),
        _heading("DISCURSO EN CEREMONIA DE PROCLAMACION DE LA INDEPENDENCIA DEL CONGO", 1),
        _heading("Junio 30, 1960", 4),
        Chunk("paragraph", ["Hombres y mujeres del Congo, " * 10]),
    ]
    record = assemble(chunks)
    assert [p.name for p in record.authors] == ["Patrice Lumumba"]
    assert record.written is not None and record.written.edtf == "1960-06-30"


def test_a_books_year_is_on_its_publisher_line_and_an_empty_abstract_is_no_deck() -> None:
    # mia-reader/_pages/marx/works/1890/letters/90_09_21.htm, without its "First Published: by Der sozialistische
    # Akademiker, Berlin, October 1, 1895;" (a dated issue, which the page's source is: test_handchecked)
    chunks = [
        Chunk("paragraph", ["Marx-Engels Correspondence 1890"], role="running_head"),
        _heading("Engels to J. Bloch In Königsberg", 3),
        _heading("Abstract", 4),
        Chunk("rule", []),
        Chunk(
            "paragraph",
            [
                "Source: Historical Materialism (Marx, Engels, Lenin), p. 294 - 296;",
                "Publisher: Progress Publishers, 1972;",
            ],
            role="information",
        ),
        Chunk("rule", []),
        _heading("London, September 21, 1890", 4),
        Chunk("paragraph", ["According to the materialist conception of history, the ultimately determining element " * 4]),
    ]
    record = assemble(chunks)
    assert (record.title, record.subtitle) == ("Engels to J. Bloch In Königsberg", None)
    assert record.source is not None and record.source.date is not None and record.source.date.edtf == "1972"
    assert record.extra_fields["Publisher"] == "Progress Publishers, 1972"
    assert "Abstract" not in [b.text for b in record.body]


def test_an_author_line_may_name_two_people() -> None:
    # maresalului.github.io/magdoff/1984/mes/40.htm: the h2 under the title.
    chunks = [
        _heading("O Capitalismo e a Crise", 1),
        _heading("Harry Magdoff e Paul M. Sweezy", 2),
        Chunk("paragraph", ["Texto " * 80]),
    ]
    assert [p.name for p in assemble(chunks).authors] == ["Harry Magdoff", "Paul M. Sweezy"]


def test_a_letter_closing_with_its_date_and_place_is_dated_by_it() -> None:
    # mia-reader/_pages/archive/trotsky/1924/ffyci-1/ch17.md
    chunks = [
        _heading("On l'Humanité, the Central Organ of the French Party", 1),
        Chunk("paragraph", ["DEAR COMRADE, in accordance with your expressed desire " * 5]),
        Chunk("paragraph", ["With comradely greetings."]),
        Chunk("paragraph", ["July 23, 1921. Moscow."]),
    ]
    record = assemble(chunks)
    assert record.written is not None and record.written.edtf == "1921-07-23"
    assert record.body[-1].text == "July 23, 1921. Moscow."


def test_a_closing_stamp_in_figures_is_no_date_of_writing() -> None:
    # maresalului.github.io/feuerbach/1842/mes/necessidade.htm: the archive's inclusion date ends the page.
    chunks = [_heading("A necessidade de uma reforma da filosofia", 1), Chunk("paragraph", ["Texto " * 80]), Chunk("paragraph", ["27/05/2014"])]
    assert assemble(chunks).written is None


def test_an_epigraph_set_as_a_heading_is_a_quotation() -> None:
    # mia-reader/_pages/lenin/works/1895/misc/engels-bio.htm: h4 with a <br> between two lines of verse.
    chunks = [
        _heading("Frederick Engels", 1),
        Chunk("paragraph", ["Written: Written in autumn 1895"], role="information"),
        Chunk("heading", ["What a torch of reason ceased to burn,", "What a heart has ceased to beat!"], level=4),
        Chunk("paragraph", ["On August 5 (new style), 1895, Frederick Engels died in London. " * 4]),
    ]
    assert [b.kind for b in assemble(chunks).body] == ["quote", "paragraph"]


def test_a_heading_that_goes_on_with_the_title_is_part_of_it_and_unheaded_numbered_notes_are_notes() -> None:
    # mia-reader/_pages/marx/works/1864/10/27.htm: h1, h3 "of the …"; a rule, then the one note, numbered.
    chunks = [
        _heading("Inaugural Address", 1),
        _heading("of the International Working Men’s Association", 3),
        Chunk("paragraph", ["Written: October 21-27, 1864"], role="information"),
        Chunk("paragraph", ["It is a great fact that the misery of the working masses has not diminished " * 3]),
        Chunk("paragraph", ["Proletarians of all countries, unite!"]),
        Chunk("rule", []),
        Chunk("paragraph", ["1. We need hardly remind the reader that, apart from the elements of water … — K.M."]),
    ]
    record = assemble(chunks)
    assert (record.title, record.subtitle) == ("Inaugural Address of the International Working Men’s Association", None)
    assert [b.kind for b in record.body] == ["paragraph", "paragraph", "note"]
    assert [n.text[:6] for n in record.notes] == ["1. We "]


def _set_apart(text: str) -> Chunk:
    return Chunk("paragraph", [text], measure=lambda: (0.0, True))


def test_an_introduction_in_small_type_parted_from_the_text_is_the_editors() -> None:
    # mia-reader/_pages/archive/connolly/1907/12/nynotes.html: two paragraphs in <small>, the blog's name, an h4 "*".
    intro = "Notes from New York is one of a series of reports by James Connolly written for The Industrial Union Bulletin."
    chunks = [
        _heading("Notes from New York", 1),
        Chunk("paragraph", ["First published in The Industrial Union Bulletin, Vol. 1 No. 41, 7 December 1907."], role="information"),
        _set_apart(intro),
        _set_apart("Apostles of Freedom blog"),
        _heading("*", 4),
        Chunk("paragraph", ["As it is some little time since New York contributed anything to these columns " * 3]),
    ]
    record = assemble(chunks)
    assert [(n.kind, n.text) for n in record.notes] == [("editor", intro), ("editor", "Apostles of Freedom blog")]


def test_a_short_line_in_italics_after_the_editors_note_is_the_authors_when_nothing_parts_them() -> None:
    # maresalului.github.io/tematica/1928/09/01.htm: the appeal's own salutation, in italics.
    chunks = [
        _heading("Apelo", 1),
        Chunk("paragraph", ["Fonte: Correspondance Internationale, 1928."], role="information"),
        _set_apart("Nota do editor: este apelo foi publicado pela Internacional Comunista no seu sexto congresso mundial."),
        _set_apart("A todos os operários e camponeses!"),
        Chunk("paragraph", ["Companheiros! Irmãos! " * 10]),
    ]
    assert [b.kind for b in assemble(chunks).body] == ["note", "paragraph", "paragraph"]


def test_a_source_line_opening_with_the_title_and_what_the_piece_is() -> None:
    # mia-reader/_pages/archive/lafargue/1906/04/letter-justice.md
    chunks = [
        _heading("Britain coming into line", 1),
        Chunk("paragraph", ["Britain coming into line -- letter to Quelch, Justice, 28th April 1906, p.5."], lead_emphasis="Britain coming into line -- letter to Quelch"),
        Chunk("rule", []),
        Chunk("paragraph", ["Dear Comrade Quelch, -- This First of May the Socialists of the two worlds unite " * 3]),
    ]
    source = assemble(chunks).source
    assert source is not None and (source.periodical, source.pages) == ("Justice", "p. 5")


def test_a_separator_is_no_deck_and_a_note_marker_leaves_the_dateline_a_date() -> None:
    # mia-reader/_pages/marx/iwma/index.htm ("* * *" set as h3); mia-reader/_pages/archive/connolly/1898/08/letter.md
    chunks = [
        _heading("Letter to the Editor", 1),
        _heading("(1898) [1]", 3),
        _heading("* * *", 3),
        Chunk("paragraph", ["Sir, in your issue of last week " * 8]),
    ]
    record = assemble(chunks)
    assert (record.subtitle, record.dateline) == (None, "1898")


def test_every_heading_after_the_dateline_opens_the_text() -> None:
    # maresalului.github.io/bogdanov/1897/curso/01.htm: title, author, date, then the chapter's sections.
    chunks = [
        _heading("Capítulo I - Comunismo Tribal Primitivo", 1),
        _heading("A. Bogdanoff", 2),
        _heading("1897", 3),
        _heading("I - As relações primitivas do homem para com a Natureza", 5),
        _heading("II - A organização do trabalho", 5),
        Chunk("paragraph", ["Na luta contra a Natureza, o homem primitivo estava pessimamente armado " * 3]),
    ]
    record = assemble(chunks)
    assert record.subtitle is None
    assert [b.kind for b in record.body] == ["heading", "heading", "paragraph"]


def test_a_quotations_closing_citation_names_whom_the_catalogue_knows() -> None:
    # maresalului.github.io/sachetta/1946/mes/trotskysmo.htm (shortened, its lead-in left out) and a quotation of
    # maresalului.github.io/bukharin/1921/teoria/cap07.htm
    chunks = [
        _heading("O Trotskismo", 1),
        Chunk("paragraph", [
            "Permita-me a assistência que eu recorra ainda a mais algumas citações do fundador do primeiro estado soviético,"
            " pois delas ressaltará com toda evidencia o sentido internacionalista que Lênin dava à revolução russa em"
            " contraposição as concepções de socialismo nacional que lhe foi imprimida por aquele"
        ]),
        Chunk("quote", ["A situação presente é apenas de adiamento de guerra. (Lênin, Obras Completas, vol. XVII)."]),
        Chunk("quote", ['"… o medo que se experimenta diante de sua majestade sobre a nossa terra é semelhante aquele que inspira o deus Min" (Ibidem, p. 272).']),
    ]
    assert [block.attribution for block in assemble(chunks).body] == [None, "Vladimir Ilyich Lenin", None]


def test_a_long_paragraph_of_text_opening_like_a_source_line_stays_text() -> None:
    # mia-reader/_pages/archive/deleon/works/1905/050710.md
    chunks = [
        _heading("The Preamble of the Industrial Workers of the World", 1),
        Chunk("paragraph", [
            "You see the point. He who tells us that our wages have gone up without stating how the cost of living is"
            " conducting itself\" such a man is attempting a fraud upon us. That, once more, is the case with the witness whom"
            " I have nailed on this board. On that subject also he is silent as the tomb. His silence, however, need not leave"
            " me in the lurch. I don't need him. I shall, with your consent, turn you into living statistical columns."
        ]),
        Chunk("paragraph", [
            "I shall take a third poll. Let all those raise their right hands whose experience it is that the cost of living"
            " has gone up and gone up perceptibly. Will the chairman count?"
        ]),
        Chunk("paragraph", [
            "From the Atlantic, across and beyond the Mississippi, that is the identical response I have everywhere received"
            " from the audiences that faced me. Beginning with rent, the necessaries of life have everywhere gone up. There goes"
            " a big chunk\" the bulk, probably even more\" of that wondrous $62 increase in wages since 1876!"
        ]),
    ]
    record = assemble(chunks)
    assert record.source is None and record.published is None
    assert record.body[-1].text.startswith("From the Atlantic")


# mia-reader/_pages/marx/works/1847/wage-labour/ch08.htm, its first paragraph
WAGE_LABOUR_CH08 = (
    'We thus see that, even if we keep ourselves within the relation of capital and wage-labour, the interests of capitals and the interests of wage-labour are diametrically opposed to each other.'
)


@pytest.mark.parametrize(
    ("lines", "running_head"),
    [
        (["Karl Marx", "Wage Labour and Capital"], "Wage Labour and Capital"),  # mia-reader/_pages/marx/works/1847/wage-labour/ch08.htm
        (["Karl Marx. Capital Volume One"], "Capital Volume One"),  # mia-reader/_pages/marx/works/1867-c1/ch25.htm
        (["Engels 1894: The Peasant Question in France and Germany"], "The Peasant Question in France and Germany"),  # …/1894/peasant-question/ch02.htm
        (["The New International, February 1936"], "The New International, February 1936"),  # seeds/ni-victims-1936.txt
    ],
)
def test_the_running_head_is_the_books_without_its_author(lines: list[str], running_head: str) -> None:
    chunks = [
        Chunk("paragraph", lines, role="running_head"),
        _heading("The Interests of Capital and Wage-Labour are diametrically opposed", 3),
        Chunk("paragraph", [WAGE_LABOUR_CH08]),
    ]
    assert assemble(chunks).running_head == running_head


def test_a_first_publication_without_a_date_is_kept_as_said_not_as_a_date() -> None:
    # mia-reader/_pages/marx/works/1894/letters/94_01_25.htm: "First Published: Gestamtausgabe", the letter's first words
    chunks = [
        _heading("Engels to Borgius", 1),
        Chunk("paragraph", ["First Published: Gestamtausgabe"], role="information"),
        Chunk("paragraph", [
            "(1) What we understand by the economic conditions, which we regard as the determining basis of the history of"
            " society, are the methods by which human beings in a given society produce their means of subsistence and"
            " exchange the products among themselves (in so far as division of labour exists)."
        ]),
    ]
    record = assemble(chunks)
    assert (record.published, record.extra_fields["First published"]) == (None, "Gestamtausgabe")


def test_a_breadcrumb_that_is_the_only_title_gives_its_last_step() -> None:
    # mia-reader/_pages/archive/luxemburg/index.md: the page's only naming line
    chunks = [Chunk("paragraph", ["MIA: Marxist Writers: Rosa Luxemburg"]), Chunk("rule", [])]
    assert assemble(chunks).title == "Rosa Luxemburg"


def test_an_undated_first_edition_gives_no_date_and_its_issue_is_the_source() -> None:
    # maresalului.github.io/bensaid/1990/mes/90.htm: "Primeira edição: Rouge nº 1418." (the issue number is no year)
    chunks = [
        _heading("O último combate de Trótski", 1),
        Chunk("paragraph", ["Primeira edição: Rouge nº 1418."], role="information"),
        Chunk("paragraph", ["Fonte: Marxismo Revolucionário Internacional."], role="information"),
        Chunk("paragraph", ['O mundo se transforma. O antigo bloco Stálinista já não é nada além de um campo em ruínas. Se esvaem as ilusões. Porém o que realmente espreita o movimento operário é a debandada da memória.']),
    ]
    record = assemble(chunks)
    assert record.published is None
    assert record.source is not None and (record.source.periodical, record.source.number, record.source.date) == ("Rouge", "1418", None)
    assert record.extra_fields["Transcribed from"] == "Marxismo Revolucionário Internacional"
