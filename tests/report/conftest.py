"""The whole report of the default scenario, built once for the report's file, PDF and
browser tests (about ten seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner


@pytest.fixture(scope="session")
def full_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of ``europillar report`` (every section) on the shipped data."""
    from europillar.cli.app import _register_all, app

    _register_all()
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
