"""`reformlang fmt`: the canonical layout, every comment kept, meaning unchanged, and the command's modes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reformlang.cli.main import main
from reformlang.diagnostics import Sink
from reformlang.driver import compile_source
from reformlang.format import format_source
from reformlang.format.verify import comment_texts
from reformlang.resources import stdlib_dir
from reformlang.source import SourceFile
from reformlang.syntax.parser import parse

from conftest import CONTRACT, EXAMPLES, GOLDEN

MESSY = GOLDEN / "fmt" / "messy.in"


def fmt(text: str, path: str = "spec.reform") -> str:
    sink = Sink()
    out = format_source(SourceFile(path, text), sink)
    assert out is not None, [d.message for d in sink.items]
    return out


def comments(text: str) -> list[str]:
    tree = parse(SourceFile("spec.reform", text), Sink())
    assert tree is not None
    return comment_texts(tree)


def corpus() -> list[Path]:
    """The contract, every example (globbed now: examples are still being written) and the standard library."""
    files = sorted(EXAMPLES.rglob("*.reform")) if EXAMPLES.exists() else []
    return ([CONTRACT] if CONTRACT.exists() else []) + files + sorted(stdlib_dir().glob("*.reform"))


# ------------------------------------------------------------------ layout
def test_messy_spec_formats_to_golden_layout(golden):
    out = fmt(MESSY.read_text(encoding="utf-8"))
    golden.check("fmt/messy.out", out)


def test_messy_spec_keeps_every_comment_in_order():
    text = MESSY.read_text(encoding="utf-8")
    out = fmt(text)
    assert comments(out) == comments(text)
    assert len(comments(text)) >= 15  # the fixture really does put comments everywhere


def test_formatting_is_idempotent_on_the_messy_spec():
    once = fmt(MESSY.read_text(encoding="utf-8"))
    assert fmt(once) == once


def test_a_comment_on_a_block_headers_first_line_stays_on_it_and_keeps_covering_the_block(tmp_path, capsys):
    """A suppression written inside a block's header (before its `{`) covers the whole block; moved above
    the block it covered nothing (found by the fuzz target: fmt changed S002 "on its block" to "on its
    line"). It now trails the formatted header, and the header's later comments follow it inside."""
    spec = ('use lftm\ninitiative a "A" {\n'
            '  level# reformlang: ignore[LM001] -- known\n ministry "Ministry" { tier: top }\n'
            '  level districts "D" # second\n { tier: middle }\n  level # one\n # two\n schools "S" # three\n{ # four\n'
            '    tier: bottom\n  }\n}\n')
    out = fmt(spec)
    assert '  level ministry "Ministry" {  # reformlang: ignore[LM001] -- known\n    tier: top\n' in out
    assert '  level districts "D" {  # second\n    tier: middle\n' in out
    assert '  level schools "S" {  # one\n    # two\n    # three\n    # four\n    tier: bottom\n' in out
    assert fmt('initiative a "A" {\n  level x "X" # alone\n {}\n}\n') == 'initiative a "A" {\n  level x "X" {}  # alone\n}\n'
    assert comments(out) == comments(spec) and fmt(out) == out
    (tmp_path / ".git").mkdir()
    before, after = tmp_path / "before.reform", tmp_path / "after.reform"
    before.write_text(spec, encoding="utf-8")
    after.write_text(out, encoding="utf-8")
    findings = [_findings(p, capsys) for p in (before, after)]
    assert findings[0] == findings[1]
    assert ("S002", "this suppression of `LM001` matches no finding on its block") in findings[0]


def _findings(path: Path, capsys) -> list[tuple[str, str]]:
    """The codes and messages of a spec's findings, as `check` reports them."""
    import json

    main(["check", "--no-cache", "--format", "json", str(path)])
    report = json.loads(capsys.readouterr().out)
    return sorted((d["code"], d["message"]) for d in report["findings"])


def test_numbers_keep_their_source_text_and_strings_get_the_escapes_they_need():
    text = ('initiative a "Say \\"hi\\" \\\\ there\tnow" {\n  period: 2026..2031\n}\n'
            'initiative b "B" {\n  level l "L" { tier: top units: 4_900 }\n}\n')
    out = fmt(text)
    assert "units: 4_900" in out
    assert 'initiative a "Say \\"hi\\" \\\\ there\\tnow" {' in out
    assert "period: 2026 .. 2031" in out


def test_long_lists_break_one_item_per_line_with_a_trailing_comma_and_short_ones_join():
    long = ", ".join(f"group_number_{i}" for i in range(10))
    out = fmt(f"initiative a {{\n  engagement {{ with: [{long}] }}\n  students: [teachers,\n families,]\n}}\n")
    assert "    with: [\n      group_number_0,\n" in out
    assert "      group_number_9,\n    ]\n" in out
    assert "  students: [teachers, families]\n" in out


def test_blank_lines_between_attributes_are_kept_but_collapsed():
    out = fmt('initiative a "A" {\n  jurisdiction: "X"\n\n\n\n  vision: "V"\n  students: all\n}\n')
    assert out == 'initiative a "A" {\n  jurisdiction: "X"\n\n  vision: "V"\n  students: all\n}\n'


def test_crlf_and_byte_order_mark_become_plain_lf(tmp_path):
    path = tmp_path / "w.reform"
    path.write_bytes(b'\xef\xbb\xbfinitiative a "A" {\r\n  # note\r\n  students: all\r\n}\r\n')
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == b'initiative a "A" {\n  # note\n  students: all\n}\n'


def test_empty_file_and_comment_only_file():
    assert fmt("") == ""
    assert fmt("\n\n   \n") == ""
    assert fmt("# one\n\n\n# two   \n") == "# one\n\n# two\n"


# ------------------------------------------------------------ the corpus
@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.name)
def test_corpus_formats_to_an_equal_model_keeping_every_comment(path):
    text = path.read_text(encoding="utf-8")
    out = fmt(text, str(path))
    before = compile_source(SourceFile(str(path), text), base=path.parent)
    after = compile_source(SourceFile(str(path), out), base=path.parent)
    assert after.spec == before.spec
    assert [(d.code, d.message) for d in after.diagnostics] == [(d.code, d.message) for d in before.diagnostics]
    assert comments(out) == comments(text)
    assert fmt(out, str(path)) == out


