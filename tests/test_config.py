"""Project configuration for `reformlang check`: discovery, keys, command-line overrides, mistakes."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reformlang.checks import rules_for_principle
from reformlang.cli.main import main
from reformlang.diagnostics import Severity
from reformlang.lint.catalogue import Catalogue
from reformlang.lint.config import Config, ConfigError, Finder

# Imposed (lftm.buy_in), a pilot rollout (lftm.diffusion), a level without a leader (big_ideas).
SPEC = """use lftm
use big_ideas

initiative push "Push" {
  period: 2027 .. 2030
  students: all
  engagement {
    process: imposed
  }
  level ministry "Ministry" {
    tier: top
    units: 1
  }
  level schools "Schools" {
    tier: bottom
    units: 30
    leader: "Principals"
  }
  rollout {
    mode: pilot
  }
  accountability {
    transparency: none
  }
}
"""

BUY_IN = rules_for_principle("lftm.buy_in")[0].code


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository root (it holds .git) with specs/push.reform; the working folder is the root."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "push.reform").write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_json(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", *argv])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else {}), err


def principles(doc: dict) -> set[str]:
    return {f["principle"] for f in doc["findings"] if f["principle"]}


def test_defaults_without_configuration(repo, capsys):
    code, doc, _ = run_json(capsys, "specs")
    assert code == 0  # findings are warnings; the default fail-on is error
    assert {"lftm.buy_in", "lftm.diffusion", "big_ideas.resolute_leadership"} <= principles(doc)


def test_pyproject_above_the_spec_applies(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reformlang]\nignore = ["lftm"]\n'
                                         'fail-on = "warning"\n', encoding="utf-8")
    code, doc, _ = run_json(capsys, "specs/push.reform")
    assert not any(p.startswith("lftm.") for p in principles(doc))
    assert "lftm" not in doc["scorecard"]["specs/push.reform"]  # an ignored framework is not checked
    assert code == 1  # big_ideas warnings now fail


def test_nearest_configuration_wins_and_reformlang_toml_beats_pyproject(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.reformlang]\nignore = ["lftm"]\n', encoding="utf-8")
    (repo / "specs" / "pyproject.toml").write_text('[tool.reformlang]\nignore = ["big_ideas"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "specs")
    assert principles(doc) and all(p.startswith("lftm.") for p in principles(doc))
    (repo / "specs" / "reformlang.toml").write_text('select = ["lftm.buy_in"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "specs")
    assert principles(doc) == {"lftm.buy_in"}


def test_pyproject_without_our_table_is_passed_over(repo, capsys):
    (repo / "reformlang.toml").write_text('ignore = ["big_ideas"]\n', encoding="utf-8")
    (repo / "specs" / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "specs")
    assert not any(p.startswith("big_ideas.") for p in principles(doc))


def test_search_stops_at_the_repository_root(tmp_path, monkeypatch, capsys):
    (tmp_path / "reformlang.toml").write_text('ignore = ["lftm"]\n', encoding="utf-8")  # outside the repository
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    (inner / "push.reform").write_text(SPEC, encoding="utf-8")
    monkeypatch.chdir(inner)
    _, doc, _ = run_json(capsys, "push.reform")
    assert "lftm.buy_in" in principles(doc)


def test_explicit_config_file(repo, capsys):
    (repo / "pyproject.toml").write_text('[tool.reformlang]\nignore = ["lftm"]\n', encoding="utf-8")
    (repo / "ci.toml").write_text('select = ["lftm.diffusion"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "--config", "ci.toml", "specs")
    assert principles(doc) == {"lftm.diffusion"}


def test_flags_override_the_file(repo, capsys):
    (repo / "reformlang.toml").write_text('select = ["lftm.buy_in"]\nfail-on = "warning"\n', encoding="utf-8")
    code, doc, _ = run_json(capsys, "specs")
    assert code == 1 and principles(doc) == {"lftm.buy_in"}
    code, doc, _ = run_json(capsys, "--select", "big_ideas", "--fail-on", "error", "specs")
    assert code == 0 and principles(doc) and all(p.startswith("big_ideas.") for p in principles(doc))
    _, doc, _ = run_json(capsys, "--ignore", BUY_IN, "specs")  # the file selects it; the flag ignores it
    assert principles(doc) == set()


def test_severity_table_regrades_a_rule(repo, capsys):
    (repo / "reformlang.toml").write_text(f'[severity]\n{BUY_IN} = "error"\n"lftm.diffusion" = "info"\n',
                                          encoding="utf-8")
    code, doc, _ = run_json(capsys, "specs")
    levels = {f["principle"]: f["severity"] for f in doc["findings"] if f["principle"]}
    assert levels["lftm.buy_in"] == "error" and levels["lftm.diffusion"] == "info"
    assert code == 1
    # An info finding does not count against its principle: diffusion is not held on nothing the spec
    # states; it stays not assessed, since the spec does not say how what is learned is spread.
    assert doc["scorecard"]["specs/push.reform"]["lftm"]["principles"]["lftm.diffusion"] == "not assessed"


def test_per_file_ignores(repo, capsys):
    (repo / "specs" / "old").mkdir()
    (repo / "specs" / "old" / "legacy.reform").write_text(SPEC, encoding="utf-8")
    (repo / "reformlang.toml").write_text('[per-file-ignores]\n"specs/old/*" = ["lftm"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "specs")
    by_file = {}
    for f in doc["findings"]:
        by_file.setdefault(f["path"], set()).add(f["principle"])
    assert not any(p.startswith("lftm.") for p in by_file["specs/old/legacy.reform"])
    assert "lftm.buy_in" in by_file["specs/push.reform"]


def test_require_holds_a_spec_to_a_framework_it_does_not_use(repo, capsys):
    (repo / "specs" / "push.reform").write_text(SPEC.replace("use lftm\n", ""), encoding="utf-8")
    _, doc, _ = run_json(capsys, "specs")
    assert not any(p.startswith("lftm.") for p in principles(doc))
    (repo / "reformlang.toml").write_text('require = ["lftm"]\n', encoding="utf-8")
    _, doc, _ = run_json(capsys, "specs")
    assert "lftm.buy_in" in principles(doc)
    assert doc["scorecard"]["specs/push.reform"]["lftm"]["title"] == "Leadership from the middle"
    _, doc, _ = run_json(capsys, "--require", "networks", "specs")  # the flag replaces the file's list
    assert not any(p.startswith("lftm.") for p in principles(doc))


# ------------------------------------------------------------------ mistakes
def check_text(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_key_is_an_error_with_line_and_did_you_mean(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reformlang]\nselect = ["lftm"]\n'
                                         'fail_on = "warning"\n', encoding="utf-8")
    code, out, err = check_text(capsys, "specs")
    assert code == 2 and out == ""
    assert "pyproject.toml:6:1: error[C001]: unknown configuration key `fail_on` in [tool.reformlang]" in err
    assert "did you mean `fail-on`?" in err


def test_unknown_rule_and_bad_level_are_reported_together(repo, capsys):
    (repo / "reformlang.toml").write_text('ignore = ["lftm.buyin"]\nfail-on = "warn"\n\n'
                                          '[severity]\n"lftm.diffusion" = "fatal"\n', encoding="utf-8")
    code, _, err = check_text(capsys, "specs")
    assert code == 2
    assert "reformlang.toml:1:11: error[C002]: `ignore`: `lftm.buyin` is not a known rule code" in err
    assert "did you mean `lftm.buy_in`?" in err
    assert "reformlang.toml:2:1: error[C002]: `fail-on` must be one of error, warning, info" in err
    assert "did you mean `warning`?" in err
    assert err.index("reformlang.toml:1:") < err.index("reformlang.toml:2:")  # in the file's order
    assert "reformlang.toml:5:2: error[C002]: `severity.lftm.diffusion` must be one of" in err


def test_toml_syntax_error_names_the_line(repo, capsys):
    (repo / "reformlang.toml").write_text('select = ["lftm"\nignore = []\n', encoding="utf-8")
    code, _, err = check_text(capsys, "specs")
    assert code == 2 and "reformlang.toml:2:" in err and "error[C003]" in err


def test_unknown_names_on_the_command_line(repo, capsys):
    code, _, err = check_text(capsys, "--select", "lftm.buyin", "specs")
    assert code == 2 and "did you mean `lftm.buy_in`?" in err
    code, _, err = check_text(capsys, "--require", "lftn", "specs")
    assert code == 2 and "did you mean `lftm`?" in err


def test_explicit_config_that_cannot_be_read(repo, capsys):
    code, _, err = check_text(capsys, "--config", "missing.toml", "specs")
    assert code == 2 and "cannot read configuration missing.toml" in err
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    code, _, err = check_text(capsys, "--config", "pyproject.toml", "specs")
    assert code == 2 and "has no [tool.reformlang] table" in err


# ------------------------------------------------------------------ selection logic
class _R:
    def __init__(self, code: str, principle: str) -> None:
        self.code, self.principle, self.severity = code, principle, Severity.WARNING


def test_the_most_specific_selector_wins():
    cat = Catalogue([_R("LM001", "lftm.middle_exists"), _R("LM008", "lftm.buy_in")])
    assert cat.knows("lftm") and cat.knows("lftm.buy_in") and cat.knows("S001")
    on = Config(select=("lftm",), ignore=("LM008",))
    assert on.enabled("LM001", "lftm.middle_exists") and not on.enabled("LM008", "lftm.buy_in")
    on = Config(select=("LM008",), ignore=("lftm",))
    assert on.enabled("LM008", "lftm.buy_in") and not on.enabled("LM001", "lftm.middle_exists")
    assert not Config(select=("lftm",), ignore=("lftm",)).enabled("LM001", "lftm.middle_exists")
    assert Config().enabled("LM001", "lftm.middle_exists")
    assert Config(severity={"lftm": Severity.ERROR, "LM008": Severity.INFO}).severity_of(
        "LM008", "lftm.buy_in", Severity.WARNING) is Severity.INFO


def test_per_file_glob_forms(tmp_path):
    cfg = Config(root=tmp_path, per_file_ignores=(("old/*", ("lftm",)), ("draft_*.reform", ("LM001",))))
    assert cfg.ignores_for(tmp_path / "old" / "deep" / "a.reform") == ("lftm",)
    assert cfg.ignores_for(tmp_path / "specs" / "draft_1.reform") == ("LM001",)
    assert cfg.ignores_for(Path(tmp_path / "specs" / "final.reform")) == ()


# ------------------------------------------------------------------ no input gives a traceback
_FRAGMENTS = ['select = ["lftm"]', "ignore = [", 'fail-on = "warning"', "fail-on = 7", "[severity]",
              'LM008 = "error"', '"lftm.buy_in" = 3', "[per-file-ignores]", '"a/*" = ["BI003"]',
              'require = ["netwrks"]', "[tool.reformlang]", "select = {a = 1}", "x = 1", "[[severity]]", '"']


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=12), max_size=6),
       st.sampled_from(["reformlang.toml", "pyproject.toml"]))
def test_any_configuration_is_read_or_refused_with_diagnostics(lines, name):
    catalogue = Catalogue([_R("LM008", "lftm.buy_in"), _R("BI003", "big_ideas.resolute_leadership")])
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            config = Finder(catalogue, ["lftm", "big_ideas", "networks"], str(path)).for_path(None)
        except ConfigError as exc:
            assert exc.diagnostics
            assert all(d.code in ("C001", "C002", "C003", "C004") and d.message for d in exc.diagnostics)
        else:
            assert isinstance(config, Config)


def test_a_configuration_that_is_not_utf8_is_pointed_at_where_it_stops_being_utf8(repo, capsys):
    (repo / "reformlang.toml").write_bytes(b'ignore = ["lftm"]\n# caf\xe9\n')
    assert main(["check", "specs"]) == 2
    err = capsys.readouterr().err
    assert "reformlang.toml:2:6: error[C004]: configuration reformlang.toml is not valid UTF-8" in err
    assert "2 | # caf" in err and "help: save the file as UTF-8" in err


def test_a_pyproject_named_without_our_table_is_pointed_at(repo, capsys):
    (repo / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert main(["check", "--config", "pyproject.toml", "specs"]) == 2
    assert "pyproject.toml:1:1: error[C004]: pyproject.toml has no [tool.reformlang] table" in capsys.readouterr().err


def test_a_configuration_saved_with_a_byte_order_mark_is_read(repo, capsys):
    """Windows editors may start a UTF-8 file with a byte order mark (tomllib refuses one; specs may have
    one): the configuration and the file discovery both read past it."""
    (repo / "specs" / "skipped.reform").write_text("not a spec {", encoding="utf-8")
    (repo / "reformlang.toml").write_bytes('\ufeffignore = ["lftm"]\nexclude = ["specs/skipped.reform"]\n'
                                           .encode("utf-8"))
    code, doc, _ = run_json(capsys, "specs")
    assert code == 0 and principles(doc) and not any(p.startswith("lftm.") for p in principles(doc))
    assert doc["summary"]["files"] == 1, doc["summary"]  # the excluded file was not read
