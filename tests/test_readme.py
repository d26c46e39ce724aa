"""The README's promises: two Quickstart commands, and every domain's tour snippet."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_after(marker: str) -> str:
    block = README.split(marker, 1)[1]
    match = re.search(r"```bash\n(.+?)\n```", block, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_quickstart_has_exactly_two_setup_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert quickstart.count("```bash") == 2
    main = _command_after("<!-- ci:main -->")
    tests = _command_after("<!-- ci:test -->")
    assert "\n" not in main and "\n" not in tests
    assert main.startswith("python3 -m venv ") and "europillar report" in main
    assert tests.startswith("python3 -m venv ") and "pytest" in tests and ".[test]" in tests


def test_ci_runs_the_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- ci:main -->" in ci and "<!-- ci:test -->" in ci


def test_the_python_tour_runs_every_domain_through_the_contract() -> None:
    from europillar.runner import DOMAINS

    blocks = "\n".join(re.findall(r"```python\n(.+?)\n```", README, re.DOTALL))
    for domain in DOMAINS:
        assert f'europillar.run("{domain}"' in blocks, domain
    assert "europillar.load_dataset()" in blocks and "europillar.load_scenario(" in blocks


def test_every_cli_command_in_the_readme_exists() -> None:
    from europillar.cli.app import _register_all, app

    _register_all()
    import typer.main

    group = typer.main.get_command(app)
    known = set(group.commands)  # type: ignore[attr-defined]
    used = set(re.findall(r"^europillar ([a-z-]+)", README, re.MULTILINE))
    assert used and used <= known, used - known


def test_every_python_example_in_the_readme_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    blocks = re.findall(r"```python\n(.+?)\n```", README, re.DOTALL)
    assert len(blocks) >= 6
    for block in blocks:
        result = subprocess.run(
            [sys.executable, "-c", block],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
            timeout=600,
        )
        assert result.returncode == 0, f"{block.splitlines()[0]}\n{result.stderr[-800:]}"


def test_docs_index_lists_every_page() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "index.md")
    missing = [p for p in pages if f"]({p})" not in index]
    assert not missing, missing
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
