"""The holdings matrix on hand-made tables: scope, units, source hierarchy, as-of picks."""

from __future__ import annotations

import pandas as pd
import pytest

from europillar.errors import InputError
from europillar.force.holdings import check_holdings, figures, latest, resolve
from europillar.force.units import unit_factors

TAXONOMY = pd.DataFrame(
    [
        {"category": "mbt", "unit": "vehicles", "unit_aliases": "tanks"},
        {"category": "air_defence_long", "unit": "batteries", "unit_aliases": "systems;fire units"},
    ]
)
RULES = pd.DataFrame(
    [
        {
            "category": "air_defence_long",
            "holder": "POL",
            "unit": "batteries",
            "factor": 2,
            "to_unit": "fire units",
            "source_id": "s_rule",
            "note": "",
        }
    ]
)
SOURCES = pd.DataFrame(
    [
        # tier, date and edition decide between conflicting figures
        {
            "source_id": "ministry",
            "tier": "1",
            "date": "2024-01",
            "edition": "",
            "state_media": "false",
        },
        {
            "source_id": "press_new",
            "tier": "4",
            "date": "2025-03",
            "edition": "",
            "state_media": "false",
        },
        {
            "source_id": "press_old",
            "tier": "4",
            "date": "2024-02",
            "edition": "",
            "state_media": "false",
        },
        {
            "source_id": "press_named",
            "tier": "4",
            "date": "2024-02",
            "edition": "MB 2024",
            "state_media": "false",
        },
        {"source_id": "s_rule", "tier": "4", "date": "2025", "edition": "", "state_media": "false"},
    ]
)


def row(holder: str, year: int, quantity: float, source: str, **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "holder": holder,
        "holder_type": "country",
        "year": year,
        "category": "mbt",
        "quantity": quantity,
        "unit": "tanks",
        "status": "total",
        "scope": "total",
        "platform": "",
        "variant": "",
        "source_id": source,
        "estimate": False,
        "method": "",
        "note": "",
        "quote": "",
    }
    base.update(extra)
    return base


def resolved(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    return resolve(figures(frame, TAXONOMY, RULES, SOURCES), SOURCES)


def test_conflicting_pair_highest_tier_wins_and_loser_stays_as_cross_check() -> None:
    """A ministry (tier 1) says 300, the press (tier 4, published later) 320: 300 wins."""
    out = resolved([row("DEU", 2024, 320, "press_new"), row("DEU", 2024, 300, "ministry")])
    chosen = out[out["chosen"]]
    assert list(chosen["quantity"]) == [300]
    loser = out[~out["chosen"]].iloc[0]
    assert loser["quantity"] == 320 and loser["rank"] == 2
    assert loser["why"].startswith("cross-check: lower tier (4 vs 1)")


def test_equal_tier_goes_to_the_newer_publication_then_the_named_edition() -> None:
    out = resolved([row("DEU", 2024, 310, "press_old"), row("DEU", 2024, 305, "press_new")])
    assert list(out.loc[out["chosen"], "source_id"]) == ["press_new"]
    out = resolved([row("DEU", 2024, 310, "press_old"), row("DEU", 2024, 305, "press_named")])
    assert list(out.loc[out["chosen"], "source_id"]) == ["press_named"]
    assert "edition not named" in out.loc[~out["chosen"], "why"].iloc[0]


def test_breakdown_lines_of_one_source_add_up_and_parts_are_never_chosen() -> None:
    """GRC: 170 + 180 Leopard 2 and 500 Leopard 1 (one source) = 850; a lone part row is not."""
    out = resolved(
        [
            row("GRC", 2024, 170, "press_old", scope="breakdown", platform="Leopard 2"),
            row("GRC", 2024, 180, "press_old", scope="breakdown", platform="Leopard 2"),
            row("GRC", 2024, 500, "press_old", scope="breakdown", platform="Leopard 1"),
            row("ITA", 2024, 90, "press_old", scope="part", platform="Ariete"),
        ]
    )
    grc = out[out["holder"] == "GRC"]
    assert list(grc["quantity"]) == [850] and bool(grc["chosen"].iloc[0])
    assert "sum of 3 platform rows" in grc["method"].iloc[0]
    ita = out[out["holder"] == "ITA"]
    assert not ita["chosen"].any() and ita["scope"].iloc[0] == "part"


def test_units_convert_only_by_a_documented_rule() -> None:
    """POL reports Patriot in batteries of two fire units; 'launchers' has no rule."""
    frame = pd.DataFrame(
        [
            row("POL", 2025, 2, "s_rule", category="air_defence_long", unit="batteries"),
            row("DEU", 2025, 9, "s_rule", category="air_defence_long", unit="batteries"),
            row("NLD", 2025, 16, "s_rule", category="air_defence_long", unit="launchers"),
        ]
    )
    factor, rule = unit_factors(frame, TAXONOMY, RULES)
    assert list(factor.iloc[:2]) == [2.0, 1.0] and pd.isna(factor.iloc[2])
    assert "s_rule" in rule.iloc[0]
    out = figures(frame, TAXONOMY, RULES, SOURCES)
    assert dict(zip(out["holder"], out["quantity"], strict=True)) == {"DEU": 9, "POL": 4}


def test_latest_takes_the_newest_figure_within_the_window_and_prefers_active() -> None:
    out = resolved(
        [
            row("FRA", 2012, 254, "press_old"),
            row("FRA", 2023, 220, "press_old"),
            row("FRA", 2023, 222, "press_old", status="active"),
            row("BEL", 2014, 83, "press_old"),  # older than 8 years in 2024: no figure
            row("NOR", 2026, 54, "press_old"),  # 2 years after: accepted when nothing earlier
        ]
    )
    picked = latest(out, 2024).set_index("holder")
    assert picked.loc["FRA", "quantity"] == 222 and picked.loc["FRA", "status"] == "active"
    assert "BEL" not in picked.index
    assert picked.loc["NOR", "year"] == 2026


def test_check_holdings_names_file_row_and_column() -> None:
    frame = pd.DataFrame(
        [row("DEU", 2024, 1, "press_old"), row("DEU", 2024, 1, "press_old", scope="all")]
    )
    with pytest.raises(InputError) as info:
        check_holdings(frame)
    assert "force/holdings.csv" in str(info.value) and "row 3.scope" in str(info.value)


def test_platform_fleets_feed_fragmentation_with_types_and_origins() -> None:
    """Holdings platform rows become fleets: the maker is dropped from the type, origin
    comes from in_service.csv or the SIPRI supplier, and is left blank otherwise."""
    from europillar import countries, data
    from europillar.force.matrix import ForceData, platform_fleets
    from europillar.procurement.fragmentation import metrics

    fleets = platform_fleets(
        ForceData.from_tables(data.load),
        data.load("force/transfers_sipri"),
        data.load("procurement/in_service"),
        set(countries.all_codes()) - {"USA", "CAN", "RUS", "CHN"},
    )
    grc = fleets[(fleets["iso3"] == "GRC") & (fleets["category"] == "mbt")].set_index("type")
    assert {"Leopard 1", "Leopard 2", "M48", "M60"} <= set(grc.index)
    f16 = fleets[(fleets["iso3"] == "POL") & (fleets["type"] == "F-16")]
    assert list(f16["origin_bloc"]) == ["us"]  # SIPRI: delivered by the United States
    assert set(fleets["origin_bloc"]) <= {"european", "us", "other", ""}
    table = metrics(fleets, ["GRC"], "GRC").set_index("category")
    assert table.loc["mbt", "n_types"] == 4
