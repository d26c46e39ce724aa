"""One spelling of each unit europillar writes (money with its price base).

Tables, metadata and captions that name these units import them from here; the
importers convert every publisher's figures to them once (docs/data-format.md).
``tests/test_units.py`` fails when a module spells one of them out by hand.
"""

from __future__ import annotations

USD_M_CURRENT = "USD m, current"
USD_M_CONSTANT_2023 = "USD m, constant 2023"
USD_M_CONSTANT_2024 = "USD m, constant 2024"
INTL_M_PPP = "international $ m, current PPP"
USD_PER_PERSON = "USD per person, current"
# Candidate platform costs: contract prices of different years, converted to euro.
EUR_M_CURRENT_MIXED = "EUR m, current prices (mixed contract years, not deflated)"

MONEY_UNITS = (
    USD_M_CURRENT,
    USD_M_CONSTANT_2023,
    USD_M_CONSTANT_2024,
    INTL_M_PPP,
    USD_PER_PERSON,
    EUR_M_CURRENT_MIXED,
)


def usd_m_constant(base_year: int) -> str:
    """The unit of US$ millions at constant ``base_year`` prices (a SIPRI release's base)."""
    return f"USD m, constant {int(base_year)}"
