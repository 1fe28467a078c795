"""Plans and marked diagrams show what `reformlang check` reports: the project configuration applies."""

from __future__ import annotations

from conftest import EXAMPLES

from reformlang.cli.main import main


def _spec(tmp_path, config: str | None):
    spec = tmp_path / "nz.reform"
    spec.write_text((EXAMPLES / "new_zealand_2014.reform").read_text(encoding="utf-8"), encoding="utf-8")
    if config is not None:
        (tmp_path / "reformlang.toml").write_text(config, encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the configuration search stops here
    return spec


def test_plan_leaves_out_what_the_configuration_ignores(tmp_path):
    spec = _spec(tmp_path, None)
    assert main(["plan", str(spec), "--format", "md", "-o", str(tmp_path / "before.md")]) == 0
    assert "LM008" in (tmp_path / "before.md").read_text(encoding="utf-8")
    (tmp_path / "reformlang.toml").write_text('ignore = ["lftm.buy_in"]\n', encoding="utf-8")
    assert main(["plan", str(spec), "--format", "md", "-o", str(tmp_path / "after.md")]) == 0
    assert "LM008" not in (tmp_path / "after.md").read_text(encoding="utf-8")


def test_a_broken_configuration_stops_plan_and_build_with_its_location(tmp_path, capsys):
    spec = _spec(tmp_path, 'ignroe = ["lftm.buy_in"]\n')
    assert main(["plan", str(spec), "--format", "md", "-o", str(tmp_path / "plan.md")]) == 2
    err = capsys.readouterr().err
    assert "reformlang.toml:1:1" in err and "ignore" in err and "no plan was written" in err
    assert not (tmp_path / "plan.md").exists()
    assert main(["build", str(spec), "-o", str(tmp_path / "out")]) == 2
    assert "nothing was built" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_build_writes_what_check_prints(tmp_path, capsys):
    spec = _spec(tmp_path, 'ignore = ["LM011"]\n')
    for fmt, name in (("text", "check.txt"), ("json", "check.json")):
        assert main(["check", "--format", fmt, str(spec)]) == 0
        expected = capsys.readouterr().out
        out = tmp_path / f"out-{fmt}"
        assert main(["build", str(spec), "-o", str(out), "--runs", "2"]) == 0
        assert (out / "nz" / name).read_text(encoding="utf-8") == expected
        assert "LM011" not in expected
