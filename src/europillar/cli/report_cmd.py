"""`europillar report`: write the self-contained HTML report (DIR/index.html)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from europillar.atomic import write_text
from europillar.report.build import render
from europillar.report.context import check_year, default_year
from europillar.report.sections import Section, section_builders


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        out: Path = typer.Option(
            Path("europillar-report"), "--out", help="Folder for index.html (created if needed)."
        ),
        year: int | None = typer.Option(
            None,
            "--year",
            help="Reference year (default: the latest year with spending data for most members).",
        ),
        strict: bool = typer.Option(
            False, "--strict", help="Stop at the first section that fails to build."
        ),
    ) -> None:
        """Write the HTML report: offline, self-contained, byte-identical on reruns."""
        chosen = check_year(year) if year is not None else default_year()
        builders = section_builders()
        sections: list[Section] = []
        failed: list[str] = []
        console = Console(stderr=True)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("Building sections", total=len(builders) + 1)
            for name, build in builders:
                progress.update(task, description=f"Building {name.rsplit('.', 1)[-1]}")
                try:
                    section = build(chosen)
                except Exception as exc:  # one broken section must not sink the report
                    if strict:
                        raise
                    short = name.rsplit(".", 1)[-1]
                    console.print(
                        f"[yellow]warning:[/] section {short} skipped: {type(exc).__name__}: {exc}"
                    )
                    failed.append(short)
                    section = None
                if section is not None:
                    sections.append(section)
                progress.advance(task)
            progress.update(task, description="Rendering page")
            html = render(chosen, sections, skipped=failed)
            progress.advance(task)
        target = out / "index.html"
        write_text(target, html)
        target.chmod(0o644)  # a report is meant to be shared (temporary files are 0600)
        console.print(
            f"Report for {chosen} written to {target} "
            f"({len(sections)} sections, {len(html) // 1024} KiB)."
        )
