"""Read the procurement tables shipped in ``europillar/data/tables/procurement``.

Until ``europillar.data.load`` exists this module reads its own CSVs; the candidate
parameters (one cited figure per row) are pivoted into the wide frame the optimiser takes.
"""

from __future__ import annotations

import io
from importlib import resources

import pandas as pd

from europillar.errors import InputError

TABLES = (
    "in_service",
    "candidates",
    "candidate_parameters",
    "fx",
    "published_counts",
    "published_savings",
)
COST_CASES = ("low", "central", "high")


def _read(relative: str) -> pd.DataFrame:
    root = resources.files("europillar") / "data" / "tables"
    text = (root / relative).read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def load_table(name: str) -> pd.DataFrame:
    """One shipped procurement table by name (see TABLES)."""
    if name not in TABLES:
        raise InputError("procurement tables", "name", name, "unknown table", TABLES)
    return _read(f"procurement/{name}.csv")


def load_sources() -> pd.DataFrame:
    """The procurement rows of the sources registry."""
    return _read("sources/procurement.csv")


def candidate_table(cost_case: str = "central") -> pd.DataFrame:
    """Candidates in the optimiser's wide form, money in EUR m (current, not deflated).

    ``unit_cost`` is the chosen case; where a candidate has no cited figure for that case
    the central figure is used and ``cost_case_used`` says so. ``ref_quantity`` is the
    quantity the central price refers to.
    """
    if cost_case not in COST_CASES:
        raise InputError("--cost-case", "cost_case", cost_case, "unknown cost case", COST_CASES)
    candidates = load_table("candidates")
    params = load_table("candidate_parameters")
    fx = load_table("fx").set_index("currency")["eur_per_unit"].to_dict()

    def to_eur(row: pd.Series) -> float:
        currency = str(row["unit"]).split(" ")[0]
        if row["parameter"].startswith("unit_cost"):
            if currency not in fx:
                raise InputError(
                    "candidate_parameters.csv",
                    f"{row['candidate_id']}.unit",
                    row["unit"],
                    "currency without an exchange rate",
                    sorted(fx),
                )
            return float(row["value"]) * float(fx[currency])
        return float(row["value"])

    params = params.assign(value_eur=params.apply(to_eur, axis=1))
    wide = params.pivot(index="candidate_id", columns="parameter", values="value_eur")
    frame = candidates.set_index("candidate_id").join(wide, how="left").reset_index()
    chosen = f"unit_cost_{cost_case}"
    if chosen not in frame.columns:
        frame[chosen] = float("nan")
    frame["cost_case_used"] = frame[chosen].notna().map({True: cost_case, False: "central"})
    frame["unit_cost"] = frame[chosen].fillna(frame["unit_cost_central"])
    frame["money_unit"] = "EUR m, current (mixed years, not deflated)"
    return frame
