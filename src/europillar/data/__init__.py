"""The cited dataset: tables shipped in ``tables/``, loaders and unit conversions.

``load(name)`` returns a copy of a table ("sources", "countries", "memberships",
"regions", "indicators", "observations", or "<domain>/<file>" for any other table);
``series(indicator, iso3, years)`` gives one indicator as a tidy series;
``to_constant_usd`` converts current USD with SIPRI's own deflators.
"""

from europillar.data.query import bloc_total, constant_factor, series, to_constant_usd
from europillar.data.tables import OBSERVATION_COLUMNS, TABLES_DIR, clear_cache, load, table_names

__all__ = [
    "OBSERVATION_COLUMNS",
    "TABLES_DIR",
    "bloc_total",
    "clear_cache",
    "constant_factor",
    "load",
    "series",
    "table_names",
    "to_constant_usd",
]
