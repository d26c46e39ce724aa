"""Derived observations: GDP where the World Bank file lacks it, and GDP at PPP.

Every derived row has ``source_id = europillar_derived``, ``estimate = true`` and a
``method`` naming its inputs; a derivation is made only where all inputs exist. Each SIPRI
release gives its own derivations, and a derived row's ``vintage`` is the release it was
derived from (a GDP implied by the 2026 release is SIPRI-2026's GDP, not the 2025 one's).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from europillar.data.importers.common import observations
from europillar.units import INTL_M_PPP, USD_M_CURRENT

SOURCE_ID = "europillar_derived"


def _source(sipri: pd.DataFrame) -> tuple[str, str]:
    """(source id, vintage) of one SIPRI release's observations."""
    pairs = sorted(set(zip(sipri["source_id"], sipri["vintage"], strict=True)))
    if len(pairs) != 1:
        raise ValueError(f"expected one SIPRI release per frame, got {pairs}")
    return pairs[0]


def _wide(frame: pd.DataFrame, indicators: list[str]) -> pd.DataFrame:
    rows = frame[frame["indicator"].isin(indicators)]
    return rows.pivot_table(
        index=["iso3", "year"], columns="indicator", values="value", aggfunc="first"
    )


def derive_gdp(sipri: pd.DataFrame, worldbank: pd.DataFrame) -> pd.DataFrame:
    """GDP (USD m, current) from SIPRI for (iso3, year) pairs the World Bank file lacks."""
    wide = _wide(sipri, ["milex_usd_current_m", "milex_share_gdp_pct"]).dropna()
    have = set(
        zip(
            *[
                worldbank.loc[worldbank["indicator"] == "gdp_usd_current_m", c]
                for c in ("iso3", "year")
            ],
            strict=True,
        )
    )
    records: list[dict[str, Any]] = []
    source, vintage = _source(sipri)
    for (iso3, year), row in wide.iterrows():
        share = row["milex_share_gdp_pct"]
        if (iso3, year) in have or share <= 0:
            continue
        records.append(
            {
                "iso3": iso3,
                "year": int(year),
                "indicator": "gdp_usd_current_m",
                "value": row["milex_usd_current_m"] / (share / 100.0),
                "unit": USD_M_CURRENT,
                "source_id": SOURCE_ID,
                "estimate": True,
                "method": f"SIPRI milex current USD / (SIPRI share of GDP/100) [{source}]",
                "note": "",
                "vintage": vintage,
            }
        )
    return observations(records)


def derive_gdp_ppp(sipri: pd.DataFrame, worldbank: pd.DataFrame) -> pd.DataFrame:
    """GDP at PPP (international $ m, current) where SIPRI LCU, share and WB PPP all exist."""
    lcu = _wide(sipri, ["milex_lcu_current_m", "milex_share_gdp_pct"]).dropna()
    ppp = _wide(worldbank, ["ppp_factor_lcu_per_intl"]).dropna()
    joined = lcu.join(ppp, how="inner")
    records: list[dict[str, Any]] = []
    source, vintage = _source(sipri)
    for (iso3, year), row in joined.iterrows():
        share, factor = row["milex_share_gdp_pct"], row["ppp_factor_lcu_per_intl"]
        if share <= 0 or factor <= 0:
            continue
        gdp_lcu_m = row["milex_lcu_current_m"] / (share / 100.0)
        records.append(
            {
                "iso3": iso3,
                "year": int(year),
                "indicator": "gdp_ppp_intl_current_m",
                "value": gdp_lcu_m / factor,
                "unit": INTL_M_PPP,
                "source_id": SOURCE_ID,
                "estimate": True,
                "method": f"SIPRI milex LCU / (SIPRI share of GDP/100) [{source}] / "
                "PPP factor [wb_wdi_ppp]",
                "note": "",
                "vintage": vintage,
            }
        )
    return observations(records)


def derive_all(releases: list[pd.DataFrame], worldbank: pd.DataFrame) -> pd.DataFrame:
    """All derived observations from every SIPRI release given, one frame."""
    frames = [f(sipri, worldbank) for sipri in releases for f in (derive_gdp, derive_gdp_ppp)]
    return observations(pd.concat(frames, ignore_index=True).to_dict("records"))
