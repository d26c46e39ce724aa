"""The military-power engine: bloc totals per year and indicator, and a real index (pure).

Tables: ``comparison`` (one row per bloc, year and indicator: value, unit, members
missing, sources) and ``real_index`` (chained real-spending index per bloc, first
year = 100; empty unless ``milex_real_growth_pct`` is compared).
"""

from __future__ import annotations

import pandas as pd

from europillar.blocs import Membership
from europillar.power.comparison import INDICATORS, compare, real_index
from europillar.power.prepare import PowerInputs
from europillar.result import Result, make_meta, split_ids


class PowerResult(Result):
    """Blocs compared: ``comparison`` is tidy (bloc, year, indicator, value, unit, …)."""

    @property
    def comparison(self) -> pd.DataFrame:
        return self.tables["comparison"]

    @property
    def years(self) -> list[int]:
        return list(self.meta["years"])


def used_vintages(comparison: pd.DataFrame) -> list[str]:
    return sorted({v for cell in comparison["vintages"] for v in str(cell).split(";") if v})


def run(inputs: PowerInputs) -> PowerResult:
    """Compare the inputs' blocs (members never filled in: ``n_missing`` says who lacks)."""
    blocs = {b: {y: list(m) for y, m in by_year.items()} for b, by_year in inputs.blocs.items()}
    comparison = compare(
        inputs.observations, blocs, inputs.years, inputs.indicators, inputs.constant
    )
    if "milex_real_growth_pct" in inputs.indicators:
        index = real_index(comparison, inputs.years[0])
    else:
        index = pd.DataFrame(columns=["bloc", "year", "index"])
    incomplete = comparison[~comparison["complete"]]
    missing = [
        f"{r.bloc} {r.indicator} {r.year}: {r.missing_members.replace(';', ', ') or 'no members'}"
        for r in incomplete.itertuples()
    ]
    return PowerResult(
        tables={"comparison": comparison, "real_index": index},
        sources=tuple(split_ids(comparison["sources"])),
        notes=(
            "Missing member figures are never filled: n_missing > 0 means the total covers "
            "fewer members (complete = False).",
            f"Vintages used: {', '.join(used_vintages(comparison)) or 'none'} "
            f"(plan: {inputs.plan}); one edition per series for every year.",
            f"Membership: {Membership.parse(inputs.membership).describe()}.",
        ),
        missing=tuple(missing),
        meta=make_meta(
            "power",
            inputs.origin,
            blocs=list(inputs.blocs),
            years=list(inputs.years),
            indicators=list(inputs.indicators),
            vintages=used_vintages(comparison),
            constant=inputs.constant,
            vintage_plan=inputs.plan,
            membership=inputs.membership,
            methods={i: INDICATORS[i].method for i in inputs.indicators},
        ),
    )
