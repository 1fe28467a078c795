"""The checker judges what a design does, not which fields it fills (frameworks.md, "What the checker judges")."""

from __future__ import annotations

import pytest

from reformlang.checks import run_checks, scorecard
from reformlang.driver import compile_source
from reformlang.source import SourceFile


def card_of(text: str) -> tuple[dict, list]:
    comp = compile_source(SourceFile("spec.reform", text))
    assert comp.ok, [d.message for d in comp.diagnostics if d.severity.label == "error"]
    result = run_checks(comp.spec)
    card = scorecard(result.checked, result.findings)
    return {p: s for fw in card.values() for p, s in fw["principles"].items()}, result.findings


# The centre designs, owns and pays for the work; the middle has a leader, one token strategy of six and
# 0.1% of the money, and every word of leadership from the middle.
CENTRAL = """\
use big_ideas
use lftm

initiative dressed_up "A central reform in the words of the middle" {
  period: 2026 .. 2030
  students: all
  engagement { process: co_designed  with: ["Council of directors"] }
  level ministry "Ministry" { tier: top  units: 1  leader: "Minister" }
  level districts "Districts" { tier: middle  units: 50  leader: "Council of directors" }
  level schools "Schools" { tier: bottom  units: 2_000  leader: "Principals" }
  link ministry -> districts { direction, funding }
  link districts -> ministry { feedback, co_design }
  link districts -> schools { support, capacity_building }
  link districts <-> districts { co_learning }
  priority literacy "Literacy" {
    owner: ministry
    indicator reading "Reading" { baseline: 50% in 2026  target: 70% by 2030 }
    strategy s1 "Standards" { owner: ministry  reaches: schools  builds: accountability }
    strategy s2 "Inspection" { owner: ministry  reaches: schools  builds: accountability }
    strategy s3 "Materials" { owner: ministry  reaches: schools  builds: infrastructure }
    strategy s4 "Training" { owner: ministry  reaches: schools  builds: capacity }
    strategy s5 "Tests" { owner: ministry  reaches: schools  builds: accountability }
    strategy token "District forum" { owner: districts  reaches: schools  builds: capacity }
  }
  funding central_fund "The ministry's programme" {
    amount: 999_000_000 CAD  from: ministry  to: ministry  purpose: capacity  period: 2026 .. 2030
  }
  funding sliver "A fund for the districts" {
    amount: 1_000_000 CAD  from: ministry  to: districts  purpose: capacity  period: 2026 .. 2030
  }
}
"""


def test_a_token_middle_does_not_hold_middle_leads_or_resourced_middle():
    status, findings = card_of(CENTRAL)
    assert status["lftm.middle_leads"] == "not held"
    assert status["lftm.resourced_middle"] == "not held"
    leads = next(d for d in findings if d.principle == "lftm.middle_leads")
    assert "1 of the 7 pieces of work" in leads.message and "token" in leads.message
    money = next(d for d in findings if d.principle == "lftm.resourced_middle")
    assert "0.1%" in money.message and "sliver" in money.message
    assert "4,000 CAD per unit of `districts` a year" in money.message
    # what the design does state soundly still holds
    for pid in ("lftm.middle_exists", "lftm.partner_upward", "lftm.buy_in"):
        assert status[pid] == "held", pid
    # co-learning on a link no work runs through is a token (frameworks.md, "What the checker judges", 1)
    assert status["lftm.lateral_learning"] == "not assessed"


def test_the_same_design_led_from_the_middle_holds_them():
    led = (CENTRAL.replace("owner: ministry  reaches: schools", "owner: districts  reaches: schools")
           .replace("amount: 999_000_000 CAD  from: ministry  to: ministry",
                    "amount: 999_000_000 CAD  from: ministry  to: districts"))
    status, _ = card_of(led)
    assert status["lftm.middle_leads"] == "held"
    assert status["lftm.resourced_middle"] == "held"


def test_co_design_counts_as_leading_the_work():
    shared = CENTRAL.replace("owner: ministry  reaches: schools  builds: accountability }",
                             "owner: ministry  reaches: schools  builds: accountability  designed_by: [districts] }")
    status, _ = card_of(shared)
    assert status["lftm.middle_leads"] == "held"  # 4 of 7 pieces owned or co-designed by the middle


