"""The public API is what docs/api.md says, and every name resolves."""

from __future__ import annotations

import re
from pathlib import Path

import europillar

DOC = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")


def test_all_matches_the_documented_api() -> None:
    top = DOC.split("## Top level", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `([A-Za-z_]+)` \|", top, re.MULTILINE))
    assert documented == set(europillar.__all__) - {"__version__"}


def test_every_public_name_resolves() -> None:
    for name in europillar.__all__:
        assert getattr(europillar, name) is not None, name


def test_all_names_every_entry_point_once() -> None:
    assert sorted(europillar.__all__) == sorted({"__version__", *europillar._API})
