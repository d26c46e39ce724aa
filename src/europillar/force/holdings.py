"""Holdings: every cited row -> candidate figures -> one resolved figure per holder and year.

A row of ``force/holdings.csv`` has a ``scope``:

* ``total``: the row alone is the holder's whole holding of the category (in its status);
* ``breakdown``: one line of a complete breakdown by platform given by the same source for
  the same year; the lines of that source-year add up to a total;
* ``part``: a subset (one platform of several, an import record). Parts are never
  presented as a holder's total: they feed platform counts (fragmentation) and are
  shown as lower bounds.

``figures`` turns rows into candidate totals (one per holder, category, year, status and
source, in the category's unit); ``resolve`` ranks candidates for the same holder,
category, year and status by the source hierarchy (docs/force-data.md): the lowest tier
number wins (1 national official ... 4 press); ties go to the more recent publication,
then to a source that names its edition, then to a figure that is not an estimate. The
losers stay as cross-checks, with the reason they lost.
"""

from __future__ import annotations

import pandas as pd

from europillar.errors import InputError
from europillar.force.units import unit_factors

HOLDINGS_COLUMNS = [
    "holder",
    "holder_type",
    "year",
    "category",
    "quantity",
    "unit",
    "status",
    "scope",
    "platform",
    "variant",
    "source_id",
    "estimate",
    "method",
    "note",
    "quote",
]
STATUSES = ("active", "stored", "total")
SCOPES = ("total", "breakdown", "part")
HOLDER_TYPES = ("country", "pooled", "aggregate")
FIGURE_COLUMNS = [
    "holder",
    "holder_type",
    "category",
    "year",
    "status",
    "scope",
    "quantity",
    "unit",
    "source_id",
    "tier",
    "estimate",
    "method",
    "platforms",
    "rows",
]


def check_holdings(rows: pd.DataFrame, file: str = "force/holdings.csv") -> None:
    """Raise InputError (file, row, column) on a value outside the documented vocabulary."""
    for column, allowed in (
        ("status", STATUSES),
        ("scope", SCOPES),
        ("holder_type", HOLDER_TYPES),
    ):
        bad = ~rows[column].isin(allowed)
        if bad.any():
            at = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(
                file, f"row {at + 2}.{column}", rows[column].iloc[at], "not allowed", allowed
            )
    quantity = pd.to_numeric(rows["quantity"], errors="coerce")
    bad = quantity.isna() | (quantity < 0)
    if bad.any():
        at = int(bad.to_numpy().nonzero()[0][0])
        raise InputError(
            file, f"row {at + 2}.quantity", rows["quantity"].iloc[at], "expected a number >= 0"
        )


def source_ranks(sources: pd.DataFrame) -> pd.DataFrame:
    """source_id -> tier (int), date (text, sortable), edition_named (bool), state_media."""
    frame = sources.set_index("source_id")
    tier = pd.to_numeric(frame["tier"], errors="coerce")
    if tier.isna().any():
        missing = tier[tier.isna()].index[0]
        raise InputError("sources", "tier", missing, "every source needs a tier 1-4")
    media = frame["state_media"]
    if media.dtype != bool:
        media = media.astype(str).str.strip().str.lower().isin(["true", "1", "yes"])
    return pd.DataFrame(
        {
            "tier": tier.astype(int),
            "date": frame["date"].astype(str),
            "edition_named": frame["edition"].astype(str).str.strip() != "",
            "state_media": media.astype(bool),
        }
    )


