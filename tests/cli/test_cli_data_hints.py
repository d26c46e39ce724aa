"""`data build` and `data import` tell a reader exactly where each publisher file comes
from, and `data build` finds the raw folder in its documented places."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    code = "from europillar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_import_of_a_missing_file_names_the_publisher_page(tmp_path: Path) -> None:
    result = run_cli("data", "import", "sipri", "nofile.xlsx", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "https://www.sipri.org/databases/milex" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not any(tmp_path.glob("*.csv"))


def test_build_from_an_empty_folder_lists_every_missing_file_with_its_page(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    result = run_cli("data", "build", "--raw", str(raw), "--out", str(tmp_path / "t"), cwd=tmp_path)
    assert result.returncode == 2
    for address in ("sipri.org", "nato.int", "data.worldbank.org", "correlatesofwar.org"):
        assert address in result.stderr, address
    assert "nato_defexp/240617-def-exp-2024-TABLES-en.xlsx" in result.stderr
    assert not (tmp_path / "t").exists()


def test_build_finds_the_raw_folder_from_the_environment(tmp_path: Path) -> None:
    raw = tmp_path / "elsewhere"
    raw.mkdir()
    result = run_cli(
        "data",
        "build",
        "--out",
        str(tmp_path / "t"),
        cwd=tmp_path,
        env={"EUROPILLAR_RAW_DIR": str(raw)},
    )
    assert result.returncode == 2 and str(raw) in result.stderr  # found it; files missing


def test_build_without_any_raw_folder_says_where_it_looked(tmp_path: Path, monkeypatch) -> None:
    import pytest

    from europillar.data import build
    from europillar.errors import InputError

    monkeypatch.setattr(build, "REPO_ROOT", tmp_path / "clone")  # no shared/ beside it
    monkeypatch.delenv("EUROPILLAR_RAW_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        build.find_raw_dir(None)
    text = str(caught.value)
    assert "give --raw DIR or set EUROPILLAR_RAW_DIR" in text
    assert (
        str(tmp_path / "data" / "raw") in text and str(tmp_path / "shared" / "data" / "raw") in text
    )
