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

TABLES = (
    "qmv_population",
    "candidate_population",
    "threat_perceptions",
    "missions",
    "qmv_council_totals",
)
# Where a year has figures on several bases, the first wins (the others are cross-checks):
# the Council's own shares (2025, rebuilt to persons from its two-decimal shares) before
# europillar's derivation from Eurostat's current population series, which misses the
# Council's totals by 0.2-0.3 % (docs/data-vintages.md).
QMV_BASES = ("council_shares", "eurostat_derivation")
BASIS_LABELS = {
    "council_shares": "the Council's Annex III shares for the year, rebuilt to persons from "
    "two decimals (error <= 0.005 % of the EU total per state)",
    "eurostat_derivation": "ESTIMATE, not the Council's Annex III figures: Eurostat's 1 January "
    "population of the previous year (current series), which lands 0.2-0.3 % below the "
    "Council's published totals for 2016 and 2025",
}


def _best_basis(rows: pd.DataFrame) -> pd.DataFrame:
    if "basis" not in rows.columns:
        return rows
    for basis in QMV_BASES:
        chosen = rows[rows["basis"] == basis]
        if not chosen.empty:
            return chosen
    raise InputError(
        "qmv_population.csv", "basis", sorted(set(rows["basis"])), "unknown basis", QMV_BASES
    )


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
    rows = _best_basis(table[table["year"] == year])
    return year, {str(r.iso3): int(r.population) for r in rows.itertuples()}


def qmv_basis(year: int, dataset: Dataset | None = None) -> str:
    """Which figures the QMV populations of ``year`` are, as a phrase for captions."""
    table = load_table("qmv_population", dataset)
    rows = _best_basis(table[table["year"] == year])
    basis = str(rows["basis"].iloc[0]) if "basis" in rows.columns and len(rows) else ""
    return BASIS_LABELS.get(basis, basis or "as shipped")


def qmv_sources(year: int, dataset: Dataset | None = None) -> list[str]:
    table = load_table("qmv_population", dataset)
    rows = _best_basis(table[table["year"] == year])
    return sorted(set(rows["source_id"].astype(str)))


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
