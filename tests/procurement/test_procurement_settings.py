"""The [procurement] scenario section: optional fields, strict checks, targets list."""

from __future__ import annotations

import pandas as pd
import pytest
from pydantic import ValidationError

from europillar.procurement.targets import replacement_targets
from europillar.scenario.sections.procurement import ProcurementSettings


def test_all_fields_optional_and_targets_parse() -> None:
    assert ProcurementSettings().k_max is None
    settings = ProcurementSettings.model_validate(
        {
            "k_max": 2,
            "buy_european_pct": 65.0,
            "juste_retour_pct": 10.0,
            "targets": [{"iso3": "DEU", "category": "mbt", "units": 10}],
        }
    )
    assert settings.targets is not None and settings.targets[0].units == 10


@pytest.mark.parametrize(
    "bad",
    [
        {"k_max": 0},
        {"kmax": 2},
        {"buy_european_pct": 120.0},
        {"targets": [{"iso3": "deu", "category": "mbt", "units": 1}]},
        {"targets": [{"iso3": "DEU", "category": "mbt", "units": -1}]},
    ],
)
def test_bad_settings_are_rejected(bad: dict) -> None:
    with pytest.raises(ValidationError):
        ProcurementSettings.model_validate(bad)


def test_replacement_targets_sum_latest_cited_fleets() -> None:
    inv = pd.DataFrame(
        {
            "iso3": ["AAA", "AAA", "AAA", "BBB"],
            "category": ["mbt"] * 4,
            "type": ["Leo", "Leo", "K2", "Leo"],
            "variant": ["", "", "", ""],
            "year": [2013, 2025, 2025, 2025],
            "status": ["in_service"] * 4,
            "quantity": [400, 300, 20, float("nan")],
            "origin_bloc": ["european"] * 4,
        }
    )
    out = replacement_targets(inv, ["AAA", "BBB"], 2025)
    assert out.to_dict("records") == [{"iso3": "AAA", "category": "mbt", "units": 320}]
