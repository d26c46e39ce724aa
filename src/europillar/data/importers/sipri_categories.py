"""SIPRI trade-register weapons -> europillar taxonomy categories (capability_taxonomy).

SIPRI describes each weapon in words ('tank', 'SAM system', 'transport aircraft'); a few
categories also need the designation (long- vs short-range SAM, heavy vs medium
helicopters, MALE drones, fifth-generation fighters, strike missiles of 500 km or more).
Anything not listed here is outside the taxonomy and is left out (light tanks, corvettes,
mortars, protected 4x4 'APV', guided rockets, VIP jets …).
"""

from __future__ import annotations

import re

BY_DESCRIPTION = {
    "tank": "mbt",
    "infantry fighting vehicle": "ifv_apc",
    "APC": "ifv_apc",
    "self-propelled gun": "artillery",
    "towed gun": "artillery",
    "self-propelled MRL": "artillery",
    "multiple rocket launcher": "artillery",
    "FGA aircraft": "combat_aircraft",
    "fighter aircraft": "combat_aircraft",
    "ground-attack aircraft": "combat_aircraft",
    "FGA/electronic warfare aircraft": "sead_ew",
    "tanker/transport aircraft": "tanker",
    "tanker": "tanker",
    "heavy transport aircraft": "airlift_strategic",
    "combat helicopter": "attack_helicopter",
    "frigate": "destroyer_frigate",
    "destroyer": "destroyer_frigate",
    "aircraft carrier": "aircraft_carrier",
    "submarine": "submarine_conventional",
    "airborne early-warning aircraft": "isr_aew_aircraft",
    "airborne early-warning/ground surveillance aircraft": "isr_aew_aircraft",
    "reconnaissance/signals intelligence aircraft": "isr_aew_aircraft",
    "maritime patrol aircraft": "maritime_patrol_aircraft",
    "anti-submarine aircraft": "maritime_patrol_aircraft",
    "armed UAV": "long_range_drone",
    "maritime patrol UAV": "long_range_drone",
}
SAM_DESCRIPTIONS = ("SAM system", "mobile SAM system", "ABM/SAM system")
LONG_RANGE_SAM = re.compile(r"Patriot|SAMP/T|S-300|S-400|Arrow|David's Sling|THAAD|HQ-9", re.I)
FIFTH_GENERATION = re.compile(r"^(F-35|F-22|J-20|Su-57)", re.I)
# Transport aircraft SIPRI files under 'transport aircraft': only military airlifters count.
STRATEGIC_AIRLIFT = re.compile(r"^(C-17|An-124|Il-76|C-5)\b", re.I)
TACTICAL_AIRLIFT = re.compile(
    r"^(A400M|C-130|C-160|C-27J|C-295|CN-235|C-390|KC-390|An-26|An-32)", re.I
)
HEAVY_HELICOPTER = re.compile(r"^(CH-47|H-47|CH-53|S-65|Mi-26)", re.I)
MALE_HALE = re.compile(
    r"^(MQ-9|MQ-1|RQ-1|RQ-4|MQ-4|Heron|Hermes-900|Bayraktar|Akinci|Anka|Predator|Reaper|Global Hawk)",
    re.I,
)
# Taxonomy: land-attack cruise or ballistic missiles of 500 km or more.
LONG_RANGE_STRIKE = re.compile(
    r"Tomahawk|JASSM-ER|Storm Shadow|SCALP|KEPD-350|Iskander|Kalibr|MdCN", re.I
)


def category_of(description: str, designation: str) -> str | None:
    """The taxonomy category of one register weapon, or None when it is outside it."""
    if description in SAM_DESCRIPTIONS:
        return "air_defence_long" if LONG_RANGE_SAM.search(designation) else "air_defence_short"
    if description in (
        "surface-to-surface missile",
        "air-to-surface missile",
        "anti-ship/land-attack missile",
        "land-attack missile",
    ):
        return "long_range_strike" if LONG_RANGE_STRIKE.search(designation) else None
    if description == "transport aircraft":
        if STRATEGIC_AIRLIFT.search(designation):
            return "airlift_strategic"
        return "airlift_tactical" if TACTICAL_AIRLIFT.search(designation) else None
    if description == "transport helicopter":
        return "heavy_helicopter" if HEAVY_HELICOPTER.search(designation) else None
    if description == "UAV":
        return "long_range_drone" if MALE_HALE.search(designation) else None
    category = BY_DESCRIPTION.get(description)
    if category == "combat_aircraft" and FIFTH_GENERATION.search(designation):
        return "combat_aircraft_5g"
    if category == "long_range_drone" and not MALE_HALE.search(designation):
        return None  # armed tactical drones (e.g. Hermes-450) are not MALE/HALE
    return category