# A network led from the middle whose spec says nothing of its funding, size or meetings.
NETWORK = """\
use lftm
use networks

initiative circles "Reading circles" {
  period: 2026 .. 2030
  students: all
  engagement { process: negotiated  with: ["Teachers' federation"] }
  level ministry "Ministry" { tier: top  leader: "Minister"  leader_term: 2026 .. 2030 }
  level districts "Districts" { tier: middle  units: 20  leader: "Council"  leader_term: 2026 .. 2030 }
  level schools "Schools" { tier: bottom  units: 400 }
  link districts -> ministry { feedback }
  link districts -> schools { support }
  priority reading "Reading" {
    owner: districts
    students: all
    indicator grade6 "Grade 6 reading" { baseline: 50% in 2026  target: 70% by 2030 }
    strategy inquiry "Reading inquiry" { owner: districts  reaches: schools  builds: capacity }
  }
  network circles "Reading circles" {
    members: schools
    joining: open
    facilitator: districts
    goals: [grade6]
    trust: [peer_visits]
    practice: collaborative_inquiry
    learns_from: ["Other provinces"]
    partners: [students, teachers, families]
  }
}
"""


def test_unstated_funding_size_and_meetings_are_not_assessed_and_nothing_is_not_held():
    status, findings = card_of(NETWORK)
    for pid in ("networks.adequate_resources", "networks.size", "networks.learning_inwards",
                "lftm.resourced_middle"):
        assert status[pid] == "not assessed", pid
    assert [p for p, s in status.items() if s == "not held"] == []
    for pid in ("lftm.middle_exists", "lftm.middle_leads", "lftm.partner_upward", "lftm.partner_downward",
                "lftm.lateral_learning", "lftm.system_goals", "lftm.buy_in", "lftm.purposeful_middle",
                "networks.high_trust", "networks.ambitious_goals", "networks.improving_practice",
                "networks.skilled_facilitation", "networks.connecting_outward", "networks.new_partnerships"):
        assert status[pid] == "held", pid
    said = {d.principle: d.message for d in findings if d.unstated}
    assert "does not say how network `circles` is funded" in said["networks.adequate_resources"]
    assert "does not say how the middle (`districts`) is funded" in said["lftm.resourced_middle"]


@pytest.mark.parametrize("frameworks", [("big_ideas", "lftm"),
                                        ("big_ideas", "lftm", "networks", "coherence", "joint_initiative",
                                         "collaborative_professionalism")])
def test_a_spec_that_states_nothing_holds_nothing(frameworks):
    text = "".join(f"use {fw}\n" for fw in frameworks) + 'initiative x "X" { period: 2026 .. 2030 }\n'
    status, findings = card_of(text)
    assert status and "held" not in status.values()
    assert set(status.values()) == {"not assessed"}
    assert all(d.unstated and d.severity.label == "info" for d in findings)


@pytest.mark.parametrize("block, line_text", [
    ('  funding early "Money paid early" {\n    amount: 1_000_000 CAD\n    period: 2024 .. 2027\n  }\n',
     "    period: 2024 .. 2027"),
    ('  rollout {\n    mode: diffusion\n    phase head_start "A head start" {\n      period: 2025 .. 2026\n'
     '      coverage: 20%\n    }\n  }\n', "      period: 2025 .. 2026"),
])
def test_a_phase_or_fund_dated_before_the_initiative_begins_is_found_in_its_block(block, line_text):
    text = 'use big_ideas\n\ninitiative x "X" {\n  period: 2026 .. 2030\n' + block + "}\n"
    _, findings = card_of(text)
    dated = [d for d in findings if d.code == "BI016"]
    assert len(dated) == 1 and dated[0].principle == "big_ideas.precision"
    assert dated[0].severity.label == "warning" and not dated[0].unstated
    assert dated[0].span.line == text.splitlines().index(line_text) + 1
    assert "before the initiative begins" in dated[0].message


