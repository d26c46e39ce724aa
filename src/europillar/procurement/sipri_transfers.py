"""Importer for the SIPRI Arms Transfers Database trade register (publisher's CSV export).

The register lists international transfers only: a country's domestically built platforms
(French Rafales for France, US F-35s for the US) are absent. The designation table derived
here is therefore a labelled *proxy* of platform diversity: imported designations per
recipient and category, never a full inventory.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from europillar.data.importers.common import spellings
from europillar.errors import InputError

SOURCE_ID = "sipri_at_2025"
HEADER_START = "Recipient,Supplier,Year of order"
REQUIRED = [
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
]

# SIPRI 'Weapon description' -> europillar capability category (others are left out).
CATEGORY_BY_DESCRIPTION = {
    "tank": "mbt",
    "infantry fighting vehicle": "ifv_apc",
    "APC": "ifv_apc",
    "APV": "ifv_apc",
    "self-propelled gun": "artillery",
    "towed gun": "artillery",
    "self-propelled MRL": "artillery",
    "multiple rocket launcher": "artillery",
    "FGA aircraft": "combat_aircraft",
    "fighter aircraft": "combat_aircraft",
    "ground-attack aircraft": "combat_aircraft",
    "SAM system": "air_defence_short",
    "mobile SAM system": "air_defence_short",
    "tanker/transport aircraft": "tanker",
    "transport aircraft": "airlift_tactical",
    "combat helicopter": "attack_helicopter",
    "frigate": "destroyer_frigate",
    "destroyer": "destroyer_frigate",
    "submarine": "submarine_conventional",
    "AEW&C aircraft": "isr_aew_aircraft",
    "maritime patrol aircraft": "maritime_patrol_aircraft",
    "anti-submarine aircraft": "maritime_patrol_aircraft",
}
# Long-range SAM designations (SIPRI files them under 'SAM system' like short-range ones).
LONG_RANGE_SAM = re.compile(r"Patriot|SAMP/T|S-300|S-400|Aster-30|SAMP-T", re.IGNORECASE)
FIFTH_GENERATION = re.compile(r"^F-35|^F-22|^J-20|^Su-57", re.IGNORECASE)

EUROPEAN_SUPPLIERS = {
    "Albania",
    "Austria",
    "Belgium",
    "Bosnia-Herzegovina",
    "Bulgaria",
    "Croatia",
    "Cyprus",
    "Czechia",
    "Czechoslovakia",
    "Denmark",
    "East Germany (GDR)",
    "Estonia",
    "European Union**",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Iceland",
    "Ireland",
    "Italy",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Montenegro",
    "Netherlands",
    "North Macedonia",
    "Norway",
    "Poland",
    "Portugal",
    "Romania",
    "Serbia",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Switzerland",
    "United Kingdom",
    "Yugoslavia",
}


def read_trade_register(source: str | Path | io.StringIO) -> pd.DataFrame:
    """Parse the register: find the header line, drop the notes above it and the junk rows
    that SIPRI's multi-line comments create. Raises InputError on a malformed file."""
    name = str(source) if not isinstance(source, io.StringIO) else "trade register"
    if isinstance(source, io.StringIO):
        text = source.getvalue()
    else:
        try:
            text = Path(source).read_bytes().decode("latin-1")
        except OSError as exc:
            raise InputError(
                name, None, str(source), f"cannot read the file ({exc.strerror})"
            ) from None
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line.startswith(HEADER_START)), None)
    if header is None:
        raise InputError(
            name,
            "header",
            lines[0][:60] if lines else "",
            f"no header line starting with '{HEADER_START}' (not a SIPRI trade register export)",
        )
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines[header:])), dtype=str)
    except pd.errors.ParserError as exc:
        raise InputError(name, "rows", None, f"CSV could not be parsed ({exc})") from None
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise InputError(name, missing[0], None, "required column is missing", REQUIRED)
    frame = frame[frame["Recipient"].notna() & frame["Weapon designation"].notna()]
    frame = frame[~frame["Supplier"].fillna("").str.match(r"^[\d.]+$")]
    out = pd.DataFrame(
        {
            "recipient": frame["Recipient"].str.strip(),
            "supplier": frame["Supplier"].str.strip(),
            "order_year": pd.to_numeric(frame["Year of order"], errors="coerce").astype("Int64"),
            "ordered": pd.to_numeric(frame["Number ordered"], errors="coerce"),
            "designation": frame["Weapon designation"].str.strip(),
            "description": frame["Weapon description"].str.strip(),
            "delivered": pd.to_numeric(frame["Number delivered"], errors="coerce"),
            "delivered_in": frame["Year(s) of delivery"].fillna(""),
            "status": frame["status"].fillna(""),
        }
    )
    return out.reset_index(drop=True)


