"""The scorecard counts a principle only when something was there to check it against."""

from reformlang.checks import run_checks, scorecard
from reformlang.driver import compile_source
from reformlang.source import SourceFile

NO_NETWORKS = """use networks
use lftm

initiative solo "No networks at all" {
  level ministry "Ministry" { tier: top }
  level schools "Schools" { tier: bottom }
}
"""


def test_networks_framework_on_a_spec_without_networks_claims_nothing():
    spec = compile_source(SourceFile("solo.reform", NO_NETWORKS)).spec
    result = run_checks(spec)
    card = scorecard(result.checked, result.findings)
    assert card["networks"]["checked"] == 0
    assert card["networks"]["held"] == 0
    assert not [f for f in result.findings if f.principle and f.principle.startswith("networks.")]
    # lftm has no such precondition: its principles are checked, and the missing middle is not held
    assert card["lftm"]["principles"]["lftm.middle_exists"] == "not held"


def test_networks_principles_are_checked_once_a_network_exists():
    text = NO_NETWORKS.replace('  level schools "Schools" { tier: bottom }',
                               '  level schools "Schools" { tier: bottom }\n'
                               '  network hub "Hub" { members: schools }')
    spec = compile_source(SourceFile("hub.reform", text)).spec
    result = run_checks(spec)
    card = scorecard(result.checked, result.findings)
    assert card["networks"]["checked"] == 9
    # the hub does not say who facilitates it: not assessed, not "not held"
    assert card["networks"]["principles"]["networks.skilled_facilitation"] == "not assessed"


def test_principles_that_presuppose_a_middle_are_not_held_without_one():
    spec = compile_source(SourceFile("solo.reform", NO_NETWORKS)).spec
    result = run_checks(spec)
    principles = scorecard(result.checked, result.findings)["lftm"]["principles"]
    for pid in ("lftm.middle_leads", "lftm.partner_upward", "lftm.partner_downward", "lftm.resourced_middle"):
        assert principles[pid] == "not held", pid
    # ... while only the missing middle itself is reported, not four more findings about it
    assert [f.code for f in result.findings if f.principle == "lftm.partner_upward"] == []
