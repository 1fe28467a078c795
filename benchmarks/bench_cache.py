"""What the per-user cache costs and saves at start-up, in CPU time.

Runs, in fresh processes, each a number of times (median of user + system
CPU time, from the kernel's accounting of the child, so the machine's load
matters less than for wall time):

- `python -c "import lark, attrs"`: the floor any start-up of ours stands on;
- `reformlang check contract.reform` with the cache off (REFORMLANG_NO_CACHE=1:
  the parser tables and the standard library are built at every start);
- the same with a cold cache (an empty folder: built, then written);
- the same with a warm cache (read back);

and prints each as a ratio to the floor, then what each part of the cache
costs in-process: the code key (hashing the package), reading and checking
an entry, and decoding the parser tables and the standard library, beside
building them. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_cache.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "tests" / "design" / "contract.reform"


def cpu(cmd: list[str], env: dict[str, str], before=None) -> float:
    """CPU seconds (user + system) of one run of `cmd` in a child process."""
    if before:
        before()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def interleaved(variants: dict[str, tuple], repeat: int) -> dict[str, float]:
    """Median CPU time of each variant, the variants taking turns so that a change in the machine's
    load or speed touches them all alike."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, (cmd, env, before) in variants.items():
            times[name].append(cpu(cmd, env, before))
    return {name: statistics.median(t) for name, t in times.items()}


def in_process(folder: Path) -> dict[str, float]:
    """The cache's own costs, measured in a fresh interpreter (so nothing is loaded yet)."""
    code = f"""
import os, time, json
os.environ["XDG_CACHE_HOME"] = {str(folder)!r}
t = time.process_time
from reformlang import cache
from reformlang.syntax import parser
from reformlang import driver
import lark  # imported before the timings: both rows below pay for the tables, not for the import
out = {{}}
a = t(); key = cache.code_key(); out["code key (hash the package)"] = t() - a
a = t(); parser._lark_parser(); out["Lark tables from the cache (syntax errors only)"] = t() - a
a = t(); driver.loader()._load_stdlib(); out["stdlib from the cache"] = t() - a
os.environ["REFORMLANG_NO_CACHE"] = "1"
parser._lark = None
a = t(); parser._lark_parser(); out["Lark tables built"] = t() - a
a = t(); driver.Loader()._load_stdlib(); out["stdlib built"] = t() - a
print(json.dumps(out))
"""
    env = {**os.environ, "XDG_CACHE_HOME": str(folder)}
    env.pop("REFORMLANG_NO_CACHE", None)
    import json

    runs = [json.loads(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                      check=True).stdout) for _ in range(7)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    exe = Path(sys.executable).with_name("reformlang")
    check = [str(exe), "check", str(CONTRACT)]
    base_env = {k: v for k, v in os.environ.items() if k not in ("REFORMLANG_NO_CACHE", "XDG_CACHE_HOME")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cache"
        env = {**base_env, "XDG_CACHE_HOME": str(folder)}
        warm_folder = Path(tmp) / "warm"
        warm_env = {**base_env, "XDG_CACHE_HOME": str(warm_folder)}
        cpu(check, warm_env)  # fill it
        m = interleaved({
            "floor": ([sys.executable, "-c", "import lark, attrs"], env, None),
            "off": (check, {**env, "REFORMLANG_NO_CACHE": "1"}, None),
            "cold": (check, env, lambda: shutil.rmtree(folder, ignore_errors=True)),
            "warm": (check, warm_env, None),
        }, args.repeat)
        floor, off, cold, warm = m["floor"], m["off"], m["cold"], m["warm"]
        parts = in_process(warm_folder)
        entries = {p.parent.name: p.stat().st_size for p in (warm_folder / "reformlang").glob("*/*.json")}
    print(f"start-up CPU time of `reformlang check` on the contract, median of {args.repeat} interleaved runs "
          "(user + system):")
    rows = [("python -c 'import lark, attrs'", floor), ("check, cache off", off),
            ("check, cold cache (build and write)", cold), ("check, warm (the result cache answers)", warm)]
    for name, value in rows:
        print(f"  {name:<48} {value * 1000:6.0f} ms  {value / floor:5.2f} x the floor")
    print(f"  the warm cache saves {(off - warm) * 1000:.0f} ms a start ({(off - warm) / floor:.2f} x the floor); "
          f"a cold start costs {(cold - off) * 1000:+.0f} ms over no cache")
    print("in-process, median of 7 fresh interpreters:")
    for name, value in parts.items():
        print(f"  {name:<48} {value * 1000:6.1f} ms")
    print("entries: " + ", ".join(f"{kind} {size / 1024:.0f} KiB" for kind, size in sorted(entries.items())))


if __name__ == "__main__":
    main()
