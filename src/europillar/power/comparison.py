"""Military power: blocs (EU27, European NATO, any coalition) against the USA, Russia, China.

Every bloc figure is plain arithmetic on member figures (sums and ratios of sums).
Missing member figures are never filled in: a bloc total that lacks members is still
reported, with ``n_missing > 0``, the missing members named and ``complete = False``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError
from europillar.scenario.vocabulary import DEFAULT_BLOCS as _DEFAULT_BLOCS
from europillar.units import (
    INTL_M_PPP,
    USD_M_CONSTANT_2023,
    USD_M_CONSTANT_2024,
    USD_M_CURRENT,
    USD_PER_PERSON,
)

if TYPE_CHECKING:
    from europillar.dataset import Dataset

DEFAULT_BLOCS = _DEFAULT_BLOCS
DERIVED_SOURCE = "europillar_derived"
CONSTANT = "milex_usd_constant_m"  # placeholder: the constant-price series of the release

# Members of a bloc: one fixed list, or a list per year (membership changes over time).
BlocMembers = Sequence[str] | Mapping[int, Sequence[str]]


@dataclass(frozen=True)
class IndicatorSpec:
    """A bloc indicator: which member figures it needs and how they are combined.

    ``combine``: ``sum`` (Σ first), ``ppp`` (Σ a × b / c), ``ratio_pct`` (100 Σ a / Σ b),
    ``per_capita`` (10⁶ Σ a / Σ b), ``growth`` (100 (Σ a_t / Σ a_t−1 − 1); its constant-price
    series is the one of the SIPRI release in use, see ``compare``) or ``divide`` (Σ a / b).
    """

    id: str
    label: str
    unit: str
    needs: tuple[str, ...]
    method: str
    combine: str = "sum"
    # per member, the first of these indicators that has a figure that year (a series
    # made of one definition per group of states, e.g. NATO's table for Allies)
    either: tuple[str, ...] = ()


INDICATORS: dict[str, IndicatorSpec] = {
    spec.id: spec
    for spec in (
        IndicatorSpec(
            "milex_usd_current_m",
            "Military spending (market exchange rates)",
            USD_M_CURRENT,
            ("milex_usd_current_m",),
            "sum of members' SIPRI military expenditure, current USD",
        ),
        IndicatorSpec(
            "milex_usd_constant2023_m",
            "Military spending (constant 2023 prices)",
            USD_M_CONSTANT_2023,
            ("milex_usd_constant2023_m",),
            "sum of members' SIPRI military expenditure, constant 2023 USD",
        ),
        IndicatorSpec(
            "milex_usd_constant2024_m",
            "Military spending (constant 2024 prices)",
            USD_M_CONSTANT_2024,
            ("milex_usd_constant2024_m",),
            "sum of members' SIPRI military expenditure, constant 2024 USD (2026 release)",
        ),
        IndicatorSpec(
            "milex_ppp_intl_current_m",
            "Military spending at PPP (GDP PPP ratio)",
            INTL_M_PPP,
            ("milex_usd_current_m", "gdp_ppp_intl_current_m", "gdp_usd_current_m"),
            "sum over members of milex_usd_current_m × gdp_ppp_intl_current_m / "
            "gdp_usd_current_m (GDP PPP ratio method: whole-economy PPP, not a "
            "defence-specific price index)",
            "ppp",
        ),
        IndicatorSpec(
            "milex_military_ppp_usd_m",
            "Military spending at military PPP (Robertson)",
            "USD m at military PPP",
            ("milex_lcu_current_m", "military_ppp_lcu_per_usd"),
            "sum over members of milex_lcu_current_m / military_ppp_lcu_per_usd "
            "(Robertson's defence-sector PPP). NOT AVAILABLE: the factors could not be read, "
            "so every member is reported missing (docs/data-vintages.md)",
            "divide",
        ),
        IndicatorSpec(
            "milex_share_gdp_pct",
            "Military spending, share of GDP",
            "% of GDP",
            ("milex_usd_current_m", "gdp_usd_current_m"),
            "100 × Σ milex_usd_current_m / Σ gdp_usd_current_m over members with both",
            "ratio_pct",
        ),
        IndicatorSpec(
            "milex_per_capita_usd",
            "Military spending per capita",
            USD_PER_PERSON,
            ("milex_usd_current_m", "population"),
            "10^6 × Σ milex_usd_current_m / Σ population over members with both",
            "per_capita",
        ),
        IndicatorSpec(
            "personnel_active_k",
            "Active military personnel",
            "thousand persons",
            ("personnel_active_k",),
            "sum of members' active personnel (Correlates of War NMC milper, to 2022)",
        ),
        IndicatorSpec(
            "military_personnel_k",
            "Military personnel (NATO Table 7; national figures outside NATO)",
            "thousand persons",
            ("military_personnel_k",),
            "sum over members of NATO Table 7 military personnel (nato_military_personnel_k) "
            "where NATO publishes it, else the national figure (personnel_national_k) of that "
            "year; national definitions differ (docs/force-data.md)",
            either=("nato_military_personnel_k", "personnel_national_k"),
        ),
        IndicatorSpec(
            "milex_real_growth_pct",
            "Real growth of military spending (year on year)",
            "% per year",
            (CONSTANT,),
            "100 × (Σ constant-price spending in year t / Σ in year t−1 − 1) over "
            "members of year t with figures in both years (the SIPRI release's price base)",
            "growth",
        ),
    )
}

# The default comparison: every indicator except the constant-price series of another
# SIPRI release (``default_indicators``) and the military-PPP hook, which has no data.
DEFAULT_INDICATORS = tuple(i for i in INDICATORS if i != "milex_military_ppp_usd_m")


def default_indicators(constant: str) -> tuple[str, ...]:
    """The default indicators for a SIPRI release whose constant-price series is ``constant``."""
    other = {i for i in DEFAULT_INDICATORS if i.startswith("milex_usd_constant") and i != constant}
    return tuple(i for i in DEFAULT_INDICATORS if i not in other)


Cell = tuple[float, str, bool, str]  # value, source_id, estimate, vintage


def index_observations(observations: pd.DataFrame) -> dict[tuple[str, int, str], Cell]:
    """(iso3, year, indicator) → (value, source_id, estimate, vintage); one figure per key.

    Callers pass the observations of one vintage plan (``europillar.data.vintages.view``),
    which already hold one figure per key; for a frame that does not, a publisher figure
    is kept before a europillar derivation.
    """
    needed = {"iso3", "year", "indicator", "value", "source_id"}
    lacking = sorted(needed - set(observations.columns))
    if lacking:
        raise InputError("observations", lacking[0], None, "observations lack a required column")
    frame = observations.loc[observations["value"].notna()].copy()
    if "estimate" not in frame.columns:
        frame["estimate"] = False
    if "vintage" not in frame.columns:
        frame["vintage"] = ""
    frame["_rank"] = (frame["source_id"] == DERIVED_SOURCE).astype(int)
    frame = frame.sort_values(["iso3", "year", "indicator", "_rank"], kind="stable")
    frame = frame.drop_duplicates(["iso3", "year", "indicator"], keep="first")
    index: dict[tuple[str, int, str], Cell] = {}
    for iso3, year, indicator, value, source, estimate, vintage in zip(
        frame["iso3"],
        frame["year"],
        frame["indicator"],
        frame["value"],
        frame["source_id"],
        frame["estimate"],
        frame["vintage"].fillna(""),
        strict=True,
    ):
        key = (str(iso3), int(year), str(indicator))
        index[key] = (float(value), str(source), bool(estimate), str(vintage))
    return index


def _members_in(members: BlocMembers, year: int) -> list[str]:
    if isinstance(members, Mapping):
        return sorted(set(members.get(year, [])))
    return sorted(set(members))


def _bloc_value(
    spec: IndicatorSpec,
    members: list[str],
    year: int,
    index: Mapping[tuple[str, int, str], Cell],
    constant: str,
) -> tuple[float, list[str], set[str], bool, set[str]]:
    """Value, missing members, source ids, whether any estimate was used, vintages."""
    needs = [constant if n == CONSTANT else n for n in spec.needs]
    year_pairs = [(year, n) for n in needs]
    if spec.combine == "growth":
        year_pairs = [(year, needs[0]), (year - 1, needs[0])]
    used: dict[str, list[float]] = {}
    missing: list[str] = []
    sources: set[str] = set()
    vintages: set[str] = set()
    estimate = False
    for iso3 in members:
        if spec.either:
            first = next(
                (index[(iso3, year, n)] for n in spec.either if (iso3, year, n) in index), None
            )
            cells = [first]
        else:
            cells = [index.get((iso3, y, n)) for y, n in year_pairs]
        if any(c is None for c in cells):
            missing.append(iso3)
            continue
        found = [c for c in cells if c is not None]
        used[iso3] = [c[0] for c in found]
        sources.update(c[1] for c in found)
        vintages.update(c[3] for c in found if c[3])
        estimate = estimate or any(c[2] for c in found)
    if not used:
        return float("nan"), missing, sources, estimate, vintages
    rows = list(used.values())
    if spec.combine == "sum":
        value = sum(r[0] for r in rows)
    elif spec.combine == "ppp":
        value = sum(r[0] * r[1] / r[2] for r in rows)
    elif spec.combine == "divide":
        value = sum(r[0] / r[1] for r in rows)
    elif spec.combine == "ratio_pct":
        value = 100.0 * sum(r[0] for r in rows) / sum(r[1] for r in rows)
    elif spec.combine == "per_capita":
        value = 1e6 * sum(r[0] for r in rows) / sum(r[1] for r in rows)
    elif spec.combine == "growth":
        value = 100.0 * (sum(r[0] for r in rows) / sum(r[1] for r in rows) - 1.0)
    else:  # pragma: no cover - INDICATORS and this dispatch are kept in step
        raise InputError(None, "indicator", spec.id, "no combination rule")
    return value, missing, sources, estimate, vintages


COMPARE_COLUMNS = [
    "bloc",
    "year",
    "indicator",
    "value",
    "unit",
    "n_members",
    "n_missing",
    "missing_members",
    "complete",
    "includes_estimates",
    "sources",
    "vintages",
]


def compare(
    observations: pd.DataFrame,
    blocs: Mapping[str, BlocMembers],
    years: Sequence[int],
    indicators: Sequence[str] = DEFAULT_INDICATORS,
    constant: str = "milex_usd_constant2023_m",
) -> pd.DataFrame:
    """Tidy bloc comparison: one row per (bloc, year, indicator).

    ``blocs`` maps a bloc label to its members (a list, or a list per year). A member
    without the figures an indicator needs is counted in ``n_missing`` and named in
    ``missing_members``; the value is computed from the other members only (never
    filled), and is NaN when no member has the figures. ``constant`` is the
    constant-price series real growth is computed on (the SIPRI release's price base);
    ``vintages`` names the editions each figure came from.
    """
    unknown = [i for i in indicators if i not in INDICATORS]
    if unknown:
        raise InputError(
            None, "indicator", unknown[0], "unknown bloc indicator", allowed=list(INDICATORS)
        )
    index = index_observations(observations)
    rows = []
    for bloc, members in blocs.items():
        for year in sorted({int(y) for y in years}):
            current = _members_in(members, year)
            for indicator in indicators:
                spec = INDICATORS[indicator]
                value, missing, sources, estimate, used = _bloc_value(
                    spec, current, year, index, constant
                )
                rows.append(
                    {
                        "bloc": bloc,
                        "year": year,
                        "indicator": indicator,
                        "value": value,
                        "unit": spec.unit,
                        "n_members": len(current),
                        "n_missing": len(missing),
                        "missing_members": ";".join(missing),
                        "complete": not missing and bool(current),
                        "includes_estimates": estimate,
                        "sources": ";".join(sorted(sources)),
                        "vintages": ";".join(sorted(used)),
                    }
                )
    frame = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return frame


_ISO3 = re.compile(r"^[A-Z]{3}$")


def resolve_blocs(
    names: Sequence[str],
    years: Sequence[int],
    members: Callable[[str, int], list[str]] | None = None,
    dataset: Dataset | None = None,
) -> dict[str, dict[int, list[str]]]:
    """Members per year of each named bloc (a bloc name, or an ISO3 code: a bloc of one).

    ``members`` defaults to ``europillar.countries.members`` on ``dataset`` (membership as
    of the year), which raises ``InputError`` for an unknown name.
    """
    if members is None:
        from europillar.countries import members as lookup

        def members(name: str, year: int) -> list[str]:
            return lookup(name, year, dataset)

    resolved: dict[str, dict[int, list[str]]] = {}
    for name in names:
        resolved[name] = {int(y): sorted(members(name, int(y))) for y in years}
    return resolved


def coalition(codes: Sequence[str], valid: Sequence[str] | None = None) -> list[str]:
    """A user coalition: upper-cased, de-duplicated ISO3 codes, checked against ``valid``."""
    cleaned: list[str] = []
    for code in codes:
        code = code.strip().upper()
        if not code:
            continue
        if not _ISO3.match(code) or (valid is not None and code not in valid):
            raise InputError(
                None,
                "coalition",
                code,
                "not a known ISO3 country code",
                allowed=sorted(valid) if valid is not None else None,
            )
        if code not in cleaned:
            cleaned.append(code)
    if not cleaned:
        raise InputError(
            None, "coalition", ",".join(codes), "a coalition needs at least one country"
        )
    return cleaned


def real_index(comparison: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Chained real-spending index per bloc (base year = 100) from ``milex_real_growth_pct``.

    index_t = index_{t−1} × (1 + g_t / 100): each link compares the same members in both
    years, so accessions and exits do not show up as growth. A missing link (no growth
    figure, or a year absent from ``comparison``) makes every later index NaN.
    """
    growth = comparison[comparison["indicator"] == "milex_real_growth_pct"]
    rows = []
    for bloc in dict.fromkeys(comparison["bloc"]):
        part = growth[growth["bloc"] == bloc].set_index("year")["value"]
        level, previous = 100.0, base_year
        rows.append({"bloc": bloc, "year": base_year, "index": level})
        for year in sorted(int(y) for y in part.index if y > base_year):
            link = part[year] if year == previous + 1 else float("nan")
            level = level * (1.0 + link / 100.0)
            rows.append({"bloc": bloc, "year": year, "index": level})
            previous = year
    return pd.DataFrame(rows, columns=["bloc", "year", "index"])
