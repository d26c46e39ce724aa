"""Tables of the life-cycle cost for the CLI and the report (no printing here)."""

from __future__ import annotations

import pandas as pd

from europillar.capability.engine import CapabilityResult
from europillar.capability.lifecycle import BOUNDS


def budget_parts(result: CapabilityResult) -> list[pd.DataFrame]:
    """Rows of ``gaps --view budget``: the summary record first, then the top-down
    headline (if the study has one), the decomposition, each category, and the comparison
    with today's budgets and the Hague path. ``record`` says which is which."""
    summary, top = result.lifecycle_summary, result.top_down
    parts = [pd.DataFrame([summary])]
    if top is not None:
        parts.append(pd.DataFrame([top]))
    parts.append(
        result.lifecycle_decomposition.assign(record="decomposition", unit=summary["unit"])
    )
    parts.append(result.lifecycle.assign(record="category"))
    parts.append(result.budget.assign(record="budget"))
    return [p[["record", *[c for c in p.columns if c != "record"]]] for p in parts]


def budget_records(result: CapabilityResult) -> pd.DataFrame:
    """The parts of :func:`budget_parts` in one frame (for CSV)."""
    return pd.concat(budget_parts(result), ignore_index=True, sort=False)


def headline_lines(result: CapabilityResult) -> pd.DataFrame:
    """The budget view as a short table: totals, decomposition and the study's headline."""
    summary = result.lifecycle_summary
    unit = str(summary["unit"])
    years = summary["lifecycle_years"]
    rows = [
        ("annual total", *[summary[f"annual_total_{b}"] for b in BOUNDS], f"{unit} per year"),
        ("procurement total", *[summary[f"procurement_total_{b}"] for b in BOUNDS], unit),
        (
            f"life-cycle total ({years} years)",
            *[summary[f"lifecycle_total_{b}"] for b in BOUNDS],
            unit,
        ),
    ]
    decomposition = result.lifecycle_decomposition.set_index("bound")
    for part in ("equipment", "munitions", "personnel", "operations"):
        values = [float(decomposition.loc[b, part]) for b in BOUNDS]
        rows.append((f"  {part} (annual)", *values, f"{unit} per year"))
    top = result.top_down
    if top is not None:
        head = float(str(top["headline_annual"]))
        rows.append(("study headline (study's method)", head, head, head, f"{unit} per year"))
        gaps = [head - float(summary[f"annual_total_{b}"]) for b in BOUNDS]  # type: ignore[arg-type]
        rows.append(("  not itemised by the study", gaps[2], gaps[1], gaps[0], f"{unit} per year"))
    frame = pd.DataFrame(rows, columns=["line", "low", "central", "high", "unit"])
    return frame
