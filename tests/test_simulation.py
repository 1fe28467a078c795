"""`reformlang simulate`: the model of every school, its outputs, and the patterns of cases.md on the examples."""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import pytest

from reformlang.simulation.simconfig import build_config, complete, dumps, initiative_for
from reformlang.cli.main import main
from reformlang.driver import compile_path, compile_source
from reformlang.simulation import write_simulation
from reformlang.simulation.levers import levers, scheduled_coverage
from reformlang.simulation.model import simulate
from reformlang.simulation.progress import ProgressBar
from reformlang.source import SourceFile

from conftest import EXAMPLES

RUNS = 5


def example(name: str) -> Path:
    path = EXAMPLES / f"{name}.reform"
    assert path.is_file(), f"examples/{name}.reform is missing"
    return path


HERE = Path(__file__).parent / "simulation"


def config_of(path: Path, replace: tuple[tuple[str, str], ...] = ()) -> dict:
    """The complete config of a spec, optionally after replacing text in it (to make a variant)."""
    text = path.read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    comp = compile_source(SourceFile(str(path), text))
    assert comp.ok, [d.message for d in comp.diagnostics if d.severity.name == "ERROR"]
    return complete(build_config(initiative_for(comp.spec), comp.spec.library))


@cache
def trajectories(name: str, until: int | None = None, replace: tuple[tuple[str, str], ...] = ()):
    """Yearly means over runs of each measure, for an example (or a spec under tests/simulation/)."""
    path = HERE / f"{name}.reform" if (HERE / f"{name}.reform").exists() else example(name)
    tr = simulate(config_of(path, replace), runs=RUNS, until=until)
    mean = {f: dict(zip(tr.years, getattr(tr, f).mean(axis=0)))
            for f in ("coverage", "performance", "gap", "commitment")}
    return tr, mean


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text())))


# ------------------------------------------------------------- the patterns of cases.md, by mechanism
# Each test names the mechanism that produces its pattern (docs/simulation.md, "What the examples show").
# The examples state only what their sources give (examples/cases.toml); where a pattern rests on a fact
# the sources leave out, it is also asserted on the case as a reviewer would encode it from cases.md
# (tests/simulation/*_reviewer.reform). A fact not stated gives a neutral lever, never a guess.
def test_top_down_gains_fade_once_the_centre_pulls_back():
    """England as a reviewer encodes it (the centre directs; results reported up): the centre's pressure
    (B) lifts results while it lasts and ends with the period."""
    tr, m = trajectories("england_1998_reviewer")
    start, end = tr.period
    perf = m["performance"]
    peak_year = max(perf, key=perf.get)
    assert start < peak_year <= end + 1, "the gains come while the centre's pressure and money last"
    assert perf[peak_year] - perf[start] > 0.05
    last = tr.years[-1]
    assert perf[peak_year] - perf[last] > 0.05, "and fade once they end"
    assert perf[last] - perf[start] < 0.5 * (perf[peak_year] - perf[start])


@pytest.mark.parametrize("name", ["ontario_2003", "ontario_2003_reviewer"])
def test_ontario_led_from_the_top_does_not_keep_improving_after_the_period(name):
    """Ontario 2003-2015: the ministry owns the work, so the districts' support is the centre's programme
    passed on (it ends with the period) and what it built is lent capacity, which fades as commitment that
    is not owned fails to hold it."""
    tr, m = trajectories(name, until=2026)
    start, end = tr.period
    perf = m["performance"]
    if name.endswith("reviewer"):  # the example states no support or money: nothing is lent to fade
        assert perf[end + 1] > perf[start] + 0.05, "gains while the strategy runs"
    assert perf[end + 11] <= perf[end + 1] + 0.01, "ten years after the period ends, no higher than at its end"
    assert all(perf[y] <= perf[end + 1] + 0.01 for y in range(end + 2, end + 12))


