"""A reader's walk through the archive in a real headless Chromium (Debian's, driven by Playwright).

Screenshots go to test-output/browser/ at the top of the checkout (not in git), to be looked at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from conftest import FIXTURES, ROOT, SEEDS
from hemeroteca.ingest import ingest
from hemeroteca.store import open_store
from hemeroteca.web.app import create_app
from webserver import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-output" / "browser"
# Headless in a machine without a display or network: no sandbox (root in CI), no GPU, no calls home.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        reason = "Chromium is not installed: apt-get install chromium, or run .ci/run, which does"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    store = open_store(str(folder / "archive.db"))
    ingest(store, [SEEDS, FIXTURES / "etol" / "newspape" / "fi"])
    store.close()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serving(create_app(str(folder / "archive.db"))) as base_url:
        yield base_url


@pytest.fixture
def page(browser: Browser, site: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_home_to_periodical_to_issue_to_the_seed_cable(page: Page) -> None:
    page.goto("/")
    shot(page, "01-home")
    page.get_by_role("link", name="New Militant").click()
    page.wait_for_url("**/periodicals/new-militant")
    shot(page, "02-periodical")
    page.get_by_role("link", name="No. 7, 15 February 1936").click()
    page.wait_for_url("**/periodicals/new-militant/1936/02/15")
    shot(page, "03-issue")
    page.get_by_role("link", name="Trotsky Cables Denial to AP on Daily Worker Lies").click()
    page.wait_for_url("**/1936/02/15/trotsky-cables-denial-to-ap-on-daily-worker-lies")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Trotsky Cables Denial to AP on Daily Worker Lies"
    assert "New Militant, Vol. II No. 7" in page.locator("section.provenance").inner_text()
    assert page.locator("p.signature").inner_text() == "(signed) Leon Trotsky"
    shot(page, "04-article")


def test_search_ciliga_and_reach_the_article(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Search the archive").fill("Ciliga")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=Ciliga")
    assert page.locator("ol.hits mark").first.inner_text() == "Ciliga"
    shot(page, "05-search")
    page.locator("ol.hits").get_by_role("link", name="Trotsky Cables Denial to AP on Daily Worker Lies").click()
    page.wait_for_url("**/periodicals/new-militant/1936/02/15/trotsky-cables-denial-to-ap-on-daily-worker-lies")
    assert "Anton Ciliga" in page.locator("article").inner_text()


def test_follow_a_footnote_and_back(page: Page) -> None:
    page.goto("/periodicals/fi/1945/03/the-repressions-and-the-truth")
    marker = page.locator("sup.noteref a", has_text="[1]").first
    marker.click()
    page.wait_for_url("**#note-*")
    note_id = page.url.split("#")[1]
    note = page.locator(f"li#{note_id}")
    assert "Dr. Anton Ciliga" in note.inner_text()
    assert note.evaluate("element => element.matches(':target')")
    page.screenshot(path=str(SCREENSHOTS / "06-footnote.png"))
    note.get_by_role("link", name="↩ back to text").click()
    page.wait_for_url("**#ref-*")
    assert page.locator("sup:target").inner_text() == "[1]"
    page.screenshot(path=str(SCREENSHOTS / "07-back-to-text.png"))


def test_readable_on_a_phone(browser: Browser, site: str) -> None:
    context = browser.new_context(base_url=site, viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto("/periodicals/new-militant/1936/02/15/trotsky-cables-denial-to-ap-on-daily-worker-lies")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "no sideways scrolling on a phone"
    page.screenshot(path=str(SCREENSHOTS / "08-phone-article.png"), full_page=True)
    context.close()


def test_text_shows_without_javascript(browser: Browser, site: str) -> None:
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/periodicals/new-militant/1936/02/15/trotsky-cables-denial-to-ap-on-daily-worker-lies")
    assert "Hearst Press published the article" in page.locator("article").inner_text()
    context.close()
