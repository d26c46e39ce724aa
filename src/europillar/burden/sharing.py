"""Burden sharing in NATO: shares of GDP, gaps to the 2 % / 3.5 % / 5 % targets,
the US share of Allied spending and the Olson–Zeckhauser exploitation test.

NATO figures (NATO definition) are used for a country-year where NATO publishes them;
otherwise SIPRI figures (a broader definition). The ``basis`` column says which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from europillar.power.comparison import index_observations


@dataclass(frozen=True)
class Target:
    """A spending target in percent of GDP."""

    id: str
    pct_of_gdp: float
    label: str
    source_id: str


def targets_from(table: pd.DataFrame) -> tuple[Target, ...]:
    """The cited spending targets of ``burden/targets`` (one row per target)."""
    return tuple(
        Target(str(r.target_id), float(r.target_pct), str(r.label), str(r.source_id))
        for r in table.itertuples(index=False)
    )


# (basis, spending, GDP, share of GDP) indicator ids, in order of preference.
_BASES = (
    ("NATO", "nato_defexp_usd_current_m", "nato_gdp_usd_current_m", "nato_defexp_share_gdp_pct"),
    ("SIPRI", "milex_usd_current_m", "gdp_usd_current_m", "milex_share_gdp_pct"),
)

GAP_TOTAL_COLUMNS = [
    "year",
    "target",
    "target_pct_of_gdp",
    "gap_usd_current_m",
    "n_below_target",
    "n_members",
    "n_missing",
    "missing_members",
]
# The member table's columns; one gap column per target (its id) comes before the last two.
BURDEN_COLUMNS = [
    "iso3",
    "year",
    "basis",
    "spending_usd_current_m",
    "gdp_usd_current_m",
    "share_gdp_pct",
    "includes_estimates",
    "sources",
]


def gap_to_target(spending: float, gdp: float, target_pct: float) -> float:
    """Money still missing to reach ``target_pct`` of GDP: max(0, target% × GDP − spending)."""
    return max(0.0, target_pct / 100.0 * gdp - spending)


def burden_table(
    observations: pd.DataFrame,
    members: Mapping[int, Sequence[str]],
    years: Sequence[int],
    targets: Sequence[Target],
) -> pd.DataFrame:
    """One row per (member, year): spending, GDP, share of GDP, gaps to each target.

    All money is USD m at current prices and exchange rates of the year. ``share_gdp_pct``
    is the publisher's own figure (NATO's is a share of real GDP at 2015 prices); gaps are
    computed from spending and GDP in current USD. A member with no complete basis has
    ``basis`` empty and NaN figures: nothing is filled in.
    """
    index = index_observations(observations)
    rows = []
    for year in sorted({int(y) for y in years}):
        for iso3 in sorted(set(members.get(year, []))):
            row: dict[str, object] = {"iso3": iso3, "year": year, "basis": ""}
            for basis, spend_id, gdp_id, share_id in _BASES:
                cells = [index.get((iso3, year, i)) for i in (spend_id, gdp_id, share_id)]
                found = [c for c in cells if c is not None]
                if len(found) < 3:
                    continue
                spending, gdp, share = (c[0] for c in found)
                row.update(
                    {
                        "basis": basis,
                        "spending_usd_current_m": spending,
                        "gdp_usd_current_m": gdp,
                        "share_gdp_pct": share,
                        "includes_estimates": any(c[2] for c in found),
                        "sources": ";".join(sorted({c[1] for c in found})),
                    }
                )
                for target in targets:
                    row[target.id] = gap_to_target(spending, gdp, target.pct_of_gdp)
                break
            rows.append(row)
    columns = [*BURDEN_COLUMNS[:6], *(t.id for t in targets), *BURDEN_COLUMNS[-2:]]
    frame = pd.DataFrame(rows, columns=columns)
    frame["includes_estimates"] = frame["includes_estimates"].fillna(False).astype(bool)
    frame["sources"] = frame["sources"].fillna("")
    for column in (
        "spending_usd_current_m",
        "gdp_usd_current_m",
        "share_gdp_pct",
        *[t.id for t in targets],
    ):
        frame[column] = frame[column].astype(float)
    frame["year"] = frame["year"].astype(int)
    return frame


def gap_totals(burden: pd.DataFrame, targets: Sequence[Target]) -> pd.DataFrame:
    """Sum of gaps per year and target, with the number of members counted and missing."""
    rows = []
    for year, part in burden.groupby("year", sort=True):
        have = part[part["basis"] != ""]
        for target in targets:
            rows.append(
                {
                    "year": int(year),
                    "target": target.label,
                    "target_pct_of_gdp": target.pct_of_gdp,
                    "gap_usd_current_m": float(have[target.id].sum()),
                    "n_below_target": int((have[target.id] > 0).sum()),
                    "n_members": len(part),
                    "n_missing": int((part["basis"] == "").sum()),
                    "missing_members": ";".join(sorted(part.loc[part["basis"] == "", "iso3"])),
                }
            )
    return pd.DataFrame(rows, columns=GAP_TOTAL_COLUMNS)


def us_share_of_nato(
    observations: pd.DataFrame,
    members: Mapping[int, Sequence[str]],
    years: Sequence[int],
    indicator: str = "nato_defexp_usd_current_m",
) -> pd.DataFrame:
    """US spending as a percent of the sum over NATO members with a figure, per year.

    Members without a figure (e.g. Iceland, which has no armed forces) are named in
    ``missing_members``; the total is over the others, as in NATO's own aggregate.
    """
    index = index_observations(observations)
    rows = []
    for year in sorted({int(y) for y in years}):
        current = sorted(set(members.get(year, [])))
        cells = {m: index.get((m, year, indicator)) for m in current}
        have = {m: c for m, c in cells.items() if c is not None}
        missing = [m for m, c in cells.items() if c is None]
        total = sum(c[0] for c in have.values())
        usa = have.get("USA")
        rows.append(
            {
                "year": year,
                "usa_usd_current_m": usa[0] if usa else np.nan,
                "nato_total_usd_current_m": total if have else np.nan,
                "us_share_pct": 100.0 * usa[0] / total if usa and total else np.nan,
                "n_members": len(current),
                "n_missing": len(missing),
                "missing_members": ";".join(missing),
                "includes_estimates": any(c[2] for c in have.values()),
                "sources": ";".join(sorted({c[1] for c in have.values()})),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class OlsonZeckhauser:
    """Spearman rank correlation between GDP and defence burden among Allies in one year.

    A significant positive rho (larger economies carry a larger burden) is the pattern
    Olson and Zeckhauser (1966) predicted from the small exploiting the large.
    """

    year: int
    n: int
    spearman_rho: float
    p_value: float
    bases: str

    @property
    def exploitation_supported(self) -> bool:
        return self.spearman_rho > 0 and self.p_value < 0.05


def olson_zeckhauser(burden: pd.DataFrame, year: int) -> OlsonZeckhauser:
    """The exploitation test for one year of a ``burden_table`` (members with a basis)."""
    part = burden[(burden["year"] == year) & (burden["basis"] != "")]
    part = part.dropna(subset=["gdp_usd_current_m", "share_gdp_pct"])
    bases = ";".join(sorted(set(part["basis"])))
    if len(part) < 3:
        return OlsonZeckhauser(int(year), len(part), float("nan"), float("nan"), bases)
    from scipy import stats

    result = stats.spearmanr(part["gdp_usd_current_m"], part["share_gdp_pct"])
    return OlsonZeckhauser(
        int(year), len(part), float(result.statistic), float(result.pvalue), bases
    )


def olson_zeckhauser_by_year(burden: pd.DataFrame) -> pd.DataFrame:
    """The exploitation test for every year in ``burden``, as a table."""
    rows = []
    for year in sorted(set(burden["year"])):
        test = olson_zeckhauser(burden, int(year))
        rows.append(
            {
                "year": test.year,
                "n": test.n,
                "spearman_rho": test.spearman_rho,
                "p_value": test.p_value,
                "exploitation_supported": test.exploitation_supported,
                "bases": test.bases,
            }
        )
    return pd.DataFrame(rows)
