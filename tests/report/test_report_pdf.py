"""`europillar report --pdf`: a real engine prints at most 20 A4 pages, and every page
renders (pypdfium2 turns each into a PNG, kept in test-artifacts/ to look at)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from europillar.errors import InputError
from europillar.report import pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "report-pdf"
A4_PT = (595, 842)


def _require(engine: str) -> None:
    problem = (
        pdf.weasyprint_problem()
        if engine == "weasyprint"
        else (None if pdf.chromium_path() else "no chromium executable")
    )
    if problem:
        if os.environ.get("EUROPILLAR_REQUIRE_E2E") == "1":
            pytest.fail(f"{engine}: {problem} but EUROPILLAR_REQUIRE_E2E=1")
        pytest.skip(problem)


def _check_pages(data: bytes, pages: int, folder: Path) -> None:
    import pypdfium2 as pdfium

    assert data.startswith(b"%PDF")
    assert 1 < pages <= pdf.MAX_PAGES
    document = pdfium.PdfDocument(data)
    assert len(document) == pages
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for index in range(pages):
        page = document[index]
        width, height = page.get_size()
        assert (round(width), round(height)) == A4_PT
        image = page.render(scale=1.3).to_pil()
        image.save(folder / f"page-{index + 1:02d}.png")
        darkest, _lightest = image.convert("L").getextrema()
        assert darkest < 100, f"page {index + 1} is blank"


@pytest.fixture(scope="module")
def printed(full_report: Path) -> dict[str, tuple[bytes, int]]:
    """The report printed by each engine installed here (once)."""
    out = {}
    for engine in ("weasyprint", "chromium"):
        try:
            _require(engine)
        except pytest.skip.Exception:
            continue
        data, pages, used = pdf.pdf_bytes(full_report / "index.html", engine)
        assert used == engine
        out[engine] = (data, pages)
    return out


@pytest.mark.parametrize("engine", ["weasyprint", "chromium"])
def test_pdf_has_at_most_20_pages_that_render(printed, engine: str) -> None:
    _require(engine)
    data, pages = printed[engine]
    _check_pages(data, pages, ARTIFACTS / engine)


def test_pdf_first_page_is_the_executive_summary(printed) -> None:
    _require("weasyprint")
    import pypdfium2 as pdfium

    data, _ = printed["weasyprint"]
    first = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    assert "The questions, answered in numbers" in first
    assert "Data coverage" in first
    second = pdfium.PdfDocument(data)[1].get_textpage().get_text_range()
    assert "Data coverage" not in second  # the summary holds on one page


def test_missing_engine_is_one_sentence_with_an_install_hint(monkeypatch) -> None:
    monkeypatch.setattr(pdf, "weasyprint_problem", lambda: "No module named 'weasyprint'")
    monkeypatch.setattr(pdf, "chromium_path", lambda: None)
    with pytest.raises(InputError) as caught:
        pdf.choose_engine("auto")
    text = str(caught.value)
    assert text.count(". ") == 0 and text.endswith(".")
    assert 'pip install "europillar[pdf]"' in text and "apt-get install chromium" in text


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(InputError, match="unknown PDF engine"):
        pdf.choose_engine("ghostscript")
