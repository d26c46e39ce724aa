"""Fixtures for the web tests: an app on a temporary SQLite file, and a job poller."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from europillar.web import WebSettings, create_app

SMALL = {
    "name": "trio",
    "title": "Germany, France and Poland, US withdrawn",
    "members": ["DEU", "FRA", "POL"],
    "us_commitment": {"default": "withdrawn"},
    "requirements": {"preset": "replace_us"},
}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'web.sqlite'}"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebSettings(db_url=db_url))) as c:
        yield c


@pytest.fixture
def small() -> dict[str, Any]:
    """A small valid scenario (three members, US withdrawn, replace-US requirement)."""
    return dict(SMALL)


@pytest.fixture
def wait_job() -> Any:
    return poll_job


def poll_job(client: TestClient, job_id: int, timeout: float = 60.0) -> dict[str, Any]:
    """Poll a job until it leaves queued/running (the API the pages poll)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return dict(job)
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout} s")


class LiveServer:
    """``europillar serve`` in a subprocess on a free localhost port (a real uvicorn)."""

    def __init__(self, db_url: str) -> None:
        import socket
        import subprocess
        import sys

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "europillar.cli.app",
                "serve",
                "--port",
                str(self.port),
                "--db",
                db_url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=self._log(),
            text=True,
        )
        self._wait_ready()

    def _log(self) -> Any:
        import tempfile

        self.log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
        return self.log

    def _wait_ready(self, timeout: float = 60.0) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {Path(self.log.name).read_text()}")
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError("server did not start")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as in a crash or a power cut."""
        import signal

        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        import subprocess

        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def live_server(db_url: str) -> Iterator[LiveServer]:
    server = LiveServer(db_url)
    yield server
    server.stop()


@pytest.fixture
def start_server() -> Any:
    return LiveServer
