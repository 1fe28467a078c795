"""The fuzz target: mutated specs never crash `check` or `fmt`, and formatting keeps every finding.

Seeded with every spec in the repository (examples/, the error fixtures of
tests/errors/, the rule fixtures of tests/rules/, tests/words/, the contract,
the standard library), hypothesis mutates them (cuts, splices between files,
tokens of the language, attribute values swapped for others or for numbers
at the limits, control, bidirectional and
invalid UTF-8 characters, deep nesting) and runs the real command line on
each result, asserting:

- `check` never exits 3 and never prints a traceback (nor does `fmt`);
- `fmt` is idempotent: a formatted file passes `fmt --check`;
- `fmt` keeps the findings: `check` reports the same findings (code,
  severity, message, principle) before and after formatting;
- the fast parser and Lark's own agree: same tree, same spans, same
  diagnostics (tests/test_parser_equivalence.py).

It runs for REFORMLANG_FUZZ_SECONDS (default 60) in rounds of fresh random
examples; REFORMLANG_FUZZ_SEED fixes the first round's seed to replay a run.
Not collected by a plain `pytest` (the name does not start with `test_`):
`make test` and `make fuzz` run it, and CI runs `make test`.

    REFORMLANG_FUZZ_SECONDS=600 .venv/bin/python -m pytest -q tests/fuzz.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

DEFAULT_SECONDS = 60
EXAMPLES_PER_ROUND = 60


def seeds() -> list[bytes]:
    from reformlang.resources import stdlib_dir

    whole = [*sorted((ROOT / "examples").glob("*.reform")), HERE / "design" / "contract.reform",
             *sorted((HERE / "rules").rglob("*.reform")), *sorted((HERE / "words").glob("*.reform"))]
    broken = [*sorted((HERE / "errors").rglob("*.reform")), *sorted(stdlib_dir().glob("*.reform"))]
    # Specs that compile, twice over: their mutants reach the checker and the formatter more often.
    return [p.read_bytes() for p in [*whole, *whole, *broken] if p.is_file()]


def tokens() -> list[str]:
    """Pieces of the language to splice in: its keywords and attributes (from the schema), its words
    (from the standard library), punctuation, and values at and past the limits."""
    from reformlang.driver import loader
    from reformlang.semantics import schema

    words: set[str] = set()
    for keyword, spec in getattr(schema, "BLOCKS", {}).items():
        words.add(keyword)
        words.update(getattr(spec, "attributes", {}) or {})
    for vocabulary in loader().prelude().vocabularies:
        words.update(w.id for w in vocabulary.words)
    punctuation = ["{", "}", "[", "]", ",", ":", "..", "->", "<->", '"', "#", "\n", " ", "\t", "\r\n", "_", "%",
                   "\\", '\\"', "\\n", "\\q"]
    values = ["0", "-1", "1_000", "4_900", "1.5", "54%", "100%", "101%", "0.4%", "2026", "1989 .. 2031",
              "2031 .. 2026", "5 .. 20", "25_000_000 CAD", "12 XYZ", "54% in 2026", "75% by 2031", "all",
              "9" * 30, "1e18", "100_000_000", "[a, b,]", "[]", '"Title"', '""', '"é 😀"',
              "use lftm\n", 'use "./other.reform"\n', 'use "../../../etc/passwd"\n', 'use "/proc/self/environ"\n',
              "use " + "x" * 300 + "\n", "# reformlang: ignore[LM001] -- known\n", "# reformlang: ignore[\n",
              "initiative a {\n", "level l { tier: middle }\n", "link a -> b { support }\n",
              "{" * 50, "}" * 50, "priority p { indicator i { baseline: 1% in 2020 target: 2% by 2019 } }\n"]
    odd = ["\x00", "\x1b[31m", "\u202e", "\u2066", "\ufeff", "\u2028", "\x0c", "é", "😀", "\u0301", "ǅ"]
    return sorted(words) + punctuation + values + odd


_VALUE = re.compile(rb"[a-z_]+:[ \t]*([^\n{}#]+)")


def mutations(seed_texts: list[bytes], pieces: list[str]):
    """A strategy for one mutated file: a seed and a few edits."""

    @st.composite
    def mutated(draw) -> bytes:
        data = bytearray(draw(st.sampled_from(seed_texts)))
        for _ in range(draw(st.integers(1, 5))):
            n = len(data)
            at = draw(st.integers(0, n))
            kind = draw(st.sampled_from(["cut", "splice", "token", "byte", "swap_lines", "repeat", "invalid",
                                         "value", "value", "value"]))
            if kind == "value":  # another value for an attribute: a spec that still parses, but odd
                values = [m.span(1) for m in _VALUE.finditer(bytes(data))]
                if values:
                    start, end = draw(st.sampled_from(values))
                    data[start:end] = draw(st.sampled_from(pieces)).encode("utf-8")
            elif kind == "cut":
                data[at:at + draw(st.integers(1, 40))] = b""
            elif kind == "splice":
                other = draw(st.sampled_from(seed_texts))
                start = draw(st.integers(0, len(other)))
                data[at:at] = other[start:start + draw(st.integers(1, 200))]
            elif kind == "token":
                token = draw(st.sampled_from(pieces))
                if draw(st.booleans()):
                    token = f" {token} "
                data[at:at] = token.encode("utf-8")
            elif kind == "byte":
                if n:
                    data[min(at, n - 1)] = draw(st.integers(0x20, 0x7e))
            elif kind == "swap_lines":
                lines = bytes(data).split(b"\n")
                if len(lines) > 1:
                    i = draw(st.integers(0, len(lines) - 1))
                    j = draw(st.integers(0, len(lines) - 1))
                    lines[i], lines[j] = lines[j], lines[i]
                    data = bytearray(b"\n".join(lines))
            elif kind == "repeat":
                piece = bytes(data[at:at + draw(st.integers(1, 80))])
                data[at:at] = piece * draw(st.integers(2, 30))
            else:
                data[at:at] = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x80"]))
        return bytes(data)

    return mutated()


# ------------------------------------------------------------------ invariants
class Crash(AssertionError):
    pass


def run(argv: list[str]) -> tuple[int, str, str]:
    """The command line, in-process: its exit code, standard output and standard error."""
    from reformlang.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def findings(report: str) -> Counter:
    doc = json.loads(report)
    return Counter((f["code"], f["severity"], f["message"], f["principle"]) for f in doc["findings"])


def parsers_agree(data: bytes) -> None:
    from test_parser_equivalence import assert_same

    from reformlang.source import decode_source

    source, _ = decode_source(data, "spec.reform")
    try:
        assert_same(source)
    except AssertionError as exc:
        raise Crash(f"the fast parser and Lark's disagree on this input:\n{data!r}\n{exc}") from None


def check_one(work: Path, data: bytes) -> None:
    parsers_agree(data)
    spec = work / "spec.reform"
    spec.write_bytes(data)

    def sound(what: str, result: tuple[int, str, str]) -> tuple[int, str, str]:
        code, _out, err = result
        if code == 3 or "Traceback" in err or "internal error" in err:
            raise Crash(f"`{what}` crashed (exit {code}) on this input:\n{data!r}\n{err[-2000:]}")
        return result

    code, report, _ = sound("check", run(["check", "--format", "json", str(spec)]))
    assert code in (0, 1, 2)
    before = findings(report)
    code, _, _ = sound("fmt", run(["fmt", str(spec)]))
    if code != 0:  # it does not parse: fmt leaves it alone
        assert spec.read_bytes() == data, "fmt changed a file it could not parse"
        return
    formatted = spec.read_bytes()
    code, _, err = sound("fmt --check", run(["fmt", "--check", str(spec)]))
    if code != 0:
        raise Crash(f"fmt is not idempotent on this input:\n{data!r}\nformatted once:\n{formatted!r}\n{err}")
    code, report, _ = sound("check (formatted)", run(["check", "--format", "json", str(spec)]))
    after = findings(report)
    if after != before:
        raise Crash(f"fmt changed the findings of this input:\n{data!r}\nformatted:\n{formatted!r}\n"
                    f"lost: {sorted((before - after).elements())}\ngained: {sorted((after - before).elements())}")


def fuzz(seconds: float, work: Path, first_seed: int | None = None) -> int:
    """Run rounds of fresh examples until `seconds` have passed; return how many examples ran."""
    seed_texts, pieces = seeds(), tokens()
    (work / ".git").mkdir(exist_ok=True)  # a project root: configuration search stops here
    ran = 0
    start = time.monotonic()
    base = first_seed if first_seed is not None else random.SystemRandom().randrange(1 << 32)
    round_no = 0
    while True:
        round_seed = base + round_no

        @seed(round_seed)
        @settings(max_examples=EXAMPLES_PER_ROUND, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), print_blob=True)
        @given(mutations(seed_texts, pieces))
        def one(data: bytes) -> None:
            nonlocal ran
            ran += 1
            check_one(work, data)

        try:
            one()
        except Crash as exc:
            raise Crash(f"{exc}\n(replay with REFORMLANG_FUZZ_SEED={round_seed})") from None
        round_no += 1
        if time.monotonic() - start >= seconds:
            return ran


def test_fuzz(tmp_path):
    seconds = float(os.environ.get("REFORMLANG_FUZZ_SECONDS", DEFAULT_SECONDS))
    first = os.environ.get("REFORMLANG_FUZZ_SEED")
    ran = fuzz(seconds, tmp_path, int(first) if first else None)
    print(f"fuzz: {ran} mutated specs in {seconds:g} s, no crash", file=sys.stderr)
    assert ran > 0
