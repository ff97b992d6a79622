"""Ingest: files on disk → readers → records → store, incrementally and without losing anything.

A file whose content hash is already stored is skipped; a file that fails is
reported with a one-line reason and skipped, and the rest goes on. Records are
written in batches, one transaction each, so a killed run leaves only whole
documents and the next run resumes where it stopped.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from hemeroteca.catalogue.mia import load_default_catalogue
from hemeroteca.readers import DOCUMENT_SUFFIXES, NotADocument, ReadError, read_document
from hemeroteca.readers.markdown import sidecar_for
from hemeroteca.store.base import FailedFile, IngestedFile, PreparedFile, SkippedFile, Store
from hemeroteca.store.rows import document_row

BATCH_SIZE = 100
_PARALLEL_MIN_FILES = 64  # below this, starting processes costs more than it saves


@dataclass(frozen=True, slots=True)
class Candidate:
    path: Path
    document_id: str


@dataclass(slots=True)
class IngestReport:
    ingested: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files that are no documents (redirect pages)

    @property
    def ok(self) -> bool:
        return not self.failed


def _document_id(path: Path, base: Path) -> str:
    """Path below the folder that holds the ingested root, without suffix: "seeds/trotsky-cable-1936"."""
    relative = path.relative_to(base).with_suffix("")
    return relative.as_posix()


def discover(roots: Iterable[Path], on_error: Callable[[str, str], None]) -> Iterator[Candidate]:
    """Every document file under the roots, once, in a stable order, with its id.

    Files that differ only in their suffix ("index.htm" and "index.html") keep it in their
    ids, or the second would replace the first in the store.
    """
    candidates: dict[Path, Candidate] = {}
    for candidate in _walk(roots, on_error):
        candidates.setdefault(candidate.path, candidate)  # a file named twice (a folder and a file in it) is read once
    sharing = Counter(candidate.document_id for candidate in candidates.values())
    for candidate in candidates.values():
        if sharing[candidate.document_id] > 1:
            candidate = Candidate(candidate.path, candidate.document_id + candidate.path.suffix)
        yield candidate


def _walk(roots: Iterable[Path], on_error: Callable[[str, str], None]) -> Iterator[Candidate]:
    for root in roots:
        root = Path(os.path.abspath(root))  # "..", "." collapsed: ids and stored paths do not depend on the cwd
        if root.is_file():
            yield Candidate(root, _document_id(root, root.parent.parent))
            continue
        if not root.is_dir():
            on_error(str(root), "no such file or directory")
            continue

        def walk_error(error: OSError) -> None:
            on_error(str(error.filename), f"cannot read directory: {error.strerror}")

        for folder, folders, files in os.walk(root, onerror=walk_error):
            folders.sort()
            for name in sorted(files):
                path = Path(folder, name)
                if path.suffix.lower() in DOCUMENT_SUFFIXES:
                    yield Candidate(path, _document_id(path, root.parent))


def _content_hash(data: bytes, path: Path) -> str:
    digest = hashlib.blake2b(data, digest_size=16)
    sidecar = sidecar_for(path) if path.suffix.lower() in (".md", ".markdown") else None
    if sidecar is not None:
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


def _one_line(error: BaseException) -> str:
    message = " ".join(str(error).split()) or type(error).__name__
    return message if isinstance(error, ReadError) else f"{type(error).__name__}: {message}"


def read_candidate(candidate: Candidate, stored: dict[str, str]) -> IngestedFile | FailedFile | SkippedFile | None:
    """Read one file; None when it is stored already with the same content."""
    path_text = str(candidate.path)
    try:
        data = candidate.path.read_bytes()
        content_hash = _content_hash(data, candidate.path)
    except OSError as error:  # the file, or the metadata.json a Markdown file is hashed with
        what = "file" if error.filename in (None, path_text) else str(error.filename)
        return FailedFile(path_text, "", 0, f"cannot read {what}: {error.strerror or error}")
    if stored.get(path_text) == content_hash:
        return None
    try:
        record, form, encoding = read_document(candidate.path, data)
    except NotADocument as reason:
        return SkippedFile(path_text, content_hash, len(data), str(reason))
    except Exception as error:  # a failing page must never stop an ingest
        return FailedFile(path_text, content_hash, len(data), _one_line(error))
    return IngestedFile(path_text, candidate.document_id, content_hash, len(data), form, encoding, record)


def prepare(item: IngestedFile) -> PreparedFile:
    """What the store writes of a file read into a record."""
    return PreparedFile(
        item.path, item.document_id, item.content_hash, item.size, item.form, item.encoding,
        document_row(item.document_id, item.record),
    )


def _read_job(job: tuple[Candidate, str | None]) -> PreparedFile | FailedFile | SkippedFile | None:
    """Read and prepare one file, in the reading process: what crosses to the writing one is strings, not a record."""
    candidate, stored_hash = job
    result = read_candidate(candidate, {str(candidate.path): stored_hash} if stored_hash else {})
    if not isinstance(result, IngestedFile):
        return result
    try:
        return prepare(result)
    except Exception as error:  # a failing page must never stop an ingest
        return FailedFile(result.path, result.content_hash, result.size, _one_line(error))


def _start_worker(parent: int) -> None:
    """Worker initializer. The objects inherited from the parent (MIA's catalogue above all) are frozen:
    the garbage collector never walks them again, nor copies their pages by touching them (8% of the
    workers' time). And when the ingest is killed (kill -9), its workers would otherwise wait on their
    queue for ever, holding the database's files and the caller's output pipes open: they exit with it."""
    gc.freeze()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _results(
    jobs: list[tuple[Candidate, str | None]], workers: int
) -> Iterator[PreparedFile | FailedFile | SkippedFile | None]:
    """Read files in `workers` processes (in order), or in this one for small inputs."""
    if workers <= 1 or len(jobs) < _PARALLEL_MIN_FILES:
        yield from map(_read_job, jobs)
        return
    load_default_catalogue()  # built once here, inherited by the forked workers
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(_read_job, jobs, chunksize=16)


def ingest(
    store: Store,
    roots: list[Path],
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = 1,
) -> IngestReport:
    """Ingest every document under the roots; `workers` > 1 reads files in that many processes."""
    report = IngestReport()
    candidates = list(discover(roots, lambda path, error: report.failed.append((path, error))))
    stored = store.stored_hashes()
    jobs = [(candidate, stored.get(str(candidate.path))) for candidate in candidates]
    batch: list[PreparedFile | FailedFile | SkippedFile] = []
    # Batches are written by one thread while the next files are read: the database
    # releases the GIL while it works, so storing overlaps with reading.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store") as writer:
        pending: Future[list[FailedFile]] | None = None
        for done, result in enumerate(_results(jobs, workers), start=1):
            if result is None:
                report.unchanged += 1
            else:
                batch.append(result)
                if isinstance(result, FailedFile):
                    report.failed.append((result.path, result.error))
                elif isinstance(result, SkippedFile):
                    report.skipped.append((result.path, result.reason))
                else:
                    report.ingested += 1
            if len(batch) >= batch_size:
                _collect(pending, report)
                pending, batch = writer.submit(store.write_batch, batch), []
            if progress is not None:
                progress(done, len(candidates))
        _collect(pending, report)
        if batch:
            _collect(writer.submit(store.write_batch, batch), report)
    return report


def _collect(pending: Future[list[FailedFile]] | None, report: IngestReport) -> None:
    """Wait for a batch to be stored; count what the store refused as failed."""
    if pending is None:
        return
    for refused in pending.result():
        report.ingested -= 1
        report.failed.append((refused.path, refused.error))
