"""Vintages: every observation belongs to one edition of one publisher's series.

``tables/vintages.csv`` lists each vintage (publisher, release date, definition, price
base) and, in ``sources``, the sources that may give its figures **in order of
preference**. That order is the one rule that resolves duplicates: for a key (iso3, year,
indicator, vintage) the row whose source comes first wins; the others are cross-checks
(``crosschecks``), shown with their difference from the winner and never used. Two rows
of one source for one key cannot be resolved: ``unresolved`` lists them and a test keeps
that list empty.

A view never mixes vintages of one series family (e.g. the 2024 and 2026 NATO editions):
a :class:`VintagePlan` names one vintage per family, or ``as-published`` (for each year
the earliest shipped edition covering it: NATO's 2025 figures from NATO's 2025 release).
Indicators that exist in several families (GDP: World Bank, IMF, a SIPRI derivation)
take the families in ``FAMILY_ORDER``: publisher figures before derivations.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from europillar.errors import InputError

if TYPE_CHECKING:
    from europillar.dataset import Dataset

AS_PUBLISHED = "as-published"
KEY = ["iso3", "year", "indicator", "vintage"]
# Families that publish editions with revisions: a view picks one edition of each.
EDITION_FAMILIES = ("sipri_milex", "nato_defexp")
# For an indicator several families give (GDP), publishers first, derivations last.
FAMILY_ORDER = ("wdi", "imf_weo", "nato_defexp", "cow_nmc", "sipri_milex")


def source_ranks(vintages: pd.DataFrame) -> dict[tuple[str, str], int]:
    """(vintage, source_id) -> preference rank (0 is best), from vintages.csv ``source_ids``."""
    ranks: dict[tuple[str, str], int] = {}
    for vintage, sources in zip(vintages["vintage"], vintages["source_ids"], strict=True):
        for rank, source in enumerate(s.strip() for s in str(sources).split(";")):
            if source:
                ranks[(str(vintage), source)] = rank
    return ranks


def unregistered(observations: pd.DataFrame, vintages: pd.DataFrame) -> pd.DataFrame:
    """Rows whose vintage is unknown or whose source is not listed for their vintage."""
    ranks = source_ranks(vintages)
    pairs = list(zip(observations["vintage"], observations["source_id"], strict=True))
    bad = [(v, s) not in ranks for v, s in pairs]
    return observations.loc[bad]


def _ranked(observations: pd.DataFrame, vintages: pd.DataFrame) -> pd.DataFrame:
    lacking = unregistered(observations, vintages)
    if not lacking.empty:
        row = lacking.iloc[0]
        raise InputError(
            "vintages.csv",
            f"{row['vintage']}/{row['source_id']}",
            f"{row['iso3']} {row['year']} {row['indicator']}",
            "an observation's vintage is not in vintages.csv or its source is not listed "
            "in that vintage's sources",
        )
    ranks = source_ranks(vintages)
    rank = [
        ranks[(v, s)]
        for v, s in zip(observations["vintage"], observations["source_id"], strict=True)
    ]
    frame = observations.assign(_rank=rank)
    return frame.sort_values([*KEY, "_rank"], kind="stable")


def resolve(observations: pd.DataFrame, vintages: pd.DataFrame) -> pd.DataFrame:
    """One row per (iso3, year, indicator, vintage): the preferred source's figure."""
    frame = _ranked(observations, vintages)
    return frame.drop_duplicates(KEY, keep="first").drop(columns="_rank").reset_index(drop=True)


def crosschecks(observations: pd.DataFrame, vintages: pd.DataFrame) -> pd.DataFrame:
    """Every losing row with the winner's value and source and the relative difference."""
    frame = _ranked(observations, vintages)
    winners = frame.drop_duplicates(KEY, keep="first")[[*KEY, "value", "source_id"]]
    losers = frame[frame.duplicated(KEY, keep="first")].drop(columns="_rank")
    merged = losers.merge(winners, on=KEY, suffixes=("", "_used"))
    merged["difference_pct"] = 100.0 * (merged["value"] / merged["value_used"] - 1.0)
    columns = [*KEY, "value", "source_id", "value_used", "source_id_used", "difference_pct"]
    return merged[columns].reset_index(drop=True)


def unresolved(observations: pd.DataFrame, vintages: pd.DataFrame) -> pd.DataFrame:
    """Keys where the best-ranked source gives more than one row (the rule cannot choose)."""
    frame = _ranked(observations, vintages)
    best = frame.groupby(KEY, sort=False)["_rank"].transform("min")
    top = frame[frame["_rank"] == best]
    return top[top.duplicated(KEY, keep=False)].drop(columns="_rank").reset_index(drop=True)


def family_of(vintages: pd.DataFrame) -> dict[str, str]:
    return dict(zip(vintages["vintage"], vintages["family"], strict=True))


def editions(vintages: pd.DataFrame, family: str) -> list[str]:
    """The family's vintages, oldest release first."""
    rows = vintages[vintages["family"] == family].sort_values(["release_date", "vintage"])
    return list(rows["vintage"])


def as_published(vintages: pd.DataFrame, family: str, year: int) -> str | None:
    """The earliest-released vintage of ``family`` whose data reach ``year`` (None if none)."""
    rows = vintages[vintages["family"] == family]
    rows = rows[rows["last_year"].astype(int) >= int(year)]
    if rows.empty:
        return None
    return str(rows.sort_values(["release_date", "vintage"]).iloc[0]["vintage"])


