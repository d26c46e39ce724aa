"""Alembic migrations shipped inside the package (run at server start by ``storage.migrate``)."""
