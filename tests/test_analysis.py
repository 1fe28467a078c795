"""The analysis of a design: who owns the work, where the money goes, what runs along the links."""

from __future__ import annotations

from reformlang.analysis import UNKNOWN, analyse
from reformlang.driver import compile_source
from reformlang.source import SourceFile

CENTRAL = """\
initiative central "Central" {
  period: 2026 .. 2030
  level ministry "Ministry" { tier: top  units: 1  leader: "Minister" }
  level districts "Districts" { tier: middle  units: 50  leader: "Council" }
  level schools "Schools" { tier: bottom  units: 2_000 }
  link ministry -> districts { direction }
  link districts -> schools { direction }
  priority literacy "Literacy" {
    owner: ministry
    strategy s1 "One" { owner: ministry  reaches: schools }
    strategy s2 "Two" { owner: ministry  reaches: schools }
    strategy s3 "Three" { owner: ministry  reaches: schools }
    strategy s4 "Four" { owner: ministry  reaches: schools }
    strategy s5 "Five" { owner: ministry  reaches: schools }
    strategy token "Token" { owner: districts  reaches: schools }
  }
  funding main "Main" { amount: 999_000_000 CAD  from: ministry  to: ministry  period: 2026 .. 2030 }
  funding sliver "Sliver" { amount: 1_000_000 CAD  from: ministry  to: districts  period: 2026 .. 2030 }
  funding unsized "No amount" { from: ministry  to: schools }
}
"""


def design(text: str):
    comp = compile_source(SourceFile("t.reform", text))
    assert comp.ok, [d.message for d in comp.diagnostics]
    (initiative,) = comp.spec.initiatives
    return analyse(initiative, comp.spec.library)


def test_the_centre_owns_almost_all_the_work():
    a = design(CENTRAL)
    share = a.work_share("middle")
    assert (share.part, share.unknown, share.whole) == (1, 0, 7)
    assert share.at_least(0.25) is False
    assert a.work_share("top").at_least(0.5) is True
    assert [w.id for w in a.work_led_by("middle")] == ["token"]


def test_money_shares_per_year_and_per_unit():
    a = design(CENTRAL)
    assert a.money.currency == "CAD" and a.money.total == 1_000_000_000
    to_middle = a.money.share_to_tier("middle")
    assert to_middle.low == 0.001
    # the unsized fund goes to schools, so it can only lower the middle's share: surely below 10%
    assert to_middle.at_least(0.10) is False
    to_bottom = a.money.share_to_tier("bottom")
    assert to_bottom.at_least(0.10) is None  # its amount is not stated
    sliver = next(f for f in a.money.funds if f.id == "sliver")
    assert sliver.per_year == 200_000 and sliver.per_unit == 4_000
    unsized = next(f for f in a.money.funds if f.id == "unsized")
    assert unsized.amount is None and unsized.per_year is None and unsized.per_unit is None


def test_unstated_owners_are_unknown_not_guessed():
    a = design("""\
initiative x "X" {
  level districts "Districts" { tier: middle }
  priority p "P" { strategy s "S" { reaches: districts } }
}
""")
    assert {w.owner_tier for w in a.work} == {UNKNOWN}
    share = a.work_share("middle")
    assert (share.low, share.high) == (0, 1)
    assert share.at_least(0.25) is None


def test_work_runs_through_links_or_not():
    a = design(CENTRAL.replace("link districts -> schools { direction }",
                               "link districts -> schools { direction }\n"
                               "  link districts <-> districts { co_learning }"))
    flows = {(f.source, f.target): f for f in a.flows}
    assert flows[("districts", "schools")].work == ("token",)
    # the ministry's priority has a strategy the districts own, and the sliver is paid along it
    assert flows[("ministry", "districts")].work == ("token", "sliver")
    assert not flows[("districts", "districts")].carries_work
    assert a.learning.co_learning and a.learning.lateral_middle


def test_an_empty_initiative_states_nothing():
    a = design('initiative x "X" { period: 2026 .. 2030 }\n')
    assert a.work == () and a.money.total is None and a.flows == ()
    assert a.work_share("middle").at_least(0.0) is None
    assert a.money.share_to_tier("middle").at_least(0.0) is None
    assert a.learning.reining_in is None and a.decisions.letting_go is None


def test_local_goals_and_how_learning_spreads():
    a = design("""\
initiative x "X" {
  level ministry "Ministry" { tier: top }
  level districts "Districts" { tier: middle }
  level schools "Schools" { tier: bottom }
  priority p "P" { local_goals: [districts] }
  priority q "Q" { local_goals: [] }
  priority r "R" {}
  learning_model { spreading: [fairs]  spreads_to: [schools, "Other provinces"] }
}
""")
    assert dict(a.decisions.local_goals) == {"p": ("districts",), "q": ()}
    assert a.decisions.sets_local_goals(["districts"]) is True
    assert a.decisions.sets_local_goals(["ministry"]) is False
    assert a.learning.spreading == ("fairs",) and a.learning.spreads_to_tiers == {"bottom"}
    assert a.learning.spreads_outside
    empty = design('initiative x "X" {}\n')
    assert empty.decisions.sets_local_goals(["districts"]) is None and empty.learning.spreads_to is None