def newest(vintages: pd.DataFrame, family: str) -> str:
    found = editions(vintages, family)
    if not found:
        raise InputError("vintages.csv", "family", family, "no vintage of this family")
    return found[-1]


NEWEST = "newest"


@dataclass(frozen=True)
class VintagePlan:
    """Which vintage of each series family a view reads.

    Per family: a vintage id (only that edition is read; a figure it lacks stays
    missing), ``newest`` (the latest edition that publishes the indicator) or
    ``as-published`` (for each year, the earliest edition that published the indicator
    for that year: a real-time view). Families not named read ``newest``.
    """

    choices: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "choices", MappingProxyType(dict(self.choices)))

    def choice(self, family: str) -> str:
        return self.choices.get(family, NEWEST)

    def pick(self, family: str, present: Sequence[str]) -> str | None:
        """The vintage to read among ``present`` (oldest release first) for one key group."""
        choice = self.choice(family)
        if not present:
            return None
        if choice == NEWEST:
            return present[-1]
        if choice == AS_PUBLISHED:
            return present[0]
        return choice if choice in present else None

    def describe(self) -> str:
        """One line for captions: 'nato_defexp: nato-2024; sipri_milex: sipri-2026'."""
        return "; ".join(f"{k}: {v}" for k, v in sorted(self.choices.items()))


DEFAULT_PLAN = VintagePlan({"sipri_milex": NEWEST, "nato_defexp": AS_PUBLISHED})


def parse_plan(
    text: str | None, vintages: pd.DataFrame, defaults: Mapping[str, str]
) -> VintagePlan:
    """``--vintage`` as typed (comma-separated vintage ids, 'newest' or 'as-published')."""
    choices = dict(defaults)
    families = family_of(vintages)
    for item in [p.strip() for p in (text or "").split(",") if p.strip()]:
        if item in (AS_PUBLISHED, NEWEST):
            choices.update({f: item for f in EDITION_FAMILIES})
        elif item in families:
            choices[families[item]] = item
        else:
            raise InputError(
                None,
                "--vintage",
                item,
                "unknown vintage",
                allowed=[AS_PUBLISHED, NEWEST, *families],
            )
    return VintagePlan(choices)


def select(
    observations: pd.DataFrame,
    vintages: pd.DataFrame,
    plan: VintagePlan = DEFAULT_PLAN,
    indicators: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per (iso3, year, indicator), each from the vintage the plan names.

    Duplicates within a vintage are resolved first (``resolve``). Within a family only
    the planned vintage is read for an (indicator, year), so a missing figure stays
    missing rather than being taken from another edition. For an indicator that several
    families give (GDP), each (iso3, year) takes the first family in ``FAMILY_ORDER``
    that has a figure.
    """
    frame = observations
    if indicators is not None:
        frame = frame[frame["indicator"].isin(list(indicators))]
    frame = resolve(frame, vintages)
    families = family_of(vintages)
    order = {
        v: i for i, v in enumerate(vintages.sort_values(["release_date", "vintage"])["vintage"])
    }
    frame = frame.assign(_family=frame["vintage"].map(families))
    keep = []
    for (indicator, family, year), part in frame.groupby(
        ["indicator", "_family", "year"], sort=False
    ):
        del indicator, year
        present = sorted(set(part["vintage"]), key=lambda v: order[v])
        wanted = plan.pick(str(family), present)
        keep.append(part[part["vintage"] == wanted])
    chosen = pd.concat(keep) if keep else frame.iloc[0:0]
    rank = {f: i for i, f in enumerate(FAMILY_ORDER)}
    chosen = chosen.assign(_order=chosen["_family"].map(rank).fillna(len(rank)))
    chosen = chosen.sort_values(["iso3", "year", "indicator", "_order"], kind="stable")
    chosen = chosen.drop_duplicates(["iso3", "year", "indicator"], keep="first")
    return chosen.drop(columns=["_family", "_order"]).reset_index(drop=True)


def view(dataset: Dataset, plan: VintagePlan = DEFAULT_PLAN) -> pd.DataFrame:
    """The dataset's observations as a view reads them: one row per (iso3, year, indicator).

    A copy each call (computed once per dataset version and plan). Rows without a vintage
    (small in-memory test datasets) pass through unchanged.
    """
    return _view(dataset, tuple(sorted(plan.choices.items()))).copy()


@functools.lru_cache(maxsize=16)
def _view(dataset: Dataset, choices: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    observations = dataset.table("observations")
    if "vintage" not in observations.columns or "vintages" not in dataset:
        return observations
    loose = observations["vintage"].fillna("") == ""
    chosen = select(observations[~loose], dataset.table("vintages"), VintagePlan(dict(choices)))
    return pd.concat([chosen, observations[loose]], ignore_index=True)


def used_vintages(frame: pd.DataFrame) -> list[str]:
    """Sorted vintages of the rows a view used (for its caption and metadata)."""
    return sorted({str(v) for v in frame["vintage"] if str(v)})


def plan_line(plan: VintagePlan, used: Sequence[str]) -> str:
    """'Vintages used: …' sentence for captions."""
    return f"Vintages used: {', '.join(used) or 'none'} (plan: {plan.describe() or 'defaults'})."


__all__ = [
    "AS_PUBLISHED",
    "DEFAULT_PLAN",
    "EDITION_FAMILIES",
    "FAMILY_ORDER",
    "NEWEST",
    "VintagePlan",
    "as_published",
    "crosschecks",
    "editions",
    "newest",
    "parse_plan",
    "plan_line",
    "resolve",
    "select",
    "source_ranks",
    "unregistered",
    "unresolved",
    "used_vintages",
    "view",
]
