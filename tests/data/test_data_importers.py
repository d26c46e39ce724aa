"""Importers on the real publisher files give the cells read by hand with openpyxl."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from europillar.data.build import RAW_FILES, TABLES_DIR, build_job
from europillar.data.derive import derive_gdp, derive_gdp_ppp
from europillar.data.importers.common import scope_codes
from europillar.data.importers.cow import import_cow
from europillar.data.importers.nato import import_nato, year_label
from europillar.data.importers.sipri import import_sipri
from europillar.data.importers.worldbank import import_worldbank

RawJob = Callable[[str], list[Path]]


def cell(frame: pd.DataFrame, iso3: str, year: int, indicator: str) -> pd.Series:
    rows = frame[(frame.iso3 == iso3) & (frame.year == year) & (frame.indicator == indicator)]
    assert len(rows) == 1, (iso3, year, indicator)
    return rows.iloc[0]


@pytest.fixture(scope="module")
def sipri(raw: Path) -> pd.DataFrame:
    return import_sipri(raw / RAW_FILES["sipri"][0])


@pytest.fixture(scope="module")
def worldbank(raw: Path) -> pd.DataFrame:
    return import_worldbank([raw / f for f in RAW_FILES["worldbank"]])


def test_sipri_known_cells(sipri: pd.DataFrame) -> None:
    # Cells read from the workbook: 'Current US$' France 2023; 'Share of GDP' Germany
    # 2024 (a fraction 0.018919…); 'Constant (2023) US$' Poland 2024; local currency
    # France 2024 in euros (units); 'Per capita' Germany 2024.
    assert cell(sipri, "FRA", 2023, "milex_usd_current_m").value == pytest.approx(
        59491.96416610127, rel=1e-12
    )
    de = cell(sipri, "DEU", 2024, "milex_share_gdp_pct")
    assert de.value == pytest.approx(1.8919037720549366, rel=1e-12)  # percent, not fraction
    assert de.unit == "% of GDP"
    assert cell(sipri, "POL", 2024, "milex_usd_constant2023_m").value == pytest.approx(
        34488.34588225215, rel=1e-12
    )
    fr = cell(sipri, "FRA", 2024, "milex_lcu_current_m")
    assert fr.value == pytest.approx(59789.594, rel=1e-9) and fr.unit.endswith("(Euro)")
    assert cell(sipri, "DEU", 2024, "milex_per_capita_usd").value == pytest.approx(
        1044.4233067619589, rel=1e-12
    )


def test_sipri_scope_years_and_flags(sipri: pd.DataFrame) -> None:
    assert set(sipri.iso3) == scope_codes()
    assert sipri.year.min() == 2014 and sipri.year.max() == 2024
    assert (sipri.source_id == "sipri_milex_2025").all() and (sipri.vintage == "sipri-2025").all()
    # China's figures are SIPRI estimates (blue); France's are not.
    assert cell(sipri, "CHN", 2024, "milex_usd_current_m").estimate
    assert not cell(sipri, "FRA", 2024, "milex_usd_current_m").estimate
    assert (sipri[sipri.estimate].method != "").all()
    assert sipri.duplicated(["iso3", "year", "indicator"]).sum() == 0


def test_nato_known_cells(raw: Path) -> None:
    nato = import_nato(raw / RAW_FILES["nato"][0])
    de = cell(nato, "DEU", 2024, "nato_defexp_usd_current_m")  # TABLE2, '2024e'
    assert de.value == pytest.approx(97685.59008395218) and de.estimate
    fr = cell(nato, "FRA", 2022, "nato_defexp_usd_current_m")
    assert fr.value == pytest.approx(52237.65508847722) and not fr.estimate
    assert cell(nato, "DEU", 2024, "nato_defexp_share_gdp_pct").value == pytest.approx(
        2.118977088667619
    )  # TABLE3, true percent
    assert cell(nato, "CZE", 2014, "nato_defexp_usd_current_m").value == pytest.approx(
        1975.3109641008787
    )  # 'Czechia*' -> CZE
    assert cell(nato, "FRA", 2024, "nato_military_personnel_k").value == pytest.approx(
        204.673
    )  # TABLE7
    assert cell(nato, "DEU", 2024, "nato_personnel_share_pct").value == pytest.approx(
        29.58240923708269
    )  # TABLE8a personnel
    assert "ISL" in set(nato[nato.indicator == "nato_gdp_usd_current_m"].iso3)
    assert "ISL" not in set(nato[nato.indicator == "nato_defexp_usd_current_m"].iso3)
    assert len(set(nato.iso3)) == 32


def test_nato_year_labels() -> None:
    assert year_label(2014) == (2014, False)
    assert year_label("2019") == (2019, False)
    assert year_label("2023e") == (2023, True)
    assert year_label("Total") is None


def test_worldbank_known_cells(worldbank: pd.DataFrame) -> None:
    gdp = cell(worldbank, "FRA", 2023, "gdp_usd_current_m")
    assert gdp.value == pytest.approx(3030904089607.8965 / 1e6) and gdp.unit == "USD m, current"
    assert cell(worldbank, "POL", 2024, "population").value == 36559233
    assert cell(worldbank, "DEU", 2024, "ppp_factor_lcu_per_intl").value == pytest.approx(0.700862)
    assert cell(worldbank, "XKX", 2024, "ppp_factor_lcu_per_intl").value == pytest.approx(
        0.363398029446885
    )  # ISO2 'XK' -> XKX
    assert 2024 not in set(worldbank[worldbank.indicator == "gdp_usd_current_m"].year)


def test_cow_known_cells(raw: Path) -> None:
    cow = import_cow(raw / RAW_FILES["cow"][0])
    assert cell(cow, "GBR", 2022, "personnel_active_k").value == 150  # UKG,200,2022 milper
    assert cell(cow, "FRA", 2022, "personnel_active_k").value == 203
    assert cell(cow, "SRB", 2022, "personnel_active_k").value == 28  # COW 345
    assert cow.year.max() == 2022


def test_gdp_derivation_by_hand(sipri: pd.DataFrame, worldbank: pd.DataFrame) -> None:
    derived = derive_gdp(sipri, worldbank)
    de = cell(derived, "DEU", 2024, "gdp_usd_current_m")
    assert de.value == pytest.approx(88458.47638951086 / (1.8919037720549366 / 100), rel=1e-9)
    assert de.estimate and de.source_id == "europillar_derived"
    assert set(derived.year) == {2024}  # only where the World Bank file has no figure


def test_sipri_gdp_agrees_with_world_bank_where_both_exist(
    sipri: pd.DataFrame, worldbank: pd.DataFrame
) -> None:
    # The derivation, applied to 2023 where the World Bank has GDP, lands within 5 %
    # for large economies (SIPRI takes GDP from the IMF, the World Bank from national
    # accounts): a check that the method, not just the arithmetic, is sound.
    wide = sipri[sipri.year == 2023].pivot(index="iso3", columns="indicator", values="value")
    for code in ("DEU", "FRA", "ITA", "ESP", "POL", "GBR", "USA", "NLD"):
        share = wide.loc[code, "milex_share_gdp_pct"] / 100
        implied = wide.loc[code, "milex_usd_current_m"] / share
        wb = cell(worldbank, code, 2023, "gdp_usd_current_m").value
        assert implied == pytest.approx(wb, rel=0.05), code


def test_gdp_ppp_derivation_by_hand(sipri: pd.DataFrame, worldbank: pd.DataFrame) -> None:
    derived = derive_gdp_ppp(sipri, worldbank)
    de = cell(derived, "DEU", 2024, "gdp_ppp_intl_current_m")
    gdp_lcu = 81776.5 / (1.8919037720549366 / 100)  # EUR m (SIPRI LCU / share)
    assert de.value == pytest.approx(gdp_lcu / 0.700862, rel=1e-9)
    assert de.unit == "international $ m, current PPP"


@pytest.mark.parametrize("job", sorted(RAW_FILES))
def test_build_matches_shipped_tables(job: str, raw_job: RawJob) -> None:
    from europillar.data.importers.common import to_csv_text

    folders = raw_job(job)  # skips, naming where to get the file, when it is not here
    for name, frame in build_job(job, folders).items():
        shipped = (TABLES_DIR / f"{name}.csv").read_text(encoding="utf-8")
        assert to_csv_text(frame) == shipped, f"{name}.csv is stale: run `europillar data build`"


def test_derived_table_matches_shipped() -> None:
    from europillar.data.derive import derive_all
    from europillar.data.importers.common import to_csv_text
    from europillar.data.tables import load

    # derived.csv is a pure function of shipped tables: rebuild it without raw files.
    releases = [load(f"observations/sipri_{year}") for year in (2025, 2026)]
    frame = derive_all(releases, load("observations/worldbank"))
    shipped = (TABLES_DIR / "observations" / "derived.csv").read_text(encoding="utf-8")
    assert to_csv_text(frame) == shipped, "derived.csv is stale: run `europillar data build`"


def test_sipri_2026_release_known_cells(raw_job: RawJob) -> None:
    from europillar.data.build import locate
    from europillar.data.importers.sipri_regions import import_sipri_release

    found = locate("sipri_2026", raw_job("sipri_2026"))
    assert found is not None
    tables = import_sipri_release(found[0])
    frame = tables["observations/sipri_2026"]
    # Cells read from SIPRI-Milex-data-1949-2025_v1.2.xlsx with openpyxl: 'Share of GDP'
    # Germany 2025 (a fraction), 'Current US$' USA 2025, 'Constant (2024) US$' Sweden 2025
    # (also asserted by mattahr/ha-edp-radar's tests: 14,954.07).
    assert cell(frame, "DEU", 2025, "milex_share_gdp_pct").value == pytest.approx(
        2.268510925145227, rel=1e-12
    )
    assert cell(frame, "USA", 2025, "milex_usd_current_m").value == pytest.approx(954387.0)
    assert cell(frame, "SWE", 2025, "milex_usd_constant2024_m").value == pytest.approx(
        14954.07, abs=0.01
    )
    # Every Luxembourg figure 2018-2025 is blue (a SIPRI estimate) in this release.
    lux = frame[(frame.iso3 == "LUX") & (frame.year >= 2018)]
    assert lux.estimate.all() and set(frame.vintage) == {"sipri-2026"}
    totals = tables["aggregates/sipri_2026"].set_index(["aggregate", "indicator", "year"])
    assert totals.loc[("WORLD", "milex_usd_current_bn", 2025), "value"] == pytest.approx(
        2886.572155477975
    )
