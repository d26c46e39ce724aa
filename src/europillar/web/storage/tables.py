"""Table definitions (SQLAlchemy Core). The schema itself is created by the migrations."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("title", String(300), nullable=False),
    Column("body_json", Text, nullable=False),  # the partial scenario mapping (TOML-equivalent)
    Column("decision_rule", String(40), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("scenario_id", Integer, ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False),
    Column("params_json", Text, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("progress", Float, nullable=False),
    Column("message", Text, nullable=False),
    Column("meta_json", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
)

results = Table(
    "results",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "job_id", Integer, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("name", String(60), nullable=False),
    Column("body_json", Text, nullable=False),  # DataFrame as pandas orient="split" JSON
)
