"""The decisions tables of a dataset: QMV populations, threat perceptions, missions.

Every function takes the dataset (default: the shipped one); the tables follow
``docs/data-format.md`` (every row has a ``source_id``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError

if TYPE_CHECKING:
    from europillar.dataset import Dataset

TABLES = ("qmv_population", "candidate_population", "threat_perceptions", "missions")


def load_table(name: str, dataset: Dataset | None = None) -> pd.DataFrame:
    """One of ``TABLES`` as a DataFrame."""
    from europillar.dataset import load

    if name not in TABLES:
        raise InputError(None, "table", name, "unknown decisions table", TABLES)
    return (dataset if dataset is not None else load()).table(f"decisions/{name}")


def qmv_population(
    year: int | None = None, dataset: Dataset | None = None
) -> tuple[int, dict[str, int]]:
    """(year, {iso3: population}) for the QMV population figures of ``year`` (latest if None)."""
    table = load_table("qmv_population", dataset)
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


def qmv_sources(year: int, dataset: Dataset | None = None) -> list[str]:
    table = load_table("qmv_population", dataset)
    return sorted(set(table.loc[table["year"] == year, "source_id"].astype(str)))


def candidate_population(
    year: int, dataset: Dataset | None = None
) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """Populations of states outside the EU27 (candidates and neighbours), persons.

    For each state the latest shipped figure not after ``year`` (the earliest when every
    figure is later). Returns ({iso3: persons}, {iso3: year of the figure}, source ids).
    """
    table = load_table("candidate_population", dataset)
    figures: dict[str, int] = {}
    years: dict[str, int] = {}
    for iso3, rows in table.groupby("iso3"):
        rows = rows.sort_values("year")
        usable = rows[rows["year"].astype(int) <= year]
        row = (usable if len(usable) else rows).iloc[-1 if len(usable) else 0]
        figures[str(iso3)] = int(row["population"])
        years[str(iso3)] = int(row["year"])
    return figures, years, sorted(set(table["source_id"].astype(str)))
