"""Storage of saved scenarios, jobs and results (SQLite by default, PostgreSQL optional)."""

from europillar.web.storage.db import connect, migrate
from europillar.web.storage.store import Store

__all__ = ["Store", "connect", "migrate"]
