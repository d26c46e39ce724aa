"""Build the FastAPI application: storage, jobs, API routers, pages, static files, access token."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from europillar.web.config import WebSettings
from europillar.web.jobs import JobManager
from europillar.web.storage import Store, connect, migrate

STATIC = Path(__file__).resolve().parent / "static"
TOKEN_COOKIE = "europillar_token"


def create_app(settings: WebSettings) -> FastAPI:
    """The app for ``settings``; the database is migrated and stale jobs marked at start-up."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = connect(settings.db_url)
        migrate(engine)
        store = Store(engine)
        store.mark_interrupted()
        app.state.store = store
        app.state.jobs = JobManager(store, settings.job_workers)
        try:
            yield
        finally:
            app.state.jobs.shutdown()
            engine.dispose()

    app = FastAPI(
        title="europillar",
        version=_version(),
        summary="European defence planning: cited data, capability gaps, transition runs.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: the app stays offline
        redoc_url=None,
    )
    app.state.settings = settings
    if settings.token:
        _add_token_check(app, settings.token)

    from europillar.charts import ASSETS
    from europillar.web import api_jobs, api_scenarios, api_views, pages, reference

    app.include_router(api_scenarios.router)
    app.include_router(api_jobs.router)
    app.include_router(api_views.router)
    app.include_router(reference.api)
    app.include_router(pages.router)
    app.include_router(reference.pages)
    # the vendored chart library (Observable Plot, d3; licences beside them), before /static
    app.mount("/static/charts", StaticFiles(directory=ASSETS), name="charts")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _add_token_check(app: FastAPI, token: str) -> None:
    """Every request needs ``Authorization: Bearer TOKEN`` (or the cookie set by /login)."""

    @app.middleware("http")
    async def check_token(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path == "/login":
            given = request.query_params.get("token", "")
            if hmac.compare_digest(given.encode(), token.encode()):
                response = RedirectResponse("/", status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return response
        header = request.headers.get("authorization", "")
        given = header[7:] if header.lower().startswith("bearer ") else ""
        given = given or request.cookies.get(TOKEN_COOKIE, "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return JSONResponse(
                {
                    "detail": {
                        "field": "Authorization",
                        "value": None,
                        "reason": "missing or wrong token",
                        "message": "send 'Authorization: Bearer TOKEN' (or open /login?token=TOKEN "
                        "in a browser).",
                        "allowed": None,
                    }
                },
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return await call_next(request)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("europillar")
    except Exception:
        return "0"
