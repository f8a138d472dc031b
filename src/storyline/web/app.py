"""The web application: HTML pages and the JSON API over one ``Storyline``.

    from storyline import Storyline
    from storyline.web import create_app
    app = create_app(Storyline.open("news.db"))     # serve with uvicorn

Security defaults: only GET routes exist (the store is never written); every response carries
a strict Content-Security-Policy (scripts and styles from this server only), article text is
escaped everywhere, and when served on localhost the Host header is checked so a web page
elsewhere cannot reach the server through DNS rebinding. Errors become JSON (under /api) or an
error page in ONE place: ``install_error_handlers``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..api import Storyline
from ..errors import AmbiguousId, BadQuery, NotFound, StorylineError

log = logging.getLogger("storyline.web")

HERE = Path(str(resources.files("storyline").joinpath("web")))

# Pages and the API need nothing from elsewhere. Swagger UI (/docs) needs an inline bootstrap
# script, so it alone gets 'unsafe-inline'; its assets are still served from here.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
CSP_DOCS = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")


def create_app(sl: Storyline, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """Build the ASGI app over ``sl``. ``allowed_hosts``: accepted Host headers (None: any)."""
    from . import api, extra_pages, listing, pages

    app = FastAPI(
        title="storyline",
        summary="Verified news stories: fact ledgers with evidence, conflicts and timelines.",
        version=_version(),
        docs_url=None,  # served below with local assets instead of a CDN
        redoc_url=None,
    )
    app.state.sl = sl
    app.state.templates = make_templates()
    # The more specific mount first: routes match in order.
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(listing.router)
    app.include_router(extra_pages.router)
    app.include_router(extra_pages.api_router)
    _add_docs(app)
    install_error_handlers(app)
    app.state.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
    app.middleware("http")(_guard)
    return app


def make_templates() -> Jinja2Templates:
    """Templates with autoescape on for every file (not only *.html)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    return Jinja2Templates(env=env)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("storyline")
    except PackageNotFoundError:
        return "0"


def _swagger_dir() -> Path:
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="storyline API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )


def host_name(header: str) -> str:
    """The name part of a Host header: "127.0.0.1:8765" -> "127.0.0.1", "[::1]:80" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.split(":", 1)[0]


async def _guard(request: Request,
                 call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Host check (against DNS rebinding) and security headers on every response."""
    allowed: set[str] | None = request.app.state.allowed_hosts
    if allowed is not None and host_name(request.headers.get("host", "")) not in allowed:
        response = error_response(request, 400, "invalid_host",
                                  "this server only answers to: " + ", ".join(sorted(allowed)))
    else:
        response = await call_next(request)
    docs = request.url.path == "/docs"
    response.headers.setdefault("Content-Security-Policy", CSP_DOCS if docs else CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


# -- errors: the one place where exceptions become responses ----------------------------------

class BadParameter(StorylineError):
    """A query parameter of a page or API call has an unusable value."""


def install_error_handlers(app: FastAPI) -> None:
    """NotFound -> 404, AmbiguousId -> 409, BadQuery -> 422,
    StorylineError -> 400, validation -> 422, anything else -> 500.

    Under /api the body is ``{"error": {"type": ..., "message": ...}}``; pages get an error
    page with the same status. A 500 never shows the exception (it goes to the server log).
    """

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, "not_found", str(exc))

    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return error_response(request, 422, "invalid_query", str(exc))

    @app.exception_handler(AmbiguousId)
    async def ambiguous(request: Request, exc: AmbiguousId) -> Response:
        return error_response(request, 409, "ambiguous_id", str(exc),
                              candidates=exc.candidates)

    @app.exception_handler(StorylineError)
    async def storyline_error(request: Request, exc: StorylineError) -> Response:
        return error_response(request, 400, _snake(type(exc).__name__), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors())
        return error_response(request, 422, "invalid_request", problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        kind = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = str(exc.detail)
        if exc.status_code == 405:
            message = "this server is read-only: only GET requests are accepted"
        return error_response(request, exc.status_code, kind, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal_error",
                              "internal error; the details are in the server log")


def error_response(request: Request, status: int, kind: str, message: str,
                   **extra: Any) -> Response:
    if request.url.path.startswith("/api") or request.url.path.endswith(".json"):
        body = {"type": kind, "message": message, **extra}
        return JSONResponse({"error": body}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    context: dict[str, Any] = {"status": status, "kind": kind, "message": message}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
