"""Data coverage: for a bloc and year, which members have a figure in each category.

A member *has data* in a category when the holdings matrix gives it a chosen total figure
as of the year (``holdings.latest``: at most 8 years old, or up to 2 years later): a cited
total, a complete breakdown, an explicit zero or a census zero. A member with only
partial rows (one platform of several) is counted in ``members_partial`` and not as
having data. ``spending_share_pct`` is the share of the bloc's military spending (SIPRI,
current USD, that year) that members with data represent; members without a spending
figure are listed and left out of the denominator.

Below ``THRESHOLD_PCT`` (members covering under 80 % of the bloc's spending) a bloc total,
ratio or cost in that category is not shown: outputs print ``insufficient(...)``'s
sentence instead (docs/force-data.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

THRESHOLD_PCT = 80.0
COVERAGE_COLUMNS = [
    "bloc",
    "year",
    "category",
    "members_total",
    "members_with_data",
    "members_partial",
    "spending_share_pct",
    "spending_share_incl_partial_pct",
    "sufficient",
    "threshold_pct",
    "figure_years",
    "members_missing",
    "members_without_spending",
    "bloc_total",
    "unit",
    "source_ids",
]


def coverage(
    figures: pd.DataFrame,
    partial: pd.DataFrame,
    members: Sequence[str],
    spending: Mapping[str, float],
    categories: Iterable[str],
    units: Mapping[str, str],
    bloc: str,
    year: int,
    threshold_pct: float = THRESHOLD_PCT,
) -> pd.DataFrame:
    """One row per category: members with a figure and the spending share they represent.

    ``figures`` are chosen country figures (``matrix.country_figures``), ``partial`` the
    part-only lower bounds, ``spending`` iso3 -> military spending (any one unit).
    ``bloc_total`` is the sum over members with data, shown only when sufficient.
    """
    member_set = sorted(set(members))
    priced = {m: float(spending[m]) for m in member_set if m in spending and pd.notna(spending[m])}
    total_spending = sum(priced.values())
    records = []
    for category in categories:
        rows = figures[(figures["category"] == category) & figures["holder"].isin(member_set)]
        have = set(rows["holder"])
        parts = (
            set(
                partial.loc[
                    (partial["category"] == category) & partial["holder"].isin(member_set), "holder"
                ]
            )
            - have
        )
        share = _share(have, priced, total_spending)
        share_partial = _share(have | parts, priced, total_spending)
        sufficient = share >= threshold_pct
        years = rows["year"].astype(int)
        records.append(
            {
                "bloc": bloc,
                "year": int(year),
                "category": category,
                "members_total": len(member_set),
                "members_with_data": len(have),
                "members_partial": len(parts),
                "spending_share_pct": share,
                "spending_share_incl_partial_pct": share_partial,
                "sufficient": bool(sufficient),
                "threshold_pct": float(threshold_pct),
                "figure_years": "" if years.empty else _span(years),
                "members_missing": " ".join(sorted(set(member_set) - have)),
                "members_without_spending": " ".join(sorted(set(member_set) - set(priced))),
                "bloc_total": float(rows["quantity"].sum()) if sufficient else float("nan"),
                "unit": units.get(category, ""),
                "source_ids": ";".join(sorted(set(rows["source_id"]))),
            }
        )
    return pd.DataFrame.from_records(records, columns=COVERAGE_COLUMNS)


def _share(holders: set[str], priced: Mapping[str, float], total: float) -> float:
    if total <= 0:
        return float("nan")
    return round(100.0 * sum(priced.get(h, 0.0) for h in holders) / total, 2)


def _span(years: pd.Series) -> str:
    low, high = int(years.min()), int(years.max())
    return str(low) if low == high else f"{low}-{high}"


def insufficient(row: Mapping[str, object]) -> str:
    """The sentence shown instead of a ratio or cost when coverage is below the threshold."""
    return (
        f"insufficient data: {row['members_with_data']} of {row['members_total']} members "
        f"({float(str(row['spending_share_pct'])):.1f} % of the bloc's spending; "
        f"threshold {float(str(row['threshold_pct'])):.0f} %)"
    )


def categories_reaching(table: pd.DataFrame, share_pct: float) -> list[str]:
    """Categories whose members with data hold at least ``share_pct`` of the spending."""
    return sorted(table.loc[table["spending_share_pct"] >= share_pct, "category"])
