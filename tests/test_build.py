"""`reformlang build`: every output for every spec, an index linking them, and an all-or-nothing swap."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import needs
from reformlang.cli.main import main

HERE = Path(__file__).resolve().parent
ESCAPING = HERE / "golden" / "graph" / "escaping.reform"
pytestmark = needs("dot")

SMALL = """use lftm
initiative small "Small <&> \\"design\\"" {
  period: 2026 .. 2028
  level ministry "Ministry" { tier: top  units: 1 }
  level districts "Districts" { tier: middle  units: 4 }
  level schools "Schools" { tier: bottom  units: 40 }
  link ministry -> districts { direction, funding }
  link districts -> schools { support }
}
"""


def _fake_simulation(spec, out_dir, runs=20, seed=0, sensitivity=None, note=None, plots=("png", "svg")):
    """Stands in for the simulator where a test is about the build, not the model."""
    from reformlang.simulation import Written

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "summary.csv").write_text(f"year,coverage\n2026,0.{seed}\n", encoding="utf-8")
    return [Written(ini.id, out_dir, (out_dir / "summary.csv",), ("mean performance rises",), (), runs, "2026-2032")
            for ini in spec.initiatives[:1]]


@pytest.fixture
def fake_simulation(monkeypatch):
    monkeypatch.setattr("reformlang.simulation.simulate_spec", _fake_simulation)


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "specs" / "small.reform"
    path.parent.mkdir()
    path.write_text(SMALL, encoding="utf-8")
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_everything_for_each_spec_and_an_index_linking_it(contract_path, small, tmp_path):
    out = tmp_path / "site"
    assert main(["build", str(contract_path), str(small), "-o", str(out), "--runs", "2"]) == 0
    for stem in ("contract", "small"):
        folder = out / stem
        for name in ("check.txt", "check.json", "plan.md", "plan.html"):
            assert (folder / name).stat().st_size > 0, name
        for view in ("system", "logic", "network", "timeline"):
            for ext in ("svg", "dot", "mmd"):
                assert (folder / "diagrams" / f"{view}.{ext}").stat().st_size > 0
        assert (folder / "simulation" / "summary.csv").read_text(encoding="utf-8").startswith("year")
        # One plot format unless asked for both (--plots png,svg).
        assert sorted(p.suffix for p in (folder / "simulation").iterdir() if p.stem == "trajectories") == [".svg"]
    index = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'(?:href|src)="([^"]+)"', index))
    assert len(links) > 20
    for link in links:
        assert (out / unquote(link)).is_file(), link
    # Titles are escaped on the index page too.
    assert "Small &lt;&amp;&gt; &#34;design&#34;" in index
    # Nothing is left beside the folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "specs"]


def test_a_failed_step_leaves_the_previous_folder_as_it_was(small, tmp_path, fake_simulation, monkeypatch):
    out = tmp_path / "site"
    assert main(["build", str(small), "-o", str(out)]) == 0
    before = _tree(out)

    def broken(*args, **kwargs):
        raise RuntimeError("the simulator broke")

    monkeypatch.setattr("reformlang.simulation.simulate_spec", broken)
    small.write_text(SMALL.replace("units: 40", "units: 41"), encoding="utf-8")
    assert main(["build", str(small), "-o", str(out)]) == 3
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "specs"]  # no half-built folder left


def test_a_spec_with_errors_builds_nothing(small, tmp_path, fake_simulation, capsys):
    out = tmp_path / "site"
    assert main(["build", str(small), "-o", str(out)]) == 0
    before = _tree(out)
    bad = small.parent / "bad.reform"
    bad.write_text('initiative bad "Bad" {\n  level a "A" { tier: upper }\n}\n', encoding="utf-8")
    assert main(["build", str(small), str(bad), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.reform:2:" in err and "is as it was" in err
    assert _tree(out) == before


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step-exchange", "two-renames"])
def test_a_rebuild_replaces_the_folder_whole(small, tmp_path, fake_simulation, monkeypatch, exchange):
    if not exchange:  # systems without Linux's renameat2 swap the folders in two renames
        monkeypatch.setattr("reformlang.backends.build._exchange", lambda a, b: False)
    out = tmp_path / "site"
    assert main(["build", str(small), str(ESCAPING), "-o", str(out)]) == 0
    assert (out / "escaping").is_dir()
    assert main(["build", str(small), "-o", str(out)]) == 0
    assert not (out / "escaping").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "specs"]


def test_never_replaces_a_folder_it_did_not_build(small, tmp_path, fake_simulation, capsys):
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.txt").write_text("years of work", encoding="utf-8")
    assert main(["build", str(small), "-o", str(mine)]) == 2
    assert "did not write" in capsys.readouterr().err
    assert (mine / "thesis.txt").read_text(encoding="utf-8") == "years of work"


def test_two_specs_with_one_name_are_refused(small, tmp_path, fake_simulation, capsys):
    other = tmp_path / "other" / "small.reform"
    other.parent.mkdir()
    other.write_text(SMALL, encoding="utf-8")
    assert main(["build", str(small), str(other), "-o", str(tmp_path / "site")]) == 2
    assert "rename one" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_same_specs_same_bytes(small, tmp_path, fake_simulation):
    assert main(["build", str(small), "-o", str(tmp_path / "a")]) == 0
    assert main(["build", str(small), "-o", str(tmp_path / "b")]) == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_without_graphviz_nothing_is_built(small, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", "")
    assert main(["build", str(small), "-o", str(tmp_path / "site")]) == 2
    assert "apt-get install graphviz" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()



def test_build_with_sensitivity_says_in_the_plan_whether_the_direction_holds(tmp_path):
    spec = tmp_path / "specs" / "tiny.reform"
    spec.parent.mkdir()
    spec.write_text(SMALL.replace("units: 40", "units: 12"), encoding="utf-8")
    out = tmp_path / "site"
    assert main(["build", str(spec), "-o", str(out), "--runs", "1", "--sensitivity"]) == 0
    plan = (out / "tiny" / "plan.md").read_text()
    assert "variations" in plan and "sensitivity not run" not in plan
    assert (out / "tiny" / "simulation" / "sensitivity.csv").exists()


def test_both_plot_formats_on_request_and_every_file_as_the_single_commands_write_it(small, tmp_path):
    both, one, sim = tmp_path / "both", tmp_path / "one", tmp_path / "sim"
    assert main(["build", str(small), "-o", str(both), "--runs", "2", "--plots", "png,svg"]) == 0
    assert main(["build", str(small), "-o", str(one), "--runs", "2"]) == 0
    assert main(["simulate", str(small), "--runs", "2", "--seed", "0", "-o", str(sim)]) == 0
    # The simulation's files are byte for byte what `reformlang simulate` writes.
    assert _tree(both / "small" / "simulation") == _tree(sim)
    # A build with one plot format is the same build without the PNG (and without its links).
    fewer = {name: data for name, data in _tree(both).items() if not name.endswith(".png")}
    mine = _tree(one)
    assert mine.keys() == fewer.keys()
    assert [n for n in mine if mine[n] != fewer[n]] == ["index.html"]
    assert "trajectories.png" not in mine["index.html"].decode("utf-8")


def test_bad_plot_formats_are_a_usage_error(small, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(small), "-o", str(tmp_path / "site"), "--plots", "gif"])
    assert exc.value.code == 2 and "--plots" in capsys.readouterr().err


def test_specs_built_at_once_are_the_same_bytes_as_one_after_another(small, tmp_path):
    assert main(["build", str(small), str(ESCAPING), "-o", str(tmp_path / "a"), "--runs", "2", "-j", "1"]) == 0
    assert main(["build", str(small), str(ESCAPING), "-o", str(tmp_path / "b"), "--runs", "2", "-j", "2"]) == 0
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_failure_in_a_worker_is_raised_as_itself_and_nothing_is_built(small, tmp_path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("the simulator broke")

    monkeypatch.setattr("reformlang.simulation.simulate_spec", broken)
    out = tmp_path / "site"
    assert main(["build", str(small), str(ESCAPING), "-o", str(out), "-j", "2"]) == 3
    assert "RuntimeError: the simulator broke" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs"]
