"""Census zeros: a source that lists every holder of a category in a scope.

A row of ``force/census.csv`` says that ``source_id`` names every holder of ``category``
within ``scope`` in ``year``; a state in that scope it does not name holds zero then.

* ``scope``: ``world`` (every state in countries.csv) or a bloc that
  ``countries.members`` knows (``NATO``, ``EUROPEAN_NATO``, ``EU27``, a region group), read
  as of ``year``. A census of European operators says nothing about the USA, Russia or
  China, so its scope keeps them out.
* ``holders``: the holders the source names, space-separated (ISO3 codes, or pooled fleet
  ids such as ``SAC_HAW``). Left empty, the holders are those of the rows of
  ``force/holdings.csv`` that cite the source for the category (the SIPRI and UCS
  censuses, whose figures are rows).
* ``estimate``/``method``: ``true`` where the zero is a derivation rather than the source's
  own words, e.g. "the SIPRI register lists every C-17 delivered abroad, and no strategic
  airlifter is built in Europe"; ``method`` gives the reasoning.

``check_census`` refuses a census that contradicts a positive holding: a state it zeroes
may have no positive row of the category in the census year, from any source.
"""

from __future__ import annotations

import pandas as pd

from europillar.errors import InputError

CENSUS_COLUMNS = ["source_id", "category", "scope", "year", "holders", "estimate", "method", "note"]
FILE = "force/census.csv"


def _flag(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


def scope_states(
    scope: str, year: int, countries: pd.DataFrame, memberships: pd.DataFrame | None
) -> set[str]:
    """ISO3 codes of the states in scope (of countries.csv) in ``year``."""
    states = set(countries["iso3"])
    if scope == "world":
        return states
    from europillar import countries as blocs
    from europillar.dataset import Dataset

    tables = {"countries": countries}
    if memberships is not None:
        tables["memberships"] = memberships
    try:
        members = blocs.members(scope, int(year), Dataset(tables, "census-scope"))
    except InputError as error:
        raise InputError(
            FILE, "scope", scope, "expected 'world' or a bloc name (e.g. EUROPEAN_NATO, NATO)"
        ) from error
    return set(members) & states


def named_holders(census: pd.Series, rows: pd.DataFrame) -> set[str]:
    """The holders a census names: its ``holders`` column, else the rows citing it."""
    listed = str(census.get("holders", "") or "").split()
    if listed:
        return set(listed)
    cited = (rows["source_id"] == census["source_id"]) & (rows["category"] == census["category"])
    if str(census["category"]).startswith("satellite_"):
        # UCS lists operators of every category: a state listed for one category is still
        # absent from the others only if it has no row there.
        cited = rows["category"] == census["category"]
    return set(rows.loc[cited, "holder"])


def check_census(
    census: pd.DataFrame,
    rows: pd.DataFrame,
    countries: pd.DataFrame,
    memberships: pd.DataFrame | None,
) -> None:
    """Raise InputError (file, row, column) on a census that is malformed or contradicted."""
    known = set(countries["iso3"]) | set(rows.loc[rows["holder_type"] == "pooled", "holder"])
    positive = rows[(rows["holder_type"] == "country") & (pd.to_numeric(rows["quantity"]) > 0)]
    for at, (_, census_row) in enumerate(census.iterrows()):
        where = f"row {at + 2}"
        unknown = sorted(set(str(census_row.get("holders", "") or "").split()) - known)
        if unknown:
            raise InputError(
                FILE, f"{where}.holders", unknown[0], "not a country in scope or a pooled fleet"
            )
        if (
            _flag(census_row.get("estimate", False))
            and not str(census_row.get("method", "") or "").strip()
        ):
            raise InputError(FILE, f"{where}.method", "", "an estimated census needs a method")
        year = int(census_row["year"])
        zeroed = scope_states(str(census_row["scope"]), year, countries, memberships) - (
            named_holders(census_row, rows)
        )
        clash = positive[
            (positive["category"] == census_row["category"])
            & (pd.to_numeric(positive["year"]) == year)
            & positive["holder"].isin(zeroed)
        ]
        if not clash.empty:
            first = clash.iloc[0]
            raise InputError(
                FILE,
                f"{where}.holders",
                first["holder"],
                f"the census zeroes a holder with {first['quantity']:g} in {year} "
                f"({first['source_id']}); name it in holders or correct the row",
            )


def census_zeros(
    census: pd.DataFrame,
    rows: pd.DataFrame,
    countries: pd.DataFrame,
    memberships: pd.DataFrame | None,
    columns: list[str],
) -> pd.DataFrame:
    """Zero holdings implied by census sources for the states in scope they do not name."""
    check_census(census, rows, countries, memberships)
    out = []
    for _, row in census.iterrows():
        year = int(row["year"])
        states = scope_states(str(row["scope"]), year, countries, memberships)
        estimate = _flag(row.get("estimate", False))
        own = str(row.get("method", "") or "").strip()
        method = f"census: not listed by {row['source_id']} ({row['scope']})"
        for iso3 in sorted(states - named_holders(row, rows)):
            out.append(
                {
                    "holder": iso3,
                    "holder_type": "country",
                    "year": year,
                    "category": row["category"],
                    "quantity": 0.0,
                    "unit": "",
                    "status": "total",
                    "scope": "total",
                    "platform": "",
                    "variant": "",
                    "source_id": row["source_id"],
                    "estimate": estimate,
                    "method": f"{method}; {own}" if own else method,
                    "note": str(row["note"]),
                    "quote": "",
                }
            )
    return pd.DataFrame(out, columns=columns)
