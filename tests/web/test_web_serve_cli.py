"""`europillar serve`: refuses a non-local address without a token (one sentence, exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys

from europillar.web.config import bind_problem


def test_bind_rule() -> None:
    assert bind_problem("127.0.0.1", None) is None
    assert bind_problem("localhost", None) is None
    assert bind_problem("::1", None) is None
    assert bind_problem("0.0.0.0", "t") is None
    message = bind_problem("0.0.0.0", None)
    assert message is not None and "0.0.0.0" in message and "--token" in message
    assert message.count(". ") == 0  # one sentence


def test_serve_refuses_public_address_without_token() -> None:
    env = {k: v for k, v in os.environ.items() if k != "EUROPILLAR_TOKEN"}
    run = subprocess.run(
        [sys.executable, "-m", "europillar.cli.app", "serve", "--host", "0.0.0.0", "--port", "1"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("error: refusing to listen on 0.0.0.0 without an access token")
    assert run.stdout == ""


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "europillar.cli.app", "serve", *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_serve_rejects_a_bad_database_url() -> None:
    run = _serve("--db", "ftp://example/db")
    assert run.returncode == 2
    assert run.stderr.startswith("error: key '--db': value 'ftp://example/db': not a database URL")
    run = _serve("--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert run.returncode == 2
    assert "cannot open the database" in run.stderr
    assert "secret" not in run.stderr  # the password is never printed
    assert "Traceback" not in run.stderr
