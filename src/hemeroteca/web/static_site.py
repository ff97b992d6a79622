"""`hemeroteca export site OUT_DIR`: the whole archive as a static mirror, like MIA's own mirrors.

Every page the server shows (home, periodicals, issues, articles, authors) is written
by the same templates from the same service, as `PATH/index.html`, with its JSON view
beside it as `PATH.json`. Links are relative and name `index.html` explicitly, so the
mirror is read from any folder, from file:// or from any plain static server. Search
runs in the reader's browser from a Pagefind index built over the written pages (it
fetches its index files, which browsers allow over http:, not from file://).
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hemeroteca.store.base import Store
from hemeroteca.web import permalinks
from hemeroteca.web.service import Archive
from hemeroteca.web.templating import render_page

STATIC_PREFIX = "/static/"


def page_file(path: str) -> str:
    """The file that holds a site path's page: "/periodicals/ni" → "periodicals/ni/index.html"."""
    if path.startswith(STATIC_PREFIX):
        return path.lstrip("/")
    inner = path.strip("/")
    return f"{inner}/index.html" if inner else "index.html"


def json_file(path: str) -> str:
    inner = path.strip("/")
    return f"{inner}.json" if inner else "index.json"


def relative_file(from_file: str, to_file: str) -> str:
    return quote(posixpath.relpath(to_file, posixpath.dirname(from_file) or "."))


def relative_link(from_file: str, target: str) -> str:
    """A link from the page written to `from_file` to the site path `target` (fragment kept)."""
    path, hash_mark, fragment = target.partition("#")
    if not path:
        return target  # a link within the page
    return relative_file(from_file, page_file(path)) + hash_mark + fragment


@dataclass
class SitePage:
    path: str  # the site path, as the server serves it
    template: str
    data: Any


def site_pages(archive: Archive) -> Iterator[SitePage]:
    """Every page of the archive, each once."""
    yield SitePage("/", "home.html", archive.home())
    periodicals = archive.periodicals()
    yield SitePage("/periodicals", "periodicals.html", periodicals)
    seen_documents: set[str] = set()
    for summary in periodicals:
        periodical = archive.periodical(summary["slug"])
        assert periodical is not None
        yield SitePage(periodical["url"], "periodical.html", periodical)
        for volume in periodical["volumes"]:
            for issue in volume["issues"]:
                below_periodical = issue["url"].removeprefix(periodical["url"] + "/")
                contents = archive.issue(summary["slug"], below_periodical)
                assert contents is not None and contents["kind"] == "issue"
                yield SitePage(issue["url"], "issue.html", contents)
                for entry in contents["contents"]:
                    yield _document_page(archive, entry["id"], seen_documents)
        for entry in periodical["uncollected"]:
            yield _document_page(archive, entry["id"], seen_documents)
    authors = archive.authors()
    yield SitePage("/authors", "authors.html", authors)
    for author in authors:
        data = archive.author(author["slug"])
        yield SitePage(author["url"], "author.html", data)
        for entry in data["works"] if data else []:
            if entry["id"] not in seen_documents:
                yield _document_page(archive, entry["id"], seen_documents)
    for document_id in archive.document_ids():
        if document_id not in seen_documents:
            yield _document_page(archive, document_id, seen_documents)


def _document_page(archive: Archive, document_id: str, seen: set[str]) -> SitePage:
    seen.add(document_id)
    data = archive.document(document_id)
    assert data is not None
    return SitePage(data["url"], "article.html", data)


@dataclass
class SiteReport:
    pages: int
    documents: int
    search_index: bool


def export_site(
    store: Store, out: Path, *, base_url: str | None = None, search_index: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> SiteReport:
    """`base_url`: where the mirror will be served, for the URLs in citations (none without it)."""
    archive = Archive(store, base_url)
    total = store.count_documents()
    out.mkdir(parents=True, exist_ok=True)
    static = resources.files("hemeroteca.web") / "static"
    (out / "static").mkdir(exist_ok=True)
    for item in static.iterdir():
        (out / "static" / item.name).write_bytes(item.read_bytes())
    pages = documents = 0
    for page in site_pages(archive):
        _write_page(out, page)
        pages += 1
        if page.template == "article.html":
            _write_redirect(out, permalinks.document_path(page.data["id"]), page.path)
            documents += 1
            if progress is not None:
                progress(documents, total)
    _write_page(out, SitePage("/search", "static_search.html", None))
    pages += 1
    if search_index:
        build_search_index(out)
    return SiteReport(pages=pages, documents=documents, search_index=search_index)


def _write_page(out: Path, page: SitePage) -> None:
    file = page_file(page.path)
    target = out / file
    target.parent.mkdir(parents=True, exist_ok=True)
    has_json = page.data is not None
    html = render_page(
        page.template, page.data,
        link=lambda path: relative_link(file, path),
        json_url=relative_file(file, json_file(page.path)) if has_json else None,
        static_site=True, site_root=relative_file(file, "index.html").removesuffix("index.html"),
    )
    target.write_text(html, encoding="utf-8")
    if has_json:
        (out / json_file(page.path)).write_text(json.dumps(page.data, ensure_ascii=False), encoding="utf-8")


def _write_redirect(out: Path, path: str, target: str) -> None:
    """/documents/ID, where the server redirects to the permalink: a page that sends the reader on."""
    if path == target:
        return
    file = page_file(path)
    (out / file).parent.mkdir(parents=True, exist_ok=True)
    (out / file).write_text(render_page("moved.html", None, link=lambda site_path: relative_link(file, site_path),
                                        json_url=None, target=target), encoding="utf-8")


def build_search_index(out: Path) -> None:
    """Pagefind's index and its search UI, into OUT/pagefind (the pagefind-bin package brings the program)."""
    shutil.rmtree(out / "pagefind", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out), "--keep-index-url", "--silent"],
        check=True, stdin=subprocess.DEVNULL, capture_output=True,
    )
