"""The shape of the language: which blocks exist, where, and which attributes they take.

This table is the language's semantics in one place. The resolver walks the
syntax tree against it, backends find the blocks findings attach to through
it, and the reference in docs/language.md is generated from its `about` and
`example` texts (`make docs`). CONTRIBUTING.md says how to add a block or an
attribute: here, and a field of the same name on the model class.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from reformlang.records import record
from reformlang.semantics import model
from reformlang.semantics.values import (
    AnyOf, Attr, Identifier, Integer, Label, MeasurementKind, MoneyKind, Percent, Ref, SizeSpan, StudentsKind, Text,
    Word, Year, YearSpan,
)

REQUIRED, OPTIONAL, NONE = "required", "optional", "none"


@record
class Child:
    """A block allowed inside another: the model field it fills, and whether it may repeat."""

    field: str
    many: bool = True


@record
class BlockSpec:
    """One kind of block: its keyword, model class, id and title rules, attributes and children.

    `about` opens its section of the language reference and `example` shows
    it written out; `form` is its first line when that is not the usual
    `keyword id "Title" { ... }`.
    """

    keyword: str
    model: type
    about: str
    id: str = REQUIRED
    title: str = OPTIONAL
    symbol: str | None = None  # the kind its id declares, for references
    attributes: Mapping[str, Attr] = attrs.field(factory=dict)
    children: Mapping[str, Child] = attrs.field(factory=dict)
    example: str = ""
    form: str = ""
    words: str | None = None  # the vocabulary its body lists, for a block of bare words (`link`)
    derived: tuple[str, ...] = ()  # model fields the resolver fills, which no attribute sets
    parent_field: str | None = None  # the model field that holds the id of the block it stands in

    @functools.cached_property
    def required(self) -> tuple[tuple[str, Attr], ...]:
        """The attributes a block must state, by key: found once, not for every block resolved."""
        return tuple((name, attr) for name, attr in self.attributes.items() if attr.required)

    @property
    def header(self) -> str:
        """How the block's first line is written."""
        if self.form:
            return self.form
        parts = [self.keyword]
        if self.id != NONE:
            parts.append("id")
        if self.title != NONE:
            parts.append('"Title"')
        return " ".join(parts) + " { ... }"


def _groups(example: str, about: str, field: str | None = None) -> Attr:
    return Attr(AnyOf((Word("group"), Text()), example=example), many=True, field=field, about=about)


# ------------------------------------------------------------------ spec blocks
INDICATOR = BlockSpec(
    "indicator", model.Indicator, "A measurable indicator of a priority.", symbol="indicator",
    parent_field="priority",
    attributes={
        "baseline": Attr(MeasurementKind("in"), about="where things stand, and when that was measured"),
        "target": Attr(MeasurementKind("by"),
                       about="where they should be, and by when; measured like the baseline and dated after it"),
        "source": Attr(Label(), about="where the figures come from"),
        "students": Attr(StudentsKind(), example='["Students with special education needs"]',
                         about="whom it measures, when not the priority's students"),
        "tracks": Attr(Word("tracks", example="gap"),
                       about="what it watches: the average (or the share reaching a standard), or the gap "
                             "between high and low performers"),
    },
    example="""\
indicator grade6_reading "Grade 6 students at the provincial standard in reading" {
  baseline: 54% in 2026
  target: 75% by 2031
  source: provincial_assessment
}""",
)

STRATEGY = BlockSpec(
    "strategy", model.Strategy, "A strategy that serves a priority.", symbol="strategy",
    parent_field="priority",
    attributes={
        "owner": Attr(Ref("level", example="districts"), about="who leads it"),
        "reaches": Attr(AnyOf((Ref("level"), Word("group"), Text()), example="schools"), many=True,
                        example="[schools, families]", about="whom it reaches"),
        "builds": Attr(Word("builds", example="capacity"), many=True, example="[capacity, career_pathways]",
                       about="what it builds"),
        "period": Attr(YearSpan(), example="2026 .. 2030", about="when it runs; inside the initiative's period"),
        "supported_by": Attr(Ref("level", example="ministry"), many=True,
                             about="levels that support it without owning it"),
        "designed_by": Attr(Ref("level", example="districts"), many=True, example="[districts]",
                            about="the levels that design it (co-design); unstated, its owner"),
    },
    example="""\
strategy coaching "A literacy coach for every school" {
  owner: districts
  reaches: schools
  builds: capacity
  period: 2026 .. 2030
}""",
)

