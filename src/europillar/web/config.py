"""Settings of one web server: where it stores, where it listens, who may call it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def default_db_url() -> str:
    """SQLite file in the user's data folder (override with --db or EUROPILLAR_DB)."""
    if os.environ.get("EUROPILLAR_DB"):
        return os.environ["EUROPILLAR_DB"]
    folder = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "europillar"
    return f"sqlite:///{folder / 'web.sqlite'}"


@dataclass(frozen=True)
class WebSettings:
    """``db_url``: SQLAlchemy URL (sqlite:///file or postgresql://...); ``token``: bearer token."""

    db_url: str
    token: str | None = None
    host: str = "127.0.0.1"
    job_workers: int = 1


def bind_problem(host: str, token: str | None) -> str | None:
    """One sentence if binding ``host`` without a token is unsafe, else None."""
    if host in LOCAL_HOSTS or token:
        return None
    return (
        f"refusing to listen on {host} without an access token: give --token TOKEN or set "
        "EUROPILLAR_TOKEN (clients then send 'Authorization: Bearer TOKEN'), or bind 127.0.0.1."
    )
