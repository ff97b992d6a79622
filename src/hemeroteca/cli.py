"""The `hemeroteca` command line."""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.markup import escape
from rich.table import Table

from hemeroteca.coverage import FIELDS, Coverage, sub_corpus
from hemeroteca.ingest import discover, read_candidate
from hemeroteca.ingest import ingest as run_ingest
from hemeroteca.store.base import FailedFile, IngestedFile
from hemeroteca.record import Record
from hemeroteca.search.query import QuerySyntaxError, parse_query
from hemeroteca.search.results import snippet_plain
from hemeroteca.store import DEFAULT_DB, DatabaseUnavailableError, NoDatabaseError, UnsupportedDatabaseError, display_name, open_store

app = typer.Typer(no_args_is_help=True, add_completion=False, help="An archive engine for transcribed periodicals.")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str, typer.Option("--db", help="SQLite file (the embedded default), or postgresql://user:password@host:port/database.")
]


class OutputFormat(str, Enum):
    json = "json"
    text = "text"


FormatOption = Annotated[OutputFormat, typer.Option("--format", help="json or text.")]


def _store(db: str, *, create: bool = True):  # noqa: ANN202 - the backend type is chosen by the URL
    """`create=False` for commands that only read: a mistyped --db must not leave an empty archive behind."""
    try:
        return open_store(db, create=create)
    except UnsupportedDatabaseError as error:
        err.print(f"error: --db {display_name(db)}: {error}", markup=False)
        raise typer.Exit(2) from error
    except (NoDatabaseError, DatabaseUnavailableError) as error:
        err.print(f"error: --db {display_name(db)}: {error}", markup=False)
        raise typer.Exit(1) from error


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (a local mirror) to ingest.")],
    db: DbOption = DEFAULT_DB,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="Processes reading files (default: one per core).")] = os.cpu_count() or 1,
) -> None:
    """Read pages into the archive; unchanged files are skipped, failing ones reported."""
    store = _store(db)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("ingest", total=None)
        report = run_ingest(
            store, paths, workers=jobs, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )
    store.close()
    for path, error in report.failed:
        err.print(f"failed: {path}: {error}", markup=False)
    out.print(f"ingested {report.ingested}, unchanged {report.unchanged}, failed {len(report.failed)}")
    if report.skipped:
        out.print(f"skipped {len(report.skipped)} files that are not documents (redirect pages)")
    if not report.ok:
        raise typer.Exit(1)


def _text_view(record_id: str, record: Record) -> str:
    data = record.to_json(record_id)
    lines = [f"{record.title or '(untitled)'}"]
    if record.subtitle:
        lines.append(record.subtitle)
    facts: list[tuple[str, Any]] = [
        ("id", record_id),
        ("authors", ", ".join(p.name for p in record.authors) or None),
        ("written", record.written.edtf if record.written else None),
        ("published", record.published.edtf if record.published else None),
        ("source", record.source.raw if record.source else None),
        ("credits", "; ".join(f"{c['role']}: {c['name']}" + (f" for {c['for']}" if c["for"] else "") for c in data["credits"]) or None),
        ("license", record.license),
        ("last updated", record.last_updated.edtf if record.last_updated else None),
        ("language", record.language),
    ]
    lines += [f"{name}: {value}" for name, value in facts if value]
    lines.append("")
    for block in record.body:
        prefix = {"quote": "> ", "heading": "## ", "note": "[note] ", "signature": "— "}.get(block.kind, "")
        suffix = f" ({block.attribution})" if block.attribution else ""
        lines += [prefix + block.text + suffix, ""]
    return "\n".join(lines)


@app.command()
def show(
    id_or_path: Annotated[str, typer.Argument(help="A document id, or the path of an ingested file.")],
    db: DbOption = DEFAULT_DB,
    format: FormatOption = OutputFormat.json,
) -> None:
    """Print one record."""
    store = _store(db, create=False)
    key = os.path.abspath(id_or_path) if Path(id_or_path).exists() else id_or_path  # as ingest stores paths
    found = store.get_record(key)
    store.close()
    if found is None:
        err.print(f"error: no document {id_or_path!r} in {display_name(db)}", markup=False)
        raise typer.Exit(1)
    record_id, record = found
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(record.to_json(record_id), ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(_text_view(record_id, record), markup=False)


@app.command("list")
def list_documents(
    db: DbOption = DEFAULT_DB,
    periodical: Annotated[str | None, typer.Option(help="Periodical name or slug.")] = None,
    author: Annotated[str | None, typer.Option(help="Author name, variant or pseudonym.")] = None,
    format: FormatOption = OutputFormat.text,
) -> None:
    """List documents, optionally of one periodical or author."""
    store = _store(db, create=False)
    documents = store.list_documents(periodical=periodical, author=author)
    store.close()
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps([d.to_json() for d in documents], ensure_ascii=False, indent=2) + "\n")
        return
    for doc in documents:
        by = f" — {', '.join(doc.authors)}" if doc.authors else ""
        where = f" [{doc.periodical}{', ' + doc.date if doc.date else ''}]" if doc.periodical else (f" [{doc.date}]" if doc.date else "")
        out.print(f"{doc.id}: {doc.title or '(untitled)'}{by}{where}", markup=False)
    out.print(f"{len(documents)} documents")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "exact phrases", -excluded, author:, periodical:, year:1936 or 1934..1938, lang:.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    format: FormatOption = OutputFormat.text,
) -> None:
    """Ranked full-text search, with facet counts."""
    try:
        parsed = parse_query(query)
    except QuerySyntaxError as error:
        err.print(f"error: query: {error}", markup=False)
        raise typer.Exit(2) from error
    store = _store(db)
    result = store.search(parsed, limit=limit, offset=offset)
    store.close()
    if format is OutputFormat.json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"{result.total} documents match", markup=False)
    for rank, hit in enumerate(result.hits, start=offset + 1):
        by = f" — {', '.join(hit.authors)}" if hit.authors else ""
        where = ", ".join(part for part in (hit.periodical, hit.date) if part)
        out.print(f"{rank}. {hit.title or '(untitled)'}{by}" + (f" [{where}]" if where else ""), markup=False)
        out.print(f"   {hit.id}", markup=False, style="dim")
        if hit.snippet:
            out.print("   " + snippet_plain(escape(hit.snippet), "[bold]", "[/bold]"))
    for name, values in result.facets.items():
        if values:
            out.print(f"{name}: " + ", ".join(f"{value} ({count})" for value, count in values[:8]), markup=False, style="dim")


