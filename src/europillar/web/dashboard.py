"""Data behind the overview dashboard: bloc comparison, burden sharing, map indicator.

Everything comes from the shipped dataset through the engines (``power``, ``burden``);
the results are cached per process because the dataset does not change while serving.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from europillar.errors import InputError

MAP_INDICATORS = {
    "milex_share_gdp_pct": "Military spending, % of GDP (SIPRI)",
    "nato_defexp_share_gdp_pct": "Defence expenditure, % of GDP (NATO)",
    "milex_usd_constant2023_m": "Military spending, USD m, constant 2023 (SIPRI)",
    "milex_per_capita_usd": "Military spending per capita, USD (SIPRI)",
    "nato_equipment_share_pct": "Equipment share of defence expenditure, % (NATO)",
    "personnel_active_k": "Active personnel, thousand",
}


@lru_cache(maxsize=1)
def default_year() -> int:
    from europillar.report.context import default_year as report_year

    return report_year()


@lru_cache(maxsize=1)
def power_frame() -> pd.DataFrame:
    """``power.compare`` for EU27, European NATO, USA, Russia, China, 2014 to the data year."""
    from europillar.report.sections.power import bloc_comparison

    return bloc_comparison(default_year())


@lru_cache(maxsize=1)
def burden_frame() -> pd.DataFrame:
    """``burden.burden_table`` of every NATO Ally in the data year (empty basis = no figures)."""
    from europillar.burden import burden_table
    from europillar.report.context import members_by_year, observations

    year = default_year()
    return burden_table(observations(), members_by_year("NATO", [year]), [year])


def target_rows() -> pd.DataFrame:
    from europillar.burden import TARGETS

    return pd.DataFrame(
        [
            {
                "target_id": t.id,
                "pct_of_gdp": t.pct_of_gdp,
                "label": t.label,
                "source_id": t.source_id,
            }
            for t in TARGETS
        ]
    )


@lru_cache(maxsize=1)
def geometry() -> dict[str, Any]:
    text = (resources.files("europillar.web") / "static" / "europe.geojson").read_text("utf-8")
    return dict(json.loads(text))


@lru_cache(maxsize=16)
def map_frame(indicator: str) -> pd.DataFrame:
    """Latest value of ``indicator`` (up to the data year, at most five years older) per country.

    The unit is the indicator's unit (``unit`` column of the observations)."""
    if indicator not in MAP_INDICATORS:
        raise InputError(None, "indicator", indicator, "not a map indicator", list(MAP_INDICATORS))
    from europillar.power import index_observations
    from europillar.report.context import country_names, observations

    index = index_observations(observations())  # one figure per key, as in power.compare
    year = default_year()
    names = country_names()
    rows = []
    for feature in geometry()["features"]:
        iso3 = feature["properties"]["iso3"]
        row: dict[str, Any] = {
            "iso3": iso3,
            "name": names.get(iso3, feature["properties"]["name"]),
            "indicator": indicator,
            "year": None,
            "value": None,
            "source_id": None,
            "estimate": None,
        }
        for y in range(year, year - 6, -1):  # latest figure up to five years old
            if (iso3, y, indicator) in index:
                value, source, estimate = index[(iso3, y, indicator)]
                row.update({"year": y, "value": value, "source_id": source, "estimate": estimate})
                break
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    units = observations().loc[lambda o: o["indicator"] == indicator, "unit"].dropna().unique()
    frame["unit"] = units[0] if len(units) else None
    return frame


def frame_sources(frame: pd.DataFrame, column: str = "sources") -> list[str]:
    """Distinct source ids in a ';'-separated column."""
    ids = {s for cell in frame[column].dropna() for s in str(cell).split(";") if s}
    return sorted(ids)
