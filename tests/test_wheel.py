"""The wheel, installed without extras into a fresh virtual environment: small, checks a spec, and says
which extra the other commands need.

Builds the wheel, creates a venv with its own pip, and runs `pip install
reformlang-*.whl` there as a user would (lark and attrs come from the package
index pip is configured with), then runs the installed `reformlang` from
outside the checkout, so that nothing can come from the source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import CONTRACT, ROOT

LEAN_MB = 40  # the whole venv, pip included (issue 9)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    (path,) = out.glob("reformlang-*.whl")
    return path


def _pip_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")}
    # conftest points XDG_CACHE_HOME at a folder of this session; let pip keep using the user's own
    # download cache rather than fetch lark and attrs again for every run.
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    return env


@pytest.fixture(scope="module")
def lean(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding reformlang without extras: what `pip install reformlang` gives."""
    env_dir = tmp_path_factory.mktemp("lean") / "venv"
    venv.create(env_dir, with_pip=True)
    proc = subprocess.run([str(_bin(env_dir, "python")), "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True, env=_pip_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return env_dir


def _bin(env_dir: Path, name: str) -> Path:
    return env_dir / ("Scripts" if os.name == "nt" else "bin") / name


def _run(lean: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(_bin(lean, "reformlang")), *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_wheel_ships_grammar_and_stdlib(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "reformlang/grammar/reform.lark" in names
    for framework in ("big_ideas", "lftm", "networks", "joint_initiative", "coherence",
                      "collaborative_professionalism", "vocabulary"):
        assert f"reformlang/stdlib/{framework}.reform" in names
    # the doc the plots' footer and `reformlang explain simulation` point to
    assert "reformlang/docs/simulation.md" in names


def test_the_lean_install_brings_lark_and_attrs_only(lean):
    out = subprocess.run([str(_bin(lean, "python")), "-m", "pip", "list", "--format", "freeze"],
                         capture_output=True, text=True, check=True, env=_pip_env()).stdout
    installed = {line.split("==")[0].lower() for line in out.split()}
    assert installed - {"pip", "setuptools", "wheel"} == {"reformlang", "lark", "attrs"}


def test_the_lean_venv_is_under_40_mb(lean):
    if shutil.which("du"):
        mb = int(subprocess.run(["du", "-sm", str(lean)], capture_output=True, text=True,
                                check=True).stdout.split()[0])
    else:
        mb = sum(p.stat().st_size for p in lean.rglob("*") if p.is_file()) // (1 << 20)
    assert mb < LEAN_MB, f"the venv of `pip install reformlang` takes {mb} MB (limit {LEAN_MB} MB)"


def test_the_lean_install_checks_a_spec_from_outside_the_checkout(lean, tmp_path):
    shutil.copy(CONTRACT, tmp_path / "spec.reform")
    where = subprocess.run([str(_bin(lean, "python")), "-c", "import reformlang; print(reformlang.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(lean)), f"reformlang was imported from {where}, not the fresh venv"
    proc = _run(lean, "check", "spec.reform", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors" in proc.stdout
    proc = _run(lean, "fmt", "--check", "spec.reform", cwd=tmp_path)
    assert proc.returncode in (0, 1) and "internal error" not in proc.stderr
    for fmt in ("dot", "mermaid"):
        proc = _run(lean, "graph", "spec.reform", "--format", fmt, cwd=tmp_path)
        assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert _run(lean, "explain", "lftm.buy_in", cwd=tmp_path).returncode == 0
    assert _run(lean, "rules", cwd=tmp_path).returncode == 0
    assert _run(lean, "simconfig", "spec.reform", cwd=tmp_path).returncode == 0  # JSON only: no NumPy


@pytest.mark.parametrize("command, extra", [
    (["plan", "spec.reform"], "plan"),
    (["simulate", "spec.reform"], "simulate"),
    (["build", "spec.reform", "-o", "out"], "plan,simulate"),
])
def test_a_command_without_its_extra_exits_2_naming_it(lean, tmp_path, command, extra):
    shutil.copy(CONTRACT, tmp_path / "spec.reform")
    proc = _run(lean, *command, cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert f"pip install 'reformlang[{extra}]'" in proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()
