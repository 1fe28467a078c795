"""How much CPU `reformlang build` of the examples costs, and what each stage of it takes.

Prints figures; asserts nothing (never a timed test). CPU time (user + system
of the build and every process it starts: workers, `dot`), the least of
`--repeat` runs, bytecode cached. `--src` measures another checkout's `src/`
(e.g. an older commit exported with `git archive`) on the same examples;
`--examples` takes the specs from another folder (an older checkout's
`examples/`, which its code can still read), so that two checkouts build the
same inputs.

    .venv/bin/python benchmarks/bench_build.py [--src PATH] [--examples DIR] [--repeat N] [--jobs N]
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
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder to measure")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None, help="pass -j N (when the measured build knows -j)")
    ap.add_argument("--examples", type=Path, default=ROOT / "examples", help="the folder of specs to build")
    opts = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(opts.src.resolve())
    specs = sorted(str(p) for p in opts.examples.glob("*.reform"))
    cmd = [sys.executable, "-m", "reformlang", "build", *specs]
    knows_jobs = "--jobs" in subprocess.run(cmd[:4] + ["--help"], capture_output=True, text=True, env=env).stdout
    extra = ["-j", str(opts.jobs)] if opts.jobs and knows_jobs else []
    tmp = Path(tempfile.mkdtemp(prefix="reformlang-bench-build-"))
    try:
        best, wall = float("inf"), float("inf")
        for i in range(opts.repeat):
            out = tmp / f"out{i}"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([*cmd, "-o", str(out), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=env, check=True)
            wall = min(wall, time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        files = sum(1 for p in (tmp / "out0").rglob("*") if p.is_file())
        print(f"build of {len(specs)} examples ({opts.src}{' ' + ' '.join(extra) if extra else ''}): "
              f"{best:.2f} s CPU, {wall:.2f} s wall (least of {opts.repeat}); {files} files")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
