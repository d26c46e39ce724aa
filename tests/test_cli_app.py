"""The CLI's error contract: one sentence, exit code 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

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
