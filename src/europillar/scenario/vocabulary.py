"""Fixed vocabularies a scenario may use: category ids, commitment levels, keys, blocs.

The category ids are written out here (not read from the taxonomy table at import time)
so the schema is static; ``tests/scenario/test_scenario_vocabulary.py`` fails when they
drift from ``data/tables/capability_taxonomy/taxonomy.csv``.
"""

from __future__ import annotations

from typing import Literal

CATEGORY_IDS: tuple[str, ...] = (
    "mbt",
    "ifv_apc",
    "artillery",
    "air_defence_long",
    "air_defence_short",
    "combat_aircraft",
    "combat_aircraft_5g",
    "tanker",
    "airlift_strategic",
    "airlift_tactical",
    "isr_aew_aircraft",
    "sead_ew",
    "attack_helicopter",
    "heavy_helicopter",
    "aircraft_carrier",
    "destroyer_frigate",
    "submarine_nuclear",
    "submarine_conventional",
    "maritime_patrol_aircraft",
    "satellite_imaging",
    "satellite_sigint",
    "satellite_comms",
    "c2_hq",
    "long_range_strike",
    "ammo_155mm_stock",
    "ammo_155mm_production",
    "long_range_drone",
    "nuclear_warhead",
    "troops_brigade",
)

CommitmentLevel = Literal["full", "reduced", "withdrawn"]
COMMITMENT_LEVELS: tuple[str, ...] = ("full", "reduced", "withdrawn")

USBasis = Literal["stationed", "rotational", "reinforcement", "enabler"]
US_BASES: tuple[str, ...] = ("stationed", "rotational", "reinforcement", "enabler")

CostBound = Literal["low", "central", "high"]
COST_BOUNDS: tuple[str, ...] = ("low", "central", "high")

FairShareKey = Literal["gdp", "gni", "population", "nato_common_funding", "ability_to_pay"]
FAIR_SHARE_KEYS: tuple[str, ...] = (
    "gdp",
    "gni",
    "population",
    "nato_common_funding",
    "ability_to_pay",
)

OperatingProfile = Literal["ramp", "full_horizon", "none"]
OPERATING_PROFILES: tuple[str, ...] = ("ramp", "full_horizon", "none")

RequirementKind = Literal["total", "additional"]
REQUIREMENT_KINDS: tuple[str, ...] = ("total", "additional")

# Requirement sets that are not a published study but a rule (see docs/capability.md).
RULE_REQUIREMENT_SETS: tuple[str, ...] = ("replace_us", "none")

BLOCS: tuple[str, ...] = ("EU27", "NATO", "EUROPEAN_NATO", "EU_NATO")

# Bloc indicators of the military-power comparison (europillar.power.INDICATORS; a test
# keeps the two in step).
PowerIndicator = Literal[
    "milex_usd_current_m",
    "milex_usd_constant2023_m",
    "milex_usd_constant2024_m",
    "milex_ppp_intl_current_m",
    "milex_military_ppp_usd_m",
    "milex_share_gdp_pct",
    "milex_per_capita_usd",
    "personnel_active_k",
    "military_personnel_k",
    "milex_real_growth_pct",
]
POWER_INDICATORS: tuple[str, ...] = (
    "milex_usd_current_m",
    "milex_usd_constant2023_m",
    "milex_usd_constant2024_m",
    "milex_ppp_intl_current_m",
    "milex_military_ppp_usd_m",
    "milex_share_gdp_pct",
    "milex_per_capita_usd",
    "personnel_active_k",
    "military_personnel_k",
    "milex_real_growth_pct",
)
DEFAULT_BLOCS: tuple[str, ...] = ("EU27", "EUROPEAN_NATO", "USA", "RUS", "CHN")

# Spending targets of the burden-sharing view (data/tables/burden/targets.csv, cited; a
# test keeps the two in step).
BurdenTarget = Literal["gap_2pct_usd_m", "gap_3_5pct_usd_m", "gap_5pct_usd_m"]
BURDEN_TARGETS: tuple[str, ...] = ("gap_2pct_usd_m", "gap_3_5pct_usd_m", "gap_5pct_usd_m")

# Shipped decision rules (europillar/decisions/rules/<name>.toml).
RulePreset = Literal["qmv", "rqmv", "unanimity", "simple_majority", "cfsp", "nato_consensus"]
RULE_PRESETS: tuple[str, ...] = (
    "qmv",
    "rqmv",
    "unanimity",
    "simple_majority",
    "cfsp",
    "nato_consensus",
)

# Shipped command structures (data/tables/command).
SHIPPED_STRUCTURES: tuple[str, ...] = ("centralised", "distributed")

# The preset commands use when no --scenario is given (and the report's default).
DEFAULT_PRESET = "replace_us_full"
