"""parse_citation on real MIA and ETOL source lines, and on the shapes ETOL prints.

Real snippets name their file: seeds/ is /work/shared/seeds, the other paths
are under /work/shared/corpus.
"""

from __future__ import annotations

import pytest
from edtf import parse_edtf

from hemeroteca.fields.citation import first_date, int_to_roman, parse_citation, roman_to_int
from hemeroteca.record import Citation, DateValue


def _date(raw: str, edtf: str) -> DateValue:
    return DateValue(raw=raw, edtf=edtf)


CASES = [
    # seeds/trotsky-cable-1936.txt
    (
        "Source: New Militant, Vol. II No. 7, 15 February 1936, p. 1.",
        Citation(
            raw="New Militant, Vol. II No. 7, 15 February 1936, p. 1",
            periodical="New Militant", volume="2", volume_raw="II", number="7",
            date=_date("15 February 1936", "1936-02-15"), pages="p. 1",
        ),
    ),
    # seeds/ni-victims-1936.txt
    (
        "From New International, Vol. 3 No. 1, February 1936, Inside front cover.",
        Citation(
            raw="New International, Vol. 3 No. 1, February 1936, Inside front cover",
            periodical="New International", volume="3", volume_raw="3", number="1",
            date=_date("February 1936", "1936-02"), pages="Inside front cover",
        ),
    ),
    (
        "Fourth International, Vol.6 No.3, March 1945, pp.87-90.",
        Citation(
            raw="Fourth International, Vol.6 No.3, March 1945, pp.87-90",
            periodical="Fourth International", volume="6", volume_raw="6", number="3",
            date=_date("March 1945", "1945-03"), pages="pp. 87–90",
        ),
    ),
    (
        "Workers' Republic, 27 August 1898.",
        Citation(
            raw="Workers' Republic, 27 August 1898", periodical="Workers' Republic",
            date=_date("27 August 1898", "1898-08-27"),
        ),
    ),
    (
        "International Socialism (1st series), No.1, Spring 1960, pp.6-10.",
        Citation(
            raw="International Socialism (1st series), No.1, Spring 1960, pp.6-10",
            periodical="International Socialism (1st series)", number="1",
            date=_date("Spring 1960", "1960-21"), pages="pp. 6–10",
        ),
    ),
    (
        "The Militant, Vol. VII No. 3 (Whole No. 151), 20 January 1934, p. 2.",
        Citation(
            raw="The Militant, Vol. VII No. 3 (Whole No. 151), 20 January 1934, p. 2",
            periodical="The Militant", volume="7", volume_raw="VII", number="3",
            date=_date("20 January 1934", "1934-01-20"), pages="p. 2",
        ),
    ),
    (
        "Labor Action, Vol. 5 No. 12, 23 March 1941, p. 4.",
        Citation(
            raw="Labor Action, Vol. 5 No. 12, 23 March 1941, p. 4",
            periodical="Labor Action", volume="5", volume_raw="5", number="12",
            date=_date("23 March 1941", "1941-03-23"), pages="p. 4",
        ),
    ),
    (
        "Socialist Appeal, Vol. II No. 33, 20 August 1938, p. 3.",
        Citation(
            raw="Socialist Appeal, Vol. II No. 33, 20 August 1938, p. 3",
            periodical="Socialist Appeal", volume="2", volume_raw="II", number="33",
            date=_date("20 August 1938", "1938-08-20"), pages="p. 3",
        ),
    ),
    (
        "Fourth International, Vol. 1 No. 1, May 1940, pp. 3–5.",
        Citation(
            raw="Fourth International, Vol. 1 No. 1, May 1940, pp. 3–5",
            periodical="Fourth International", volume="1", volume_raw="1", number="1",
            date=_date("May 1940", "1940-05"), pages="pp. 3–5",
        ),
    ),
    (
        "Labor Action, Vol. 5, No. 12, 23 March 1941, p. 4.",
        Citation(
            raw="Labor Action, Vol. 5, No. 12, 23 March 1941, p. 4",
            periodical="Labor Action", volume="5", volume_raw="5", number="12",
            date=_date("23 March 1941", "1941-03-23"), pages="p. 4",
        ),
    ),
    (
        "The New International, Volume 5, Number 12, December 1939.",
        Citation(
            raw="The New International, Volume 5, Number 12, December 1939",
            periodical="The New International", volume="5", volume_raw="5", number="12",
            date=_date("December 1939", "1939-12"),
        ),
    ),
    (
        "New International, Vol. IV No. 7-8, July-August 1938, pp. 195–198.",
        Citation(
            raw="New International, Vol. IV No. 7-8, July-August 1938, pp. 195–198",
            periodical="New International", volume="4", volume_raw="IV", number="7–8",
            date=_date("July-August 1938", "1938-07/1938-08"), pages="pp. 195–198",
        ),
    ),
    (
        "Fourth International, Vol. 2 Nos. 7 & 8, August 1941.",
        Citation(
            raw="Fourth International, Vol. 2 Nos. 7 & 8, August 1941",
            periodical="Fourth International", volume="2", volume_raw="2", number="7 & 8",
            date=_date("August 1941", "1941-08"),
        ),
    ),
    (
        "Lenin Collected Works, Progress Publishers, Moscow, 1964, Volume 21, pp. 15-19.",
        Citation(
            raw="Lenin Collected Works, Progress Publishers, Moscow, 1964, Volume 21, pp. 15-19",
            periodical="Lenin Collected Works", volume="21", volume_raw="21",
            date=_date("1964", "1964"), pages="pp. 15–19",
        ),
    ),
    (
        "Revista Proletária, n.º 5, março de 1931",
        Citation(
            raw="Revista Proletária, n.º 5, março de 1931", periodical="Revista Proletária", number="5",
            date=_date("março de 1931", "1931-03"),
        ),
    ),
    # mia-reader/_pages/archive/connolly/1898/08/menhonor.md
    (
        "From Workers' Republic, August 13, 1898.",
        Citation(
            raw="Workers' Republic, August 13, 1898", periodical="Workers' Republic",
            date=_date("August 13, 1898", "1898-08-13"),
        ),
    ),
    # mia-reader/_pages/archive/connolly/1898/08/rootowar.md
    (
        "From Workers' Republic, 20 August 1898",
        Citation(
            raw="Workers' Republic, 20 August 1898", periodical="Workers' Republic",
            date=_date("20 August 1898", "1898-08-20"),
        ),
    ),
    # mia-reader/_pages/archive/connolly/1913/10/lab-dublin.html
    (
        "From The Irish Review (Dublin), October 1913, Vol. 3, No. 32.",
        Citation(
            raw="The Irish Review (Dublin), October 1913, Vol. 3, No. 32",
            periodical="The Irish Review", volume="3", volume_raw="3", number="32",
            date=_date("October 1913", "1913-10"),
        ),
    ),
    # mia-reader/_pages/archive/connolly/1907/12/nynotes.html
    (
        "First published in The Industrial Union Bulletin, Vol. 1 No. 41, 7 December 1907.",
        Citation(
            raw="The Industrial Union Bulletin, Vol. 1 No. 41, 7 December 1907",
            periodical="The Industrial Union Bulletin", volume="1", volume_raw="1", number="41",
            date=_date("7 December 1907", "1907-12-07"),
        ),
    ),
    # mia-reader/_pages/archive/roy/1920/07/15.md
    (
        "Source: The Call, July 15, 1920, p. 5 (772 words)",
        Citation(
            raw="The Call, July 15, 1920, p. 5 (772 words)", periodical="The Call",
            date=_date("July 15, 1920", "1920-07-15"), pages="p. 5",
        ),
    ),
    # mia-reader/_pages/archive/lafargue/1884/06/herbert-spencer.md
    (
        "Source: To-Day, Jan-June 1884, pp. 416-427;",
        Citation(
            raw="To-Day, Jan-June 1884, pp. 416-427", periodical="To-Day",
            date=_date("Jan-June 1884", "1884-01/1884-06"), pages="pp. 416–427",
        ),
    ),
    # mia-reader/_pages/archive/plekhanov/1905/10/internationalism.md: the most precise date wins
    (
        "Source: Social Democrat, 1905, Vol. 9. no. 10, 15 Oct 1905, p.607;",
        Citation(
            raw="Social Democrat, 1905, Vol. 9. no. 10, 15 Oct 1905, p.607",
            periodical="Social Democrat", volume="9", volume_raw="9", number="10",
            date=_date("15 Oct 1905", "1905-10-15"), pages="p. 607",
        ),
    ),
    # mia-reader/_pages/archive/mattick-paul/1938/mass-vanguard.md
    (
        "First Published: in Living Marxism vol. 4, no. 4 August 1938 and reprinted in Red & Black Notes #6 and #7;",
        Citation(
            raw="in Living Marxism vol. 4, no. 4 August 1938 and reprinted in Red & Black Notes #6 and #7",
            periodical="Living Marxism", volume="4", volume_raw="4", number="4",
            date=_date("August 1938", "1938-08"),
        ),
    ),
    # mia-reader/_pages/archive/plekhanov/1901/xx/cant.md
    (
        "From Georgi Plekhanov, Selected Philosophical Works, Vol. II, Moscow 1976, pp. 352--378.",
        Citation(
            raw="Georgi Plekhanov, Selected Philosophical Works, Vol. II, Moscow 1976, pp. 352--378",
            periodical="Georgi Plekhanov", volume="2", volume_raw="II",
            date=_date("1976", "1976"), pages="pp. 352–378",
        ),
    ),
    # mia-reader/_pages/archive/lenin/works/1920/jun/05.md
    (
        "Source: Lenin's Collected Works, 2nd English Edition, Progress Publishers, Moscow, 1965, Volume 31, "
        "pages 144-151",
        Citation(
            raw="Lenin's Collected Works, 2nd English Edition, Progress Publishers, Moscow, 1965, Volume 31, "
            "pages 144-151",
            periodical="Lenin's Collected Works", volume="31", volume_raw="31",
            date=_date("1965", "1965"), pages="pp. 144–151",
        ),
    ),
    # mia-reader/_pages/marx/works/1847/11/prin-com.htm
    (
        "Source: Selected Works, Volume One, p. 81-97, Progress Publishers, Moscow, 1969;",
        Citation(
            raw="Selected Works, Volume One, p. 81-97, Progress Publishers, Moscow, 1969",
            periodical="Selected Works", volume="1", volume_raw="One",
            date=_date("1969", "1969"), pages="pp. 81–97",
        ),
    ),
    # mia-reader/_pages/marx/works/1890/letters/90_09_21.htm
    (
        "Source: Historical Materialism (Marx, Engels, Lenin), p. 294 - 296;",
        Citation(
            raw="Historical Materialism (Marx, Engels, Lenin), p. 294 - 296",
            periodical="Historical Materialism (Marx, Engels, Lenin)", pages="pp. 294–296",
        ),
    ),
    # mia-reader/_pages/marx/works/1875/letters/75_05_05.htm
    (
        "First Published: Die Neue Zeit, Bd. 1, No. 18, 1890-91;",
        Citation(
            raw="Die Neue Zeit, Bd. 1, No. 18, 1890-91", periodical="Die Neue Zeit",
            volume="1", volume_raw="1", number="18", date=_date("1890-91", "1890/1891"),
        ),
    ),
    # maresalului.github.io/carone/1993/04/guerra.htm
    (
        "Fonte: Revista Princípios, n.º 28 fev/abr 1993 pag 44 a 49.",
        Citation(
            raw="Revista Princípios, n.º 28 fev/abr 1993 pag 44 a 49", periodical="Revista Princípios",
            number="28", date=_date("fev/abr 1993", "1993-02/1993-04"), pages="pp. 44–49",
        ),
    ),
    # maresalului.github.io/carneiro/1985/08/perfil.htm
    (
        "Fonte: Revista Princípios nº 11, ago/1985, págs. 45-50.",
        Citation(
            raw="Revista Princípios nº 11, ago/1985, págs. 45-50", periodical="Revista Princípios",
            number="11", date=_date("ago/1985", "1985-08"), pages="pp. 45–50",
        ),
    ),
    # maresalului.github.io/althusser/1966/03/18-a.htm
    (
        "Fonte: Crítica Marxista, v. 22, n.º 41, 30 de outubro de 2015, pp. 135–151.",
        Citation(
            raw="Crítica Marxista, v. 22, n.º 41, 30 de outubro de 2015, pp. 135–151",
            periodical="Crítica Marxista", volume="22", volume_raw="22", number="41",
            date=_date("30 de outubro de 2015", "2015-10-30"), pages="pp. 135–151",
        ),
    ),
    # maresalului.github.io/furtseva/1956/02/discurso.htm
    (
        "Fonte: Problemas - Revista Mensal de Cultura Política nº 73 - Mar-Jun de 1956.",
        Citation(
            raw="Problemas - Revista Mensal de Cultura Política nº 73 - Mar-Jun de 1956",
            periodical="Problemas - Revista Mensal de Cultura Política", number="73",
            date=_date("Mar-Jun de 1956", "1956-03/1956-06"),
        ),
    ),
    # maresalului.github.io/alves/1958/12/outubro.htm
    (
        "Fonte: Revista Estudos Sociais, n.º 3–4, set-dez/1958, pp. 259–265.",
        Citation(
            raw="Revista Estudos Sociais, n.º 3–4, set-dez/1958, pp. 259–265", periodical="Revista Estudos Sociais",
            number="3–4", date=_date("set-dez/1958", "1958-09/1958-12"), pages="pp. 259–265",
        ),
    ),
    # maresalului.github.io/faco/1961/12/notas.htm
    (
        "Fonte: Revista Estudos Sociais — Volume III — Nº 11 — Dezembro 1961, Diretor: Astrojildo Pereira.",
        Citation(
            raw="Revista Estudos Sociais — Volume III — Nº 11 — Dezembro 1961, Diretor: Astrojildo Pereira",
            periodical="Revista Estudos Sociais", volume="3", volume_raw="III", number="11",
            date=_date("Dezembro 1961", "1961-12"),
        ),
    ),
    # maresalului.github.io/gorki/1906/08/40.htm
    (
        "Primeira edição: The Social Democrat, vol. X, n.º 8, agosto de 1906, pp. 509-512.",
        Citation(
            raw="The Social Democrat, vol. X, n.º 8, agosto de 1906, pp. 509-512",
            periodical="The Social Democrat", volume="10", volume_raw="X", number="8",
            date=_date("agosto de 1906", "1906-08"), pages="pp. 509–512",
        ),
    ),
    # maresalului.github.io/korsch/1937/12/ortodoxia.htm
    (
        "Primeira edição: I.C.C., Vol. 3, n.ºs 11 e 12.",
        Citation(raw="I.C.C., Vol. 3, n.ºs 11 e 12", periodical="I.C.C.", volume="3", volume_raw="3", number="11 & 12"),
    ),
    # maresalului.github.io/zhdanov/ano/mes/papel.htm ("edição 8" is the issue)
    (
        "Fonte: Revista Princípios, edição 8, mai. 1984, pp. 46–52, via Fundação Maurício Grabois.",
        Citation(
            raw="Revista Princípios, edição 8, mai. 1984, pp. 46–52, via Fundação Maurício Grabois",
            periodical="Revista Princípios", number="8", date=_date("mai. 1984", "1984-05"), pages="pp. 46–52",
        ),
    ),
    # maresalului.github.io/lozovski/1930/mes/causa.htm
    (
        "Fonte: Revista Princípios, Edição 3, Novembro, 1981, págs: 13 a 16.",
        Citation(
            raw="Revista Princípios, Edição 3, Novembro, 1981, págs: 13 a 16", periodical="Revista Princípios",
            number="3", date=_date("Novembro, 1981", "1981-11"), pages="pp. 13–16",
        ),
    ),
    # maresalului.github.io/luxemburgo/1905/mes/40.htm
    (
        "Primeira edição: Die Gleichheit (Stuttgart). Ano 15, 1905, nº 24, p.139.",
        Citation(
            raw="Die Gleichheit (Stuttgart). Ano 15, 1905, nº 24, p.139", periodical="Die Gleichheit", volume="15", volume_raw="15",
            number="24", date=_date("1905", "1905"), pages="p. 139",
        ),
    ),
    # maresalului.github.io/mattick/1937/08/barricadas.htm
    (
        "Primeira edição: International Council Correspondence, Chicago, n.ºs 7–8, agosto de 1937, p. 25–29.",
        Citation(
            raw="International Council Correspondence, Chicago, n.ºs 7–8, agosto de 1937, p. 25–29",
            periodical="International Council Correspondence", number="7–8",
            date=_date("agosto de 1937", "1937-08"), pages="pp. 25–29",
        ),
    ),
    # maresalului.github.io/connolly/1894/12/01.htm
    (
        "Primeira edição: Labour Chronicle (Edinburgh), 1.º de dezembro de 1894. Republicado em Owen Dudley "
        "Edwards & Bernard Ransom (org). James Connoly: Selected Political Writings, New York, 1974.",
        Citation(
            raw="Labour Chronicle (Edinburgh), 1.º de dezembro de 1894. Republicado em Owen Dudley Edwards & "
            "Bernard Ransom (org). James Connoly: Selected Political Writings, New York, 1974",
            periodical="Labour Chronicle", date=_date("1.º de dezembro de 1894", "1894-12-01"),
        ),
    ),
    # maresalului.github.io/trotsky/1901/02/17.htm
    (
        "Primeira edição: Vostótchnoe Obozriénie [O arauto do Leste], n.º 36, 17 de fevereiro de 1901. "
        "Assinado: “Antid Oto”.",
        Citation(
            raw="Vostótchnoe Obozriénie [O arauto do Leste], n.º 36, 17 de fevereiro de 1901. Assinado: “Antid Oto”",
            periodical="Vostótchnoe Obozriénie", number="36", date=_date("17 de fevereiro de 1901", "1901-02-17"),
        ),
    ),
    # mia-reader/_pages/lenin/works/1913/mar/22.htm (text of the HTML, NBSP kept)
    (
        "Lenin Collected Works, Progress Publishers, 1977, Moscow, Volume\u00a019, pages\u00a029-30.",
        Citation(
            raw="Lenin Collected Works, Progress Publishers, 1977, Moscow, Volume 19, pages 29-30",
            periodical="Lenin Collected Works", volume="19", volume_raw="19",
            date=_date("1977", "1977"), pages="pp. 29–30",
        ),
    ),
    # mia-reader/_pages/archive/connolly/1897/erin/hope.md and 1901/evangel/index.md: how the text came
    # out, no periodical named (the date is kept)
    (
        "Pamphlet first published in 1897",
        Citation(raw="Pamphlet first published in 1897", date=_date("1897", "1897")),
    ),
    (
        "as a pamphlet in 1901",
        Citation(raw="as a pamphlet in 1901", date=_date("1901", "1901")),
    ),
    # mia-reader/_pages/archive/deleon/works/1908/march.md (Markdown emphasis left in)
    (
        "*The Daily People,* March 3, 1908;",
        Citation(
            raw="*The Daily People,* March 3, 1908", periodical="The Daily People",
            date=_date("March 3, 1908", "1908-03-03"),
        ),
    ),
    # maresalului.github.io/trotsky/1925/12/07.htm
    (
        "Primeira edição: jornais Pravda e Izvéstia em 17 de dezembro de 1925.",
        Citation(
            raw="jornais Pravda e Izvéstia em 17 de dezembro de 1925", periodical="Pravda e Izvéstia",
            date=_date("17 de dezembro de 1925", "1925-12-17"),
        ),
    ),
    # maresalului.github.io/tragtenberg/1991/mes/40.htm: the kind of paper, in lower case, is no part of its name
    (
        "Fonte: revista Espaço Acadêmico, n.º 9, fev/2002",
        Citation(
            raw="revista Espaço Acadêmico, n.º 9, fev/2002", periodical="Espaço Acadêmico", number="9",
            date=_date("fev/2002", "2002-02"),
        ),
    ),
    # maresalului.github.io/vasco/1901/08/20.htm: a paper's year of publication ("ano I") is its volume
    (
        "Primeira edição: diário O Mundo (Lisboa), ano I, n.º 340, 24/08/1901.",
        Citation(
            raw="diário O Mundo (Lisboa), ano I, n.º 340, 24/08/1901", periodical="O Mundo", volume="1", volume_raw="I",
            number="340", date=_date("24/08/1901", "1901-08-24"),
        ),
    ),
    # maresalului.github.io/tematica/1978/07/29.htm: an issue number with a thousands separator
    (
        "Zëri i Popullit, n.º 4.482, 30 de julho de 1978",
        Citation(
            raw="Zëri i Popullit, n.º 4.482, 30 de julho de 1978", periodical="Zëri i Popullit", number="4482",
            date=_date("30 de julho de 1978", "1978-07-30"),
        ),
    ),
    # maresalului.github.io/bensaid/2007/mes/olhar.htm: the web address is no part of the name
    (
        "Fonte: O Comuneiro - http://www.ocomuneiro.com/nr17_03_bensaid.html",
        Citation(raw="O Comuneiro - http://www.ocomuneiro.com/nr17_03_bensaid.html", periodical="O Comuneiro", number="17"),
    ),
    # maresalului.github.io/yao-wenyuan/1975/mes/camarilha.htm: a publisher's imprint names no periodical
    (
        "Fonte: Pequim: Edições em línguas estrangeiras, 1975.",
        Citation(raw="Pequim: Edições em línguas estrangeiras, 1975", date=_date("1975", "1975")),
    ),
    # mia-reader/_pages/archive/connolly/1901/evangel/index.md: where the articles appeared names the periodical
    (
        "The articles all first appeared in Workers' Republic, June-August 1899.",
        Citation(
            raw="The articles all first appeared in Workers' Republic, June-August 1899", periodical="Workers' Republic",
            date=_date("June-August 1899", "1899-06/1899-08"),
        ),
    ),
    # mia-reader/_pages/archive/zetkin/1896/10/women.md: an occasion names no periodical
    (
        "Speech at the Party Congress of the Social Democratic Party of Germany, Gotha, October 16th, 1896. Berlin",
        Citation(
            raw="Speech at the Party Congress of the Social Democratic Party of Germany, Gotha, October 16th, 1896. Berlin",
            date=_date("October 16th, 1896", "1896-10-16"),
        ),
    ),
    # maresalului.github.io/korsch/1939/mes/40.htm: what the line says of the piece is no part of the name
    (
        "Primeira edição: Publicado em Modern Quarterly, 1939.",
        Citation(raw="Publicado em Modern Quarterly, 1939", periodical="Modern Quarterly", date=_date("1939", "1939")),
    ),
    # maresalului.github.io/mandel/1967/10/22.html: the kind of piece is no part of the name
    (
        "Editorial de “La Gauche”, n.º 39, 21 de Outubro de 1967.",
        Citation(
            raw="Editorial de “La Gauche”, n.º 39, 21 de Outubro de 1967", periodical="La Gauche", number="39",
            date=_date("21 de Outubro de 1967", "1967-10-21"),
        ),
    ),
]

