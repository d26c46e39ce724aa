"""The SIPRI trade-register importer on a small file in the publisher's format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from europillar.errors import InputError
from europillar.procurement.sipri_transfers import (
    as_inventory,
    designations_proxy,
    read_trade_register,
    type_of,
)

HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
NOTES = "Transfers of major conventional arms\nSource: SIPRI Arms Transfers Database (c) SIPRI.\n"
ROWS = [
    "Poland,South Korea,2022,,180,,K2,tank,133,,2022; 2023; 2024,New,,6,1080,800",
    "Poland,United States,2022,,250,,M1A2 Abrams,tank,250,?,2025,New,,5,1250,1250",
    "Finland,Netherlands,2013,,100,,Leopard-2A6,tank,100,,2014; 2015,Second hand,,3,300,300",
    "Finland,Germany,2002,,124,,Leopard-2A4,tank,124,,2003; 2004,Second hand,,2,248,248",
    "Poland,Germany,2013,,5,,Fennek,armoured car,5,,2014,New,,1,5,5",
    "junk continuation of a comment,,,,,,,,,,,,,,,",
]


def register_text() -> str:
    return NOTES + HEADER + "\n" + "\n".join(ROWS) + "\n"


def test_reads_the_publisher_format_and_drops_junk_rows() -> None:
    reg = read_trade_register(io.StringIO(register_text()))
    assert len(reg) == 5
    assert reg.loc[0, "designation"] == "K2" and reg.loc[0, "delivered"] == 133


def test_proxy_counts_imported_types_per_recipient() -> None:
    proxy = designations_proxy(read_trade_register(io.StringIO(register_text())))
    tanks = proxy[proxy["category"] == "mbt"]
    assert sorted(tanks[tanks["iso3"] == "POL"]["type"]) == [
        "K2",
        "M1",
    ]  # M1A2 is a variant of the M1
    fin = tanks[tanks["iso3"] == "FIN"]
    assert sorted(fin["variant"]) == ["Leopard-2A4", "Leopard-2A6"] and set(fin["type"]) == {
        "Leopard-2"
    }
    assert set(proxy["origin_bloc"]) == {"european", "us", "other"}
    assert (proxy["source_id"] == "sipri_at_2025").all() and proxy["estimate"].all()
    assert "armoured car" not in set(proxy["category"])
    inv = as_inventory(proxy)
    assert inv[inv["iso3"] == "FIN"]["quantity"].sum() == 224


def test_since_filters_by_order_year() -> None:
    proxy = designations_proxy(read_trade_register(io.StringIO(register_text())), since=2010)
    assert "Leopard-2A4" not in set(proxy["variant"])


def test_type_heuristic() -> None:
    assert type_of("Leopard-2A7") == "Leopard-2"
    assert type_of("F-35A Lightning-2") == "F-35"


def test_malformed_files_give_one_clear_sentence(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a SIPRI trade register export"):
        read_trade_register(io.StringIO("a,b,c\n1,2,3\n"))
    with pytest.raises(InputError, match="required column is missing"):
        read_trade_register(io.StringIO("Recipient,Supplier,Year of order,Other\nX,Y,2000,1\n"))
    with pytest.raises(InputError, match="cannot read the file"):
        read_trade_register(tmp_path / "absent.csv")


def test_real_register_if_present() -> None:
    path = Path("/work/shared/data/raw/sipri_arms_transfers/trade-register.csv")
    if not path.exists():
        pytest.skip("shared SIPRI register not on this machine")
    reg = read_trade_register(path)
    assert len(reg) == 29515  # 29,519 deal records less 4 split by line breaks (SOURCES.md)
