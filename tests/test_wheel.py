"""The installed wheel carries its grammar and standard library and checks a spec.

Builds the wheel, installs it (without dependencies) into a fresh virtual
environment that borrows the test environment's dependencies, and runs
`reformlang check` from outside the checkout, so that nothing can come from
the source tree.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True)
    if proc.returncode != 0 and "hatchling" in proc.stderr:
        pytest.skip("hatchling is not installed in the test environment")
    assert proc.returncode == 0, proc.stderr
    (path,) = out.glob("reformlang-*.whl")
    return path


def test_wheel_ships_grammar_and_stdlib(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "reformlang/grammar/reform.lark" in names
    for framework in ("big_ideas", "lftm", "networks", "joint_initiative", "coherence",
                      "collaborative_professionalism", "vocabulary"):
        assert f"reformlang/stdlib/{framework}.reform" in names
    # the doc the plots' footer and `reformlang explain simulation` point to
    assert "reformlang/docs/simulation.md" in names


def test_installed_wheel_checks_a_spec(wheel, tmp_path, contract_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = bin_dir / "python"
    purelib = subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                      text=True).strip()
    # Install the wheel alone; the dependencies come from the test environment
    # through a plain path entry (which, unlike the editable install's .pth,
    # cannot point back at the source tree).
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", purelib, str(wheel)],
                   check=True, capture_output=True)
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    Path(purelib, "zz_test_deps.pth").write_text("\n".join(deps) + "\n")
    spec = tmp_path / "spec.reform"
    spec.write_text(contract_path.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = ("import reformlang, sys; from reformlang.cli.main import main; "
            "print(reformlang.__file__, file=sys.stderr); sys.exit(main(['check', 'spec.reform']))")
    proc = subprocess.run([str(py), "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert str(env_dir) in proc.stderr, "reformlang was imported from outside the fresh environment"
    assert "0 errors" in proc.stdout
