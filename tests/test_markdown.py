"""The Markdown reader on snippets of pandoc's copies of MIA pages (each test names its file)."""

from __future__ import annotations

from conftest import CORPUS
from hemeroteca.readers.markdown import markdown_chunks, read_markdown
from hemeroteca.record import Block, DateValue


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


def test_the_author_and_year_line_over_the_title_is_the_running_head() -> None:
    # mia-reader/_pages/archive/plekhanov/1898/conrad-schmidt.md: MIA's p.title, which pandoc left a bare line
    text = (
        "Plekhanov 1898\n\n### Conrad Schmidt Versus Karl Marx and Frederick Engels\n\n" + "-" * 72 + "\n\n"
        "[Source]{.info}: Georgi Plekhanov, *Selected Philosophical Works*,\nVolume 2 (Progress Publishers, Moscow, 1976), pp 379-97. "
        "Scanned and\nprepared for the Marxist Internet Archive by Paul Flewers.\n\n" + "-" * 72 + "\n\n"
        "The reader is aware that Eduard Bernstein is returning to Kant '*bis zu\neinem gewissen Grad*', and that this return has, "
        "'up to a certain\npoint', been due to the influence of Conrad Schmidt.\n"
    )
    record = read_markdown(text)
    assert (record.title, record.subtitle, record.running_head) == ("Conrad Schmidt Versus Karl Marx and Frederick Engels", None, "Plekhanov 1898")
    assert record.written == DateValue("1898", "1898")  # the year MIA files the work under
    assert [(a.name, a.printed_as) for a in record.authors] == [("Georg Plekhanov", "Plekhanov")]
    # The citation opens with the author: the book comes after the name.
    assert record.source is not None
    assert (record.source.periodical, record.source.volume, record.source.pages) == ("Selected Philosophical Works", "2", "pp. 379–97")
    assert record.source.raw.startswith("Georgi Plekhanov, Selected Philosophical Works")


def test_a_book_title_author_and_year_line_over_an_h1_is_the_running_head() -> None:
    # mia-reader/_pages/archive/lukacs/works/history/ch02.md
    text = (
        "History and Class Consciousness Georg Lukács 1923\n\n# The Marxism of Rosa Luxemburg\n\n"
        "IT is not the primacy of economic motives in historical explanation that\nconstitutes the decisive difference between "
        "Marxism and bourgeois\nthought, but the point of view of totality.\n"
    )
    record = read_markdown(text)
    assert (record.title, record.running_head) == ("The Marxism of Rosa Luxemburg", "History and Class Consciousness Georg Lukács 1923")
    assert record.body[0].text.startswith("IT is not the primacy")


def test_a_citation_opening_with_the_author_and_a_gloss_names_the_periodical_after_the_title() -> None:
    # mia-reader/_pages/archive/lafargue/1897/09/socialism-france.md
    text = (
        "Paul Lafargue September 1897\n\n### Socialism in France 1874-1896\n\n" + "-" * 72 + "\n\n"
        "[Source]{.info}: Paul Lafargue, (trans. Aveling) \"Socialism in France\n1874-1896,\" *Nineteenth Century*, Sept 1897, pp. 445-458\n\n"
        + "-" * 72 + "\n\nIn France, as in Germany, Socialism is the new force that is entering the political arena.\n"
    )
    record = read_markdown(text)
    assert record.title == "Socialism in France 1874-1896"
    assert record.source is not None
    assert (record.source.periodical, record.source.date and record.source.date.edtf, record.source.pages) == ("Nineteenth Century", "1897-09", "pp. 445–458")


def test_a_block_quotation_loses_the_marker_of_every_line() -> None:
    # mia-reader/_pages/archive/connolly/1898/09/britrus2.md
    text = (
        '> "India is regarded by its alien rulers as a huge human cattle farm to\n'
        "> be worked solely in the interest of the dominant nation. Whatever is\n"
        "> done for its vast internal resources, is done for the benefit of the\n"
        "> Indian people, but primarily with a view to the dividends which the\n"
        '> investing classes of England may draw from such development."\n'
        "> **Limerick Leader**, July, 1897.\n"
    )
    chunks = markdown_chunks(text)
    assert [c.kind for c in chunks] == ["quote"]
    assert chunks[0].text == (
        '"India is regarded by its alien rulers as a huge human cattle farm to be worked solely in the interest of the '
        "dominant nation. Whatever is done for its vast internal resources, is done for the benefit of the Indian people, "
        'but primarily with a view to the dividends which the investing classes of England may draw from such development." '
        "Limerick Leader, July, 1897."
    )
    # mia-reader/_pages/archive/connolly/1908/07/polact.md: a bare ">" line parts two paragraphs of one quotation.
    text = (
        "> One Socialist party embracing all shades and conceptions of Socialist\n> political thought.\n>\n"
        "> One Socialist Industrial organization drilling the working class for\n"
        "> the supreme mission of their class -- the establishment of the\n> Worker's Republic.\n"
    )
    assert [(c.kind, c.text) for c in markdown_chunks(text)] == [
        ("quote", "One Socialist party embracing all shades and conceptions of Socialist political thought."),
        ("quote", "One Socialist Industrial organization drilling the working class for the supreme mission of their class – "
         "the establishment of the Worker's Republic."),
    ]


