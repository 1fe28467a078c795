"""Words with meaning: a jurisdiction's own vocabulary words work in every command.

tests/words/our_words.reform extends every vocabulary with a word that says
which standard-library word it behaves like (`like:`) and one that does not;
liked.reform uses the first kind everywhere, unliked.reform the second.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reformlang.checks.facts import Facts
from reformlang.cli.main import main
from reformlang.driver import compile_path, compile_source, core_library
from reformlang.simulation.simconfig import build_config, dumps, schema, unknown_words
from reformlang.source import SourceFile

WORDS = Path(__file__).resolve().parent / "words"
LIKED, UNLIKED = WORDS / "liked.reform", WORDS / "unliked.reform"
SPECS = pytest.mark.parametrize("spec", [LIKED, UNLIKED], ids=["liked", "unliked"])


def compiled(path: Path):
    comp = compile_path(path, str(path))
    assert comp.ok, [d.message for d in comp.diagnostics if d.severity.name == "ERROR"]
    return comp.spec


def test_the_test_library_extends_every_vocabulary():
    spec = compiled(LIKED)
    for vocabulary in core_library().vocabularies:
        own = spec.library.words(vocabulary) - core_library().words(vocabulary)
        assert any(spec.library.word(vocabulary, w).like for w in own), vocabulary
        assert any(not spec.library.word(vocabulary, w).like for w in own), vocabulary


# ------------------------------------------------------------------ the API
def test_a_core_word_means_itself_and_a_new_word_what_it_is_like():
    library = compiled(LIKED).library
    assert library.meaning("accountability_style", "intelligent") == "intelligent"
    assert library.meaning("accountability_style", "restorative") == "intelligent"
    assert library.meaning("accountability_style", "market") is None
    assert library.meaning("accountability_style", "no_such_word") is None
    assert library.meaning("no_such_vocabulary", "intelligent") is None


def test_traits_and_properties_are_inherited_through_like_unless_stated():
    library = compiled(LIKED).library
    assert library.has("outcome", "literacy", "achievement")
    assert not library.has("outcome", "wellbeing", "achievement")
    assert library.has("outcome", "financial_literacy", "achievement")  # like: numeracy
    assert not library.has("outcome", "belonging", "achievement")
    assert library.traits("link_kind", "mentoring") == library.traits("link_kind", "support")
    assert library.traits("link_kind", "liaison") == frozenset()
    assert library.property("cadence", "every_six_weeks", "per_year") == 4  # like: termly
    assert library.property("cadence", "quarterly", "per_year") == 4  # its own
    assert library.property("cadence", "now_and_then", "per_year") is None
    assert "mentoring" in library.having("link_kind", "support")
    assert library.core_words("tier") == ("top", "middle", "bottom")


def test_the_checker_reads_a_word_as_what_it_is_like():
    spec = compiled(LIKED)
    facts = Facts(spec.initiatives[0], spec)
    assert facts.tier("regions") == "middle"
    assert facts.links_carrying("middle", "bottom", "support")
    assert facts.builds == {"capacity"}
    assert facts.groups(["whanau", "elders", "Parents' council"]) == ["families", "elders", "Parents' council"]


def test_a_word_with_no_meaning_is_neither_credited_nor_blamed():
    spec = compiled(UNLIKED)
    facts = Facts(spec.initiatives[0], spec)
    assert facts.tier("federation") == ""
    assert facts.builds == set()


def _codes(path: Path, capsys) -> set[str]:
    main(["check", "--format", "json", str(path)])
    return {f["code"] for f in json.loads(capsys.readouterr().out)["findings"]}


def test_findings_follow_the_meaning(capsys):
    liked = _codes(LIKED, capsys)
    # the middle (a regional tier), its support downward (mentoring), its buy-in (partnered) all count
    assert not {"LM001", "LM002", "LM004", "LM007", "LM008", "BI004", "BI010"} & liked
    assert "LM009" in liked  # waves are like a pilot
    unliked = _codes(UNLIKED, capsys)
    assert "LM001" in unliked  # a tier with no meaning is not a middle
    assert not {"LM008", "LM010", "NW005", "BI010", "BI012"} & unliked  # not assessed, not blamed


# ------------------------------------------------------------------ errors
def _errors(text: str) -> list[tuple[str, str]]:
    comp = compile_source(SourceFile("words.reform", text), base=WORDS)
    return [(d.code, d.message) for d in comp.diagnostics if d.severity.name == "ERROR"]


def test_like_must_name_a_word_of_the_same_vocabulary():
    errors = _errors('vocabulary accountability_style { word kind "Kind" { like: inteligent } }\n')
    assert errors == [("E102", "`inteligent` is not a word of the vocabulary `accountability_style`")]


def test_like_may_not_loop():
    errors = _errors('vocabulary tier { word a "A" { like: b }  word b "B" { like: a } }\n')
    assert [code for code, _ in errors] == ["E113", "E113"]


def test_word_properties_take_the_right_kind_of_value():
    errors = _errors('vocabulary cadence { word a "A" { per_year: "often" traits: ["x"] like: "monthly" } }\n')
    assert [code for code, _ in errors] == ["E105", "E105", "E105"]


# ------------------------------------------------------------------ every command
@SPECS
def test_every_command_takes_the_new_words(spec, tmp_path, capsys):
    assert main(["check", str(spec)]) == 0
    assert main(["plan", str(spec), "-o", str(tmp_path / "plan.md")]) == 0
    assert main(["plan", str(spec), "--format", "html", "-o", str(tmp_path / "plan.html")]) == 0
    for view in ("system", "logic", "network", "timeline"):
        for fmt in ("dot", "mermaid"):
            assert main(["graph", str(spec), "--view", view, "--format", fmt, "-o", str(tmp_path / f"{view}.{fmt}")]) == 0
    assert main(["simconfig", str(spec), "-o", str(tmp_path / "config.json")]) == 0
    assert main(["simulate", str(spec), "--runs", "2", "-o", str(tmp_path / "sim")]) == 0
    assert main(["build", str(spec), "-o", str(tmp_path / "build"), "--runs", "2"]) == 0


def test_simulate_notes_each_word_the_model_does_not_know(tmp_path, capsys):
    assert main(["simulate", str(UNLIKED), "--runs", "2", "-o", str(tmp_path / "sim")]) == 0
    err = capsys.readouterr().err
    for word in ("federal", "liaison", "announced", "market", "review", "lottery", "now_and_then", "organic", "events",
                 "partial"):
        assert f"`{word}`" in err, word
    assert "`quarterly`" not in err, "a cadence with its own per_year is known"
    assert main(["simulate", str(LIKED), "--runs", "2", "-o", str(tmp_path / "sim2")]) == 0
    assert "note" not in capsys.readouterr().err


def test_the_config_holds_words_by_meaning():
    spec = compiled(LIKED)
    config = build_config(spec.initiatives[0], spec.library)
    assert config["accountability"]["style"] == "intelligent"
    assert [lv["tier"] for lv in config["levels"]] == ["top", "middle", "bottom"]
    assert config["networks"][0]["joining"] == "invited"
    assert config["networks"][0]["meetings_per_year"] == 4
    assert config["parameters"]["performance"] == 0.4, "seeded from an achievement outcome (like numeracy)"
    assert {"vocabulary": "accountability_style", "word": "restorative", "means": "intelligent"} in config["words"]
    assert unknown_words(config) == []
    jsonschema.validate(json.loads(dumps(config)), schema())

    spec = compiled(UNLIKED)
    config = build_config(spec.initiatives[0], spec.library)
    assert config["parameters"]["performance"] == 0.5, "belonging is not an achievement outcome: the default"
    assert config["accountability"]["style"] is None
    assert len(unknown_words(config)) == 10
    jsonschema.validate(json.loads(dumps(config)), schema())


def test_build_notes_each_word_the_model_does_not_know(tmp_path, capsys):
    assert main(["build", str(UNLIKED), "-o", str(tmp_path / "out"), "--runs", "2"]) == 0
    err = capsys.readouterr().err
    assert "note: " in err and "`market`" in err


# ------------------------------------------------------------------ for every choice of words
# Where each vocabulary's word stands in the template below.
SLOTS = ("tier", "link_kind", "outcome", "group", "engagement_process", "builds", "purpose", "accountability_style",
         "transparency", "consequence", "joining", "cadence", "rollout_mode")
TEMPLATE = """\
initiative any "Any words" {{
  period: 2026 .. 2029
  engagement {{ process: {engagement_process}  with: [{group}] }}
  level top_level "Top" {{ tier: top }}
  level chosen "Chosen" {{ tier: {tier}  units: 3 }}
  level schools "Schools" {{ tier: bottom  units: 12 }}
  link top_level -> chosen {{ {link_kind} }}
  link chosen -> schools {{ {link_kind} }}
  priority p "P" {{
    outcome: {outcome}
    owner: chosen
    indicator i "I" {{ baseline: 40% in 2026  target: 50% by 2029 }}
    strategy s "S" {{ owner: chosen  reaches: [schools, {group}]  builds: {builds} }}
  }}
  accountability {{ style: {accountability_style}  transparency: {transparency}  consequence: {consequence} }}
  funding f "F" {{ amount: 1_000 NZD  from: top_level  to: chosen  purpose: {purpose} }}
  network n "N" {{ members: schools  size: 2 .. 4  joining: {joining}  meets: {cadence}  facilitator: chosen }}
  rollout {{ mode: {rollout_mode}  phase a "A" {{ period: 2026 .. 2027  coverage: 50% }} }}
}}
"""


@st.composite
def words_spec(draw):
    """A spec whose every vocabulary slot holds a core word, or a new word like a core word, like another
    new word, or with no meaning at all."""
    core = core_library()
    lines, chosen = [], {}
    for vocabulary in SLOTS:
        kind = draw(st.sampled_from(["core", "like", "chain", "none"]))
        words = core.core_words(vocabulary)
        if kind == "core":
            chosen[vocabulary] = draw(st.sampled_from(words))
            continue
        new = f"new_{vocabulary}"
        chosen[vocabulary] = new
        if kind == "like":
            body = f"like: {draw(st.sampled_from(words))}"
        elif kind == "chain":
            body = "like: other_word"
            target = draw(st.sampled_from(words))
            lines.append(f'vocabulary {vocabulary} {{ word other_word "Other" {{ like: {target} }} }}')
        else:
            body = ""
        lines.append(f'vocabulary {vocabulary} {{ word {new} "New" {{ {body} }} }}')
    return "\n".join(lines) + "\n" + TEMPLATE.format(**chosen)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words_spec())
def test_any_mix_of_words_checks_draws_plans_and_simulates(text):
    from reformlang.backends import graph
    from reformlang.backends.plan import render_plan
    from reformlang.checks import run_checks
    from reformlang.simulation.config import check_config
    from reformlang.simulation.levers import levers
    from reformlang.simulation.model import simulate
    from reformlang.stages import review

    comp = compile_source(SourceFile("any.reform", text), base=WORDS)
    assert comp.ok, [d.message for d in comp.diagnostics if d.severity.name == "ERROR"]
    spec = comp.spec
    run_checks(spec, frameworks=list(core_library().frameworks))
    for view in ("system", "logic", "network", "timeline"):
        graph.render(spec, view, "dot")
        graph.render(spec, view, "mermaid")
    render_plan(spec, "md", review(spec))
    config = check_config(json.loads(dumps(build_config(spec.initiatives[0], spec.library))))
    levers(config)
    simulate(config, runs=1, until=2030)


OWN_TRAITS = """\
vocabulary link_kind { word coaching_visits "Coaching visits" { traits: [downward, support, knowledge] } }
vocabulary purpose { word training "Training" { traits: [capacity] } }

