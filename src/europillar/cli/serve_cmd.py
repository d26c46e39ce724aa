"""`europillar serve`: the web application (dashboard, scenario editor, results, jobs)."""

from __future__ import annotations

import os
import sys

import typer


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
        db: str = typer.Option(
            None,
            "--db",
            help="sqlite:///FILE (default: ~/.local/share/"
            "europillar/web.sqlite, or env EUROPILLAR_DB) or postgresql://...",
        ),
        token: str = typer.Option(
            None,
            "--token",
            help="Access token (or env EUROPILLAR_TOKEN); "
            "required to listen on anything but localhost.",
        ),
        workers: int = typer.Option(1, "--job-workers", min=1, help="Jobs run at the same time."),
    ) -> None:
        """Start the web app (FastAPI + uvicorn); open http://HOST:PORT/ in a browser."""
        from europillar.extras import require

        require("web", "europillar serve")
        from europillar.web.config import WebSettings, bind_problem, default_db_url

        secret = token or os.environ.get("EUROPILLAR_TOKEN") or None
        problem = bind_problem(host, secret)
        if problem:
            typer.echo(f"error: {problem}", err=True)
            sys.exit(2)
        import uvicorn

        from europillar.web.app import create_app

        settings = WebSettings(
            db_url=db or default_db_url(), token=secret, host=host, job_workers=workers
        )
        _check_database(settings.db_url)
        typer.echo(
            f"europillar web app on http://{host}:{port}/ (storage: {_shown(settings.db_url)})",
            err=True,
        )
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def _check_database(url: str) -> None:
    """Open and migrate the database before serving, so a bad --db is one sentence, exit 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from europillar.errors import InputError
    from europillar.web.storage import connect, migrate

    if not url.startswith(("sqlite:", "postgresql:", "postgres:", "postgresql+psycopg:")):
        raise InputError(
            None,
            "--db",
            _shown(url),
            "not a database URL this app supports",
            ["sqlite:///FILE", "postgresql://USER:PASSWORD@HOST/DB"],
        )
    try:
        engine = connect(url)
        migrate(engine)
        engine.dispose()
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InputError(
            None, "--db", _shown(url), f"cannot open the database ({reason})"
        ) from None


def _shown(url: str) -> str:
    """The database URL without its password."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, place = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}:***@{place}"
    return url