def test_isolated_autonomy_gives_no_gain_and_widens_the_gap():
    """Tomorrow's Schools: the schools own their goals, so the centre's reviews press on no work of its own
    (no pressure); nothing connects schools, so the Matthew drift widens the gap around an unchanged mean."""
    tr, m = trajectories("new_zealand_1989")
    start, last = tr.years[0], tr.years[-1]
    perf, gap = m["performance"], m["gap"]
    assert max(perf.values()) <= perf[start] + 0.02, "the mean never rises more than 0.02 above its start"
    assert gap[last] - gap[start] > 0.1
    gaps = [gap[y] for y in tr.years]
    assert gaps == sorted(gaps), "the gap widens year after year"


def test_a_middle_that_leads_sustains_gains_and_narrows_the_gap():
    """Ontario special education, led by the Council of Directors: the middle owns the work and gets the
    money, so its support (owned capacity) outlasts the period, and schools stay connected through the
    districts' network, so nothing erodes; support reaches the weakest most, so the gap narrows."""
    tr, m = trajectories("ontario_special_education_reviewer")
    start, end = tr.period
    last = tr.years[-1]
    perf, gap = m["performance"], m["gap"]
    assert perf[last] > perf[start] + 0.05
    assert all(perf[y + 1] >= perf[y] for y in range(end + 1, last)), "gains hold after the period"
    assert gap[last] < gap[start] - 0.03, "the gap narrows"


def test_a_middle_led_example_that_states_no_support_gains_nothing_it_does_not_state():
    """Ontario special education as the example states it (the districts own the work and get the grant;
    nothing says how they reach schools): no support is invented, and the README names what is missing."""
    tr, m = trajectories("ontario_special_education")
    perf = m["performance"]
    assert max(perf.values()) - perf[tr.years[0]] < 0.02


@pytest.mark.parametrize("name", ["npdl", "new_zealand_joint_initiative_2015", "diffusion"])
def test_hypothesis_middle_led_networks_sustain_gains(name):
    """The research's HYPOTHESIS, not yet tested (cases.md): a resourced middle that leads, partners both
    ways and learns laterally sustains gains and narrows the gap. This checks that the model's mechanisms
    produce it, not that it is true."""
    tr, m = trajectories(name)
    start, end = tr.period
    last = tr.years[-1]
    perf, gap = m["performance"], m["gap"]
    assert perf[last] > perf[start] + 0.01
    assert perf[last] >= perf[end + 1], "gains last after the initiative's period"
    assert gap[last] < gap[start] - 0.02


def first_year(coverage: dict[int, float], level: float) -> int:
    return next(y for y, c in sorted(coverage.items()) if c >= level)


def test_diffusion_reaches_ninety_percent_before_pilot_then_scale_with_the_same_phases():
    """Two specs that differ only in the rollout's mode: under a pilot the phases are a schedule; under
    diffusion with open joining they are only the planner's expectation, and contagion (Bass: imitation
    within networks and across the system) runs ahead of it."""
    d_tr, d = trajectories("diffusion")
    p_tr, p = trajectories("diffusion", replace=(("mode: diffusion", "mode: pilot"),))
    assert d_tr.years == p_tr.years
    assert first_year(d["coverage"], 0.9) < first_year(p["coverage"], 0.9)
    assert first_year(d["coverage"], 0.5) <= first_year(p["coverage"], 0.5)


def test_diffusion_reaches_every_school_sooner_than_the_pilot_ladder():
    d_tr, d = trajectories("diffusion")
    p_tr, p = trajectories("pilot_then_scale")
    assert first_year(d["coverage"], 1.0) < first_year(p["coverage"], 1.0)
    # Rogers' S-curve: slow start, fast middle, slow end
    years = sorted(d["coverage"])
    steps = [d["coverage"][b] - d["coverage"][a] for a, b in zip(years, years[1:])]
    assert steps[0] < max(steps)


