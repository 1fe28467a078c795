"""Every error the language core can report, rendered as a user sees it.

Each bad input under tests/errors/ is named after the code it shows
(`E101_unknown_level.reform`); a case that needs more than one file is a
folder whose spec is `main.reform`. `reformlang check` runs from
tests/errors/ on a relative path, so the golden text under
tests/golden/errors/ does not depend on where the checkout lives.
Regenerate with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reformlang.cli.main import main

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ERRORS = HERE / "errors"
DOCS = ROOT / "docs" / "errors.md"
CODE = re.compile(r"\bE\d{3}\b")


def _cases() -> list[str]:
    names = [p.name for p in ERRORS.iterdir() if p.suffix == ".reform" or p.is_dir()]
    return sorted(names)


def _target(name: str) -> str:
    return f"{name}/main.reform" if (ERRORS / name).is_dir() else name


def _code(name: str) -> str:
    return name.split("_", 1)[0]


def _run_check(name: str, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(ERRORS)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    code = main(["check", _target(name)])
    out = capsys.readouterr().out
    return code, out.replace(str(ERRORS) + "/", "")


@pytest.mark.parametrize("name", _cases())
def test_error_is_rendered_as_in_the_golden_file(name, golden, capsys, monkeypatch):
    exit_code, out = _run_check(name, capsys, monkeypatch)
    code = _code(name)
    assert re.search(rf"(error|warning)\[{code}\]", out), f"{name} does not report {code}:\n{out}"
    assert "Traceback" not in out
    expected_exit = 2 if code == "E900" else 1 if "error[" in out else 0
    assert exit_code == expected_exit
    golden.check(f"errors/{name.removesuffix('.reform')}.txt", out)


def _source_codes() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "src" / "reformlang").rglob("*.py"):
        found |= set(re.findall(r'"(E\d{3})"', path.read_text(encoding="utf-8")))
    return found


def test_every_error_code_is_documented_has_a_golden_case_and_exists_in_the_sources():
    documented = set(CODE.findall(DOCS.read_text(encoding="utf-8")))
    with_case = {_code(n) for n in _cases()}
    in_sources = _source_codes()
    assert in_sources, "no error codes found in the sources"
    assert documented == in_sources, (
        f"docs/errors.md misses {sorted(in_sources - documented)}; documents unknown {sorted(documented - in_sources)}")
    assert with_case == in_sources, (
        f"no golden case for {sorted(in_sources - with_case)}; cases for unknown {sorted(with_case - in_sources)}")


def test_every_golden_file_has_a_case():
    names = {n.removesuffix(".reform") for n in _cases()}
    stale = sorted(p.stem for p in (HERE / "golden" / "errors").glob("*.txt") if p.stem not in names)
    assert not stale, f"golden files without a bad input: {stale}"


def _doc_sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## (E\d{3}):", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_messages_in_the_error_reference_are_the_real_output(golden):
    """docs/errors.md pastes each case's output; `--update-golden` refreshes the pasted text too."""
    text = DOCS.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- output of tests/errors/(\S+) -->\n```text\n)(.*?)```", re.S)

    def real(name: str) -> str:
        out = (HERE / "golden" / "errors" / f"{name}.txt").read_text(encoding="utf-8")
        return out if out.endswith("\n") else out + "\n"

    listed = re.compile(r"^- `(E\d{3}_\w+)`: (.*)$", re.M)

    def first_message(name: str) -> str:
        return re.search(r"\[E\d{3}\]: (.*)", real(name)).group(1)

    if golden.update:
        text = pattern.sub(lambda m: m.group(1) + real(m.group(2)) + "```", text)
        text = listed.sub(lambda m: f"- `{m.group(1)}`: {first_message(m.group(1))}", text)
        DOCS.write_text(text, encoding="utf-8")
    shown = pattern.findall(text)
    assert len(shown) == len(_doc_sections())
    for _, name, block in shown:
        assert block == real(name), (
            f"docs/errors.md shows an old message for {name}; run `pytest --update-golden` and review the diff")
    others = listed.findall(text)
    assert {name for _, name, _ in shown} | {name for name, _ in others} == set(
        n.removesuffix(".reform") for n in _cases()), "docs/errors.md should show or list every case"
    for name, message in others:
        assert message == first_message(name), f"docs/errors.md lists an old message for {name}"


def test_fixed_examples_in_the_error_reference_check_clean(tmp_path, capsys):
    checked = 0
    for code, section in _doc_sections().items():
        fixed = section.split("Fixed:", 1)[1]
        m = re.search(r"```reform\n(.*?)```", fixed, re.S)
        if m is None:  # E113 and E900 describe the fix in words: it is a change to other files
            continue
        spec = tmp_path / f"{code}.reform"
        spec.write_text(m.group(1), encoding="utf-8")
        assert main(["check", str(spec)]) == 0, f"the fixed example of {code} does not check clean"
        out = capsys.readouterr().out
        assert "error[" not in out
        checked += 1
    assert checked >= 24
