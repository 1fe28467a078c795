"""reformlang in CI as ruff and Regal are: code scanning done right, GitLab Code Quality, the flags people
type, shell completion, --watch, the pre-commit hooks and the GitHub Action."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import needs
from reformlang.cli.main import build_parser, main
from reformlang.links import SITE_URL, code_url

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "schemas"
WEAK = Path(__file__).resolve().parent / "golden" / "check" / "weak.reform"
NPDL = ROOT / "examples" / "npdl.reform"
REFORMLANG = [sys.executable, "-m", "reformlang.cli.main"]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository with a configuration at its root and specs in a subfolder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.reformlang]\nignore = ["LM009"]\n\n'
                                             '[tool.reformlang.per-file-ignores]\n"specs/old_*" = ["BI013"]\n')
    (tmp_path / "specs").mkdir()
    shutil.copy(WEAK, tmp_path / "specs" / "weak.reform")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _validator(name):
    import jsonschema

    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


# ------------------------------------------------------------------ SARIF
def _sarif(capsys, *argv):
    code, out, err = run(capsys, "check", "--format", "sarif", *argv)
    assert code in (0, 1), err
    return json.loads(out)


def test_sarif_names_the_same_files_from_a_subfolder_and_from_the_root(repo, capsys, monkeypatch):
    from_root = _sarif(capsys, "specs/weak.reform")
    monkeypatch.chdir(repo / "specs")
    from_sub = _sarif(capsys, "weak.reform")
    assert from_root == from_sub
    run_ = from_root["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    locations = {json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"]) for r in run_["results"]}
    assert locations == {json.dumps({"uri": "specs/weak.reform", "uriBaseId": "%SRCROOT%"})}


def test_sarif_root_flag_sets_srcroot(repo, capsys):
    log = _sarif(capsys, "--root", "specs", "specs/weak.reform")
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "weak.reform", "uriBaseId": "%SRCROOT%"}


def test_sarif_every_rule_has_an_absolute_help_uri_with_an_anchor_in_the_docs(repo, capsys):
    log = _sarif(capsys, "specs/weak.reform")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    pages = {name: (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8") for name in ("rules", "errors", "ci")}
    for rule in rules:
        uri = rule["helpUri"]
        assert uri == code_url(rule["id"]) and uri.startswith(SITE_URL) and uri.startswith("https://")
        page, anchor = re.fullmatch(re.escape(SITE_URL) + r"(\w+)/#(\w+)", uri).groups()
        assert f'<a id="{anchor}"></a>' in pages[page], f"docs/{page}.md has no anchor #{anchor}"


def test_every_code_has_its_anchor():
    from reformlang.checks import all_rules
    from reformlang.lint.catalogue import S_CODES

    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f'<a id="{rule.code.lower()}"></a>' in rules_md
        assert f"](#{rule.code.lower()})" in rules_md  # the table links to it
    ci_md = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for code in S_CODES:
        assert f'<a id="{code.lower()}"></a>' in ci_md


def test_mkdocs_site_url_is_the_one_the_sarif_writer_uses():
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == SITE_URL
    assert config.get("use_directory_urls", True) is True  # rules.md is served at rules/
    in_nav = {list(entry.values())[0] for entry in config["nav"]}
    assert in_nav == {p.name for p in (ROOT / "docs").glob("*.md")} - {"index.md"} | (
        {"index.md"} & in_nav)


def test_sarif_keeps_suppressed_findings_with_their_justification(repo, capsys):
    log = _sarif(capsys, "specs/weak.reform")
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert suppressed, "the suppressed BI007 finding of weak.reform is missing"
    assert all(r["ruleId"] == "BI007" for r in suppressed)
    assert suppressed[0]["suppressions"] == [{"kind": "inSource",
                                              "justification": "the testing contract sets the period"}]
    # The JSON and text reports still leave it out, and count it.
    _, out, _ = run(capsys, "check", "--format", "json", "specs/weak.reform")
    doc = json.loads(out)
    assert doc["summary"]["suppressed"] == 1 and not [f for f in doc["findings"] if f["code"] == "BI007"]


def test_sarif_carries_fixes_and_validates(repo, capsys):
    (repo / "specs" / "typo.reform").write_text(
        'use lftm\ninitiative r "R" {\n  period: 2027 .. 2030\n  level ministry "M" { tier: topp }\n}\n')
    log = _sarif(capsys, "specs/")
    errors = sorted(_validator("sarif-schema-2.1.0.json").iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    fixed = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert fixed
    fix = fixed[0]["fixes"][0]
    assert fix["description"]["text"] == "replace `topp` with `top`"
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": "specs/typo.reform", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{"deletedRegion": {"startLine": 4, "startColumn": 30, "endLine": 4,
                                                         "endColumn": 34},
                                       "insertedContent": {"text": "top"}}]
    assert fix["properties"] == {"applicability": "safe"}


# ------------------------------------------------------------------ GitLab, JUnit
def test_gitlab_code_quality_validates_and_is_stable(repo, capsys, monkeypatch):
    shutil.copy(NPDL, repo / "specs" / "npdl.reform")
    code, out, _ = run(capsys, "check", "--format", "gitlab", "specs/")
    issues = json.loads(out)
    errors = list(_validator("gitlab-code-quality.schema.json").iter_errors(issues))
    assert not errors, errors[0].message
    assert issues and len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["location"]["path"] for i in issues} == {"specs/weak.reform", "specs/npdl.reform"}
    lm = next(i for i in issues if i["check_name"] == "LM001")
    assert lm["severity"] == "major" and lm["location"]["lines"]["begin"] == 5
    # From a subfolder: the same report, byte for byte.
    monkeypatch.chdir(repo / "specs")
    assert run(capsys, "check", "--format", "gitlab", ".")[1] == out


def test_junit_cases_carry_file_and_line(repo, capsys):
    _, out, _ = run(capsys, "check", "--format", "junit", "specs/weak.reform")
    cases = {c.get("name"): c for c in ET.fromstring(out).iter("testcase")}
    assert all(c.get("file") == "specs/weak.reform" for c in cases.values())
    assert cases["lftm.buy_in"].get("line") == "11"
    assert cases["compiles"].get("line") is None  # nothing wrong: no line to point at


# ------------------------------------------------------------------ the flags people type
def test_statistics(repo, capsys):
    code, out, _ = run(capsys, "check", "--statistics", "specs/weak.reform")
    lines = out.splitlines()
    assert re.match(r"\s*2\s+BI004\s+big_ideas\.collective_capacity", lines[0])
    assert all(re.match(r"\s*\d+\s+[A-Z]+\d{3}\s", line) for line in lines)
    _, out, _ = run(capsys, "check", "--statistics", "--format", "json", "specs/weak.reform")
    assert json.loads(out)[0] == {"code": "BI004", "count": 2, "fixable": 0,
                                  "message": json.loads(out)[0]["message"], "principle":
                                  "big_ideas.collective_capacity"}


def test_exit_zero_and_quiet(repo, capsys):
    assert run(capsys, "check", "--fail-on", "warning", "specs/weak.reform")[0] == 1
    code, out, err = run(capsys, "check", "--fail-on", "warning", "--exit-zero", "-q", "specs/weak.reform")
    assert code == 0
    assert "warning[" in out and "scorecard" not in out and "checked 1 file" not in out
    # Usage and I/O problems still fail.
    assert run(capsys, "check", "--exit-zero", "nowhere.reform")[0] == 2


def test_extend_select_and_extend_ignore_add_to_the_configuration(repo, capsys):
    def codes(*argv):
        _, out, _ = run(capsys, "check", "--format", "json", *argv, "specs/weak.reform")
        return {f["code"] for f in json.loads(out)["findings"]}

    everything = codes()
    assert "LM009" not in everything  # ignored by pyproject.toml
    assert codes("--extend-ignore", "LM001") == everything - {"LM001"}  # LM009 stays ignored
    assert "LM009" in codes("--ignore", "LM001")  # --ignore replaces the file's list
    assert codes("--select", "lftm", "--extend-select", "BI004") == {
        c for c in everything if c.startswith("LM") or c == "BI004"}
    code, _, err = run(capsys, "check", "--extend-ignore", "LM999", "specs/weak.reform")
    assert code == 2 and "--extend-ignore: `LM999`" in err


def test_show_settings_says_where_each_value_comes_from(repo, capsys):
    (repo / "specs" / "old_plan.reform").write_text(WEAK.read_text())
    code, out, _ = run(capsys, "check", "--show-settings", "--fail-on", "warning", "--extend-ignore", "LM001",
                       "specs/old_plan.reform")
    assert code == 0
    assert "# configuration file: pyproject.toml" in out
    assert f"# project root: {repo.resolve()}" in out
    assert re.search(r'^ignore = \["LM009", "LM001", "BI013"\]\s+# pyproject.toml \+ --extend-ignore '
                     r'\+ per-file-ignores "specs/old_\*"$', out, re.M)
    assert re.search(r'^fail-on = "warning"\s+# --fail-on$', out, re.M)
    assert re.search(r"^select = every rule\s+# default$", out, re.M)


def test_stdin_filename_applies_the_files_configuration(repo, capsys, monkeypatch):
    text = WEAK.read_text()

    def check_stdin(name):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        _, out, _ = run(capsys, "check", "--format", "json", "--stdin-filename", name)
        return json.loads(out)

    doc = check_stdin("specs/old_draft.reform")
    assert {f["path"] for f in doc["findings"]} == {"specs/old_draft.reform"}
    codes = {f["code"] for f in doc["findings"]}
    assert "BI013" not in codes and "LM009" not in codes  # per-file-ignores and ignore both apply
    assert "BI013" in {f["code"] for f in check_stdin("specs/new.reform")["findings"]}


def test_dash_output_is_standard_output_everywhere(repo, capsys):
    code, out, _ = run(capsys, "check", "--format", "json", "-o", "-", "specs/weak.reform")
    assert json.loads(out)["version"] == 1 and not (repo / "-").exists()
    code, out, _ = run(capsys, "simconfig", str(NPDL), "-o", "-")
    assert code == 0 and json.loads(out) and not (repo / "-").exists()
    code, out, _ = run(capsys, "plan", str(NPDL), "-o", "-")
    assert code == 0 and out.startswith("#") and not (repo / "-").exists()
    code, _, err = run(capsys, "build", str(NPDL), "-o", "-")
    assert code == 2 and "folder" in err


def test_fmt_check_and_diff_together(repo, capsys):
    spec = repo / "specs" / "loose.reform"
    spec.write_text('use lftm\ninitiative r "R" { period: 2027 .. 2030 }\n')
    code, out, err = run(capsys, "fmt", "--check", "--diff", str(spec))
    assert code == 1
    assert out.startswith("--- ") and "+  period: 2027 .. 2030" in out  # a patch on standard output
    assert "would reformat" in err and spec.read_text().startswith("use lftm\ninitiative r")
    shutil.copy(NPDL, spec)
    assert run(capsys, "fmt", "--check", "--diff", str(spec))[:2] == (0, "")


def test_term_dumb_means_no_colour(monkeypatch):
    from reformlang.cli.common import use_colour

    class Tty(io.StringIO):
        def isatty(self):
            return True

    for var in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_colour(Tty())
    monkeypatch.setenv("TERM", "dumb")
    assert not use_colour(Tty())


def test_progress_bar_shows_an_eta(monkeypatch):
    from reformlang.simulation.progress import ProgressBar, eta

    assert eta(10.0, 1, 4) == "0:30" and eta(0, 0, 4) == "--:--" and eta(7200, 1, 2) == "2:00:00"

    class Tty(io.StringIO):
        def isatty(self):
            return True

    ticks = iter([0.0, 5.0, 10.0, 20.0])
    stream = Tty()
    bar = ProgressBar("building", stream, clock=lambda: next(ticks))
    bar(1, 4, "a.reform")
    bar(2, 4, "b.reform")
    assert "ETA 0:15" in stream.getvalue() and "ETA 0:10" in stream.getvalue()
    assert "b.reform" in stream.getvalue()
    monkeypatch.setenv("TERM", "dumb")
    assert not ProgressBar("building", Tty()).enabled  # a terminal that cannot redraw a line


def test_every_check_flag_has_an_example_and_is_in_the_docs():
    from reformlang.cli import check as check_cli

    ci_md = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for action in _parser("check")._actions:
        names = action.option_strings
        if not names or "--help" in names:
            continue
        assert any(re.search(re.escape(n) + r"(?![\w-])", check_cli.EXAMPLE) for n in names), (
            f"`check --help` has no example of {names}")
        assert any(f"`{n}" in ci_md for n in names), f"docs/ci.md does not describe {names}"
    for command, flag in (("fmt", "--check --diff"), ("build", "--watch"), ("completion", "bash")):
        assert flag in _parser(command).format_help()


def _parser(command: str):
    """One command's parser, in full."""
    parser = build_parser(command)
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices[command]


