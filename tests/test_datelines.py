"""Datelines, on real lines of the corpus (each names its page)."""

from __future__ import annotations

import pytest

from hemeroteca.readers.datelines import closing_dateline, date_alone, is_lifetime, place_and_date, written
from hemeroteca.record import Block, DateValue


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("(28 January 1936)", "1936-01-28"),  # seeds/trotsky-cable-1936.txt
        ("Junio 30, 1960", "1960-06-30"),  # www.marxists.org/espanol/lumumba/1960/junio/30.htm
        ("1908-1993", "1908/1993"),  # maresalului.github.io/abramo/index.htm
        ("The Economic Situation and Social Classes in Germany", None),
    ],
)
def test_a_date_alone(text: str, edtf: str | None) -> None:
    date = date_alone(text)
    assert (date.edtf if date else None) == edtf


@pytest.mark.parametrize(
    ("text", "lifetime"),
    [("1908-1993", True), ("1818–1883", True), ("(1910 or early 1911)", False), ("1938", False), ("Leon Trotsky", False)],
)
def test_a_lifetime_is_a_span_of_years_too_long_for_a_date_of_writing(text: str, lifetime: bool) -> None:
    assert is_lifetime(text) is lifetime


def test_a_letters_place_and_date() -> None:
    assert place_and_date("London, September 21, 1890")  # mia-reader/_pages/marx/works/1890/letters/90_09_21.htm
    assert not place_and_date("Dear Comrade Quelch, -- This First of May")


@pytest.mark.parametrize(
    ("last", "dateline"),
    [
        ("July 23, 1921. Moscow.", "July 23, 1921. Moscow."),  # mia-reader/_pages/archive/trotsky/1924/ffyci-1/ch17.md
        ("London, January 6, 1891", "London, January 6, 1891"),  # mia-reader/_pages/marx/works/1875/gotha/foreword.htm
        ("27/05/2014", None),  # maresalului.github.io/feuerbach/1842/mes/necessidade.htm: the archive's stamp
        ("With comradely greetings.", None),
    ],
)
def test_a_closing_dateline(last: str, dateline: str | None) -> None:
    body = [Block("paragraph", "DEAR COMRADE, in accordance with your expressed desire"), Block("paragraph", last)]
    assert closing_dateline(body) == dateline


def test_the_written_date() -> None:
    published = DateValue(raw="15 February 1936", edtf="1936-02-15")
    assert written("January 28, 1936", None, published) == DateValue(raw="January 28, 1936", edtf="1936-01-28")
    assert written(None, "(28 January 1936)", published).edtf == "1936-01-28"  # type: ignore[union-attr]
    assert written(None, "(15 February 1936)", published) is None  # only repeats the publication date
    assert written(None, "1925–1961", None) is None  # a lifetime