# Nothing but the cleaned line comes back.
UNPARSED = [
    ("Source: Marx and Engels Correspondence;", "Marx and Engels Correspondence"),  # mia-reader/_pages/marx/works/1871/letters/71_04_17.htm
    ("Fonte: Os Comunistas.", "Os Comunistas"),  # maresalului.github.io/goncalves/1935/08/relatorio.htm
    ("Fonte para a tradução: seção inglesa do Arquivo Marxista na Internet.", "seção inglesa do Arquivo Marxista na Internet"),  # maresalului.github.io/novack/1938/02/guerra.htm
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_citation(text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_citation_dates_are_valid_edtf(text: str, expected: Citation) -> None:
    date = parse_citation(text).date
    if date is not None and date.edtf is not None:
        parse_edtf(date.edtf)


@pytest.mark.parametrize(("text", "raw"), UNPARSED)
def test_unparsed_citation_keeps_only_raw(text: str, raw: str) -> None:
    assert parse_citation(text) == Citation(raw=raw)


def test_name_initial_is_no_volume() -> None:
    # "V. I. Lenin" must not read as volume I; "Vol. Civil" has no numeral.
    citation = parse_citation("Pravda, as amended by V. I. Lenin, 5 May 1920")
    assert (citation.volume, citation.periodical) == (None, "Pravda")


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("I", 1), ("ii", 2), ("IV", 4), ("VII", 7), ("IX", 9), ("XIV", 14), ("XVIII", 18), ("xl", 40),
     ("XCIX", 99), ("MCMXXXVI", 1936), ("MMM", 3000), (" VI ", 6)],
)
def test_roman_to_int(numeral: str, value: int) -> None:
    assert roman_to_int(numeral) == value