PRIORITY = BlockSpec(
    "priority", model.Priority, "One of the few priorities of the initiative.", symbol="priority",
    attributes={
        "outcome": Attr(Word("outcome", example="literacy"), many=True, example="[collaboration, creativity]",
                        about="the student outcomes it aims at"),
        "students": Attr(StudentsKind(), about="whom it is for"),
        "owner": Attr(Ref("level", example="districts"), about="the level that leads it"),
        "designed_by": Attr(Ref("level", example="districts"), many=True, example="[districts, ministry]",
                            about="the levels that design it (co-design); unstated, its owner"),
        "local_goals": Attr(Ref("level", example="districts"), many=True, example="[districts]",
                            about="levels that set their own goals within this shared priority, for local needs; "
                                  "`[]` says no one does"),
    },
    children={"indicator": Child("indicators"), "strategy": Child("strategies")},
    example="""\
priority literacy "Reading and writing by Grade 6" {
  outcome: literacy
  students: all
  owner: districts
  ...
}""",
)

LEVEL = BlockSpec(
    "level", model.Level, "A level of the school system: the ministry, districts or regions, schools.",
    symbol="level",
    attributes={
        "tier": Attr(Word("tier", example="middle"), required=True, about="where the level stands"),
        "units": Attr(Integer(minimum=1), example="4_900", about="how many there are"),
        "leader": Attr(Text(), example='"Deputy Minister"', about="who leads the level"),
        "leader_term": Attr(YearSpan(), about="the years the leader is committed for"),
    },
    example="""\
level districts "District school boards" {
  tier: middle
  units: 72
  leader: "Council of Directors of Education"
}""",
)

LINK = BlockSpec(
    "link", model.Link,
    "What flows between two levels. A link joins two declared levels, one way (`->`) or both ways (`<->`), "
    "and lists what it carries: at least one word of the `link_kind` vocabulary.",
    id=NONE, title=NONE, form="link a -> b { kinds }", words="link_kind",
    derived=("source", "target", "both_ways", "kinds"),
    example="""\
link ministry -> districts { direction, funding }      # one way
link districts -> ministry { feedback, co_design }
link districts <-> districts { co_learning }           # both ways, here among districts""",
)

ENGAGEMENT = BlockSpec(
    "engagement", model.Engagement, "How the reform was made with those who carry it.", id=NONE, title=NONE,
    attributes={
        "process": Attr(Word("engagement_process", example="co_designed"), example="negotiated",
                        about="how it was made"),
        "with": _groups('["NZEI Te Riu Roa", principals]', "those the reform was made with", field="with_"),
    },
    example="""\
engagement {
  process: co_designed
  with: ["Teachers' federation", principals]
}""",
)

ACCOUNTABILITY = BlockSpec(
    "accountability", model.Accountability, "How the system holds itself to account.", id=NONE, title=NONE,
    attributes={
        "style": Attr(Word("accountability_style", example="intelligent"), about="the style of accountability"),
        "internal": Attr(Label(), many=True, example="school_self_review",
                         about="how schools and districts review their own results"),
        "external": Attr(Label(), many=True, example="[eqao_assessment, inspection]",
                         about="the checks from outside"),
        "transparency": Attr(Word("transparency", example="public"), about="who sees the results"),
        "consequence": Attr(Word("consequence", example="support_first"), about="what follows poor results"),
        "measures": Attr(Ref("indicator", example="grade6_reading"), many=True, example="[grade6_reading]",
                         about="the indicators results are judged by"),
    },
    example="""\
accountability {
  style: intelligent
  internal: school_self_review
  external: provincial_assessment
  transparency: public
  consequence: support_first
  measures: [grade6_reading, six_cs_progress]
}""",
)

