"""Typed inputs of the joint-procurement optimiser, with checks that name the bad value."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from europillar.errors import InputError
from europillar.units import EUR_M_CURRENT_MIXED

TARGET_COLUMNS = ["iso3", "category", "units"]
CANDIDATE_REQUIRED = [
    "candidate_id",
    "category",
    "platform",
    "producer",
    "producer_iso3",
    "origin_bloc",
    "unit_cost",
    "ref_quantity",
    "learning_rate_pct",
]
CANDIDATE_OPTIONAL = [
    "capacity_per_year",
    "capacity_max_per_year",
    "ramp_up_years",
    "lead_time_years",
    "european_content_pct",
    "local_production_pct",
]
ORIGIN_BLOCS = ("european", "us", "other")


@dataclass(frozen=True)
class ProcurementProblem:
    """Member targets, candidate platforms and the policy constraints of one joint buy.

    ``targets``: iso3, category, units (integers >= 0).
    ``candidates``: one row per platform on offer (see CANDIDATE_REQUIRED / _OPTIONAL);
    ``unit_cost`` is the cited average unit cost at ``ref_quantity`` units, in ``money_unit``.
    ``k_max``: at most this many platform types per category (None: no limit).
    ``buy_european_pct``: minimum share of plan value with European content (None: off).
    ``juste_retour_pct``: each member's work share within this many percentage points of its
    funding share (None: off). Deliveries must be complete by ``target_year``.
    """

    targets: pd.DataFrame
    candidates: pd.DataFrame
    k_max: int | None = None
    buy_european_pct: float | None = None
    juste_retour_pct: float | None = None
    start_year: int = 2026
    target_year: int = 2035
    money_unit: str = EUR_M_CURRENT_MIXED
    time_limit_s: float = 60.0
    mip_rel_gap: float = 1e-6


def check_targets(targets: pd.DataFrame, file: str = "targets") -> pd.DataFrame:
    """Return targets with clean dtypes, summed over duplicate (iso3, category) rows."""
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise InputError(file, missing[0], None, "required column is missing", TARGET_COLUMNS)
    frame = targets[TARGET_COLUMNS].copy()
    for i, row in frame.iterrows():
        iso3 = row["iso3"]
        if not isinstance(iso3, str) or len(iso3) != 3 or not iso3.isupper():
            raise InputError(file, f"row {i}.iso3", iso3, "must be an upper-case ISO3 code")
        units = row["units"]
        try:
            value = float(units)
        except (TypeError, ValueError):
            raise InputError(file, f"row {i}.units", units, "must be a whole number >= 0") from None
        if math.isnan(value) or value < 0 or value != int(value):
            raise InputError(file, f"row {i}.units", units, "must be a whole number >= 0")
    frame["units"] = frame["units"].astype(int)
    frame = frame.groupby(["iso3", "category"], as_index=False, sort=True)["units"].sum()
    return frame[frame["units"] > 0].reset_index(drop=True)


def check_candidates(candidates: pd.DataFrame, file: str = "candidates") -> pd.DataFrame:
    """Return candidates with every optional column present (NaN when unknown)."""
    missing = [c for c in CANDIDATE_REQUIRED if c not in candidates.columns]
    if missing:
        raise InputError(file, missing[0], None, "required column is missing", CANDIDATE_REQUIRED)
    frame = candidates.copy()
    for column in CANDIDATE_OPTIONAL:
        if column not in frame.columns:
            frame[column] = float("nan")
    if frame["candidate_id"].duplicated().any():
        dup = frame.loc[frame["candidate_id"].duplicated(), "candidate_id"].iloc[0]
        raise InputError(file, "candidate_id", dup, "candidate ids must be unique")
    for _i, row in frame.iterrows():
        key = f"{row['candidate_id']}"
        if row["origin_bloc"] not in ORIGIN_BLOCS:
            raise InputError(
                file, f"{key}.origin_bloc", row["origin_bloc"], "unknown bloc", ORIGIN_BLOCS
            )
        for column, low, high in (
            ("unit_cost", 0.0, math.inf),
            ("ref_quantity", 0.0, math.inf),
            ("learning_rate_pct", 0.0, 100.0),
        ):
            value = row[column]
            if pd.isna(value) or not (low < float(value) <= high):
                raise InputError(
                    file, f"{key}.{column}", value, f"must be a number in ({low:g}, {high:g}]"
                )
        for column in ("european_content_pct", "local_production_pct"):
            value = row[column]
            if not pd.isna(value) and not 0.0 <= float(value) <= 100.0:
                raise InputError(file, f"{key}.{column}", value, "must be a percent in [0, 100]")
        for column in (
            "capacity_per_year",
            "capacity_max_per_year",
            "ramp_up_years",
            "lead_time_years",
        ):
            value = row[column]
            if not pd.isna(value) and float(value) < 0:
                raise InputError(file, f"{key}.{column}", value, "must be >= 0")
    return frame.sort_values("candidate_id").reset_index(drop=True)


def deliverable_units(candidate: pd.Series, start_year: int, target_year: int) -> float:
    """Units one production line can deliver from an order placed in ``start_year`` through
    ``target_year`` inclusive: nothing during the lead time, then the yearly rate rising linearly
    from ``capacity_per_year`` to ``capacity_max_per_year`` over ``ramp_up_years``.

    Unknown capacity means no limit (``inf``); unknown lead time counts as zero. Other
    customers' backlog on the same line is not modelled.
    """
    rate = candidate.get("capacity_per_year")
    if rate is None or pd.isna(rate):
        return math.inf
    rate = float(rate)
    peak = candidate.get("capacity_max_per_year")
    peak = rate if peak is None or pd.isna(peak) else max(rate, float(peak))
    ramp = candidate.get("ramp_up_years")
    ramp = 0.0 if ramp is None or pd.isna(ramp) else float(ramp)
    lead = candidate.get("lead_time_years")
    lead = 0.0 if lead is None or pd.isna(lead) else float(lead)
    first = start_year + math.ceil(lead)
    total = 0.0
    for k, _year in enumerate(range(first, target_year + 1)):
        share = 1.0 if ramp <= 0 else min(1.0, (k + 1) / ramp)
        total += rate + (peak - rate) * share
    return math.floor(total + 1e-9)
