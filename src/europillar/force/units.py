"""One unit per taxonomy category: which unit strings mean it, and documented conversions.

A figure counts toward a category only in the category's unit (taxonomy ``unit``), one
of its aliases (``unit_aliases``), or through a conversion rule in
``force/unit_rules.csv`` (category, holder or '*', unit, factor, source). A unit with no
rule is kept apart and reported, never added: 'fire units', 'batteries' and 'systems' of
long-range air defence mean different things in different countries.
"""

from __future__ import annotations

import re

import pandas as pd

RULE_COLUMNS = ["category", "holder", "unit", "factor", "to_unit", "source_id", "note"]


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


def unit_factors(
    rows: pd.DataFrame, taxonomy: pd.DataFrame, rules: pd.DataFrame
) -> tuple[pd.Series, pd.Series]:
    """Per row: the factor to the category's unit (NaN when not comparable) and the rule used.

    A holder-specific rule beats a '*' rule, which beats the taxonomy's own unit and
    aliases (factor 1).
    """
    accepted = {str(r["category"]): accepted_units(r) for _, r in taxonomy.iterrows()}
    table: dict[tuple[str, str, str], tuple[float, str]] = {}
    for _, rule in rules.iterrows():
        key = (str(rule["category"]), str(rule["holder"]), normalise_unit(str(rule["unit"])))
        table[key] = (
            float(rule["factor"]),
            f"{rule['unit']} x {float(rule['factor']):g} ({rule['source_id']})",
        )
    factors, used = [], []
    for category, holder, unit in zip(rows["category"], rows["holder"], rows["unit"], strict=True):
        norm = normalise_unit(str(unit))
        found = table.get((category, holder, norm)) or table.get((category, "*", norm))
        if found is None and norm in accepted.get(category, set()):
            found = (1.0, "")
        factors.append(found[0] if found else float("nan"))
        used.append(found[1] if found else "")
    return pd.Series(factors, index=rows.index, dtype=float), pd.Series(used, index=rows.index)
