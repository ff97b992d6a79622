"""Reused passages (hemeroteca.reuse): normalising, alignment offsets, clusters, incremental runs, both engines, both backends.

The test corpus: the seeds, the constructed ETOL pages (tests/fixtures/etol), and a slice of ../shared/corpus with
real repeats — Thalheimer's texts, which the Portuguese MIA holds twice (thalheimer/ and teste/) — and twelve of its
redirect stubs ("A página que se encontrava neste endereço foi movida"), boilerplate.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from clitools import run_cli
from conftest import BACKENDS, CORPUS, FIXTURES, SEEDS, new_database
from hemeroteca.ingest import ingest
from hemeroteca.reuse import find_reuse, passages_of
from hemeroteca.reuse.anchors import anchors_of
from hemeroteca.reuse.local import LocalEngine
from hemeroteca.reuse.normalise import match_text, whole_words
from hemeroteca.reuse.pairs import prepare, shared_spans
from hemeroteca.reuse.seeds import chains, pair_seeds
from hemeroteca.store import open_store

QUOTING = "seeds/ni-victims-1936"
QUOTED_SOURCE = "etol/newspape/ni/vol03/no02/trotsky"  # holds Trotsky's statement, which the seed quotes
# Plekhanov's essays in MIA's Markdown, 15 of which repeat the Moscow editors' note on the notes: boilerplate.
PLEKHANOV = CORPUS / "mia-reader" / "_pages" / "archive" / "plekhanov"
# Redirect notices: not documents, skipped by ingest.
STUBS = [
    "althusser/1967/humanismo/cap02.htm", "kim_jong-il/ideia/06.htm", "lenin/1914/05/unidade/cap01.htm",
    "leuenroth/ano/mes/anarquismo.htm", "mandel/1968/crise/cronologia.htm", "mandel/1968/crise/glossario.htm",
    "nietzsche/1888/09/anticristo.htm", "nietzsche/1888/10/ecce_homo.htm", "nkrumah/1970/luta/03.htm",
    "nkrumah/1970/luta/06.htm", "nkrumah/1970/luta/09.htm", "politzer/1936/mes/principios.htm",
]
LETTER = (
    "When hundreds of the prisoners, in protest against the intolerable hounding, resort to the terrible means of a"
    " hunger strike, they are subjected to forced feeding, only in order to be placed later under even worse conditions."
)


# -- normalising --------------------------------------------------------------------------------------


def test_letters_fold_case_accents_punctuation_hyphenation_and_word_breaks() -> None:
    assert match_text("REVOLUÇÃO: the Workers' «revolu-\ntion»!").letters == "revolucaotheworkersrevolution"
    assert match_text("theworkers of the world").letters == match_text("the workers of the world").letters
    assert match_text("Trótski, 1936 [12]").letters == "trotski"  # digits (years, footnote markers) are not matched


def test_letters_keep_their_character_offsets() -> None:
    text = "«Ciliga», Tarov."
    letters = match_text(text)
    assert text[letters.offsets[0]] == "C"
    assert letters.span(6, 11) == (10, 15) and text[10:15] == "Tarov"
    assert whole_words(text, 11, 13) == (10, 15)


def test_anchors_depend_on_the_letters_alone() -> None:
    one = anchors_of(match_text("Eighteen years after the October revolution, at a time when Socialism has conquered"))
    other = anchors_of(match_text("EIGHTEEN years after the Octo-\nber revolution at a time when socialism has conquered."))
    assert len(one) > 3 and one.hashes.tolist() == other.hashes.tolist() and one.positions.tolist() == other.positions.tolist()


# -- alignment on real snippets -------------------------------------------------------------------------


def _shared(first: str, second: str) -> list[tuple[int, int, int, int]]:
    seeds = pair_seeds([anchors_of(match_text(first)), anchors_of(match_text(second))], lambda a, b: a == a)
    if (0, 1) not in seeds:
        return []
    found = chains(seeds[(0, 1)][0].tolist(), seeds[(0, 1)][1].tolist())
    return shared_spans(prepare(first), prepare(second), found)


def test_alignment_gives_the_passage_offsets_in_both_texts_despite_ocr_noise() -> None:
    source = "Editor’s Note: a statement from Norway. " + LETTER + " A short time ago Dr. Anton Ciliga returned."
    noisy = (
        "When hundreds of the prisoners, in protest against the intolerable houndlng, resort to the terrible means of a"
        " hunger-strike they are subjected to forcedfeeding, only in order to be placed later under even worse conditions."
    )
    quoting = "Comrade Trotsky writes: “" + noisy + "” For the first time since mass expulsions began."
    [(a_start, a_end, b_start, b_end)] = _shared(source, quoting)
    assert source[a_start:a_end] == LETTER[:-1]  # the passage, without the full stop after its last word
    assert quoting[b_start:b_end] == noisy[:-1]


def test_a_partial_quotation_aligns_with_the_part_quoted() -> None:
    source = "Comrade Trotsky writes: " + LETTER + " When individual revolutionists, finding no other means of protest, cut their veins."
    part = "they are subjected to forced feeding, only in order to be placed later under even worse conditions"
    quoting = "The report says that " + part + ". Nothing else was said about the hunger strikes in the camps."
    [(a_start, a_end, b_start, b_end)] = _shared(source, quoting)
    assert source[a_start:a_end] == part and quoting[b_start:b_end] == part


def test_unrelated_texts_share_nothing() -> None:
    assert _shared(LETTER, "Stalin has transformed the Soviet Union from a haven of refuge for revolutionists into a prison.") == []


# -- the archive ---------------------------------------------------------------------------------------


def _corpus_slice(folder: Path) -> Path:
    """Thalheimer's texts (held twice), Plekhanov's essays with their editors' note, and redirect stubs, under folder/corpus."""
    root = folder / "corpus"
    portuguese = CORPUS / "maresalului.github.io"
    for name in ("thalheimer", "teste"):
        shutil.copytree(portuguese / name, root / name)
    shutil.copytree(PLEKHANOV, root / "plekhanov")
    for page in STUBS:
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(portuguese / page, root / page)
    return root