# ------------------------------------------------------------------ completion
def test_bash_completion_completes_commands_flags_and_values():
    out = subprocess.run([*REFORMLANG, "completion", "bash"], capture_output=True, text=True, check=True).stdout
    script = Path(os.environ.get("TMPDIR", "/tmp")) / f"reformlang-completion-{os.getpid()}.bash"
    script.write_text(out)
    try:
        def complete(*words):
            probe = (f'source "{script}"; COMP_WORDS=(reformlang {" ".join(repr(w) for w in words)}); '
                     f'COMP_CWORD={len(words)}; _reformlang; printf "%s\\n" "${{COMPREPLY[@]}}"')
            return subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True).stdout.split()

        assert "check" in complete("ch") and "completion" in complete("comp")
        assert set(complete("check", "--fi")) == {"--fix"}
        assert complete("check", "--format", "") == ["text", "json", "sarif", "github", "junit", "gitlab"]
        assert complete("completion", "") == ["bash", "zsh", "fish"]
    finally:
        script.unlink()


def test_zsh_and_fish_completion_cover_every_check_flag():
    flags = {o for a in _parser("check")._actions for o in a.option_strings if o.startswith("--")}
    zsh = subprocess.run([*REFORMLANG, "completion", "zsh"], capture_output=True, text=True, check=True).stdout
    fish = subprocess.run([*REFORMLANG, "completion", "fish"], capture_output=True, text=True, check=True).stdout
    assert zsh.startswith("#compdef reformlang")
    check_block = zsh.split("        check)")[1].split(";;")[0]
    for flag in flags:
        assert f"'{flag}[" in check_block
        assert re.search(r"^complete -c reformlang -n '__fish_seen_subcommand_from check' .*-l "
                         + re.escape(flag[2:]) + r"\b", fish, re.M)
    assert "(text json sarif github junit gitlab)" in check_block


