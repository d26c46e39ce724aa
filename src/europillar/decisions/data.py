"""Read the decisions tables shipped in ``europillar/data/tables/decisions/``.

Kept inside the domain so the engine works whether or not ``europillar.data.load``
exists yet; the tables follow ``docs/data-format.md`` (every row has a ``source_id``).
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from europillar.errors import InputError

TABLES = ("qmv_population", "threat_perceptions", "missions")


def load_table(name: str) -> pd.DataFrame:
    """One of ``TABLES`` as a DataFrame."""
    if name not in TABLES:
        raise InputError(None, "table", name, "unknown decisions table", TABLES)
    path = resources.files("europillar.data").joinpath("tables", "decisions", f"{name}.csv")
    with path.open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle)


def qmv_population(year: int | None = None) -> tuple[int, dict[str, int]]:
    """(year, {iso3: population}) for the QMV population figures of ``year`` (latest if None)."""
    table = load_table("qmv_population")
    years = sorted(int(y) for y in table["year"].unique())
    if year is None:
        year = years[-1]
    if year not in years:
        # The Council's figures for a year apply to that whole year; use the latest not after it.
        earlier = [y for y in years if y <= year]
        if not earlier:
            raise InputError("qmv_population.csv", "year", year, "no QMV population figures", years)
        year = earlier[-1]
    rows = table[table["year"] == year]
    return year, {str(r.iso3): int(r.population) for r in rows.itertuples()}


def qmv_sources(year: int) -> list[str]:
    table = load_table("qmv_population")
    return sorted(set(table.loc[table["year"] == year, "source_id"].astype(str)))
