"""`reformlang simulate --sensitivity` and `--scheduler`: every parameter varied, the same bytes wherever it ran."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from reformlang.cli.main import main
from reformlang.simulation.sweep import parse_scheduler

SPEC = Path(__file__).parent / "simulation" / "participation_first.reform"  # 300 schools, 2026-2030
SMALL = ["--runs", "2", "--until", "2029"]
FILES = ["config.json", "summary.csv", "trajectories.png", "trajectories.svg", "sensitivity.csv", "tornado.png",
         "tornado.svg", "lhs.csv", "README.md"]


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


def sensitivity(out: Path, *extra: str) -> int:
    return main(["simulate", str(SPEC), *SMALL, "--sensitivity", "--lhs", "3",
                 "--parameters", "self_reinforcement,spread,erosion", "-o", str(out), *extra])


@pytest.fixture(scope="module")
def in_process(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sens") / "in-process"
    assert sensitivity(out) == 0
    return out


def test_sensitivity_writes_the_csv_the_tornado_and_the_headline(in_process, capsys):
    assert sorted(p.name for p in in_process.iterdir()) == sorted(FILES)
    table = rows(in_process / "sensitivity.csv")
    assert [r["parameter"] for r in table] == ["self_reinforcement", "spread", "erosion"]
    by = {r["parameter"]: r for r in table}
    assert float(by["spread"]["low"]) == pytest.approx(0.06) and float(by["spread"]["high"]) == pytest.approx(0.18)
    # a wider start spreads schools further: the gap at the horizon moves with `spread`
    assert float(by["spread"]["gap_low"]) < 0 < float(by["spread"]["gap_high"])
    assert len(rows(in_process / "lhs.csv")) == 3
    readme = (in_process / "README.md").read_text()
    assert "from 2026 to 2029" in readme and "9 variations" in readme
    assert (in_process / "tornado.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (in_process / "tornado.svg").read_text()


def test_the_same_bytes_on_a_dask_local_cluster_of_two_workers(in_process, tmp_path):
    out = tmp_path / "local2"
    assert sensitivity(out, "--scheduler", "local:2") == 0
    for name in FILES:
        assert (out / name).read_bytes() == (in_process / name).read_bytes(), name


def test_the_same_bytes_on_a_process_pool(in_process, tmp_path):
    out = tmp_path / "processes2"
    assert sensitivity(out, "--scheduler", "processes:2") == 0
    for name in FILES:
        assert (out / name).read_bytes() == (in_process / name).read_bytes(), name


def test_many_runs_are_split_into_seeded_tasks_the_same_anywhere(tmp_path):
    from reformlang.simulation.config import check_config
    from reformlang.simulation.model import RUNS_PER_TASK, simulate

    config = check_config({"version": 1, "run": {"start": 2020, "until": 2023, "runs": 2 * RUNS_PER_TASK + 3,
                                                 "seed": 5, "steps_per_year": 4}, "schools": {"count": 60}})
    a = simulate(config)
    b = simulate(config, scheduler="processes:2")
    assert a.performance.shape == (2 * RUNS_PER_TASK + 3, 4)
    assert (a.performance == b.performance).all() and (a.gap == b.gap).all()
    assert not (a.performance[0] == a.performance[RUNS_PER_TASK]).all(), "each task has its own seed"


def test_without_dask_a_cluster_says_which_extra_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)
    code = main(["simulate", str(SPEC), *SMALL, "--scheduler", "local:2", "-o", str(tmp_path / "o")])
    assert code == 2
    err = capsys.readouterr().err
    assert "pip install 'reformlang[distributed]'" in err and "Traceback" not in err


@pytest.mark.parametrize("bad", ["local", "local:0", "threads:2", "http://x", "processes:two"])
def test_a_bad_scheduler_is_a_usage_error(bad, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["simulate", str(SPEC), "--scheduler", bad])
    assert exc.value.code == 2
    assert "scheduler" in capsys.readouterr().err


def test_scheduler_forms():
    assert parse_scheduler(None) is None
    assert parse_scheduler("processes:3") == ("processes", 3)
    assert parse_scheduler("local:2") == ("local", 2)
    assert parse_scheduler("tcp://10.0.0.1:8786") == ("address", "tcp://10.0.0.1:8786")


def test_an_unknown_parameter_is_named(capsys, tmp_path):
    assert main(["simulate", str(SPEC), *SMALL, "--parameters", "self_reinforcment", "-o", str(tmp_path)]) == 2
    assert "self_reinforcement" in capsys.readouterr().err


def test_an_unreachable_cluster_is_a_clear_error(capsys, tmp_path):
    code = main(["simulate", str(SPEC), *SMALL, "--scheduler", "tcp://127.0.0.1:9", "-o", str(tmp_path / "o")])
    assert code == 2
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


def test_a_later_run_without_sensitivity_leaves_no_stale_sensitivity_files(tmp_path):
    out = tmp_path / "o"
    assert sensitivity(out) == 0
    assert main(["simulate", str(SPEC), *SMALL, "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "config.json", "summary.csv", "trajectories.png",
                                                     "trajectories.svg"]
