"""One indicator as a clean (iso3, year) series, and explicit price-base conversions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError

if TYPE_CHECKING:
    from europillar.dataset import Dataset

DERIVED_SOURCE = "europillar_derived"
SIPRI_BASE_YEAR = 2023
FIRST_YEAR = 2014  # Wales Summit pledge; the first year of NATO's published series
SPENDING = "milex_usd_current_m"


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def _years(value: int | Iterable[int] | None) -> list[int] | None:
    if value is None:
        return None
    if isinstance(value, int):
        return [value]
    return [int(y) for y in value]


def series(
    indicator: str,
    iso3: str | Iterable[str] | None = None,
    years: int | Iterable[int] | None = None,
    dataset: Dataset | None = None,
    vintage: str | None = None,
) -> pd.DataFrame:
    """Observations of one indicator, one row per (iso3, year), sorted.

    Rows come from one vintage per series family (``europillar.data.vintages``): by
    default the newest SIPRI release and NATO's figures as published each year;
    ``vintage`` names others ("sipri-2025", "nato-2026", "as-published" …). Within a
    vintage, duplicates resolve by the source order of vintages.csv. Missing figures have
    no row: nothing is filled in, and nothing is taken from another edition.
    """
    from europillar.data.vintages import DEFAULT_PLAN, parse_plan, select

    data = _dataset(dataset)
    obs = data.table("observations")
    known = sorted(set(data.table("indicators")["indicator"]) | set(obs["indicator"]))
    if indicator not in known:
        raise InputError(None, "indicator", indicator, "unknown indicator", allowed=known)
    vintages = data.table("vintages")
    plan = parse_plan(vintage, vintages, DEFAULT_PLAN.choices) if vintage else DEFAULT_PLAN
    rows = select(obs, vintages, plan, [indicator])
    codes = _as_list(iso3)
    if codes is not None:
        rows = rows[rows["iso3"].isin(codes)]
    wanted = _years(years)
    if wanted is not None:
        rows = rows[rows["year"].isin(wanted)]
    return rows.sort_values(["iso3", "year"]).reset_index(drop=True)


def constant_factor(
    iso3: str, year: int, base_year: int = SIPRI_BASE_YEAR, dataset: Dataset | None = None
) -> float:
    """SIPRI's own ratio milex(constant base_year USD) / milex(current USD) for iso3, year.

    It folds together the national deflator and the exchange-rate change between ``year``
    and the base year, exactly as SIPRI applied them to military spending.
    """
    if base_year != SIPRI_BASE_YEAR:
        raise InputError(
            None,
            "base_year",
            base_year,
            "only SIPRI's own price base is available",
            allowed=[SIPRI_BASE_YEAR],
        )
    data = _dataset(dataset)
    obs = data.table("observations")
    source = data.primary_source(f"milex_usd_constant{base_year}_m")
    mask = (obs["iso3"] == iso3) & (obs["year"] == int(year)) & (obs["source_id"] == source)
    pair = obs[mask].set_index("indicator")["value"]
    constant = pair.get(f"milex_usd_constant{base_year}_m")
    current = pair.get("milex_usd_current_m")
    if constant is None or current is None or current == 0:
        raise InputError(
            None,
            "iso3/year",
            f"{iso3}/{year}",
            "SIPRI has no constant and current milex pair to convert with",
        )
    return float(constant) / float(current)


def to_constant_usd(
    current_usd: float,
    iso3: str,
    year: int,
    base_year: int = SIPRI_BASE_YEAR,
    dataset: Dataset | None = None,
) -> float:
    """Convert a current-USD amount of ``iso3`` in ``year`` to constant ``base_year`` USD.

    Uses SIPRI's constant/current milex ratio (see ``constant_factor``); the unit of the
    result is the unit of the input (e.g. USD m in, USD m constant 2023 out).
    """
    return float(current_usd) * constant_factor(iso3, year, base_year, dataset)


ADDITIVE = frozenset(
    {
        "milex_usd_current_m",
        "milex_usd_constant2023_m",
        "milex_usd_constant2024_m",
        "gdp_usd_current_m",
        "gni_usd_current_m",
        "gdp_ppp_intl_current_m",
        "population",
        "personnel_active_k",
        "nato_defexp_usd_current_m",
        "nato_core_defexp_usd_current_m",
        "nato_core_defexp_usd_constant2021_m",
        "nato_gdp_usd_current_m",
        "nato_military_personnel_k",
    }
)


def bloc_total(
    indicator: str,
    codes: Iterable[str],
    year: int,
    dataset: Dataset | None = None,
    vintage: str | None = None,
) -> dict[str, object]:
    """Sum of an additive indicator over ``codes`` in ``year``.

    Returns ``{"value", "unit", "members", "missing", "estimate", "vintages"}``: members
    without a figure are listed in ``missing`` and contribute nothing (no gap filling),
    ``estimate`` is true if any summed figure is an estimate, and ``vintages`` names the
    editions the figures come from (see ``series`` for ``vintage``).
    """
    if indicator not in ADDITIVE:
        raise InputError(
            None,
            "indicator",
            indicator,
            "not additive over countries (shares and per-capita are not summed)",
            allowed=sorted(ADDITIVE),
        )
    members = sorted(set(codes))
    rows = series(indicator, members, int(year), dataset, vintage)
    units = sorted(set(rows["unit"]))
    if len(units) > 1:
        raise InputError(None, "unit", units, "cannot sum figures in different units")
    return {
        "value": float(rows["value"].sum()),
        "unit": units[0] if units else "",
        "members": members,
        "missing": sorted(set(members) - set(rows["iso3"])),
        "estimate": bool(rows["estimate"].any()),
        "vintages": sorted(set(rows["vintage"])),
    }


def _dataset(dataset: Dataset | None) -> Dataset:
    from europillar.dataset import load as load_dataset

    return dataset if dataset is not None else load_dataset()


def requirement_studies(dataset: Dataset | None = None) -> list[str]:
    """Study ids of capability/requirements_published (empty when the table is absent)."""
    data = _dataset(dataset)
    if "capability/requirements_published" not in data:
        return []
    table = data.table("capability/requirements_published")
    return sorted(set(table["study"].astype(str)) - {""})


def members_by_year(
    bloc: str, years: Sequence[int], dataset: Dataset | None = None
) -> dict[int, list[str]]:
    """Members of ``bloc`` (a bloc name or an ISO3 code) in each year."""
    from europillar.countries import members

    data = _dataset(dataset)
    return {int(y): sorted(members(bloc, int(y), data)) for y in years}


def spending_years(dataset: Dataset | None = None) -> list[int]:
    """Years with a military-spending figure for at least one country."""
    obs = _dataset(dataset).table("observations")
    return sorted({int(y) for y in obs.loc[obs["indicator"] == SPENDING, "year"]})


def default_year(dataset: Dataset | None = None) -> int:
    """Latest year in which most EU27 and European NATO members have a spending figure."""
    data = _dataset(dataset)
    obs = data.table("observations")
    spend = obs[obs["indicator"] == SPENDING]
    if spend.empty:
        raise InputError(
            "observations", "indicator", SPENDING, "no military spending figures in the dataset"
        )
    for year in sorted(set(spend["year"]), reverse=True):
        members = set(members_by_year("EU27", [year], data)[year])
        members |= set(members_by_year("EUROPEAN_NATO", [year], data)[year])
        have = set(spend.loc[spend["year"] == year, "iso3"]) & members
        if members and len(have) > len(members) / 2:
            return int(year)
    raise InputError("observations", "year", None, "no year has spending for most members")


def check_year(year: int, dataset: Dataset | None = None) -> int:
    """``year`` if it lies within the spending series (from 2014), else InputError."""
    years = spending_years(dataset)
    if not years or not (max(FIRST_YEAR, years[0]) <= year <= years[-1]):
        raise InputError(
            None,
            "year",
            year,
            "no military spending data for this year",
            allowed=[y for y in years if y >= FIRST_YEAR],
        )
    return int(year)
