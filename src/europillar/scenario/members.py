"""Resolve a scenario's ``members`` (a bloc name or a list of ISO3 codes) to ISO3 codes."""

from __future__ import annotations


def known_countries() -> list[str]:
    """ISO3 codes of every country in the shipped countries table."""
    from europillar import countries

    return countries.all_codes()


def known_blocs() -> list[str]:
    """Bloc names accepted in ``members`` (EU27, NATO, EUROPEAN_NATO, EU_NATO, regions, ...)."""
    from europillar import countries

    return countries.bloc_names()


def resolve_members(members: str | list[str], year: int) -> list[str]:
    """ISO3 codes of the scenario's members in ``year`` (sorted, unique)."""
    from europillar import countries

    return countries.members(members, year)
