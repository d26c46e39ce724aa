"""The orders pipeline (what each state has on firm order, by category and delivery year)
and import dependence (the share of a category's imported deliveries supplied by the US).

Three cited inputs, merged and de-duplicated:

* ``force/transfers_sipri.csv``: the SIPRI register (imports only; tier 3);
* ``force/orders.csv``: hand-checked orders, mostly domestic (not in the register);
* ``procurement/in_service.csv`` rows with status ``on_order``.

Two rows are the same deal when they share state, category and platform family (the
first word of the designation: 'Leopard 2A8' and 'Leopard-2A8' are one family) and their
order years are at most one year apart. The row from the highest source tier is kept
(ties: the register, then hand-checked, then in_service); the others are listed in
``duplicates`` with the row that replaced them.

Outstanding units (ordered minus delivered) are spread over the expected delivery years:
the years the source states; else the years SIPRI's comment plans; else, when deliveries
have begun, at the deal's observed yearly rate from the year after the data; else from
order year + the category's lead time (capability/lead_time.csv, SIPRI row). The basis
is recorded per row, so assumed years are never mistaken for stated ones.
"""

from __future__ import annotations

import math
import re

import pandas as pd

DATA_YEAR = 2024  # the register and most hand rows count deliveries to end-2024
MAX_SPREAD_YEARS = 10  # an observed slow rate never spreads a deal over more than this
PIPELINE_COLUMNS = [
    "iso3",
    "category",
    "platform",
    "supplier",
    "order_year",
    "ordered",
    "delivered",
    "outstanding",
    "delivery_year",
    "quantity",
    "delivery_basis",
    "origin",
    "source_id",
    "estimate",
    "method",
]
NOT_FIRM = re.compile(r"selected|not yet (?:ordered|signed)|not signed|planned but|option", re.I)
ORIGIN_ORDER = {"sipri": 0, "hand": 1, "in_service": 2}


def family(platform: str) -> str:
    """'Leopard 2A8 (Strv 123)' and 'Leopard-2A8' -> 'leopard2'; 'K2PL' -> 'k2'; 'F-35A' -> 'f35'."""
    text = re.sub(r"(?<=[a-z])[\s-](?=\d)", "", str(platform).strip().lower()).replace("-", "")
    word = re.split(r"[\s(/,]", text, maxsplit=1)[0]
    return re.sub(r"(?<=\d)[a-z]+\d*$", "", word)


def candidate_orders(
    sipri: pd.DataFrame, hand: pd.DataFrame, in_service: pd.DataFrame, tiers: pd.Series
) -> pd.DataFrame:
    """Every order row from the three inputs in one shape (before de-duplication)."""
    register = sipri[~sipri["comments"].fillna("").str.contains(NOT_FIRM)]
    frames = [
        pd.DataFrame(
            {
                "iso3": register["iso3"],
                "category": register["category"],
                "platform": register["designation"],
                "supplier": register["supplier"],
                "order_year": pd.to_numeric(register["order_year"]),
                "ordered": pd.to_numeric(register["ordered"]),
                "delivered": pd.to_numeric(register["delivered"]).fillna(0.0),
                "first_year": pd.to_numeric(register["planned_first_delivery_year"]),
                "last_year": pd.to_numeric(register["planned_last_delivery_year"]),
                "delivered_in": register["delivered_in"].fillna(""),
                "stated": False,
                "origin": "sipri",
                "source_id": register["source_id"],
            }
        ),
        pd.DataFrame(
            {
                "iso3": hand["iso3"],
                "category": hand["category"],
                "platform": hand["platform"],
                "supplier": hand["supplier"],
                "order_year": pd.to_numeric(hand["order_year"]),
                "ordered": pd.to_numeric(hand["quantity"]),
                "delivered": pd.to_numeric(hand["delivered_quantity"]).fillna(0.0),
                "first_year": pd.to_numeric(hand["first_delivery_year"]),
                "last_year": pd.to_numeric(hand["last_delivery_year"]),
                "delivered_in": "",
                "stated": True,
                "origin": "hand",
                "source_id": hand["source_id"],
            }
        ),
    ]
    on_order = in_service[in_service["status"] == "on_order"]
    years = on_order["note"].fillna("").str.extract(r"deliveries (\d{4})(?:-(\d{4}))?")
    frames.append(
        pd.DataFrame(
            {
                "iso3": on_order["iso3"],
                "category": on_order["category"],
                "platform": (on_order["type"] + " " + on_order["variant"].fillna("")).str.strip(),
                "supplier": on_order["producer"],
                "order_year": pd.to_numeric(on_order["year"]),
                "ordered": pd.to_numeric(on_order["quantity"]),
                "delivered": 0.0,
                "first_year": pd.to_numeric(years[0]),
                "last_year": pd.to_numeric(years[1]).fillna(pd.to_numeric(years[0])),
                "delivered_in": "",
                "stated": years[0].notna(),
                "origin": "in_service",
                "source_id": on_order["source_id"],
            }
        )
    )
    rows = pd.concat(frames, ignore_index=True)
    rows["family"] = rows["platform"].map(family)
    rows["tier"] = tiers.reindex(rows["source_id"]).fillna(4).astype(int).to_numpy()
    return rows[rows["ordered"].notna()].reset_index(drop=True)


