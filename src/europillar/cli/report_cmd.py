"""`europillar report`: the self-contained HTML report of one scenario (DIR/index.html)."""

from __future__ import annotations

from pathlib import Path

import typer

from europillar.cli.common import scenario_option


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        out: Path = typer.Option(
            Path("europillar-report"), "--out", help="Folder for index.html (created if needed)."
        ),
        scenario: str = scenario_option(),
        year: int | None = typer.Option(
            None,
            "--year",
            help="Reference year (default: the latest year with spending data for most members).",
        ),
        pdf: bool = typer.Option(
            False, "--pdf", help="Also print DIR/report.pdf (A4, at most 20 pages)."
        ),
        pdf_engine: str = typer.Option(
            "auto",
            "--pdf-engine",
            help='weasyprint (pip install "europillar[pdf]"), chromium, or auto: WeasyPrint '
            "when installed, else Chromium.",
        ),
    ) -> None:
        """Write the HTML report of a scenario: offline, self-contained, byte-identical on
        reruns; every table also as CSV under DIR/data/."""
        from rich.console import Console

        from europillar.atomic import write_many
        from europillar.report.build import build_report
        from europillar.report.section import SectionError
        from europillar.runner import resolve_scenario

        console = Console(stderr=True)
        if pdf:  # before the long build: a missing engine is one sentence, exit 2
            from europillar.report.pdf import choose_engine

            choose_engine(pdf_engine)
        loaded = resolve_scenario(scenario)
        try:
            with console.status("Building the report") as status:
                files = build_report(
                    loaded,
                    year,
                    progress=lambda message: status.update(message),
                    name_or_file=scenario,
                )
        except SectionError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        targets = {out / relative: text for relative, text in files.items()}
        write_many(targets)
        for path in targets:
            path.chmod(0o644)  # a report is meant to be shared (temporary files are 0600)
        html = files["index.html"]
        console.print(
            f"Report of {loaded.name} written to {out / 'index.html'} "
            f"({len(html) // 1024} KiB, {len(files) - 1} data files)."
        )
        if pdf:
            from europillar.atomic import write_bytes
            from europillar.report.pdf import pdf_bytes

            with console.status("Printing the PDF"):
                data, pages, engine = pdf_bytes(out / "index.html", pdf_engine)
            write_bytes(out / "report.pdf", data)
            (out / "report.pdf").chmod(0o644)
            console.print(f"PDF written to {out / 'report.pdf'} ({pages} pages, {engine}).")
