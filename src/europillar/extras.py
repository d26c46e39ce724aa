"""Optional dependencies: which extra provides what, and the one-line hint when it is missing.

The core (data, engines, CLI, report) installs with ``pip install europillar``; the web
app and Dask clusters need ``europillar[web]`` and ``europillar[dask]``. A command that
needs an extra checks for it first (without importing it) and, when it is missing, stops
with one sentence saying what to install, and exit code 2.
"""

from __future__ import annotations

import importlib.util

from europillar.errors import InputError

EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn", "sqlalchemy", "alembic"),
    "dask": ("dask", "distributed"),
    "fast": ("numba",),
}


class MissingExtra(InputError):
    """An optional dependency group is not installed."""

    def __init__(self, extra: str, what: str, modules: list[str]) -> None:
        self.extra = extra
        self.file, self.key, self.value, self.allowed = None, None, modules, None
        self.reason = (
            f"{what} needs the optional '{extra}' dependencies ({', '.join(modules)} "
            f'missing): install them with pip install "europillar[{extra}]"'
        )
        Exception.__init__(self, self.reason + ".")


def _absent(module: str) -> bool:
    # A finder that refuses the module raises instead of returning None: absent too.
    try:
        return importlib.util.find_spec(module) is None
    except (ImportError, ValueError):
        return True


def missing(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here."""
    return [m for m in EXTRAS[extra] if _absent(m)]


def require(extra: str, what: str) -> None:
    """Raise :class:`MissingExtra` unless every module of ``extra`` is installed."""
    absent = missing(extra)
    if absent:
        raise MissingExtra(extra, what, absent)
