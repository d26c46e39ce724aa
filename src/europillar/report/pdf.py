"""The report as a PDF, printed by a real engine from the report's print stylesheet.

Two engines, chosen in this order by ``engine="auto"``:

* **WeasyPrint** (``pip install "europillar[pdf]"``): pure Python on top of Pango, which
  every desktop Linux and Debian/Ubuntu image ships (``libpango-1.0-0``,
  ``libpangoft2-1.0-0``); on macOS ``brew install pango``; on Windows through MSYS2/GTK.
  It runs no scripts, so it prints the static SVG of every chart: exactly what the
  print stylesheet shows.
* **headless Chromium** (Debian's ``chromium``, or Chrome): where WeasyPrint is not
  installed. It prints the same page with the print stylesheet.

With neither, :func:`write_pdf` stops with one sentence saying what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Literal

from europillar.errors import InputError

Engine = Literal["auto", "weasyprint", "chromium"]
ENGINES: tuple[str, ...] = ("auto", "weasyprint", "chromium")
MAX_PAGES = 20
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_TIMEOUT_S = 120
INSTALL_HINT = (
    'install WeasyPrint with pip install "europillar[pdf]" (it needs Pango: '
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 on Debian/Ubuntu, brew install pango "
    "on macOS), or install Chromium (apt-get install chromium)"
)


class PdfEngineMissing(InputError):
    """No PDF engine is installed: one sentence with the install hint."""

    def __init__(self, wanted: str, detail: str = "") -> None:
        self.file, self.key, self.value, self.allowed = None, "--pdf-engine", wanted, None
        why = f" ({detail})" if detail else ""
        self.reason = f"no PDF engine is available{why}: {INSTALL_HINT}"
        Exception.__init__(self, f"{self.reason}.")


def weasyprint_problem() -> str | None:
    """Why WeasyPrint cannot run here (not installed, or Pango missing), or None."""
    try:
        import weasyprint  # noqa: F401
    except ImportError as exc:
        return f"WeasyPrint: {exc}"
    except OSError as exc:  # the Python package is there but Pango is not
        return f"WeasyPrint cannot load its system libraries: {exc}"
    return None


def chromium_path() -> str | None:
    """The Chromium (or Chrome) executable: ``EUROPILLAR_CHROMIUM``, else the PATH."""
    given = os.environ.get("EUROPILLAR_CHROMIUM")
    if given:
        return given if Path(given).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def choose_engine(engine: str = "auto") -> str:
    """The engine that will print: ``weasyprint`` or ``chromium`` (see the docstring)."""
    if engine not in ENGINES:
        raise InputError(None, "--pdf-engine", engine, "unknown PDF engine", ENGINES)
    problem = weasyprint_problem()
    if engine == "weasyprint":
        if problem:
            raise PdfEngineMissing(engine, problem)
        return "weasyprint"
    if engine == "chromium":
        if chromium_path() is None:
            raise PdfEngineMissing(engine, "no chromium executable on the PATH")
        return "chromium"
    if problem is None:
        return "weasyprint"
    if chromium_path() is not None:
        return "chromium"
    raise PdfEngineMissing(engine, "neither WeasyPrint nor Chromium found")


def pdf_bytes(index_html: Path, engine: str = "auto") -> tuple[bytes, int, str]:
    """Print the report page ``index_html`` (with its folder, for links) to PDF:
    the bytes, the number of pages and the engine that printed."""
    chosen = choose_engine(engine)
    if chosen == "weasyprint":
        data, pages = _weasyprint(index_html)
    else:
        data = _chromium(index_html)
        pages = page_count(data)
    return data, pages, chosen


def _weasyprint(index_html: Path) -> tuple[bytes, int]:
    import logging

    from weasyprint import HTML

    # WeasyPrint logs every CSS property it does not know (screen-only rules) as a
    # warning; a reader of the CLI needs none of that.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = HTML(filename=str(index_html), base_url=str(index_html.parent)).render()
    data: bytes = document.write_pdf()
    return data, len(document.pages)


def _chromium(index_html: Path) -> bytes:
    executable = chromium_path()
    if executable is None:
        raise PdfEngineMissing("chromium", "no chromium executable on the PATH")
    with tempfile.TemporaryDirectory(prefix="europillar-pdf-") as work:
        out = Path(work) / "report.pdf"
        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            index_html.resolve().as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CHROMIUM_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(
                None,
                "--pdf-engine",
                "chromium",
                f"Chromium did not finish in {CHROMIUM_TIMEOUT_S} s",
            ) from None
        if not out.is_file() or out.stat().st_size == 0:
            raise InputError(None, "--pdf-engine", "chromium", "Chromium wrote no PDF")
        return out.read_bytes()


def page_count(data: bytes) -> int:
    """Pages in a PDF, from its page tree (the largest ``/Count`` of a ``/Pages`` node;
    Chromium writes it uncompressed)."""
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return max(counts) if counts else 0