def figures(
    rows: pd.DataFrame, taxonomy: pd.DataFrame, rules: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """Candidate figures in each category's unit: totals, summed breakdowns and summed parts.

    Rows whose unit has no conversion are left out (``not_comparable`` gives them).
    """
    rows = rows.copy()
    factor, rule = unit_factors(rows, taxonomy, rules)
    rows = rows.assign(
        quantity=pd.to_numeric(rows["quantity"]) * factor,
        rule=rule,
        unit=taxonomy.set_index("category")["unit"].reindex(rows["category"]).to_numpy(),
    )
    rows = rows[factor.notna()]
    keys = ["holder", "holder_type", "category", "year", "status", "source_id"]
    kind = rows["scope"].map({"total": "total", "breakdown": "total", "part": "part"})
    rows = rows.assign(
        kind=kind, group=rows["scope"].where(rows["scope"] != "total", rows.index.astype(str))
    )
    grouped = rows.groupby([*keys, "kind", "group", "unit"], sort=True, dropna=False).agg(
        quantity=("quantity", "sum"),
        estimate=("estimate", "max"),
        method=("method", lambda m: "; ".join(dict.fromkeys(x for x in m if x))),
        platforms=("platform", lambda p: "; ".join(dict.fromkeys(x for x in p if x))),
        rules=("rule", lambda r: "; ".join(dict.fromkeys(x for x in r if x))),
        rows=("quantity", "size"),
    )
    out = grouped.reset_index().rename(columns={"kind": "scope"}).drop(columns="group")
    out["method"] = [
        "; ".join(x for x in (m, f"sum of {n} platform rows" if n > 1 else "", r) if x)
        for m, n, r in zip(out["method"], out["rows"], out["rules"], strict=True)
    ]
    ranks = source_ranks(sources)
    out["tier"] = ranks["tier"].reindex(out["source_id"]).to_numpy()
    return out[FIGURE_COLUMNS].reset_index(drop=True)


def not_comparable(rows: pd.DataFrame, taxonomy: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Rows kept apart because their unit has no documented conversion to the category's."""
    factor, _ = unit_factors(rows, taxonomy, rules)
    return rows[factor.isna()]


def resolve(candidates: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Rank total figures per (holder, category, year, status); mark the winner.

    Adds ``rank`` (1 = chosen), ``chosen`` and ``why`` (for a loser: what beat it).
    Part figures are never chosen; they keep rank NaN.
    """
    ranks = source_ranks(sources)
    frame = candidates.copy()
    frame["_date"] = ranks["date"].reindex(frame["source_id"]).fillna("").to_numpy()
    frame["_edition"] = ranks["edition_named"].reindex(frame["source_id"]).fillna(False).to_numpy()
    frame["_order"] = range(len(frame))
    totals = frame[frame["scope"] == "total"].sort_values(
        ["holder", "category", "year", "status", "tier", "_date", "_edition", "estimate", "_order"],
        ascending=[True, True, True, True, True, False, False, True, True],
        kind="stable",
    )
    key = ["holder", "category", "year", "status"]
    totals["rank"] = totals.groupby(key).cumcount() + 1
    winners = totals[totals["rank"] == 1].set_index(key)
    why = []
    for _, row in totals.iterrows():
        if row["rank"] == 1:
            why.append("")
            continue
        best = winners.loc[tuple(row[k] for k in key)]
        why.append(_why(row, best))
    totals["why"] = why
    parts = frame[frame["scope"] != "total"].assign(rank=float("nan"), why="part of the fleet")
    out = pd.concat([totals, parts], ignore_index=True)
    out["chosen"] = out["rank"] == 1
    return out.drop(columns=["_date", "_edition", "_order"]).reset_index(drop=True)


def _why(row: pd.Series, best: pd.Series) -> str:
    if row["tier"] > best["tier"]:
        reason = f"lower tier ({int(row['tier'])} vs {int(best['tier'])})"
    elif row["_date"] < best["_date"]:
        reason = f"older publication ({row['_date']} vs {best['_date']})"
    elif not row["_edition"] and best["_edition"]:
        reason = "edition not named"
    elif bool(row["estimate"]) and not bool(best["estimate"]):
        reason = "estimate vs published figure"
    else:
        reason = "same rank; file order"
    return f"cross-check: {reason}; chosen {best['source_id']} ({best['quantity']:g})"


def latest(
    resolved: pd.DataFrame,
    year: int,
    max_age: int = 8,
    max_lead: int = 2,
    statuses: tuple[str, ...] = ("active", "total"),
) -> pd.DataFrame:
    """One chosen figure per (holder, category) as of ``year``.

    The latest chosen figure in [year - max_age, year]; failing that, the earliest in
    (year, year + max_lead]. Active figures beat 'total' ones of the same year (the
    taxonomy counts active holdings; 'total' means the source does not distinguish).
    """
    chosen = resolved[resolved["chosen"] & resolved["status"].isin(statuses)].copy()
    chosen = chosen[(chosen["year"] >= year - max_age) & (chosen["year"] <= year + max_lead)]
    chosen["_after"] = (chosen["year"] > year).astype(int)
    chosen["_distance"] = (chosen["year"] - year).abs()
    chosen["_status"] = chosen["status"].map({s: i for i, s in enumerate(statuses)})
    chosen = chosen.sort_values(
        ["holder", "category", "_after", "_distance", "_status"], kind="stable"
    )
    picked = chosen.drop_duplicates(["holder", "category"], keep="first")
    return picked.drop(columns=["_after", "_distance", "_status"]).reset_index(drop=True)
