"""The burden-sharing engine: shares of GDP, gaps to targets, US share, exploitation test.

Tables: ``members`` (one row per member and year: basis NATO/SIPRI, spending, GDP, share
of GDP, gap to each target), ``gaps`` (sum of gaps per year and target), ``us_share``
(US share of the bloc's total, NATO definition) and ``ozeckhauser`` (Spearman rank
correlation of GDP and burden per year).
"""

from __future__ import annotations

import pandas as pd

from europillar.blocs import Membership
from europillar.burden.prepare import BurdenInputs
from europillar.burden.sharing import (
    Target,
    burden_table,
    gap_totals,
    olson_zeckhauser_by_year,
    us_share_of_nato,
)
from europillar.result import Result, make_meta, split_ids


class BurdenResult(Result):
    """Burden sharing among a bloc's members (money in USD m, current)."""

    @property
    def targets(self) -> list[Target]:
        """The spending targets compared with (cited), in the table's column order."""
        return [
            Target(t["id"], float(t["pct_of_gdp"]), t["label"], t["source_id"])
            for t in self.meta["targets"]
        ]

    @property
    def members(self) -> pd.DataFrame:
        return self.tables["members"]

    @property
    def us_share(self) -> pd.DataFrame:
        return self.tables["us_share"]


def run(inputs: BurdenInputs) -> BurdenResult:
    """Every burden table of the inputs' bloc and years (pure)."""
    members = {y: list(m) for y, m in inputs.members.items()}
    burden = burden_table(
        inputs.observations,
        members,
        inputs.years,
        inputs.targets,
        inputs.nato_reported,
        inputs.nato_vintages,
    )
    share = us_share_of_nato(inputs.observations, members, inputs.years)
    lacking = burden[burden["basis"] == ""]
    used = sorted({v for v in burden["vintage"] if v} | {v for v in share["vintage"] if v})
    definitions = sorted({d for d in burden["definition"] if d and d != "SIPRI"})
    return BurdenResult(
        tables={
            "members": burden,
            "gaps": gap_totals(burden, inputs.targets),
            "us_share": share,
            "ozeckhauser": olson_zeckhauser_by_year(burden),
        },
        sources=(
            *split_ids(burden["sources"]),
            *split_ids(share["sources"]),
            *(t.source_id for t in inputs.targets),
        ),
        notes=(
            "NATO figures for Allies, SIPRI's only for states NATO does not report (column "
            "basis); gap = max(0, target % x GDP - spending), USD m at current prices.",
            f"Vintages used: {', '.join(used) or 'none'} (plan: {inputs.plan}); each year "
            "reads one NATO edition and never fills a gap from another.",
            "NATO definitions in these rows: "
            + (", ".join(definitions) or "none")
            + "."
            + (
                " The core definition (2026 edition) is not the 2 % series: compare a year "
                "with another only within one definition."
                if len(definitions) > 1
                else ""
            ),
            f"Membership: {Membership.parse(inputs.membership).describe()}.",
        ),
        missing=tuple(f"{r.iso3} {r.year}: {r.note}" for r in lacking.itertuples()),
        meta=make_meta(
            "burden",
            inputs.origin,
            bloc=inputs.bloc,
            years=list(inputs.years),
            targets=[
                {"id": t.id, "pct_of_gdp": t.pct_of_gdp, "label": t.label, "source_id": t.source_id}
                for t in inputs.targets
            ],
            vintages=used,
            vintage_plan=inputs.plan,
            nato_vintage_by_year={str(y): v for y, v in inputs.nato_vintages.items()},
            membership=inputs.membership,
        ),
    )