def _canonical(clusters: list) -> str:  # noqa: ANN001 - ReuseCluster
    return json.dumps([c.to_json() for c in clusters], sort_keys=True, ensure_ascii=False)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def corpus_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus_slice(tmp_path_factory.mktemp("slice"))


def test_the_quotation_in_the_seed_is_linked_to_the_document_holding_its_source(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    store = open_store(new_database(request, backend, tmp_path, "quotation"))
    try:
        assert ingest(store, [SEEDS, FIXTURES / "etol"]).ok
        find_reuse(store, LocalEngine())
        _, record = store.get_record(QUOTING)
        text = record.body_text()
        quotation = text.index("The letters and documents recently published")
        [passage] = [p for p in passages_of(store, QUOTING) if p.start <= quotation < p.end and any(o.document_id == QUOTED_SOURCE for o in p.others)]
        assert passage.quoted and not passage.is_source
        assert text[passage.start : passage.end].endswith("there is no real salvation for them")
        source = passage.source
        assert source is not None and source.document_id == QUOTED_SOURCE  # the statement, not a quotation of it
        _, quoted_record = store.get_record(QUOTED_SOURCE)
        assert quoted_record.body_text()[source.start : source.end].startswith("The letters and documents recently published")
    finally:
        store.close()


def test_an_incremental_run_reads_only_new_documents_and_stores_what_a_full_run_does(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path, corpus_slice: Path
) -> None:
    stepwise = open_store(new_database(request, backend, tmp_path, "stepwise"))
    whole = open_store(new_database(request, backend, tmp_path, "whole"))
    try:
        assert ingest(stepwise, [SEEDS, FIXTURES / "etol"]).ok
        assert find_reuse(stepwise, LocalEngine()).processed == 7
        added = ingest(stepwise, [corpus_slice])
        second = find_reuse(stepwise, LocalEngine())
        assert second.processed == added.ingested == stepwise.count_documents() - 7
        assert find_reuse(stepwise, LocalEngine()).processed == 0
        assert ingest(whole, [SEEDS, FIXTURES / "etol", corpus_slice]).ok
        full = find_reuse(whole, LocalEngine())
        assert _canonical(second.clusters) == _canonical(full.clusters)
        pairs = "SELECT * FROM reuse_pairs ORDER BY first_document, second_document, first_start, second_start"
        assert stepwise.rows(pairs, ()) == whole.rows(pairs, ())
    finally:
        stepwise.close()
        whole.close()


def test_repeats_in_the_corpus_are_clustered_and_an_editors_note_set_apart_as_boilerplate(corpus_slice: Path, tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "slice.db"))
    report = ingest(store, [corpus_slice])
    clusters = find_reuse(store, LocalEngine()).clusters
    store.close()
    assert sorted(Path(path).name for path, _ in report.skipped) == sorted(Path(stub).name for stub in STUBS)
    [note] = [c for c in clusters if c.boilerplate and "are by Plekhanov, except those by the Moscow editors" in c.passages[0].excerpt]
    assert note.documents > 8 and note.source is None
    assert all(p.passage.document_id.startswith("corpus/plekhanov/") for p in note.passages)
    copies = [c for c in clusters if not c.boilerplate and {p.passage.document_id.split("/")[1] for p in c.passages} == {"teste", "thalheimer"}]
    assert len(copies) >= 5  # each text held under both paths is one cluster


