"""Information-block labels and credit values, on real lines of the corpus (each test names its page)."""

from __future__ import annotations

import pytest

from hemeroteca.fields.credits import parse_credit_sentences, parse_credit_value
from hemeroteca.record import Credit
from hemeroteca.fields.labels import field_for_label


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Source", "source"),
        ("Fuente del texto", "source"),
        ("Transcription/Mark-up", "credit:transcription,markup"),
        # www.marxists.org/espanol/lumumba/1960/junio/30.htm: typed with a slip and the language.
        ("Tranducido al castellano", "credit:translation"),
        ("Tradução e adaptação", "credit:translation"),  # maresalului.github.io/tematica/1978/07/11.htm
        ("Digitalização", "credit:transcription"),  # maresalului.github.io/tematica/1975/ccs/index.htm
        ("Envio", "credit:contribution"),  # maresalului.github.io/tematica/1954/10/boliviana.htm
        # mia-reader/_pages/archive/plekhanov/1908/xx/ibsen.md
        ("Translators", "credit:translation"),
        # maresalului.github.io/reis/1985/10/anl.htm: "Transcrição e HTML" without its "e".
        ("Transcrição HTML", "credit:transcription,html"),
        ("Traduzido para o português", "credit:translation"),
        # mia-reader/_pages/marx/works/1871/09/21.htm: a speech's date, and a publication in full.
        ("Spoken", "delivered"),
        ("First Published in full", "published"),
        # mia-reader/_pages/marx/works/1857/precapitalist/index.htm
        ("Translated by", "credit:translation"),
        ("Transcribed for the Internet", "credit:transcription"),
        # mia-reader/_pages/marx/works/1884/origin-family/index.htm
        ("Proofed and corrected", "credit:proofreading"),
        # maresalului.github.io/tematica/1975/mes/intercomissoes.htm: "Publicado por: Inter-Comissões."
        ("Publicado por", "publisher"),
        # What editors add beside a translation is no role of its own; a note marker is no part of a label:
        # maresalului.github.io/lukacs/1919/06/21.htm, pashukanis/1925/mes/direito.htm, tematica/1974/06/ponomariov.htm
        ("Tradução, notas e acréscimos(2)", "credit:translation"),
        ("Tradução do inglês para o português e prefácio", "credit:translation"),
        ("Tradução, revisão e arranjo gráfico", "credit:translation,proofreading"),
        ("Notas", None),
        ("Última atualização", None),  # a last-updated line, told by the boilerplate rules, not a field
        # Unknown labels stay unknown: kept verbatim in extra_fields, never forced onto a field.
        ("Publisher", "publisher"),
        ("Brovided by", None),
        ("Abstract", None),
    ],
)
def test_labels_name_their_field(label: str, field: str | None) -> None:
    assert field_for_label(label) == field


def test_a_spanish_credit_names_person_archive_and_date() -> None:
    # www.marxists.org/espanol/lumumba/1960/junio/30.htm
    (credit,) = parse_credit_value(["translation"], "Por Pancho López, para marxists.org, enero 2012.")
    assert (credit.name, credit.for_, credit.date.edtf if credit.date else None) == ("Pancho López", "marxists.org", "2012-01")


def test_the_archive_after_para_o() -> None:
    # maresalului.github.io/breton/1924/mes/surrealista.htm
    (credit,) = parse_credit_value(["html"], "José Braz para o Marxists Internet Archive.")
    assert (credit.name, credit.for_) == ("José Braz", "Marxists Internet Archive")


def test_the_language_translated_into_is_no_archive() -> None:
    # maresalului.github.io/trotsky/1929/06/12.htm
    (credit,) = parse_credit_value(["translation"], "José André Lôpez Gonçâlez, para o português da Galiza, setembro de 2008")
    assert (credit.name, credit.for_) == ("José André Lôpez Gonçâlez", None)


def test_para_inside_a_remark_is_no_archive() -> None:
    # maresalului.github.io/pecheux/1971/mes/semantica.htm
    value = (
        "Roberto Leiser Baronas e Fábio César Montanheiro, que agradecem vivamente a Claudine Haroche pela autorização"
        " para tradução e republicação deste texto."
    )
    credits = parse_credit_value(["translation"], value)
    assert [(c.name, c.for_) for c in credits] == [("Roberto Leiser Baronas", None), ("Fábio César Montanheiro", None)]


def test_each_person_may_have_a_date_of_their_own() -> None:
    # mia-reader/_pages/marx/works/1884/origin-family/index.htm
    credits = parse_credit_value(["proofreading"], "Mark Harris 2010; Martin Swayne 2021 (based on a comparison with the Wellred Books 2020 edition)")
    assert [(c.name, c.date.edtf if c.date else None) for c in credits] == [("Mark Harris", "2010"), ("Martin Swayne", "2021")]


