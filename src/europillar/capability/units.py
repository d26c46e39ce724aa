"""Which unit strings in the data mean a category's unit ("tanks" = "vehicles" for mbt).

Figures are only added up, compared or costed when their unit is the category's unit or
one of its aliases in the taxonomy (``unit_aliases``, ';'-separated). Anything else, such
as personnel for ``troops_brigade`` or interceptors for ``air_defence_long``, is left
out and reported, never converted by guesswork.
"""

from __future__ import annotations

import pandas as pd

from europillar.force.units import accepted_units, normalise_unit

__all__ = ["accepted_units", "normalise_unit", "rows_in_unit", "split_money_unit", "unit_matches"]


def unit_matches(unit: str, accepted: set[str]) -> bool:
    return normalise_unit(unit) in accepted


def split_money_unit(unit: str) -> tuple[str, str]:
    """'USD m per tank' -> ('USD m', 'tank'); a unit without 'per' -> (unit, '')."""
    text = str(unit).strip()
    if " per " in text:
        money, thing = text.split(" per ", 1)
        return money.strip(), thing.strip()
    return text, ""


def rows_in_unit(rows: pd.DataFrame, accepted: set[str], per: bool = False) -> pd.DataFrame:
    """The rows whose ``unit`` (or, with ``per``, the part after 'per') is accepted."""
    if rows.empty:
        return rows
    units = rows["unit"].astype(str)
    if per:
        units = units.map(lambda u: split_money_unit(u)[1])
    mask = units.map(lambda u: unit_matches(u, accepted)).astype(bool)
    return rows.loc[mask]