@app.command()
def optimize(db: DbOption = DEFAULT_DB) -> None:
    """After a bulk load: merge the search index and refresh the planner's statistics and the common words' champion lists."""
    store = _store(db, create=False)
    with err.status("optimizing the search index…"):
        store.optimize()
    store.close()
    out.print(f"{display_name(db)}: search index optimized", markup=False)


@app.command()
def check(paths: Annotated[list[Path], typer.Argument(help="Files or folders to read (nothing is stored).")]) -> None:
    """Report the share of documents whose title, author, dates, source and credits were found, per sub-corpus."""
    failures: list[tuple[str, str]] = []
    candidates = list(discover(paths, lambda path, error: failures.append((path, error))))
    by_corpus: dict[str, Coverage] = defaultdict(Coverage)
    with Progress(TextColumn("[bold]check"), BarColumn(), MofNCompleteColumn(), console=err, transient=True) as bar:
        for candidate in bar.track(candidates):
            result = read_candidate(candidate, {})
            coverage = by_corpus[sub_corpus(candidate.document_id)]
            if isinstance(result, FailedFile):
                coverage.failed += 1
                failures.append((result.path, result.error))
            elif isinstance(result, IngestedFile):
                coverage.add(result.record)
    table = Table("sub-corpus", "docs", "failed", *FIELDS, title="Share of documents with each field found")
    total = Coverage()
    for name, coverage in sorted(by_corpus.items()):
        table.add_row(name, str(coverage.documents), str(coverage.failed), *(f"{coverage.share(f):.0%}" for f in FIELDS))
        total.documents += coverage.documents
        total.failed += coverage.failed
        for field_name in FIELDS:
            total.found[field_name] += coverage.found[field_name]
    table.add_row("all", str(total.documents), str(total.failed), *(f"{total.share(f):.0%}" for f in FIELDS), style="bold")
    # The table is read in logs too: never squeezed to a narrow or absent terminal.
    Console(highlight=False, width=max(out.width, 170)).print(table)
    for path, error in failures:
        err.print(f"failed: {path}: {error}", markup=False)
    if failures:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535)] = 8000,
    admin_token: Annotated[
        str | None, typer.Option(envvar="HEMEROTECA_ADMIN_TOKEN", help="Allows writes (uploads) to requests bearing it.")
    ] = None,
    uploads: Annotated[Path, typer.Option(help="Folder that keeps uploaded pages.")] = Path("uploads"),
) -> None:
    """Serve the archive on the web: pages, JSON API (/api, /openapi.json) and OAI-PMH (/oai). Read-only without --admin-token."""
    import uvicorn

    from hemeroteca.web.app import create_app

    _store(db, create=False).close()
    application = create_app(db, admin_token, uploads=uploads.resolve())
    err.print(f"serving {display_name(db)} on http://{host}:{port}/" + ("" if admin_token else " (read-only)"), markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


class ExportKind(str, Enum):
    site = "site"
    tei = "tei"
    epub = "epub"
    csl = "csl"
    bibtex = "bibtex"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
    kind: Annotated[ExportKind, typer.Argument(help="site, tei, epub, csl, bibtex, jsonl or parquet.")],
    target: Annotated[
        str,
        typer.Argument(
            metavar="SELECTION|OUT_DIR",
            help="For site: the folder to write the mirror into. Else what to export: a document id, issue:ni/1936/02,"
            ' volume:ni/3, periodical:"New International", author:trotsky, query:TEXT, or all.',
        ),
    ],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (or, for tei of several documents, folder).")] = None,
    db: DbOption = DEFAULT_DB,
    base_url: Annotated[str | None, typer.Option(help="Where the archive is served, for the URLs exports give.")] = None,
    search_index: Annotated[bool, typer.Option(help="site: build the mirror's in-browser search index (Pagefind).")] = True,
) -> None:
    """Export the archive: a static mirror (site), TEI P5, EPUB 3, CSL-JSON, BibTeX, JSON Lines or Parquet."""
    from hemeroteca.exports import writers
    from hemeroteca.exports.selection import SelectionError, select

    store = _store(db, create=False)
    if kind is ExportKind.site:
        _export_site(store, Path(target), base_url, search_index)
        store.close()
        return
    if output is None:
        err.print(f"error: export {kind.value}: give the file to write with -o", markup=False)
        raise typer.Exit(2)
    try:
        selection = select(store, target)
    except SelectionError as error:
        err.print(f"error: {error}", markup=False)
        raise typer.Exit(1) from error
    written = writers.WRITERS[kind.value](store, selection, output, base_url)
    store.close()
    out.print(f"wrote {written} documents ({selection.title}) to {output}", markup=False)


