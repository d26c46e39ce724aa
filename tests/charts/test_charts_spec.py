"""The chart spec: validation, labels for ids, and JSON that cannot break its page."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from europillar.charts import Chart, Rule, chart_csv


def _bars() -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["POL", "TUR", "DEU"], "share_gdp_pct": [4.123456, 2.0, 2.1]})


def _chart(**kw) -> Chart:
    base = dict(
        id="burden-share",
        title="Share of GDP",
        kind="barh",
        data=_bars(),
        x="iso3",
        y="share_gdp_pct",
        y_label="% of GDP",
        unit="%",
        source_ids=["sipri_milex_2025"],
    )
    base.update(kw)
    return Chart(**base)


def test_unknown_column_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match="no column 'value'"):
        _chart(y="value")


def test_bad_id_and_kind_are_refused() -> None:
    with pytest.raises(ValueError, match="lower-case"):
        _chart(id="Burden Share")
    with pytest.raises(ValueError, match="kind 'pie'"):
        _chart(kind="pie")
    with pytest.raises(ValueError, match="low and high"):
        _chart(kind="band")


def test_ids_get_labels_for_readers() -> None:
    chart = _chart()
    assert chart.names()["iso3"] == {"DEU": "Germany", "POL": "Poland", "TUR": "Türkiye"}
    assert chart.label_of("iso3", "TUR") == "Türkiye"


def test_spec_json_cannot_close_its_script_element() -> None:
    data = _bars().assign(iso3=["</script><script>alert(1)</script>", "TUR", "DEU"])
    text = _chart(data=data).spec_json()
    assert "</script>" not in text and "<" not in text
    assert json.loads(text)["rows"][0]["iso3"].startswith("</script>")


def test_spec_has_no_infinity_or_nan() -> None:
    data = _bars().assign(share_gdp_pct=[float("inf"), float("nan"), 1.0])
    rows = json.loads(_chart(data=data).spec_json())["rows"]
    assert [r["share_gdp_pct"] for r in rows] == [None, None, 1.0]


def test_csv_keeps_ids_adds_names_and_rounds_by_unit() -> None:
    text = chart_csv(_chart())
    assert text.splitlines()[0] == "iso3,iso3_name,share_gdp_pct"
    assert text.splitlines()[1] == "POL,Poland,4.12"  # percent: 2 decimals


def test_colours_follow_series_order_and_keep_given_ones() -> None:
    frame = pd.DataFrame({"bloc": ["USA", "EU27", "RUS"], "year": [2024] * 3, "value": [1.0] * 3})
    chart = Chart(
        "c",
        "t",
        "line",
        frame,
        "year",
        "value",
        "v",
        "u",
        [],
        series="bloc",
        colours={"EU27": "#123456"},
        rules=[Rule(2.0, "two")],
    )
    colours = chart.colour_of()
    assert list(colours) == ["USA", "EU27", "RUS"]
    assert colours["EU27"] == "#123456"
    assert len(set(colours.values())) == 3
