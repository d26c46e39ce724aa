"""Every command line of the README runs, as written, in a fresh folder (a reader's copy
and paste). The example files the README refers to (my.toml, my_rule.toml, …) are made
first, as the README tells a reader to make them. Lines that need a server, a cluster
or a publisher file not shipped here are listed with the reason, and the list is checked
against the README so that it cannot go stale."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent

# line (as in the README, comment removed) -> why it does not run in a test
NOT_RUN = {
    "europillar transition --scenario my.toml --draws 1000000 --scheduler tcp://10.0.0.5:8786": (
        "needs the reader's own Dask cluster (tests/transition cover --scheduler locally)"
    ),
    "europillar serve": "a server that runs until stopped (tests/web start it and drive it)",
    "europillar serve --db postgresql://user:pw@localhost/europillar --port 8080": (
        "a server on the reader's PostgreSQL (tests/web run on a test database)"
    ),
    "EUROPILLAR_TOKEN=s3cret europillar serve --host 0.0.0.0": "a server open to the network",
}
# Lines that write into the package's own tables when run as written: run with --out.
REDIRECTED = {"europillar data build": "europillar data build --out tables"}
# Publisher files a line reads, looked for in the raw data folder (not shipped).
RAW_FILES = {
    "SIPRI-Milex-data-1949-2024_2.xlsx": "sipri_milex/SIPRI-Milex-data-1949-2024_2.xlsx",
    "trade-register.csv": "sipri_arms_transfers/trade-register.csv",
}
MY_RULE = """name = "my_rule"
description = "Two thirds of the participating members"
rule = { members_pct = 66.67 }
"""
MY_TARGETS = "iso3,category,units\nDEU,mbt,100\nPOL,mbt,150\nNLD,mbt,40\n"
MY_STRUCTURE = """name = "my-structure"
[[edges]]
parent = "decision"
child = "hq_a"
[[edges]]
parent = "decision"
child = "hq_b"
[[forces]]
id = "brigade_1"
commanded_by = ["hq_a", "hq_b"]
"""


def readme_commands() -> list[str]:
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.+?)\n```", README, re.DOTALL):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            line = re.sub(r"\s+", " ", line)
            if line.startswith(("europillar ", "EUROPILLAR_")):
                lines.append(line)
    return lines


def raw_dir() -> Path | None:
    from europillar.data.build import default_raw_dir

    return default_raw_dir()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reader's folder with the files the README's examples name."""
    folder = tmp_path_factory.mktemp("reader")
    (folder / "my_rule.toml").write_text(MY_RULE, encoding="utf-8")
    (folder / "my_targets.csv").write_text(MY_TARGETS, encoding="utf-8")
    (folder / "my-structure.toml").write_text(MY_STRUCTURE, encoding="utf-8")
    raw = raw_dir()
    for name, relative in RAW_FILES.items():
        if raw is not None and (raw / relative).is_file():
            shutil.copyfile(raw / relative, folder / name)
    return folder


def test_the_not_run_list_names_lines_of_the_readme() -> None:
    assert set(NOT_RUN) <= set(readme_commands())
    assert set(REDIRECTED) <= set(readme_commands())


# my.toml first: several lines use the file this one writes
ORDERED = sorted(readme_commands(), key=lambda line: 0 if line.endswith("> my.toml") else 1)


@pytest.mark.parametrize("line", ORDERED)
def test_readme_command_runs(line: str, workdir: Path) -> None:
    if line in NOT_RUN:
        pytest.skip(NOT_RUN[line])
    needed = [name for name in RAW_FILES if name in line]
    if any(not (workdir / name).is_file() for name in needed):
        if os.environ.get("EUROPILLAR_REQUIRE_E2E") == "1" and raw_dir() is not None:
            pytest.fail(f"{needed} missing from the raw folder {raw_dir()}")
        pytest.skip(f"needs the publisher file {needed[0]} (not shipped; see data build)")
    if "my.toml" in line and not line.endswith("> my.toml") and not (workdir / "my.toml").exists():
        test_readme_command_runs("europillar scenario show replace_us_full > my.toml", workdir)
    command = REDIRECTED.get(line, line)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if line.startswith("europillar data build"):
        raw = raw_dir()
        if raw is None:
            pytest.skip("needs the raw publisher files (../shared/data/raw or EUROPILLAR_RAW_DIR)")
        from europillar.data.build import missing_raw_files

        missing = missing_raw_files(raw)
        if missing:  # the sentence a reader gets names where to download each file
            pytest.skip(f"publisher files not in {raw}: {missing[0]}")
        env["EUROPILLAR_RAW_DIR"] = str(raw)
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, f"{command}\n{result.stderr[-1500:]}"
    assert "Traceback" not in result.stderr
