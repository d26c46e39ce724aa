"""The only step that reads tables: force data and spending for a bloc and year.

``coverage_table(load, bloc, year)`` is what ``europillar data coverage`` prints and what
the capability, transition and procurement results carry beside their figures.
``load`` is a table loader (``europillar.data.load`` or a ``Dataset``'s ``table``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from europillar.force.coverage import THRESHOLD_PCT, coverage
from europillar.force.holdings import source_ranks
from europillar.force.matrix import ForceData, country_figures, matrix, partial_figures
from europillar.force.orders import candidate_orders, deduplicate, import_dependence, pipeline

SPENDING_INDICATOR = "milex_usd_current_m"
SPENDING_SOURCE = "sipri_milex_2025"

Loader = Callable[[str], pd.DataFrame]


def spending(load: Loader, members: Iterable[str], year: int) -> dict[str, float]:
    """Military spending (SIPRI, current USD m) per member in ``year``; absent = no figure."""
    obs = load("observations")
    rows = obs[
        (obs["indicator"] == SPENDING_INDICATOR)
        & (obs["source_id"] == SPENDING_SOURCE)
        & (pd.to_numeric(obs["year"]) == int(year))
        & obs["iso3"].isin(list(members))
    ]
    return {str(i): float(v) for i, v in zip(rows["iso3"], rows["value"], strict=True)}


def coverage_table(
    load: Loader,
    bloc: str,
    year: int,
    categories: Iterable[str] | None = None,
    members: Iterable[str] | None = None,
    threshold_pct: float = THRESHOLD_PCT,
    data: ForceData | None = None,
) -> pd.DataFrame:
    """Coverage per category for ``bloc`` (a bloc name, or explicit ``members``) in ``year``."""
    from europillar import countries

    data = data or ForceData.from_tables(load)
    codes = sorted(set(members)) if members is not None else countries.members(bloc, year)
    resolved = matrix(data)
    wanted = list(categories) if categories is not None else list(data.taxonomy["category"])
    units = data.taxonomy.set_index("category")["unit"].to_dict()
    return coverage(
        country_figures(data, year, resolved),
        partial_figures(resolved, year),
        codes,
        spending(load, codes, year),
        wanted,
        units,
        bloc,
        year,
        threshold_pct,
    )


def orders_pipeline(load: Loader) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(pipeline, duplicates): outstanding orders by delivery year, and the rows merged away."""
    tiers = source_ranks(load("sources"))["tier"]
    rows = candidate_orders(
        load("force/transfers_sipri"), load("force/orders"), load("procurement/in_service"), tiers
    )
    kept, duplicates = deduplicate(rows)
    return pipeline(kept, load("capability/lead_time")), duplicates


def dependence_table(load: Loader, bloc: str, first_year: int, last_year: int) -> pd.DataFrame:
    """US share of each category's imported deliveries to the bloc's members in the window."""
    from europillar import countries

    members = countries.members(bloc, last_year)
    table = import_dependence(load("force/transfers_sipri"), members, first_year, last_year)
    return table.assign(bloc=bloc)
