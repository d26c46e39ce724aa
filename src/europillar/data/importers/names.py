"""How two publishers spell the states europillar covers (plus common suppliers).

The shipped countries.csv holds one English short name per ISO3 code; publishers use
their own spellings. Each map lists a publisher's spelling -> ISO3; a spelling that is
not here is not a state in scope (or a non-state actor, a region or a pooled owner).
"""

from __future__ import annotations

_COMMON = {
    "Austria": "AUT",
    "Belgium": "BEL",
    "Bulgaria": "BGR",
    "Croatia": "HRV",
    "Cyprus": "CYP",
    "Denmark": "DNK",
    "Estonia": "EST",
    "Finland": "FIN",
    "France": "FRA",
    "Germany": "DEU",
    "Greece": "GRC",
    "Hungary": "HUN",
    "Ireland": "IRL",
    "Italy": "ITA",
    "Latvia": "LVA",
    "Lithuania": "LTU",
    "Luxembourg": "LUX",
    "Malta": "MLT",
    "Netherlands": "NLD",
    "Poland": "POL",
    "Portugal": "PRT",
    "Romania": "ROU",
    "Slovakia": "SVK",
    "Slovenia": "SVN",
    "Spain": "ESP",
    "Sweden": "SWE",
    "United Kingdom": "GBR",
    "Norway": "NOR",
    "Switzerland": "CHE",
    "Iceland": "ISL",
    "Ukraine": "UKR",
    "Albania": "ALB",
    "Kosovo": "XKX",
    "Montenegro": "MNE",
    "North Macedonia": "MKD",
    "Serbia": "SRB",
    "Moldova": "MDA",
    "Canada": "CAN",
    "Russia": "RUS",
    "China": "CHN",
    "Israel": "ISR",
    "South Korea": "KOR",
    "Japan": "JPN",
    "Brazil": "BRA",
    "India": "IND",
    "Australia": "AUS",
    "Singapore": "SGP",
    "Belarus": "BLR",
}
SIPRI_NAMES: dict[str, str] = {
    **_COMMON,
    "Czechia": "CZE",
    "Turkiye": "TUR",
    "Bosnia-Herzegovina": "BIH",
    "United States": "USA",
}
UCS_NAMES: dict[str, str] = {
    **_COMMON,
    "Czech Republic": "CZE",
    "Turkey": "TUR",
    "Bosnia and Herzegovina": "BIH",
    "USA": "USA",
}