def test_a_superscript_note_marker_is_the_marker_alone() -> None:
    # mia-reader/_pages/archive/plekhanov/1898/initial-phases.md
    text = (
        "that criticism has no fear of its own results, and has as little fear of\n"
        "coming into conflict with the powers that be. ^[\\[1\\]](#n1)^\n"
    )
    assert markdown_chunks(text)[0].text == (
        "that criticism has no fear of its own results, and has as little fear of coming into conflict with the powers that be. [1]"
    )
    # mia-reader/_pages/archive/lenin/works/1920/jun/05.md: the superscript inside the link
    heading = "### For The Second Congress Of The Communist International[^\\[1\\]^](#fw01){#bk01}\n"
    assert markdown_chunks(heading)[0].text == "For The Second Congress Of The Communist International[1]"


def test_a_block_quotation_around_a_whole_page_is_read_as_the_page() -> None:
    # mia-reader/_pages/archive/marx/works/sw/index.md: MIA's bordered margin, which pandoc made a block quotation
    text = (
        "> ::: border\n> \u00a0\n>\n> # Marx Engels Selected Works\n>\n> " + "-" * 72 + "\n>\n> \u00a0\n>\n"
        "> ## Short List for beginners\n>\n> 1845: [Theses on Feuerbach](../1845/theses/theses)\\\n"
        "> 1846: [\\[A Critique of\\] the German\n> Ideology](../1845/german-ideology/index)\\\n>\n> \u00a0\n> :::\n"
    )
    chunks = markdown_chunks(text)
    assert [(c.kind, c.level, c.lines) for c in chunks] == [
        ("heading", 1, ["Marx Engels Selected Works"]),
        ("rule", 0, []),
        ("heading", 2, ["Short List for beginners"]),
        ("paragraph", 0, ["1845: Theses on Feuerbach", "1846: [A Critique of] the German Ideology"]),
    ]


def test_a_list_of_dated_works_is_text_and_a_lifetime_set_as_h1_is_no_title() -> None:
    # The whole page: the site's breadcrumb, the archive's name, the lifetime set as h1, an epigraph, then 183 works with
    # their dates, one of them "From Marx to Marxist-Humanism, 1969".
    record = read_markdown((CORPUS / "mia-reader/_pages/archive/dunayevskaya/index.md").read_text(encoding="utf-8"))
    assert (record.title, record.running_head) == ("Raya Dunayevskaya Archive", "MIA: M.I.A. Library: Raya Dunayevskaya")
    assert record.source is None
    works = next(block.text for block in record.body if block.text.startswith("On the Resolution"))
    assert "Marx to Marxist-Humanism, 1969" in works


def test_the_progress_editions_editor_note_is_a_note() -> None:
    # mia-reader/_pages/archive/plekhanov/1899/questionnaire.md, the page's head as it is
    text = "\n".join((CORPUS / "mia-reader/_pages/archive/plekhanov/1899/questionnaire.md").read_text(encoding="utf-8").splitlines()[:40])
    record = read_markdown(text)
    assert [note.kind for note in record.notes] == ["editor"]
    assert record.notes[0].text.startswith("Moscow Editor's Note: 'Plekhanov's reply")
    assert record.body[0] == Block("note", record.notes[0].text)


def test_an_information_block_with_a_translation_source_and_thanks() -> None:
    # mia-reader/_pages/archive/lafargue/1895/xx/chinojap.md's head and block (the link around the marker's name left
    # out), with the line that closes the block of lafargue/1890/09/athena.md, "Thanks to Fritz Keller."
    record = read_markdown(
        "## Paul Lafargue\n\n# The Chino-Japanese War\n\n### (1895)\n\n" + "-" * 72 + "\n\n"
        "From **Justice**, 1 June 1895.\\\nTranslated from **La Petite République**.\\\nTranscribed by Adam Buick.\\\n"
        "Marked up by Einde O'Callaghan for the Marxists' Internet Archive.\\\nThanks to Fritz Keller.\n\n" + "-" * 72 + "\n\n"
        + "\n".join((CORPUS / "mia-reader/_pages/archive/lafargue/1895/xx/chinojap.md").read_text(encoding="utf-8").splitlines()[26:40])
    )
    assert record.source is not None and (record.source.periodical, record.published) == ("Justice", DateValue("1 June 1895", "1895-06-01"))
    assert [(c.role, c.name) for c in record.credits] == [("transcription", "Adam Buick"), ("markup", "Einde O'Callaghan")]
    assert record.extra_fields["Thanks"] == "Thanks to Fritz Keller."
    assert not any("Petite République" in block.text for block in record.body)


