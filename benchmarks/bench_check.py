"""How fast `reformlang check` is: start-up on the contract, and throughput on a large spec.

Builds a spec of about 36,000 lines (the contract's initiative repeated with
fresh ids), writes the same content as YAML, and prints the wall time of
`reformlang check` beside loading that YAML with PyYAML's C loader, as a
ratio; then the time of each stage in-process (parse, resolve, checks, and
the analysis of the designs that the checks build once per initiative).
Prints figures; asserts nothing. Run with `make bench`.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "tests" / "design" / "contract.reform"
TARGET_LINES = 36_000


def big_spec() -> str:
    text = CONTRACT.read_text(encoding="utf-8")
    head, _, body = text.partition("initiative ")
    body = "initiative " + body
    ids = sorted(set(re.findall(r"^\s*(?:initiative|level|priority|indicator|strategy|funding|network|phase) ([a-z_0-9]+)",
                                body, re.M)), key=len, reverse=True)
    copies = max(1, TARGET_LINES // body.count("\n"))
    parts = [head]
    for i in range(copies):
        parts.append(body.replace("initiative literacy_partnership", f"initiative literacy_partnership_{i}"))
    return "".join(parts)


def as_yaml_data(spec) -> list:
    """The resolved model as plain data, for the YAML comparison."""
    import attrs

    def plain(x):
        if attrs.has(type(x)):
            return {f.name: plain(getattr(x, f.name)) for f in attrs.fields(type(x)) if f.eq}
        if isinstance(x, tuple):
            return [plain(v) for v in x]
        return x

    return [plain(i) for i in spec.initiatives]


def wall(cmd: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    import yaml

    from reformlang.diagnostics import Sink
    from reformlang.driver import compile_source, loader, merge
    from reformlang.semantics.resolve import resolve_initiatives
    from reformlang.source import SourceFile
    from reformlang.syntax.parser import parse

    exe = [sys.executable, "-m", "reformlang", "check"]
    tmp = Path(tempfile.mkdtemp(prefix="reformlang-bench-"))
    text = big_spec()
    lines = text.count("\n")
    spec_path = tmp / "big.reform"
    spec_path.write_text(text, encoding="utf-8")
    comp = compile_source(SourceFile(str(spec_path), text), base=tmp)
    yaml_path = tmp / "big.yaml"
    yaml_path.write_text(yaml.dump(as_yaml_data(comp.spec), Dumper=yaml.CDumper, sort_keys=False), encoding="utf-8")

    print(f"python {sys.version.split()[0]}, contract: {CONTRACT}")
    start_up = wall(exe + [str(CONTRACT)], repeat=10)
    baseline = wall([sys.executable, "-c", "pass"], repeat=10)
    floor = wall([sys.executable, "-c", "import lark, attrs"], repeat=10)
    print(f"start-up: `reformlang check contract.reform` {start_up * 1000:.0f} ms "
          f"(bare python {baseline * 1000:.0f} ms; python importing lark and attrs {floor * 1000:.0f} ms; "
          f"goal: < 150 ms)")

    check = wall(exe + [str(spec_path)], repeat=3)
    load = wall([sys.executable, "-c",
                 f"import yaml; yaml.load(open({str(yaml_path)!r}), Loader=yaml.CLoader)"], repeat=3)
    print(f"large spec: {lines:,} lines; YAML of the same content: {yaml_path.stat().st_size // 1024:,} KiB")
    print(f"  reformlang check   {check:6.2f} s  ({lines / check:,.0f} lines/s)")
    print(f"  yaml CLoader load  {load:6.2f} s  ({lines / load:,.0f} lines/s)")
    print(f"  ratio check / yaml {check / load:6.2f}  (goal: <= 1.00)")

    # Stages in-process, to see where the time goes.
    src = SourceFile(str(spec_path), text)
    t = time.perf_counter()
    tree = parse(src, Sink())
    t_parse = time.perf_counter() - t
    library = merge([loader().prelude(), loader().uses(tree, tmp, Sink())])
    t = time.perf_counter()
    resolve_initiatives(tree, library, Sink())
    t_resolve = time.perf_counter() - t
    print(f"  parse {t_parse:.2f} s, resolve {t_resolve:.2f} s")
    try:
        from reformlang.checks import run_checks
    except ImportError:
        print("  checks: not available")
    else:
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            run_checks(comp.spec)
            runs.append(time.perf_counter() - t)
        t_checks = statistics.median(runs)
        base = t_parse + t_resolve
        print(f"  checks {t_checks:.2f} s = {t_checks / base:.0%} of parse+resolve (goal: <= 25%)")
        # The analysis of each design (reformlang.analysis), which the checks build once per initiative and
        # the simulator's levers read too; CPU time, since the machine is shared.
        from reformlang.analysis import analyse

        cpu = []
        for _ in range(3):
            t = time.process_time()
            for initiative in comp.spec.initiatives:
                analyse(initiative, comp.spec.library)
            cpu.append(time.process_time() - t)
        t_analysis = statistics.median(cpu)
        print(f"  analysis {t_analysis:.3f} s CPU for {len(comp.spec.initiatives)} initiatives "
              f"= {t_analysis / base:.0%} of parse+resolve (inside checks)")


if __name__ == "__main__":
    main()
