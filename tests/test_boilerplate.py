"""Site furniture told from the author's text, on real lines of the corpus."""

from __future__ import annotations

from conftest import CORPUS
from hemeroteca.fields.boilerplate import is_navigation_line, is_site_notice
from hemeroteca.readers import read_document

# maresalului.github.io/boffa/index.htm, p.lapide: the notice 112 author index pages carry.
NOTICE = (
    "Seja um Voluntário! Se você deseja colaborar com a construção desta biblioteca, ou deseja iniciar uma nova"
    " biblioteca para um autor cujo trabalho contribui de alguma maneira para a compreensão do Marxismo, entre em"
    " contato conosco."
)


def test_the_archives_own_notice_is_furniture_however_long() -> None:
    assert is_site_notice(NOTICE) and is_navigation_line(NOTICE)
    # The same class (p.lapide) holds an epigraph on other pages: that is kept.
    epigraph = "“... o historiador não é nem um censor nem um juiz, simplesmente trata de compreender.”"
    assert not is_site_notice(epigraph) and not is_navigation_line(epigraph)


def test_menus_are_furniture_and_text_is_not() -> None:
    assert is_navigation_line("return return return")
    assert is_navigation_line("Top of page")
    assert not is_navigation_line("Hearst Press published the article about political persecution in the Soviet Union")


def test_an_author_index_keeps_its_list_and_loses_the_notice() -> None:
    page = CORPUS / "maresalului.github.io" / "boffa" / "index.htm"
    record, _, _ = read_document(page, page.read_bytes())
    texts = [block.text for block in record.body]
    assert not any("Seja um Voluntário" in text for text in texts)
    assert any(text.startswith("Introdução às Actas do Comité Central") for text in texts)


def test_links_to_the_authors_other_language_sections_are_furniture() -> None:
    # maresalului.github.io/ta/index.htm and proudhon/index.htm, below the list of works.
    for line in ("Textos em espanhol", "Seção em espanhol do MIA", "Seção em português da Biblioteca Anarquista"):
        assert is_navigation_line(line), line
    assert not is_navigation_line("Textos sobre o autor")
    assert not is_navigation_line("Textos em espanhol sobre a revolução de 1936 e a guerra civil, com notas do tradutor")
