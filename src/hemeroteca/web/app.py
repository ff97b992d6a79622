"""The web application: pages, JSON API, OAI-PMH, static files, and the headers that keep readers safe."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from hemeroteca.store import open_store
from hemeroteca.web import api, oai, pages
from hemeroteca.web.stores import StorePool

# Pages are plain HTML and CSS: no script runs, nothing is loaded from elsewhere, no page frames this one.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(db_url: str, admin_token: str | None = None, *, uploads: Path | None = None) -> FastAPI:
    """The app over the archive at `db_url`; read-only unless `admin_token` is given."""
    open_store(db_url, create=False).close()  # a missing archive fails here, at start, not at the first request
    stores = StorePool(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close_all()

    app = FastAPI(
        title="hemeroteca", summary="An archive of transcribed periodicals: catalogue, texts and search.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; the description is at /openapi.json
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.state.admin_token = admin_token or None
    app.state.uploads = uploads or Path("uploads").resolve()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors())
        return JSONResponse({"error": problems}, status_code=400)

    app.mount("/static", StaticFiles(directory=str(resources.files("hemeroteca.web") / "static")), name="static")
    app.include_router(api.router)
    app.include_router(oai.router)
    app.include_router(pages.router)
    return app