# -- Spark ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark_engine() -> Iterator[object]:
    from hemeroteca.reuse.spark import SparkEngine

    engine = SparkEngine("local[2]")
    yield engine
    engine.session.stop()


def test_the_spark_engine_finds_the_clusters_the_local_engine_finds(
    spark_engine: object, corpus_slice: Path, tmp_path: Path
) -> None:
    local, spark = open_store(str(tmp_path / "local.db")), open_store(str(tmp_path / "spark.db"))
    for store in (local, spark):
        assert ingest(store, [SEEDS, FIXTURES / "etol", corpus_slice]).ok
    found_locally = find_reuse(local, LocalEngine())
    found_on_spark = find_reuse(spark, spark_engine)  # type: ignore[arg-type]
    assert found_on_spark.engine == "spark" and found_on_spark.processed == found_locally.processed
    assert len(found_locally.clusters) > 10
    assert _canonical(found_on_spark.clusters) == _canonical(found_locally.clusters)
    # Incremental on Spark too: a new document is compared against the stored signatures.
    for store in (local, spark):
        ingest(store, [FIXTURES / "handchecked"])
    assert _canonical(find_reuse(spark, spark_engine).clusters) == _canonical(find_reuse(local, LocalEngine()).clusters)  # type: ignore[arg-type]
    local.close()
    spark.close()


# -- the command ---------------------------------------------------------------------------------------


def test_the_reuse_command_lists_clusters_as_json_and_text(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    assert run_cli("ingest", str(SEEDS), str(FIXTURES / "etol"), "--db", db).returncode == 0
    result = run_cli("reuse", "--db", db, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "local" and data["processed"] == 7
    [cluster] = [c for c in data["clusters"] if {p["document_id"] for p in c["passages"]} >= {QUOTING, QUOTED_SOURCE} and c["documents"] == 3]
    assert cluster["boilerplate"] is False and cluster["source"]["document_id"] == QUOTED_SOURCE
    passage = next(p for p in cluster["passages"] if p["document_id"] == QUOTED_SOURCE)
    assert passage["title"] == "On the Fate of the Imprisoned Oppositionists" and passage["end"] > passage["start"]
    assert passage["excerpt"].startswith("The letters and documents recently published")
    text = run_cli("reuse", "--db", db)
    assert text.returncode == 0 and "7 documents (0 read, 0 gone)" in text.stdout and f"source {QUOTED_SOURCE}" in text.stdout
    assert run_cli("reuse", "--db", str(tmp_path / "missing.db")).returncode == 1
