"""Apportion a gap (units and money) to members by a fair-share key.

Keys (docs/capability.md has the equations):
  gdp                 w_i = GDP_i (current USD)
  gni                 w_i = GNI_i (no GNI data is shipped: raises a 'data missing' error)
  population          w_i = population_i
  nato_common_funding w_i = NATO common-funding cost share of i (needs the cost-share table)
  ability_to_pay      w_i = GDP_i x (GDP_i / pop_i) / (sum GDP / sum pop)
                      (GDP weighted by income per head relative to the members' average,
                      so richer members pay more than their GDP share)
shares s_i = w_i / sum w, adjusted so that they add up to exactly 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from europillar.errors import InputError
from europillar.units import USD_M_CURRENT

KEY_INDICATORS = {
    "gdp": ("gdp_usd_current_m",),
    "gni": ("gni_usd_current_m",),
    "population": ("population",),
    "ability_to_pay": ("gdp_usd_current_m", "population"),
}


def common_year(
    obs: pd.DataFrame, indicators: Sequence[str], members: Sequence[str], base_year: int
) -> int | None:
    """Latest year <= base_year in which every member has every indicator (None if none)."""
    rows = obs[
        obs["indicator"].isin(indicators) & obs["iso3"].isin(members) & (obs["year"] <= base_year)
    ]
    counts = rows.drop_duplicates(["iso3", "year", "indicator"]).groupby("year").size()
    full = counts[counts == len(set(members)) * len(indicators)]
    return int(full.index.max()) if not full.empty else None


def _value(obs: pd.DataFrame, indicator: str, members: Sequence[str], year: int) -> pd.Series:
    rows = obs[
        (obs["indicator"] == indicator) & (obs["year"] == year) & obs["iso3"].isin(members)
    ].drop_duplicates(["iso3"])
    return rows.set_index("iso3")["value"].astype(float).reindex(sorted(set(members)))


def key_weights(
    key: str,
    obs: pd.DataFrame,
    members: Sequence[str],
    base_year: int,
    cost_shares: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Weights of the key: columns iso3, weight, unit, year, source_ids (one row per member)."""
    members = sorted(set(members))
    if key == "nato_common_funding":
        return _cost_share_weights(cost_shares, members)
    if key not in KEY_INDICATORS:
        raise InputError(
            None,
            "fair_share_key",
            key,
            "unknown fair-share key",
            [*KEY_INDICATORS, "nato_common_funding"],
        )
    indicators = KEY_INDICATORS[key]
    year = common_year(obs, indicators, members, base_year)
    if year is None:
        have = obs[obs["indicator"].isin(indicators) & (obs["year"] <= base_year)]
        lacking = sorted(set(members) - set(have["iso3"]))
        detail = (
            f"members without any figure: {', '.join(lacking)}"
            if lacking
            else ("no single year has figures for every member")
        )
        raise InputError(
            None,
            "fair_share_key",
            key,
            f"data missing: no {' and '.join(indicators)} for every member in one "
            f"year up to {base_year} ({detail})",
        )
    sources = obs[
        obs["indicator"].isin(indicators) & (obs["year"] == year) & obs["iso3"].isin(members)
    ]
    source_ids = ";".join(sorted(set(sources["source_id"])))
    if key == "ability_to_pay":
        gdp = _value(obs, "gdp_usd_current_m", members, year)
        pop = _value(obs, "population", members, year)
        weight = gdp * (gdp / pop) / (gdp.sum() / pop.sum())
        unit = f"{USD_M_CURRENT} (GDP x relative GDP per head)"
    else:
        weight = _value(obs, indicators[0], members, year)
        unit = str(sources.loc[sources["indicator"] == indicators[0], "unit"].iloc[0])
    return pd.DataFrame(
        {
            "iso3": weight.index,
            "weight": weight.to_numpy(),
            "unit": unit,
            "year": year,
            "source_ids": source_ids,
        }
    )


def _cost_share_weights(cost_shares: pd.DataFrame | None, members: list[str]) -> pd.DataFrame:
    if cost_shares is None or cost_shares.empty:
        raise InputError(
            None,
            "fair_share_key",
            "nato_common_funding",
            "data missing: no NATO common-funding cost-share table is shipped "
            "(capability_taxonomy/nato_common_funding_shares.csv)",
            ["gdp", "population", "ability_to_pay"],
        )
    latest = cost_shares.sort_values("period").drop_duplicates("iso3", keep="last")
    table = latest.set_index("iso3")
    weight = table["share_pct"].astype(float).reindex(members)
    if weight.isna().any():
        lacking = ", ".join(weight[weight.isna()].index)
        raise InputError(
            None,
            "fair_share_key",
            "nato_common_funding",
            f"data missing: no NATO cost share for {lacking} (not NATO members?)",
        )
    return pd.DataFrame(
        {
            "iso3": members,
            "weight": weight.to_numpy(),
            "unit": "% of NATO common funding",
            "year": 0,
            "source_ids": ";".join(sorted(set(table.loc[members, "source_id"]))),
        }
    )


def shares_from_weights(weights: pd.Series) -> pd.Series:
    """Normalise non-negative weights to shares whose (exactly rounded) sum is 1.0."""
    if (weights < 0).any() or weights.isna().any():
        raise InputError(
            None,
            "weights",
            weights[(weights < 0) | weights.isna()].to_dict(),
            "fair-share weights must be known and non-negative",
        )
    total = math.fsum(weights)
    if total <= 0:
        raise InputError(None, "weights", total, "fair-share weights add up to zero")
    shares = weights.astype(float) / total
    largest = shares.idxmax()
    shares[largest] = 1.0 - math.fsum(shares.drop(largest))
    for _ in range(10_000):  # step the largest share by one ulp until the sum is exactly 1
        excess = math.fsum(shares)
        if excess == 1.0:
            break
        shares[largest] = math.nextafter(shares[largest], 0.0 if excess > 1.0 else 2.0)
    return shares


def apportion_units(gaps: pd.DataFrame, shares: pd.Series) -> pd.DataFrame:
    """Positive gaps split by share: columns iso3, category, units, units_whole.

    ``units`` = gap x share; ``units_whole`` rounds by the largest-remainder method so
    that whole units add up to the rounded gap exactly.
    """
    records = []
    for row in gaps.itertuples(index=False):
        gap = float(row.gap)
        if math.isnan(gap) or gap <= 0:
            continue
        exact = shares * gap
        floors = exact.apply(math.floor)
        remainder = round(gap) - int(floors.sum())
        order = sorted(shares.index, key=lambda i: (-(exact[i] - floors[i]), i))
        whole = floors.copy()
        for iso3 in order[: max(remainder, 0)]:
            whole[iso3] += 1
        for iso3 in shares.index:
            records.append(
                {
                    "iso3": iso3,
                    "category": row.category,
                    "units": float(exact[iso3]),
                    "units_whole": int(whole[iso3]),
                }
            )
    return pd.DataFrame.from_records(records, columns=["iso3", "category", "units", "units_whole"])
