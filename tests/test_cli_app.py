"""The CLI's error contract: one sentence, exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from europillar.errors import InputError


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from europillar.cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_input_error_sentence_names_file_key_and_value() -> None:
    err = InputError(
        "my.toml",
        "us_commitment.tanker",
        "halfway",
        "not a commitment",
        allowed=["full", "reduced", "withdrawn"],
    )
    text = str(err)
    assert text == (
        "my.toml, key 'us_commitment.tanker': value 'halfway': not a commitment "
        "(allowed: full, reduced, withdrawn)."
    )


def test_unknown_command_is_a_usage_error_with_exit_2() -> None:
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_help_lists_the_command_groups() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "report" in result.stdout


HEAVY = ("pandas", "scipy", "matplotlib", "openpyxl", "numpy", "fastapi", "sqlalchemy", "dask")
PROBE = """
import sys
sys.argv = ["europillar", *{args!r}]
from europillar.cli.app import main
try:
    main()
except SystemExit:
    pass
print("LOADED", sorted(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["compare", "--help"]])
def test_help_and_version_import_no_heavy_module(args: list[str]) -> None:
    """`europillar --help` starts fast: engines, pandas, scipy, matplotlib and openpyxl
    are imported by the command that runs, not by the command list."""
    code = PROBE.format(args=args, heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "LOADED []", result.stdout


def test_version_prints_the_package_version() -> None:
    import europillar

    result = run_cli("--version")
    assert (
        result.returncode == 0 and result.stdout.strip() == f"europillar {europillar.__version__}"
    )


def test_serve_without_the_web_extra_says_what_to_install(tmp_path) -> None:
    """A missing extra is one sentence with the install hint, and exit code 2."""
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text(
        "import importlib.abc, sys\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'fastapi':\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
    )
    import os

    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    code = "from europillar.cli.app import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "serve"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert 'pip install "europillar[web]"' in result.stderr and "fastapi" in result.stderr
    assert "Traceback" not in result.stderr
