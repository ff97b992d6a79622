"""parse_date on real MIA and ETOL lines, and on the shapes those pages print.

Real snippets name their file: seeds/ is /work/shared/seeds, the other paths
are under /work/shared/corpus.
"""

from __future__ import annotations

import pytest
from edtf import parse_edtf

from hemeroteca.fields.dates import edtf_in_words, iter_date_spans, parse_date
from hemeroteca.fields.text import normalise_space
from hemeroteca.record import DateValue

# (text, raw, edtf)
SEEDS = [
    # seeds/trotsky-cable-1936.txt
    ("(28 January 1936)", "28 January 1936", "1936-01-28"),
    ("Written: 28 January 1936.", "28 January 1936", "1936-01-28"),
    ("Source: New Militant, Vol. II No. 7, 15 February 1936, p. 1.", "15 February 1936", "1936-02-15"),
    (
        "Transcription/Mark-up: Einde O’Callaghan for the Trotsky Internet Archive (20 March 2018).",
        "20 March 2018",
        "2018-03-20",
    ),
    (
        "Copyleft: Leon Trotsky Internet Archive (www.marxists.org) 2018. Creative Commons (Share & Attribute).",
        "2018",
        "2018",
    ),
    ("Last updated on: 20 March 2018", "20 March 2018", "2018-03-20"),
    # seeds/ni-victims-1936.txt
    ("The New International, February 1936", "February 1936", "1936-02"),
    ("From New International, Vol. 3 No. 1, February 1936, Inside front cover.", "February 1936", "1936-02"),
    ("Last updated on 31.7.2006Leon Trotsky", "31.7.2006", "2006-07-31"),  # footer glued to the next page
]

