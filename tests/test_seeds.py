"""The two seed pages the project grew from give exactly the right records (expectations written by hand)."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS
from hemeroteca.readers import read_document
from hemeroteca.record import Record

NAVIGATION = ("return return", "Main NI Index", "Top of page", "Main Newspaper Index", "Encyclopedia of Trotskyism", "Last updated")


def read_seed(name: str) -> Record:
    path = SEEDS / name
    record, form, _ = read_document(path, path.read_bytes())
    assert form == "text"
    return record


def assert_no_navigation(record: Record) -> None:
    text = record.body_text()
    for phrase in NAVIGATION:
        assert phrase not in text, phrase
    assert not any(block.text.strip().casefold() in ("return", "top of page") for block in record.body)


def test_trotsky_cable() -> None:
    record = read_seed("trotsky-cable-1936.txt")
    assert record.title == "Trotsky Cables Denial to AP on Daily Worker Lies"
    assert record.subtitle == "Denounces Repressions Against Bolshevik-Leninists by the Stalinist Bureaucracy"
    assert [(p.name, p.role) for p in record.authors] == [("Leon Trotsky", "author")]
    assert record.dateline == "28 January 1936"
    assert record.written is not None and record.written.edtf == "1936-01-28"
    assert record.published is not None and record.published.edtf == "1936-02-15"
    source = record.source
    assert source is not None
    assert source.raw == "New Militant, Vol. II No. 7, 15 February 1936, p. 1"
    assert (source.periodical, source.volume, source.volume_raw, source.number) == ("New Militant", "2", "II", "7")
    assert source.date is not None and source.date.edtf == "1936-02-15"
    assert source.pages == "p. 1"
    assert [(c.role, c.name, c.for_, c.date.edtf if c.date else None) for c in record.credits] == [
        ("transcription", "Einde O'Callaghan", "Trotsky Internet Archive", "2018-03-20"),
        ("markup", "Einde O'Callaghan", "Trotsky Internet Archive", "2018-03-20"),
    ]
    assert record.license == "Leon Trotsky Internet Archive (www.marxists.org) 2018. Creative Commons (Share & Attribute)"
    assert [n.kind for n in record.notes] == ["editor"]
    assert record.notes[0].text.startswith("Editor’s Note: On January 28 Leon Trotsky sent the following cable")
    assert record.last_updated is not None and record.last_updated.edtf == "2018-03-20"
    assert record.language == "en"
    kinds = [block.kind for block in record.body]
    assert kinds == ["note", "paragraph", "paragraph", "paragraph", "paragraph", "signature"]
    assert record.body[-1].text == "(signed) Leon Trotsky"
    assert record.body[1].text.startswith("Hearst Press published the article about political persecution")
    assert record.body[4].text.endswith("is to do a real service to the people of the Soviet Union.")
    assert_no_navigation(record)


def test_new_international_victims() -> None:
    record = read_seed("ni-victims-1936.txt")
    assert record.title == "Victims of Stalinist Repression and Terror"
    assert record.subtitle is None
    assert record.authors == []  # an unsigned editorial: no author is guessed
    assert record.running_head == "The New International, February 1936"
    source = record.source
    assert source is not None
    assert (source.periodical, source.volume, source.number, source.pages) == ("New International", "3", "1", "Inside front cover")
    assert source.date is not None and source.date.edtf == "1936-02"
    assert [(c.role, c.name, c.for_) for c in record.credits] == [
        ("transcription", "Einde O'Callaghan", "ETOL"),
        ("markup", "Einde O'Callaghan", "ETOL"),
    ]
    assert record.written is None
    assert record.last_updated is not None and record.last_updated.edtf == "2006-07-31"
    quotes = [block for block in record.body if block.kind == "quote"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("“The letters and documents recently published by comrades Tarov and Ciliga")
    assert quotes[0].text.endswith("there is no real salvation for them.”")
    # The text says "Comrade Trotsky"; MIA knows two Trotskys, so the name stays as printed.
    assert quotes[0].attribution == "Trotsky"
    assert record.body[0].text.startswith("THE WALLS of Stalinism are beginning to crack")
    assert record.body[-1].text.endswith("the great banner of Marx, Lenin and Trotsky!")
    assert len(record.body) == 13
    assert_no_navigation(record)


def test_seed_files_are_what_the_tests_expect() -> None:
    assert sorted(p.name for p in Path(SEEDS).glob("*.txt")) == ["ni-victims-1936.txt", "trotsky-cable-1936.txt"]