@pytest.mark.parametrize("numeral", ["", "IIII", "VX", "IL", "MMMM", "civil", "12", "Vol"])
def test_roman_to_int_rejects(numeral: str) -> None:
    assert roman_to_int(numeral) is None


def test_a_line_naming_no_periodical_gives_only_a_date() -> None:
    # mia-reader/_pages/archive/plekhanov/1885/ourdiff/index.html: "Originally published in early 1885. [1]"
    assert parse_citation("early 1885. [1]").periodical is None
    # maresalului.github.io/beinstein/2013/01/31.htm: an address is no periodical's name
    assert parse_citation("marxismocritico.files.wordpress.com/2013/03/beinstein_militarismo.pdf - Conferência, 2013").periodical is None


def test_the_first_date_of_a_line_is_not_its_issue_number() -> None:
    # maresalului.github.io/bensaid/1997/mes/90.htm
    assert first_date("Dossier (suplemento), Rouge, n° 1755, Paris, 1997.") == DateValue(raw="1997", edtf="1997")


def test_int_to_roman_is_roman_to_int_reversed() -> None:
    assert [int_to_roman(n) for n in (1, 4, 9, 14, 40, 1994)] == ["I", "IV", "IX", "XIV", "XL", "MCMXCIV"]
    assert all(roman_to_int(int_to_roman(n)) == n for n in range(1, 4000))


def test_the_parts_of_a_chained_source_are_the_first_ones() -> None:
    # maresalului.github.io/tragtenberg/1991/mes/40.htm: the magazine took the talk from a book, whose pages these are
    citation = parse_citation(
        "Fonte: revista Espaço Acadêmico, n.º 9, fev/2002, a partir de Loureiro, Isabel Maria; Vigevani, Tullo. (Orgs.) Rosa"
        " Luxemburg: a recusa da alienação. São Paulo: Editora da UNESP, 1991, pp. 37–47."
    )
    assert (citation.periodical, citation.number, citation.date, citation.pages) == ("Espaço Acadêmico", "9", DateValue("fev/2002", "2002-02"), None)
    assert citation.raw.endswith("1991, pp. 37–47")