@needs("zsh")
def test_zsh_completion_script_is_valid_zsh(tmp_path):
    script = tmp_path / "_reformlang"
    script.write_text(subprocess.run([*REFORMLANG, "completion", "zsh"], capture_output=True, text=True,
                                     check=True).stdout)
    done = subprocess.run(["zsh", "-n", str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@needs("fish")
def test_fish_completes_flags_and_their_values(tmp_path):
    script = tmp_path / "reformlang.fish"
    script.write_text(subprocess.run([*REFORMLANG, "completion", "fish"], capture_output=True, text=True,
                                     check=True).stdout)

    def complete(line):
        done = subprocess.run(["fish", "--no-config", "-c", f"source {script}; complete -C '{line}'"],
                              capture_output=True, text=True, check=True)
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert "--unsafe-fixes" in complete("reformlang check --unsafe")
    assert complete("reformlang check --format ") == sorted(["text", "json", "sarif", "github", "junit", "gitlab"])
    assert "completion" in complete("reformlang compl")


# ------------------------------------------------------------------ --watch
def test_watch_runs_again_when_a_used_file_changes(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "vocab.reform").write_text('vocabulary outcome {\n  word numeracy_plus "More numeracy" {}\n}\n')
    spec = tmp_path / "spec.reform"
    spec.write_text(WEAK.read_text().replace("use lftm", 'use lftm\nuse "./vocab.reform"'))
    env = {**os.environ, "REFORMLANG_WATCH_POLL": "0.05", "REFORMLANG_WATCH_DEBOUNCE": "0.1", "NO_COLOR": "1"}
    # A warm result cache first: a run served from it must still watch the `use`d file.
    subprocess.run([*REFORMLANG, "check", "--statistics", "spec.reform"], cwd=tmp_path, env=env,
                   capture_output=True, check=False)
    # Ctrl-C as a terminal sends it: a suite started in the background by a shell ignores SIGINT, and a child
    # would inherit that, so the watcher starts with SIGINT's default (Python then raises KeyboardInterrupt).
    proc = subprocess.Popen([*REFORMLANG, "check", "--watch", "--statistics", "spec.reform"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    err: list[str] = []
    try:
        def wait_for(pattern, stream, seen):
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                line = stream.readline()
                seen.append(line)
                if re.search(pattern, line):
                    return
            raise AssertionError(f"no {pattern!r} in {''.join(seen)}")

        wait_for(r"watching \d+ files", proc.stderr, err)
        # A change to the file the spec `use`s (not a spec named on the command line) starts a new run.
        time.sleep(0.1)
        (tmp_path / "vocab.reform").write_text('vocabulary outcome {\n  word numeracy_more "More" {}\n}\n')
        wait_for(r"vocab.reform changed; running again", proc.stderr, err)
        wait_for(r"watching \d+ files", proc.stderr, err)
    finally:
        proc.send_signal(signal.SIGINT)
        try:  # generous: CI machines may be loaded; a watch that ignores Ctrl-C still fails here
            out, rest = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, rest = proc.communicate()
            raise AssertionError(f"--watch did not stop on Ctrl-C; it said: {''.join(err)}{rest}") from None
    assert proc.returncode == 0 and "stopped watching" in rest
    assert out.count("BI004") == 2  # two runs, each with its statistics


# ------------------------------------------------------------------ pre-commit
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]


def _commit_all(folder: Path) -> None:
    if not (folder / ".git").exists():
        subprocess.run([*GIT, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=folder, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "scratch"], cwd=folder, check=True)


def _scratch_repository(tmp_path: Path) -> Path:
    """A copy of this repository, committed, as `pre-commit try-repo` needs a git repository; with two specs
    for the hooks to fail on, committed too (an uncommitted change would make try-repo build a new environment)."""
    copy = tmp_path / "reformlang"
    ignore = shutil.ignore_patterns(".venv", ".git", "build", "__pycache__", "*.egg-info", ".pytest_cache",
                                    ".hypothesis", "node_modules", "site")
    shutil.copytree(ROOT, copy, ignore=ignore)
    scratch = copy / "scratch"
    scratch.mkdir()
    (scratch / "broken.reform").write_text('use lftm\ninitiative x "X" {\n  period: 2026 ..\n}\n')
    (scratch / "loose.reform").write_text('use lftm\ninitiative r "R" { period: 2027 .. 2030 }\n')
    _commit_all(copy)
    return copy


@needs("git")
def test_pre_commit_hooks_run_with_try_repo(tmp_path):
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"reformlang-check", "reformlang-fmt"}
    assert all(h["language"] == "python" and h["files"] == r"\.reform$" for h in hooks.values())
    copy = _scratch_repository(tmp_path)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}

    def try_repo(*argv):
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", ".", *argv], cwd=copy, env=env,
                              capture_output=True, text=True, timeout=900)

    ok = try_repo("reformlang-check", "--files", "examples/npdl.reform")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"reformlang check\.+Passed", ok.stdout)
    # Both hooks at once (try-repo builds a fresh environment per call): a spec that does not compile fails
    # the check, and a spec out of layout is rewritten by fmt, which fails so that the author stages it.
    both = try_repo("--files", "examples/npdl.reform", "scratch/broken.reform", "scratch/loose.reform")
    assert both.returncode == 1
    assert re.search(r"reformlang check\.+Failed", both.stdout) and "scratch/broken.reform:4:1: error[E002]" in both.stdout
    assert "error[E002]" in both.stdout
    assert re.search(r"reformlang fmt\.+Failed", both.stdout) and "files were modified by this hook" in both.stdout
    assert (copy / "scratch" / "loose.reform").read_text() == (
        'use lftm\n\ninitiative r "R" {\n  period: 2027 .. 2030\n}\n')
    assert (copy / "examples" / "npdl.reform").read_text() == NPDL.read_text()  # already canonical


