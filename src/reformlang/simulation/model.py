"""The vectorised model of every school: runs x schools arrays of state, stepped through the years.

State per school: performance (results, 0..1, the sum of what capacity
sustains and what pressure adds), capacity (0..1), commitment (0..1) and
adoption (has the school taken the reform up). Schools interact through the
networks they belong to and through the levels above them (see levers.py).
Every run is one row of each array, so all runs advance together. The
equations are stated in docs/simulation.md; keep the two in step.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import numpy as np

from reformlang.errors import UserError
from reformlang.records import record
from reformlang.simulation.levers import DEFAULT_NETWORK_SIZE, Levers, levers, scheduled_coverage

MAX_YEARS = 200
BLOCK_CELLS = 1 << 15
# Runs per task: the unit of work a scheduler hands out, and of seeding. Changing it changes seeded results.
RUNS_PER_TASK = 10

# Sizes refused before anything is allocated, so that a spec or a config cannot exhaust the machine.
# Both admit 1.5 million schools, 20 runs, 120 monthly steps and three networks (about 3.1 GiB and
# 14 billion school-steps, some minutes of CPU).
MAX_MEMORY = 4 * 2**30  # bytes
MAX_WORK = 20_000_000_000  # school-steps: runs x schools x steps, once more for each network
# Measured peak of the arrays per school and run (state, its float32 working copies, random draws),
# and per network (each school's group and its group's size, a float64 sum per step).
BYTES_PER_SCHOOL_RUN = 56
BYTES_PER_NETWORK_SCHOOL_RUN = 16
# Drawing a network's groups holds, at its peak, four int64 arrays as long as its members (positions,
# their groups, a permutation of the middle units and the groups permuted), once per task; and per run
# the drawn sizes, their running ends and the counts, per group.
BYTES_PER_NETWORK_MEMBER = 4 * 8
BYTES_PER_GROUP_RUN = 3 * 8
BYTES_BASE = 150 * 2**20  # Python, NumPy and matplotlib themselves


class ModelError(UserError):
    """A config the model cannot run; the message says what to change (exit 2)."""


@record
class Size:
    """What a run of the model would cost, estimated before anything is allocated."""

    runs: int
    schools: int
    steps: int
    networks: int
    fixed_memory: int  # bytes, whatever the runs
    memory_per_run: int  # bytes
    work_per_run: int  # school-steps, counting each network's pass

    @property
    def memory(self) -> int:
        return self.fixed_memory + self.runs * self.memory_per_run

    @property
    def work(self) -> int:
        return self.runs * self.work_per_run

    def check(self) -> None:
        """Refuse (ModelError) a run over MAX_MEMORY or MAX_WORK, saying the estimate and the limit."""
        what = (f"{self.runs:,} run{'s' * (self.runs != 1)} of {self.schools:,} schools over {self.steps:,} steps"
                + (f" with {self.networks} network{'s' * (self.networks != 1)}" if self.networks else ""))
        fewer_runs = ""
        fits = min((MAX_MEMORY - self.fixed_memory) // max(self.memory_per_run, 1),
                   MAX_WORK // max(self.work_per_run, 1))
        if 1 <= fits < self.runs:
            fewer_runs = f"use fewer runs (at most {fits:,}: --runs {fits}), or "
        if self.memory > MAX_MEMORY:
            raise ModelError(f"this simulation is too large: {what} needs an estimated {_gib(self.memory)} of "
                             f"memory, over the limit of {_gib(MAX_MEMORY)}",
                             help=f"{fewer_runs}simulate fewer schools (the bottom level's `units`) or smaller "
                                  "networks of middle units")
        if self.work > MAX_WORK:
            raise ModelError(f"this simulation is too long: {what} is an estimated {self.work:,} school-steps "
                             f"(runs x schools x steps, once more per network), over the limit of {MAX_WORK:,}",
                             help=f"{fewer_runs}use fewer steps per year (`steps_per_year`), a nearer --until, "
                                  "or fewer schools")


def size_of(config: dict, runs: int, until: int) -> Size:
    """The cost of simulating a complete config; reads only plain numbers, allocates nothing."""
    run = config["run"]
    schools = int(config["schools"]["count"])
    steps = max(int(until) - int(run["start"]), 0) * int(run["steps_per_year"])
    units_of = {lv.get("id"): lv.get("units") for lv in config.get("levels") or ()}
    fixed, per_run = BYTES_BASE, schools * BYTES_PER_SCHOOL_RUN
    networks = 0
    for n in config.get("networks") or ():
        if n.get("tier") not in ("bottom", "middle"):
            continue
        networks += 1
        units = 0 if n["tier"] == "bottom" else max(int(units_of.get(n.get("members")) or 1), 1)
        low = max(int((n.get("size") or {}).get("low") or DEFAULT_NETWORK_SIZE[0]), 1)
        groups = (units or schools) // low + 2
        per_run += schools * BYTES_PER_NETWORK_SCHOOL_RUN + groups * BYTES_PER_GROUP_RUN
        fixed += (units or schools) * BYTES_PER_NETWORK_MEMBER
    return Size(runs, schools, steps, networks, fixed, per_run, schools * steps * (1 + networks))


def _gib(n: int) -> str:
    return f"{n / 2**30:,.1f} GiB"


@record
class Trajectories:
    """What a simulation yields: per run and per year (at the start of each year), the system's state."""

    years: tuple[int, ...]
    period: tuple[int, int]
    coverage: np.ndarray = attrs.field(eq=False)  # runs x years: share of schools that adopted
    performance: np.ndarray = attrs.field(eq=False)  # mean school performance
    gap: np.ndarray = attrs.field(eq=False)  # 90th minus 10th percentile of school performance
    commitment: np.ndarray = attrs.field(eq=False)  # mean commitment


