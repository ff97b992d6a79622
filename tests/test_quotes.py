"""Who is quoted, from the lead-in before a block quotation or the citation closing it (real lines; each names its page)."""

from __future__ import annotations

import pytest

from hemeroteca.fields.quotes import attribution_from_lead_in, cited_at_close, is_quoted_paragraph


@pytest.mark.parametrize(
    ("lead_in", "who"),
    [
        ("Comrade Trotsky writes:", "Trotsky"),  # seeds/ni-victims-1936.txt
        ("Diz o camarada Stálin:", "Stálin"),  # maresalului.github.io/pomar/1949/12/stalin.htm
        ("Em sua conhecida carta a Máximo Gorki o camarada Stálin escreveu:", "Stálin"),  # …/molotov/1950/03/10.htm
        ("V. I. Lênin afirmou:", "Lênin"),  # maresalului.github.io/pospelov/1953/mes/aniver.htm (initials read as a full stop)
        ("Declarou Taylor, entre outras coisas:", "Taylor"),  # maresalului.github.io/poltorak/ano/processo/01.htm
        ("Como explicou Engels:", "Engels"),  # maresalului.github.io/grant/1949/mes/resposta-ao-cliff.htm
        ("O Presidente Mao disse:", "Mao"),  # maresalului.github.io/yao-wenyuan/1975/mes/camarilha.htm
        ("O comissário Voitinsky dizia num relatório:", "Voitinsky"),  # maresalului.github.io/trotsky/1930/historia/cap31.htm
        # maresalului.github.io/arruda/1954/11/congresso.htm
        ("Respondemos, pois, a esses camaradas com as palavras de Engels, ao fazer a crítica do projeto de Programa de Erfurt:", "Engels"),
        # A noun of saying with the name after it, and more verbs:
        ("E a conclusão de Ustrialov era:", "Ustrialov"),  # maresalului.github.io/trotsky/1929/rev_desf/acusa_01.htm
        # maresalului.github.io/freville/1936/literatura/01.htm
        ("não se cansará de lançar contra os adversários o grito de Epicuro:", "Epicuro"),
        ("Bonnot deixou escrito:", "Bonnot"),  # maresalului.github.io/vasco/1913/02/40.htm
        ("Mais tarde, na Conferência de Abril, Kamenev repetia:", "Kamenev"),  # maresalului.github.io/trotsky/1930/historia/cap16.htm
        # Nobody named: a pronoun, an adverb, an addressee.
        ("Eis aqui um exemplo de derrota fecunda que Marx caracterizou brilhantemente nas linhas seguintes:", "Marx"),  # maresalului.github.io/nin/1935/02/16.htm
        ("Lenine logo escrevia:", "Lenine"),  # maresalului.github.io/trotsky/1930/historia/cap26.htm
        ("Schellenberg, mais lúcido, pergunta por sua vez:", "Schellenberg"),  # maresalului.github.io/poltorak/ano/processo/01.htm
        ("O Senador Luis Carlos Prestes já dizia na III Conferência Nacional do nosso Partido, em 46:", "Luis Carlos Prestes"),  # maresalului.github.io/arruda/1947/06/09.htm
        ("Ele escreveu:", None),  # maresalului.github.io/grant/1949/mes/resposta-ao-cliff.htm
        ("He says:", None),  # mia-reader/_pages/marx/works/1886/ludwig-feuerbach/ch02.htm
        ("Depois, voltando-se para mim, acrescentou sorrindo:", None),  # maresalului.github.io/zetkin/1920/mes/lenin.htm
        ("No 6 de Dezembro 1916, ela escreveu a Nicolau:", None),  # maresalului.github.io/trotsky/1930/historia/cap04.htm
        ("E Dmitrov entra a martelar suas primeiras palavras:", None),  # maresalului.github.io/willard/1938/defesa/19.htm
    ],
)
def test_the_lead_in_names_who_is_quoted(lead_in: str, who: str | None) -> None:
    assert attribution_from_lead_in(lead_in) == who


def test_the_closing_citation_names_a_candidate() -> None:
    # maresalului.github.io/sachetta/1946/mes/trotskysmo.htm
    assert cited_at_close("A situação presente é apenas de adiamento de guerra. (Lênin, Obras Completas, vol. XVII).") == "Lênin"
    # maresalului.github.io/bukharin/1921/teoria/cap07.htm: a candidate only; the reader keeps catalogued persons
    assert cited_at_close("…inspira o deus Min\" (Ibidem, p. 272).") == "Ibidem"
    assert cited_at_close("…que ela nos impõe.") is None


def test_a_paragraph_closing_with_the_page_it_was_taken_from_is_a_quotation() -> None:
    # mia-reader/_pages/archive/plekhanov/1911/scepticism.md: the conversion lost the quotation's markup, not its page
    assert is_quoted_paragraph(
        "There exist no things, objects, realities, bodies, independent of the conceptions of them in a consciousness, and"
        " the things perceived by the senses are completely dissolved in the subjective and ideal parts of which they are"
        " composed. (p 247)"
    )
    # mia-reader/_pages/archive/plekhanov/1898/conrad-schmidt.md: the author's own words cite no page
    assert not is_quoted_paragraph(
        "He has set them forth: 1) in an article entitled 'Ein neues Buch über die materialistische Geschichtsauffassung'"
        " and published in the Berlin Akademiker, 1896 (July and August), [1] and 2) in an"
    )
