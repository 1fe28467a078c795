"""`reformlang graph`: the four views as DOT and Mermaid (golden), drawn by the real Graphviz, escaped, deterministic."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import CONTRACT, needs
from reformlang.backends import graph
from reformlang.stages import review
from reformlang.backends.findings import locate
from reformlang.cli.main import main
from reformlang.driver import compile_path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
ESCAPING = HERE / "golden" / "graph" / "escaping.reform"
NASTY_TITLE = 'Quote " <b>bold</b> {braces} [brackets] & amp \\ back # hash | pipe ; semi % pct `tick` 😀 end'
HAS_DOT = shutil.which("dot") is not None
needs_dot = needs("dot")


def _spec(path: Path, display: str | None = None):
    comp = compile_path(path, display)
    assert comp.ok, [d.message for d in comp.diagnostics]
    return comp.spec


@pytest.fixture
def contract(contract_path):
    # A display name, not the absolute path, so the golden files hold no machine's folders.
    return _spec(contract_path, "contract.reform")


@pytest.mark.parametrize("view", graph.VIEWS)
def test_contract_dot_matches_golden(contract, golden, view):
    golden.check(f"graph/contract_{view}.dot", graph.render(contract, view, "dot"))


@pytest.mark.parametrize("view", graph.VIEWS)
def test_contract_mermaid_matches_golden(contract, golden, view):
    golden.check(f"graph/contract_{view}.mmd", graph.render(contract, view, "mermaid"))


def test_system_view_reads_as_bands_counts_and_flows(contract):
    dot = graph.render(contract, "system", "dot")
    # Three tiers, top to bottom, each a band with its levels.
    assert dot.index("cluster_tier_top") < dot.index("cluster_tier_middle") < dot.index("cluster_tier_bottom")
    assert "4,900 units" in dot and "led by Principals" in dot
    # Money is drawn with its amount; the feedback link points upward without pulling the bands apart.
    assert "25,000,000 CAD" in dot
    assert re.search(r'"ministry" -> "districts" \[[^\]]*style=dashed[^\]]*dir=back', dot)
    # Co-learning among districts is a dotted loop that does not take part in ranking.
    assert re.search(r'"districts" -> "districts" \[[^\]]*style=dotted[^\]]*constraint=false', dot)


def test_a_national_system_is_drawn_as_counts_not_one_box_per_school():
    spec = _spec(ESCAPING)
    dot = graph.render(spec, "system", "dot")
    assert "1,500,000 units" in dot
    assert dot.count("->") < 20 and len(dot) < 20_000


def _spec_every_view_can_draw():
    paths = sorted(EXAMPLES.glob("*.reform")) + [ESCAPING]
    return paths + [CONTRACT]


@needs_dot
@pytest.mark.parametrize("path", _spec_every_view_can_draw(), ids=lambda p: p.stem)
def test_real_dot_draws_every_view_as_valid_svg(path):
    spec = _spec(path)
    located = locate(spec, review(spec).findings)
    for view in graph.VIEWS:
        svg = graph.render(spec, view, "svg", located)
        root = ET.fromstring(svg)  # valid XML, or this raises
        assert root.tag == "{http://www.w3.org/2000/svg}svg", view
        assert root.find(".//{http://www.w3.org/2000/svg}g") is not None, view


@needs_dot
def test_titles_with_any_character_survive_dot_unchanged():
    spec = _spec(ESCAPING)
    for view in graph.VIEWS:
        svg = graph.render(spec, view, "svg")
        texts = " ".join(t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"))
        # The title is drawn exactly as typed, quotes, tags, braces, backslash and emoji included.
        assert NASTY_TITLE in texts, view


_ENTITY = re.compile(r"#\d+;")


def _mermaid_labels(text: str) -> list[str]:
    return re.findall(r'"((?:[^"\n])*)"', text)


def test_mermaid_labels_hold_no_raw_character_that_breaks_them():
    spec = _spec(ESCAPING)
    for view in ("system", "logic", "network"):  # the timeline is a Gantt chart: see the next test
        text = graph.render(spec, view, "mermaid")
        labels = _mermaid_labels(text)
        assert labels, view
        for label in labels:
            bare = _ENTITY.sub("", label.replace("<br/>", "").replace("<b>", "").replace("</b>", ""))
            assert not set(bare) & set('"<>{}[]|#;%&\\`'), (view, label)
        # Outside labels, no title leaks into the syntax.
        outside = re.sub(r'"[^"\n]*"', "", text)
        assert "bold" not in outside, view
        if view == "system":
            assert "Schools 🏫" in text  # Unicode beyond ASCII passes through as itself


def test_mermaid_timeline_task_names_hold_no_colon_or_hash():
    text = graph.render(_spec(ESCAPING), "timeline", "mermaid")
    for line in text.splitlines()[6:]:
        if line.strip().startswith("section"):
            assert ":" not in line
            continue
        name, _, data = line.rpartition(" :")
        assert ":" not in name and not set(_ENTITY.sub("", name)) & set('#;%"<>{}[]'), line


def test_same_spec_same_bytes(contract_path):
    first = {(v, f): graph.render(_spec(contract_path), v, f) for v in graph.VIEWS for f in ("dot", "mermaid")}
    second = {(v, f): graph.render(_spec(contract_path), v, f) for v in graph.VIEWS for f in ("dot", "mermaid")}
    assert first == second


@needs_dot
def test_same_spec_same_svg_bytes(contract_path):
    assert graph.render(_spec(contract_path), "system", "svg") == graph.render(_spec(contract_path), "system", "svg")


# --------------------------------------------------------------- the command
WEAK = """use big_ideas
use lftm
initiative solo "Schools on their own" {
  period: 2026 .. 2030
  level ministry "Ministry" { tier: top  units: 1 }
  level schools "Schools" { tier: bottom  units: 2_500 }
  link ministry -> schools { direction }
}
"""


def test_findings_mark_the_elements_in_red_with_their_principles(tmp_path, capsys):
    spec = tmp_path / "weak.reform"
    spec.write_text(WEAK, encoding="utf-8")
    assert main(["graph", str(spec), "--findings"]) == 0
    marked = capsys.readouterr().out
    assert main(["graph", str(spec)]) == 0
    plain = capsys.readouterr().out
    assert "#c0392b" in marked and "#c0392b" not in plain
    from reformlang.backends.findings import principle_title

    parsed = _spec(spec)
    found = [d for d in review(parsed).findings if not d.unstated]  # a fact left out is not marked
    # Boxes name the principle a finding concerns, never a bare rule code.
    assert found and all(principle_title(parsed.library, d.principle) in marked for d in found)
    assert not any(d.code in marked for d in found)
    assert main(["graph", str(spec), "--findings", "--format", "mermaid"]) == 0
    assert "⚠" in capsys.readouterr().out


def test_writes_a_file_and_defaults_to_the_system_view_as_dot(contract_path, tmp_path, capsys):
    out = tmp_path / "system.dot"
    assert main(["graph", str(contract_path), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith('digraph "system"')
    assert capsys.readouterr().out == ""


@needs_dot
def test_png_is_written_through_graphviz(contract_path, tmp_path):
    out = tmp_path / "logic.png"
    assert main(["graph", str(contract_path), "--view", "logic", "--format", "png", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_png_needs_a_file(contract_path, capsys):
    assert main(["graph", str(contract_path), "--format", "png"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_without_graphviz_svg_says_how_to_install_it_and_text_formats_still_work(contract_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", "")
    assert main(["graph", str(contract_path), "--format", "svg"]) == 2
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "brew install graphviz" in err
    assert main(["graph", str(contract_path), "--format", "mermaid"]) == 0
    assert capsys.readouterr().out.startswith("flowchart TB")
    assert main(["graph", str(contract_path), "--format", "dot"]) == 0


def test_a_spec_with_errors_is_reported_not_drawn(tmp_path, capsys):
    bad = tmp_path / "bad.reform"
    bad.write_text('initiative x "X" {\n  level a "A" { tier: upper }\n}\n', encoding="utf-8")
    assert main(["graph", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "bad.reform:2:" in captured.err


def test_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["graph", str(tmp_path / "nope.reform")]) == 2
    assert "nope.reform" in capsys.readouterr().err


# ------------------------------------------------------------ any title at all
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reformlang.semantics import model  # noqa: E402

_titles = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def _initiatives(draw):
    t = lambda: draw(st.one_of(st.none(), _titles))  # noqa: E731
    levels = (model.Level("top_level", t(), "top", draw(st.one_of(st.none(), st.integers(1, 10**7))), t()),
              model.Level("mid", t(), "middle", 3, t()), model.Level("low", t(), "bottom", 40, None))
    period = draw(st.one_of(st.none(), st.just(model.Period(2026, 2030))))
    indicator = model.Indicator("ind", t(), model.Measurement(10, "percent", 2026),
                                model.Measurement(20, "percent", 2030), t())
    strategy = model.Strategy("strat", t(), "mid", ("low", draw(_titles)), ("capacity",), period)
    funding = model.Funding("fund", t(), model.Money(1000, "EUR"), "top_level", draw(st.sampled_from(["mid", None])),
                            ("capacity",), period)
    network = model.Network("net", t(), "low", model.SizeRange(5, 20), "open", draw(_titles), "monthly", ("ind",),
                             (draw(_titles),), (), (draw(_titles),), (draw(_titles), "families"), ("fund",))
    phase = model.Phase("ph", t(), period, 50)
    return model.Initiative(
        "ini", t(), t(), period, t(), None, None, levels,
        (model.Link("top_level", "mid", False, ("direction", "funding")),
         model.Link("mid", "top_level", False, ("feedback",)), model.Link("mid", "mid", True, ("co_learning",))),
        (model.Priority("prio", t(), ("literacy",), None, "mid", (indicator,), (strategy,)),),
        None, (funding,), (network,), model.Rollout("diffusion", (phase,)), None)


@needs_dot
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_initiatives())
def test_any_titles_draw_with_real_dot_and_stay_inside_mermaid_labels(initiative):
    spec = model.Spec("any.reform", (initiative,), (), model.Library())
    for view in graph.VIEWS:
        ET.fromstring(graph.render(spec, view, "svg"))
        text = graph.render(spec, view, "mermaid")
        for label in _mermaid_labels(text):
            bare = _ENTITY.sub("", label.replace("<br/>", "").replace("<b>", "").replace("</b>", ""))
            assert not set(bare) & set('"<>{}[]|#;%&\\`'), (view, label)


def test_an_initiative_with_nothing_in_it_still_draws_every_view(tmp_path):
    path = tmp_path / "bare.reform"
    path.write_text('initiative bare "Bare" {\n}\n', encoding="utf-8")
    spec = _spec(path)
    for view in graph.VIEWS:
        text = graph.render(spec, view, "mermaid")
        assert len(text.splitlines()) > 1, view  # never an empty chart, which Mermaid refuses
        if HAS_DOT:
            ET.fromstring(graph.render(spec, view, "svg"))
    assert "declares no levels" in graph.render(spec, "system", "dot")


# -- which element a finding is on: the smallest span around it, found without trying every element
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from reformlang.backends.findings import _Places  # noqa: E402
from reformlang.source import SourceFile, Span  # noqa: E402


@st.composite
def nested_spans(draw, start: int = 0, end: int = 60, depth: int = 0) -> list[tuple[int, int]]:
    """Spans that nest as blocks do (siblings may touch), some repeated, in no particular order."""
    out: list[tuple[int, int]] = []
    pos = start
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        a = draw(st.integers(pos, end))
        b = draw(st.integers(a, end))
        out.append((a, b))
        if draw(st.booleans()):
            out.append((a, b))  # the same span twice: the first keeps it
        out += draw(nested_spans(a, b, depth + 1))
        pos = b
    return draw(st.permutations(out)) if depth == 0 else out


@settings(max_examples=500, deadline=None)
@given(nested_spans(), st.data())
def test_a_finding_is_on_the_smallest_element_around_it_the_first_of_that_size(spans, data):
    source = SourceFile("t.reform", " " * 70)
    elements = [((("k", "i", str(n))), Span(source, a, b)) for n, (a, b) in enumerate(spans)]
    places = _Places(elements)
    edges = sorted({x for ab in spans for x in ab}) or [0]
    position = st.one_of(st.integers(0, 60), st.sampled_from(edges))  # often where an element starts or ends
    for start, width in data.draw(st.lists(st.tuples(position, st.sampled_from([0, 0, 1, 3, 8])), max_size=10)):
        span = Span(source, start, start + width)
        best = None  # the definition: try every element
        for element, s in elements:
            if s.start <= span.start and span.end <= s.end and (best is None or s.end - s.start < best[0]):
                best = (s.end - s.start, element)
        assert places.around(span) == (best[1] if best else None), (spans, span)


def test_an_empty_finding_where_one_element_ends_and_the_next_starts_is_on_the_smaller():
    source = SourceFile("t.reform", " " * 40)
    elements = [(("k", "i", "before"), Span(source, 0, 10)), (("k", "i", "after"), Span(source, 10, 30)),
                (("k", "i", "same"), Span(source, 20, 30)), (("k", "i", "next"), Span(source, 30, 40))]
    places = _Places(elements)
    assert places.around(Span(source, 10, 10)) == ("k", "i", "before")  # 10 characters against 20
    assert places.around(Span(source, 30, 30)) == ("k", "i", "same")  # 10 against 10: the first
    assert places.around(Span(source, 12, 14)) == ("k", "i", "after")
