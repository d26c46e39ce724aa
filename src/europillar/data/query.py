"""One indicator as a clean (iso3, year) series, and explicit price-base conversions."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from europillar.data.tables import load
from europillar.errors import InputError

DERIVED_SOURCE = "europillar_derived"
SIPRI_SOURCE = "sipri_milex_2025"
SIPRI_BASE_YEAR = 2023


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
) -> pd.DataFrame:
    """Observations of one indicator, one row per (iso3, year), sorted.

    Where several rows exist for the same (iso3, year) (e.g. a publisher figure and a
    europillar derivation), the row kept is the first of: a core-dataset figure
    (sources/core.csv), a figure from another sources file, a europillar derivation.
    Missing figures have no row: nothing is filled in.
    """
    obs = load("observations")
    known = sorted(set(load("indicators")["indicator"]) | set(obs["indicator"]))
    if indicator not in known:
        raise InputError(None, "indicator", indicator, "unknown indicator", allowed=known)
    rows = obs[obs["indicator"] == indicator]
    codes = _as_list(iso3)
    if codes is not None:
        rows = rows[rows["iso3"].isin(codes)]
    wanted = _years(years)
    if wanted is not None:
        rows = rows[rows["year"].isin(wanted)]
    core = set(load("sources/core")["source_id"])
    rank = rows["source_id"].map(lambda s: 2 if s == DERIVED_SOURCE else (0 if s in core else 1))
    rows = rows.assign(_rank=rank).sort_values(["iso3", "year", "_rank"], kind="stable")
    rows = rows.drop_duplicates(["iso3", "year"], keep="first").drop(columns="_rank")
    return rows.reset_index(drop=True)


def constant_factor(iso3: str, year: int, base_year: int = SIPRI_BASE_YEAR) -> float:
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
    obs = load("observations")
    mask = (obs["iso3"] == iso3) & (obs["year"] == int(year)) & (obs["source_id"] == SIPRI_SOURCE)
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
    current_usd: float, iso3: str, year: int, base_year: int = SIPRI_BASE_YEAR
) -> float:
    """Convert a current-USD amount of ``iso3`` in ``year`` to constant ``base_year`` USD.

    Uses SIPRI's constant/current milex ratio (see ``constant_factor``); the unit of the
    result is the unit of the input (e.g. USD m in, USD m constant 2023 out).
    """
    return float(current_usd) * constant_factor(iso3, year, base_year)


ADDITIVE = frozenset(
    {
        "milex_usd_current_m",
        "milex_usd_constant2023_m",
        "gdp_usd_current_m",
        "gdp_ppp_intl_current_m",
        "population",
        "personnel_active_k",
        "nato_defexp_usd_current_m",
        "nato_gdp_usd_current_m",
        "nato_military_personnel_k",
    }
)


def bloc_total(indicator: str, codes: Iterable[str], year: int) -> dict[str, object]:
    """Sum of an additive indicator over ``codes`` in ``year``.

    Returns ``{"value", "unit", "members", "missing", "estimate"}``: members without a
    figure are listed in ``missing`` and contribute nothing (no gap filling), and
    ``estimate`` is true if any summed figure is an estimate.
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
    rows = series(indicator, members, int(year))
    units = sorted(set(rows["unit"]))
    if len(units) > 1:
        raise InputError(None, "unit", units, "cannot sum figures in different units")
    return {
        "value": float(rows["value"].sum()),
        "unit": units[0] if units else "",
        "members": members,
        "missing": sorted(set(members) - set(rows["iso3"])),
        "estimate": bool(rows["estimate"].any()),
    }
