"""Satellite holdings and ISR orbits from the UCS database plus later launches.

UCS lists every operating satellite on its release date (1 May 2023), so its counts are
a census: an operator absent from it held none of a category then. Launches after the
release come from ``force/satellites_added.csv``, one cited row per satellite. No
satellite is retired after the release (UCS has no later edition; none is known to have
failed): later counts are UCS plus launches, flagged as estimates.

UCS gives perigee, apogee and inclination but no right ascension of the ascending node
(RAAN) or mean anomaly. ``isr_satellites`` therefore states a phasing assumption: the n
satellites of one operator and category are spread evenly in RAAN (360/n apart, from the
ISR default node time) with mean anomaly 0. Coverage results from these orbits are
indicative; a cited TLE would replace the assumption.
"""

from __future__ import annotations

import re

import pandas as pd

from europillar.force.holdings import HOLDINGS_COLUMNS

SATELLITE_CATEGORIES = ("satellite_imaging", "satellite_sigint", "satellite_comms")
RADAR = re.compile(r"radar|SAR\b|synthetic aperture", re.I)
PHASING = (
    "UCS has no RAAN or mean anomaly: the satellites of one operator and category are "
    "spread evenly in RAAN (360/n apart) with mean anomaly 0 (europillar assumption)"
)


def added_category(users: str, purpose: str) -> str:
    """Taxonomy category of a launch added after the UCS release (same rule as the importer)."""
    if not re.search(r"Military|Government", users):
        return "other"
    text = purpose.lower()
    if re.search(r"sigint|electronic intelligence|signals intelligence", text):
        return "satellite_sigint"
    if text.startswith("earth observation") and re.search(r"imaging|optical|radar", text):
        return "satellite_imaging"
    if text.startswith("communications"):
        return "satellite_comms"
    return "other"


def launches(added: pd.DataFrame) -> pd.DataFrame:
    """Added launches with their holder, category and launch year."""
    frame = added.copy()
    frame["category"] = [
        added_category(str(u), str(p))
        for u, p in zip(frame["users"], frame["purpose"], strict=True)
    ]
    frame["launch_year"] = frame["launch_date"].astype(str).str[:4].astype(int)
    frame["holder"] = frame["operator_country"]
    return frame[frame["category"].isin(SATELLITE_CATEGORIES)]


def satellite_holdings(ucs: pd.DataFrame, added: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Holdings rows: UCS counts at the release year, then UCS + launches to each later year."""
    rows: list[dict[str, object]] = []
    counted = ucs[ucs["category"].isin(SATELLITE_CATEGORIES)]
    release = str(counted["edition"].iloc[0]) if not counted.empty else ""
    release_year = int(release[:4]) if release else last_year
    base = counted.groupby(["holder", "holder_type", "category"]).size()
    for (holder, holder_type, category), count in base.items():
        rows.append(
            _row(
                holder,
                holder_type,
                release_year,
                category,
                int(count),
                str(counted["source_id"].iloc[0]),
                False,
                "",
                f"UCS release {release}: operating satellites with military or government users",
            )
        )
    later = launches(added)
    later = later[later["launch_date"].astype(str) > release]
    source = str(counted["source_id"].iloc[0]) if not counted.empty else "ucs_satellites_2023"
    for year in range(release_year, last_year + 1):
        upto = later[later["launch_year"] <= year]
        for (holder, category), group in upto.groupby(["holder", "category"]):
            start = int(base.get((holder, "country", category), 0))
            names = ", ".join(
                f"{n} ({s})" for n, s in zip(group["name"], group["source_id"], strict=True)
            )
            rows.append(
                _row(
                    holder,
                    "country",
                    year,
                    category,
                    start + len(group),
                    source,
                    True,
                    f"UCS count on {release} ({start}) + launches to end-{year}: {names}",
                    "no retirement after the UCS release is assumed",
                )
            )
    frame = pd.DataFrame(rows, columns=HOLDINGS_COLUMNS)
    # a year-end row replaces the release-date row of the same year (launches after 1 May)
    frame = frame.sort_values(["holder", "category", "year", "estimate"], kind="stable")
    return frame.drop_duplicates(["holder", "category", "year"], keep="last").reset_index(drop=True)


def _row(
    holder: object,
    holder_type: object,
    year: int,
    category: object,
    quantity: int,
    source: str,
    estimate: bool,
    method: str,
    note: str,
) -> dict[str, object]:
    return {
        "holder": holder,
        "holder_type": holder_type,
        "year": year,
        "category": category,
        "quantity": quantity,
        "unit": "satellites",
        "status": "active",
        "scope": "total",
        "platform": "",
        "variant": "",
        "source_id": source,
        "estimate": estimate,
        "method": method,
        "note": note,
        "quote": "",
    }


def isr_satellites(
    ucs: pd.DataFrame, added: pd.DataFrame, europe: set[str], as_of: str = "9999-12-31"
) -> pd.DataFrame:
    """Imaging and SIGINT satellites of Europe and the USA in the ISR engine's table shape.

    A satellite launched after ``as_of`` (ISO date, the start of the coverage window) is
    listed with status 'planned', so it is not counted as in service.
    """
    rows = ucs[ucs["category"].isin(("satellite_imaging", "satellite_sigint"))].copy()
    rows["launch_year"] = rows["launch_year"].astype(int)
    extra = launches(added)
    extra = extra[extra["category"].isin(("satellite_imaging", "satellite_sigint"))]
    extra = extra.assign(
        holder_type="country",
        perigee_km=pd.to_numeric(extra["perigee_km"]),
        apogee_km=pd.to_numeric(extra["apogee_km"]),
        inclination_deg=pd.to_numeric(extra["inclination_deg"]),
    )
    rows = rows.assign(detail=rows["detailed_purpose"].fillna("").astype(str))
    extra = extra.assign(detail=extra["purpose"].fillna("").astype(str))
    rows = rows.assign(detail=rows["detailed_purpose"].fillna("").astype(str))
    extra = extra.assign(detail=extra["purpose"].fillna("").astype(str))
    both = pd.concat([rows, extra], ignore_index=True)
    both = both[both["holder"].isin(europe | {"USA"}) | both["holder"].str.startswith("POOLED_")]
    both = both.sort_values(["holder", "category", "name"], kind="stable")
    size = both.groupby(["holder", "category"])["name"].transform("size")
    order = both.groupby(["holder", "category"]).cumcount()
    return pd.DataFrame(
        {
            "sat_id": both["name"]
            .str.lower()
            .str.replace(r"[^a-z0-9]+", "-", regex=True)
            .str.strip("-"),
            "name": both["name"],
            "constellation": both["holder"] + " " + both["category"].str.replace("satellite_", ""),
            "operator_iso3": both["holder"],
            "bloc": both["holder"].map(lambda h: "us" if h == "USA" else "europe"),
            "sensor_type": [
                "sigint" if c == "satellite_sigint" else ("sar" if RADAR.search(d) else "optical")
                for c, d in zip(both["category"], both["detail"], strict=True)
            ],
            "status": ["planned" if str(d) > as_of else "operational" for d in both["launch_date"]],
            "launch_year": both["launch_year"],
            "perigee_km": both["perigee_km"],
            "apogee_km": both["apogee_km"],
            "inclination_deg": both["inclination_deg"],
            "raan_offset_deg": (360.0 * order / size).round(3),
            "phase_deg": 0.0,
            "source_id": both["source_id"],
            "estimate": True,
            "method": PHASING,
        }
    ).reset_index(drop=True)
