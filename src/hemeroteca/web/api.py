"""The JSON API (described at /openapi.json): the same service as the pages, and the one write endpoint.

Writing needs the admin token the server was started with (`hemeroteca serve
--admin-token`, or HEMEROTECA_ADMIN_TOKEN), sent as `Authorization: Bearer TOKEN`.
A server started without one is read-only: every write is refused (403); a wrong or
missing token gets 401.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from hemeroteca.catalogue.names import slugify
from hemeroteca.ingest import ingest
from hemeroteca.search.query import QuerySyntaxError
from hemeroteca.store.base import Store
from hemeroteca.web.pages import archive
from hemeroteca.web.service import Archive
from hemeroteca.web.stores import request_store

router = APIRouter(prefix="/api", tags=["archive"])
bearer = HTTPBearer(auto_error=False)

UPLOAD_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".md")
MAX_UPLOAD_BYTES = 64 * 1024 * 1024


def _found(data: Any, what: str) -> Any:
    if data is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return data


@router.get("/periodicals", summary="Every periodical with documents in the archive")
def periodicals(service: Archive = Depends(archive)) -> list[dict[str, Any]]:
    return service.periodicals()


@router.get("/periodicals/{slug}", summary="A periodical with its volumes and issues")
def periodical(slug: str, service: Archive = Depends(archive)) -> dict[str, Any]:
    return _found(service.periodical(slug), "periodical")  # type: ignore[no-any-return]


@router.get("/documents/{document_id:path}", summary="A document: its record and its place in the archive")
def document(document_id: str, service: Archive = Depends(archive)) -> dict[str, Any]:
    return _found(service.document(document_id), "document")  # type: ignore[no-any-return]


@router.get("/authors", summary="Every author with works in the archive, with pseudonyms and name variants")
def authors(service: Archive = Depends(archive)) -> list[dict[str, Any]]:
    return service.authors()


@router.get("/authors/{slug}", summary="An author and their works by date")
def author(slug: str, service: Archive = Depends(archive)) -> dict[str, Any]:
    return _found(service.author(slug), "author")  # type: ignore[no-any-return]


@router.get("/search", summary="Ranked search with snippets and facets")
def search(
    q: str = Query(description='words, "phrases", -exclude, author:, periodical:, year:1936 or 1934..1938, lang:'),
    page: int = Query(1, ge=1),
    service: Archive = Depends(archive),
) -> dict[str, Any]:
    try:
        return service.search(q, page=page)
    except QuerySyntaxError as error:
        raise HTTPException(status_code=400, detail=str(error)) from error


def require_admin(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    token: str | None = request.app.state.admin_token
    if not token:
        raise HTTPException(status_code=403, detail="this server is read-only (started without an admin token)")
    if credentials is None or not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(status_code=401, detail="a valid admin token is required", headers={"WWW-Authenticate": "Bearer"})


@router.post("/documents", status_code=201, summary="Ingest an uploaded page (admin token required)",
             dependencies=[Depends(require_admin)])
def upload(request: Request, file: UploadFile = File(...), store: Store = Depends(request_store)) -> dict[str, Any]:
    """The page is kept in the server's uploads folder and ingested from there: its id is `uploads/NAME`."""
    name = Path(file.filename or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        raise HTTPException(status_code=400, detail=f"{name or 'the file'}: only {', '.join(UPLOAD_SUFFIXES)} pages are ingested")
    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(status_code=413, detail=f"{name}: larger than {MAX_UPLOAD_BYTES // 2**20} MB")
    uploads: Path = request.app.state.uploads
    uploads.mkdir(parents=True, exist_ok=True)
    target = uploads / f"{slugify(Path(name).stem) or 'upload'}{suffix}"
    target.write_bytes(data)
    # The whole folder, so that the id is "uploads/NAME" (a root's id starts below the folder holding it);
    # the files stored before are unchanged and only hashed.
    report = ingest(store, [uploads])
    failure = next((error for path, error in report.failed if Path(path) == target), None)
    stored = store.get_record(str(target))
    if failure is not None or stored is None:
        raise HTTPException(status_code=422, detail=f"{name}: {failure or 'not stored'}")
    return {"id": stored[0], "title": stored[1].title, "ingested": report.ingested}