def simulate(config: dict, *, runs: int | None = None, seed: int | None = None, until: int | None = None,
             dtype: type = np.float32, progress: Callable[[int, int], None] | None = None,
             scheduler: str | None = None) -> Trajectories:
    """Run the model on a complete config (simulation.config.complete) and return its yearly trajectories.

    The runs are cut into tasks of at most RUNS_PER_TASK runs, each seeded from
    (seed, its index), and run on `scheduler` (see sweep.py); the result is the
    same whichever scheduler ran them.
    """
    from reformlang.simulation.sweep import run_tasks

    config, runs, seed = prepare(config, runs=runs, seed=seed, until=until)
    tasks = [(config, n, (seed, i), dtype) for i, n in enumerate(split_runs(config, runs))]
    if scheduler is None:  # in this process: report progress step by step
        n = len(tasks)
        return join([run_task(*task, progress=None if progress is None else
                              (lambda done, total, i=i: progress(i * total + done, n * total)))
                     for i, task in enumerate(tasks)])
    return join(run_tasks(run_task, tasks, scheduler, progress))


def prepare(config: dict, *, runs: int | None = None, seed: int | None = None,
            until: int | None = None) -> tuple[dict, int, int]:
    """The config with the horizon to run, the number of runs and the seed; a ModelError if it cannot run."""
    run = config["run"]
    runs = int(runs if runs is not None else run["runs"])
    seed = int(seed if seed is not None else run["seed"])
    config = {**config, "run": {**run, "until": int(until if until is not None else run["until"]),
                                "runs": runs, "seed": seed}}
    start, end = config["run"]["start"], config["run"]["until"]
    if end <= start:
        raise ModelError(f"the simulation must end after it starts ({start}); `until` is {end}")
    if end - start > MAX_YEARS:
        raise ModelError(f"simulate at most {MAX_YEARS} years; `until` is {end - start} years after the "
                         f"start ({start})")
    # Sizes first, for one task (the runs one process holds at once): allocating is what could hurt.
    size_of(config, min(runs, RUNS_PER_TASK), end).check()
    return config, runs, seed


def split_runs(config: dict, runs: int) -> list[int]:
    """How many runs each task of a prepared config holds, in order: RUNS_PER_TASK, the last fewer."""
    return [min(RUNS_PER_TASK, runs - lo) for lo in range(0, runs, RUNS_PER_TASK)]


def run_task(config: dict, runs: int, key: tuple[int, ...], dtype: type = np.float32,
             progress: Callable[[int, int], None] | None = None) -> Trajectories:
    """One task: `runs` runs of a prepared config, seeded by `key` (the run's seed and the task's index)."""
    run = config["run"]
    return _Model(config["parameters"], levers(config), runs, int(config["schools"]["count"]),
                  int(run["steps_per_year"]), key, dtype).run(progress)


def join(parts: list[Trajectories]) -> Trajectories:
    """The trajectories of several tasks as one, runs in the tasks' order."""
    first = parts[0]
    if len(parts) == 1:
        return first
    return Trajectories(first.years, first.period,
                        *(np.concatenate([getattr(p, f) for p in parts]) for f in MEASURES))


MEASURES = ("coverage", "performance", "gap", "commitment")