initiative own "Words with traits of their own" {
  period: 2026 .. 2029
  level ministry "Ministry" { tier: top }
  level districts "Districts" { tier: middle  units: 4 }
  level schools "Schools" { tier: bottom  units: 40 }
  link districts -> schools { coaching_visits }
  funding f "F" { amount: 1_000_000 NZD  from: ministry  to: districts  purpose: training }
}
"""


def test_a_word_with_traits_of_its_own_moves_the_simulators_levers():
    from reformlang.simulation.config import check_config
    from reformlang.simulation.levers import levers

    comp = compile_source(SourceFile("own.reform", OWN_TRAITS), base=WORDS)
    assert comp.ok
    config = build_config(comp.spec.initiatives[0], comp.spec.library)
    assert {"vocabulary": "link_kind", "word": "coaching_visits", "means": None,
            "traits": ["downward", "knowledge", "support"]} in config["words"]
    assert unknown_words(config) == [], "a word read by its traits is known"
    jsonschema.validate(json.loads(dumps(config)), schema())
    lv = levers(check_config(json.loads(dumps(config))))
    # who leads is not stated here, so the middle's support runs for the initiative's period (a neutral lever)
    start, end = lv.period
    assert all(lv.middle_support[y] > 0 for y in range(start, end + 1)), \
        "coaching visits support schools like `support`"
    text = OWN_TRAITS.replace("traits: [downward, support, knowledge]", "").replace("traits: [capacity]", "")
    bare = compile_source(SourceFile("bare.reform", text), base=WORDS).spec
    plain = levers(check_config(json.loads(dumps(build_config(bare.initiatives[0], bare.library)))))
    assert all(v == 0 for v in plain.middle_support.values()), "without traits the word moves nothing"