def test_the_start_comes_from_an_achievement_measure():
    config = config_of(HERE / "participation_first.reform")
    assert config["starting"]["performance"]["indicator"] == "reading_standard"
    assert "participation" in config["starting"]["performance"]["why"]
    tr = simulate(config, runs=3)
    assert abs(tr.performance[:, 0].mean() - 0.60) < 0.05


def test_the_simulation_block_sets_the_start():
    config = config_of(HERE / "participation_first.reform",
                       (("period: 2026 .. 2030", "period: 2026 .. 2030\n  simulation { performance: 40% }"),))
    assert config["starting"]["performance"] == {"value": 0.4, "from": "simulation block", "indicator": None,
                                                 "why": "set in the spec's `simulation` block"}


# ------------------------------------------------------------- mechanisms on hand-written configs
def hand_config(**extra) -> dict:
    cfg = {"version": 1, "run": {"start": 2020, "until": 2030, "runs": 3, "seed": 1, "steps_per_year": 4},
           "schools": {"count": 400}, **extra}
    return complete(cfg)


def test_a_config_written_by_hand_runs(tmp_path, capsys):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"version": 1, "run": {"start": 2020, "until": 2023}, "schools": {"count": 50}}))
    out = tmp_path / "out"
    assert main(["simulate", str(path), "--runs", "2", "-o", str(out)]) == 0
    rows = read_csv(out / "summary.csv")
    assert [r["year"] for r in rows] == ["2020", "2021", "2022", "2023"]


def test_pressure_lifts_results_only_while_applied():
    top = {"levels": [{"id": "m", "tier": "top", "units": 1}, {"id": "s", "tier": "bottom", "units": 400}],
           "links": [{"from_tier": "top", "to_tier": "bottom", "kinds": ["direction"]}],
           "initiative": {"id": "x", "start": 2020, "end": 2023}, "accountability": {"style": "punitive"}}
    tr = simulate(hand_config(**top))
    perf = dict(zip(tr.years, tr.performance.mean(axis=0)))
    assert perf[2023] - perf[2020] > 0.05
    assert abs(perf[2030] - perf[2020]) < 0.03


def test_scheduled_rollouts_follow_their_phases():
    phases = [{"start": 2020, "end": 2021, "coverage": 0.1}, {"start": 2022, "end": 2023, "coverage": 0.5}]
    pilot = levers(hand_config(rollout={"mode": "pilot", "phases": phases}))
    assert scheduled_coverage(pilot, 2020) == 0
    assert scheduled_coverage(pilot, 2021) == pytest.approx(0.05)
    assert scheduled_coverage(pilot, 2022) == pytest.approx(0.1)
    assert scheduled_coverage(pilot, 2024) == pytest.approx(0.5)
    mandate = levers(hand_config(rollout={"mode": "mandate", "phases": phases}))
    assert scheduled_coverage(mandate, 2022) == pytest.approx(0.5)
    assert scheduled_coverage(mandate, 2019.5) == 0