# ----------------------------------------------------------------- the CLI
def test_check_lists_files_that_would_change_and_writes_nothing(tmp_path, capsys):
    messy = tmp_path / "messy.reform"
    messy.write_text(MESSY.read_text(encoding="utf-8"), encoding="utf-8")
    tidy = tmp_path / "sub" / "tidy.reform"
    tidy.parent.mkdir()
    tidy.write_text(fmt(MESSY.read_text(encoding="utf-8")), encoding="utf-8")
    before = messy.read_bytes()
    assert main(["fmt", "--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"would reformat {messy}" in out
    assert "tidy.reform" not in out
    assert messy.read_bytes() == before
    assert main(["fmt", "--check", str(tidy)]) == 0


def test_fmt_rewrites_in_place_and_then_check_passes(tmp_path, capsys):
    messy = tmp_path / "messy.reform"
    messy.write_text(MESSY.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["fmt", str(tmp_path)]) == 0
    assert f"reformatted {messy}" in capsys.readouterr().out
    assert messy.read_text(encoding="utf-8") == fmt(MESSY.read_text(encoding="utf-8"))
    assert main(["fmt", "--check", str(messy)]) == 0
    assert list(tmp_path.iterdir()) == [messy]  # no temporary file left behind


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "a.reform"
    path.write_text('initiative a "A" {\nstudents:all\n}\n', encoding="utf-8")
    assert main(["fmt", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"--- {path} (before)" in out
    assert f"+++ {path} (formatted)" in out
    assert "-students:all\n" in out
    assert "+  students: all\n" in out
    assert path.read_text(encoding="utf-8") == 'initiative a "A" {\nstudents:all\n}\n'


def test_a_file_that_does_not_parse_is_reported_with_its_location_and_left_untouched(tmp_path, capsys):
    bad = tmp_path / "bad.reform"
    bad.write_text('initiative a "A" {\n  level x "X" {\n    tier: top\n}\n', encoding="utf-8")
    good = tmp_path / "good.reform"
    good.write_text("initiative a {students:all}\n", encoding="utf-8")
    before = bad.read_bytes()
    assert main(["fmt", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:5:1: error[E002]: expected `}}` to close the `initiative` block opened on line 1" in err
    assert bad.read_bytes() == before
    assert good.read_text(encoding="utf-8") == "initiative a {\n  students: all\n}\n"


def test_missing_path_exits_2(tmp_path, capsys):
    assert main(["fmt", str(tmp_path / "nowhere.reform")]) == 2
    assert "nowhere.reform" in capsys.readouterr().err


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reformlang", *args], input=stdin, capture_output=True,
                          timeout=60)


def test_stdin_to_stdout_through_the_real_command():
    messy = MESSY.read_bytes()
    done = _run("fmt", "-", stdin=messy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == fmt(messy.decode("utf-8"))
    check = _run("fmt", "--check", "-", stdin=messy)
    assert check.returncode == 1 and check.stdout == b""
    assert _run("fmt", "--check", "-", stdin=done.stdout).returncode == 0


def test_stdin_that_does_not_parse_writes_nothing_to_stdout():
    done = _run("fmt", "-", stdin=b'initiative a "A" {\n  tier = top\n}\n')
    assert done.returncode == 1
    assert done.stdout == b""
    assert b"<stdin>:2:8: error[E001]: unexpected `=`" in done.stderr
    assert b"Traceback" not in done.stderr


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["fmt", "--help"])
    assert exc.value.code == 0
    assert "reformlang fmt --check my_reform.reform" in capsys.readouterr().out


def test_a_file_that_cannot_be_written_is_reported_and_exits_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "locked.reform"
    path.write_text("initiative a {students:all}\n", encoding="utf-8")

    def refuse(target, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("reformlang.files.write_atomic", refuse)
    assert main(["fmt", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write {path}: Permission denied" in err
    assert "internal error" not in err