FUNDING = BlockSpec(
    "funding", model.Funding, "Money for the reform, from one level to another.", symbol="funding",
    attributes={
        "amount": Attr(MoneyKind(), example="369_000_000 NZD", about="how much"),
        "from": Attr(Ref("level", example="ministry"), field="from_", about="who gives it"),
        "to": Attr(Ref("level", example="districts"), about="who receives it"),
        "purpose": Attr(Word("purpose", example="capacity"), many=True, example="[capacity, incentives]",
                        about="what the money is for"),
        "period": Attr(YearSpan(), about="when it is paid"),
    },
    example="""\
funding middle_fund "Leadership from the middle fund" {
  amount: 25_000_000 CAD
  from: ministry
  to: districts
  purpose: capacity
  period: 2026 .. 2031
}""",
)

NETWORK = BlockSpec(
    "network", model.Network, "A network of schools or districts, and the rules it works by.", symbol="network",
    attributes={
        "members": Attr(Ref("level", example="schools"), about="what the network is made of"),
        "size": Attr(SizeSpan(), about="how many members each network has"),
        "joining": Attr(Word("joining", example="open"), about="who may join"),
        "facilitator": Attr(AnyOf((Ref("level"), Text()), example="districts"), example='"Executive principal"',
                            about="who leads and facilitates it"),
        "meets": Attr(Word("cadence", example="monthly"), about="how often it meets"),
        "goals": Attr(Ref("indicator", example="grade6_reading"), many=True, example="[grade6_reading]",
                      about="the system goals it works on"),
        "trust": Attr(Label(), many=True, example="[peer_visits]", about="how trust is built"),
        "practice": Attr(Label(), many=True, example="collaborative_inquiry",
                         about="the practice its members improve together"),
        "learns_from": _groups('["University partners"]', "whom it learns from outside itself"),
        "partners": _groups("[students, families]", "the new partnerships it makes"),
        "resources": Attr(Ref("funding", example="middle_fund"), many=True, example="[middle_fund]",
                          about="the money tied to it; `[]` says it has none"),
        "designed_by": Attr(Ref("level", example="districts"), many=True, example="[districts]",
                            about="the levels that design it; unstated, its owner (its facilitator when that is a "
                                  "level, else its members when they are the middle)"),
    },
    example="""\
network literacy_networks "Literacy learning networks" {
  members: schools
  size: 5 .. 20
  joining: open
  facilitator: districts
  meets: monthly
  goals: [grade6_reading]
  trust: [shared_protocols, peer_visits]
  practice: collaborative_inquiry
  learns_from: ["Neighbouring provinces", "University partners"]
  partners: [students, teachers, families]
  resources: [middle_fund]
}""",
)

PHASE = BlockSpec(
    "phase", model.Phase, "A phase of the rollout, in order.", symbol="phase",
    attributes={"period": Attr(YearSpan(), example="2027 .. 2029", about="when the phase runs"),
                "coverage": Attr(Percent(), example="100%",
                                 about="the share of units reached by the end of the phase")},
    example="""\
phase spread "Spread to every school" {
  period: 2027 .. 2029
  coverage: 100%
}""",
)

ROLLOUT = BlockSpec(
    "rollout", model.Rollout, "How the reform reaches every unit, phase by phase.", id=NONE, title=NONE,
    attributes={"mode": Attr(Word("rollout_mode", example="diffusion"), example="pilot", about="how it spreads")},
    children={"phase": Child("phases")},
    example="""\
rollout {
  mode: diffusion
  phase launch "Launch with volunteer networks" {
    period: 2026 .. 2027
    coverage: 30%
  }
  phase spread "Spread to every school" {
    period: 2027 .. 2029
    coverage: 100%
  }
}""",
)