CORPUS = [
    # mia-reader/_pages/marx/works/1852/18th-brumaire/index.htm
    ("Written: December 1851 - March 1852;", "December 1851 - March 1852", "1851-12/1852-03"),
    # mia-reader/_pages/marx/works/1871/letters/71_04_12.htm
    ("Written: April 12-17, 1871;", "April 12-17, 1871", "1871-04-12/1871-04-17"),
    # mia-reader/_pages/marx/works/1857/precapitalist/index.htm
    ("Written: 1857–58.", "1857–58", "1857/1858"),
    # mia-reader/_pages/marx/works/1884/origin-family/index.htm
    ("Written: March-May, 1884;", "March-May, 1884", "1884-03/1884-05"),
    # mia-reader/_pages/marx/works/1845/german-ideology/ch01.htm ("mid-1846" is no date)
    ("Written: Fall 1845 to mid-1846", "Fall 1845", "1845-23"),
    # mia-reader/_pages/marx/works/1845/theses/theses.htm
    ("Written: by Marx in the Spring of 1845, but slightly edited by Engels;", "Spring of 1845", "1845-21"),
    # mia-reader/_pages/marx/works/1847/communist-league/1885hist.htm
    ("First Published: Nov 12-26, 1885 in Sozialdemokrat;", "Nov 12-26, 1885", "1885-11-12/1885-11-26"),
    # mia-reader/_pages/marx/works/1877/anti-duhring/index.htm
    ("Published: in Vorwärts, Jan 3 1877-July 7 1878;", "Jan 3 1877-July 7 1878", "1877-01-03/1878-07-07"),
    # mia-reader/_pages/archive/connolly/1910/spi/spi.md
    ("(1910 or early 1911)", "1910 or early 1911", "1910/1911"),
    # mia-reader/_pages/marx/works/1881/zasulich/index.htm
    ("Written: late February to early March 1881;", "February to early March 1881", "1881-02/1881-03"),
    # mia-reader/_pages/marx/works/1875/gotha/index.htm
    ("Written: April or early May, 1875;", "April or early May, 1875", "1875-04/1875-05"),
    # mia-reader/_pages/archive/lafargue/1900/xx/ideal.md
    ("Written: ca. 1900", "ca. 1900", "1900~"),
    # mia-reader/_pages/marx/works/subject/economy/index.htm
    ("Pre-Capitalist Economic Formations, Marx, c. 1858", "c. 1858", "1858~"),
    # mia-reader/_pages/archive/plekhanov/1893/essays/index.html
    ("Written during 1892/93.", "1892/93", "1892/1893"),
    # mia-reader/_pages/marx/works/1875/letters/75_05_05.htm
    ("First Published: Die Neue Zeit, Bd. 1, No. 18, 1890-91;", "1890-91", "1890/1891"),
    # mia-reader/_pages/marx/works/1876/part-played-labour/index.htm: not a later year, so ISO year-month
    ("First published: in Die Neue Zeit 1895-06;", "1895-06", "1895-06"),
    # mia-reader/_pages/marx/works/1850/peasant-war-germany/ch01.htm
    ("Last updated on 15 July 2020", "15 July 2020", "2020-07-15"),
    # mia-reader/_pages/archive/trotsky/1924/ffyci-1/ch17.md
    ("Last updated on: 19.1.2007", "19.1.2007", "2007-01-19"),
    # mia-reader/_pages/archive/lenin/works/1920/jun/05.md
    ("Written: 5 June, 1920", "5 June, 1920", "1920-06-05"),
    # mia-reader/_pages/archive/roy/1920/07/15.md
    ("Source: The Call, July 15, 1920, p. 5 (772 words)", "July 15, 1920", "1920-07-15"),
    # mia-reader/_pages/archive/zetkin/1896/10/women.md
    (
        "Source: Speech at the Party Congress of the Social Democratic Party of Germany, Gotha, October 16th, 1896.",
        "October 16th, 1896",
        "1896-10-16",
    ),
    # mia-reader/_pages/archive/mattick-paul/1938/mass-vanguard.md: issue 4, not the 4th of August
    (
        "First Published: in Living Marxism vol. 4, no. 4 August 1938 and reprinted in Red & Black Notes #6 and #7;",
        "August 1938",
        "1938-08",
    ),
    # mia-reader/_pages/archive/lafargue/1882/06/socnat.md
    ("From Socialist Standard, February/March, 1912.", "February/March, 1912", "1912-02/1912-03"),
    # marxists-explorer/.../periodicals-*.json
    ("Workers Press (London, 1986-1989?)", "1986-1989?", "1986?/1989?"),
    # maresalului.github.io/abramo/1987/11/24.htm
    ("20–24 de Novembro de 1987", "20–24 de Novembro de 1987", "1987-11-20/1987-11-24"),
    (
        "Origem: depoimento no “Seminário Internacional 70 Anos de Experiências de Construção do Socialismo”, "
        "realizado no Instituto Cajamar de 20 a 24 de novembro de 1987.",
        "20 a 24 de novembro de 1987",
        "1987-11-20/1987-11-24",
    ),
    ("Inclusão: 09/05/2018", "09/05/2018", "2018-05-09"),
    ("Última atualização: 30/07/2025", "30/07/2025", "2025-07-30"),
    # maresalului.github.io/tematica/1963/07/27.htm
    ("Primeira edição: A Classe Operária, 1.º a 15 de agosto de 1963.", "1.º a 15 de agosto de 1963", "1963-08-01/1963-08-15"),
    # maresalului.github.io/abramo/1990/contracorrente/15.htm
    ("Primeira Edição: Luta de Classe, n.8, 5 de outubro de 1932", "5 de outubro de 1932", "1932-10-05"),
    # maresalului.github.io/abramo/1990/contracorrente/08.htm
    ("Primeira Edição: S.M., publicado em A Luta de Classe, no.7,1/5/1931.", "1/5/1931", "1931-05-01"),
    # maresalului.github.io/carone/1993/04/guerra.htm
    ("Fonte: Revista Princípios, n.º 28 fev/abr 1993 pag 44 a 49.", "fev/abr 1993", "1993-02/1993-04"),
    # maresalului.github.io/carneiro/1985/08/perfil.htm
    ("Fonte: Revista Princípios nº 11, ago/1985, págs. 45-50.", "ago/1985", "1985-08"),
    # maresalului.github.io/rodrigues-miguel/1982/12/12.htm
    ("Primeira edição: O Diário de 12/Dez/1982.", "12/Dez/1982", "1982-12-12"),
    # maresalului.github.io/furtseva/1956/02/discurso.htm
    ("Fonte: Problemas - Revista Mensal de Cultura Política nº 73 - Mar-Jun de 1956.", "Mar-Jun de 1956", "1956-03/1956-06"),
    # maresalului.github.io/allem-james/ano/mes/41l.htm
    (
        "Fonte: Problemas: revista mensal de cultura política, n.º 13, agosto–setembro de 1948.",
        "agosto–setembro de 1948",
        "1948-08/1948-09",
    ),
    # maresalului.github.io/rakovski/1928/08/06a.htm
    ("Fonte: Marx e o Marxismo, v. 5, n.º 8, jan./jun. 2017, págs. 164–174.", "jan./jun. 2017", "2017-01/2017-06"),
    # maresalului.github.io/dasgupta/1998/07/governo.htm
    (
        "Fonte: Revista Princípios nº 50, agosto-setembro-outubro de 1998, pág. 53-63.",
        "agosto-setembro-outubro de 1998",
        "1998-08/1998-10",
    ),
    # maresalului.github.io/brendel/1999/mes/40.htm
    (
        "Primeira edição: Originalmente publicado em Red & Black Notes #8, primavera de 1999.",
        "primavera de 1999",
        "1999-21",
    ),
    # maresalului.github.io/ho_chi_minh/1922/08/01-1.htm
    ("Primeira edição: La Paria – 01 de agosto de 1922.", "01 de agosto de 1922", "1922-08-01"),
    # maresalului.github.io/amazonas/1945/09/02.htm
    (
        "Fonte: Fundação Maurício Grabois. Discurso publicado em duas partes no jornal Tribuna Popular de "
        "1º/09/1945 (nº89) e 2/09/1945 (nº90).",
        "1º/09/1945",
        "1945-09-01",
    ),
    # maresalului.github.io/mattick/1938/mes/fracasso.htm
    ("Primeira edição: The Modern Quarterly, Fall 1938, pp. 16–20.", "Fall 1938", "1938-23"),
    # maresalului.github.io/lozovski/1930/mes/causa.htm
    ("Fonte: Revista Princípios, Edição 3, Novembro, 1981, págs: 13 a 16.", "Novembro, 1981", "1981-11"),
    # maresalului.github.io/hoxha/1966/05/11.htm
    (
        "Fonte para a tradução: Obras Escogidas, IV, Febrero de 1966 – Julio de 1975: – Casa Editora 8 Nëntori",
        "Febrero de 1966 – Julio de 1975",
        "1966-02/1975-07",
    ),
    # maresalului.github.io/vasco/1913/02/40.htm
    (
        "Primeira edição: A Sementeira, coluna Notas perdidas, n.ºs 37–52, outubro de 1911 a fevereiro de 1913.",
        "outubro de 1911 a fevereiro de 1913",
        "1911-10/1913-02",
    ),
    # maresalului.github.io/althusser/1966/03/18-a.htm
    (
        "Fonte: Crítica Marxista, v. 22, n.º 41, 30 de outubro de 2015, pp. 135–151.",
        "30 de outubro de 2015",
        "2015-10-30",
    ),
    # maresalului.github.io/lifschits/1971/mes/sociologia.htm
    ("Ver: Vladimir I. Lenin. Заседание вцик 29 апреля 1918 [Encontro", "29 апреля 1918", "1918-04-29"),
    # www.marxists.org/espanol/lumumba/1960/junio/30.htm
    ("Junio 30, 1960", "Junio 30, 1960", "1960-06-30"),
    ("marxists.org, enero 2012.", "enero 2012", "2012-01"),
    # mia-reader/_pages/marx/works/1880/soc-utop/index.htm
    ("Written: Between January and March of 1880;", "January and March of 1880", "1880-01/1880-03"),
    # maresalului.github.io/marx/1871/09/20-21.htm
    ("20 e 21 de Setembro de 1871", "20 e 21 de Setembro de 1871", "1871-09-20/1871-09-21"),
    # maresalului.github.io/sinani/1934/mes/40.htm: the city is no month
    ("A luta contra o prestismo e a revolução agrária e anti-imperialista. Rio de Janeiro. 1934, págs. 55–152.", "1934", "1934"),
]

