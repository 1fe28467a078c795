"""Benchmark of `reformlang simulate`: our vectorised model beside an agent-per-school Mesa model.

Both implement the same equations (docs/simulation.md) on the same design: a
middle-led, networked system spreading by diffusion, the costliest path of
the model (network groups, contagion, middle support and money). The Mesa
version is a plain agent-based port: one `mesa.Agent` per school, stepped
in turn, with each network's means gathered in Python every step.

Run:  .venv/bin/pip install mesa   (or: pip install -e '.[bench]')
      .venv/bin/python benchmarks/bench_simulate.py [--sizes 1000 5000] [--national 1500000] [--skip-mesa]

It prints figures; it is not a test. Record what you measure in
benchmarks/README.md (section "Simulation").
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import time

# One core, as the target says: keep BLAS and friends from spreading out.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

from reformlang.simulation.config import check_config  # noqa: E402
from reformlang.simulation.levers import Levers, levers  # noqa: E402
from reformlang.simulation.model import simulate  # noqa: E402

START, YEARS, STEPS_PER_YEAR = 2026, 10, 12


def design(schools: int) -> dict:
    """A middle-led, networked design spreading by diffusion, for `schools` schools."""
    districts = max(1, schools // 70)
    return check_config({
        "version": 1,
        "initiative": {"id": "bench", "title": "Benchmark", "jurisdiction": None, "start": START,
                       "end": START + 5},
        "run": {"start": START, "until": START + YEARS, "runs": 1, "seed": 0, "steps_per_year": STEPS_PER_YEAR},
        "schools": {"count": schools},
        "levels": [{"id": "ministry", "tier": "top", "units": 1},
                   {"id": "districts", "tier": "middle", "units": districts},
                   {"id": "schools", "tier": "bottom", "units": schools}],
        "links": [{"from_tier": "top", "to_tier": "middle", "kinds": ["direction", "funding"]},
                  {"from_tier": "middle", "to_tier": "bottom", "kinds": ["capacity_building", "support"]},
                  {"from_tier": "middle", "to_tier": "middle", "kinds": ["co_learning"]},
                  {"from_tier": "middle", "to_tier": "top", "kinds": ["co_design", "feedback"]}],
        "networks": [{"id": "net", "tier": "bottom", "size": {"low": 5, "high": 20}, "joining": "open",
                      "meetings_per_year": 10}],
        "money": [{"purpose": "capacity", "from_tier": "top", "to_tier": "middle", "start": START,
                   "end": START + 5}],
        "rollout": {"mode": "diffusion", "phases": []},
        "accountability": {"style": "intelligent", "consequence": "support_first"},
        "engagement": {"process": "co_designed"},
        # who leads, as the checker's analysis would say of it: the middle owns the work and gets the money
        "design": {"work": {"top": 0.0, "middle": 1.0, "bottom": 0.0}, "middle_money": 1.0},
    })


# ------------------------------------------------------------------ ours
def run_ours(schools: int, runs: int = 1, dtype=np.float32) -> tuple[float, float]:
    config = design(schools)
    t0 = time.process_time()
    tr = simulate(config, runs=runs, dtype=dtype)
    return time.process_time() - t0, float(tr.performance[:, -1].mean())


# ------------------------------------------------------------------ Mesa, one agent per school
def run_mesa(schools: int, seed: int = 0) -> tuple[float, float]:
    import mesa

    config = design(schools)
    par = config["parameters"]
    lv = levers(config)

    class School(mesa.Agent):
        def __init__(self, model: BenchModel, rng: random.Random) -> None:
            super().__init__(model)
            perf = min(max(rng.gauss(par["performance"], par["spread"]), 0.01), 0.99)
            self.q = perf
            self.own = min(max(perf + rng.gauss(0, par["capacity_noise"]), 0.0), 1.0)
            self.gained = 0.0
            self.lent = 0.0
            self.c = self.own
            self.b = 0.0
            base = lv.commitment + (par["voice"] if lv.voice else 0.0)
            self.m_base = min(max(base + rng.gauss(0, 0.05), 0.0), 1.0)
            self.m = self.m_base
            self.adopted = rng.random() < par["innovators"]
            self.group: list[School] = []

        def step(self) -> None:
            m: BenchModel = self.model
            lv_: Levers = m.lv
            dt, year, rng = m.dt, m.year, m.rng
            c, mm = self.c, self.m
            member = 1.0 if self.adopted else 0.0
            g = m.group_stats[id(self.group)]
            activity = m.intensity * g["mean_m"] * member
            net = activity * (par["network_learning"] * (1 - c) + par["network_pull"] * max(g["mean_c"] - c, 0.0))
            connected = activity
            s_mid, s_prog = lv_.middle_support[year], lv_.middle_programme[year]
            lift = member * par["middle_support"] * s_mid
            lent_lift = member * (par["middle_support"] * s_prog + par["top_support"] * lv_.top_support[year]
                                  + par["money_capacity"] * lv_.money_capacity[year])
            fade = 0.0 if lv_.programme(year) else par["unowned_fade"]
            if s_mid > 0 or s_prog > 0:
                connected += member
            isolation = 1 - min(connected, 1.0)
            drift = par["self_reinforcement"] * c * (1 - c) * (c - m.theta) * isolation
            self.own = min(max(self.own + dt * drift + par["shock"] * math.sqrt(dt) * rng.gauss(0, 1), 0.0), 1.0)
            gain = mm * ((1 - c) * lift + net) - par["erosion"] * self.gained * isolation
            self.gained = max(self.gained + dt * gain, 0.0)
            lend = mm * (1 - c) * lent_lift - (par["erosion"] * isolation + fade * (1 - mm)) * self.lent
            self.lent = max(self.lent + dt * lend, 0.0)
            self.c = min(self.own + self.gained + self.lent, 1.0)
            target = min(max(self.m_base + par["network_ownership"] * min(connected, 1.0)
                             + par["ownership_commitment"] * lv_.ownership - lv_.erosion[year], 0.0), 1.0)
            self.m = mm + dt * par["commitment_rate"] * (target - mm)
            self.q += dt * par["results_rate"] * (self.c - self.q)
            self.b += dt * par["pressure_rate"] * (par["pressure_gain"] * lv_.pressure[year] * member - self.b)
            if not self.adopted:
                rate = (par["innovation"] + par["imitation_system"] * m.system_share
                        + par["imitation_network"] * g["share"])
                self.adopted = rng.random() < dt * rate * (0.5 + mm)

    class BenchModel(mesa.Model):
        def __init__(self) -> None:
            super().__init__(seed=seed)
            self.rng = random.Random(seed)
            self.lv, self.dt, self.theta = lv, 1.0 / STEPS_PER_YEAR, par["performance"]
            self.intensity = lv.networks[0].intensity
            agents = [School(self, self.rng) for _ in range(schools)]
            self.rng.shuffle(agents)
            self.groups: list[list[School]] = []
            i = 0
            while i < schools:
                size = self.rng.randint(lv.networks[0].size_low, lv.networks[0].size_high)
                group = agents[i:i + size]
                for a in group:
                    a.group = group
                self.groups.append(group)
                i += size
            self.steps_done = 0

        def step(self) -> None:
            self.year = self.lv.start + self.steps_done // STEPS_PER_YEAR
            self.group_stats = {}
            adopted = 0
            for group in self.groups:
                members = [a for a in group if a.adopted]
                n = len(members)
                adopted += n
                self.group_stats[id(group)] = {
                    "share": n / len(group),
                    "mean_c": sum(a.c for a in members) / n if n else 0.0,
                    "mean_m": sum(a.m for a in members) / n if n else 0.0,
                }
            self.system_share = adopted / schools
            self.agents.shuffle_do("step")
            self.steps_done += 1

    t0 = time.process_time()
    model = BenchModel()
    for _ in range(YEARS * STEPS_PER_YEAR):
        model.step()
    elapsed = time.process_time() - t0
    mean = sum(min(max(a.q + a.b, 0.0), 1.0) for a in model.agents) / schools
    return elapsed, mean


# ------------------------------------------------------------------ a sensitivity sweep, in-process and on Dask
SWEEP = ("self_reinforcement", "erosion", "middle_support", "network_pull", "unowned_fade")


def run_sweep(schools: int, scheduler: str | None) -> tuple[float, float, float, list[str]]:
    """Five parameters at two levels (and the base), one run each; wall time, CPU time of this process and of
    its finished children (the cluster's workers), and the headline."""
    import resource

    from reformlang.simulation import sensitivity

    config = design(schools)

    def children() -> float:
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    wall, cpu, kids = time.perf_counter(), time.process_time(), children()
    result = sensitivity.run(config, names=SWEEP, runs=1, scheduler=scheduler)
    return (time.perf_counter() - wall, time.process_time() - cpu, children() - kids,
            sensitivity.headline(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000],
                        help="school counts to compare with Mesa")
    parser.add_argument("--national", type=int, default=1_500_000,
                        help="schools for the national-scale run of ours (0 to skip)")
    parser.add_argument("--many", type=int, default=20,
                        help="also compare this many runs at the smallest size (0 to skip): Mesa runs them one "
                             "after another, ours all at once")
    parser.add_argument("--skip-mesa", action="store_true")
    parser.add_argument("--sweep", type=int, default=0, metavar="SCHOOLS",
                        help="instead, time a sensitivity sweep of five parameters at two levels, one run each, "
                             "on this many schools, in-process and on --scheduler")
    parser.add_argument("--scheduler", default="local:2", help="where the sweep's second timing runs")
    args = parser.parse_args()
    if args.sweep:
        print(f"sweep: {args.sweep:,} schools, {len(SWEEP)} parameters x 2 levels + base = {2 * len(SWEEP) + 1} "
              f"tasks of one run, {YEARS} years of {STEPS_PER_YEAR} steps")
        results = {}
        for where in (None, args.scheduler):
            wall, cpu, kids, said = run_sweep(args.sweep, where)
            results[where] = said
            print(f"  {where or 'in-process':<12} wall {wall:8.1f} s   cpu here {cpu:8.1f} s   "
                  f"cpu of workers {kids:8.1f} s")
        print("  same headline both ways:", results[None] == results[args.scheduler])
        for line in results[None]:
            print("  " + line)
        return

    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, one core, "
          f"CPU time; {YEARS} years of {STEPS_PER_YEAR} steps, 1 run")
    if not args.skip_mesa:
        import mesa

        print(f"mesa {mesa.__version__}")
        print(f"{'schools':>10} {'mesa (s)':>10} {'ours (s)':>10} {'ratio':>8}   final mean performance (mesa / ours)")
        for n in args.sizes:
            run_ours(min(n, 1000))  # warm up imports and caches
            ours, ours_mean = run_ours(n, dtype=np.float64)
            theirs, theirs_mean = run_mesa(n)
            print(f"{n:>10,} {theirs:>10.2f} {ours:>10.3f} {theirs / ours:>7.0f}x   "
                  f"{theirs_mean:.3f} / {ours_mean:.3f}")
        if args.many:
            n = min(args.sizes)
            ours, _ = run_ours(n, runs=args.many, dtype=np.float64)
            theirs = sum(run_mesa(n, seed)[0] for seed in range(args.many))
            print(f"{n:>10,} {theirs:>10.2f} {ours:>10.3f} {theirs / ours:>7.0f}x   ({args.many} runs)")
    if args.national:
        elapsed, mean = run_ours(args.national, runs=1, dtype=np.float32)
        print(f"ours, {args.national:,} schools, {YEARS * STEPS_PER_YEAR} monthly steps, runs=1, float32: "
              f"{elapsed:.1f} s (final mean performance {mean:.3f})")


if __name__ == "__main__":
    main()
