"""Countries in scope, their names and regions, and bloc membership as of a year.

Membership rule: a state counts as a member of an organisation "in year Y" when it is a
member on 31 December of Y, i.e. ``joined <= Y-12-31`` and (no ``left`` date or
``left > Y-12-31``). So Finland is in NATO for 2023, Sweden from 2024, and the United
Kingdom is in the EU up to 2019 (it left on 31 January 2020). Year-end membership matches
annual figures that describe the bloc a reader sees at the end of the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from europillar.blocs import AS_OF, Membership, defined_members
from europillar.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from europillar.dataset import Dataset

NORTH_AMERICA = ("USA", "CAN")
COMPARATORS = ("USA", "RUS", "CHN")
ORGANISATION_BLOCS = ("EU27", "NATO", "EUROPEAN_NATO", "EU_NATO")


def _table(name: str, dataset: Dataset | None) -> pd.DataFrame:
    from europillar.dataset import load

    return (dataset if dataset is not None else load()).table(name)


def all_codes(dataset: Dataset | None = None) -> list[str]:
    """ISO3 codes of every country in scope, sorted."""
    return sorted(_table("countries", dataset)["iso3"])


def name(iso3: str, dataset: Dataset | None = None) -> str:
    """Common English short name of a country in scope."""
    countries = _table("countries", dataset).set_index("iso3")["name"]
    if iso3 not in countries.index:
        raise InputError(
            None, "iso3", iso3, "not a country in scope", allowed=sorted(countries.index)
        )
    return str(countries[iso3])


def region_groups(dataset: Dataset | None = None) -> list[str]:
    """Names of the region groups (tables/regions.csv)."""
    return list(_table("regions", dataset)["region_group"])


def _bloc_table(name: str, dataset: Dataset | None) -> pd.DataFrame:
    """A tables/blocs table of ``dataset``, or the shipped one when a test dataset lacks it."""
    from europillar.dataset import load

    if dataset is not None and f"blocs/{name}" in dataset:
        return dataset.table(f"blocs/{name}")
    return load().table(f"blocs/{name}")


def defined_blocs(dataset: Dataset | None = None) -> list[str]:
    """Blocs defined as data in tables/blocs/definitions.csv (organisations, SIPRI regions)."""
    return list(_bloc_table("definitions", dataset)["bloc"])


def bloc_names(dataset: Dataset | None = None) -> list[str]:
    """Every named bloc ``members`` accepts (single comparator states come as ISO3)."""
    return [*defined_blocs(dataset), *region_groups(dataset), *COMPARATORS]


def _year_end(year: int) -> dt.date:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        raise InputError(None, "year", year, "expected an integer year between 1900 and 2100")
    return dt.date(year, 12, 31)


def organisation_members(organisation: str, year: int, dataset: Dataset | None = None) -> list[str]:
    """Members of 'EU' or 'NATO' on 31 December of ``year`` (see module docstring)."""
    end = _year_end(year)
    rows = _table("memberships", dataset)
    rows = rows[rows["organisation"] == organisation]
    if rows.empty:
        raise InputError(
            None, "organisation", organisation, "no membership data", allowed=["EU", "NATO"]
        )
    result = []
    for row in rows.itertuples(index=False):
        joined = dt.date.fromisoformat(row.joined)
        left = dt.date.fromisoformat(row.left) if row.left else None
        if joined <= end and (left is None or left > end):
            result.append(row.iso3)
    return sorted(result)


def _validate_codes(codes: Iterable[str], dataset: Dataset | None) -> list[str]:
    known = set(all_codes(dataset))
    result = []
    for code in codes:
        if not isinstance(code, str) or code not in known:
            raise InputError(
                None, "bloc", code, "unknown ISO3 code in coalition", allowed=sorted(known)
            )
        if code not in result:
            result.append(code)
    if not result:
        raise InputError(None, "bloc", [], "a coalition needs at least one ISO3 code")
    return sorted(result)


def members(
    bloc: str | Iterable[str],
    year: int,
    dataset: Dataset | None = None,
    membership: Membership = AS_OF,
) -> list[str]:
    """ISO3 members of ``bloc`` in ``year``, sorted.

    ``bloc`` is a bloc of tables/blocs/definitions.csv ("EU27": EU members, 28 before 2020
    as of each year; "NATO"; "EUROPEAN_NATO": NATO minus USA and Canada; "EU_NATO";
    SIPRI's regions and totals such as "SIPRI_EUROPE" or "SIPRI_EUROPEAN_NATO"), a region
    group, a single country code (e.g. "USA", "RUS", "CHN"), or a list/tuple of ISO3 codes
    (a coalition). ``membership`` chooses as-of-year or fixed membership
    (``europillar.blocs.Membership``); it changes only organisation blocs.
    """
    _year_end(year)
    if not isinstance(bloc, str):
        return _validate_codes(bloc, dataset)
    found = defined_members(
        bloc,
        year,
        membership,
        _bloc_table("definitions", dataset),
        _bloc_table("members", dataset),
        _table("memberships", dataset),
    )
    if found is not None:
        return found
    countries = _table("countries", dataset)
    if bloc in set(countries["region_group"]):
        return sorted(countries.loc[countries["region_group"] == bloc, "iso3"])
    if bloc in set(countries["iso3"]):
        return [bloc]
    raise InputError(
        None, "bloc", bloc, "unknown bloc", allowed=[*bloc_names(dataset), "a list of ISO3 codes"]
    )


__all__ = [
    "all_codes",
    "bloc_names",
    "members",
    "name",
    "organisation_members",
    "region_groups",
]