def test_a_partner_that_gave_the_text_is_credited() -> None:
    # maresalului.github.io/tragtenberg/1991/mes/40.htm: div.colab, the partner named by its logo's alt text
    assert parse_credit_sentences("Este texto foi uma contribuição da Revista Espaço Acadêmico") == [
        Credit(role="contribution", name="Revista Espaço Acadêmico")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # mia-reader/_pages/archive/plekhanov/1892/engels/index.html
        (
            "Corrected & marked by Einde O'Callaghan for the Marxists' Internet Archive.",
            [Credit("proofreading", "Einde O'Callaghan", "Marxists' Internet Archive"), Credit("markup", "Einde O'Callaghan", "Marxists' Internet Archive")],
        ),
        # mia-reader/_pages/archive/plekhanov/1893/essays/index.html
        ("Scan & OCR by Andy Blunden.", [Credit("transcription", "Andy Blunden")]),
        ("Proofreading & mark-up by Einde O'Callaghan.", [Credit("proofreading", "Einde O'Callaghan"), Credit("markup", "Einde O'Callaghan")]),
        # mia-reader/_pages/archive/connolly/1899/05/resurgam.md and plekhanov/1898/10/what.md: no "by", a language
        ("Transcribed Aindrias Ó Cathasaigh.", [Credit("transcription", "Aindrias Ó Cathasaigh")]),
        ("Translated from Russian by Julius Katzer.", [Credit("translation", "Julius Katzer")]),
        # mia-reader/_pages/archive/lafargue/1895/xx/chinojap.md: a source, not a person
        ("Translated from La Petite République.", None),
    ],
)
def test_credit_sentences_with_nouns_and_short_verbs(line: str, expected: list[Credit] | None) -> None:
    assert parse_credit_sentences(line) == expected


def test_the_archive_may_come_before_the_person() -> None:
    # mia-reader/_pages/archive/plekhanov/1910/study-philosophy.md: "[Transcribed]{.info}: for the Marxist Internet Archive by Paul Flewers."
    assert parse_credit_value(["transcription"], "for the Marxist Internet Archive by Paul Flewers.") == [
        Credit("transcription", "Paul Flewers", "Marxist Internet Archive")
    ]


@pytest.mark.parametrize(
    ("value", "names"),
    [
        # maresalului.github.io/ilyenkov/1976/mes/ideal.htm: "e" inside a surname
        ("Marcelo José de Souza e Silva.(1), do inglês.", ["Marcelo José de Souza e Silva"]),
        # maresalului.github.io/rocker/1919/02/15.htm: "e" inside a body's name
        ("Instituto de Teoria e História Anarquista (ITHA).", ["Instituto de Teoria e História Anarquista"]),
        # maresalului.github.io/parsons/1905/09/03.htm: a publisher's name closes with what it is
        ("Roxo e Negro Publicações.", ["Roxo e Negro Publicações"]),
        # maresalului.github.io/mandel/1971/03/40.htm: three people
        ("Pedro Barbosa, Vinicius Souza e Sidarta Landarini, do inglês.", ["Pedro Barbosa", "Vinicius Souza", "Sidarta Landarini"]),
    ],
)
def test_e_may_join_the_parts_of_one_name(value: str, names: list[str]) -> None:
    assert [credit.name for credit in parse_credit_value(["translation"], value)] == names


@pytest.mark.parametrize(
    ("value", "names"),
    [
        # mia-reader/_pages/marx/works/1877/anti-duhring/index.htm
        ("by Emile Burns from 1894 edition;", ["Emile Burns"]),
        # mia-reader/_pages/marx/works/1884/origin-family/index.htm
        (
            "The text is essentially the English translation by Alick West published in 1942, but it has been revised"
            " against the German text as it appeared in MEW [Marx-Engels Werke] Volume 21, Dietz Verlag 1962, and the"
            " spelling of names and other terms has been modernised;",
            ["Alick West"],
        ),
    ],
)
def test_what_a_translation_credit_says_after_the_name_is_no_name(value: str, names: list[str]) -> None:
    assert [credit.name for credit in parse_credit_value(["translation"], value)] == names


def test_what_a_person_is_beside_the_name_is_no_name() -> None:
    # mia-reader/_pages/archive/deleon/works/1886/1886-mar.md, as read (links and emphasis gone)
    value = "Robert Bills of the The Socialist Labor Party of America, Editor of The People & David Walters"
    assert [credit.name for credit in parse_credit_value(["transcription"], value)] == ["Robert Bills", "David Walters"]

