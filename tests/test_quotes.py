"""Who is quoted, from the lead-in before a block quotation or the citation closing it (real lines; each names its page)."""

from __future__ import annotations

import pytest

from hemeroteca.fields.quotes import attribution_from_lead_in, cited_at_close


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
        # Nobody named: a pronoun, an adverb, an addressee.
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