def test_the_analysis_is_built_once_per_initiative(monkeypatch):
    import reformlang.checks.facts as facts

    calls = []
    real = facts.analyse
    monkeypatch.setattr(facts, "analyse", lambda *a, **k: calls.append(a[0].id) or real(*a, **k))
    two = NETWORK + NETWORK.split("\n", 3)[3].replace('initiative circles "Reading circles"', 'initiative b "B"')
    comp = compile_source(SourceFile("two.reform", two))
    assert comp.ok
    run_checks(comp.spec)
    assert calls == ["circles", "b"]


def test_leaving_a_fact_out_never_makes_a_principle_held():
    """Not stated is not absent, and never better than stated: take away any one fact of the contract or
    of an example, and no principle that was not held or not assessed becomes held."""
    import attrs
    from pathlib import Path

    from test_rules import FRAMEWORKS, _blanked

    from reformlang.checks.scorecard import statuses
    from reformlang.driver import compile_path

    root = Path(__file__).resolve().parent.parent
    paths = [root / "tests" / "design" / "contract.reform", *sorted((root / "examples").glob("*.reform"))]
    worse = set()
    for path in paths:
        spec = compile_path(path).spec
        for initiative in spec.initiatives:
            def status_of(ini):
                result = run_checks(attrs.evolve(spec, initiatives=(ini,)), frameworks=FRAMEWORKS)
                return statuses([p for ps in result.checked.values() for p in ps], result.findings)

            before = status_of(initiative)
            for fewer in _blanked(initiative):
                for pid, status in status_of(fewer).items():
                    if status == "held" and before.get(pid, "held") != "held":
                        worse.add((path.name, initiative.id, pid))
    assert worse == set()


def test_a_middle_that_owns_only_what_others_design_passes_direction_on():
    relay = (CENTRAL.replace("owner: ministry  reaches: schools", "owner: districts  reaches: schools")
             .replace("builds: accountability }", "builds: accountability  designed_by: [ministry] }")
             .replace("builds: infrastructure }", "builds: infrastructure  designed_by: [ministry] }")
             .replace("builds: capacity }", "builds: capacity  designed_by: [ministry] }")
             .replace("  priority literacy \"Literacy\" {\n    owner: ministry\n",
                      "  priority literacy \"Literacy\" {\n    owner: districts\n    designed_by: [ministry]\n"))
    status, findings = card_of(relay)
    assert status["lftm.middle_leads"] == "not held"
    assert "passes direction on" in next(d.message for d in findings if d.principle == "lftm.middle_leads")


def test_funding_that_adds_up_to_nothing_gives_the_middle_nothing():
    text = ('use lftm\ninitiative x "X" {\n  level d "D" { tier: middle }\n'
            '  funding f "F" { amount: 0 CAD  to: d }\n}\n')
    status, findings = card_of(text)
    assert status["lftm.resourced_middle"] == "not held"
    assert "add up to nothing" in next(d.message for d in findings if d.code == "LM007")


@pytest.mark.parametrize("body, principle", [
    # one strategy says it builds accountability; the other does not say, and might build capacity
    ('  priority p "P" {\n    strategy a "A" { builds: accountability }\n    strategy b "B" { reaches: schools }\n'
     '  }\n', "big_ideas.collective_capacity"),
    # one indicator tracks the average; the other does not say, and might watch the gap
    ('  priority p "P" {\n    indicator a "A" { tracks: average }\n    indicator b "B" { source: tests }\n  }\n',
     "big_ideas.all_means_all"),
    # one priority gives the middle no local goals; the other does not say
    ('  level d "D" { tier: middle }\n  priority p "P" { local_goals: [] }\n  priority q "Q" {}\n',
     "lftm.local_needs"),
])
def test_what_some_blocks_state_does_not_speak_for_those_that_do_not(body, principle):
    text = 'use big_ideas\nuse lftm\ninitiative x "X" {\n  level schools "S" { tier: bottom }\n' + body + "}\n"
    status, _ = card_of(text)
    assert status[principle] == "not assessed"
    # ... and once every block says, the verdict is given
    said = (body.replace('{ reaches: schools }', '{ reaches: schools  builds: infrastructure }')
            .replace('{ source: tests }', '{ source: tests  tracks: average }')
            .replace('priority q "Q" {}', 'priority q "Q" { local_goals: [] }'))
    assert card_of(text.replace(body, said))[0][principle] == "not held"
