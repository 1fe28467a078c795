"""The shape of a spec: which blocks exist, where, and which attributes they take.

This table is the language's semantics in one place; the resolver walks the
syntax tree against it. To add an attribute, add it here and a field of the
same name to the model class.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from reformlang.semantics import model
from reformlang.semantics.values import (
    AnyOf, Attr, Integer, Label, MeasurementKind, MoneyKind, Percent, Ref, SizeSpan, StudentsKind, Text, Word,
    Year, YearSpan,
)

REQUIRED, OPTIONAL, NONE = "required", "optional", "none"


@attrs.frozen
class Child:
    """A block allowed inside another: the model field it fills, and whether it may repeat."""

    field: str
    many: bool = True


@attrs.frozen
class BlockSpec:
    keyword: str
    model: type
    about: str
    id: str = REQUIRED
    title: str = OPTIONAL
    symbol: str | None = None  # the kind its id declares, for references
    attributes: Mapping[str, Attr] = attrs.field(factory=dict)
    children: Mapping[str, Child] = attrs.field(factory=dict)
    example: str = ""


def _groups(example: str = "[teachers, families]", field: str | None = None) -> Attr:
    return Attr(AnyOf((Word("group"), Text()), example=example), many=True, field=field)


INDICATOR = BlockSpec(
    "indicator", model.Indicator, "a measurable indicator of a priority", symbol="indicator",
    attributes={
        "baseline": Attr(MeasurementKind("in")),
        "target": Attr(MeasurementKind("by")),
        "source": Attr(Label()),
        "students": Attr(StudentsKind()),
        "tracks": Attr(Word("tracks", example="gap")),
    },
    example='indicator grade6_reading "Grade 6 reading" { baseline: 54% in 2026  target: 75% by 2031 }',
)

STRATEGY = BlockSpec(
    "strategy", model.Strategy, "a strategy that serves a priority", symbol="strategy",
    attributes={
        "owner": Attr(Ref("level", example="districts")),
        "reaches": Attr(AnyOf((Ref("level"), Word("group"), Text()), example="schools"), many=True),
        "builds": Attr(Word("builds", example="capacity"), many=True),
        "period": Attr(YearSpan()),
        "supported_by": Attr(Ref("level", example="ministry"), many=True),
        "designed_by": Attr(Ref("level", example="districts"), many=True),
    },
    example='strategy coaching "A coach for every school" { owner: districts  reaches: schools }',
)

PRIORITY = BlockSpec(
    "priority", model.Priority, "one of the few priorities of the initiative", symbol="priority",
    attributes={
        "outcome": Attr(Word("outcome", example="literacy"), many=True),
        "students": Attr(StudentsKind()),
        "owner": Attr(Ref("level", example="districts")),
        "designed_by": Attr(Ref("level", example="districts"), many=True),
        "local_goals": Attr(Ref("level", example="districts"), many=True),
    },
    children={"indicator": Child("indicators"), "strategy": Child("strategies")},
    example='priority literacy "Reading by Grade 6" { outcome: literacy  owner: districts }',
)

LEVEL = BlockSpec(
    "level", model.Level, "a level of the school system (ministry, districts, schools)", symbol="level",
    attributes={
        "tier": Attr(Word("tier", example="middle"), required=True),
        "units": Attr(Integer(minimum=1)),
        "leader": Attr(Text()),
        "leader_term": Attr(YearSpan()),
    },
    example='level districts "District school boards" { tier: middle  units: 72 }',
)

ENGAGEMENT = BlockSpec(
    "engagement", model.Engagement, "how the reform was made with those who carry it", id=NONE, title=NONE,
    attributes={
        "process": Attr(Word("engagement_process", example="co_designed")),
        "with": _groups('["Teachers\' federation", principals]', field="with_"),
    },
)

ACCOUNTABILITY = BlockSpec(
    "accountability", model.Accountability, "how the system holds itself to account", id=NONE, title=NONE,
    attributes={
        "style": Attr(Word("accountability_style", example="intelligent")),
        "internal": Attr(Label(), many=True),
        "external": Attr(Label(), many=True),
        "transparency": Attr(Word("transparency", example="public")),
        "consequence": Attr(Word("consequence", example="support_first")),
        "measures": Attr(Ref("indicator", example="grade6_reading"), many=True),
    },
)

FUNDING = BlockSpec(
    "funding", model.Funding, "money for the reform, from one level to another", symbol="funding",
    attributes={
        "amount": Attr(MoneyKind()),
        "from": Attr(Ref("level", example="ministry"), field="from_"),
        "to": Attr(Ref("level", example="districts")),
        "purpose": Attr(Word("purpose", example="capacity"), many=True),
        "period": Attr(YearSpan()),
    },
)

NETWORK = BlockSpec(
    "network", model.Network, "a network of schools or districts and the rules it works by", symbol="network",
    attributes={
        "members": Attr(Ref("level", example="schools")),
        "size": Attr(SizeSpan()),
        "joining": Attr(Word("joining", example="open")),
        "facilitator": Attr(AnyOf((Ref("level"), Text()), example="districts")),
        "meets": Attr(Word("cadence", example="monthly")),
        "goals": Attr(Ref("indicator", example="grade6_reading"), many=True),
        "trust": Attr(Label(), many=True),
        "practice": Attr(Label(), many=True),
        "learns_from": _groups('["University partners"]'),
        "partners": _groups("[students, teachers, families]"),
        "resources": Attr(Ref("funding", example="middle_fund"), many=True),
        "designed_by": Attr(Ref("level", example="districts"), many=True),
    },
)

PHASE = BlockSpec(
    "phase", model.Phase, "a phase of the rollout", symbol="phase",
    attributes={"period": Attr(YearSpan()), "coverage": Attr(Percent())},
)

ROLLOUT = BlockSpec(
    "rollout", model.Rollout, "how the reform reaches every unit", id=NONE, title=NONE,
    attributes={"mode": Attr(Word("rollout_mode", example="diffusion"))},
    children={"phase": Child("phases")},
)

LEARNING_MODEL = BlockSpec(
    "learning_model", model.LearningModel, "directional vision, letting go and reining in", id=NONE, title=NONE,
    attributes={
        "vision": Attr(Text()),
        "letting_go": Attr(Text()),
        "reining_in": Attr(Label(), many=True),
        "spreading": Attr(Label(), many=True),
        "spreads_to": Attr(AnyOf((Ref("level"), Word("group"), Text()), example="schools"), many=True),
    },
)

SIMULATION = BlockSpec(
    "simulation", model.Simulation, "settings for simulating the design (see docs/simulation.md)", id=NONE,
    title=NONE,
    attributes={
        "runs": Attr(Integer(minimum=1, example="20")),
        "seed": Attr(Integer(minimum=0, example="0")),
        "steps_per_year": Attr(Integer(minimum=1, example="12")),
        "until": Attr(Year()),
        "performance": Attr(Percent()),
        "spread": Attr(Percent()),
    },
    example="simulation { runs: 20  until: 2036  performance: 54%  spread: 12% }",
)

INITIATIVE = BlockSpec(
    "initiative", model.Initiative, "a reform of a school system", symbol="initiative",
    attributes={
        "jurisdiction": Attr(Text()),
        "period": Attr(YearSpan()),
        "vision": Attr(Text()),
        "students": Attr(StudentsKind()),
    },
    children={
        "engagement": Child("engagement", many=False),
        "level": Child("levels"),
        "priority": Child("priorities"),
        "accountability": Child("accountability", many=False),
        "funding": Child("funding"),
        "network": Child("networks"),
        "rollout": Child("rollout", many=False),
        "learning_model": Child("learning_model", many=False),
        "simulation": Child("simulation", many=False),
    },
    example='initiative literacy "Provincial Literacy Partnership" { period: 2026 .. 2031 }',
)

# Every block a spec may hold, by keyword.
BLOCKS: dict[str, BlockSpec] = {
    b.keyword: b
    for b in (INITIATIVE, ENGAGEMENT, LEVEL, PRIORITY, INDICATOR, STRATEGY, ACCOUNTABILITY, FUNDING, NETWORK,
              ROLLOUT, PHASE, LEARNING_MODEL, SIMULATION)
}

# Where each block may stand, for "`indicator` belongs inside a `priority`".
PARENTS: dict[str, list[str]] = {}
for _b in BLOCKS.values():
    for _kw in _b.children:
        PARENTS.setdefault(_kw, []).append(_b.keyword)
PARENTS["initiative"] = ["the top of the file"]
PARENTS["link"] = ["initiative"]

# Blocks of library files (the standard library and a jurisdiction's own).
LIBRARY_BLOCKS = ("vocabulary", "framework")
TOP_LEVEL = ("initiative", *LIBRARY_BLOCKS)


# ------------------------------------------------------------------ thresholds
@attrs.frozen
class Threshold:
    """A figure a rule judges a design by: its default, and whose judgement it is.

    `source` names the research that gives the figure; None marks it as the
    project's own judgement (the research gives no figure). Every threshold
    can be changed in the configuration: `[thresholds]` in reformlang.toml.
    """

    name: str
    default: float
    about: str
    source: str | None = None
    minimum: float = 0.0
    maximum: float | None = None


# A jurisdiction's policy parameter, not one of the eight ingredients of networks.
NZ_NETWORK_SIZE = ("New Zealand's guideline of networks of 5 to 20 schools (Investing in Educational Success, "
                   "2014), as reported in \"Leadership from the Middle\" (Fullan, 2015): a policy parameter, "
                   "not a finding of the research")

THRESHOLDS: dict[str, Threshold] = {t.name: t for t in (
    Threshold("middle_work_share", 0.25,
              "the share of the pieces of work (priorities, strategies, networks) the middle must own or "
              "design for it to lead", maximum=1.0),
    Threshold("middle_money_share", 0.05,
              "the least share of the money that must reach the middle (or come from its own budgets) for it "
              "to be resourced; less is a sliver", maximum=1.0),
    Threshold("middle_money_ratio", 0.5,
              "the middle's share of the money must be at least this fraction of its share of the work",
              maximum=10.0),
    Threshold("network_size_min", 5, "the fewest members a network should have",
              source=NZ_NETWORK_SIZE,
              minimum=1),
    Threshold("network_size_max", 20, "the most members a network should have",
              source=NZ_NETWORK_SIZE,
              minimum=1),
)}
