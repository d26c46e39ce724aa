"""What the report's power and burden parts read from the dataset (through the data API)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pandas as pd

from europillar import __version__
from europillar.data import load
from europillar.errors import InputError
from europillar.power import resolve_blocs

FIRST_YEAR = 2014  # Wales Summit pledge; the first year of NATO's published series
BLOC_LABELS = {
    "EU27": "EU27",
    "EUROPEAN_NATO": "European NATO",
    "NATO": "NATO",
    "USA": "United States",
    "RUS": "Russia",
    "CHN": "China",
}


def observations() -> pd.DataFrame:
    return load("observations")


def members_by_year(bloc: str, years: Sequence[int]) -> dict[int, list[str]]:
    """Members of ``bloc`` in each year, from ``europillar.countries.members``."""
    return resolve_blocs([bloc], years)[bloc]


def country_names() -> dict[str, str]:
    table = load("countries")
    return dict(zip(table["iso3"], table["name"], strict=True))


def label(bloc: str) -> str:
    return BLOC_LABELS.get(bloc, country_names().get(bloc, bloc))


def default_year(obs: pd.DataFrame | None = None) -> int:
    """Latest year in which most EU27 and European NATO members have a spending figure."""
    obs = observations() if obs is None else obs
    spend = obs[obs["indicator"] == "milex_usd_current_m"]
    if spend.empty:
        raise InputError(
            "observations",
            "indicator",
            "milex_usd_current_m",
            "no military spending figures in the dataset",
        )
    for year in sorted(set(spend["year"]), reverse=True):
        members = set(members_by_year("EU27", [year])[year])
        members |= set(members_by_year("EUROPEAN_NATO", [year])[year])
        have = set(spend.loc[spend["year"] == year, "iso3"]) & members
        if members and len(have) > len(members) / 2:
            return int(year)
    raise InputError("observations", "year", None, "no year has spending for most members")


def check_year(year: int, obs: pd.DataFrame | None = None) -> int:
    """The report year must lie within the spending series."""
    obs = observations() if obs is None else obs
    years = sorted(set(obs.loc[obs["indicator"] == "milex_usd_current_m", "year"]))
    if not years or not (max(FIRST_YEAR, years[0]) <= year <= years[-1]):
        raise InputError(
            None,
            "year",
            year,
            "no military spending data for this year",
            allowed=[y for y in years if y >= FIRST_YEAR],
        )
    return int(year)


def dataset_version() -> str:
    """Package version plus a short hash of the shipped observations and sources.

    Printed in the report header instead of a timestamp, so reruns are byte-identical.
    """
    digest = hashlib.sha256()
    for name in ("observations", "sources"):
        frame = load(name)
        digest.update(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return f"europillar {__version__}, dataset {digest.hexdigest()[:12]}"