# ------------------------------------------------------------- the command and its files
def test_same_seed_same_files_byte_for_byte(tmp_path, contract_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert main(["simulate", str(contract_path), "--runs", "3", "--seed", "4", "--until", "2030",
                     "-o", str(out)]) == 0
    names = ["config.json", "summary.csv", "trajectories.png", "trajectories.svg"]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    config = json.loads((a / "config.json").read_text())
    other = simulate(complete(config), seed=5)
    assert not (other.performance == simulate(complete(config)).performance).all(), "another seed, other runs"
    # the config written records what was run: running it again gives the same files
    d = tmp_path / "d"
    assert main(["simulate", str(a / "config.json"), "-o", str(d)]) == 0
    for name in names:
        assert (a / name).read_bytes() == (d / name).read_bytes(), name


def test_summary_has_one_row_per_year_with_bands(tmp_path, contract_path):
    assert main(["simulate", str(contract_path), "--runs", "4", "--until", "2030", "-o", str(tmp_path)]) == 0
    rows = read_csv(tmp_path / "summary.csv")
    assert [int(r["year"]) for r in rows] == list(range(2026, 2031))
    for column in ("coverage", "mean_performance", "gap", "commitment"):
        for r in rows:
            low, mean, high = (float(r[f"{column}_low"]), float(r[column]), float(r[f"{column}_high"]))
            assert 0 <= low <= high <= 1 and low - 1e-4 <= mean <= high + 1e-4
    svg = (tmp_path / "trajectories.svg").read_text()
    assert "<svg" in svg and "Date" not in svg
    assert (tmp_path / "trajectories.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_write_simulation_api(tmp_path, contract_path):
    spec = compile_path(contract_path, str(contract_path)).spec
    paths = write_simulation(spec, tmp_path, runs=2, seed=0)
    assert sorted(p.name for p in paths) == ["README.md", "config.json", "summary.csv", "trajectories.png",
                                            "trajectories.svg"]
    assert all(p.parent == tmp_path and p.exists() for p in paths)
    assert json.loads((tmp_path / "config.json").read_text())["run"]["runs"] == 2


def test_titles_with_markup_and_any_unicode_plot(tmp_path):
    cfg = hand_config(initiative={"id": "x", "title": 'Cost $5 & "<b>{x}</b>" — école 学校 \\ $', "start": 2020,
                                  "end": 2022})
    cfg["run"]["until"] = 2022
    from reformlang.simulation.runner import run_and_write

    paths = run_and_write(cfg, tmp_path)
    assert all(p.stat().st_size > 0 for p in paths)


def test_bad_configs_are_reported_not_raised(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "run": {"start": 2020, "until": 2025, "runs": 0}, "schools": {"count": 5}}')
    assert main(["simulate", str(bad)]) == 2
    assert "run.runs" in capsys.readouterr().err
    bad.write_text("{not json")
    assert main(["simulate", str(bad)]) == 2
    assert f"{bad}:1:2" in capsys.readouterr().err
    bad.write_text('{"version": 2}')
    assert main(["simulate", str(bad)]) == 2
    assert "version 1" in capsys.readouterr().err
    ok = tmp_path / "ok.json"
    ok.write_text(dumps(hand_config()))
    assert main(["simulate", str(ok), "--until", "2019"]) == 2
    assert "until" in capsys.readouterr().err


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    quiet, loud = io.StringIO(), Tty()
    for stream in (quiet, loud):
        bar = ProgressBar("simulating", stream)
        for i in range(1, 11):
            bar(i, 10)
    assert quiet.getvalue() == ""
    assert "100%" in loud.getvalue() and loud.getvalue().endswith("\n")


# ------------------------------------------------------------- any design runs and stays in range
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

KINDS = ["direction", "funding", "support", "capacity_building", "feedback", "co_design", "co_learning",
         "reporting", "data"]
TIERS = ["top", "middle", "bottom"]


@st.composite
def designs(draw):
    start = draw(st.integers(1990, 2030))
    end = start + draw(st.integers(0, 4))
    schools = draw(st.integers(1, 60))
    phases = [{"start": start + i, "end": start + i + draw(st.integers(0, 2)),
               "coverage": draw(st.floats(0, 1))} for i in range(draw(st.integers(0, 3)))]
    return {
        "version": 1,
        "initiative": {"id": "x", "title": None, "jurisdiction": None, "start": start, "end": end},
        "run": {"start": start, "until": end + draw(st.integers(1, 3)), "runs": draw(st.integers(1, 3)),
                "seed": draw(st.integers(0, 99)), "steps_per_year": draw(st.integers(1, 12))},
        "schools": {"count": schools},
        "levels": [{"id": t, "tier": t, "units": draw(st.integers(1, 30))} for t in TIERS
                   if draw(st.booleans())],
        "networks": [{"id": f"n{i}", "tier": draw(st.sampled_from(["bottom", "middle", "top"])),
                      "members": draw(st.sampled_from(TIERS)),
                      "size": {"low": (low := draw(st.integers(1, 8))), "high": low + draw(st.integers(0, 8))},
                      "joining": draw(st.sampled_from(["open", "invited", "mandated", None])),
                      "meetings_per_year": draw(st.sampled_from([None, 1, 4, 10, 40]))}
                     for i in range(draw(st.integers(0, 2)))],
        "rollout": {"mode": draw(st.sampled_from(["diffusion", "pilot", "mandate", None])), "phases": phases},
        "money": [{"purpose": draw(st.sampled_from(["capacity", "incentives", "accountability"])),
                   "from_tier": "top", "to_tier": draw(st.sampled_from(TIERS)), "start": start, "end": end}
                  for _ in range(draw(st.integers(0, 2)))],
        "links": [{"from_tier": draw(st.sampled_from(TIERS)), "to_tier": draw(st.sampled_from(TIERS)),
                   "kinds": draw(st.lists(st.sampled_from(KINDS), max_size=3))}
                  for _ in range(draw(st.integers(0, 4)))],
        "accountability": {"style": draw(st.sampled_from(["intelligent", "compliance", "punitive", None])),
                           "consequence": draw(st.sampled_from(["support_first", "intervention", "sanctions",
                                                                None]))},
        "engagement": {"process": draw(st.sampled_from(["imposed", "consulted", "negotiated", "co_designed",
                                                        None]))},
        "parameters": {"spread": draw(st.floats(0, 0.5)), "performance": draw(st.floats(0, 1))},
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(designs())
def test_any_valid_design_runs_and_stays_in_range(data):
    from reformlang.simulation.config import check_config

    tr = simulate(check_config(data))
    assert len(tr.years) == data["run"]["until"] - data["run"]["start"] + 1
    for field in ("coverage", "performance", "gap", "commitment"):
        values = getattr(tr, field)
        assert values.shape == (data["run"]["runs"], len(tr.years))
        assert ((values >= 0) & (values <= 1)).all(), field
    assert (tr.coverage[:, 1:] >= tr.coverage[:, :-1]).all(), "adoption is never undone"


# ------------------------------------------------------------- outputs people can read
def test_every_simulation_folder_explains_itself(tmp_path):
    spec = compile_path(EXAMPLES / "npdl.reform", "npdl.reform").spec
    paths = write_simulation(spec, tmp_path, runs=2)
    assert "README.md" in [p.name for p in paths]
    readme = (tmp_path / "README.md").read_text()
    assert "not a forecast" in readme
    assert "90th minus the 10th percentile" in readme and "not an attainment-gap indicator" in readme
    for column in ("coverage", "mean_performance", "gap", "commitment", "*_low"):
        assert f"`{column}" in readme
    assert "HYPOTHESIS" in readme, "the middle leads in NPDL: its sustained gains are the research's hypothesis"
    assert "Where the starting level comes from" in readme


WORDS = '''
vocabulary accountability_style { word restorative "Restorative" {} }
vocabulary tier { word region "Region" {} }
vocabulary rollout_mode { word wave "Wave" {} }
vocabulary link_kind { word mentoring "Mentoring" {} }
'''

SPEC_WITH_WORDS = '''use "./words.reform"
initiative x "X" {
  period: 2026 .. 2028
  level m "M" { tier: top units: 1 }
  level r "R" { tier: region units: 5 }
  level s "S" { tier: bottom units: 50 }
  link m -> r { direction }
  link r -> s { support }
  link m -> s { mentoring }
  accountability { style: restorative }
  rollout { mode: wave }
}
'''


def test_words_beyond_the_core_vocabulary_simulate_with_a_note(tmp_path, capsys):
    (tmp_path / "words.reform").write_text(WORDS)
    spec = tmp_path / "spec.reform"
    spec.write_text(SPEC_WITH_WORDS)
    assert main(["check", str(spec)]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["simulate", str(spec), "--runs", "2", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    for word in ("restorative", "region", "wave", "mentoring"):
        assert f"`{word}` (it says no `like:`), so it simulates it as if not stated" in err, word
    readme = (out / "README.md").read_text()
    assert "`restorative` (it says no `like:`)" in readme


def test_targets_and_the_period_are_on_the_plot(tmp_path):
    from reformlang.simulation.runner import run_and_write

    config = config_of(HERE / "ontario_2003_reviewer.reform")
    config["run"]["runs"] = 1
    run_and_write(config, tmp_path)
    svg = (tmp_path / "trajectories.svg").read_text()
    # text is drawn as paths (byte-stable); the legend's labels are kept as comments by matplotlib
    assert "initiative period (2003-2015)" in svg and "target" in svg


def test_plots_drawn_alone_are_the_bytes_drawn_together(contract_path):
    """A build draws one plot format: it must be the very file `simulate` writes beside the other."""
    from reformlang.driver import compile_path
    from reformlang.simulation.model import simulate
    from reformlang.simulation.plots import render
    from reformlang.simulation.simconfig import build_config, complete

    spec = compile_path(contract_path).spec
    config = complete(build_config(spec.initiatives[0], spec.library))
    tr = simulate(config, runs=2)
    both = render(tr, "Title")
    assert render(tr, "Title", ("svg",)) == {"svg": both["svg"]}
    assert render(tr, "Title", ("png",)) == {"png": both["png"]}


def test_titles_placed_by_hand_are_where_matplotlib_places_them(monkeypatch):
    """The panels' titles are set at the top of their axes rather than placed by matplotlib at each drawing
    (plots.TITLES_IN_PLACE, a good part of a build's time): the charts are the same bytes either way, with
    and without targets, for a long title and for ticks of any size."""
    from reformlang.simulation import plots
    from reformlang.simulation.model import simulate
    from reformlang.simulation.runner import targets

    for name, title in (("ontario_2003_reviewer", "Ontario"), ("participation_first", "A very long title " * 8)):
        config = config_of(HERE / f"{name}.reform")
        tr = simulate(config, runs=3)
        drawn = plots.render(tr, title, ("svg", "png"), targets(config))
        with monkeypatch.context() as m:
            m.setattr(plots, "TITLES_IN_PLACE", {})
            assert plots.render(tr, title, ("svg", "png"), targets(config)) == drawn, name


def test_a_chart_drawn_on_the_emptied_figure_of_the_last_is_the_chart_drawn_afresh():
    """plots.render keeps its figure and empties it for the next chart (a third of a chart's time): charts
    of any span, values, targets and title, in any order, are the bytes a new figure draws."""
    import numpy as np

    from reformlang.simulation import plots
    from reformlang.simulation.model import Trajectories

    rng = np.random.default_rng(7)

    def trajectories(start: int, years: int, period: tuple[int, int], runs: int = 3) -> Trajectories:
        values = [np.clip(rng.random((runs, years + 1)).cumsum(axis=1) / (years + 1), 0, 1) for _ in range(4)]
        return Trajectories(tuple(range(start, start + years + 1)), period, *values)

    charts = [
        (trajectories(2026, 13, (2026, 2030)), "Reading for all",
         [{"indicator": "reading", "value": 0.8, "year": 2032}]),
        (trajectories(1989, 40, (1990, 2001)), "A long reform " * 9, []),
        (trajectories(2014, 3, (2014, 2015), runs=1), "$x$ and \\ and é", []),
        (trajectories(2003, 18, (2003, 2010)), "Ontario", [{"indicator": "eqao", "value": 0.75, "year": 2008},
                                                           {"indicator": "grad", "value": 0.85, "year": 2011}]),
        (trajectories(2026, 13, (2026, 2030)), "Reading for all", []),
    ]
    kept = [plots.render(tr, title, ("svg", "png"), targets) for tr, title, targets in charts]
    fresh = []
    for tr, title, targets in charts:
        plots._KEPT.clear()
        fresh.append(plots.render(tr, title, ("svg", "png"), targets))
    assert kept == fresh
    assert len({c["svg"] for c in kept}) == len(charts)
