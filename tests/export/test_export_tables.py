"""Output hygiene: no infinity in machine formats, rounding by unit, labels for people."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from europillar.export import (
    INFINITE_REASON,
    excel_csv,
    for_machine,
    for_screen,
    labels,
    precision,
    with_names,
)


def _strict(text: str) -> object:
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_infinity_becomes_missing_with_a_reason_beside_it() -> None:
    # Iceland has no military: a cost share of its (zero) spending is infinite
    frame = pd.DataFrame({"iso3": ["ISL", "POL"], "cost_share_of_milex_pct": [np.inf, 1.5]})
    out = for_machine(frame)
    assert list(out.columns) == [
        "iso3",
        "cost_share_of_milex_pct",
        "cost_share_of_milex_pct_reason",
    ]
    assert math.isnan(out.loc[0, "cost_share_of_milex_pct"])
    assert out.loc[0, "cost_share_of_milex_pct_reason"] == INFINITE_REASON
    assert out.loc[1, "cost_share_of_milex_pct_reason"] == ""
    records = out.astype(object).where(out.notna(), None).to_dict(orient="records")
    _strict(json.dumps(records, allow_nan=False))


def test_a_finite_table_gains_no_reason_column() -> None:
    frame = pd.DataFrame({"x_pct": [1.0, float("nan")]})
    assert list(for_machine(frame).columns) == ["x_pct"]


@pytest.mark.parametrize(
    ("unit", "decimals"),
    [
        ("USD m, constant 2023", 1),
        ("USD bn", 2),
        ("% of GDP", 2),
        ("thousand persons", 1),
        ("persons", 0),
        ("vehicles", 0),
        ("aircraft", 0),
        ("brigade equivalents", 0),
        ("USD, current", 0),
        ("index", 4),
        ("", 4),
    ],
)
def test_decimals_follow_the_unit(unit: str, decimals: int) -> None:
    assert precision.for_unit(unit) == decimals


@pytest.mark.parametrize(
    ("column", "decimals"),
    [
        ("share_gdp_pct", 2),
        ("gap_usd_m", 1),
        ("banzhaf_normalized", 4),
        ("shapley_shubik", 4),
        ("personnel_active_k", 1),
        ("revisit_mean_gap_h", 1),
        ("year", 0),
        ("earliest_covered_year", 0),
        ("requirement", None),
    ],
)
def test_decimals_follow_the_column_name(column: str, decimals: int | None) -> None:
    assert precision.for_column(column) == decimals


def test_rounding_a_tidy_table_uses_each_rows_unit() -> None:
    frame = pd.DataFrame(
        {
            "indicator": ["milex_usd_current_m", "milex_share_gdp_pct", "personnel_active_k"],
            "value": [454321.123456789, 1.987654321, 1328.3333333],
            "unit": ["USD m, current", "% of GDP", "thousand persons"],
        }
    )
    assert for_machine(frame)["value"].tolist() == [454321.1, 1.99, 1328.3]


def test_no_sixteen_digit_tails_anywhere() -> None:
    frame = pd.DataFrame({"anything": [1 / 3, 2 / 3]})
    assert frame.pipe(for_machine).to_csv(index=False) == "anything\n0.3333\n0.6667\n"


def test_voting_indices_keep_four_decimals_so_small_states_differ() -> None:
    # four small states all showed 0.02 at two decimals
    frame = pd.DataFrame(
        {
            "iso3": ["EST", "LVA", "CYP", "MLT"],
            "banzhaf_normalized": [0.01934, 0.02051, 0.01712, 0.01608],
        }
    )
    headers, rows, _ = for_screen(frame)
    assert [r[1] for r in rows] == ["0.0193", "0.0205", "0.0171", "0.0161"]
    assert headers == ["Country", "Banzhaf index (normalised)"]


def test_screen_shows_labels_machines_keep_ids() -> None:
    frame = pd.DataFrame(
        {
            "bloc": ["EUROPEAN_NATO"],
            "category": ["mbt"],
            "indicator": ["milex_share_gdp_pct"],
            "value": [2.0],
            "unit": ["% of GDP"],
        }
    )
    _, rows, _ = for_screen(frame)
    assert rows[0][:3] == ["European NATO", "Main battle tanks", "Military spending, share of GDP"]
    assert for_machine(frame)["bloc"].tolist() == ["EUROPEAN_NATO"]


def test_names_beside_ids_for_spreadsheets() -> None:
    frame = pd.DataFrame({"iso3": ["TUR"], "value": [1.0]})
    assert with_names(frame).columns.tolist() == ["iso3", "iso3_name", "value"]
    assert with_names(frame)["iso3_name"].tolist() == ["Türkiye"]


def test_excel_csv_has_a_byte_order_mark_and_reads_back() -> None:
    data = excel_csv("iso3,name\nTUR,Türkiye\n")
    assert data.startswith(b"\xef\xbb\xbf")
    import io

    assert pd.read_csv(io.BytesIO(data))["name"].tolist() == ["Türkiye"]


def test_every_indicator_of_the_catalogue_has_a_name() -> None:
    from europillar.data import load

    catalogue = set(load("indicators")["indicator"])
    from europillar.power import INDICATORS

    named = set(labels.indicator_ids())
    assert catalogue | set(INDICATORS) <= named, sorted((catalogue | set(INDICATORS)) - named)


def test_every_taxonomy_category_has_a_label_and_count_units_round_to_whole() -> None:
    from europillar.data import load

    for row in load("capability_taxonomy/taxonomy").itertuples():
        assert labels.category(row.category) == row.name
        assert precision.for_unit(row.unit) == 0, row.unit


def test_generated_column_labels_read_as_words() -> None:
    assert labels.column("cost_share_of_milex_pct") == "Cost share of military spending, %"
    assert labels.column("gap_usd_m") == "Gap, USD m"
    assert labels.column("prob_covered_by_end_pct") == "P(covered by the horizon), %"
