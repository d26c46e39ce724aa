"""How fragmented is a bloc's inventory? Types, effective types, shared types, origin.

Inputs are inventory rows (iso3, category, type, variant, year, status, quantity,
origin_bloc); ``level`` chooses whether a "type" (Leopard 2) or a "variant" (Leopard 2A6)
is the unit of counting, because published counts disagree mostly on that choice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError

if TYPE_CHECKING:
    from europillar.dataset import Dataset

LEVELS = ("type", "variant")
ORIGINS = ("european", "us", "other")
METRIC_COLUMNS = [
    "bloc",
    "category",
    "level",
    "members_reporting",
    "n_types",
    "effective_types",
    "interoperable_share_pct",
    "origin_european_pct",
    "origin_us_pct",
    "origin_other_pct",
    "quantity_coverage_pct",
]


def snapshot(
    inventory: pd.DataFrame, year: int, status: tuple[str, ...] = ("in_service",)
) -> pd.DataFrame:
    """Rows in force in ``year``: for each (iso3, category, type), the latest year <= ``year``."""
    rows = inventory[inventory["status"].isin(status) & (inventory["year"] <= year)]
    if rows.empty:
        return rows.copy()
    latest = rows.groupby(["iso3", "category", "type"])["year"].transform("max")
    return rows[rows["year"] == latest].copy()


def _key(frame: pd.DataFrame, level: str) -> pd.Series:
    if level not in LEVELS:
        raise InputError(None, "level", level, "unknown counting level", LEVELS)
    if level == "type":
        return frame["type"].astype(str)
    variant = frame["variant"].fillna("").astype(str)
    return frame["type"].astype(str) + " " + variant.str.strip()


def inverse_hhi(quantities: pd.Series) -> float:
    """Effective number of types: 1 / sum(share^2); NaN when nothing is counted."""
    total = float(quantities.sum())
    if total <= 0:
        return float("nan")
    shares = quantities / total
    return float(1.0 / (shares**2).sum())


def metrics(
    inventory: pd.DataFrame, members: list[str], bloc: str, level: str = "type"
) -> pd.DataFrame:
    """Per-category fragmentation of ``members``' rows, plus an ``all`` row.

    ``effective_types`` and the shares use rows whose quantity is known;
    ``quantity_coverage_pct`` says what share of rows that is. The ``all`` row counts types
    across categories and gives origin shares by number of types (units of different
    categories cannot be added).
    """
    rows = inventory[inventory["iso3"].isin(members)].copy()
    rows["key"] = _key(rows, level)
    out = []
    for category, group in sorted(rows.groupby("category"), key=lambda item: str(item[0])):
        known = group[group["quantity"].notna()]
        by_key = known.groupby("key")["quantity"].sum()
        operators = group.groupby("key")["iso3"].nunique()
        shared = operators[operators >= 2].index
        total = float(known["quantity"].sum())
        record = {
            "bloc": bloc,
            "category": category,
            "level": level,
            "members_reporting": int(group["iso3"].nunique()),
            "n_types": int(group["key"].nunique()),
            "effective_types": inverse_hhi(by_key) if len(by_key) else float("nan"),
            "interoperable_share_pct": 100.0
            * float(known[known["key"].isin(shared)]["quantity"].sum())
            / total
            if total > 0
            else float("nan"),
            "quantity_coverage_pct": 100.0 * len(known) / len(group),
        }
        for origin in ORIGINS:
            value = float(known[known["origin_bloc"] == origin]["quantity"].sum())
            record[f"origin_{origin}_pct"] = 100.0 * value / total if total > 0 else float("nan")
        out.append(record)
    if len(rows):
        types = rows.drop_duplicates(["category", "key"])
        record = {
            "bloc": bloc,
            "category": "all",
            "level": level,
            "members_reporting": int(rows["iso3"].nunique()),
            "n_types": len(types),
            "effective_types": _sum_or_nan([r["effective_types"] for r in out]),
            "interoperable_share_pct": float("nan"),
            "quantity_coverage_pct": 100.0 * float(rows["quantity"].notna().mean()),
        }
        for origin in ORIGINS:
            record[f"origin_{origin}_pct"] = 100.0 * float((types["origin_bloc"] == origin).mean())
        out.append(record)
    return pd.DataFrame(out, columns=METRIC_COLUMNS)


def _sum_or_nan(values: list[float]) -> float:
    known = [v for v in values if pd.notna(v)]
    return float(sum(known)) if known else float("nan")


def compare(
    inventory: pd.DataFrame,
    blocs: dict[str, list[str]],
    year: int,
    level: str = "type",
    status: tuple[str, ...] = ("in_service",),
) -> pd.DataFrame:
    """Metrics of several blocs (e.g. Europe and the US) on the same snapshot."""
    snap = snapshot(inventory, year, status)
    frames = [metrics(snap, members, name, level) for name, members in blocs.items()]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=METRIC_COLUMNS)


def trend(
    inventory: pd.DataFrame,
    members: list[str],
    bloc: str,
    years: list[int],
    level: str = "type",
    status: tuple[str, ...] = ("in_service",),
) -> pd.DataFrame:
    """Metrics for each year in ``years`` (only where the data have rows for that time)."""
    frames = []
    for year in years:
        frame = metrics(snapshot(inventory, year, status), members, bloc, level)
        frame.insert(1, "year", year)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def resolve_members(bloc: str | list[str], year: int, dataset: Dataset | None = None) -> list[str]:
    """ISO3 codes of a bloc: a list passes through; a name goes to europillar.countries."""
    from europillar import countries

    if isinstance(bloc, list):
        return sorted(bloc)
    if len(bloc) == 3 and bloc.isupper() and bloc.isalpha():
        return [bloc]
    return sorted(countries.members(bloc, year, dataset))