SHAPES = [
    ("28 January 1936", "28 January 1936", "1936-01-28"),
    ("January 28, 1936", "January 28, 1936", "1936-01-28"),
    ("February 1936", "February 1936", "1936-02"),
    ("1936", "1936", "1936"),
    ("31/7/2006", "31/7/2006", "2006-07-31"),
    ("2006-07-31", "2006-07-31", "2006-07-31"),
    ("20 de Novembro de 1987", "20 de Novembro de 1987", "1987-11-20"),
    ("Novembro de 1987", "Novembro de 1987", "1987-11"),
    ("1 марта 1918 г.", "1 марта 1918 г.", "1918-03-01"),
    ("в марте 1918 г.", "марте 1918 г.", "1918-03"),
    ("январь 1919", "январь 1919", "1919-01"),
    ("Spring 1938", "Spring 1938", "1938-21"),
    ("Summer 1938", "Summer 1938", "1938-22"),
    ("Autumn 1938", "Autumn 1938", "1938-23"),
    ("Winter 1938-39", "Winter 1938-39", "1938-24"),
    ("verão de 1937", "verão de 1937", "1937-22"),
    ("otoño de 1936", "otoño de 1936", "1936-23"),
    ("invierno 1936", "invierno 1936", "1936-24"),
    ("Spring–Summer 1938", "Spring–Summer 1938", "1938-21/1938-22"),
    ("20-24 November 1987", "20-24 November 1987", "1987-11-20/1987-11-24"),
    ("del 20 al 24 de noviembre de 1987", "20 al 24 de noviembre de 1987", "1987-11-20/1987-11-24"),
    ("January–February 1936", "January–February 1936", "1936-01/1936-02"),
    ("28 January – 3 February 1936", "28 January – 3 February 1936", "1936-01-28/1936-02-03"),
    ("from June 1, 1848, to May 19, 1849", "June 1, 1848, to May 19, 1849", "1848-06-01/1849-05-19"),
    ("1934-1938", "1934-1938", "1934/1938"),
    ("de 1931 até 1934", "1931 até 1934", "1931/1934"),
    ("c. 1936", "c. 1936", "1936~"),
    ("circa 1936", "circa 1936", "1936~"),
    ("ca. 1936", "ca. 1936", "1936~"),
    ("[c.1850]", "[c.1850]", "1850~"),
    ("1936?", "1936?", "1936?"),
    ("[1936?]", "[1936?]", "1936?"),
    ("c. 28 January 1936?", "c. 28 January 1936?", "1936-01-28%"),
    ("Feb. 5, 1936", "Feb. 5, 1936", "1936-02-05"),
    ("Sept. 1936", "Sept. 1936", "1936-09"),
    ("SEPTEMBER 1936", "SEPTEMBER 1936", "1936-09"),
    ("the 28th of January, 1936", "28th of January, 1936", "1936-01-28"),
    ("28. Januar 1936", "28. Januar 1936", "1936-01-28"),
    ("1er mai 1936", "1er mai 1936", "1936-05-01"),
    ("14 juillet 1789", "14 juillet 1789", "1789-07-14"),
    ("25 ottobre 1917", "25 ottobre 1917", "1917-10-25"),
    ("marco de 1931", "marco de 1931", "1931-03"),  # accent dropped
    ("5 Fevrier 1936", "5 Fevrier 1936", "1936-02-05"),
    ("Last updated on:\u00a020\u00a0March  2018", "20 March 2018", "2018-03-20"),  # NBSP and double space
    ("İstanbul, 5 May 1936", "5 May 1936", "1936-05-05"),  # lower-casing changes its length
    # Impossible calendar dates keep the text, not the EDTF.
    ("31 February 1936", "31 February 1936", None),
    ("29 February 1900", "29 February 1900", None),
    ("29 February 1936", "29 February 1936", "1936-02-29"),
    ("24–20 November 1987", "24–20 November 1987", None),
    ("c. Spring 1936", "c. Spring 1936", None),  # EDTF has no qualified season on its own
    ("December–January 1936", "December–January 1936", None),  # which year December falls in is a guess
]