def type_of(designation: str) -> str:
    """Heuristic type of a SIPRI designation: its first word without a variant suffix after
    a digit ('Leopard-2A4' -> 'Leopard-2', 'F-16C Block-50/52' -> 'F-16',
    'F-35A Lightning-2' -> 'F-35', 'Patriot Configuration-3' -> 'Patriot')."""
    first = designation.strip().split(" ")[0]
    return re.sub(r"(?<=\d)[A-Z]{1,2}\d*[A-Z]*$", "", first)


def _category(row: pd.Series) -> str | None:
    category = CATEGORY_BY_DESCRIPTION.get(row["description"])
    if category == "air_defence_short" and LONG_RANGE_SAM.search(row["designation"]):
        return "air_defence_long"
    if category == "combat_aircraft" and FIFTH_GENERATION.search(row["designation"]):
        return "combat_aircraft_5g"
    return category


def designations_proxy(register: pd.DataFrame, since: int | None = None) -> pd.DataFrame:
    """Imported designations per recipient and category, with units delivered.

    One row per (recipient, category, type, variant, supplier). ``since`` keeps deals ordered
    in or after that year. Every row is labelled: imports only, domestic production absent.
    """
    rows = register.copy()
    if since is not None:
        rows = rows[rows["order_year"].fillna(0) >= since]
    rows["category"] = rows.apply(_category, axis=1)
    rows = rows[rows["category"].notna()]
    names = spellings("sipri_arms_transfers")  # tables/country_names.csv
    rows["iso3"] = rows["recipient"].map(names)
    rows["supplier_iso3"] = rows["supplier"].map(names)
    rows["origin_bloc"] = rows["supplier"].map(
        lambda s: (
            "european" if s in EUROPEAN_SUPPLIERS else ("us" if s == "United States" else "other")
        )
    )
    rows["type"] = rows["designation"].map(type_of)
    rows["last_delivery_year"] = rows["delivered_in"].map(
        lambda s: max((int(y) for y in re.findall(r"\d{4}", s)), default=None)
    )
    grouped = rows.groupby(
        [
            "recipient",
            "iso3",
            "category",
            "type",
            "designation",
            "supplier",
            "supplier_iso3",
            "origin_bloc",
        ],
        dropna=False,
        as_index=False,
    ).agg(
        delivered_units=("delivered", "sum"),
        first_order_year=("order_year", "min"),
        last_delivery_year=("last_delivery_year", "max"),
    )
    grouped = grouped.rename(columns={"designation": "variant"})
    grouped["source_id"] = SOURCE_ID
    grouped["estimate"] = True
    grouped["method"] = (
        "proxy: SIPRI imports only (domestic production absent); type from designation by heuristic"
    )
    return grouped.sort_values(
        ["recipient", "category", "type", "variant", "supplier"]
    ).reset_index(drop=True)


def as_inventory(proxy: pd.DataFrame) -> pd.DataFrame:
    """Proxy rows in the inventory shape that ``fragmentation.metrics`` takes (imports since
    the chosen year, counted as 'in_service' for the proxy only)."""
    rows = proxy[proxy["iso3"].notna()]
    return pd.DataFrame(
        {
            "iso3": rows["iso3"],
            "category": rows["category"],
            "type": rows["type"],
            "variant": rows["variant"],
            "year": rows["last_delivery_year"].fillna(rows["first_order_year"]).astype(int),
            "status": "in_service",
            "quantity": rows["delivered_units"].where(rows["delivered_units"] > 0),
            "origin_bloc": rows["origin_bloc"],
            "source_id": rows["source_id"],
        }
    ).reset_index(drop=True)
