"""Where member targets come from: explicit lists, capability gaps, or today's fleets."""

from __future__ import annotations

from typing import Any

import pandas as pd

from europillar.errors import InputError
from europillar.procurement.fragmentation import snapshot
from europillar.procurement.problem import TARGET_COLUMNS, check_targets


def replacement_targets(
    inventory: pd.DataFrame, members: list[str], year: int, categories: list[str] | None = None
) -> pd.DataFrame:
    """Replace today's cited fleets one for one: units = in-service quantity per member and
    category in ``year`` (rows without a cited quantity are left out)."""
    snap = snapshot(inventory, year)
    snap = snap[snap["iso3"].isin(members) & snap["quantity"].notna()]
    if categories is not None:
        snap = snap[snap["category"].isin(categories)]
    out = snap.groupby(["iso3", "category"], as_index=False)["quantity"].sum()
    out = out.rename(columns={"quantity": "units"})
    out["units"] = out["units"].astype(int)
    return out[TARGET_COLUMNS].sort_values(["category", "iso3"]).reset_index(drop=True)


def read_targets_csv(path: str) -> pd.DataFrame:
    """A user targets file (columns iso3, category, units); errors name the file."""
    try:
        frame = pd.read_csv(path, dtype={"iso3": str, "category": str})
    except FileNotFoundError:
        raise InputError(path, None, path, "file not found") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(path, None, None, f"not a readable CSV ({exc})") from None
    return check_targets(frame, file=path)


def scenario_targets(scenario: Any, inventory: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Targets for a scenario and a word on their origin: the scenario's explicit list,
    else the capability gaps apportioned to members, else one-for-one fleet replacement."""
    settings = scenario.procurement
    categories = settings.categories if settings is not None else None
    if settings is not None and settings.targets:
        frame = pd.DataFrame([t.model_dump() for t in settings.targets])
        origin = "scenario procurement.targets"
    else:
        frame, origin = _gap_targets(scenario)
        if frame is None:
            members = scenario.member_codes()
            frame = replacement_targets(inventory, members, scenario.base_year, categories)
            origin = f"one-for-one replacement of cited {scenario.base_year} fleets (capability gaps unavailable)"
    if categories is not None:
        frame = frame[frame["category"].isin(categories)]
    return check_targets(frame, file="scenario targets"), origin


def _gap_targets(scenario: Any) -> tuple[pd.DataFrame | None, str]:
    try:
        from europillar.capability import compute_gaps  # written in parallel by another helper
    except ImportError:
        return None, ""
    gaps = compute_gaps(scenario)
    units = getattr(gaps, "apportioned_units", None)
    if units is None or len(units) == 0:
        return None, ""
    frame = units.rename(
        columns={c: "units" for c in ("units_apportioned", "gap_units") if c in units.columns}
    )
    if not set(TARGET_COLUMNS) <= set(frame.columns):
        return None, ""
    frame = frame[TARGET_COLUMNS].copy()
    frame["units"] = frame["units"].fillna(0).round().astype(int)
    return frame, "capability gaps apportioned to members (europillar.capability.compute_gaps)"
