"""One user-error type, mapped to its exit code in one place (cli/main.py); a missing extra is exit 2, never 3."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from conftest import CONTRACT, ROOT
from reformlang.cli.main import main
from reformlang.diagnostics import Diagnostic, Severity
from reformlang.errors import EXTRAS, MissingDependency, UserError, require
from reformlang.source import SourceFile

CLI = ROOT / "src" / "reformlang" / "cli"


def test_every_error_a_user_can_fix_is_a_user_error():
    from reformlang.backends.build import BuildProblem
    from reformlang.backends.graph.render import GraphvizMissing
    from reformlang.backends.plan import TemplateProblem
    from reformlang.lint.baseline import BaselineError
    from reformlang.lint.config import ConfigError as ProjectConfigError
    from reformlang.simulation.config import ConfigError as SimulationConfigError
    from reformlang.simulation.model import ModelError
    from reformlang.simulation.simconfig import ConfigError as SpecConfigError

    for cls in (BuildProblem, GraphvizMissing, TemplateProblem, SpecConfigError, BaselineError,
                ProjectConfigError, SimulationConfigError, ModelError, MissingDependency):
        assert issubclass(cls, UserError), cls


def test_no_command_maps_errors_to_exit_codes_its_own_way():
    """Only cli/main.py catches a UserError to turn it into an exit code; commands raise."""
    for path in sorted(CLI.glob("*.py")):
        if path.name == "main.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                caught = ast.unparse(node.type)
                returns = [n for n in ast.walk(node) if isinstance(n, ast.Return)]
                assert not ("Error" in caught and returns and "OSError" not in caught), \
                    f"{path.name}:{node.lineno} maps `{caught}` to an exit code; raise a UserError instead"
                if any(word in caught for word in ("UserError", "ConfigError", "Problem", "ModelError")):
                    reraises = [n for n in ast.walk(node) if isinstance(n, ast.Raise)]
                    assert reraises, f"{path.name}:{node.lineno} swallows `{caught}`"


def test_a_user_error_is_rendered_located_with_help_and_its_exit_code(monkeypatch, capsys):
    source = SourceFile("settings.toml", "[tool.reformlang]\nselect = [\"lftm.byu_in\"]\n")
    problem = Diagnostic("C003", Severity.ERROR, "unknown rule or principle `lftm.byu_in`",
                         source.span(28, 39), "did you mean `lftm.buy_in`?")

    def fail(_args):
        raise UserError("the configuration has problems", diagnostics=[problem], help="fix the file",
                        exit_code=2).stopped("nothing was checked")

    monkeypatch.setattr("reformlang.cli.explain.run", fail)
    assert main(["explain", "lftm"]) == 2
    err = capsys.readouterr().err
    assert "settings.toml:2:11: error[C003]: unknown rule or principle `lftm.byu_in`" in err
    assert '2 | select = ["lftm.byu_in"]' in err and "^^^^^^^^^^^" in err
    assert "help: did you mean `lftm.buy_in`?" in err
    assert "reformlang: the configuration has problems; nothing was checked" in err
    assert "  help: fix the file" in err
    assert "internal error" not in err and "Traceback" not in err


def test_a_user_error_keeps_its_own_exit_code(monkeypatch, capsys):
    monkeypatch.setattr("reformlang.cli.explain.run", lambda _args: (_ for _ in ()).throw(
        UserError("the spec has errors", exit_code=1)))
    assert main(["explain", "lftm"]) == 1
    assert "reformlang: the spec has errors" in capsys.readouterr().err


def test_anything_else_is_an_internal_error_naming_the_input(monkeypatch, capsys):
    def boom(_args):
        raise KeyError("oops")

    monkeypatch.setattr("reformlang.cli.plan.run", boom)
    assert main(["plan", "my_reform.reform"]) == 3
    err = capsys.readouterr().err
    assert "internal error while running `plan` on my_reform.reform" in err and "this is a bug" in err


@pytest.mark.parametrize("command, module, extra", [
    (["plan", str(CONTRACT)], "jinja2", "plan"),
    (["simulate", str(CONTRACT)], "numpy", "simulate"),
    (["simulate", str(CONTRACT)], "matplotlib", "simulate"),
    (["build", str(CONTRACT), "-o", "out"], "jinja2", "plan"),
])
def test_a_missing_optional_dependency_exits_2_with_the_pip_line(command, module, extra, monkeypatch, capsys,
                                                                 tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, module, None)  # what Python does for a module that cannot be imported
    assert main(command) == 2
    err = capsys.readouterr().err
    assert f"needs the Python package `{module}`" in err
    assert f"pip install 'reformlang[{extra}]'" in err
    assert "internal error" not in err
    assert not (tmp_path / "out").exists()


def test_build_names_every_missing_extra_at_once(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    for module in ("jinja2", "numpy"):
        monkeypatch.setitem(sys.modules, module, None)
    assert main(["build", str(CONTRACT), "-o", "out"]) == 2
    err = capsys.readouterr().err
    assert "`jinja2`, `numpy`" in err and "pip install 'reformlang[plan,simulate]'" in err


def test_an_optional_import_failing_deep_inside_a_command_is_still_exit_2(monkeypatch, capsys):
    def deep(_args):
        import jinja2  # noqa: F401  (blocked below)

    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.setattr("reformlang.cli.graph.run", deep)
    assert main(["graph", "spec.reform"]) == 2
    assert "pip install 'reformlang[plan]'" in capsys.readouterr().err


def test_require_passes_when_installed():
    require("a test", "attrs", "lark")


def test_the_extras_table_agrees_with_pyproject():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"]
    for module, extra in EXTRAS.items():
        assert extra in extras, f"errors.EXTRAS names an extra `{extra}` that pyproject.toml does not declare"
        wanted = {"markupsafe": "jinja2", "lsprotocol": "pygls", "distributed": "dask"}.get(module, module)
        names = " ".join(extras[extra]).lower()
        assert wanted in names, f"pyproject's [{extra}] does not install `{module}`"
    # Extras no command needs: `all`, and those of make targets (tests, benchmarks, the docs site).
    assert set(EXTRAS.values()) | {"all", "test", "bench", "docs"} >= set(extras) - {"dev"}


def _floor(package: str) -> tuple[int, int]:
    """The oldest (major, minor) of `package` that pyproject.toml's dependencies allow."""
    import re
    import tomllib

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (floor,) = [re.match(rf"{package}>=(\d+)\.(\d+)", d.replace(" ", "")) for d in dependencies
                if d.startswith(package)]
    assert floor is not None, dependencies
    return int(floor[1]), int(floor[2])


def test_the_oldest_attrs_pyproject_allows_caches_on_slotted_records():
    """Records are slotted attrs classes, and several cache a lookup with functools.cached_property
    (Initiative._by_id, BlockSpec.required, ...). attrs turns those into slots from 23.2 on; with an
    older attrs, reading one raises TypeError (no `__dict__`), which made every `check` exit 3."""
    from reformlang.semantics import model, schema

    assert "_by_id" in model.Initiative.__slots__ and "required" in schema.BlockSpec.__slots__
    assert _floor("attrs") >= (23, 2)


def test_the_oldest_lark_pyproject_allows_hands_the_lexer_a_text_slice():
    """Lark parses a file with a syntax error (for its message), through our lexer, which reads the text
    from Lark's TextSlice (`lexer_state.text.text`): Lark 1.3 on. With 1.2, every syntax error was an
    internal error (exit 3)."""
    from lark.utils import TextSlice  # noqa: F401 -- what syntax/lexer.py relies on

    assert _floor("lark") >= (1, 3)
