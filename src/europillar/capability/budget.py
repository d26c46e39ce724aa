"""Compare the annual cost of closing the gap with budgets today and on the Hague path.

Pure functions on the observations table (one row per iso3, year, indicator).

Hague path for member i (GDP held at its base-year level, no growth assumed):
    s_i(y) = s_i0 + (target - s_i0) x min(1, (y - base) / (T_hague - base)) if s_i0 < target
    extra_i(y) = (s_i(y) - s_i0) / 100 x GDP_i0
The comparison figure is the average of sum_i extra_i(y) over y = base+1 .. target_year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from europillar.units import USD_M_CURRENT

MILEX = "milex_usd_current_m"
GDP = "gdp_usd_current_m"
MONEY_UNIT = USD_M_CURRENT


def latest(
    obs: pd.DataFrame, indicator: str, members: Sequence[str], base_year: int
) -> pd.DataFrame:
    """Each member's latest figure up to base_year: columns iso3, value, year, source_id."""
    rows = obs[
        (obs["indicator"] == indicator) & obs["iso3"].isin(members) & (obs["year"] <= base_year)
    ]
    rows = rows.sort_values(["iso3", "year"]).drop_duplicates("iso3", keep="last")
    return rows[["iso3", "value", "year", "source_id"]].reset_index(drop=True)


def hague_extra(
    milex: float,
    gdp: float,
    base_year: int,
    target_pct: float,
    hague_year: int,
    years: Sequence[int],
) -> list[float]:
    """Extra spending per year on a straight line from today's share to the target."""
    share0 = milex / gdp * 100
    span = max(hague_year - base_year, 1)
    extra = []
    for year in years:
        if share0 >= target_pct:
            extra.append(0.0)
            continue
        step = min(1.0, (year - base_year) / span)
        extra.append((target_pct - share0) * step / 100 * gdp)
    return extra


def member_budgets(
    obs: pd.DataFrame,
    members: Sequence[str],
    base_year: int,
    target_year: int,
    target_pct: float,
    hague_year: int,
) -> pd.DataFrame:
    """Per member: milex, GDP, share of GDP and average extra spending on the Hague path."""
    milex = latest(obs, MILEX, members, base_year).set_index("iso3")
    gdp_rows = obs[(obs["indicator"] == GDP) & obs["iso3"].isin(members)]
    years = list(range(base_year + 1, target_year + 1))
    records = []
    for iso3 in sorted(set(members)):
        record: dict[str, object] = {
            "iso3": iso3,
            "milex_usd_m": float("nan"),
            "milex_year": None,
            "gdp_usd_m": float("nan"),
            "milex_share_gdp_pct": float("nan"),
            "hague_extra_annual_usd_m": float("nan"),
            "source_ids": "",
        }
        if iso3 in milex.index:
            year = int(milex.loc[iso3, "year"])
            record.update(milex_usd_m=float(milex.loc[iso3, "value"]), milex_year=year)
            gdp = gdp_rows[(gdp_rows["iso3"] == iso3) & (gdp_rows["year"] == year)]
            if not gdp.empty:
                gdp_value = float(gdp["value"].iloc[0])
                extra = hague_extra(
                    float(milex.loc[iso3, "value"]), gdp_value, year, target_pct, hague_year, years
                )
                record.update(
                    gdp_usd_m=gdp_value,
                    milex_share_gdp_pct=float(milex.loc[iso3, "value"]) / gdp_value * 100,
                    hague_extra_annual_usd_m=sum(extra) / len(extra) if extra else 0.0,
                    source_ids=";".join(
                        sorted({str(milex.loc[iso3, "source_id"]), str(gdp["source_id"].iloc[0])})
                    ),
                )
        records.append(record)
    return pd.DataFrame.from_records(records)


def budget_comparison(
    members_budget: pd.DataFrame, annual_needed: float, annual_unit: str
) -> pd.DataFrame:
    """Rows measure, value, unit, note: the annual cost against today's and the Hague path."""
    known = members_budget.dropna(subset=["milex_usd_m"])
    missing = sorted(set(members_budget["iso3"]) - set(known["iso3"]))
    note_missing = f"members without data: {', '.join(missing)}" if missing else ""
    with_gdp = known.dropna(subset=["gdp_usd_m"])
    milex_total = float(known["milex_usd_m"].sum()) if not known.empty else float("nan")
    hague_total = (
        float(with_gdp["hague_extra_annual_usd_m"].sum()) if not with_gdp.empty else float("nan")
    )
    years = sorted({int(y) for y in known["milex_year"].dropna()})
    year_text = "-".join(str(y) for y in (years[0], years[-1])) if years else ""
    rows = [
        ("annual_cost_to_close", annual_needed, annual_unit, "average per year to the target"),
        ("current_milex_total", milex_total, f"{MONEY_UNIT} ({year_text})", note_missing),
        (
            "hague_path_extra_annual",
            hague_total,
            f"{MONEY_UNIT} ({year_text})",
            (
                "average extra spending per year on a straight line to the target share of GDP; "
                "GDP held at today's level"
            ),
        ),
    ]
    comparable = annual_unit.startswith("USD m")
    caveat = "" if comparable else "cost unit is not USD m: no ratio"
    for measure, denominator in (
        ("cost_share_of_current_milex_pct", milex_total),
        ("cost_share_of_hague_extra_pct", hague_total),
    ):
        value = (
            annual_needed / denominator * 100
            if comparable and not math.isnan(denominator) and denominator > 0
            else float("nan")
        )
        rows.append(
            (
                measure,
                value,
                "percent",
                caveat
                or "price bases differ: cost figures are at their cited price "
                "years, budgets in current USD",
            )
        )
    return pd.DataFrame(rows, columns=["measure", "value", "unit", "note"])
