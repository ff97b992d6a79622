"""The Markdown reader on snippets of pandoc's copies of MIA pages (each test names its file)."""

from __future__ import annotations

from hemeroteca.readers.markdown import markdown_chunks, read_markdown


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