LEARNING_MODEL = BlockSpec(
    "learning_model", model.LearningModel,
    "Directional vision, letting go and reining in: how a system gives its schools freedom and still holds "
    "together.", id=NONE, title=NONE,
    attributes={
        "vision": Attr(Text(), example='"Deep learning for every student"', about="the shared direction"),
        "letting_go": Attr(Text(), example='"Each network chooses its own inquiry"',
                           about="what is left to schools and networks"),
        "reining_in": Attr(Label(), many=True, example="[co_learning_protocols, shared_assessment]",
                           about="what keeps the work together, built into co-learning"),
        "spreading": Attr(Label(), many=True, example="[learning_fairs, shared_case_bank]",
                          about="how what is learned is spread"),
        "spreads_to": Attr(AnyOf((Ref("level"), Word("group"), Text()), example="schools"), many=True,
                           example='[schools, ministry, "Other provinces"]',
                           about="where it is spread: to every school (diffusion), and beyond the middle "
                                 "(systemness)"),
    },
    example="""\
learning_model {
  vision: "Literacy and deep learning for all"
  letting_go: "Schools choose their inquiry focus within the two priorities"
  reining_in: [co_learning_protocols, annual_review]
}""",
)

SIMULATION = BlockSpec(
    "simulation", model.Simulation,
    "Settings for simulating the design with `reformlang simulate`; anything left out takes a default. The "
    "model is described in docs/simulation.md.", id=NONE, title=NONE,
    attributes={
        "runs": Attr(Integer(minimum=1, example="20"), about="how many runs, for the uncertainty bands"),
        "seed": Attr(Integer(minimum=0, example="0"), about="the random seed: the same seed gives the same results"),
        "steps_per_year": Attr(Integer(minimum=1, example="12"), about="time steps per year (12 is monthly)"),
        "until": Attr(Year(), example="2036", about="the last year simulated; past the period, to see what lasts"),
        "performance": Attr(Percent(), example="54%", about="mean school performance at the start"),
        "spread": Attr(Percent(), example="12%",
                       about="how far schools differ at the start (standard deviation)"),
    },
    example="""\
simulation {
  runs: 20
  seed: 0
  until: 2036
  performance: 54%
  spread: 12%
}""",
)

INITIATIVE = BlockSpec(
    "initiative", model.Initiative,
    "A reform of a school system. It stands at the top of the file; everything else goes inside it. A file "
    "may hold several initiatives (see `examples/districts_together.reform`).", symbol="initiative",
    attributes={
        "jurisdiction": Attr(Text(), example='"Ontario, Canada"', about="the system reformed"),
        "period": Attr(YearSpan(),
                       about="when the reform runs; strategies, phases and funding should fall inside it"),
        "vision": Attr(Text(), example='"Every student reads with confidence by Grade 6"',
                       about="the direction, in a sentence"),
        "students": Attr(StudentsKind(), about="whom the reform is for"),
    },
    children={
        "engagement": Child("engagement", many=False),
        "level": Child("levels"),
        "link": Child("links"),
        "priority": Child("priorities"),
        "accountability": Child("accountability", many=False),
        "funding": Child("funding"),
        "network": Child("networks"),
        "rollout": Child("rollout", many=False),
        "learning_model": Child("learning_model", many=False),
        "simulation": Child("simulation", many=False),
    },
    example="""\
initiative literacy "Provincial Literacy Partnership" {
  period: 2026 .. 2031
  vision: "Every student reads with confidence by Grade 6"
  ...
}""",
)

# ------------------------------------------------------------------ library blocks
WORD = BlockSpec(
    "word", model.Word,
    "One word of a vocabulary, and what it means to the checker and the simulator (see \"What a word "
    "means\").", derived=("core",),
    attributes={
        "about": Attr(Text(), example='"Regional offices between the ministry and the districts"',
                      about="what the word means, for people"),
        "like": Attr(Identifier(), example="middle",
                     about="the word of the same vocabulary it behaves like for the checker and the simulator"),
        "traits": Attr(Identifier(), many=True, example="[achievement]",
                       about="properties of its own, replacing those it would take from `like`"),
        "per_year": Attr(Integer(minimum=1), example="4", about="for a cadence: how many times a year"),
    },
    example='word regional "Regional" { about: "Regional offices"  like: middle }',
)

VOCABULARY = BlockSpec(
    "vocabulary", model.Vocabulary,
    "A list of words, or words added to a list of the same id (see \"Adding your own words\").",
    children={"word": Child("words")},
    example="""\
vocabulary tier {
  word regional "Regional" { like: middle }
}""",
)