def test_a_drop_capital_rejoins_its_word() -> None:
    # mia-reader/_pages/archive/deleon/works/1907/071207.md and deleon/works/1906/060406.md
    texts = [c.text for c in markdown_chunks("S o scorching hot is the prairie fire that is singeing the backs of the\n")]
    assert texts == ["So scorching hot is the prairie fire that is singeing the backs of the"]
    # A vowel may be a word of its own: "Y esterday's" stays as printed rather than risk "Edepois".
    assert markdown_chunks("Y esterday's dispatches from the coal-strike region of Wilkes-Barre, Pa.\n")[0].text.startswith("Y esterday's")


def test_the_authors_name_closing_the_text_is_its_signature() -> None:
    # mia-reader/_pages/archive/plekhanov/1899/questionnaire.md, whose last line is "**G Plekhanov**"
    record = read_markdown((CORPUS / "mia-reader/_pages/archive/plekhanov/1899/questionnaire.md").read_text(encoding="utf-8"))
    assert [block for block in record.body if block.kind == "signature"] == [Block("signature", "G Plekhanov")]


def test_emphasis_marks_never_show() -> None:
    # mia-reader/_pages/archive/deleon/works/1896/960126.md: italics over three lines parted by hard breaks
    address = "*An address delivered at\\\nWells' Memorial Hall, Boston, Mass.,\\\nJanuary 26, 1896*\\\n"
    assert markdown_chunks(address)[0].lines == ["An address delivered at", "Wells' Memorial Hall, Boston, Mass.,", "January 26, 1896"]
    # mia-reader/_pages/archive/plekhanov/1891/11/hegel.md: bold italics
    (chunk,) = markdown_chunks("nevertheless entirely ***accidental*** product of human ***error***. The\n")
    assert chunk.text == "nevertheless entirely accidental product of human error. The"
    # mia-reader/_pages/archive/connolly/1898/08/homeb.md: bold inside italics
    (chunk,) = markdown_chunks("*Amongst those present\nwere the editors of the **Independent**, **Freeman** and **Nation**.*\n")
    assert chunk.text == "Amongst those present were the editors of the Independent, Freeman and Nation."
    # mia-reader/_pages/archive/plekhanov/1898/xx/crisis.md: an escaped star is the editors' note number, not a mark
    (chunk,) = markdown_chunks("the so-called *young* [\\[1\\*\\]](#na){#fa} and *old*\nSocial-Democrats\n")
    assert chunk.text == "the so-called young [1*] and old Social-Democrats"
    (chunk,) = markdown_chunks("[1\\*.](#fa){#na} *The Young* -- a petty-bourgeois, semi-anarchical\n")
    assert chunk.text == "1*. The Young – a petty-bourgeois, semi-anarchical"


def test_pandocs_double_hyphens_are_dashes() -> None:
    # mia-reader/_pages/archive/plekhanov/1901/xx/cant.md: "1976, pp. 352--378.\" and "No. 2--3.\"
    (chunk,) = markdown_chunks("1976, pp. 352--378.\\\nOriginally published in Russian in **Zarya**, No. 2--3.\\\n")
    assert chunk.lines == ["1976, pp. 352–378.", "Originally published in Russian in Zarya, No. 2–3."]
    # mia-reader/_pages/archive/deleon/works/1884/1884-summer.md: "DIPLOMACY---IS HE"
    (chunk,) = markdown_chunks("A SPECIMEN OF MR. BLAINE'S DIPLOMACY---IS HE A SAFE MAN\n")
    assert chunk.text == "A SPECIMEN OF MR. BLAINE'S DIPLOMACY—IS HE A SAFE MAN"


def test_a_grid_tables_empty_layout_column_and_its_borders_leave_no_pipes() -> None:
    # mia-reader/_pages/archive/connolly/1903/01/woodquay.md: the sign-off set in the right column of a grid table
    grid = (
        "+-----------------------------------+-----------------------------------+\n"
        "|                                   | Yours in the name of labour,\\     |\n"
        "|                                   | JAMES CONNOLLY.                   |\n"
        "+-----------------------------------+-----------------------------------+\n"
    )
    (chunk,) = markdown_chunks(grid)
    assert chunk.lines == ["Yours in the name of labour,", "JAMES CONNOLLY."]


def test_a_hard_line_break_is_kept_and_the_closing_dateline_is_its_own_line() -> None:
    # mia-reader/_pages/archive/plekhanov/1905/10/internationalism.md closes "G. PLEKHANOFF\" / "Geneva, June 25, 1905."
    record = read_markdown((CORPUS / "mia-reader/_pages/archive/plekhanov/1905/10/internationalism.md").read_text(encoding="utf-8"))
    assert record.body[-1].text == "G. PLEKHANOFF\nGeneva, June 25, 1905."
    assert record.dateline == "Geneva, June 25, 1905."