def deduplicate(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep one row per deal (see the module docstring); return (kept, duplicates)."""
    rows = rows.assign(_origin=rows["origin"].map(ORIGIN_ORDER)).sort_values(
        ["iso3", "category", "family", "tier", "_origin", "order_year"], kind="stable"
    )
    kept: list[int] = []
    dropped: list[dict[str, object]] = []
    for _, group in rows.groupby(["iso3", "category", "family"], sort=False):
        winners: list[pd.Series] = []
        for index, row in group.iterrows():
            near = [
                w
                for w in winners
                if abs(float(w["order_year"]) - float(row["order_year"])) <= 1
                and w["origin"] != row["origin"]
            ]
            # the same deal: equal quantity first, then the nearest order year
            near.sort(
                key=lambda w: (
                    w["ordered"] != row["ordered"],
                    abs(float(w["order_year"]) - float(row["order_year"])),
                )
            )
            same = near[0] if near else None
            if same is None:
                winners.append(row)
                kept.append(int(str(index)))
            else:
                dropped.append(
                    {
                        **row.drop(labels="_origin").to_dict(),
                        "replaced_by": f"{same['source_id']} ({same['platform']}, {int(same['order_year'])})",
                    }
                )
    return rows.loc[kept].drop(columns="_origin"), pd.DataFrame(dropped)


def _delivered_years(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\d{4}", text)]


def schedule(row: pd.Series, lead: dict[str, tuple[float, float]]) -> tuple[list[int], str]:
    """Expected delivery years of a deal's outstanding units, and the basis for them."""
    first, last = row["first_year"], row["last_year"]
    start = DATA_YEAR + 1
    if pd.notna(first):
        begin = max(int(first), start)
        end = max(int(last) if pd.notna(last) else begin, begin)
        basis = "stated by the source" if row["stated"] else "planned (SIPRI comment)"
        return list(range(begin, end + 1)), basis
    past = _delivered_years(str(row["delivered_in"]))
    outstanding = float(row["ordered"]) - float(row["delivered"])
    if past and row["delivered"] > 0:
        rate = float(row["delivered"]) / len(set(past))
        years = min(MAX_SPREAD_YEARS, max(1, math.ceil(outstanding / rate)))
        return list(range(start, start + years)), (
            f"assumed: the deal's observed yearly delivery rate (at most {MAX_SPREAD_YEARS} years)"
        )
    if row["category"] in lead:
        low, high = lead[row["category"]]
        ordered_in = row["order_year"] if pd.notna(row["order_year"]) else start - round(low)
        begin = max(start, int(ordered_in + round(low)))
        end = max(begin, int(ordered_in + round(high)))
        return list(range(begin, end + 1)), "assumed: category lead time (capability/lead_time.csv)"
    return [], "unknown: no stated years and no lead time"


def pipeline(rows: pd.DataFrame, lead_time: pd.DataFrame) -> pd.DataFrame:
    """Outstanding units of every kept deal, one row per expected delivery year."""
    lead = _lead(lead_time)
    out = []
    for _, row in rows.iterrows():
        outstanding = float(row["ordered"]) - float(row["delivered"])
        if outstanding <= 0:
            continue
        years, basis = schedule(row, lead)
        share = _split(outstanding, len(years)) if years else [outstanding]
        slots: list[float] = [float(y) for y in years] or [float("nan")]
        for year, quantity in zip(slots, share, strict=True):
            if quantity <= 0:
                continue  # fewer outstanding units than years: the later years get none
            out.append(
                {
                    "iso3": row["iso3"],
                    "category": row["category"],
                    "platform": row["platform"],
                    "supplier": row["supplier"],
                    "order_year": row["order_year"],
                    "ordered": row["ordered"],
                    "delivered": row["delivered"],
                    "outstanding": outstanding,
                    "delivery_year": year,
                    "quantity": quantity,
                    "delivery_basis": basis,
                    "origin": row["origin"],
                    "source_id": row["source_id"],
                    "estimate": not basis.startswith("stated"),
                    "method": f"outstanding {outstanding:g} = ordered {row['ordered']:g} - delivered "
                    f"{row['delivered']:g}; spread evenly over {len(years) or 'no'} year(s)",
                }
            )
    frame = pd.DataFrame(out, columns=PIPELINE_COLUMNS)
    frame["delivery_year"] = frame["delivery_year"].astype("Int64")
    frame["order_year"] = frame["order_year"].astype("Int64")
    return frame


def _split(total: float, parts: int) -> list[float]:
    """Whole units spread as evenly as possible, earlier years first (sums to ``total``)."""
    whole = round(total)
    base, extra = divmod(whole, parts)
    return [float(base + (1 if i < extra else 0)) for i in range(parts)]


def _lead(lead_time: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Category -> (years to first, years to last delivery).

    The register-derived row where there is one (a median over many deals); otherwise the
    median low and high of the category's contract rows that give both.
    """
    frame = lead_time.assign(
        low=pd.to_numeric(lead_time["low_years"]), high=pd.to_numeric(lead_time["high_years"])
    ).dropna(subset=["low", "high"])
    out = {}
    for category, rows in frame.groupby("category"):
        register = rows[rows["source_id"] == "sipri_at_2025"]
        use = register if not register.empty else rows
        out[str(category)] = (float(use["low"].median()), float(use["high"].median()))
    return out


def import_dependence(
    sipri: pd.DataFrame, members: list[str], first_year: int, last_year: int
) -> pd.DataFrame:
    """Per category: units delivered to ``members`` in the window, and the US share of them.

    A deal's delivered units are spread evenly over its listed delivery years; only the
    years inside the window count. Imports only: domestic production is not in the
    register, so this is the US share of *imported* deliveries.
    """
    records = []
    for _, deal in sipri[sipri["iso3"].isin(members)].iterrows():
        years = _delivered_years(str(deal["delivered_in"]))
        delivered = pd.to_numeric(deal["delivered"])
        if not years or pd.isna(delivered) or delivered <= 0:
            continue
        inside = sum(first_year <= y <= last_year for y in years) / len(years)
        if inside > 0:
            records.append(
                {
                    "category": deal["category"],
                    "units": float(delivered) * inside,
                    "us": deal["supplier"] == "United States",
                }
            )
    frame = pd.DataFrame(records, columns=["category", "units", "us"])
    grouped = frame.groupby("category")
    table = pd.DataFrame(
        {
            "units_delivered": grouped["units"].sum(),
            "units_from_us": frame[frame["us"]].groupby("category")["units"].sum(),
        }
    ).fillna(0.0)
    table["us_share_pct"] = (100.0 * table["units_from_us"] / table["units_delivered"]).round(1)
    table["window"] = f"{first_year}-{last_year}"
    return table.reset_index()
