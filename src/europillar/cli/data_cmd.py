"""`europillar data …`: import publisher files, rebuild, list and show the cited tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from europillar.cli.output import EXCEL_HELP, FORMAT_HELP, OUTPUT_HELP, Format, emit
from europillar.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

IMPORTER_NAMES = ("cow", "nato", "sipri", "worldbank")

data_app = typer.Typer(
    help="The cited dataset: import, rebuild, list and show tables.", no_args_is_help=True
)

FormatOption = Annotated[Format, typer.Option("--format", help=FORMAT_HELP)]
OutputOption = Annotated[Path | None, typer.Option("--output", help=OUTPUT_HELP)]
ExcelOption = Annotated[bool, typer.Option("--excel", help=EXCEL_HELP)]


def _summary(tables: dict[str, pd.DataFrame], paths: list[Path]) -> pd.DataFrame:
    import pandas as pd

    rows = []
    by_name = {p.relative_to(p.parents[1]).with_suffix("").as_posix(): p for p in paths}
    for name, frame in tables.items():
        if "iso3" not in frame.columns:
            rows.append({"table": name, "indicator": "(aggregates)", "rows": len(frame)})
            continue
        for indicator, group in frame.groupby("indicator"):
            rows.append(
                {
                    "table": name,
                    "indicator": indicator,
                    "rows": len(group),
                    "countries": group["iso3"].nunique(),
                    "years": f"{group['year'].min()}-{group['year'].max()}",
                    "estimates": int(group["estimate"].sum()),
                    "file": str(by_name[name]),
                }
            )
    return pd.DataFrame(rows)


FORCE_IMPORTER_NAMES = ("sipri-transfers", "ucs")
RESOLVED_TABLES = ("force/holdings",)


@data_app.command("import")
def import_cmd(
    importer: Annotated[
        str,
        typer.Argument(
            help=f"One of: {', '.join(sorted([*IMPORTER_NAMES, *FORCE_IMPORTER_NAMES]))}."
        ),
    ],
    files: Annotated[list[Path], typer.Argument(help="The publisher file(s).")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Folder to write <importer>.csv in (default: the package's observations)."
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Import publisher files into the shipped tables (all-or-nothing).

    sipri -> observations/sipri_<release>.csv (+ its regional totals in aggregates/), nato
    -> observations/nato_<edition>.csv, worldbank, cow -> observations/<importer>.csv: a
    new edition writes its own tables beside the earlier ones (register it in
    tables/sources/core.csv first); ucs ->
    force/satellites_ucs.csv; sipri-transfers -> force/transfers_sipri.csv.
    """
    if importer in FORCE_IMPORTER_NAMES:
        from europillar.data.importers.force_tables import run_force_import

        table, path = run_force_import(importer, files, out)
        summary = table.groupby("category").size().rename("rows").reset_index()
        emit(summary, fmt, title=f"Imported {importer}", caption=f"Written to {path}")
        return
    from europillar.data.build import run_importer, write_tables

    tables = run_importer(importer, files)
    paths = write_tables(tables, out)
    emit(
        _summary(tables, paths),
        fmt,
        title=f"Imported {importer}",
        caption="Derived rows (derived.csv) are refreshed by `europillar data build`.",
    )