PRINCIPLE = BlockSpec(
    "principle", model.Principle, "One principle of a framework, which the checker holds specs to.",
    derived=("name",),
    attributes={
        "about": Attr(Text(), example='"Without a middle, the state talks to thousands of schools alone."',
                      about="why it matters"),
        "holds_when": Attr(Text(), example='"At least one level with tier middle"',
                           about="what a spec must show for it to hold"),
        "source": Attr(Text(), example='"Fullan, Leadership from the Middle"', about="where it comes from"),
    },
    example="""\
principle middle_exists "There is a middle" {
  about: "Without a middle, the state talks to thousands of schools alone."
  holds_when: "At least one level with tier middle"
  source: "Fullan, Leadership from the Middle"
}""",
)

FRAMEWORK = BlockSpec(
    "framework", model.Framework, "A body of research a spec commits to with `use`: its principles.",
    attributes={
        "about": Attr(Text(), example='"Networks of schools improve practice when they are built for it."',
                      about="what the framework says"),
        "source": Attr(Text(), example='"Fullan and Rincon-Gallardo"', about="where it comes from"),
    },
    children={"principle": Child("principles")},
    example="""\
framework our_principles "Our province's principles" {
  source: "Provincial strategy, 2026"
  principle every_school_networked "Every school in a network" { ... }
}""",
)

# Every block of a spec, by keyword, in the order the reference gives them.
BLOCKS: dict[str, BlockSpec] = {
    b.keyword: b
    for b in (INITIATIVE, ENGAGEMENT, LEVEL, LINK, PRIORITY, INDICATOR, STRATEGY, ACCOUNTABILITY, FUNDING,
              NETWORK, ROLLOUT, PHASE, LEARNING_MODEL, SIMULATION)
}

# Every block of a library file (the standard library and a jurisdiction's own).
LIBRARY: dict[str, BlockSpec] = {b.keyword: b for b in (VOCABULARY, WORD, FRAMEWORK, PRINCIPLE)}

# Where each block may stand, for "`indicator` belongs inside a `priority`".
PARENTS: dict[str, list[str]] = {}
for _b in (*BLOCKS.values(), *LIBRARY.values()):
    for _kw in _b.children:
        PARENTS.setdefault(_kw, []).append(_b.keyword)

# Blocks at the top of a file: those no other block holds.
LIBRARY_BLOCKS = tuple(kw for kw in LIBRARY if kw not in PARENTS)
TOP_LEVEL = tuple(kw for kw in (*BLOCKS, *LIBRARY) if kw not in PARENTS)
for _kw in TOP_LEVEL:
    PARENTS[_kw] = ["the top of the file"]


def walk(node: Any, spec: BlockSpec | None = None, position: int | None = None) -> Iterator[tuple[BlockSpec, Any, int | None]]:
    """Every block of a model node (an initiative by default) and the blocks inside it, in schema order,
    with its position among its siblings when it may repeat."""
    spec = spec or BLOCKS["initiative"]
    yield spec, node, position
    for keyword, child in spec.children.items():
        value = getattr(node, child.field, None)
        if child.many:
            for n, part in enumerate(value or ()):
                yield from walk(part, BLOCKS.get(keyword) or LIBRARY[keyword], n)
        elif value is not None:
            yield from walk(value, BLOCKS.get(keyword) or LIBRARY[keyword], None)


# ------------------------------------------------------------------ thresholds
@record
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
    Threshold("network_meetings_per_year", 10,
              "the fewest meetings a year for a network to meet frequently (10, monthly in a school year, by "
              "default: the research says only \"frequently\")", minimum=1, maximum=365),
    Threshold("network_size_min", 5, "the fewest members a network should have",
              source=NZ_NETWORK_SIZE,
              minimum=1),
    Threshold("network_size_max", 20, "the most members a network should have",
              source=NZ_NETWORK_SIZE,
              minimum=1),
    # The research asks for "a small number of key priorities", with no figure.
    Threshold("few_priorities", 3, "the most priorities a system can keep in front of everyone; more are "
              "flagged, more firmly the more there are", minimum=1),
)}
