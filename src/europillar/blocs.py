"""Blocs as data: organisation blocs and publishers' regions, with fixed or changing membership.

``tables/blocs/definitions.csv`` defines every named bloc. An organisation bloc (EU27, NATO,
EUROPEAN_NATO, SIPRI_EUROPEAN_NATO …) is the members of an organisation (``memberships.csv``),
minus ``exclude``, intersected with ``also_in``; a region (SIPRI_EUROPE, SIPRI_MIDDLE_EAST …)
lists its members in ``tables/blocs/members.csv``.

Membership of an organisation bloc is read one of two ways (:class:`Membership`):

* **as-of** (``--membership as-of``): the members on 31 December of each year, so the EU of
  2019 has 28 members and NATO's 2023 total has Finland. This matches publishers' totals
  for a year (NATO's aggregates count that year's Allies) and is the default of views
  about one year (``burden``).
* **fixed** (``--membership fixed`` or ``fixed:YEAR``): one member list for every year,
  backdated: today's members (every membership without an end date), or the members of
  31 December YEAR. A trend then compares the same states each year instead of showing a
  jump when a state joins or leaves (EU27 minus the United Kingdom in 2020); it is the
  convention of SIPRI's and Eurostat's EU27 series and the default of trend views
  (``compare``, the report's trend charts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from europillar.errors import InputError


@dataclass(frozen=True)
class Membership:
    """How an organisation bloc's members are chosen: as of each year, or one fixed list."""

    fixed: bool = False
    year: int | None = None  # with fixed: the members of that year; None: today's members

    @classmethod
    def parse(cls, text: str) -> Membership:
        """'as-of', 'fixed' or 'fixed:YEAR' (as typed after --membership)."""
        value = text.strip().lower()
        if value == "as-of":
            return cls()
        if value == "fixed":
            return cls(fixed=True)
        head, _, tail = value.partition(":")
        if head == "fixed" and tail.isdigit() and 1949 <= int(tail) <= 2100:
            return cls(fixed=True, year=int(tail))
        raise InputError(
            None, "--membership", text, "expected as-of, fixed or fixed:YEAR (e.g. fixed:2019)"
        )

    @property
    def label(self) -> str:
        if not self.fixed:
            return "as-of"
        return "fixed" if self.year is None else f"fixed:{self.year}"

    def describe(self) -> str:
        """A sentence for captions."""
        if not self.fixed:
            return "membership as of each year (members on 31 December)"
        if self.year is None:
            return "fixed membership: today's members, backdated to every year"
        return f"fixed membership: the members of 31 December {self.year}, for every year"


AS_OF = Membership()
FIXED = Membership(fixed=True)


def organisation_members(
    memberships: pd.DataFrame, organisation: str, year: int | None
) -> list[str]:
    """Members of ``organisation`` on 31 December ``year``; ``year=None``: today's members."""
    rows = memberships[memberships["organisation"] == organisation]
    if rows.empty:
        raise InputError(
            "memberships.csv",
            "organisation",
            organisation,
            "no membership data",
            allowed=["EU", "NATO"],
        )
    if year is None:
        return sorted(rows.loc[rows["left"].fillna("") == "", "iso3"])
    end = dt.date(int(year), 12, 31)
    found = []
    for iso3, joined, left in zip(
        rows["iso3"], rows["joined"], rows["left"].fillna(""), strict=True
    ):
        if dt.date.fromisoformat(joined) <= end and (not left or dt.date.fromisoformat(left) > end):
            found.append(str(iso3))
    return sorted(found)


def _codes(cell: object) -> set[str]:
    return {c.strip() for c in str(cell or "").split(";") if c.strip()}


def defined_members(
    bloc: str,
    year: int,
    membership: Membership,
    definitions: pd.DataFrame,
    lists: pd.DataFrame,
    memberships: pd.DataFrame,
) -> list[str] | None:
    """Members of a bloc defined in ``blocs/definitions.csv`` (None: not defined there)."""
    rows = definitions[definitions["bloc"] == bloc]
    if rows.empty:
        return None
    row = rows.iloc[0]
    organisation = str(row["organisation"] or "")
    if not organisation:
        return sorted(lists.loc[lists["bloc"] == bloc, "iso3"])
    as_of = membership.year if membership.fixed else int(year)
    members = set(organisation_members(memberships, organisation, as_of))
    for other in _codes(row["also_in"]):
        members &= set(organisation_members(memberships, other, as_of))
    return sorted(members - _codes(row["exclude"]))


def bloc_label(bloc: str, definitions: pd.DataFrame) -> str:
    rows = definitions[definitions["bloc"] == bloc]
    return str(rows.iloc[0]["label"]) if not rows.empty else bloc


__all__ = [
    "AS_OF",
    "FIXED",
    "Membership",
    "bloc_label",
    "defined_members",
    "organisation_members",
]
