"""The europillar web app: JSON API, server-rendered pages, jobs and storage.

``create_app(settings)`` builds the FastAPI application; ``europillar serve`` runs it.
The web layer only imports engines; engines never import it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from europillar.web.app import create_app

        return create_app
    if name == "WebSettings":
        from europillar.web.config import WebSettings

        return WebSettings
    raise AttributeError(f"module 'europillar.web' has no attribute {name!r}")
