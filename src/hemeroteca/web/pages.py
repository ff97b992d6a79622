"""The server-rendered pages, each with a JSON view at its address plus `.json` (see web.permalinks)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from hemeroteca.search.query import QuerySyntaxError
from hemeroteca.store.base import Store
from hemeroteca.web import permalinks
from hemeroteca.web.service import Archive
from hemeroteca.web.stores import request_store
from hemeroteca.web.templating import render_page

router = APIRouter(include_in_schema=False)

JSON_SUFFIX = ".json"


def archive(request: Request, store: Store = Depends(request_store)) -> Archive:
    return Archive(store, str(request.base_url))


def _split_json(path: str) -> tuple[str, bool]:
    return (path[: -len(JSON_SUFFIX)], True) if path.endswith(JSON_SUFFIX) else (path, False)


def _same(path: str) -> str:
    """The server's links are the site paths themselves."""
    return path


def _page(template: str, data: Any, path: str, *, status: int = 200, **extra: Any) -> HTMLResponse:
    html = render_page(template, data, link=_same, json_url=path + JSON_SUFFIX, **extra)
    return HTMLResponse(html, status_code=status)


def _answer(template: str, data: Any, path: str, as_json: bool, **extra: Any) -> Response:
    if data is None:
        return not_found(as_json)
    return JSONResponse(data) if as_json else _page(template, data, path, **extra)


def not_found(as_json: bool = False, message: str = "No such page in the archive.") -> Response:
    if as_json:
        return JSONResponse({"error": message}, status_code=404)
    html = render_page("error.html", None, link=_same, json_url=None,
                       status=404, heading="Not found", message=message)
    return HTMLResponse(html, status_code=404)


@router.get("/", response_class=HTMLResponse)
def home(service: Archive = Depends(archive)) -> Response:
    return _page("home.html", service.home(), "/index")


@router.get("/index.json")
def home_json(service: Archive = Depends(archive)) -> Response:
    return JSONResponse(service.home())


@router.get("/periodicals{suffix:path}")
def periodicals(suffix: str, service: Archive = Depends(archive)) -> Response:
    """/periodicals, /periodicals.json, /periodicals/SLUG[.json], /periodicals/SLUG/ISSUE[/ARTICLE][.json]."""
    path, as_json = _split_json(suffix)
    if path in ("", "/"):
        return _answer("periodicals.html", service.periodicals(), "/periodicals", as_json)
    if not path.startswith("/"):
        return not_found(as_json)
    slug, _, rest = path[1:].partition("/")
    if not rest:
        return _answer("periodical.html", service.periodical(slug), f"/periodicals/{slug}", as_json)
    found = service.issue(slug, rest)
    if found is None:
        return not_found(as_json)
    if found["kind"] == "issue":
        return _answer("issue.html", found, f"/periodicals/{slug}/{rest.strip('/')}", as_json)
    return _document(service, found["id"], as_json)


@router.get("/documents/{document_path:path}")
def document(document_path: str, service: Archive = Depends(archive)) -> Response:
    """Any document by id; one that sits in an issue is sent on to its permalink."""
    document_id, as_json = _split_json(document_path)
    data = service.document(document_id)
    if data is None:
        return not_found(as_json)
    if data["url"] != permalinks.document_path(document_id):
        return RedirectResponse(data["url"] + (JSON_SUFFIX if as_json else ""), status_code=301)
    return _answer("article.html", data, data["url"], as_json)


def _document(service: Archive, document_id: str, as_json: bool) -> Response:
    data = service.document(document_id)
    return _answer("article.html", data, data["url"] if data else "", as_json)


@router.get("/authors{suffix:path}")
def authors(suffix: str, service: Archive = Depends(archive)) -> Response:
    path, as_json = _split_json(suffix)
    if path in ("", "/"):
        return _answer("authors.html", service.authors(), "/authors", as_json)
    slug = path.strip("/")
    if "/" in slug:
        return not_found(as_json)
    return _answer("author.html", service.author(slug), f"/authors/{slug}", as_json)


@router.get("/search{suffix:path}")
def search(request: Request, suffix: str, q: str = "", page: int = 1, service: Archive = Depends(archive)) -> Response:
    path, as_json = _split_json(suffix)
    if path:
        return not_found(as_json)
    page = max(1, page)
    data: dict[str, Any] | None = None
    error = None
    if q.strip():
        try:
            data = service.search(q, page=page)
        except QuerySyntaxError as problem:
            error = str(problem)
    if as_json:
        if error:
            return JSONResponse({"error": error}, status_code=400)
        return JSONResponse(data or {"query": q, "total": 0, "hits": [], "facets": {}})
    html = render_page(
        "search.html", data, link=_same,
        json_url=f"/search.json?{request.url.query}" if q else None,
        query=q, error=error, search_box=False,
    )
    return HTMLResponse(html, status_code=400 if error else 200)
