"""Which unit strings in the data mean a category's unit ("tanks" = "vehicles" for mbt).

Figures are only added up, compared or costed when their unit is the category's unit or
one of its aliases in the taxonomy (``unit_aliases``, ';'-separated). Anything else, such
as personnel for ``troops_brigade`` or interceptors for ``air_defence_long``, is left
out and reported, never converted by guesswork.
"""

from __future__ import annotations

import re

import pandas as pd


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def normalise_unit(unit: str) -> str:
    """Lower case, single spaces, each word singular: 'Brigades' -> 'brigade'."""
    words = re.sub(r"\s+", " ", str(unit).strip().lower()).split(" ")
    return " ".join(_singular(w) for w in words if w)


def accepted_units(taxonomy_row: pd.Series | dict[str, str]) -> set[str]:
    """Normalised unit strings that count as the category's unit."""
    units = {normalise_unit(str(taxonomy_row["unit"]))}
    aliases = str(taxonomy_row.get("unit_aliases", "") or "")
    units |= {normalise_unit(a) for a in aliases.split(";") if a.strip()}
    return units


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
