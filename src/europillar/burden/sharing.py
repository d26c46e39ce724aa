"""Burden sharing in NATO: shares of GDP, gaps to the 2 % / 3.5 % / 5 % targets,
the US share of Allied spending and the Olson–Zeckhauser exploitation test.

NATO figures (NATO definition) are used for an Ally; SIPRI's (a broader definition) only
for states NATO does not report (non-members, Iceland). The ``basis`` column says which,
``definition`` whether NATO's figure is the full definition (the 2 % series of the 2024
and 2025 editions) or the 2026 edition's core definition, and ``vintage`` the edition.
The caller passes observations of one NATO edition per year (``burden.prepare``), so the
two definitions never meet in one year, and a figure missing from that edition stays
missing (``note`` says so) instead of being taken from another edition or from SIPRI.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from europillar.power.comparison import Cell, index_observations


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


@dataclass(frozen=True)
class Basis:
    """Which indicators give spending, GDP and share of GDP, and what they measure."""

    name: str
    definition: str
    spending: str
    gdp: str
    share: str


NATO_FULL = Basis(
    "NATO",
    "full (2 % series)",
    "nato_defexp_usd_current_m",
    "nato_gdp_usd_current_m",
    "nato_defexp_share_gdp_pct",
)
NATO_CORE = Basis(
    "NATO",
    "core (Hague 3.5 %)",
    "nato_core_defexp_usd_current_m",
    "nato_gdp_usd_current_m",
    "nato_core_defexp_share_gdp_pct",
)
SIPRI = Basis("SIPRI", "SIPRI", "milex_usd_current_m", "gdp_usd_current_m", "milex_share_gdp_pct")
NATO_BASES = (NATO_FULL, NATO_CORE)
NATO_SPENDING = tuple(b.spending for b in NATO_BASES)

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
# The member table's columns; one gap column per target (its id) comes before the last three.
BURDEN_COLUMNS = [
    "iso3",
    "year",
    "basis",
    "definition",
    "vintage",
    "spending_usd_current_m",
    "gdp_usd_current_m",
    "share_gdp_pct",
    "includes_estimates",
    "sources",
    "note",
]


def gap_to_target(spending: float, gdp: float, target_pct: float) -> float:
    """Money still missing to reach ``target_pct`` of GDP: max(0, target% × GDP − spending)."""
    return max(0.0, target_pct / 100.0 * gdp - spending)


def burden_table(
    observations: pd.DataFrame,
    members: Mapping[int, Sequence[str]],
    years: Sequence[int],
    targets: Sequence[Target],
    nato_reported: Collection[str] | None = None,
    nato_vintages: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """One row per (member, year): spending, GDP, share of GDP, gaps to each target.

    All money is USD m at current prices and exchange rates of the year. ``share_gdp_pct``
    is the publisher's own figure (NATO's is a share of real GDP at the edition's prices);
    gaps are max(0, target % × GDP − spending) from spending and GDP in current USD, and
    NaN where the edition publishes only the share (NATO's August 2025 figures as shipped).
    ``nato_reported``: the states NATO reports (the Allies with armed forces); only the
    others fall back to SIPRI. ``nato_vintages`` names the NATO edition read in each year,
    for the note of an Ally it lacks. A member without a figure has ``basis`` empty and NaN
    figures: nothing is filled in.
    """
    index = index_observations(observations)
    reported = set(nato_reported) if nato_reported is not None else None
    rows = []
    for year in sorted({int(y) for y in years}):
        for iso3 in sorted(set(members.get(year, []))):
            row: dict[str, object] = {"iso3": iso3, "year": year, "basis": "", "note": ""}
            is_ally = reported is None or iso3 in reported
            bases = NATO_BASES if is_ally else ()
            if reported is None or not is_ally:
                bases = (*bases, SIPRI)
            for basis in bases:
                share = index.get((iso3, year, basis.share))
                if share is None:
                    continue
                spending = index.get((iso3, year, basis.spending))
                gdp = index.get((iso3, year, basis.gdp))
                found = [c for c in (spending, share, gdp) if c is not None]
                row.update(
                    {
                        "basis": basis.name,
                        "definition": basis.definition,
                        "vintage": share[3],
                        "spending_usd_current_m": spending[0] if spending else np.nan,
                        "gdp_usd_current_m": gdp[0] if gdp else np.nan,
                        "share_gdp_pct": share[0],
                        "includes_estimates": any(c[2] for c in found),
                        "sources": ";".join(sorted({c[1] for c in found})),
                    }
                )
                for target in targets:
                    row[target.id] = (
                        gap_to_target(spending[0], gdp[0], target.pct_of_gdp)
                        if spending and gdp
                        else np.nan
                    )
                if not (spending and gdp):
                    row["note"] = "the edition read publishes the share of GDP only: no gap"
                break
            if row["basis"] == "":
                edition = (nato_vintages or {}).get(year, "")
                row["note"] = (
                    f"not published in the NATO edition read ({edition or 'none covers ' + str(year)})"
                    if is_ally
                    else "no SIPRI share of GDP"
                )
            rows.append(row)
    columns = [*BURDEN_COLUMNS[:8], *(t.id for t in targets), *BURDEN_COLUMNS[-3:]]
    frame = pd.DataFrame(rows, columns=columns)
    frame["includes_estimates"] = frame["includes_estimates"].fillna(False).astype(bool)
    for column in ("sources", "definition", "vintage", "note"):
        frame[column] = frame[column].fillna("")
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
        lacking = part[part[targets[0].id].isna()] if targets else part[part["basis"] == ""]
        have = part.drop(lacking.index)
        for target in targets:
            rows.append(
                {
                    "year": int(year),
                    "target": target.label,
                    "target_pct_of_gdp": target.pct_of_gdp,
                    "gap_usd_current_m": float(have[target.id].sum()),
                    "n_below_target": int((have[target.id] > 0).sum()),
                    "n_members": len(part),
                    "n_missing": len(lacking),
                    "missing_members": ";".join(sorted(lacking["iso3"])),
                }
            )
    return pd.DataFrame(rows, columns=GAP_TOTAL_COLUMNS)


def us_share_of_nato(
    observations: pd.DataFrame,
    members: Mapping[int, Sequence[str]],
    years: Sequence[int],
    indicators: Sequence[str] = NATO_SPENDING,
) -> pd.DataFrame:
    """US spending as a percent of the sum over NATO members with a figure, per year.

    Each year reads the first of ``indicators`` (NATO's full, then core definition) that
    the edition of that year publishes; ``definition`` and ``vintage`` say which. Members
    without a figure (e.g. Iceland, which has no armed forces) are named in
    ``missing_members``; the total is over the others, as in NATO's own aggregate.
    """
    index = index_observations(observations)
    rows = []
    for year in sorted({int(y) for y in years}):
        current = sorted(set(members.get(year, [])))
        cells: dict[str, Cell | None] = {m: None for m in current}
        definition = ""
        for basis in NATO_BASES:
            if basis.spending not in indicators:
                continue
            found = {m: index.get((m, year, basis.spending)) for m in current}
            if any(c is not None for c in found.values()):
                cells, definition = found, basis.definition
                break
        have = {m: c for m, c in cells.items() if c is not None}
        missing = [m for m, c in cells.items() if c is None]
        total = sum(c[0] for c in have.values())
        usa = have.get("USA")
        rows.append(
            {
                "year": year,
                "definition": definition,
                "vintage": ";".join(sorted({c[3] for c in have.values() if c[3]})),
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
    labels = part["basis"] + " " + part["definition"] if "definition" in part else part["basis"]
    bases = ";".join(sorted(set(labels)))
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
