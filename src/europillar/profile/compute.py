"""Country profile tables, each a pure function of cited tables (no files, no prints).

Every table keeps its provenance (``source_id``, ``estimate``) and says plainly what is
missing: a category without a figure reads "no cited figure", never zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

NO_FIGURE = "no cited figure"
CITED = "cited figure"
SPENDING_INDICATORS = (
    "milex_usd_constant2023_m",
    "milex_usd_current_m",
    "milex_share_gdp_pct",
    "nato_defexp_usd_current_m",
    "nato_defexp_share_gdp_pct",
)
PERSONNEL_INDICATORS = ("nato_military_personnel_k", "personnel_active_k")
SERIES_COLUMNS = ["year", "indicator", "value", "unit", "source_id", "estimate"]
HOLDINGS_COLUMNS = [
    "category",
    "unit",
    "quantity",
    "year",
    "status",
    "platforms",
    "source_id",
    "estimate",
    "data_status",
]
ORDERS_COLUMNS = [
    "category",
    "platform",
    "quantity",
    "order_year",
    "first_delivery_year",
    "last_delivery_year",
    "delivered_quantity",
    "supplier",
    "source_id",
]


def series_table(
    observations: pd.DataFrame, iso3: str, indicators: Sequence[str], years: Iterable[int]
) -> pd.DataFrame:
    """The country's figures for ``indicators`` in ``years``, tidy, sorted by indicator order
    and year. Years without a figure are absent (the coverage line says how many)."""
    wanted = set(years)
    rows = observations[
        (observations["iso3"] == iso3)
        & observations["indicator"].isin(indicators)
        & observations["year"].isin(wanted)
    ]
    order = {name: i for i, name in enumerate(indicators)}
    rows = rows.assign(_order=rows["indicator"].map(order)).sort_values(["_order", "year"])
    rows = rows.drop_duplicates(["indicator", "year"], keep="first")
    out = rows[[c for c in SERIES_COLUMNS if c in rows.columns]].reset_index(drop=True)
    if "estimate" not in out.columns:
        out["estimate"] = False
    return out[SERIES_COLUMNS]


def series_coverage(
    table: pd.DataFrame, indicators: Sequence[str], years: Sequence[int]
) -> pd.DataFrame:
    """Per indicator: years with a figure out of the years asked for."""
    rows = []
    for indicator in indicators:
        have = sorted(int(y) for y in table.loc[table["indicator"] == indicator, "year"])
        rows.append(
            {
                "indicator": indicator,
                "years_with_figure": len(have),
                "years_total": len(years),
                "latest_year": have[-1] if have else None,
            }
        )
    return pd.DataFrame(
        rows, columns=["indicator", "years_with_figure", "years_total", "latest_year"]
    )


def holdings_table(
    inventory: pd.DataFrame, taxonomy: pd.DataFrame, iso3: str, as_of: int
) -> pd.DataFrame:
    """One row per taxonomy category: the latest cited figure up to ``as_of`` (active
    holdings preferred where the source distinguishes), or "no cited figure"."""
    years = pd.to_numeric(inventory["year"], errors="coerce")
    own = inventory[(inventory["holder"] == iso3) & (years <= as_of)].copy()
    own["year"] = pd.to_numeric(own["year"]).astype(int)
    if "status" in own.columns:
        rank = {"active": 0, "total": 1, "stored": 2}
        own = own[own["status"].isin(rank)]
        own["_status_rank"] = own["status"].map(rank)
    else:
        own["status"] = "total"
        own["_status_rank"] = 0
    rows = []
    for category in taxonomy.itertuples(index=False):
        part = own[own["category"] == category.category]
        if part.empty:
            rows.append(
                {"category": category.category, "unit": category.unit, "data_status": NO_FIGURE}
            )
            continue
        latest = part[part["year"] == part["year"].max()]
        best = latest[latest["_status_rank"] == latest["_status_rank"].min()]
        platforms = ""
        if "platform" in best.columns:
            named = [p for p in dict.fromkeys(best["platform"].astype(str)) if p]
            platforms = "; ".join(named)
        rows.append(
            {
                "category": category.category,
                "unit": category.unit,
                "quantity": float(best["quantity"].astype(float).sum()),
                "year": int(best["year"].iloc[0]),
                "status": str(best["status"].iloc[0]),
                "platforms": platforms,
                "source_id": ";".join(dict.fromkeys(best["source_id"].astype(str))),
                "estimate": bool(
                    best["estimate"].astype(str).str.lower().isin(["true", "1"]).any()
                ),
                "data_status": CITED,
            }
        )
    frame = pd.DataFrame(rows, columns=HOLDINGS_COLUMNS)
    frame["quantity"] = frame["quantity"].astype(float)
    frame["year"] = frame["year"].astype("Int64")
    frame[["status", "platforms", "source_id"]] = frame[
        ["status", "platforms", "source_id"]
    ].fillna("")
    frame["estimate"] = frame["estimate"].astype(object).where(frame["estimate"].notna(), False)
    frame["estimate"] = frame["estimate"].astype(bool)
    return frame


def holdings_coverage(holdings: pd.DataFrame) -> dict[str, int]:
    """How many taxonomy categories have a cited figure."""
    return {
        "categories_with_figure": int((holdings["data_status"] == CITED).sum()),
        "categories_total": len(holdings),
    }


def orders_table(orders: pd.DataFrame | None, iso3: str) -> pd.DataFrame:
    """Firm orders not yet fully delivered (empty when the dataset has no orders table)."""
    if orders is None or orders.empty:
        return pd.DataFrame(columns=ORDERS_COLUMNS)
    own = orders[orders["iso3"] == iso3].copy()
    if "delivered_quantity" in own.columns:
        delivered = pd.to_numeric(own["delivered_quantity"], errors="coerce").fillna(0)
        own = own[pd.to_numeric(own["quantity"], errors="coerce") > delivered]
    for column in ORDERS_COLUMNS:
        if column not in own.columns:
            own[column] = None
    return own[ORDERS_COLUMNS].sort_values(["category", "order_year"]).reset_index(drop=True)


def threats_table(perceptions: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """The latest coded priority (0–3) of each threat for the country, highest first."""
    own = perceptions[perceptions["iso3"] == iso3].copy()
    for column in ("year", "priority_0_3"):
        if column in own.columns:
            own[column] = pd.to_numeric(own[column], errors="coerce")
    if own.empty:
        return pd.DataFrame(columns=["threat", "priority_0_3", "year", "source_id", "evidence"])
    latest = own.sort_values("year").groupby("threat", as_index=False).tail(1)
    columns = ["threat", "priority_0_3", "year", "source_id", "evidence"]
    latest = latest[[c for c in columns if c in latest.columns]]
    return latest.sort_values(["priority_0_3", "threat"], ascending=[False, True]).reset_index(
        drop=True
    )


def voting_table(iso3: str, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The country's voting power under each rule, from each rule's power table (one row
    per member: ``iso3``, ``banzhaf_normalized``, ``shapley_shubik``); a rule whose
    members exclude the country says so."""
    rows = []
    for rule, table in tables.items():
        own = table[table["iso3"] == iso3]
        members = len(table)
        if own.empty:
            rows.append({"rule": rule, "members": members, "is_member": False})
            continue
        row = own.iloc[0]
        rows.append(
            {
                "rule": rule,
                "members": members,
                "is_member": True,
                "banzhaf_normalized": float(row["banzhaf_normalized"]),
                "shapley_shubik": float(row["shapley_shubik"]),
                "equal_share": 1.0 / members,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "rule",
            "members",
            "is_member",
            "banzhaf_normalized",
            "shapley_shubik",
            "equal_share",
        ],
    )


def contribution_row(apportionment: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """The country's row of a scenario's fair-share apportionment (empty when it is not a
    member of the scenario's bloc)."""
    return apportionment[apportionment["iso3"] == iso3].reset_index(drop=True)


def sources_of(tables: Iterable[pd.DataFrame]) -> list[str]:
    """Every source id the tables cite (``source_id`` cells may hold several, ';'-separated)."""
    found: dict[str, None] = {}
    for table in tables:
        if "source_id" not in table.columns:
            continue
        for cell in table["source_id"].dropna().astype(str):
            for part in cell.split(";"):
                if part.strip():
                    found[part.strip()] = None
    return sorted(found)
