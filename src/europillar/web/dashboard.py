"""Data behind the overview dashboard: bloc comparison, burden sharing, map indicator.

Everything comes from the shipped dataset through the one runner (``power``, ``burden``
on the default scenario). Results are cached per dataset version (they are immutable);
every table handed out is a copy.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import pandas as pd

from europillar.errors import InputError
from europillar.scenario.vocabulary import DEFAULT_PRESET

if TYPE_CHECKING:
    from europillar.burden import Target
    from europillar.dataset import Dataset
    from europillar.result import Result

MAP_INDICATORS = {
    "milex_share_gdp_pct": "Military spending, % of GDP (SIPRI)",
    "nato_defexp_share_gdp_pct": "Defence expenditure, % of GDP (NATO)",
    "milex_usd_constant2024_m": "Military spending, USD m, constant 2024 (SIPRI 2026 release)",
    "milex_per_capita_usd": "Military spending per capita, USD (SIPRI)",
    "nato_equipment_share_pct": "Equipment share of defence expenditure, % (NATO)",
    "personnel_active_k": "Active personnel, thousand",
}


def _dataset() -> Dataset:
    from europillar.dataset import load

    return load()


@lru_cache(maxsize=4)
def _year(version: str) -> int:
    from europillar.data.query import default_year as data_year

    return data_year(_dataset())


def default_year() -> int:
    """The dataset's reference year (latest year with spending for most members)."""
    return _year(_dataset().version)


@lru_cache(maxsize=4)
def _power(version: str) -> Result:
    from europillar import runner
    from europillar.data.query import FIRST_YEAR

    return runner.run(
        "power", DEFAULT_PRESET, _dataset(), first_year=FIRST_YEAR, last_year=default_year()
    )


@lru_cache(maxsize=4)
def _burden(version: str) -> Result:
    from europillar import runner
    from europillar.burden.prepare import latest_full_year

    # The latest year NATO's own release of that year gives spending for most Allies (the
    # report's choice too): 2025's release is shipped as 15 Allies' shares only.
    year = latest_full_year(_dataset(), default_year())
    return runner.run("burden", DEFAULT_PRESET, _dataset(), first_year=year, last_year=year)


def power_frame() -> pd.DataFrame:
    """Military power of EU27, European NATO, USA, Russia, China, 2014 to the data year."""
    return _power(_dataset().version).table("comparison")


def burden_frame() -> pd.DataFrame:
    """Every NATO Ally in the data year (empty basis = no figures)."""
    return _burden(_dataset().version).table("members")


def targets() -> list[Target]:
    """The cited spending targets of the burden result."""
    from europillar.burden import BurdenResult

    result = _burden(_dataset().version)
    assert isinstance(result, BurdenResult)
    return result.targets


def target_rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "target_id": t.id,
                "pct_of_gdp": t.pct_of_gdp,
                "label": t.label,
                "source_id": t.source_id,
            }
            for t in targets()
        ]
    )


@lru_cache(maxsize=1)
def geometry() -> dict[str, Any]:
    text = (resources.files("europillar.web") / "static" / "europe.geojson").read_text("utf-8")
    return dict(json.loads(text))


def map_frame(indicator: str) -> pd.DataFrame:
    """Latest value of ``indicator`` (up to the data year, at most five years older) per country.

    The unit is the indicator's unit (``unit`` column of the observations)."""
    if indicator not in MAP_INDICATORS:
        raise InputError(None, "indicator", indicator, "not a map indicator", list(MAP_INDICATORS))
    from europillar.data.vintages import view
    from europillar.power import index_observations

    dataset = _dataset()
    index = index_observations(view(dataset))  # one figure per key and one edition per family
    year = default_year()
    names = dataset.country_names()
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
                value, source, estimate, _vintage = index[(iso3, y, indicator)]
                row.update({"year": y, "value": value, "source_id": source, "estimate": estimate})
                break
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    observations = dataset.table("observations")
    units = observations.loc[lambda o: o["indicator"] == indicator, "unit"].dropna().unique()
    frame["unit"] = units[0] if len(units) else None
    return frame


def frame_sources(frame: pd.DataFrame, column: str = "sources") -> list[str]:
    """Distinct source ids in a ';'-separated column."""
    ids = {s for cell in frame[column].dropna() for s in str(cell).split(";") if s}
    return sorted(ids)
