"""The procurement tables of a dataset, and the candidates in the optimiser's wide form.

The candidate parameters (one cited figure per row) are pivoted into the wide frame the
optimiser takes. Every function takes the dataset (default: the shipped one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError
from europillar.units import EUR_M_CURRENT_MIXED

if TYPE_CHECKING:
    from europillar.dataset import Dataset

TABLES = (
    "in_service",
    "candidates",
    "candidate_parameters",
    "fx",
    "published_counts",
    "published_savings",
)
COST_CASES = ("low", "central", "high")


def _dataset(dataset: Dataset | None) -> Dataset:
    from europillar.dataset import load

    return dataset if dataset is not None else load()


def load_table(name: str, dataset: Dataset | None = None) -> pd.DataFrame:
    """One procurement table by name (see TABLES)."""
    if name not in TABLES:
        raise InputError("procurement tables", "name", name, "unknown table", TABLES)
    return _dataset(dataset).table(f"procurement/{name}")


def load_sources(dataset: Dataset | None = None) -> pd.DataFrame:
    """The procurement rows of the sources registry."""
    return _dataset(dataset).table("sources/procurement")


def candidate_table(cost_case: str = "central", dataset: Dataset | None = None) -> pd.DataFrame:
    """Candidates in the optimiser's wide form, money in EUR m (current, not deflated).

    ``unit_cost`` is the chosen case; where a candidate has no cited figure for that case
    the central figure is used and ``cost_case_used`` says so. ``ref_quantity`` is the
    quantity the central price refers to.
    """
    if cost_case not in COST_CASES:
        raise InputError("--cost-case", "cost_case", cost_case, "unknown cost case", COST_CASES)
    candidates = load_table("candidates", dataset)
    params = load_table("candidate_parameters", dataset)
    fx = load_table("fx", dataset).set_index("currency")["eur_per_unit"].to_dict()

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
    frame["money_unit"] = EUR_M_CURRENT_MIXED
    return frame
