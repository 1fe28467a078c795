"""How much CPU and wall time `reformlang build` of the examples costs, beside another checkout's.

Prints figures and ratios; asserts nothing (never a timed test). CPU time
(user + system of the build and every process it starts: workers, `dot`) and
wall time, each the least of `--repeat` runs, bytecode cached. `--src`
measures a checkout's `src/` (e.g. an older commit exported with `git
archive`); give it several times to compare checkouts: their runs take turns,
so that a change in the machine's load touches them alike, and each is shown
as a ratio to the first. `--examples` takes the specs from another folder (an
older checkout's `examples/`, which its code can still read), so that two
checkouts build the same inputs. `--jobs` passes `-j N` to the checkouts
whose build knows it (several: each is measured).

    .venv/bin/python benchmarks/bench_build.py [--src PATH ...] [--examples DIR] [--repeat N] [--jobs N ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, action="append", help="the src/ folder to measure (default: this one's)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, action="append",
                    help="pass -j N (when the measured build knows -j); 0: the build's default")
    ap.add_argument("--examples", type=Path, default=ROOT / "examples", help="the folder of specs to build")
    opts = ap.parse_args()
    srcs = opts.src or [ROOT / "src"]
    specs = sorted(str(p) for p in opts.examples.glob("*.reform"))
    variants = []  # (label, command, environment)
    for src in srcs:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPATH"] = str(src.resolve())
        cmd = [sys.executable, "-m", "reformlang", "build", *specs]
        knows_jobs = "--jobs" in subprocess.run(cmd[:4] + ["--help"], capture_output=True, text=True,
                                                env=env).stdout
        for jobs in (opts.jobs or [0]) if knows_jobs else [None]:
            extra = ["-j", str(jobs)] if jobs else []
            label = f"{src}" + (f" -j {jobs}" if jobs else " (default jobs)" if knows_jobs else " (one process)")
            if any(label == v[0] for v in variants):
                continue
            variants.append((label, [*cmd, *extra], env))
    tmp = Path(tempfile.mkdtemp(prefix="reformlang-bench-build-"))
    best = {label: (float("inf"), float("inf")) for label, _, _ in variants}
    files = {}
    try:
        for i in range(opts.repeat):
            for n, (label, cmd, env) in enumerate(variants):
                out = tmp / f"out{n}-{i}"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run([*cmd, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=env, check=True)
                wall = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                best[label] = (min(best[label][0], cpu), min(best[label][1], wall))
                files[label] = sum(1 for p in out.rglob("*") if p.is_file())
                shutil.rmtree(out, ignore_errors=True)
        print(f"build of {len(specs)} specs of {opts.examples}, least of {opts.repeat} interleaved runs:")
        cpu0, wall0 = best[variants[0][0]]
        for label, _, _ in variants:
            cpu, wall = best[label]
            print(f"  {label}: {cpu:6.2f} s CPU ({cpu0 / cpu:4.2f}x), {wall:6.2f} s wall ({wall0 / wall:4.2f}x); "
                  f"{files[label]} files")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