def test_the_summary_is_plain_data():
    import json

    data = design(CENTRAL).summary()
    assert json.loads(json.dumps(data)) == data
    assert data["work_share"]["middle"]["low"] == 1 / 7


def test_a_share_is_judged_only_when_what_is_unknown_cannot_change_the_verdict():
    from hypothesis import given
    from hypothesis import strategies as st

    from reformlang.analysis import Share

    counts = st.integers(min_value=0, max_value=50)

    @given(counts, counts, counts, st.integers(0, 2), st.integers(0, 2), st.floats(0, 1))
    def check(part, unknown, rest, raise_, lower, threshold):
        share = Share(part, unknown, part + unknown + rest, raise_, lower)
        verdict = share.at_least(threshold)
        if share.whole == 0:
            assert verdict is None
            return
        # Every way of filling in the unknown agrees with a verdict that is given.
        extremes = [share.low, share.high]
        if verdict is True:
            assert all(x >= threshold for x in extremes) and not lower
        elif verdict is False:
            assert all(x < threshold for x in extremes) and not raise_
        else:
            assert raise_ or lower or (share.low < threshold <= share.high)

    check()


# -- what runs along each link, against the definition read for every link in turn
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LEVELS = ("ministry", "districts", "schools")


def _work_through_by_definition(link, initiative) -> tuple[str, ...]:
    """Flow's docstring, read for one link over every strategy, fund and network (the analysis indexes
    them instead, so that a design of thousands of each is not links x work)."""
    a, b = link.source, link.target
    ends = {a, b}
    work = []
    for p in initiative.priorities:
        for s in p.strategies:
            others = {*s.reaches, *s.supported_by} - {s.owner}
            if s.owner in ends and others & ends or (a == b and s.owner == a and a in s.reaches):
                work.append(s.id)
            elif p.owner in ends and s.owner in ends and p.owner != s.owner:
                work.append(s.id)
    for f in initiative.funding:
        if (f.from_ == a and f.to == b) or (link.both_ways and f.from_ == b and f.to == a):
            work.append(f.id)
    for net in initiative.networks:
        if a == b and net.members == a:
            work.append(net.id)
        elif {net.members, net.facilitator} == ends:
            work.append(net.id)
    return tuple(dict.fromkeys(work))


level = st.sampled_from(_LEVELS)
maybe_level = st.one_of(st.none(), level)


@st.composite
def wired_designs(draw) -> str:
    lines = ['initiative w "W" {', "  period: 2026 .. 2030"]
    lines += [f'  level {lv} "{lv}" {{ tier: {t} }}' for lv, t in zip(_LEVELS, ("top", "middle", "bottom"))]
    for i, (src, arrow, dst) in enumerate(draw(st.lists(st.tuples(level, st.sampled_from(["->", "<->"]), level),
                                                         max_size=6))):
        lines.append(f"  link {src} {arrow} {dst} {{ support }}")
    for i, (owner, strategies) in enumerate(draw(st.lists(st.tuples(maybe_level, st.lists(
            st.tuples(maybe_level, st.lists(level, max_size=2), st.lists(level, max_size=2)), max_size=3)),
            max_size=3))):
        lines.append(f'  priority p{i} "P" {{' + (f"  owner: {owner}" if owner else ""))
        for j, (s_owner, reaches, supported) in enumerate(strategies):
            body = (f"owner: {s_owner}  " if s_owner else "") + (f"reaches: [{', '.join(reaches)}]  " if reaches else "") \
                + (f"supported_by: [{', '.join(supported)}]" if supported else "")
            lines.append(f'    strategy s{i}_{j} "S" {{ {body} }}')
        lines.append("  }")
    for i, (src, dst) in enumerate(draw(st.lists(st.tuples(level, level), max_size=3))):
        lines.append(f'  funding f{i} "F" {{ from: {src}  to: {dst} }}')
    for i, (members, facilitator) in enumerate(draw(st.lists(st.tuples(level, maybe_level), max_size=3))):
        lines.append(f'  network n{i} "N" {{ members: {members}' + (f"  facilitator: {facilitator}" if facilitator else "")
                     + " }")
    lines.append("}")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wired_designs())
def test_the_work_along_each_link_is_what_the_definition_says(text):
    comp = compile_source(SourceFile("t.reform", text))
    if comp.spec is None or not comp.spec.initiatives:
        return
    (initiative,) = comp.spec.initiatives
    analysis = analyse(initiative, comp.spec.library)
    for link, flow in zip(initiative.links, analysis.flows, strict=True):
        assert flow.work == _work_through_by_definition(link, initiative), (text, link)


def test_a_design_of_thousands_of_links_and_strategies_is_not_links_times_work():
    """4,000 strategies and 4,000 links took 16 million steps (3 s); the same links share one answer."""
    strategies = "\n".join(f'    strategy many{i} "S" {{ owner: districts  reaches: schools }}' for i in range(4000))
    links = "\n".join("  link districts -> schools { support }" for _ in range(4000))
    text = CENTRAL.replace('    strategy token "Token" { owner: districts  reaches: schools }', strategies)
    text = text.replace("  link districts -> schools { direction }", links)
    found = design(text)
    flows = [f for f in found.flows if (f.source, f.target) == ("districts", "schools")]
    assert len(flows) == 4000 and len(flows[0].work) == 4000
    assert all(f.work is flows[0].work for f in flows)  # one tuple, not 4,000 copies of it
