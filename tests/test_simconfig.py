"""`reformlang simconfig`: the spec -> config mapping, its JSON Schema, and the command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from reformlang.simulation.simconfig import build_config, dumps, initiative_for, schema
from reformlang.cli.main import main
from reformlang.driver import compile_path, compile_source
from reformlang.source import SourceFile

from conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.reform"))


def config_of(path: Path) -> dict:
    comp = compile_path(path, str(path))
    assert comp.ok, [d.message for d in comp.diagnostics if d.severity.name == "ERROR"]
    return build_config(initiative_for(comp.spec), comp.spec.library)


def config_of_text(text: str) -> dict:
    comp = compile_source(SourceFile("t.reform", text))
    assert comp.ok, [d.message for d in comp.diagnostics]
    return build_config(comp.spec.initiatives[0], comp.spec.library)


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_config_validates_against_the_schema(path):
    jsonschema.validate(json.loads(dumps(config_of(path))), schema())


def test_contract_config_validates(contract_path):
    jsonschema.validate(json.loads(dumps(config_of(contract_path))), schema())


def test_golden_schema(golden):
    from reformlang.simulation.simconfig import schema_text

    golden.check("simconfig/schema.json", schema_text())


def test_golden_contract_config(golden, contract_path):
    golden.check("simconfig/contract.json", dumps(config_of(contract_path)))


@pytest.mark.parametrize("name", ["england_1998", "npdl", "pilot_then_scale"])
def test_golden_example_configs(golden, name):
    path = EXAMPLES / f"{name}.reform"
    golden.check(f"simconfig/{name}.json", dumps(config_of(path)))


def test_contract_mapping(contract_path):
    cfg = config_of(contract_path)
    assert cfg["version"] == 1
    assert cfg["schools"] == {"count": 4900, "levels": ["schools"], "assumed": False}
    assert cfg["run"] == {"start": 2026, "until": 2037, "runs": 20, "seed": 0, "steps_per_year": 12}
    # the first percentage baseline (54% in 2026) sets where schools start
    assert cfg["parameters"]["performance"] == pytest.approx(0.54)
    net = cfg["networks"][0]
    assert (net["size"], net["joining"], net["tier"], net["meetings_per_year"]) == \
        ({"low": 5, "high": 20}, "open", "bottom", 10)
    assert cfg["rollout"]["mode"] == "diffusion"
    assert [(p["start"], p["end"], p["coverage"]) for p in cfg["rollout"]["phases"]] == \
        [(2026, 2027, 0.3), (2027, 2029, 1.0)]
    # 25 million CAD over six years to 72 districts
    money = cfg["money"][0]
    assert (money["purpose"], money["to_tier"], money["currency"]) == ("capacity", "middle", "CAD")
    assert money["per_unit_year"] == pytest.approx(25_000_000 / 6 / 72)
    assert money["per_school_year"] == pytest.approx(25_000_000 / 6 / 4900)
    links = {(x["from_tier"], x["to_tier"]): x["kinds"] for x in cfg["links"]}
    assert links[("middle", "bottom")] == ["capacity_building", "support"]
    assert links[("middle", "middle")] == ["co_learning"]
    assert cfg["accountability"]["style"] == "intelligent"
    assert cfg["engagement"]["process"] == "co_designed"


SMALL = """
initiative small "Small" {
  period: 2020 .. 2024
  level ministry "Ministry" { tier: top  units: 1 }
  level schools "Schools" { tier: bottom }
  funding f "Two purposes" { amount: 1_000_000 NZD  from: ministry  to: schools  purpose: [capacity, incentives] }
  %s
}
"""


def test_simulation_block_overrides_defaults():
    cfg = config_of_text(SMALL % "simulation { runs: 7  seed: 3  steps_per_year: 4  until: 2030  "
                                  "performance: 40%  spread: 5% }")
    assert cfg["run"] == {"start": 2020, "until": 2030, "runs": 7, "seed": 3, "steps_per_year": 4}
    assert cfg["parameters"]["performance"] == pytest.approx(0.4)
    assert cfg["parameters"]["spread"] == pytest.approx(0.05)


def test_missing_units_and_money_split_between_purposes():
    cfg = config_of_text(SMALL % "")
    assert cfg["schools"] == {"count": 1000, "levels": ["schools"], "assumed": True}
    per = [m["per_school_year"] for m in cfg["money"]]
    assert per == pytest.approx([1_000_000 / 5 / 1000 / 2] * 2)
    assert sorted(m["purpose"] for m in cfg["money"]) == ["capacity", "incentives"]
    jsonschema.validate(json.loads(dumps(cfg)), schema())


def test_bad_simulation_block_is_a_located_error():
    comp = compile_source(SourceFile("t.reform", SMALL % "simulation { runs: 0  until: \"soon\" }"))
    messages = [(d.code, d.message) for d in comp.diagnostics]
    assert ("E109", "0 is below the minimum of 1") in messages
    assert any(code == "E105" and "a year" in m for code, m in messages)


def test_output_is_deterministic(contract_path):
    assert dumps(config_of(contract_path)) == dumps(config_of(contract_path))


def test_cli_writes_config_and_schema(tmp_path, contract_path, capsys):
    out = tmp_path / "c.json"
    assert main(["simconfig", str(contract_path), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["initiative"]["id"] == "literacy_partnership"
    assert main(["simconfig", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"].startswith("reformlang simulation config")


def test_cli_on_a_spec_with_errors_names_the_place(tmp_path, capsys):
    bad = tmp_path / "bad.reform"
    bad.write_text('initiative x "X" {\n  level schools "S" { tier: bottm }\n}\n')
    assert main(["simconfig", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err and "tier" in err


def test_cli_unknown_initiative(contract_path, capsys):
    assert main(["simconfig", str(contract_path), "--initiative", "nope"]) == 2
    assert "literacy_partnership" in capsys.readouterr().err


def test_config_commands_do_not_import_numpy():
    code = ("import sys, reformlang.simulation.simconfig, reformlang.simulation, reformlang.cli.simconfig, "
            "reformlang.cli.simulate; print('numpy' in sys.modules or 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_each_word_table_of_the_parameters_has_a_row_for_every_core_word():
    from reformlang.driver import core_library
    from reformlang.simulation.simconfig import PARAMETERS, TABLES

    for table, vocabulary in TABLES.items():
        assert set(PARAMETERS[table]) == {*core_library().core_words(vocabulary), "unset"}, table
