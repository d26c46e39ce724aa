"""Where member targets come from: explicit lists, capability gaps, or today's fleets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError
from europillar.procurement.fragmentation import snapshot
from europillar.procurement.problem import TARGET_COLUMNS, check_targets

if TYPE_CHECKING:
    from europillar.capability.engine import CapabilityResult
    from europillar.scenario.schema import Scenario


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


def scenario_targets(
    scenario: Scenario,
    members: list[str],
    inventory: pd.DataFrame,
    gaps: CapabilityResult | None,
) -> tuple[pd.DataFrame, str]:
    """Targets for a scenario and a word on their origin: the scenario's explicit list,
    else the capability gaps apportioned to members (whole units), else one-for-one
    replacement of today's cited fleets."""
    settings = scenario.procurement
    categories = settings.categories if settings is not None else None
    if settings is not None and settings.targets:
        frame = pd.DataFrame([t.model_dump() for t in settings.targets])
        origin = "scenario procurement.targets"
    elif gaps is not None and len(gaps.apportioned_units):
        frame = gap_targets(gaps)
        origin = "capability gaps apportioned to members in whole units (europillar.capability)"
    else:
        frame = replacement_targets(inventory, members, scenario.base_year, categories)
        origin = (
            f"one-for-one replacement of cited {scenario.base_year} fleets "
            "(no positive capability gap)"
        )
    if categories is not None:
        frame = frame[frame["category"].isin(categories)]
    return check_targets(frame, file="scenario targets"), origin


def gap_targets(gaps: CapabilityResult) -> pd.DataFrame:
    """Each member's whole units of every positive gap: capability's largest-remainder
    apportionment (``units_whole``), so the members' targets add up to the rounded gap."""
    units = gaps.apportioned_units
    frame = units[["iso3", "category", "units_whole"]].rename(columns={"units_whole": "units"})
    return frame.astype({"units": int})[TARGET_COLUMNS].reset_index(drop=True)