# ------------------------------------------------------------------ the GitHub Action
def _expand(text: str, inputs: dict, outputs: dict) -> str:
    def value(m):
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        if expr.startswith("steps."):
            _, step, _, name = expr.split(".")
            return outputs.get(step, {}).get(name, "")
        raise AssertionError(f"unexpected expression {expr}")

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _condition(expr: str | None, inputs: dict) -> bool:
    """The few conditions action.yml uses, evaluated as GitHub would for a step that succeeded."""
    if expr is None:
        return True
    expr = re.sub(r"inputs\.([\w-]+)", lambda m: repr(inputs[m.group(1)]), expr)
    expr = expr.replace("always()", "True").replace("&&", " and ").replace("==", " == ")
    expr = re.sub(r"steps\.\w+\.outcome", "'success'", expr)
    return bool(eval(expr, {}, {}))  # noqa: S307 - our own action.yml, a handful of literals


def test_the_action_installs_from_its_checkout_and_checks_with_annotations_and_sarif(tmp_path):
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {k: v.get("default", "") for k, v in action["inputs"].items()}
    inputs.update(paths="specs", args="--fail-on warning", sarif="true", python=sys.executable)
    workspace = tmp_path / "workspace"
    (workspace / "specs").mkdir(parents=True)
    (workspace / ".git").mkdir()
    shutil.copy(WEAK, workspace / "specs" / "weak.reform")
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    github_path, github_output = tmp_path / "GITHUB_PATH", tmp_path / "GITHUB_OUTPUT"
    github_path.touch()
    # The test's own environment provides the dependencies (lark, numpy, ...) on PYTHONPATH, where pip finds
    # them already installed: it only builds reformlang from the action's folder, in seconds, not minutes.
    site = [p for p in sys.path if p.endswith("site-packages")]
    env = {**os.environ, "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_WORKSPACE": str(workspace),
           "RUNNER_TEMP": str(runner_temp), "GITHUB_PATH": str(github_path), "GITHUB_OUTPUT": str(github_output),
           "GITHUB_ACTIONS": "true", "CI": "true", "PYTHONPATH": os.pathsep.join(site),
           "NO_COLOR": "1"}
    outputs: dict[str, dict] = {}
    results = {}
    for step in action["runs"]["steps"]:
        if not _condition(step.get("if"), inputs):
            continue
        if "uses" in step:
            assert step["uses"].startswith("github/codeql-action/upload-sarif@")
            uploaded = _expand(step["with"]["sarif_file"], inputs, outputs)
            assert (workspace / uploaded).is_file()
            continue
        assert step["shell"] == "bash"
        step_env = {**env, **{k: _expand(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}}
        # Inputs reach the script only through the environment, never spliced into it.
        assert "${{" not in step["run"]
        # Each earlier step's `$GITHUB_PATH` lines are on PATH for the later ones, as on GitHub.
        extra = [line for line in github_path.read_text().splitlines() if line]
        step_env["PATH"] = os.pathsep.join([*extra, step_env["PATH"]])
        github_output.write_text("")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workspace, env=step_env, capture_output=True, text=True, timeout=600)
        results[step["name"]] = done
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in github_output.read_text().splitlines())
        if step["name"] != "Check":
            assert done.returncode == 0, done.stdout + done.stderr
    assert "reformlang 0.1.0" in results["Install reformlang"].stdout
    check = results["Check"]
    assert check.returncode == 1  # --fail-on warning, and weak.reform has warnings
    assert re.search(r"^::warning file=specs/weak\.reform,line=\d+", check.stdout, re.M)
    sarif = json.loads((workspace / "reformlang.sarif").read_text())
    assert sarif["runs"][0]["results"] and outputs["sarif"]["sarif-file"] == "reformlang.sarif"
    assert any(line.endswith("reformlang-venv/bin") for line in github_path.read_text().splitlines())


def test_sarif_from_cached_results_keeps_suppressions_and_fixes(repo, capsys, monkeypatch):
    """The result cache stores each finding's fix and the waived findings with their reasons."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / "cache"))
    (repo / "specs" / "typo.reform").write_text(
        'use lftm\ninitiative r "R" {\n  period: 2027 .. 2030\n  level ministry "M" { tier: topp }\n}\n')
    run(capsys, "check", "--format", "json", "specs/")  # fills the cache, file by file
    cached = _sarif(capsys, "specs/")
    fresh = _sarif(capsys, "--no-cache", "specs/")
    assert cached == fresh
    results = cached["runs"][0]["results"]
    assert any("suppressions" in r for r in results) and any("fixes" in r for r in results)
    assert any((repo / "cache" / "reformlang").rglob("*")), "the cache was not used"
