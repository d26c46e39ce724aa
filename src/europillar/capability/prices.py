"""One price base for every cost: exchange rates and deflators from the cited table.

A figure of ``v`` in currency C at prices of year y is expressed in currency B at prices of
year Y (the *price base*) in three steps, always in this order:

    usd_y = v x fx(C, y)                 fx: US dollars per unit of C, annual average of y
    usd_Y = usd_y x P(Y) / P(y)          P: SIPRI's implied US price index (US CPI)
    out   = usd_Y / fx(B, Y)

Exchange rates: the Federal Reserve's H.10 annual averages for the euro
(``fx_usd_per_eur_fed_h10``); SIPRI's implied conversion rates for the pound, zloty,
koruna, krona and krone (``sipri_implied_fx_usd_per_<CCY>_<ISO>``). The index is
``sipri_implied_usd_deflator_USA`` (2023 = 1), 2015-2024, extended to 2025 by a flagged
estimate (BLS CPI-U, December on December). Converting first and deflating in dollars is
one method applied to every row: for a euro price it reflects US inflation and the
euro's movement against the dollar, not euro-area inflation (docs/costs.md says so).

A figure whose year has no rate or index is *not converted*: the caller leaves it out and
says why. Nothing is extrapolated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

US_INDEX = "sipri_implied_usd_deflator_USA"
FX_SERIES: Mapping[str, str] = {
    "EUR": "fx_usd_per_eur_fed_h10",
    "GBP": "sipri_implied_fx_usd_per_GBP_GBR",
    "PLN": "sipri_implied_fx_usd_per_PLN_POL",
    "CZK": "sipri_implied_fx_usd_per_CZK_CZE",
    "SEK": "sipri_implied_fx_usd_per_SEK_SWE",
    "NOK": "sipri_implied_fx_usd_per_NOK_NOR",
}
CURRENCIES = ("USD", *FX_SERIES)
SCALES: Mapping[str, float] = {"": 1.0, "thousand": 1e-3, "m": 1.0, "bn": 1e3}


@dataclass(frozen=True)
class PriceBase:
    """Currency and price year every money figure is expressed in (millions unless said)."""

    currency: str = "USD"
    year: int = 2024

    def label(self, scale: str = "m") -> str:
        return f"{self.currency} {scale}, {self.year} prices"


@dataclass(frozen=True)
class Deflators:
    """Exchange-rate and price-index series by (series, year) from ``capability/deflators``."""

    values: Mapping[tuple[str, int], float]
    sources: Mapping[tuple[str, int], str]

    @classmethod
    def from_table(cls, table: pd.DataFrame) -> Deflators:
        values: dict[tuple[str, int], float] = {}
        sources: dict[tuple[str, int], str] = {}
        for row in table.itertuples(index=False):
            value = float(row.value)
            if not math.isfinite(value):
                continue
            values[(str(row.series), int(row.year))] = value
            sources[(str(row.series), int(row.year))] = str(row.source_id)
        return cls(values, sources)

    def fx(self, currency: str, year: int) -> float | None:
        """US dollars per unit of ``currency`` in ``year`` (None when not cited)."""
        if currency == "USD":
            return 1.0
        series = FX_SERIES.get(currency)
        return None if series is None else self.values.get((series, year))

    def index(self, year: int) -> float | None:
        return self.values.get((US_INDEX, year))

    def source_ids(self, currency: str, year: int, base: PriceBase) -> list[str]:
        """Sources of the two rates and two index values one conversion uses."""
        keys = [(US_INDEX, year), (US_INDEX, base.year)]
        for ccy, yr in ((currency, year), (base.currency, base.year)):
            if ccy in FX_SERIES:
                keys.append((FX_SERIES[ccy], yr))
        return sorted({self.sources[k] for k in keys if k in self.sources})


@dataclass(frozen=True)
class Conversion:
    """A converted figure, or NaN with the reason it could not be converted."""

    value: float
    factor: float
    reason: str = ""

    @property
    def ok(self) -> bool:
        return not math.isnan(self.value)


def conversion_factor(
    currency: str, price_year: float, base: PriceBase, deflators: Deflators
) -> Conversion:
    """Factor turning one unit of ``currency`` at ``price_year`` prices into the base."""
    nan = float("nan")
    if currency not in CURRENCIES:
        return Conversion(nan, nan, f"currency {currency or '(none)'} has no cited rate")
    if price_year is None or (isinstance(price_year, float) and math.isnan(price_year)):
        return Conversion(nan, nan, "no single price year")
    year = int(price_year)
    fx_from, fx_base = deflators.fx(currency, year), deflators.fx(base.currency, base.year)
    p_from, p_base = deflators.index(year), deflators.index(base.year)
    if fx_from is None:
        return Conversion(nan, nan, f"no cited {currency}/USD rate for {year}")
    if fx_base is None:
        return Conversion(nan, nan, f"no cited {base.currency}/USD rate for {base.year}")
    if p_from is None:
        return Conversion(nan, nan, f"no cited price index for {year}")
    if p_base is None:
        return Conversion(nan, nan, f"no cited price index for {base.year}")
    factor = fx_from * p_base / p_from / fx_base
    return Conversion(factor, factor)


def split_money(unit: str) -> tuple[str, float, str]:
    """'EUR m per vehicle' -> ('EUR', 1.0, 'vehicle'); scale in millions of the currency."""
    head, _, per = unit.partition(" per ")
    words = head.split()
    currency = words[0] if words else ""
    scale = SCALES.get(words[1] if len(words) > 1 else "", float("nan"))
    return currency, scale, per.strip()


def to_base(
    value: float, unit: str, price_year: float, base: PriceBase, deflators: Deflators
) -> Conversion:
    """``value`` in ``unit`` ('EUR m per ...', 'USD thousand per ...') -> base millions."""
    currency, scale, _ = split_money(unit)
    if math.isnan(scale):
        return Conversion(float("nan"), float("nan"), f"money unit '{unit}' not understood")
    factor = conversion_factor(currency, price_year, base, deflators)
    if not factor.ok:
        return factor
    return Conversion(value * scale * factor.factor, scale * factor.factor)
