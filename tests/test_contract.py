"""The engine contract, checked for every domain (as scikit-learn's check_estimator does).

Every domain module has ``DOMAIN``, ``inputs(scenario, dataset, **options)`` returning a
frozen dataclass, and a pure ``run(inputs)`` returning a ``Result`` subclass whose
metadata names the scenario, its hash, the seed, the dataset version and the europillar
version, and whose sources are all in the sources registry. ``run`` opens no file and
prints nothing, and gives the same tables twice.
"""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import io
import os
from typing import Any

import pandas as pd
import pytest

from europillar import dataset as dataset_module
from europillar import runner
from europillar.result import META_KEYS, Result
from europillar.scenario import load_scenario
from europillar.tabular import table_csv

# Small options so that the whole check stays fast; they are ordinary settings.
FAST: dict[str, dict[str, Any]] = {
    "transition": {"draws": 300, "seed": 3},
    "isr": {"days": 0.5, "step_seconds": 300.0, "grid_deg": 2.0},
    "decisions": {"mission": "eastern_air_defence", "runs": 50},
    "command": {"optimise": True},
}


@pytest.fixture(scope="module")
def shipped() -> dataset_module.Dataset:
    return dataset_module.load()


@pytest.fixture(scope="module")
def scenario() -> Any:
    return load_scenario("replace_us_full")


@pytest.mark.parametrize("domain", runner.DOMAINS)
def test_module_has_the_contract_names(domain: str) -> None:
    module = runner.engine(domain)
    assert domain == module.DOMAIN
    params = list(inspect.signature(module.inputs).parameters.values())
    assert [p.name for p in params[:2]] == ["scenario", "dataset"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[2:]), domain
    run_params = list(inspect.signature(module.run).parameters.values())
    assert run_params[0].name == "inputs"
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in run_params[1:]), domain
    assert set(p.name for p in run_params[1:]) <= set(runner.EXECUTION_OPTIONS)


PACKAGE = os.path.dirname(os.path.abspath(dataset_module.__file__))
CODE = (".py", ".pyc", ".so")  # a lazy import reads its module: that is not data


class _NoFiles:
    """Makes opening a data file during ``run`` an error: anything in the europillar
    package that is not code, and any CSV, TOML, JSON or spreadsheet anywhere."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_open, real_io_open = builtins.open, io.open

        def guarded(opener: Any) -> Any:
            def _open(file: Any, *args: Any, **kwargs: Any) -> Any:
                path = os.path.abspath(str(file)) if not isinstance(file, int) else ""
                data = path.endswith((".csv", ".toml", ".json", ".xlsx", ".geojson"))
                cache = "__pycache__" in path  # compiled code (numba's kernel cache too)
                if data or (path.startswith(PACKAGE) and not path.endswith(CODE) and not cache):
                    raise AssertionError(f"an engine opened a file: {file}")
                return opener(file, *args, **kwargs)

            return _open

        monkeypatch.setattr(builtins, "open", guarded(real_open))
        monkeypatch.setattr(io, "open", guarded(real_io_open))
        monkeypatch.setattr(pd, "read_csv", guarded(pd.read_csv))


@pytest.mark.parametrize("domain", runner.DOMAINS)
def test_inputs_are_frozen_and_run_is_pure(
    domain: str,
    shipped: dataset_module.Dataset,
    scenario: Any,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = runner.engine(domain)
    inputs = module.inputs(scenario, shipped, **FAST.get(domain, {}))
    assert dataclasses.is_dataclass(inputs) and inputs.__dataclass_params__.frozen  # type: ignore[attr-defined]
    first_field = dataclasses.fields(inputs)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(inputs, first_field, None)
    assert type(inputs).__name__.lower().startswith(domain), type(inputs).__name__

    capsys.readouterr()
    with monkeypatch.context() as patch:
        _NoFiles(patch)
        first = module.run(inputs)
        second = module.run(inputs)
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err == "", domain

    assert isinstance(first, Result) and type(first) is not Result
    assert type(first).__name__.lower().startswith(domain)
    assert list(first.meta)[: len(META_KEYS)] == list(META_KEYS)
    assert first.meta["domain"] == domain
    assert first.meta["scenario"] == "replace_us_full"
    assert first.meta["dataset_version"] == shipped.version
    assert first.tables and all(isinstance(t, pd.DataFrame) for t in first.tables.values())
    assert first.sources, f"{domain}: a result without sources"
    assert set(first.sources) <= shipped.source_ids(), set(first.sources) - shipped.source_ids()
    for name in first.tables:
        assert table_csv(first.tables[name]) == table_csv(second.tables[name]), (domain, name)
    assert dict(first.meta) == dict(second.meta)


def test_results_are_read_only(shipped: dataset_module.Dataset, scenario: Any) -> None:
    result = runner.run("capability", scenario, shipped)
    with pytest.raises(TypeError):
        result.tables["by_category"] = pd.DataFrame()  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.sources = ()  # type: ignore[misc]
    copy = result.table("by_category")
    copy.loc[:, "gap"] = -1.0
    assert (result.tables["by_category"]["gap"] != -1.0).any()


def test_runner_refuses_unknown_domains_and_options(scenario: Any) -> None:
    from europillar.errors import InputError

    with pytest.raises(InputError, match="unknown domain"):
        runner.run("astrology", scenario)
    with pytest.raises(InputError, match="not a setting of the capability engine"):
        runner.run("capability", scenario, draws=10)
    with pytest.raises(InputError, match="always runs in this process"):
        runner.run("capability", scenario, workers=2)


def test_options_become_part_of_the_scenario(
    shipped: dataset_module.Dataset, scenario: Any
) -> None:
    plain = runner.run("command", scenario, shipped)
    changed = runner.run("command", scenario, shipped, k=1)
    assert plain.meta["scenario_hash"] != changed.meta["scenario_hash"]
    same = runner.run("command", scenario, shipped, k=2)  # the default, written out
    assert same.meta["scenario_hash"] == plain.meta["scenario_hash"]
