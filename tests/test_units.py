"""One spelling of each money unit: written once in europillar.units, used everywhere."""

from __future__ import annotations

import re
from pathlib import Path

from europillar import dataset, units

SRC = Path(units.__file__).resolve().parent


def test_no_module_spells_a_money_unit_by_hand() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "units.py":
            continue
        text = path.read_text(encoding="utf-8")
        for unit in units.MONEY_UNITS:
            if f'"{unit}"' in text or f"'{unit}'" in text:
                offenders.append(f"{path.relative_to(SRC)}: {unit}")
    assert not offenders, offenders


MONEY = re.compile(
    r"^(USD|EUR|international \$|local currency) (m|bn)?,? ?"
    r"(current|constant \d{4}|current PPP|current \([^)]+\)|price basis not stated)$"
)


def test_money_units_in_the_dataset_have_one_spelling() -> None:
    data = dataset.load()
    found = set()
    for name in ("observations", *(n for n in data.names() if n.startswith("aggregates/"))):
        found |= set(data.table(name)["unit"])
    # a price ratio ("LCU per international $") or a per-head figure is not a money amount
    money = {u for u in found if re.search(r"USD|EUR|\$|currency", u) and " per " not in u}
    bad = sorted(u for u in money if not MONEY.match(u))
    assert not bad, bad
    assert "USD per person, current" in found
    assert "USD, current" not in found  # per-capita figures are "USD per person, current"
