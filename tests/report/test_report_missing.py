"""The "Missing data" list and the default report year."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar import dataset
from europillar.data.missing import missing_data, year_ranges
from europillar.data.query import default_year
from europillar.errors import InputError


def test_year_ranges_compress_runs() -> None:
    assert year_ranges([2019, 2014, 2015, 2016, 2021, 2022]) == "2014–2016, 2019, 2021–2022"
    assert year_ranges([]) == ""


def test_missing_data_separates_series_gaps_from_country_gaps() -> None:
    obs = pd.DataFrame(
        {
            "iso3": ["AAA", "AAA", "BBB"],
            "year": [2020, 2021, 2020],
            "indicator": ["x", "x", "x"],
            "value": [1.0, 2.0, 3.0],
        }
    )
    expected = {"x": {"AAA": [2020, 2021, 2022], "BBB": [2020, 2021, 2022]}, "y": {"AAA": [2020]}}
    series, countries = missing_data(obs, expected)
    # 2022: nobody has x -> a series gap; y has no figure at all in 2020
    assert series.to_dict("records") == [
        {"indicator": "x", "years": "2022"},
        {"indicator": "y", "years": "2020"},
    ]
    # BBB lacks 2021 (2022 is already reported as a series gap)
    assert countries.to_dict("records") == [{"iso3": "BBB", "indicator": "x", "years": "2021"}]


def test_default_year_is_latest_year_with_spending_for_most_members() -> None:
    obs = pd.DataFrame(
        {"iso3": ["DEU"], "year": [2015], "indicator": ["milex_usd_current_m"], "value": [1.0]}
    )
    shipped = dataset.load()
    small = dataset.Dataset.from_frames(
        {
            "observations": obs,
            **{t: shipped.table(t) for t in ("countries", "memberships", "regions")},
        }
    )
    # one member of ~30 with a figure is not "most": no year qualifies
    with pytest.raises(InputError, match="most members"):
        default_year(small)
    assert default_year() == 2025  # shipped data: SIPRI's 2026 release covers 2025
