"""The archive on the web, through the app's own HTTP interface (ASGI test client): pages, JSON views, API, safety."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient

from conftest import BACKENDS, FIXTURES, SEEDS, new_database
from hemeroteca.ingest import ingest
from hemeroteca.store import open_store
from hemeroteca.web.app import create_app

CABLE_URL = "/periodicals/new-militant/1936/02/15/trotsky-cables-denial-to-ap-on-daily-worker-lies"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module", params=BACKENDS)
def archive_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    pages = folder / "pages"
    shutil.copytree(SEEDS, pages / "seeds")
    shutil.copytree(FIXTURES / "etol", pages / "etol")
    shutil.copy(FIXTURES / "web" / "attacker.html", pages / "attacker.html")
    url = new_database(request, request.param, folder, "web")
    store = open_store(url)
    report = ingest(store, [pages / "seeds", pages / "etol", pages / "attacker.html"])
    store.close()
    assert not report.failed
    return url


@pytest.fixture(scope="module")
def client(archive_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(archive_url)) as client:
        yield client


def links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_home_lists_the_periodicals(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "/periodicals/new-militant" in links(page.text)
    assert "/periodicals/ni" in links(page.text)


def test_periodical_issue_article_by_permalink(client: TestClient) -> None:
    periodical = client.get("/periodicals/new-militant")
    assert "Volume II" in periodical.text
    assert "/periodicals/new-militant/1936/02/15" in links(periodical.text)
    issue = client.get("/periodicals/new-militant/1936/02/15")
    assert issue.status_code == 200
    assert CABLE_URL in links(issue.text)
    article = client.get(CABLE_URL)
    assert article.status_code == 200
    html = article.text
    assert "<h1>Trotsky Cables Denial to AP on Daily Worker Lies</h1>" in html
    assert "Denounces Repressions Against Bolshevik-Leninists by the Stalinist Bureaucracy" in html
    # The provenance block: source, credits, licence, last updated, the editor's note.
    provenance = html.split('class="provenance"')[1].split("</section>")[0]
    assert "New Militant, Vol. II No. 7, 15 February 1936, p. 1" in provenance
    assert "Einde O&#39;Callaghan" in provenance and "Trotsky Internet Archive" in provenance
    assert "20 March 2018" in provenance
    assert "Editor’s note" in provenance and "On January 28 Leon Trotsky sent the following cable" in provenance
    assert '<p class="signature">(signed) Leon Trotsky</p>' in html
    assert "/authors/leon-trotsky" in links(html)
    assert "return return" not in html
    # Cite this: Chicago, MLA, APA and BibTeX, with the page's own URL.
    cite = html.split('class="cite"')[1].split("</section>")[0]
    assert (
        "Trotsky, Leon. “Trotsky Cables Denial to AP on Daily Worker Lies: Denounces Repressions Against"
        " Bolshevik-Leninists by the Stalinist Bureaucracy.” New Militant, February 15, 1936. http://testserver" + CABLE_URL
    ) in cite
    assert "New Militant, vol. 2, no. 7, 15 Feb. 1936, p. 1" in cite and "New Militant, 2(7), 1." in cite
    assert "@article{" in cite


def test_an_issue_lists_its_contents_in_page_order_with_prev_next(client: TestClient) -> None:
    issue = client.get("/periodicals/ni/1936/02.json").json()
    assert issue["issue"]["volume"] == "3" and issue["issue"]["number"] == "1"
    titles = [entry["title"] for entry in issue["contents"]]
    assert titles == ["Victims of Stalinist Repression and Terror"] * 2  # the seed and the constructed ETOL page
    first, second = (client.get(entry["url"] + ".json").json() for entry in issue["contents"])
    assert first["previous"] is None and first["next"]["url"] == issue["contents"][1]["url"]
    assert second["previous"]["url"] == issue["contents"][0]["url"] and second["next"] is None
    page = client.get(issue["contents"][0]["url"]).text
    assert 'rel="next"' in page and 'class="quotation"' in page


def test_document_ids_redirect_to_the_permalink(client: TestClient) -> None:
    response = client.get("/documents/seeds/trotsky-cable-1936", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"].startswith("/periodicals/new-militant/1936/02/15/trotsky-cables-denial")
    as_json = client.get("/documents/seeds/trotsky-cable-1936.json")
    assert as_json.status_code == 200
    record = as_json.json()["record"]
    assert record["id"] == "seeds/trotsky-cable-1936"
    assert record["source"]["periodical"] == "New Militant" and record["source"]["volume"] == "2"


def test_footnotes_link_both_ways(client: TestClient) -> None:
    html = client.get("/periodicals/fi/1945/03/the-repressions-and-the-truth").text
    marker = re.search(r'<sup class="noteref" id="(ref-\d+)"><a href="#(note-\d+)">\[1\]</a></sup>', html)
    assert marker, "the [1] marker links to its note"
    ref_id, note_id = marker.groups()
    note = re.search(rf'<li id="{note_id}" class="note footnote">(.*?)</li>', html, re.S)
    assert note and "Dr. Anton Ciliga" in note.group(1)
    assert f'href="#{ref_id}"' in note.group(1), "the note links back to the text"


def test_every_page_has_a_json_view(client: TestClient) -> None:
    for path in ("/periodicals", "/periodicals/ni", "/periodicals/ni/1936/02", "/authors", "/authors/leon-trotsky", CABLE_URL):
        page = client.get(path)
        assert f'href="{path}.json"' in page.text
        assert client.get(path + ".json").headers["content-type"] == "application/json"
    assert client.get("/search.json", params={"q": "ciliga"}).json()["total"] >= 2


def test_authors_with_pseudonyms_and_works_by_date(client: TestClient) -> None:
    authors = client.get("/authors.json").json()
    trotsky = next(a for a in authors if a["slug"] == "leon-trotsky")
    assert ["G. Gurov", "pseudonym"] in trotsky["aliases"]
    assert "also wrote as" in client.get("/authors").text
    works = client.get("/authors/leon-trotsky.json").json()["works"]
    dates = [work["date"] for work in works]
    assert dates == sorted(dates) and len(works) == 4


def test_search_page_with_facets_snippets_and_shareable_urls(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Ciliga"})
    assert page.status_code == 200
    assert "<mark>Ciliga</mark>" in page.text
    assert "/documents/seeds/trotsky-cable-1936" in links(page.text)
    assert '<h2>Periodical</h2>' in page.text
    facet_link = next(href for href in links(page.text) if "periodical%3A" in href)
    assert client.get(facet_link.replace("&amp;", "&")).status_code == 200
    bad = client.get("/search", params={"q": 'author: "unclosed'})
    assert bad.status_code == 400 and 'role="alert"' in bad.text and "Traceback" not in bad.text


def test_unknown_addresses_are_404(client: TestClient) -> None:
    for path in ("/periodicals/no-such-paper", "/periodicals/ni/1999/01", "/periodicals/ni/1936/02/no-such-article",
                 "/documents/no/such", "/authors/nobody", "/periodicals/ni/not-a-date"):
        assert client.get(path).status_code == 404, path
    assert client.get("/authors/nobody.json").json() == {"error": "No such page in the archive."}


def test_an_attackers_page_is_rendered_inert(client: TestClient) -> None:
    page = client.get("/documents/pages/attacker", follow_redirects=True)
    assert page.status_code == 200
    tree = lxml.html.fromstring(page.text)
    assert "Last paragraph." in tree.text_content()
    assert not tree.xpath("//script | //iframe | //object | //embed | //img"), "no active or loading element"
    handlers = [(e.tag, name) for e in tree.iter() if isinstance(e.tag, str) for name in e.attrib if name.lower().startswith("on")]
    assert not handlers, "no event handler attribute"
    main = tree.xpath("//main")[0]  # the page's own chrome (its data: favicon) is not the archive's text
    urls = [value for e in main.iter() if isinstance(e.tag, str) for name, value in e.attrib.items() if name in ("href", "src", "action")]
    assert not [url for url in urls if url.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    # What the page's text showed as markup stays visible, as text.
    assert '<script>alert("escaped")</script>' in tree.text_content()
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script may run at all


def test_api_with_openapi_description(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/search" in spec["paths"] and "/api/documents/{document_id}" in spec["paths"]
    assert client.get("/api/documents/seeds/trotsky-cable-1936").json()["record"]["title"].startswith("Trotsky Cables")
    assert client.get("/api/periodicals/ni").json()["volumes"][0]["issues"][0]["url"] == "/periodicals/ni/1936/02"
    assert client.get("/api/search", params={"q": '"hunger strike"'}).json()["total"] >= 1
    assert client.get("/api/search", params={"q": "year:19x"}).status_code == 400
    assert client.get("/api/authors/nobody").status_code == 404


UPLOAD = (SEEDS / "ni-victims-1936.txt").read_bytes()


def test_a_read_only_server_refuses_writes(archive_url: str) -> None:
    with TestClient(create_app(archive_url)) as client:
        before = client.get("/index.json").json()["documents"]
        response = client.post("/api/documents", files={"file": ("new.txt", UPLOAD)})
        assert response.status_code == 403
        response = client.post("/api/documents", files={"file": ("new.txt", UPLOAD)}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 403
        assert client.get("/index.json").json()["documents"] == before


def test_writes_need_the_admin_token(archive_url: str, tmp_path: Path) -> None:
    with TestClient(create_app(archive_url, TOKEN, uploads=tmp_path / "uploads")) as client:
        before = client.get("/index.json").json()["documents"]
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            response = client.post("/api/documents", files={"file": ("new.txt", UPLOAD)}, headers=headers)
            assert response.status_code == 401, headers
        assert client.get("/index.json").json()["documents"] == before
        assert not (tmp_path / "uploads").exists()
        response = client.post("/api/documents", files={"file": ("new.txt", UPLOAD)}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 201, response.text
        assert response.json()["id"] == "uploads/new"
        assert client.get("/index.json").json()["documents"] == before + 1
        refused = client.post("/api/documents", files={"file": ("x.exe", b"MZ")}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 400


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/", "/periodicals.json", "/static/style.css", "/nothing-here"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_reused_passages_link_both_ways_and_a_quotation_to_its_source(archive_url: str) -> None:
    from hemeroteca.reuse.job import find_reuse
    from hemeroteca.reuse.local import LocalEngine

    store = open_store(archive_url)
    find_reuse(store, LocalEngine())
    store.close()
    with TestClient(create_app(archive_url)) as client:
        victims = client.get("/documents/seeds/ni-victims-1936", follow_redirects=True).text
        # The seed quotes Trotsky's statement, which the constructed New International page prints whole.
        quotation = victims.split('<blockquote class="quotation">')[1].split("</blockquote>")[0]
        assert 'class="reuse-mark"' in quotation
        source = re.search(r'source: <a href="([^"]+)">On the Fate of the Imprisoned Oppositionists</a>', quotation)
        assert source, "the quotation names its source document"
        listed = victims.split('<section class="reuse"')[1].split("</section>")[0]
        assert "On the Fate of the Imprisoned Oppositionists</a> (the source)" in listed
        statement = client.get(source.group(1), follow_redirects=True).text
        back = statement.split('<section class="reuse"')[1].split("</section>")[0]
        assert "Victims of Stalinist Repression and Terror</a>" in back, "the source links back to the quotation"
        assert "first here" in back
        data = client.get("/documents/seeds/ni-victims-1936.json").json()
        assert any(other["document_id"] == "etol/newspape/ni/vol03/no02/trotsky" for p in data["reuse"] for other in p["others"])
