"""Human labels for the ids the engines speak: countries, blocs, categories, indicators, columns.

Machine formats (CSV, JSON) keep ids; tables on screen, in the report, the web app and the
spreadsheet's name columns show these labels. One place, so a label is spelt once:

* countries: ``countries.csv`` (``POL`` -> Poland);
* blocs: :data:`BLOC_LABELS`, then country names (``EUROPEAN_NATO`` -> European NATO);
* capability categories: the taxonomy's ``name`` (``mbt`` -> Main battle tanks);
* indicators: ``indicator_names.csv`` in this folder (a name for every id of the
  indicator catalogue ``indicators.csv`` and of the bloc indicators of ``power``);
* columns: ``columns.csv`` in this folder, else a label built from the id's parts
  (``prob_covered_by_end_pct`` -> "Prob. covered by end, %").
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLES = HERE.parent / "data" / "tables"

BLOC_LABELS = {
    "EU27": "EU27",
    "EUROPEAN_NATO": "European NATO",
    "NATO": "NATO",
    "EU_NATO": "EU members of NATO",
    "USA": "United States",
    "RUS": "Russia",
    "CHN": "China",
}
# Which kind of id a column holds, by its name (the one vocabulary: STYLE.md habit 2).
ID_COLUMNS = {
    "iso3": "country",
    "member": "country",
    "holder": "country",
    "country": "country",
    "bloc": "bloc",
    "category": "category",
    "indicator": "indicator",
}
# Id parts that read better spelt out in a generated column label.
WORDS = {
    "pct": "%",
    "usd": "USD",
    "eur": "EUR",
    "m": "m",
    "bn": "bn",
    "k": "thousand",
    "h": "hours",
    "km": "km",
    "gdp": "GDP",
    "ppp": "PPP",
    "prob": "Prob.",
    "iso3": "ISO3",
    "qmv": "QMV",
    "rqmv": "reinforced QMV",
    "us": "US",
    "eu": "EU",
    "nato": "NATO",
    "p10": "P10",
    "p50": "P50",
    "p90": "P90",
    "milex": "military spending",
    "hq": "HQ",
    "id": "id",
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def _countries() -> dict[str, str]:
    return {r["iso3"]: r["name"] for r in _read(TABLES / "countries.csv")}


@functools.cache
def _categories() -> dict[str, tuple[str, str]]:
    rows = _read(TABLES / "capability_taxonomy" / "taxonomy.csv")
    return {r["category"]: (r["name"], r["unit"]) for r in rows}


@functools.cache
def _indicators() -> dict[str, str]:
    return {r["indicator"]: r["name"] for r in _read(HERE / "indicator_names.csv")}


@functools.cache
def _columns() -> dict[str, str]:
    return {r["column"]: r["label"] for r in _read(HERE / "columns.csv")}


def country(iso3: str) -> str:
    """Poland for ``POL``; an unknown code is returned as it is."""
    return _countries().get(iso3, iso3)


def country_codes() -> list[str]:
    """ISO3 codes of every country in scope."""
    return list(_countries())


def bloc(name: str) -> str:
    """European NATO for ``EUROPEAN_NATO``; a single state by its name."""
    if name in BLOC_LABELS:
        return BLOC_LABELS[name]
    if "+" in name:  # an ad-hoc coalition, e.g. FRA+DEU+POL
        return " + ".join(country(part) for part in name.split("+"))
    return _countries().get(name, name)


def category(category_id: str) -> str:
    """Main battle tanks for ``mbt`` (the taxonomy's name)."""
    found = _categories().get(category_id)
    return found[0] if found else category_id


def category_unit(category_id: str) -> str:
    """The taxonomy unit of a category (vehicles, aircraft …), or '' if unknown."""
    found = _categories().get(category_id)
    return found[1] if found else ""


def indicator(indicator_id: str) -> str:
    """The indicator's name from the catalogue (its id if the catalogue has none)."""
    return _indicators().get(indicator_id, indicator_id)


def indicator_ids() -> list[str]:
    return list(_indicators())


def of_id(kind: str, value: str) -> str:
    """The label of ``value`` read as an id of ``kind`` (see :data:`ID_COLUMNS`)."""
    return {"country": country, "bloc": bloc, "category": category, "indicator": indicator}[kind](
        value
    )


def column(name: str) -> str:
    """A header for a column id: ``columns.csv``, else spelt out from its parts."""
    listed = _columns().get(name)
    if listed:
        return listed
    if name in ID_COLUMNS:
        return name.capitalize() if name != "iso3" else "Country"
    parts = name.split("_")
    unit = ""
    if len(parts) > 1 and parts[-1] in ("pct", "m", "bn", "k", "h", "km"):
        unit = WORDS[parts.pop()]
        if parts and parts[-1] in ("usd", "eur"):
            unit = f"{WORDS[parts.pop()]} {unit}"
    words = [WORDS.get(p, p) for p in parts]
    text = " ".join(words).strip()
    text = text[:1].upper() + text[1:]
    text = re.sub(r"\s+", " ", text)
    return f"{text}, {unit}" if unit else text
