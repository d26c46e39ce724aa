"""The country-profile engine: one state's numbers from every engine, with sources (pure).

Tables:

``summary``      one row per headline (latest spending, share of GDP, personnel,
                 holdings coverage, Banzhaf power under QMV, fair share), with its year,
                 unit and sources: what a profile page shows first;
``spending``     the spending and share-of-GDP series (SIPRI and NATO), tidy;
``targets``      share of GDP per year against 2 / 3.5 / 5 % (NATO figures where NATO
                 publishes them, else SIPRI's) and the gap in USD m;
``personnel``    NATO's and Correlates of War's personnel series, tidy;
``holdings``     every taxonomy category: the latest cited figure or "no cited figure";
``orders``       firm orders not yet delivered (empty when the dataset has none);
``threats``      the coded threat priorities (0–3), latest coding per threat;
``voting``       Banzhaf and Shapley–Shubik power under each EU rule, and the equal
                 share under NATO consensus;
``contribution`` the state's fair share of the scenario's gap (cost and whole units).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from europillar.profile import compute
from europillar.profile.overview import overview_table
from europillar.profile.prepare import ProfileInputs
from europillar.result import Result, make_meta, split_ids

if TYPE_CHECKING:
    from europillar.decisions import DecisionsResult

# The columns a reader sees first, per table, on screen and in the web app (CSV, JSON and
# the spreadsheet carry every column).
SHOWN_COLUMNS = {
    "summary": ["item", "value", "unit", "year", "note", "source_id"],
    "targets": [
        "year",
        "basis",
        "share_gdp_pct",
        "gap_2pct_usd_m",
        "gap_3_5pct_usd_m",
        "gap_5pct_usd_m",
        "sources",
    ],
    "holdings": [
        "category",
        "quantity",
        "unit",
        "year",
        "status",
        "platforms",
        "data_status",
        "source_id",
    ],
    "personnel": ["year", "indicator", "value", "unit", "source_id"],
    "spending": ["year", "indicator", "value", "unit", "source_id"],
    "voting": ["rule", "members", "banzhaf_normalized", "shapley_shubik", "equal_share"],
    "contribution": [
        "key",
        "share_pct",
        "annual_cost_share",
        "money_unit",
        "cost_share_of_milex_pct",
        "units_whole_by_category",
    ],
    "threats": ["threat", "priority_0_3", "year", "source_id"],
}

SUMMARY_COLUMNS = ["item", "value", "unit", "year", "note", "source_id"]


class ProfileResult(Result):
    """A country profile (see the module docstring)."""

    @property
    def iso3(self) -> str:
        return str(self.meta["iso3"])

    @property
    def name(self) -> str:
        return str(self.meta["name"])


def run(inputs: ProfileInputs) -> ProfileResult:
    """Every table of the profile of ``inputs.iso3`` (pure; runs the engines it draws on)."""
    from europillar import burden, capability, decisions

    years = list(inputs.years)
    spending = compute.series_table(
        inputs.observations, inputs.iso3, compute.SPENDING_INDICATORS, years
    )
    personnel = compute.series_table(
        inputs.observations, inputs.iso3, compute.PERSONNEL_INDICATORS, years
    )
    burden_result = burden.run(inputs.burden)
    targets = burden_result.tables["members"]
    targets = targets[targets["iso3"] == inputs.iso3].reset_index(drop=True)
    holdings = compute.holdings_table(inputs.holdings, inputs.taxonomy, inputs.iso3, years[-1])
    orders = compute.orders_table(inputs.orders, inputs.iso3)
    threats = compute.threats_table(inputs.perceptions, inputs.iso3)
    decision_result = decisions.run(inputs.decisions) if inputs.decisions is not None else None
    voting = _voting(inputs, decision_result)
    capability_result = capability.run(inputs.capability)
    contribution = _contribution(capability_result, inputs.iso3)
    notes = _notes(inputs, holdings, orders, voting, contribution)
    decision_sources: list[str] = []
    if inputs.decisions is not None:  # the population figures and the rules' treaty texts
        rules = [inputs.decisions.rule, *inputs.decisions.compare_rules.values()]
        decision_sources += inputs.decisions.population_sources
        decision_sources += [s for spec in rules for s in spec.sources]
    tables = {
        "spending": spending,
        "targets": targets,
        "personnel": personnel,
        "holdings": holdings,
        "orders": orders,
        "threats": threats,
        "voting": voting,
        "contribution": contribution,
    }
    tables = {"summary": _summary(inputs, tables), **tables}
    if inputs.overview:
        qmv = decision_result.power_under("qmv") if decision_result is not None else None
        tables["overview"] = overview_table(
            inputs.overview,
            inputs.observations,
            inputs.holdings,
            inputs.taxonomy,
            years[-1],
            qmv,
            capability_result.tables["apportionment"],
        )
    coverage = compute.holdings_coverage(holdings)
    missing = [
        f"{inputs.iso3} {row.category}: {compute.NO_FIGURE}"
        for row in holdings.itertuples()
        if row.data_status == compute.NO_FIGURE
    ]
    return ProfileResult(
        tables=tables,
        sources=(
            *compute.sources_of([spending, personnel, holdings, orders, threats]),
            *(split_ids(targets["sources"]) if "sources" in targets else ()),
            *(t.source_id for t in inputs.burden.targets),
            *decision_sources,
            *(split_ids(contribution["source_ids"]) if "source_ids" in contribution else ()),
        ),
        notes=tuple(notes),
        missing=tuple(missing),
        meta=make_meta(
            "profile",
            inputs.origin,
            iso3=inputs.iso3,
            name=inputs.name,
            years=years,
            holdings_table=inputs.holdings_table,
            orders_table=inputs.orders_table,
            categories_with_figure=coverage["categories_with_figure"],
            categories_total=coverage["categories_total"],
            eu_member=inputs.iso3 in inputs.eu_members,
            nato_member=inputs.iso3 in inputs.nato_members,
        ),
    )


def _voting(inputs: ProfileInputs, result: DecisionsResult | None) -> pd.DataFrame:
    tables: dict[str, pd.DataFrame] = {}
    if result is not None and inputs.iso3 in inputs.eu_members:
        for rule in dict.fromkeys(result.voting_power["rule"]):
            tables[str(rule)] = result.power_under(str(rule))
    voting = compute.voting_table(inputs.iso3, tables)
    if inputs.iso3 in inputs.nato_members:
        # consensus: every Ally can block alone, so each holds the same power, 1/n
        n = len(inputs.nato_members)
        nato = {
            "rule": "nato_consensus",
            "members": n,
            "is_member": True,
            "banzhaf_normalized": 1.0 / n,
            "shapley_shubik": 1.0 / n,
            "equal_share": 1.0 / n,
        }
        voting = pd.concat([voting, pd.DataFrame([nato])], ignore_index=True)
    return voting


def _contribution(result: Result, iso3: str) -> pd.DataFrame:
    share = compute.contribution_row(result.tables["apportionment"], iso3)
    units = result.tables["apportioned_units"]
    units = units[units["iso3"] == iso3]
    if share.empty:
        return share
    whole = units.groupby("category")["units_whole"].sum()
    share = share.copy()
    share["units_whole_by_category"] = "; ".join(
        f"{category} {int(n)}" for category, n in whole.items() if n
    )
    return share


def _notes(
    inputs: ProfileInputs,
    holdings: pd.DataFrame,
    orders: pd.DataFrame,
    voting: pd.DataFrame,
    contribution: pd.DataFrame,
) -> list[str]:
    coverage = compute.holdings_coverage(holdings)
    notes = [
        f"Holdings: {coverage['categories_with_figure']} of {coverage['categories_total']} "
        f"capability categories have a cited figure for {inputs.name}; the others read "
        f"'{compute.NO_FIGURE}' (missing, not zero).",
    ]
    if inputs.orders_table is None:
        notes.append("Orders: the dataset has no orders table yet, so no order is shown.")
    elif orders.empty:
        notes.append(f"Orders: no firm order of {inputs.name} in {inputs.orders_table}.")
    if inputs.iso3 not in inputs.eu_members:
        notes.append(f"{inputs.name} is not an EU member: no vote in the EU Council.")
    if inputs.iso3 not in inputs.nato_members:
        notes.append(f"{inputs.name} is not a NATO member.")
    if contribution.empty:
        notes.append(
            f"{inputs.name} is not a member of the scenario's bloc "
            f"({inputs.capability.scenario.members}): no fair share."
        )
    return notes


def _summary(inputs: ProfileInputs, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows: list[dict[str, object]] = []

    def latest(table: pd.DataFrame, indicator: str, item: str) -> None:
        part = table[(table["indicator"] == indicator) & table["value"].notna()]
        if part.empty:
            rows.append({"item": item, "note": compute.NO_FIGURE})
            return
        row = part.sort_values("year").iloc[-1]
        rows.append(
            {
                "item": item,
                "value": float(row["value"]),
                "unit": row["unit"],
                "year": int(row["year"]),
                "note": "estimate" if bool(row["estimate"]) else "",
                "source_id": row["source_id"],
            }
        )

    latest(tables["spending"], "milex_usd_constant2023_m", "Military spending (constant 2023)")
    latest(tables["spending"], "nato_defexp_share_gdp_pct", "Defence spending, % of GDP (NATO)")
    latest(tables["spending"], "milex_share_gdp_pct", "Military spending, % of GDP (SIPRI)")
    latest(tables["personnel"], "nato_military_personnel_k", "Military personnel (NATO)")
    latest(tables["personnel"], "personnel_active_k", "Active personnel (Correlates of War)")
    coverage = compute.holdings_coverage(tables["holdings"])
    rows.append(
        {
            "item": "Capability categories with a cited figure",
            "value": float(coverage["categories_with_figure"]),
            "unit": "categories",
            "note": f"of {coverage['categories_total']} in the taxonomy",
            "source_id": ";".join(compute.sources_of([tables["holdings"]])),
        }
    )
    voting = tables["voting"]
    qmv = voting[(voting["rule"] == "qmv") & voting["is_member"].astype(bool)]
    if not qmv.empty:
        rows.append(
            {
                "item": "Voting power under QMV (normalised Banzhaf)",
                "value": float(qmv["banzhaf_normalized"].iloc[0]),
                "unit": "index",
                "note": f"equal share would be {1 / int(qmv['members'].iloc[0]):.4f}",
            }
        )
    contribution = tables["contribution"]
    if not contribution.empty:
        row = contribution.iloc[0]
        rows.append(
            {
                "item": f"Fair share of the gap ({inputs.capability.scenario.name})",
                "value": float(row["share_pct"]),
                "unit": "% of the bloc's cost",
                "note": f"key {row.get('key', '')}".strip(),
            }
        )
    frame = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    frame["value"] = frame["value"].astype(float)
    frame["year"] = frame["year"].astype("Int64")
    return frame.fillna({"unit": "", "note": "", "source_id": ""})