@data_app.command("build")
def build_cmd(
    raw_dir: Annotated[
        Path | None,
        typer.Argument(help="Raw files folder (same as --raw).", show_default=False),
    ] = None,
    raw: Annotated[
        list[Path] | None,
        typer.Option(
            "--raw",
            help="Raw files folder, repeatable (each file is taken from the first folder that "
            "has it). Default: every one of $EUROPILLAR_RAW_DIR, data/raw and "
            "../shared/data/raw from the current folder that exists (docs/data.md).",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder to write the tables in.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Re-import every raw publisher file and regenerate the shipped observation tables.

    A missing publisher file is named with the page to download it from."""
    from europillar.data.build import TABLES_DIR, build_tables, find_raw_dirs, write_tables

    given = [*(raw or []), *([raw_dir] if raw_dir is not None else [])]
    sources = find_raw_dirs(given or None)
    tables = build_tables(sources)
    paths = write_tables(tables, out)
    emit(
        _summary(tables, paths),
        fmt,
        title="Built from " + ", ".join(map(str, sources)),
        caption=f"Written to {Path(out) if out else TABLES_DIR}",
    )


@data_app.command("list")
def list_cmd(
    fmt: FormatOption = Format.table, output: OutputOption = None, excel: ExcelOption = False
) -> None:
    """List the tables `europillar.data.load` and `data show` accept."""
    import pandas as pd

    from europillar.dataset import load

    dataset = load()
    rows = []
    for name in dataset.names():
        frame = dataset.table(name)
        rows.append({"name": name, "rows": len(frame), "columns": ", ".join(frame.columns)})
    emit(pd.DataFrame(rows), fmt, title="Data tables", output=output, excel=excel)


@data_app.command("show")
def show_cmd(
    name: Annotated[str, typer.Argument(help="Table name (see `europillar data list`).")],
    iso3: Annotated[
        list[str] | None, typer.Option("--iso3", help="Keep these countries (repeatable).")
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Keep these indicators (repeatable).")
    ] = None,
    year: Annotated[
        list[int] | None, typer.Option("--year", help="Keep these years (repeatable).")
    ] = None,
    vintage: Annotated[
        list[str] | None,
        typer.Option("--vintage", help="Keep these vintages, e.g. sipri-2025 (repeatable)."),
    ] = None,
    all_sources: Annotated[
        bool,
        typer.Option(
            "--all-sources",
            help="force/holdings: every candidate figure with its rank and why it lost.",
        ),
    ] = False,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    excel: ExcelOption = False,
) -> None:
    """Show one table, optionally filtered by country, indicator, year and vintage.

    ``force/holdings`` is shown resolved: one chosen figure per holder, category, year
    and status (highest source tier wins); ``--all-sources`` adds the cross-checks.
    ``observations`` keeps every vintage and source (another edition, a cross-check);
    ``data crosschecks`` lists the cross-checks with their difference from the figure used.
    """
    if name in RESOLVED_TABLES:
        from europillar.cli.force_cmd import holdings_view

        frame = holdings_view(all_sources).rename(columns={"holder": "iso3"})
    elif all_sources:
        raise InputError(
            None, "--all-sources", name, "only resolved tables have candidates", RESOLVED_TABLES
        )
    else:
        from europillar.dataset import load

        frame = load().table(name)
    filters: list[tuple[str, list[str] | list[int]]] = [
        ("iso3", iso3 or []),
        ("indicator", indicator or []),
        ("year", year or []),
        ("vintage", vintage or []),
    ]
    for column, wanted in filters:
        if not wanted:
            continue
        if column not in frame.columns:
            raise InputError(None, f"--{column}", wanted[0], f"table '{name}' has no {column}")
        present = sorted(set(frame[column]))
        unknown = [w for w in wanted if w not in present]
        if unknown:
            raise InputError(
                None, f"--{column}", unknown[0], f"not in table '{name}'", allowed=present
            )
        frame = frame[frame[column].isin(wanted)]
    sources = sorted(set(frame["source_id"])) if "source_id" in frame.columns else []
    emit(
        frame.reset_index(drop=True),
        fmt,
        title=name,
        caption=f"Sources: {', '.join(sources)}" if sources else None,
        output=output,
        excel=excel,
    )


@data_app.command("vintages")
def vintages_cmd(
    fmt: FormatOption = Format.table, output: OutputOption = None, excel: ExcelOption = False
) -> None:
    """List the vintages (publisher editions) with release date, definition and price base."""
    from europillar.dataset import load

    frame = load().table("vintages")
    if fmt is Format.table:
        frame = frame[["vintage", "family", "release_date", "last_year", "price_base", "coverage"]]
    emit(
        frame,
        fmt,
        title="Vintages",
        caption="Within a vintage, duplicates resolve by the order of its source_ids (tables/"
        "vintages.csv); views read one vintage per family and name it (--vintage).",
        output=output,
        excel=excel,
    )


@data_app.command("crosschecks")
def crosschecks_cmd(
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="Keep one indicator.")
    ] = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    excel: ExcelOption = False,
) -> None:
    """Figures that lost to a preferred source of the same vintage, with the difference."""
    from europillar.data.vintages import crosschecks
    from europillar.dataset import load

    dataset = load()
    frame = crosschecks(dataset.table("observations"), dataset.table("vintages"))
    if indicator:
        frame = frame[frame["indicator"] == indicator]
    emit(
        frame,
        fmt,
        title="Cross-checks (values not used)",
        caption="value_used/source_id_used: the figure views use; difference_pct = "
        "100 × (value / value_used − 1).",
        output=output,
        excel=excel,
    )


@data_app.command("sources")
def sources_cmd(
    fmt: FormatOption = Format.table, output: OutputOption = None, excel: ExcelOption = False
) -> None:
    """List every source (all tables/sources/*.csv) with its terms of use."""
    from europillar.dataset import load

    frame = load().table("sources")
    if fmt is Format.table:
        frame = frame[["source_id", "publisher", "title", "edition", "date", "terms"]]
    emit(frame, fmt, title="Sources registry", output=output, excel=excel)


def register(app: typer.Typer) -> None:
    """Add the `data` command group to the europillar app."""
    from europillar.cli import force_cmd

    force_cmd.register(data_app)
    app.add_typer(data_app, name="data")
