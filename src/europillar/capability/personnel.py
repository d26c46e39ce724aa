"""Cost per person-year from NATO's tables, by country, with a stated fallback.

NATO's *Defence Expenditure of NATO Countries* gives each ally's defence expenditure
(Table 2, USD current), the share spent on personnel (Table 8a) and its military
personnel (Table 7). Personnel spending per military person is

    k_i = defexp_i x personnel_share_i / 100 / military_i

and a bloc's cost per person is the pooled ratio over the members with all three figures
in the latest common year up to the base year, sum(defexp_i x share_i) / sum(military_i),
so larger armies weigh more. The numerator includes civilians' pay and pensions: this
is an upper bound on the pay of the added soldiers, not the fully loaded cost (NATO's
total spending per military person also pays for equipment and would double count it).
Members without NATO figures (non-NATO states) take the pooled value: the fallback is
stated in the note. Where no member has the figures, the cited EU-NATO + UK + Norway
average in costs.csv (cost_per_person_annual, co_nato_defexp_2024) is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from europillar.capability.prices import Deflators, PriceBase, to_base

INDICATORS = ("nato_defexp_usd_current_m", "nato_personnel_share_pct", "nato_military_personnel_k")


@dataclass(frozen=True)
class PersonCost:
    """Cost per person-year in the price base (millions) and how it was obtained."""

    value_m: float
    year: int
    by_country: pd.DataFrame
    source_ids: tuple[str, ...]
    note: str


def per_country(observations: pd.DataFrame, members: Sequence[str], year: int) -> pd.DataFrame:
    """Personnel spending per military person (USD thousand, current) for one year."""
    rows = observations[
        observations["indicator"].isin(INDICATORS)
        & observations["iso3"].isin(list(members))
        & (observations["year"] == year)
    ]
    wide = rows.pivot_table(index="iso3", columns="indicator", values="value", aggfunc="first")
    wide = wide.dropna(subset=[i for i in INDICATORS if i in wide.columns])
    if wide.empty or any(i not in wide.columns for i in INDICATORS):
        return pd.DataFrame(columns=["iso3", "personnel_spend_usd_m", "military_k", "usd_k"])
    spend = wide["nato_defexp_usd_current_m"] * wide["nato_personnel_share_pct"] / 100.0
    frame = pd.DataFrame(
        {
            "personnel_spend_usd_m": spend,
            "military_k": wide["nato_military_personnel_k"],
            "usd_k": spend / wide["nato_military_personnel_k"],
        }
    )
    return frame.reset_index()


def cost_per_person(
    observations: pd.DataFrame,
    costs: pd.DataFrame,
    members: Sequence[str],
    base_year: int,
    base: PriceBase,
    deflators: Deflators,
) -> PersonCost:
    """Pooled NATO-derived cost per person-year for ``members`` (module docstring)."""
    years = sorted(
        {
            int(y)
            for y in observations.loc[
                observations["indicator"] == "nato_military_personnel_k", "year"
            ]
            if int(y) <= base_year
        },
        reverse=True,
    )
    for year in years:
        table = per_country(observations, members, year)
        if table.empty:
            continue
        usd_m = table["personnel_spend_usd_m"].sum() / (table["military_k"].sum() * 1000.0)
        converted = to_base(usd_m, "USD m per person", year, base, deflators)
        if not converted.ok:
            continue
        without = sorted(set(members) - set(table["iso3"]))
        note = (
            f"NATO-derived personnel spending per military person, {len(table)} of "
            f"{len(set(members))} members pooled ({year})"
        )
        if without:
            note += f"; {', '.join(without)} have no NATO figures and take the pooled value"
        ids = ("nato_defexp_2024", *deflators.source_ids("USD", year, base))
        return PersonCost(converted.value, year, table, tuple(sorted(set(ids))), note)
    fallback = costs[
        (costs["category"] == "troops_brigade")
        & (costs["cost_type"] == "cost_per_person_annual")
        & costs["platform"].astype(str).str.startswith("EU NATO members")
        & ~costs["unit"].astype(str).str.contains("total defence spending")
    ]
    if fallback.empty:
        return PersonCost(float("nan"), base_year, pd.DataFrame(), (), "no cost per person")
    row = fallback.iloc[0]
    converted = to_base(float(row["central"]), str(row["unit"]), row["price_year"], base, deflators)
    note = "no member has NATO figures: the cited EU-NATO + UK + Norway average is used"
    ids = (str(row["source_id"]), *deflators.source_ids("USD", int(row["price_year"]), base))
    return PersonCost(converted.value, int(row["price_year"]), pd.DataFrame(), tuple(ids), note)
