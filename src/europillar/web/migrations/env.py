"""Alembic environment: always run online on the connection handed over by ``migrate``."""

from __future__ import annotations

from alembic import context

from europillar.web.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