def _export_site(store, out_dir: Path, base_url: str | None, search_index: bool) -> None:  # noqa: ANN001 - either store
    from hemeroteca.web.static_site import export_site

    with Progress(TextColumn("[bold]export"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err) as bar:
        task = bar.add_task("documents", total=None)
        report = export_site(
            store, out_dir, base_url=base_url, search_index=search_index,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    index = "with a search index" if report.search_index else "without a search index"
    out.print(f"wrote {report.pages} pages ({report.documents} documents) to {out_dir}, {index}", markup=False)


@app.command()
def attribute(
    document: Annotated[str, typer.Argument(metavar="DOC", help="The document whose authorship is claimed (id or file path).")],
    status: Annotated[str, typer.Option("--status", help="denied, disputed or attributed.")],
    person: Annotated[str, typer.Option("--person", help="Whose authorship (a name the catalogue knows is stored in its form).")],
    evidence_doc: Annotated[
        str | None, typer.Option("--evidence-doc", help="The document that denies, disputes or attributes it (id or file path).")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="The evidence in words: a quotation, a citation.")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records the claim (default: the login name).")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Record that a document's authorship is denied, disputed or attributed, with the evidence; the web only shows these."""
    from hemeroteca.attribution import ClaimError, record_claim

    store = _store(db, create=False)
    try:
        claim = record_claim(
            store, document, status=status, person=person, evidence_document=evidence_doc, note=note,
            recorded_by=by or _login_name(),
        )
    except ClaimError as error:
        err.print(f"error: attribute: {error}", markup=False)
        raise typer.Exit(1) from error
    finally:
        store.close()
    evidence = f", evidence {claim.evidence_document_id}" if claim.evidence_document_id else ""
    out.print(f"recorded: {claim.document_id} {claim.status} ({claim.person}){evidence}", markup=False)


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # neither a login name in the environment nor a passwd entry (some containers)
        return "unknown"


class ReuseEngine(str, Enum):
    local = "local"
    spark = "spark"


@app.command()
def reuse(
    db: DbOption = DEFAULT_DB,
    engine: Annotated[ReuseEngine, typer.Option("--engine", help="local (this process) or spark (PySpark, local[2]).")] = ReuseEngine.local,
    format: FormatOption = OutputFormat.text,
) -> None:
    """Find reused passages (reprints, quotations, excerpts) and boilerplate; only new or changed documents are read."""
    from hemeroteca.reuse import engine_named, find_reuse

    store = _store(db, create=False)
    with Progress(
        TextColumn("[bold]reuse {task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, transient=True,
    ) as bar:
        task = bar.add_task("", total=None)
        report = find_reuse(
            store, engine_named(engine.value),
            progress=lambda stage, done, total: bar.update(task, description=stage, completed=done, total=total),
        )
    store.close()
    if format is OutputFormat.json:
        data = {
            "engine": report.engine, "documents": report.documents, "processed": report.processed, "removed": report.removed,
            "pairs": report.pairs, "clusters": [c.to_json() for c in report.clusters],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    reused = [c for c in report.clusters if not c.boilerplate]
    for cluster in reused:
        source = cluster.source
        out.print(f"cluster {cluster.id}: {cluster.documents} documents", markup=False, style="bold")
        for shown in cluster.passages:
            mark = "source " if source == shown.passage else ("quoted " if shown.quoted else "")
            where = f"{shown.passage.document_id} [{shown.passage.start}:{shown.passage.end}]"
            out.print(f"  {mark}{where} {shown.title or '(untitled)'}" + (f" ({shown.date})" if shown.date else ""), markup=False)
        out.print(f"    “{cluster.passages[0].excerpt}”", markup=False, style="dim")
    boilerplate = [c for c in report.clusters if c.boilerplate]
    for cluster in boilerplate:
        out.print(f"boilerplate {cluster.id}: {cluster.documents} documents: “{cluster.passages[0].excerpt}”", markup=False, style="dim")
    out.print(
        f"{report.documents} documents ({report.processed} read, {report.removed} gone), {report.pairs} pairs sharing passages,"
        f" {len(reused)} clusters of reuse, {len(boilerplate)} of boilerplate ({report.engine})",
        markup=False,
    )
