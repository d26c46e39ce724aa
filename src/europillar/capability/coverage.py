"""Data coverage beside every gap: who has a figure, and when a ratio or cost is withheld.

The coverage table (``europillar.force.coverage``) says, per category, how many members
have a holdings figure and what share of the bloc's spending they represent. Below the
threshold (80 %) the European inventory is a lower bound of unknown size, so a figure
that depends on it is not shown: the coverage ratio always, and the gap (and with it the
cost) when the requirement is a total force level (gap = requirement - European - US).
Under 'replace_us' the gap is the US contribution and under 'additional' it is the study's
addition minus the US; neither depends on European figures, so they stay.
"""

from __future__ import annotations

import pandas as pd

from europillar.capability.requirements import RULE_REPLACE_US
from europillar.force.coverage import insufficient

GAP_WITHOUT_EUROPE = (RULE_REPLACE_US, "additional")
COVERAGE_FIELDS = ["members_with_data", "spending_share_pct", "coverage"]


def apply_coverage(by_category: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """Add coverage columns; withhold ratios (and fixed-requirement gaps) below threshold."""
    out = by_category.copy()
    if coverage.empty:
        for column in COVERAGE_FIELDS:
            out[column] = pd.NA if column != "coverage" else ""
        return out
    table = coverage.set_index("category")
    rows = table.reindex(out["category"])
    out["members_with_data"] = rows["members_with_data"].to_numpy()
    out["spending_share_pct"] = rows["spending_share_pct"].to_numpy()
    texts, notes = [], []
    for position, category in enumerate(out["category"]):
        if category not in table.index:
            texts.append("")
            notes.append(out["note"].iloc[position])
            continue
        row = table.loc[category]
        if bool(row["sufficient"]):
            texts.append(
                f"{int(row['members_with_data'])} of {int(row['members_total'])} members, "
                f"{float(row['spending_share_pct']):.0f} % of spending"
            )
            notes.append(out["note"].iloc[position])
            continue
        sentence = insufficient(row)
        texts.append(sentence)
        out.iloc[position, out.columns.get_loc("coverage_ratio")] = float("nan")
        if out["requirement_kind"].iloc[position] not in GAP_WITHOUT_EUROPE:
            out.iloc[position, out.columns.get_loc("gap")] = float("nan")
            out.iloc[position, out.columns.get_loc("data_status")] = "insufficient"
        old = out["note"].iloc[position]
        notes.append("; ".join(x for x in (sentence, old) if x))
    out["coverage"] = texts
    out["note"] = notes
    return out
