"""Hostile input through the real command: never a traceback, always a located message.

Each case runs `python -m reformlang check FILE` in a subprocess, as a user
would, and expects exit 1 with `file:line:col: error[CODE]` (or 0 where the
input is fine). The last tests prove the internal-error path: a bug inside
the pipeline prints "internal error" with the file's name and exits 3.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reformlang.cli.main import main

from conftest import CONTRACT

VALID = '''initiative tiny "Tiny" {
  period: 2026 .. 2031
  level schools "Schools" {
    tier: bottom
  }
}
'''


def _garbage() -> bytes:
    rng = random.Random(1998)  # fixed: the same bytes every run
    return bytes(rng.randrange(256) for _ in range(4096))


def _truncated() -> bytes:
    text = CONTRACT.read_text(encoding="utf-8") if CONTRACT.exists() else VALID * 20
    return text[: len(text) * 2 // 3].encode("utf-8")


# name: (bytes, expected exit, expected (line, col) of the first error or None, expected code or None)
CASES = {
    "binary_garbage": (_garbage(), 1, None, "E004"),
    "invalid_utf8": (b'initiative a "A" {\n  vision: "caf\xe9"\n}\n', 1, (2, 15), "E004"),
    "deep_braces_unclosed": (b"a {\n" * 20_000, 1, (20_001, 1), "E002"),
    "deep_braces_closed": (b"a { " * 20_000 + b"}" * 20_000, 1, (1, 161), "E005"),
    "deep_brackets": (b"initiative a {\n  units: " + b"[" * 20_000, 1, (2, 11), "E002"),
    "truncated_file": (_truncated(), 1, None, "E002"),
    "sixty_digit_number": (VALID.replace("tier: bottom", "tier: bottom\n    units: " + "9" * 60).encode(), 1,
                           (5, 12), "E007"),
    "empty_file": (b"", 1, (1, 1), "E116"),
    "only_comments": (b"# nothing here yet\n# still nothing\n", 1, (1, 1), "E116"),
    "nul_bytes": (VALID.replace("period", "\x00\x00period").encode(), 1, (2, 3), "E001"),
    "long_line_fine": (VALID.replace('"Tiny"', '"' + "T" * 5_000 + '"').encode(), 0, None, None),
    "long_line_bad": (VALID.replace("period: 2026 .. 2031", "period: 2026 " + "x " * 2_500).encode(), 1,
                      (2, 20), "E002"),
    "lone_closing_brace": (VALID.encode() + b"}\n", 1, (7, 1), "E002"),
    "unclosed_string": (VALID.replace('"Tiny"', '"Tiny').encode(), 1, (1, 17), "E003"),
}


def run_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reformlang", "check", str(path)], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gets_a_located_message_and_no_traceback(name, tmp_path):
    data, exit_code, where, code = CASES[name]
    path = tmp_path / f"{name}.reform"
    path.write_bytes(data)
    done = run_check(path)
    assert "Traceback" not in done.stderr + done.stdout
    assert "internal error" not in done.stderr
    assert done.returncode == exit_code, done.stdout + done.stderr
    if code is None:
        assert "error[" not in done.stdout
        return
    first = re.search(r"^(.+?):(\d+):(\d+): error\[(E\d+)\]: ", done.stdout, re.M)
    assert first, done.stdout
    assert first.group(1) == str(path)
    assert first.group(4) == code
    if where is not None:
        assert (int(first.group(2)), int(first.group(3))) == where
    # The source line and a caret under the span come with it.
    assert re.search(r"^\s*\d+ \| ", done.stdout, re.M) and "^" in done.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_fmt_on_hostile_input_reports_or_formats_and_never_fails_inside(name, tmp_path, capsys):
    data, exit_code, _where, code = CASES[name]
    path = tmp_path / f"{name}.reform"
    path.write_bytes(data)
    result = main(["fmt", "--check", str(path)])
    err = capsys.readouterr().err
    assert "internal error" not in err
    if code is not None and code < "E100":  # a syntax error: reported where it is, the file left alone
        assert result == 1
        assert f"{path}:" in err and f"error[{code}]" in err
    else:  # it parses, so it formats (whether or not it would also pass `check`)
        assert result in (0, 1)
    assert path.read_bytes() == data


def test_long_lines_are_shown_as_a_window_around_the_error(tmp_path):
    path = tmp_path / "long.reform"
    path.write_bytes(CASES["long_line_bad"][0])
    shown = [line for line in run_check(path).stdout.splitlines() if line.startswith("2 | ")]
    assert shown and len(shown[0]) < 300


# ------------------------------------------------------- internal errors
def _boom(*_args, **_kwargs):
    raise RuntimeError("boom")


def test_an_internal_failure_in_check_says_internal_error_names_the_file_and_exits_3(tmp_path, monkeypatch,
                                                                                    capsys):
    path = tmp_path / "fine.reform"
    path.write_text(VALID, encoding="utf-8")
    monkeypatch.setattr("reformlang.driver.resolve_initiatives", _boom)
    assert main(["check", str(path)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err
    assert str(path) in err
    assert "RuntimeError: boom" in err
    assert "Traceback" not in err


def test_an_internal_failure_in_fmt_names_the_file_exits_3_and_leaves_it_untouched(tmp_path, monkeypatch, capsys):
    path = tmp_path / "messy.reform"
    path.write_text("initiative a {students:all}\n", encoding="utf-8")
    monkeypatch.setattr("reformlang.format.printer._Printer.run", _boom)
    assert main(["fmt", str(path)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == "initiative a {students:all}\n"


def test_a_formatter_that_would_change_meaning_is_caught_before_anything_is_written(tmp_path, monkeypatch,
                                                                                    capsys):
    # Simulate a printer bug that drops `_` separators' digits: the output parses but means something else.
    import reformlang.format.printer as printer

    real = printer.scalar
    monkeypatch.setattr(printer, "scalar", lambda v: "1" if isinstance(v, printer.ast.Number) else real(v))
    path = tmp_path / "spec.reform"
    path.write_text(VALID.replace("tier: bottom", "tier: bottom units: 72"), encoding="utf-8")
    before = path.read_bytes()
    assert main(["fmt", str(path)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "would change its meaning" in err and str(path) in err
    assert path.read_bytes() == before
