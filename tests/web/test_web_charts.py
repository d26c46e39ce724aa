"""Charts: the map's colour scale and the geometry it draws."""

from __future__ import annotations

import pandas as pd

from europillar.web import dashboard
from europillar.web.charts import map_chart


def _frame(values: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame({"iso3": list(values), "value": list(values.values())})


def test_map_caps_a_single_outlier_at_the_runner_up() -> None:
    geometry = dashboard.geometry()
    capped = map_chart(_frame({"DEU": 1.0, "FRA": 2.0, "POL": 4.0, "UKR": 34.0}), geometry, "x")
    assert "Countries above 4 share the top colour." in capped
    plain = map_chart(_frame({"DEU": 1.0, "FRA": 2.0, "POL": 4.0, "UKR": 7.0}), geometry, "x")
    assert "share the top colour" not in plain
    empty = map_chart(_frame({"DEU": None}), geometry, "x")
    assert empty.startswith("<svg")


def test_geometry_covers_the_european_members() -> None:
    from europillar.countries import members

    codes = {f["properties"]["iso3"] for f in dashboard.geometry()["features"]}
    # Malta is too small for a 1:110m outline
    missing = set(members("EUROPEAN_NATO", 2024)) - codes
    assert missing <= {"MLT"}, missing
    assert set(members("EU27", 2024)) - codes <= {"MLT"}
    assert dashboard.geometry()["source_id"] == "web_naturalearth"
