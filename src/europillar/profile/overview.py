"""One line per European state: the head of every country profile, for a table of them all.

Built from the same tables a single profile uses (observations, holdings, the decisions
and capability results), so each line agrees with ``europillar country ISO3``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from europillar.profile import compute

OVERVIEW_COLUMNS = [
    "iso3",
    "milex_usd_constant2023_m",
    "milex_year",
    "share_gdp_pct",
    "share_basis",
    "share_year",
    "personnel_k",
    "personnel_basis",
    "personnel_year",
    "categories_with_figure",
    "categories_total",
    "banzhaf_qmv",
    "fair_share_pct",
    "source_id",
]
# (indicator, basis) in order of preference: NATO's definition where NATO publishes it
SHARE_SERIES = (("nato_defexp_share_gdp_pct", "NATO"), ("milex_share_gdp_pct", "SIPRI"))
PERSONNEL_SERIES = (("nato_military_personnel_k", "NATO"), ("personnel_active_k", "COW"))


def _latest(
    own: pd.DataFrame, choices: Sequence[tuple[str, str]]
) -> tuple[float, str, object, str]:
    for indicator, basis in choices:
        part = own[(own["indicator"] == indicator) & own["value"].notna()]
        if not part.empty:
            row = part.sort_values("year").iloc[-1]
            return float(row["value"]), basis, int(row["year"]), str(row["source_id"])
    return float("nan"), "", None, ""


def overview_table(
    countries: Sequence[str],
    observations: pd.DataFrame,
    holdings: pd.DataFrame,
    taxonomy: pd.DataFrame,
    as_of: int,
    voting: pd.DataFrame | None,
    apportionment: pd.DataFrame | None,
) -> pd.DataFrame:
    """One row per state in ``countries`` (see the module docstring). ``voting`` holds the
    QMV power table (``iso3``, ``banzhaf_normalized``); ``apportionment`` the scenario's
    fair shares (``iso3``, ``share_pct``)."""
    banzhaf = voting.set_index("iso3")["banzhaf_normalized"] if voting is not None else None
    shares = apportionment.set_index("iso3")["share_pct"] if apportionment is not None else None
    rows = []
    for iso3 in countries:
        own = observations[(observations["iso3"] == iso3) & (observations["year"] <= as_of)]
        spend = own[
            (own["indicator"] == "milex_usd_constant2023_m") & own["value"].notna()
        ].sort_values("year")
        share, share_basis, share_year, share_source = _latest(own, SHARE_SERIES)
        people, people_basis, people_year, people_source = _latest(own, PERSONNEL_SERIES)
        coverage = compute.holdings_coverage(
            compute.holdings_table(holdings, taxonomy, iso3, as_of)
        )
        sources = [share_source, people_source]
        if not spend.empty:
            sources.append(str(spend["source_id"].iloc[-1]))
        rows.append(
            {
                "iso3": iso3,
                "milex_usd_constant2023_m": float(spend["value"].iloc[-1]) if len(spend) else None,
                "milex_year": int(spend["year"].iloc[-1]) if len(spend) else None,
                "share_gdp_pct": share,
                "share_basis": share_basis,
                "share_year": share_year,
                "personnel_k": people,
                "personnel_basis": people_basis,
                "personnel_year": people_year,
                "categories_with_figure": coverage["categories_with_figure"],
                "categories_total": coverage["categories_total"],
                "banzhaf_qmv": _get(banzhaf, iso3),
                "fair_share_pct": _get(shares, iso3),
                "source_id": ";".join(sorted({s for s in sources if s})),
            }
        )
    frame = pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)
    for column in (
        "milex_usd_constant2023_m",
        "share_gdp_pct",
        "personnel_k",
        "banzhaf_qmv",
        "fair_share_pct",
    ):
        frame[column] = frame[column].astype(float)
    for column in ("milex_year", "share_year", "personnel_year"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _get(series: pd.Series | None, key: str) -> float | None:
    if series is None or key not in series.index:
        return None
    return float(series.loc[key])
