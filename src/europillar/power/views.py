"""Views of a bloc comparison for readers: blocs side by side.

``wide(comparison)`` turns the tidy comparison (one row per bloc, year and indicator)
into one row per indicator and year with a column per bloc, the unit on the row, and
``<bloc>_missing`` (members without a figure) beside each bloc, so a total built on
fewer members is never shown as complete. The tidy form stays the machine form of the
engine (``compare --long``).
"""

from __future__ import annotations

import re

import pandas as pd

from europillar import units

MISSING_SUFFIX = "_missing"


def wide(comparison: pd.DataFrame) -> pd.DataFrame:
    """Indicators as rows, blocs as columns (see the module docstring)."""
    blocs = list(dict.fromkeys(comparison["bloc"]))
    indicators = list(dict.fromkeys(comparison["indicator"]))
    keyed = comparison.set_index(["indicator", "year", "bloc"])
    rows = []
    for indicator in indicators:
        part = comparison[comparison["indicator"] == indicator]
        unit = str(part["unit"].iloc[0]) if len(part) else ""
        for year in sorted(set(part["year"])):
            row: dict[str, object] = {"indicator": indicator, "unit": unit, "year": int(year)}
            for bloc in blocs:
                key = (indicator, year, bloc)
                found = keyed.loc[key] if key in keyed.index else None
                row[bloc] = float(found["value"]) if found is not None else float("nan")
                row[f"{bloc}{MISSING_SUFFIX}"] = int(found["n_missing"]) if found is not None else 0
            if "vintages" in comparison.columns:  # the editions the row's figures come from
                cells = part.loc[part["year"] == year, "vintages"]
                row["vintages"] = ";".join(
                    sorted({v for c in cells for v in str(c).split(";") if v})
                )
            rows.append(row)
    columns = ["indicator", "unit", "year"]
    for bloc in blocs:
        columns += [bloc, f"{bloc}{MISSING_SUFFIX}"]
    if "vintages" in comparison.columns:
        columns.append("vintages")
    return pd.DataFrame(rows, columns=columns)


MONEY_MILLIONS = re.compile(r"^(USD|international \$|EUR|local currency) m\b")
SHORT_UNITS = {
    "% of GDP": "%",
    "% per year": "%",
    units.USD_PER_PERSON: "USD per person",
    "thousand persons": "thousand",
}


def compact(value: float, unit: str) -> tuple[float, str]:
    """A value and unit short enough for a table cell: money in millions shown in
    billions ("368.5 USD bn"); the price basis is in the indicator's name."""
    money = MONEY_MILLIONS.match(unit)
    if money:
        currency = "intl $" if money.group(1) == "international $" else money.group(1)
        return value / 1000.0, f"{currency} bn"
    return value, SHORT_UNITS.get(unit, unit)


def screen_cells(table: pd.DataFrame, blocs: list[str]) -> pd.DataFrame:
    """The wide view as text for a screen: each cell its value and unit ("1.91 % of GDP"),
    with † where members are missing; indicator and bloc names for readers."""
    from europillar.export import format_number, labels, precision

    out = pd.DataFrame(
        {
            "Indicator": [labels.indicator(i) for i in table["indicator"]],
            "Year": [str(y) for y in table["year"]],
        }
    )
    for bloc in blocs:
        cells = []
        for value, unit, missing in zip(
            table[bloc], table["unit"], table[f"{bloc}{MISSING_SUFFIX}"], strict=True
        ):
            shown, short = compact(float(value), str(unit))
            text = format_number(shown, precision.for_unit(short))
            if text != "–":
                text = f"{text} {short}" + (" †" if missing else "")
            cells.append(text)
        out[labels.bloc(bloc)] = cells
    return out