class _Model:
    def __init__(self, par: dict, lv: Levers, runs: int, schools: int, steps_per_year: int,
                 seed: int | tuple[int, ...], dtype: type) -> None:
        self.par, self.lv, self.dtype = par, lv, dtype
        self.R, self.spy = runs, steps_per_year
        self.rng = rng = np.random.default_rng(list(seed) if isinstance(seed, tuple) else seed)
        shape = (runs, schools)
        perf = rng.normal(par["performance"], par["spread"], shape)
        self.Q = np.clip(perf, 0.01, 0.99).astype(dtype)  # performance that capacity sustains
        # Capacity is a school's own (which drifts) plus what it gained with others' help (which erodes
        # when the school is left on its own).
        self.own = np.clip(self.Q + rng.normal(0, par["capacity_noise"], shape), 0, 1).astype(dtype)
        self.gained = np.zeros(shape, dtype)  # built with the middle and networks: owned below
        self.lent = np.zeros(shape, dtype)  # built by the centre's programme: held only by commitment
        self.C = self.own.copy()
        self.B = np.zeros(shape, dtype)  # performance added by the centre's pressure
        base = lv.commitment + (par["voice"] if lv.voice else 0.0)
        self.M_base = np.clip(base + rng.normal(0, 0.05, shape), 0, 1).astype(dtype)
        self.M = self.M_base.copy()
        self.rank = rng.random(shape, dtype=dtype)  # a school's place in a scheduled rollout
        self.groups = [_Groups.draw(rng, runs, schools, net.size_low, net.size_high, net.units)
                       for net in lv.networks]
        if lv.mode == "diffusion":
            self.A = self.rank < par["innovators"]
            for net, g in zip(lv.networks, self.groups):
                if net.joining == "mandated":
                    self.A[:] = True
        else:
            self.A = self.rank < scheduled_coverage(lv, lv.start)
        self.theta = float(par["performance"])
        # Blocks of schools (all runs at once) small enough to stay in the processor's cache.
        width = max(1, BLOCK_CELLS // runs)
        self._blocks = [np.s_[:, lo:lo + width] for lo in range(0, schools, width)]

    def run(self, progress: Callable[[int, int], None] | None) -> Trajectories:
        lv = self.lv
        n_years = lv.until - lv.start + 1
        out = {k: np.zeros((self.R, n_years)) for k in ("coverage", "performance", "gap", "commitment")}
        total = (n_years - 1) * self.spy
        self._record(out, 0)
        for step in range(total):
            self._step(step)
            if (step + 1) % self.spy == 0:
                self._record(out, (step + 1) // self.spy)
            if progress is not None:
                progress(step + 1, total)
        return Trajectories(tuple(range(lv.start, lv.until + 1)), lv.period, out["coverage"], out["performance"],
                            out["gap"], out["commitment"])

    def _record(self, out: dict, i: int) -> None:
        P = np.clip(self.Q + self.B, 0, 1)
        out["coverage"][:, i] = self.A.mean(axis=1)
        out["performance"][:, i] = P.mean(axis=1, dtype=np.float64)
        p10, p90 = np.percentile(P, [10, 90], axis=1)
        out["gap"][:, i] = p90 - p10
        out["commitment"][:, i] = self.M.mean(axis=1, dtype=np.float64)

    def _step(self, step: int) -> None:
        par, lv, dt = self.par, self.lv, 1.0 / self.spy
        year = lv.start + step // self.spy
        t = lv.start + step * dt
        A = self.A
        Af = A.astype(self.dtype)

        # Networks, over whole arrays: per group, the adopters' count, mean capacity and mean commitment.
        nets = []
        for net, g in zip(lv.networks, self.groups):
            member = None if net.joining == "mandated" else Af
            count = g.sum(member)
            safe = np.maximum(count, 1.0)
            mean_c = g.sum(self.C if member is None else member * self.C) / safe
            activity = net.intensity * g.sum(self.M if member is None else member * self.M) / safe
            pull = 0.0
            if lv.mode == "diffusion":
                pull = (par["invited_factor"] if net.joining == "invited" else 1.0) * par["imitation_network"]
            nets.append((g, member is None, mean_c.astype(self.dtype), activity.astype(self.dtype),
                         count.astype(self.dtype), pull))
        noise = self.rng.standard_normal(A.shape, dtype=self.dtype)
        if lv.mode == "diffusion":
            system = A.mean(axis=1, keepdims=True, dtype=self.dtype)
            draws = self.rng.random(A.shape, dtype=self.dtype)
        else:
            coverage = scheduled_coverage(lv, t + dt)

        s_mid = lv.middle_support[year]
        s_prog = lv.middle_programme[year]
        lift_rate = par["middle_support"] * s_mid
        lent_rate = (par["middle_support"] * s_prog + par["top_support"] * lv.top_support[year]
                     + par["money_capacity"] * lv.money_capacity[year])
        # Once the centre's programme stops, what it built fades as far as commitment does not hold it.
        fade = 0.0 if lv.programme(year) else par["unowned_fade"]
        owned = par["ownership_commitment"] * lv.ownership
        pressure = par["pressure_gain"] * lv.pressure[year]
        shock = par["shock"] * np.sqrt(dt)
        # The rest is per school: done in blocks that stay in the processor's cache.
        for block in self._blocks:
            C, M, Ab = self.C[block], self.M[block], Af[block]
            net_learning = np.zeros_like(C)
            connected = np.zeros_like(C)
            adoption_pull = np.zeros_like(C)
            for g, everyone, mean_c, activity, count, pull in nets:
                index = g.index[block]
                act = activity[index] if everyone else activity[index] * Ab
                net_learning += act * (par["network_learning"] * (1 - C)
                                       + par["network_pull"] * np.maximum(mean_c[index] - C, 0))
                connected += act
                if pull:
                    adoption_pull += pull * count[index] / g.size[block]
            if s_mid > 0 or s_prog > 0:
                connected += Ab
            isolation = 1 - np.minimum(connected, 1)

            drift = par["self_reinforcement"] * C * (1 - C) * (C - self.theta) * isolation
            own = np.clip(self.own[block] + dt * drift + shock * noise[block], 0, 1)
            gained, lent = self.gained[block], self.lent[block]
            gain = M * ((1 - C) * (lift_rate * Ab) + net_learning) - par["erosion"] * gained * isolation
            gained = np.maximum(gained + dt * gain, 0)
            lend = M * (1 - C) * (lent_rate * Ab) - (par["erosion"] * isolation + fade * (1 - M)) * lent
            lent = np.maximum(lent + dt * lend, 0)
            self.own[block], self.gained[block], self.lent[block] = own, gained, lent
            self.C[block] = np.minimum(own + gained + lent, 1)

            if lv.mode == "diffusion":  # before M moves on: M is a view of this block
                rate = par["innovation"] + par["imitation_system"] * system[block[0]] + adoption_pull
                A[block] |= draws[block] < dt * rate * (0.5 + M)
            else:
                A[block] |= self.rank[block] < coverage
            target = np.clip(self.M_base[block] + par["network_ownership"] * np.minimum(connected, 1)
                             + owned - lv.erosion[year], 0, 1)
            self.M[block] = M + dt * par["commitment_rate"] * (target - M)
            Q = self.Q[block]
            self.Q[block] = Q + dt * par["results_rate"] * (self.C[block] - Q)
            B = self.B[block]
            self.B[block] = B + dt * par["pressure_rate"] * (pressure * Ab - B)



@record
class _Groups:
    """Schools cut into the groups of one network, per run: group sizes drawn within the network's range."""

    index: np.ndarray  # runs x schools: the group of each school, numbered across runs
    size: np.ndarray  # runs x schools: the size of each school's group
    n: int

    @classmethod
    def draw(cls, rng: np.random.Generator, runs: int, schools: int, low: int, high: int,
             units: int = 0) -> _Groups:
        """Groups of `low`..`high` schools; or, for a network of `units` middle units, groups of that many
        middle units, each school belonging to one unit (the schools shared evenly among them)."""
        members = units or schools
        per_run = members // low + 2
        sizes = rng.integers(low, high + 1, size=(runs, per_run))
        ends = np.cumsum(sizes, axis=1)
        positions = np.arange(members)
        index = np.empty((runs, schools), dtype=np.int64)
        for r in range(runs):
            group = np.searchsorted(ends[r], positions, side="right")
            if units:
                unit_of_school = (np.arange(schools) * units) // schools
                group = group[rng.permutation(units)][unit_of_school]
            index[r, rng.permutation(schools)] = group + r * per_run
        n = runs * per_run
        counts = np.bincount(index.ravel(), minlength=n)
        return cls(index, counts[index].astype(np.float32, copy=False), n)

    def sum(self, values: np.ndarray | None) -> np.ndarray:
        """Per group, the sum of `values` (None: count the schools)."""
        weights = None if values is None else values.ravel()
        return np.bincount(self.index.ravel(), weights=weights, minlength=self.n).astype(np.float64)
