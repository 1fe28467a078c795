"""Diagrams of large designs never hang: past a budget of boxes a view is drawn as counts, and says so."""

from __future__ import annotations

import re

import pytest
from conftest import CONTRACT, needs

from reformlang.backends import graph
from reformlang.backends.graph.diagram import Timeline
from reformlang.cli.main import main
from reformlang.driver import compile_path


def many_initiatives(tmp_path, copies: int):
    """The contract's initiative `copies` times over, with fresh ids: a design far past any budget."""
    text = CONTRACT.read_text(encoding="utf-8")
    head, _, body = text.partition("initiative ")
    body = "initiative " + body
    assert body.startswith("initiative literacy_partnership ")
    parts = [head] + [body.replace("initiative literacy_partnership", f"initiative literacy_partnership_{i}", 1)
                      for i in range(copies)]
    path = tmp_path / "big.reform"
    path.write_text("".join(parts), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = many_initiatives(tmp_path_factory.mktemp("big"), 100)
    comp = compile_path(path)
    assert comp.ok, [d.message for d in comp.diagnostics if d.severity.name == "ERROR"][:3]
    return comp.spec


def boxes(d) -> int:
    return len(d.bars) if isinstance(d, Timeline) else len(d.nodes)


@pytest.mark.parametrize("view", graph.VIEWS)
def test_a_view_past_the_budget_is_drawn_as_counts_and_says_so(big, view):
    whole = graph.diagram(big, view, budget=None)
    assert boxes(whole) > graph.NODE_BUDGET
    said = []
    d = graph.diagram(big, view, note=said.append)
    assert boxes(d) <= 12
    (sentence,) = said
    assert f"{boxes(whole):,}" in sentence and "counts per" in sentence
    assert any("counts per" in n for n in d.notes)
    for fmt in ("dot", "mermaid"):
        assert "counts per" in graph.render(big, view, fmt)


def test_the_counts_add_up(big):
    whole = graph.diagram(big, "logic", budget=None)
    d = graph.diagram(big, "logic")
    counted = sum(int(re.match(r"([\d,]+)", n.details[0]).group(1).replace(",", "")) for n in d.nodes)
    assert counted == len(whole.nodes)
    arrows = sum(int(re.match(r"([\d,]+)", e.label).group(1).replace(",", "")) for e in d.edges)
    among = sum(int(re.match(r"([\d,]+)", x).group(1).replace(",", "")) for n in d.nodes for x in n.details
                if "among them" in x)
    ends = {n.id for n in whole.nodes}
    assert arrows + among == sum(1 for e in whole.edges if e.source in ends and e.target in ends)


def test_a_design_within_the_budget_is_drawn_box_by_box():
    spec = compile_path(CONTRACT).spec
    for view in graph.VIEWS:
        said = []
        assert graph.diagram(spec, view, note=said.append) == graph.diagram(spec, view, budget=None)
        assert said == []


@needs("dot")
def test_graph_says_so_on_stderr_and_max_nodes_0_draws_every_box(tmp_path, capsys):
    path = many_initiatives(tmp_path, 100)
    out = tmp_path / "system.svg"
    assert main(["graph", str(path), "--view", "system", "--format", "svg", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "the system view:" in err and "shown as counts per tier" in err
    assert "counts per tier" in out.read_text(encoding="utf-8")
    assert main(["graph", str(path), "--view", "system", "--max-nodes", "0"]) == 0
    drawn, err = capsys.readouterr()
    assert "counts per" not in drawn + err, (drawn[-300:], err)
    assert drawn.count("tier · ") > graph.NODE_BUDGET
    assert main(["graph", str(path), "--view", "system", "--max-nodes", "5000"]) == 0
    assert "counts per" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["graph", str(path), "--max-nodes", "-3"])
