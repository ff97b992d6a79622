"""`hemeroteca export site` over the whole shared corpus: a link check, and a browser reading it from file:// and over http."""

from __future__ import annotations

import functools
import os
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from playwright.sync_api import Browser, sync_playwright

from conftest import CORPUS, SEEDS
from hemeroteca.ingest import ingest
from hemeroteca.store import open_store
from hemeroteca.web.static_site import export_site, page_file, relative_link
from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
from webserver import free_port


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mirror")
    store = open_store(str(folder / "archive.db"))
    ingest(store, [CORPUS, SEEDS], workers=2)
    report = export_site(store, folder / "site")
    documents = store.count_documents()
    store.close()
    assert report.documents == documents, "every document has its page"
    return folder / "site"


def test_relative_links() -> None:
    assert page_file("/") == "index.html"
    assert page_file("/periodicals/ni/1936/02") == "periodicals/ni/1936/02/index.html"
    assert relative_link("periodicals/ni/1936/02/index.html", "/periodicals/ni") == "../../index.html"
    assert relative_link("index.html", "/static/style.css") == "static/style.css"
    assert relative_link("documents/a b/index.html", "/documents/a b#note-1") == "index.html#note-1"
    assert relative_link("x/index.html", "#note-2") == "#note-2"


def _targets(page: Path) -> Iterator[tuple[str, str]]:
    tree = lxml.html.parse(str(page)).getroot()
    for element, attribute, link, _ in tree.iterlinks():
        if attribute in ("href", "src", "action") and element.tag != "form":
            yield element.tag, link


def test_no_broken_internal_link(mirror: Path) -> None:
    pages = sorted(path for path in mirror.rglob("*.html") if path.is_file())  # a document id may end in ".html"
    assert len(pages) > 2000
    ids: dict[Path, set[str]] = {}
    broken: list[str] = []
    checked = 0
    for page in pages:
        for tag, link in _targets(page):
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "data"):
                continue
            assert not parts.scheme and not link.startswith("/"), f"{page}: a link that is not relative: {link}"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(mirror)}: {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(lxml.html.parse(str(target)).getroot().xpath("//@id"))
                if parts.fragment not in ids[target]:
                    broken.append(f"{page.relative_to(mirror)}: {link} (no such anchor)")
    assert checked > 10000
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:5]}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the browser tests: Chromium is not installed (run .ci/run, which installs it)")
        pytest.skip("Chromium is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def test_the_mirror_reads_from_file_urls(mirror: Path, browser: Browser) -> None:
    page = browser.new_page()
    page.goto((mirror / "index.html").as_uri())
    page.get_by_role("link", name="Periodicals", exact=True).first.click()
    page.get_by_role("link", name="New Militant").click()
    page.get_by_role("link", name="No. 7, 15 February 1936").click()
    page.get_by_role("link", name="Trotsky Cables Denial to AP on Daily Worker Lies").first.click()
    assert page.url.startswith("file://") and page.url.endswith("/trotsky-cables-denial-to-ap-on-daily-worker-lies/index.html")
    assert page.get_by_role("heading", level=1).inner_text() == "Trotsky Cables Denial to AP on Daily Worker Lies"
    assert page.evaluate("getComputedStyle(document.querySelector('section.provenance')).borderTopStyle") == "solid", "the stylesheet loads"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "10-mirror-file-article.png"), full_page=True)
    page.close()


@pytest.fixture(scope="module")
def static_server(mirror: Path) -> Iterator[str]:
    """A plain static file server (Python's own), nothing of hemeroteca's running."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(mirror))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_mirror_searches_in_the_browser(static_server: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(static_server + "/index.html")
    page.get_by_label("Search the archive").fill("Ciliga")
    page.get_by_role("button", name="Search").click()
    result = page.locator(".pagefind-ui__result-link", has_text="Trotsky Cables Denial to AP on Daily Worker Lies").first
    result.wait_for(timeout=15000)
    page.screenshot(path=str(SCREENSHOTS / "11-mirror-search.png"), full_page=True)
    result.click()
    page.wait_for_url("**/trotsky-cables-denial-to-ap-on-daily-worker-lies/index.html")
    assert "Anton Ciliga" in page.locator("article").inner_text()
    page.close()