NO_DATE = [
    "",
    "Transcribed & marked up by Einde O’Callaghan for ETOL.",  # seeds/ni-victims-1936.txt
    "Main NI Index | Main Newspaper Index",  # seeds/ni-victims-1936.txt
    "Inclusão: dd/mm/aaaa",  # maresalului.github.io (template left unfilled)
    "Origem: Texto baseado em conferência realizada na PUC-SP em 20/6/96",  # maresalului.github.io/gorender/1996/06/20.htm
    "Fonte: https://movimentorevista.com.br/2018/08/o-partido-e-o-periodo/",  # maresalului.github.io/bensaid/2005/11/19.htm
    "15 February 36",
    "pp. 135–151",
]

CASES = SEEDS + CORPUS + SHAPES


@pytest.mark.parametrize(("text", "raw", "edtf"), CASES)
def test_parse_date(text: str, raw: str, edtf: str | None) -> None:
    assert parse_date(text) == DateValue(raw=raw, edtf=edtf)


@pytest.mark.parametrize("edtf", sorted({edtf for _, _, edtf in CASES if edtf is not None}))
def test_every_edtf_is_valid(edtf: str) -> None:
    parse_edtf(edtf)  # raises on anything the edtf package does not accept


@pytest.mark.parametrize(("text", "raw", "edtf"), CASES)
def test_raw_is_part_of_the_normalised_text(text: str, raw: str, edtf: str | None) -> None:
    # Callers cut the date out of the line by its raw text.
    assert raw in normalise_space(text)


@pytest.mark.parametrize("text", NO_DATE)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_iter_date_spans_finds_every_date() -> None:
    # mia-reader/_pages/archive/plekhanov/1905/10/internationalism.md
    line = "Source: Social Democrat, 1905, Vol. 9. no. 10, 15 Oct 1905, p.607;"
    assert [(start, value.edtf) for start, value in iter_date_spans(line)] == [(25, "1905"), (47, "1905-10-15")]


@pytest.mark.parametrize(
    ("edtf", "words"),
    [("1936-02-15", "15 February 1936"), ("1936-02", "February 1936"), ("1936", "1936"), ("1936-21", None), ("1934/1935", None), ("1936?", None)],
)
def test_an_issue_date_in_words(edtf: str, words: str | None) -> None:
    # The same issue cited from an English and a Portuguese page ("15 de fevereiro de 1936") shows one label.
    assert edtf_in_words(edtf) == words
