"""Every row of every shipped table (all helpers' files) names a registered source, and
every observation has a unit and a number."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from europillar.data import TABLES_DIR, load

ALL_TABLES = sorted(TABLES_DIR.rglob("*.csv"))


def test_tables_exist() -> None:
    names = {p.relative_to(TABLES_DIR).as_posix() for p in ALL_TABLES}
    for required in (
        "countries.csv",
        "memberships.csv",
        "regions.csv",
        "indicators.csv",
        "sources/core.csv",
        "vintages.csv",
        "observations/sipri_2025.csv",
        "observations/sipri_2026.csv",
        "observations/nato_2024.csv",
        "observations/nato_2025.csv",
        "observations/nato_2026.csv",
        "observations/worldbank.csv",
        "observations/worldbank_gni.csv",
        "observations/imf_weo.csv",
        "observations/cow.csv",
        "blocs/definitions.csv",
        "blocs/members.csv",
    ):
        assert required in names


def test_source_ids_are_unique_across_sources_files() -> None:
    sources = load("sources")
    assert not sources["source_id"].duplicated().any()
    assert (sources["source_id"].str.strip() != "").all()
    for column in ("publisher", "title", "url", "terms"):
        assert (sources[column].str.strip() != "").all(), column


@pytest.mark.parametrize("path", ALL_TABLES, ids=lambda p: p.relative_to(TABLES_DIR).as_posix())
def test_every_row_has_a_registered_source(path: Path) -> None:
    registry = set(load("sources")["source_id"])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "source_id" not in frame.columns and "source_ids" in frame.columns:
        # the indicator catalogue lists several sources per row, separated by ';'
        frame = frame.assign(source_id=frame["source_ids"].str.split(";")).explode("source_id")
    assert "source_id" in frame.columns, f"{path.name} has no source_id column"
    empty = frame.index[frame["source_id"].str.strip() == ""]
    assert empty.empty, f"{path.name}: rows {list(empty[:5] + 2)} have no source_id"
    unknown = sorted(set(frame["source_id"]) - registry)
    assert not unknown, f"{path.name}: unknown source_id {unknown[:5]}"


@pytest.mark.parametrize(
    "path", sorted((TABLES_DIR / "observations").glob("*.csv")), ids=lambda p: p.name
)
def test_every_observation_has_unit_and_value(path: Path) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert (frame["unit"].str.strip() != "").all(), f"{path.name}: observation without unit"
    values = pd.to_numeric(frame["value"], errors="coerce")
    assert values.notna().all(), f"{path.name}: empty or non-numeric value"
    if "estimate" in frame.columns:
        assert set(frame["estimate"]) <= {"true", "false"}
        flagged = frame[frame["estimate"] == "true"]
        assert (flagged["method"].str.strip() != "").all(), f"{path.name}: estimate without method"


def test_observation_indicators_are_catalogued() -> None:
    catalogue = set(load("indicators")["indicator"])
    for path in sorted((TABLES_DIR / "observations").glob("*.csv")):
        frame = pd.read_csv(path, dtype=str)
        assert set(frame["indicator"]) <= catalogue, path.name


OBSERVATION_AND_AGGREGATE_TABLES = sorted(
    [*(TABLES_DIR / "observations").glob("*.csv"), *(TABLES_DIR / "aggregates").glob("*.csv")]
)


def test_observation_and_aggregate_tables_are_found() -> None:
    names = {p.relative_to(TABLES_DIR).as_posix() for p in OBSERVATION_AND_AGGREGATE_TABLES}
    assert {"observations/nato_2026.csv", "aggregates/sipri_2026.csv"} <= names


@pytest.mark.parametrize(
    "path", OBSERVATION_AND_AGGREGATE_TABLES, ids=lambda p: p.relative_to(TABLES_DIR).as_posix()
)
def test_every_indicator_is_catalogued_with_its_unit(path: Path) -> None:
    """Every indicator id in observations/ and aggregates/ is defined in indicators.csv, and
    each row's unit is the catalogue's (local-currency rows add the currency in brackets)."""
    catalogue = load("indicators").set_index("indicator")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    unknown = sorted(set(frame["indicator"]) - set(catalogue.index))
    assert not unknown, f"{path.name}: indicators not in indicators.csv: {unknown}"
    expected = frame["indicator"].map(catalogue["unit"])
    local = frame["indicator"] == "milex_lcu_current_m"
    prefixed = [
        u.startswith(f"{e} (") for u, e in zip(frame["unit"], expected.fillna(""), strict=False)
    ]
    same = (frame["unit"] == expected) | (local & pd.Series(prefixed, index=frame.index))
    bad = frame.loc[~same, ["indicator", "unit"]].drop_duplicates()
    assert bad.empty, f"{path.name}: units differ from the catalogue: {bad.values.tolist()[:5]}"


def test_catalogue_rows_are_complete() -> None:
    catalogue = load("indicators")
    assert not catalogue["indicator"].duplicated().any()
    for column in ("unit", "definition", "price_base", "source_ids"):
        assert (catalogue[column].fillna("").str.strip() != "").all(), column


def test_docs_name_every_catalogued_indicator() -> None:
    docs = TABLES_DIR.parents[3] / "docs" / "data.md"
    if not docs.is_file():
        pytest.skip("docs/ not available (installed package)")
    text = docs.read_text(encoding="utf-8")
    for indicator in load("indicators")["indicator"]:
        assert f"`{indicator}`" in text, indicator


# Words the old transcription sources used when their origin was unknown.
UNIDENTIFIED = ("not identified", "repository not identified", "code-index file", "file id")
PUBLISHER_HOSTS = (
    "nato.int",
    "sipri.org",
    "imf.org",
    "worldbank.org",
    "europa.eu",
    "correlatesofwar.org",
)


def _used_source_ids() -> dict[str, set[str]]:
    """source_id -> the tables whose rows cite it (every shipped CSV)."""
    used: dict[str, set[str]] = {}
    for path in ALL_TABLES:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "source_id" in frame.columns:
            for source in set(frame["source_id"]):
                used.setdefault(source, set()).add(path.relative_to(TABLES_DIR).as_posix())
    return used


def test_no_shipped_row_cites_an_unidentified_repository() -> None:
    registry = load("sources").set_index("source_id")
    for source, tables in sorted(_used_source_ids().items()):
        row = registry.loc[source]
        text = " ".join(str(row[c]) for c in ("publisher", "title", "url", "note")).lower()
        assert not any(word in text for word in UNIDENTIFIED), (source, sorted(tables))
        assert str(row["url"]).strip(), source


def _publisher_page(source: str, registry: pd.DataFrame) -> bool:
    row = registry.loc[source]
    if any(host in str(row["url"]) for host in PUBLISHER_HOSTS):
        return True
    relays = str(row.get("relays", "") or "")
    return bool(relays) and relays in registry.index and _publisher_page(relays, registry)


def test_every_2025_26_figure_names_the_publishers_page() -> None:
    """A 2025-26 figure of a publisher's series (SIPRI, NATO, IMF, World Bank) cites the
    publisher's own page, or a page that quotes a registered publication whose URL is the
    publisher's (relays), or is a europillar derivation. National personnel figures cite
    national pages (their own vintage) and are outside this rule."""
    registry = load("sources").set_index("source_id")
    publishers = load("vintages")
    families = ["sipri_milex", "nato_defexp", "imf_weo", "wdi"]
    editions = set(publishers.loc[publishers["family"].isin(families), "vintage"])
    tables = [
        *(TABLES_DIR / "observations").glob("*.csv"),
        *(TABLES_DIR / "aggregates").glob("*.csv"),
    ]
    for path in tables:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        recent = frame[(frame["year"].astype(int) >= 2025) & frame["vintage"].isin(editions)]
        for source in sorted(set(recent["source_id"]) - {"europillar_derived"}):
            assert _publisher_page(source, registry), (path.name, source)


def test_no_row_rests_on_state_media() -> None:
    registry = load("sources")
    state = set(registry.loc[registry.get("state_media", "").astype(str) == "true", "source_id"])
    assert not state & set(_used_source_ids())
