"""The JSON schema and the docs key table are generated from the one schema and never drift."""

from __future__ import annotations

import json
from pathlib import Path

from europillar.data import load
from europillar.scenario import scenario_json_schema
from europillar.scenario.jsonschema import refreshed_docs, scenario_keys_markdown
from europillar.scenario.schema import Scenario
from europillar.scenario.vocabulary import CATEGORY_IDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scenario.md"
REGENERATE = (
    'python -c "from pathlib import Path; from europillar.scenario.jsonschema '
    "import refreshed_docs as r; p = Path('docs/scenario.md'); "
    'p.write_text(r(p.read_text()))"'
)


def test_docs_key_table_matches_the_schema() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert scenario_keys_markdown() in text, f"docs/scenario.md drifted; run: {REGENERATE}"
    assert refreshed_docs(text) == text


def test_key_table_lists_every_top_level_field() -> None:
    table = scenario_keys_markdown()
    for field in Scenario.model_fields:
        assert f"| `{field}` |" in table


def test_json_schema_is_json_and_names_required_keys() -> None:
    schema = scenario_json_schema()
    json.dumps(schema)
    assert set(schema["required"]) == {"name", "title", "requirements"}
    assert set(schema["properties"]) == set(Scenario.model_fields)
    commitment = schema["$defs"]["USCommitment"]["additionalProperties"]
    assert {"type": "string", "enum": ["full", "reduced", "withdrawn"]} in commitment["anyOf"]


def test_category_ids_match_the_taxonomy_table() -> None:
    taxonomy = load("capability_taxonomy/taxonomy")
    assert tuple(taxonomy["category"]) == CATEGORY_IDS
    assert list(taxonomy.columns[:3]) == ["category", "name", "unit"]
    assert set(taxonomy["aggregation"]) <= {"sum", "sum_then_readiness", "max"}
    sources = set(load("sources")["source_id"])
    assert set(taxonomy["source_id"]) <= sources
    assert not taxonomy["unit"].eq("").any()


def test_docs_example_is_a_valid_scenario() -> None:
    import tomllib

    from europillar.scenario import scenario_from_dict

    text = DOCS.read_text(encoding="utf-8")
    block = text.split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = scenario_from_dict(tomllib.loads(block), file="docs/scenario.md")
    assert scenario.us_commitment.fraction("tanker") == 0.25
    assert scenario.costs.overrides()["air_defence_long"].acquisition == 1100


def test_static_vocabularies_match_the_engines_and_data() -> None:
    """The scenario schema's fixed lists (written out so the schema is static) are the
    engines' and the dataset's."""
    from europillar import dataset
    from europillar.burden import targets_from
    from europillar.cli.data_cmd import IMPORTER_NAMES
    from europillar.command import SHIPPED
    from europillar.data.build import IMPORTERS
    from europillar.decisions import PRESETS
    from europillar.power import INDICATORS
    from europillar.scenario import vocabulary

    data = dataset.load()
    assert tuple(INDICATORS) == vocabulary.POWER_INDICATORS
    assert (
        tuple(t.id for t in targets_from(data.table("burden/targets"))) == vocabulary.BURDEN_TARGETS
    )
    assert set(vocabulary.RULE_PRESETS) == set(PRESETS)
    assert vocabulary.SHIPPED_STRUCTURES == SHIPPED
    assert tuple(sorted(IMPORTERS)) == IMPORTER_NAMES
